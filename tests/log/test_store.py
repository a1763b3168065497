"""The decision log's storage: real SQLite files, concurrent writers, migrations, bad files."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import DATA, ROOT, TINY_PACK
from crossroads import load_pack, load_scenario, score
from crossroads.io.serialize import scenario_from_dict, scenario_to_dict
from crossroads.log import store as dl
from crossroads.log.reading import find, ids_with_prefix
from crossroads.log.records import make_records
from crossroads.log.store import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    LogError,
    Query,
    append,
    default_log_path,
)

SCENARIO = DATA / "history" / "testland.yaml"

WORKER = """
import sys
from pathlib import Path
from crossroads import load_pack, load_scenario, score
from crossroads.log.store import append
from crossroads.log.records import make_records

log, worker, count, pack, scenario = sys.argv[1:6]
result = score(load_pack(pack), load_scenario(scenario))
for i in range(int(count)):
    append(Path(log), make_records("score", [result], ["score", f"w{worker}", str(i)]))
"""


def records(count: int = 1) -> list[dl.RunRecord]:
    result = score(load_pack(TINY_PACK), load_scenario(SCENARIO))
    out = []
    for i in range(count):
        out.extend(make_records("score", [result], ["score", str(SCENARIO), f"#{i}"]))
    return out


@pytest.mark.slow
def test_two_hundred_runs_from_four_processes_are_all_recorded(tmp_path: Path) -> None:
    log = tmp_path / "shared.sqlite3"  # absent: the four processes also race to create it
    env = {**os.environ, "PYTHONPATH": str(ROOT / "cli")}
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, str(log), str(w), "50",
                               str(TINY_PACK), str(SCENARIO)],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for w in range(4)]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert err == ""
    runs = find(log)
    assert len(runs) == 200
    assert len({r.id for r in runs}) == 200
    seen = {(r.argv[1], r.argv[2]) for r in runs}
    assert seen == {(f"w{w}", str(i)) for w in range(4) for i in range(50)}
    with sqlite3.connect(log) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_new_log_has_the_current_schema_marks_and_wal(tmp_path: Path) -> None:
    log = tmp_path / "deep" / "dir" / "log.sqlite3"  # parent directories are created
    append(log, records())
    with sqlite3.connect(log) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_record_reads_back_exactly(tmp_path: Path) -> None:
    log = tmp_path / "log.sqlite3"
    [written] = records()
    append(log, [written])
    [read] = find(log)
    assert read == written
    assert read.leader == written.result["options"][0]["id"]
    assert read.pack_digest.startswith("sha256:")
    assert read.scenario["factors"]["x"] == {
        "value": 0.6, "range": [0.4, 0.8], "source": "Testland statistics office"}


V1_SCHEMA = """
CREATE TABLE runs (
    id TEXT PRIMARY KEY, created TEXT NOT NULL, command TEXT NOT NULL, argv TEXT NOT NULL,
    crossroads_version TEXT NOT NULL, pack_id TEXT NOT NULL, pack_version TEXT NOT NULL,
    pack_digest TEXT NOT NULL, scenario_id TEXT NOT NULL, subject TEXT NOT NULL,
    scenario TEXT NOT NULL, weights TEXT NOT NULL, risk_aversion REAL NOT NULL,
    seed INTEGER, result TEXT NOT NULL
);
"""


def test_a_version_1_log_is_read_as_is_then_migrated_by_a_write(tmp_path: Path) -> None:
    log = tmp_path / "old.sqlite3"
    # Written by hand, as crossroads' first schema left it (no invocation/pack_path/leader).
    with sqlite3.connect(log) as db:
        db.executescript(V1_SCHEMA)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute("PRAGMA user_version = 1")
        db.execute(
            "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ("ab" * 16, "2026-01-05T09:00:00.000+00:00", "brief", '["brief", "old.yaml"]',
             "0.0.9", "tiny", "0.9", "sha256:0123456789abcdef", "old-scenario", "Oldland",
             json.dumps({"format": "crossroads.scenario/1", "id": "old-scenario",
                         "title": "Old", "subject": "Oldland", "factors": {"x": 0.1}}),
             '{"sov": 0.5, "econ": 0.5}', 1.5, 42,
             json.dumps({"options": [{"id": "b", "title": "B", "rank": 1, "score": 0.7,
                                      "benefit": 1.0, "risk": 0.2}]})))
    db.close()

    [old] = find(log)
    assert (old.id, old.command, old.seed, old.risk_aversion) == ("ab" * 16, "brief", 42, 1.5)
    assert old.leader == "b"  # backfilled from the stored result
    assert old.invocation == old.id
    assert old.pack_path == ""
    assert old.subject == "Oldland"
    with sqlite3.connect(log) as db:  # reading left the old schema as it was
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    db.close()
    append(log, records())  # recording a run migrates it
    assert [r.command for r in find(log)] == ["score", "brief"]
    with sqlite3.connect(log) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        indexes = {row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index'")}
    db.close()
    assert {"runs_created", "runs_subject"} <= indexes


def test_a_log_from_a_newer_crossroads_is_left_alone(tmp_path: Path) -> None:
    log = tmp_path / "new.sqlite3"
    append(log, records())
    with sqlite3.connect(log) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(LogError, match="newer than this crossroads"):
        append(log, records())


@pytest.mark.parametrize("content", [b"this is a text file\n", b"\x00" * 4096,
                                     b"SQLite format 3\x00" + b"\xff" * 2000])
def test_a_corrupt_file_is_refused_and_not_touched(tmp_path: Path, content: bytes) -> None:
    log = tmp_path / "history.sqlite3"
    log.write_bytes(content)
    with pytest.raises(LogError, match="not a") as caught:
        append(log, records())
    assert caught.value.hint  # says what to do
    assert log.read_bytes() == content
    with pytest.raises(LogError):
        find(log)


def test_a_foreign_sqlite_database_is_refused_and_not_touched(tmp_path: Path) -> None:
    log = tmp_path / "other-app.db"
    with sqlite3.connect(log) as db:
        db.execute("CREATE TABLE notes (body TEXT)")
    db.close()
    before = log.read_bytes()
    with pytest.raises(LogError, match="SQLite database but not a crossroads decision log"):
        append(log, records())
    assert log.read_bytes() == before


def test_a_locked_log_is_retried_then_reported(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "log.sqlite3"
    append(log, records())
    monkeypatch.setattr(dl, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(log, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        with pytest.raises(LogError, match="locked by another process"):
            append(log, records())
        assert time.monotonic() - started < 5
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(find(log)) == 1


def test_a_briefly_locked_log_is_written_once_the_lock_goes(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    log = tmp_path / "log.sqlite3"
    append(log, records())
    monkeypatch.setattr(dl, "BUSY_TIMEOUT_MS", 100)  # less than the lock is held
    holder = sqlite3.connect(log, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(0.15, lambda: (holder.execute("ROLLBACK"), holder.close()))
    release.start()
    try:
        append(log, records())
    finally:
        release.join()
    assert len(find(log)) == 2


def test_queries_filter_by_subject_time_and_limit(tmp_path: Path) -> None:
    log = tmp_path / "log.sqlite3"
    base = records(3)
    stamped = [r._replace(created=f"2026-0{i + 1}-01T00:00:00.000+00:00")
               for i, r in enumerate(base)]
    other = stamped[1]._replace(id="f" * 32,
                                scenario={**stamped[1].scenario, "subject": "Қазақстан"})
    append(log, [*stamped, other])
    assert [r.created[:7] for r in find(log)] == ["2026-03", "2026-02", "2026-02", "2026-01"]
    assert len(find(log, Query(subject="TESTLAND"))) == 3
    assert [r.id for r in find(log, Query(subject="қазақстан"))] == ["f" * 32]
    assert len(find(log, Query(since="2026-02-01T00:00:00.000+00:00"))) == 3
    assert len(find(log, Query(limit=2))) == 2
    assert ids_with_prefix(log, "fff") == ["f" * 32]


def test_an_absent_log_reads_as_empty_and_is_not_created(tmp_path: Path) -> None:
    log = tmp_path / "none.sqlite3"
    assert find(log) == []
    assert not log.exists()


def test_default_log_path_follows_crossroads_home_then_xdg(tmp_path: Path) -> None:
    assert default_log_path({"CROSSROADS_HOME": "/x/home"}) == Path("/x/home/history.sqlite3")
    assert default_log_path({"XDG_DATA_HOME": "/x/data"}) == \
        Path("/x/data/crossroads/history.sqlite3")
    assert default_log_path({}) == \
        Path("~/.local/share/crossroads/history.sqlite3").expanduser()


def test_the_log_stores_only_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "do-not-log-this-7f3a"
    monkeypatch.setenv("SOME_API_TOKEN", secret)
    log = tmp_path / "log.sqlite3"
    [record] = records()
    assert set(record.to_dict()) == {"id", "created", "command", "argv", "version",
                                     "invocation", "pack", "scenario", "weights",
                                     "risk_aversion", "seed", "result"}
    append(log, [record])
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert secret.encode() not in raw
    assert socket.gethostname().encode() not in raw
    assert os.environ.get("USER", "\0nobody").encode() not in raw


def test_scenario_dict_round_trips_through_the_file_checks() -> None:
    original = load_scenario(SCENARIO)
    data = scenario_to_dict(original)
    assert json.loads(json.dumps(data)) == data  # JSON-safe (dates as text)
    assert data["as_of"] == "2025-06-30"
    again = scenario_from_dict(data, "test")
    for field in ("id", "title", "subject", "as_of", "pack", "priorities", "notes",
                  "risk_aversion"):
        assert getattr(again, field) == getattr(original, field), field
    assert {k: (v.value, v.low, v.high, v.source) for k, v in again.factors.items()} == \
        {k: (v.value, v.low, v.high, v.source) for k, v in original.factors.items()}
