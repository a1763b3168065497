"""An installed wheel (not the checkout) carries the briefing's fonts and template."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pypdf
import pytest

from conftest import ROOT


@pytest.mark.slow
def test_wheel_briefs_to_pdf_from_another_directory(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "dist"), str(ROOT)],
        check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("crossroads-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("SourceSansPro-Regular.ttf", "SourceSansPro-Semibold.ttf",
                 "SourceSansPro-Bold.ttf", "OFL.txt"):
        assert f"crossroads/report/fonts/{name}" in names
    assert "crossroads/report/templates/briefing.typ" in names

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(target), CROSSROADS_HOME=str(tmp_path / "home"))
    run = subprocess.run([sys.executable, "-m", "crossroads", "brief", "kazakhstan-2025",
                          "-o", "k.pdf"], cwd=elsewhere, env=env, capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stderr
    reader = pypdf.PdfReader(io.BytesIO((elsewhere / "k.pdf").read_bytes()))
    assert 1 <= len(reader.pages) <= 3
    assert "Қазақстан" in reader.pages[0].extract_text()
