"""Shared fixtures: a CLI runner that goes through the real entry point, and file builders."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from crossroads.app import main

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
TINY_PACK = DATA / "tiny-pack"


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One parsed-YAML cache for the session: the shipped files are parsed once, not once a
    test (tests of the cache itself point CROSSROADS_CACHE_DIR elsewhere)."""
    return tmp_path_factory.mktemp("crossroads-cache")


@pytest.fixture(autouse=True)
def private_log_home(tmp_path_factory: pytest.TempPathFactory, shared_cache: Path,
                     monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test records runs in its own throwaway decision log, never in the real home."""
    home = tmp_path_factory.mktemp("crossroads-home")
    monkeypatch.setenv("CROSSROADS_HOME", str(home))
    monkeypatch.setenv("CROSSROADS_CACHE_DIR", str(shared_cache))
    return home


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run `crossroads ARGS...` in-process through main(), capturing output and exit code."""

    def run(*args: str | Path) -> Run:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a dedented text file under tmp_path and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write
