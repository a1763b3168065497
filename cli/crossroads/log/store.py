"""The decision log: one SQLite row per scored scenario, so any briefing can be traced.

Storage only: where the log lives, its schema and migrations, appending and finding
records.  What goes into a record is built by :mod:`crossroads.log.records`.

The file is embedded SQLite in WAL mode, so readers never block the writer and
concurrent runs from several shells each append their row; a locked database is retried
briefly.  The file carries ``PRAGMA application_id`` and ``PRAGMA user_version`` so a
foreign file is recognised and an older schema is upgraded in place when a run is
written (never by a read).  A log may be a file someone handed over: connections are
hardened and the schema is checked before every write (:mod:`crossroads.log.guard`).
Every failure —
unreadable, foreign, corrupt, locked — surfaces as one :class:`LogError`, which the run
commands turn into a warning (the log is never why a briefing fails).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from crossroads.core.errors import CrossroadsError
from crossroads.log.access import create_private, regular_file_problem
from crossroads.log.guard import harden, schema_problem

LOG_FILE = "history.sqlite3"
SCHEMA_VERSION = 2
APPLICATION_ID = 0x43524F53  # "CROS": marks the file as a crossroads log
_SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 2000  # SQLite waits this long for a lock on each attempt
LOCK_ATTEMPTS = 3  # then we back off briefly and try again, then give up

T = TypeVar("T")


class LogError(CrossroadsError):
    """The decision log cannot be used (foreign, corrupt, newer, locked, unwritable)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message + (f"\n  hint: {hint}" if hint else ""))
        self.message = message
        self.hint = hint


_MOVE_AWAY = "move the file away, or choose another log with --log PATH"


def default_log_path(env: dict[str, str] | None = None) -> Path:
    """``$CROSSROADS_HOME/history.sqlite3``, else the XDG data directory's ``crossroads/``."""
    env = dict(os.environ) if env is None else env
    if env.get("CROSSROADS_HOME"):
        return Path(env["CROSSROADS_HOME"]).expanduser() / LOG_FILE
    data_home = env.get("XDG_DATA_HOME") or str(Path("~/.local/share").expanduser())
    return Path(data_home).expanduser() / "crossroads" / LOG_FILE


# NamedTuples rather than dataclasses: every logged run imports this module, and a
# NamedTuple costs a tenth of a frozen dataclass to define (see tests/benchmarks).
class RunRecord(NamedTuple):
    """One scored scenario, with everything needed to trace and reproduce it."""
    id: str  # 32 hex digits (random); any unique prefix finds it
    created: str  # UTC, ISO 8601 with milliseconds
    command: str  # score, brief, sensitivity, wizard
    argv: tuple[str, ...]  # the command line after `crossroads`
    version: str  # crossroads version that scored it
    pack_id: str
    pack_version: str
    pack_digest: str
    scenario: dict[str, Any]  # the scenario as scored, after overrides (scenario file format)
    weights: dict[str, float]  # normalised criterion weights used
    risk_aversion: float
    result: dict[str, Any]  # see crossroads.log.records.summarise
    seed: int | None = None
    invocation: str = ""  # shared by the records of one command (several scenarios)
    pack_path: str = ""  # where the pack was loaded from, to find "today's" pack again
    leader: str = ""  # id of the top-ranked option

    @property
    def short_id(self) -> str:
        return self.id[:8]

    @property
    def subject(self) -> str:
        return str(self.scenario.get("subject", ""))

    @property
    def scenario_id(self) -> str:
        return str(self.scenario.get("id", ""))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "created": self.created, "command": self.command,
            "argv": list(self.argv), "version": self.version, "invocation": self.invocation,
            "pack": {"id": self.pack_id, "version": self.pack_version,
                     "digest": self.pack_digest, "path": self.pack_path},
            "scenario": self.scenario, "weights": self.weights,
            "risk_aversion": self.risk_aversion, "seed": self.seed, "result": self.result,
        }


class Query(NamedTuple):
    """Which records to list: newest first, filtered by subject and time."""
    subject: str | None = None  # compared case-insensitively
    since: str | None = None  # UTC ISO 8601; records at or after it
    limit: int | None = None  # None = all
    ids: tuple[str, ...] = ()


