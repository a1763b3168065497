"""A decision log someone hands you (issue 25, item 5): reads never write, rows are checked.

The corpus (tests/hostile/p2-5-*) covers planted triggers and views and rows edited field
by field; these tests cover what needs a hand-made file: an old schema, a foreign empty
SQLite file, a row too big to show, and generated rows of any JSON at all.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from crossroads.app import main
from crossroads.log.store import APPLICATION_ID

V1_SCHEMA = """
CREATE TABLE runs (
    id TEXT PRIMARY KEY, created TEXT NOT NULL, command TEXT NOT NULL, argv TEXT NOT NULL,
    crossroads_version TEXT NOT NULL, pack_id TEXT NOT NULL, pack_version TEXT NOT NULL,
    pack_digest TEXT NOT NULL, scenario_id TEXT NOT NULL, subject TEXT NOT NULL,
    scenario TEXT NOT NULL, weights TEXT NOT NULL, risk_aversion REAL NOT NULL,
    seed INTEGER, result TEXT NOT NULL
);
"""
SCENARIO = ROOT / "scenarios" / "kazakhstan-2025.yaml"
OPTION = {"id": "b", "title": "B", "rank": 1, "score": 0.7, "benefit": 1.0, "risk": 0.2}


def _v1_log(path: Path, result: dict[str, Any] | None = None) -> None:
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               ("ab" * 16, "2026-01-05T09:00:00.000+00:00", "brief", '["brief", "old.yaml"]',
                "0.0.9", "tiny", "0.9", "sha256:0123", "old-scenario", "Oldland",
                json.dumps({"id": "old-scenario", "title": "Old", "subject": "Oldland"}),
                '{"sov": 0.5, "econ": 0.5}', 1.5, 42,
                json.dumps(result or {"options": [OPTION]})))
    db.commit()
    db.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_old_log_is_listed_without_being_migrated(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "old.sqlite3"
    _v1_log(log)
    before = _digest(log)
    for argv in (["list"], ["show", "latest"], ["export"]):
        assert main(["history", *argv, "--log", str(log)]) == 0
        assert "Oldland" in capsys.readouterr().out
    assert _digest(log) == before
    db = sqlite3.connect(f"file:{log}?mode=ro", uri=True)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    db.close()


def test_a_foreign_empty_sqlite_file_is_read_as_no_runs_and_left_alone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "empty.db"
    sqlite3.connect(log).execute("PRAGMA user_version = 0").connection.close()
    db = sqlite3.connect(log)
    db.execute("VACUUM")  # a real, valid, empty SQLite file (header and one page)
    db.close()
    before = _digest(log)
    assert main(["history", "list", "--log", str(log)]) == 0
    capsys.readouterr()
    assert _digest(log) == before
    tables = sqlite3.connect(log).execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    assert tables == 0


def test_a_row_of_a_hundred_thousand_options_is_skipped_quickly(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "big.sqlite3"
    options = [{**OPTION, "id": f"o{i}", "rank": i + 1} for i in range(100_000)]
    assert len(json.dumps({"options": options})) > 5_000_000
    _v1_log(log, {"options": options})
    started = time.process_time()
    assert main(["history", "list", "--log", str(log)]) == 0
    code = main(["history", "show", "latest", "--log", str(log)])
    spent = time.process_time() - started
    err = capsys.readouterr().err
    assert code == 2 and "skipped 1 damaged" in err and "no readable runs" in err, err
    assert spent < 20, f"{spent:.1f} s of CPU"  # a guard against the 88 s it took, not a timing


@pytest.fixture(scope="module")
def sound_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A log of today's schema with one run, written by crossroads."""
    log = tmp_path_factory.mktemp("soundlog") / "log.sqlite3"
    assert main(["score", str(SCENARIO), "--log", str(log), "-q"]) == 0
    db = sqlite3.connect(log)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the file alone holds the run
    db.close()
    return log


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30),
              st.floats(allow_nan=False), st.text(max_size=6),
              st.sampled_from(["\x1b[2J", "[/bold]", "\u202e", "1e999"])),
    lambda kids: st.one_of(st.lists(kids, max_size=3),
                           st.dictionaries(st.sampled_from(
                               ["options", "factors", "id", "title", "rank", "score",
                                "benefit", "risk", "contributions", "risks", "value",
                                "defaulted", "subject", "priorities", "range", "source"]),
                               kids, max_size=4)),
    max_leaves=10)
COLUMNS = ["argv", "scenario", "weights", "result"]
SQL_VALUES = st.one_of(st.none(), st.integers(-2**63, 2**63 - 1), st.floats(),
                       st.text(max_size=8), st.binary(max_size=4))


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(column=st.sampled_from(COLUMNS), value=JSON_VALUES,
       scalar_column=st.sampled_from(["risk_aversion", "seed", "pack_path", "subject", "id"]),
       scalar=SQL_VALUES,
       command=st.sampled_from([["list"], ["show", "latest"], ["export"],
                                ["diff", "latest", "latest"], ["list", "-f", "json"]]))
def test_log_row_fuzz(sound_log: Path, tmp_path_factory: pytest.TempPathFactory,
                      capsys: pytest.CaptureFixture[str], column: str, value: Any,
                      scalar_column: str, scalar: Any, command: list[str]) -> None:
    """Any JSON in a column and any SQLite value in a scalar column: history commands end
    with exit 0 or 2, no traceback, no escape byte on the terminal."""
    log = tmp_path_factory.mktemp("fuzzlog") / "log.sqlite3"
    shutil.copy(sound_log, log)
    db = sqlite3.connect(log)
    db.execute(f"UPDATE runs SET {column} = ?", (json.dumps(value),))
    if scalar is not None or scalar_column == "seed":
        db.execute(f"UPDATE runs SET {scalar_column} = ?", (scalar,))
    db.commit()
    db.close()
    code = main(["history", *command, "--log", str(log)])
    captured = capsys.readouterr()
    both = captured.out + captured.err
    assert code in (0, 2), both[-2000:]
    assert "Traceback" not in both
    assert "\x1b" not in both


def test_a_row_of_twenty_thousand_short_options_is_skipped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "many.sqlite3"
    options = [{"id": f"{i}", "title": "", "rank": 1, "score": 0, "benefit": 0, "risk": 0}
               for i in range(20_000)]
    _v1_log(log, {"options": options})
    assert main(["history", "show", "latest", "--log", str(log)]) == 2
    assert "more than 10,000 options" in capsys.readouterr().err
