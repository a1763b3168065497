"""The installed package (not the checkout) carries its packs, scenarios, fonts and template.

The wheel is built and installed once for the module, into a target directory that a
subprocess then uses from an unrelated working directory.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest

from conftest import ROOT


@dataclass(frozen=True)
class Installed:
    names: frozenset[str]  # files inside the wheel
    env: dict[str, str]  # environment that imports the installed copy
    elsewhere: Path  # a working directory outside the checkout


pytestmark = pytest.mark.slow  # builds a wheel and runs it in subprocesses


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp / "dist"), str(ROOT)],
        check=True, capture_output=True)
    (wheel,) = (tmp / "dist").glob("crossroads-*.whl")
    names = frozenset(zipfile.ZipFile(wheel).namelist())
    target = tmp / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(target), CROSSROADS_HOME=str(tmp / "home"))
    return Installed(names, env, elsewhere)


def run(installed: Installed, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "crossroads", *args], cwd=installed.elsewhere,
                          env=installed.env, capture_output=True, text=True)


def test_wheel_carries_packs_scenarios_and_schemas(installed: Installed) -> None:
    for name in ("rules/partner-engagement/pack.yaml", "rules/sovereignty-strategy/pack.yaml",
                 "rules/central-asia-factors.yaml", "rules/schema/scenario.schema.json",
                 "scenarios/kazakhstan-2025.yaml"):
        assert f"crossroads/_data/{name}" in installed.names


def test_installed_copy_scores_shipped_ids_from_elsewhere(installed: Installed) -> None:
    where = subprocess.run([sys.executable, "-c", "import crossroads; print(crossroads.__file__)"],
                           cwd=installed.elsewhere, env=installed.env, capture_output=True,
                           text=True).stdout
    assert str(installed.env["PYTHONPATH"]) in where
    result = run(installed, "score", "kazakhstan-2025", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("scenario,subject,as_of,pack,pack_version,rank,option")


def test_installed_copy_briefs_to_pdf_with_its_own_fonts(installed: Installed) -> None:
    for name in ("SourceSansPro-Regular.ttf", "SourceSansPro-Semibold.ttf",
                 "SourceSansPro-Bold.ttf", "OFL.txt"):
        assert f"crossroads/report/briefing/fonts/{name}" in installed.names
    assert "crossroads/report/briefing/templates/briefing.typ" in installed.names
    assert "crossroads/report/briefing/templates/charts.typ" in installed.names
    result = run(installed, "brief", "kazakhstan-2025", "-o", "k.pdf")
    assert result.returncode == 0, result.stderr
    reader = pypdf.PdfReader(io.BytesIO((installed.elsewhere / "k.pdf").read_bytes()))
    assert 3 <= len(reader.pages) <= 4
    word = run(installed, "brief", "kazakhstan-2025", "-o", "k.docx", "--draws", "500")
    assert word.returncode == 0, word.stderr
    assert (installed.elsewhere / "k.docx").read_bytes().startswith(b"PK")
    assert "Қазақстан" in reader.pages[0].extract_text()