# -- schema ------------------------------------------------------------------------------
# Ordered migrations: entry N brings a database from version N-1 to N.  Never edit a
# shipped entry; add the next one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1: the first schema
        """CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            created TEXT NOT NULL,
            command TEXT NOT NULL,
            argv TEXT NOT NULL,
            crossroads_version TEXT NOT NULL,
            pack_id TEXT NOT NULL,
            pack_version TEXT NOT NULL,
            pack_digest TEXT NOT NULL,
            scenario_id TEXT NOT NULL,
            subject TEXT NOT NULL,
            scenario TEXT NOT NULL,
            weights TEXT NOT NULL,
            risk_aversion REAL NOT NULL,
            seed INTEGER,
            result TEXT NOT NULL
        )""",
    ),
    (  # 2: group the records of one command, find today's pack, list without parsing JSON
        "ALTER TABLE runs ADD COLUMN invocation TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE runs ADD COLUMN pack_path TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE runs ADD COLUMN leader TEXT NOT NULL DEFAULT ''",
        "UPDATE runs SET invocation = id",
        "CREATE INDEX runs_created ON runs (created)",
        "CREATE INDEX runs_subject ON runs (subject, created)",
    ),
)
assert len(MIGRATIONS) == SCHEMA_VERSION

_COLUMNS = ("id", "created", "command", "argv", "crossroads_version", "pack_id",
            "pack_version", "pack_digest", "scenario_id", "subject", "scenario", "weights",
            "risk_aversion", "seed", "result", "invocation", "pack_path", "leader")


def _backfill_v2(db: sqlite3.Connection) -> None:
    """Version 2's ``leader`` column, read from each stored result."""
    rows = db.execute("SELECT id, result FROM runs").fetchall()
    for run_id, result in rows:
        try:
            leader = str(json.loads(result)["options"][0]["id"])
        except (ValueError, TypeError, LookupError):
            leader = ""  # a damaged or empty result: keep the run, leave its leader blank
        db.execute("UPDATE runs SET leader = ? WHERE id = ?", (leader, run_id))


_AFTER_MIGRATION: dict[int, Callable[[sqlite3.Connection], None]] = {2: _backfill_v2}


# -- connections -------------------------------------------------------------------------

def _is_locked(exc: Exception) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _with_retry(path: Path, action: Callable[[], T]) -> T:
    """Run *action*, retrying briefly while another process holds the lock."""
    for attempt in range(1, LOCK_ATTEMPTS + 1):
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if not _is_locked(exc) or attempt == LOCK_ATTEMPTS:
                if _is_locked(exc):
                    waited = LOCK_ATTEMPTS * BUSY_TIMEOUT_MS / 1000
                    raise LogError(f"decision log {path} is locked by another process "
                                   f"(waited about {waited:g} s)",
                                   "try again when the other crossroads run has finished") \
                        from exc
                raise LogError(f"decision log {path}: {exc}") from exc
            time.sleep(0.05 * attempt)
    raise AssertionError("unreachable")  # pragma: no cover


