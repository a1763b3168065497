"""Shared fixtures: a CLI runner that goes through the real entry point, and file builders."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from crossroads.app import main

# Property tests run as many examples as the profile says (a test's own @settings wins):
# `dev`, the default, keeps `python -m pytest` quick; `ci` (HYPOTHESIS_PROFILE=ci, set by
# .ci/run) tries seven times as many.  No deadline: a shared 2-CPU machine stalls at random.
settings.register_profile("dev", max_examples=40, deadline=None)
settings.register_profile("ci", max_examples=300, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
# `mutation` (.ci/mutation): each mutant reruns every test that reaches it, so fewer examples.
settings.register_profile("mutation", max_examples=10, deadline=None,
                          suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

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
    """Every test records runs in its own throwaway decision log, never in the real home.

    Output is laid out at the piped width whatever terminal runs the suite: a developer's
    ``COLUMNS`` (or pytest-xdist's workers, which set 80) must not change what is asserted.
    """
    home = tmp_path_factory.mktemp("crossroads-home")
    for name in ("COLUMNS", "LINES"):
        monkeypatch.delenv(name, raising=False)
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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every hypothesis test `property`, so CI can rerun them all at the `ci` profile
    (`-m property`) without a list of files that could drift."""
    for item in items:
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.property)


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """Spread a run of the suite or of folders over every CPU when pytest-xdist is installed
    (the `test` extra brings it) and no `-n` was given: `-n auto --dist loadfile`, so a
    module's fixtures are made once.  A run of single files or tests stays in one process
    (starting workers costs more than it saves), as does everything without xdist.
    Benchmarks always run in one: pytest-benchmark times nothing under xdist."""
    if not config.pluginmanager.hasplugin("xdist") or hasattr(config, "workerinput"):
        return
    folders = all("::" not in arg and Path(arg).is_dir() for arg in config.args)
    if config.getoption("benchmark_only", default=False):
        config.option.numprocesses = 0
    elif config.option.numprocesses is None and folders and not config.option.collectonly:
        config.option.numprocesses = "auto"
        if config.option.dist == "no":
            config.option.dist = "loadfile"
