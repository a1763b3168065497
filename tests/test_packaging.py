"""The built wheel, installed with its declared dependencies into an empty virtual
environment, works as a user meets it: every kind of command, from an unrelated folder.

The wheel is built once for the module and installed by pip (from the package index or
pip's cache) into a venv made without system site-packages and without the dev tools, so
a direct import that ``pyproject.toml`` does not declare fails here as it would for a
user.  ``tests/test_dependencies.py`` checks the same statically, in the fast suite.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest

from conftest import ROOT


@dataclass(frozen=True)
class Installed:
    names: frozenset[str]  # files inside the wheel
    bin: Path  # the venv's scripts folder
    env: dict[str, str]  # a user's environment: the venv first on PATH, a private home
    elsewhere: Path  # a working directory outside the checkout


# Slow: builds a wheel and installs its dependencies (once: `--dist loadfile` keeps a
# module's tests on one xdist worker).
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp / "dist"), str(ROOT)],
        check=True, capture_output=True)
    (wheel,) = (tmp / "dist").glob("crossroads-*.whl")
    names = frozenset(zipfile.ZipFile(wheel).namelist())
    env_dir = tmp / "venv"
    venv.create(env_dir, with_pip=False, clear=True)  # pip below drives it from outside
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
         "--disable-pip-version-check", str(wheel)], capture_output=True, text=True)
    assert install.returncode == 0, install.stdout + install.stderr
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "VIRTUAL_ENV", "COLUMNS")}
    env.update(PATH=f"{env_dir / 'bin'}{os.pathsep}{env.get('PATH', '')}",
               CROSSROADS_HOME=str(tmp / "home"), CROSSROADS_CACHE_DIR=str(tmp / "cache"))
    return Installed(names, env_dir / "bin", env, elsewhere)


def run(installed: Installed, *args: str) -> subprocess.CompletedProcess[str]:
    """`crossroads ARGS` through the console script the wheel installed."""
    return subprocess.run([str(installed.bin / "crossroads"), *args], cwd=installed.elsewhere,
                          env=installed.env, capture_output=True, text=True, timeout=300)


def test_the_venv_holds_the_wheel_and_its_dependencies_only(installed: Installed) -> None:
    python = str(installed.bin / "python")
    where = subprocess.run([python, "-c", "import crossroads; print(crossroads.__file__)"],
                           cwd=installed.elsewhere, env=installed.env, capture_output=True,
                           text=True, check=True).stdout
    assert str(installed.bin.parent) in where and str(ROOT) not in where
    for dev_tool in ("pytest", "hypothesis", "mkdocs"):
        missing = subprocess.run([python, "-c", f"import {dev_tool}"], env=installed.env,
                                 capture_output=True)
        assert missing.returncode != 0, f"{dev_tool} leaked into the empty venv"


def test_wheel_carries_packs_scenarios_schemas_fonts_and_templates(installed: Installed
                                                                     ) -> None:
    for name in ("rules/partner-engagement/pack.yaml", "rules/sovereignty-strategy/pack.yaml",
                 "rules/central-asia-factors.yaml", "rules/schema/scenario.schema.json",
                 "scenarios/kazakhstan-2025.yaml"):
        assert f"crossroads/_data/{name}" in installed.names
    for name in ("fonts/SourceSansPro-Regular.ttf", "fonts/SourceSansPro-Semibold.ttf",
                 "fonts/SourceSansPro-Bold.ttf", "fonts/OFL.txt", "templates/briefing.typ",
                 "templates/charts.typ"):
        assert f"crossroads/report/briefing/{name}" in installed.names


def test_score_and_explain_a_shipped_scenario_by_id(installed: Installed) -> None:
    table = run(installed, "score", "kazakhstan-2025")
    assert table.returncode == 0, table.stderr
    assert "Base-case leader:" in table.stdout and "Traceback" not in table.stderr
    csv = run(installed, "score", "kazakhstan-2025", "--format", "csv")
    assert csv.stdout.startswith("scenario,subject,as_of,pack,pack_version,rank,option")
    explained = run(installed, "explain", "kazakhstan-2025")
    assert explained.returncode == 0, explained.stderr
    assert "economic-baseline" in explained.stdout  # a rule named behind a score


def test_brief_to_pdf_word_and_markdown_files(installed: Installed) -> None:
    pdf = run(installed, "brief", "kazakhstan-2025", "-o", "k.pdf", "--draws", "500")
    assert pdf.returncode == 0, pdf.stderr
    reader = pypdf.PdfReader(io.BytesIO((installed.elsewhere / "k.pdf").read_bytes()))
    assert 2 <= len(reader.pages) <= 4
    assert "Қазақстан" in reader.pages[0].extract_text()  # the shipped fonts have Cyrillic
    word = run(installed, "brief", "kazakhstan-2025", "-o", "k.docx", "--draws", "500")
    assert word.returncode == 0, word.stderr  # python-docx and lxml came with the wheel
    assert zipfile.ZipFile(installed.elsewhere / "k.docx").testzip() is None
    markdown = run(installed, "brief", "kazakhstan-2025", "-o", "k.md", "--draws", "500")
    assert markdown.returncode == 0, markdown.stderr
    assert "Kazakhstan" in (installed.elsewhere / "k.md").read_text(encoding="utf-8")


def test_rules_validate_and_lint_the_shipped_packs(installed: Installed) -> None:
    valid = run(installed, "rules", "validate")
    assert valid.returncode == 0, valid.stdout + valid.stderr
    lint = run(installed, "rules", "lint", "partner-engagement")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert "Traceback" not in lint.stderr


def test_scenarios_list_names_every_shipped_scenario(installed: Installed) -> None:
    listed = run(installed, "scenarios", "list")
    assert listed.returncode == 0, listed.stderr
    shipped = sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))
    assert shipped and all(name in listed.stdout for name in shipped)