def _check_header(path: Path) -> None:
    """Refuse a file that is not SQLite at all before SQLite gives a vaguer error."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as exc:
        raise LogError(f"decision log {path}: cannot read it: {exc.strerror}") from exc
    if head and head != _SQLITE_HEADER:
        raise LogError(f"{path} is not a crossroads decision log (not an SQLite database)",
                       _MOVE_AWAY)


def open_log(path: Path, *, create: bool = True) -> sqlite3.Connection:
    """Open (and create or upgrade) the log at *path*; raises :class:`LogError`."""
    path = Path(path)
    if not create and not path.exists():
        raise LogError(f"no decision log at {path}",
                       "every scoring command records its runs (--no-log to skip)")
    if (problem := regular_file_problem(path)) is not None:
        raise LogError(f"decision log {path} {problem}", _MOVE_AWAY)
    _check_header(path)
    if create and not path.parent.exists():
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # owner-only
        except OSError as exc:
            raise LogError(f"cannot create {path.parent}: {exc.strerror}") from exc
    try:
        if create:
            create_private(path)  # briefings may be classified: owner-only from the start
        # Autocommit mode: we open every transaction ourselves (BEGIN IMMEDIATE for writes).
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        harden(db)
    except (sqlite3.Error, OSError) as exc:
        raise LogError(f"decision log {path}: cannot open it: {exc}") from exc
    try:
        _with_retry(path, lambda: _prepare(db, path))
    except BaseException:
        db.close()
        raise
    return db


def _prepare(db: sqlite3.Connection, path: Path) -> None:
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # One read transaction: identity and tables from the same snapshot, or a log that
        # another process is creating right now could look half-made (tables, no id yet).
        db.execute("BEGIN")
        try:
            version, app_id = _identity(db)
            _check_identity(db, path, version, app_id)
        finally:
            db.execute("COMMIT")
        if version < SCHEMA_VERSION:
            _migrate(db, path)
            # WAL (persistent, so set once): readers never block the writer.
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode = WAL")
        # NORMAL is crash-safe in WAL mode and spares an fsync per commit.
        db.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.OperationalError:
        raise  # locked: the caller retries
    except sqlite3.DatabaseError as exc:
        raise LogError(f"{path} is not a usable crossroads decision log ({exc})",
                       _MOVE_AWAY) from exc


def _identity(db: sqlite3.Connection) -> tuple[int, int]:
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    app_id = int(db.execute("PRAGMA application_id").fetchone()[0])
    return version, app_id


def _check_identity(db: sqlite3.Connection, path: Path, version: int, app_id: int) -> None:
    if app_id == APPLICATION_ID:
        if version > SCHEMA_VERSION:
            raise LogError(f"decision log {path} has schema version {version}, newer than "
                           f"this crossroads understands ({SCHEMA_VERSION}); upgrade crossroads")
        return
    tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id != 0 or tables:
        raise LogError(f"{path} is an SQLite database but not a crossroads decision log",
                       _MOVE_AWAY)


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    """Apply the missing migrations in order, in one transaction, exactly once."""
    db.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated while we waited for the write lock.
        version, app_id = _identity(db)
        _check_identity(db, path, version, app_id)
        if version:  # a planted trigger would fire on the migration's UPDATE
            _refuse_foreign_schema(db, path, version)
        for number in range(version + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[number - 1]:
                db.execute(statement)
            if number in _AFTER_MIGRATION:
                _AFTER_MIGRATION[number](db)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def columns_of(version: int) -> tuple[str, ...]:
    """The columns of the runs table at schema *version* (1 lacks the last three)."""
    return _COLUMNS if version >= 2 else _COLUMNS[:15]


def _refuse_foreign_schema(db: sqlite3.Connection, path: Path, version: int) -> None:
    """Raise when the schema is not exactly crossroads' own: checked inside the write's
    transaction, so nothing planted can run when the row goes in."""
    if (problem := schema_problem(db, version, columns_of(version))) is not None:
        raise LogError(f"decision log {path} was not written: {problem}", _MOVE_AWAY)


# -- writing -----------------------------------------------------------------------------

def _row(record: RunRecord) -> tuple[Any, ...]:
    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)

    return (record.id, record.created, record.command, dump(list(record.argv)),
            record.version, record.pack_id, record.pack_version, record.pack_digest,
            record.scenario_id, record.subject, dump(record.scenario), dump(record.weights),
            record.risk_aversion, record.seed, dump(record.result), record.invocation,
            record.pack_path, record.leader)


def append(path: Path, records: Sequence[RunRecord]) -> None:
    """Append *records* to the log at *path* in one transaction; raises :class:`LogError`."""
    if not records:
        return
    db = open_log(path)
    insert = f"INSERT INTO runs ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"

    def write() -> None:
        db.execute("BEGIN IMMEDIATE")
        try:
            _refuse_foreign_schema(db, path, SCHEMA_VERSION)
            # A generator: rows are serialised one at a time as SQLite takes them, so a
            # batch of thousands of records never holds all its JSON at once.
            db.executemany(insert, (_row(r) for r in records))
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    try:
        _with_retry(path, write)
    except (sqlite3.DatabaseError, OverflowError, ValueError) as exc:
        raise LogError(f"decision log {path}: cannot write: {exc}") from exc
    finally:
        db.close()


__all__ = ["LogError", "Query", "RunRecord", "append", "default_log_path", "open_log"]
