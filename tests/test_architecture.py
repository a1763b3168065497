"""The layer contracts hold, and would catch a low layer importing a high one."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is not installed"),
]


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=tree, text=True,
                          capture_output=True, env={"PYTHONPATH": str(tree / "cli"),
                                                    "PATH": "/usr/bin:/bin"}, check=False)


def _copy_package(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "cli" / "crossroads", tmp_path / "cli" / "crossroads",
                    ignore=shutil.ignore_patterns("__pycache__", "fonts", "_data"))
    return tmp_path


def test_the_shipped_package_keeps_every_contract(tmp_path: Path) -> None:
    result = _lint(_copy_package(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_engine_importing_a_renderer_breaks_the_layers(tmp_path: Path) -> None:
    tree = _copy_package(tmp_path)
    engine = tree / "cli" / "crossroads" / "core" / "engine.py"
    engine.write_text(engine.read_text() + "\nimport crossroads.report.tables  # noqa\n")
    result = _lint(tree)
    assert result.returncode != 0
    assert "crossroads.core is not allowed to import crossroads.report" in result.stdout


def test_rich_outside_the_user_facing_layers_is_refused(tmp_path: Path) -> None:
    tree = _copy_package(tmp_path)
    loader = tree / "cli" / "crossroads" / "io" / "loader.py"
    loader.write_text(loader.read_text() + "\nimport rich  # noqa\n")
    result = _lint(tree)
    assert result.returncode != 0
    assert "crossroads.io.loader -> rich" in result.stdout
