"""The installed package (not the checkout) finds its shipped packs and scenarios."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT


def test_wheel_carries_the_data_and_runs_from_elsewhere(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "dist"), str(ROOT)],
        check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("crossroads-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "crossroads/_data/rules/partner-engagement/pack.yaml" in names
    assert "crossroads/_data/rules/central-asia-factors.yaml" in names
    assert "crossroads/_data/scenarios/kazakhstan-2025.yaml" in names

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(target), CROSSROADS_HOME=str(tmp_path / "home"))
    run = subprocess.run([sys.executable, "-m", "crossroads", "score", "kazakhstan-2025",
                          "--format", "csv"], cwd=elsewhere, env=env, capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("scenario,pack,rank,option")
    assert str(target) in subprocess.run(
        [sys.executable, "-c", "import crossroads; print(crossroads.__file__)"], cwd=elsewhere,
        env=env, capture_output=True, text=True).stdout
