"""Hostile caches and written files (issue 25, items 3 and 4).

A cache another process can write is just another input: an entry that is a FIFO, a huge
file or thousands of levels deep must be ignored, never hang or crash the run.  A cache
is also a copy that outlives the run: nothing from the user's scenarios goes there unless
the user opts in, and what crossroads writes for itself is 0600 in a 0700 folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import resource
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from crossroads import launch
from crossroads._version import __version__
from crossroads.app import main
from crossroads.core.errors import InputError
from crossroads.io.doccache import CACHE_FORMAT, load_doc
from crossroads.io.scenario_file import scenario_from_doc
from crossroads.io.yamldoc import load_yaml

SCENARIO = ROOT / "scenarios" / "kazakhstan-2025.yaml"
PACK_FILE = ROOT / "rules" / "partner-engagement" / "pack.yaml"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("CROSSROADS_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def no_hang() -> Iterator[None]:
    """A read that blocks (a FIFO) fails the test after ten seconds instead of hanging CI."""
    def blocked(*_args: object) -> None:
        raise AssertionError("the read blocked")

    previous = signal.signal(signal.SIGALRM, blocked)
    signal.alarm(10)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _entry(cache: Path, path: Path) -> Path:
    text = path.read_text(encoding="utf-8")
    digest = hashlib.sha256(f"{__version__}\n{CACHE_FORMAT}\n{text}".encode()).hexdigest()
    cache.mkdir(mode=0o700, exist_ok=True)
    return cache / f"doc-{digest}.json"


def test_a_fifo_cache_entry_is_ignored_not_waited_on(cache: Path, no_hang: None) -> None:
    os.mkfifo(_entry(cache, PACK_FILE))
    assert load_doc(PACK_FILE).data == load_yaml(PACK_FILE).data


def test_a_deeply_nested_cache_entry_is_ignored(cache: Path) -> None:
    entry = _entry(cache, PACK_FILE)
    depth = 5000
    entry.write_text('{"digest": "x", "data": ' + "[" * depth + "]" * depth + "}",
                     encoding="utf-8")
    digest = entry.name[4:-5]
    entry.write_text(f'{{"digest": "{digest}", "data": ' + "[" * depth + "]" * depth
                     + ', "positions": [], "key_positions": [], "styles": []}',
                     encoding="utf-8")
    assert load_doc(PACK_FILE).data == load_yaml(PACK_FILE).data


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))


@pytest.mark.slow
def test_a_huge_cache_entry_is_not_read(tmp_path: Path) -> None:
    """A 3 GB entry (sparse) stands in for a link to /dev/zero: refused from its size."""
    cache = tmp_path / "cache"
    entry = _entry(cache, PACK_FILE)
    with entry.open("wb") as handle:
        handle.truncate(3_000_000_000)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "cli"), "CROSSROADS_CACHE_DIR": str(cache),
           "CROSSROADS_HOME": str(tmp_path / "home")}
    proc = subprocess.run([sys.executable, "-m", "crossroads", "rules", "validate",
                           str(PACK_FILE.parent)], env=env, capture_output=True, text=True,
                          preexec_fn=_limits, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
              st.text(max_size=8)),
    lambda kids: st.one_of(st.lists(kids, max_size=4),
                           st.dictionaries(st.sampled_from(
                               ["digest", "data", "positions", "key_positions", "styles",
                                "\x00date", "\x00datetime", "format", "id"]), kids,
                               max_size=5)),
    max_leaves=12))
def test_cache_fuzz(body: object, cache: Path) -> None:
    """Any JSON in an entry (with the right digest or not) is ignored or read as data that
    the scenario reader then checks like YAML: a scenario or a located error, no crash."""
    entry = _entry(cache, SCENARIO)
    if isinstance(body, dict) and body.get("digest") is not None:
        body["digest"] = entry.name[4:-5]
    entry.write_text(json.dumps(body), encoding="utf-8")
    doc = load_doc(SCENARIO, cache=True)
    with contextlib.suppress(InputError):
        scenario_from_doc(doc, SCENARIO)


def test_help_cache_with_escapes_is_not_printed(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CROSSROADS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(sys, "argv", ["crossroads", "score", "--help"])
    key = launch.help_key(["score"])
    assert key is not None
    entry = launch._entry(key)
    assert entry is not None
    Path(entry).parent.mkdir(mode=0o700)
    Path(entry).write_text(f"{key}\nUsage: \x1b]52;c;aGk=\x07 \x1b[2J\n", encoding="utf-8")
    assert launch.cached_help(["score"]) is None
    Path(entry).write_text(f"{key}\nUsage: crossroads score\n", encoding="utf-8")
    assert launch.cached_help(["score"]) == "Usage: crossroads score\n"


def test_help_cache_fifo_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   no_hang: None) -> None:
    monkeypatch.setenv("CROSSROADS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(sys, "argv", ["crossroads", "score", "--help"])
    key = launch.help_key(["score"])
    assert key is not None
    entry = launch._entry(key)
    assert entry is not None
    Path(entry).parent.mkdir(mode=0o700)
    os.mkfifo(entry)
    assert launch.cached_help(["score"]) is None


def test_a_scenario_is_cached_only_by_opt_in(tmp_path: Path, cache: Path,
                                             monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    marker = "MARKER-" + os.urandom(6).hex()
    scenario = tmp_path / "s.yaml"
    scenario.write_text(SCENARIO.read_text(encoding="utf-8").replace(
        "title: ", f"title: {marker} ", 1), encoding="utf-8")
    assert main(["score", str(scenario), "--no-log"]) == 0
    capsys.readouterr()
    assert not any(marker in p.read_text(encoding="utf-8") for p in cache.glob("*"))
    assert any(cache.glob("doc-*.json")), "the packs are still cached"
    monkeypatch.setenv("CROSSROADS_CACHE_SCENARIOS", "1")
    assert main(["score", str(scenario), "--no-log"]) == 0
    assert any(marker in p.read_text(encoding="utf-8") for p in cache.glob("*"))
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in cache.glob("*")} == {0o600}


def _scan(root: Path, marker: bytes, skip: set[Path]) -> list[Path]:
    found = []
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink() and path not in skip \
                and marker in path.read_bytes():
            found.append(path)
    return found


@pytest.mark.slow
def test_unique_marker_reaches_no_other_file(tmp_path: Path) -> None:
    """Runs as a user would, in a fresh HOME with the XDG folders unset: the scenario's
    marker is in the briefing and the log, and in no other file crossroads wrote."""
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    marker = "UNIQUE-" + os.urandom(8).hex()
    scenario = work / "secret.yaml"
    scenario.write_text(SCENARIO.read_text(encoding="utf-8").replace(
        "title: ", f"title: {marker} ", 1), encoding="utf-8")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("XDG_", "CROSSROADS_"))}
    env.update(HOME=str(home), PYTHONPATH=str(ROOT / "cli"))
    runs = [["score", "secret.yaml"], ["score", "-", "--no-log"],
            ["explain", "secret.yaml", "--no-log"],
            ["sensitivity", "secret.yaml", "-n", "200"],
            ["brief", "secret.yaml", "-n", "200", "-o", "out.md"],
            ["scenarios", "validate", "secret.yaml"], ["score", "--help"]]
    for argv in runs:
        stdin = scenario.read_bytes() if "-" in argv else None
        proc = subprocess.run([sys.executable, "-m", "crossroads", *argv], cwd=work,
                              env=env, input=stdin, capture_output=True, timeout=300)
        assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    log = home / ".local" / "share" / "crossroads" / "history.sqlite3"
    assert log.exists()
    wal = {log.with_name(log.name + suffix) for suffix in ("-wal", "-shm")}
    leaked = _scan(home, marker.encode(), {log, *wal}) + _scan(
        work, marker.encode(), {scenario, work / "out.md"})
    assert leaked == []
    assert (work / "out.md").read_text(encoding="utf-8").count(marker)
    for path in home.rglob("*"):  # crossroads' own files and folders are private
        if "crossroads" in path.parts:
            want = 0o700 if path.is_dir() else 0o600
            assert stat.S_IMODE(path.stat().st_mode) == want, path
