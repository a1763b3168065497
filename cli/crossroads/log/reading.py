"""Reading the decision log: read-only connections, damaged rows skipped with a warning.

A read never writes: an older schema is read as it is (never migrated in place), and a
foreign, empty SQLite file reads as a log with no runs.  Every field of a row is checked
(:func:`crossroads.log.guard.checked_row`) before a record is made of it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Generator, Iterable
from pathlib import Path
from typing import Any

from crossroads.log.access import connect_read_only, regular_file_problem, warn_skipped
from crossroads.log.guard import checked_row
from crossroads.log.store import (
    _MOVE_AWAY,
    BUSY_TIMEOUT_MS,
    LogError,
    Query,
    RunRecord,
    _check_header,
    _check_identity,
    _identity,
    _with_retry,
    columns_of,
)


def _record(row: sqlite3.Row, parsed: dict[str, Any]) -> RunRecord:
    result = parsed["result"]
    return RunRecord(
        id=row["id"], created=row["created"], command=row["command"],
        argv=tuple(parsed["argv"]), version=row["crossroads_version"],
        pack_id=row["pack_id"], pack_version=row["pack_version"],
        pack_digest=row["pack_digest"], scenario=parsed["scenario"],
        weights=parsed["weights"], risk_aversion=float(row["risk_aversion"]),
        result=result, seed=row["seed"], invocation=row["invocation"],
        pack_path=row["pack_path"], leader=row["leader"] or result["options"][0]["id"],
    )


def _select_list(db: sqlite3.Connection, path: Path) -> str | None:
    """The columns to select from the runs table, reading a version-1 log as it is (the
    columns version 2 added take the values its migration would give); None when the file
    has no runs table (an empty SQLite file: no runs)."""
    kind = db.execute("SELECT type FROM sqlite_master WHERE name = 'runs'").fetchone()
    if kind is None:
        return None
    found = tuple(str(row[1]) for row in db.execute("PRAGMA table_info(runs)"))
    if kind[0] == "table" and found == columns_of(2):
        return "*"
    if kind[0] == "table" and found == columns_of(1):
        return "*, id AS invocation, '' AS pack_path, '' AS leader"
    raise LogError(f"{path} is not a crossroads decision log (its runs table is not the one "
                   "crossroads creates)", _MOVE_AWAY)


def open_for_reading(path: Path) -> sqlite3.Connection:
    """Open an existing log read-only (an archived, read-only log can still be browsed)."""
    path = Path(path)
    if (problem := regular_file_problem(path)) is not None:
        raise LogError(f"decision log {path} {problem}", _MOVE_AWAY)
    _check_header(path)
    try:
        db = connect_read_only(path, BUSY_TIMEOUT_MS / 1000)
        version, app_id = _identity(db)
    except sqlite3.Error as exc:
        raise LogError(f"{path} is not a usable crossroads decision log ({exc})",
                       _MOVE_AWAY) from exc
    try:
        _check_identity(db, path, version, app_id)
    except BaseException:
        db.close()
        raise
    return db


def _iter(path: Path, sql: str, params: Iterable[Any]) -> Generator[RunRecord, None, None]:
    """Records one row at a time from the cursor, so a log of any size reads in little
    memory; damaged rows are skipped and reported in one warning at the end."""
    db = open_for_reading(path)
    db.row_factory = sqlite3.Row
    db.create_function("casefold", 1, lambda s: s.casefold() if isinstance(s, str) else s,
                       deterministic=True)
    skipped: list[tuple[str, str]] = []
    try:
        columns = _select_list(db, path)
        if columns is None:
            return
        cursor = _with_retry(path, lambda: db.execute(sql.format(columns=columns),
                                                      tuple(params)))
        for row in cursor:
            checked = checked_row(row)
            if isinstance(checked, str):
                skipped.append((str(row["id"])[:40], checked))
            else:
                yield _record(row, checked)
    except sqlite3.DatabaseError as exc:
        raise LogError(f"decision log {path}: cannot read: {exc}") from exc
    except (ValueError, KeyError) as exc:  # a row whose JSON was damaged outside crossroads
        raise LogError(f"decision log {path}: a record is damaged ({exc})") from exc
    finally:
        db.close()
        warn_skipped(path, skipped)  # also when the reader stopped early (the latest run)


def iter_records(path: Path, query: Query | None = None, *,
                 oldest_first: bool = False) -> Generator[RunRecord, None, None]:
    """Records matching *query* (default: all), newest first unless *oldest_first*,
    read lazily (``history export`` writes each as it arrives); an absent log has none."""
    query = query or Query()
    if not Path(path).exists():
        return _none()
    where: list[str] = []
    params: list[Any] = []
    if query.subject is not None:
        where.append("casefold(subject) = ?")
        params.append(query.subject.casefold())
    if query.since is not None:
        where.append("created >= ?")
        params.append(query.since)
    if query.ids:
        where.append(f"id IN ({', '.join('?' * len(query.ids))})")
        params.extend(query.ids)
    sql = "SELECT {columns} FROM runs"
    if where:
        sql += " WHERE " + " AND ".join(where)
    order = "ASC" if oldest_first else "DESC"
    sql += f" ORDER BY created {order}, rowid {order}"
    if query.limit is not None:
        sql += " LIMIT ?"
        params.append(query.limit)
    return _iter(path, sql, params)


def _none() -> Generator[RunRecord, None, None]:
    yield from ()


def find(path: Path, query: Query | None = None) -> list[RunRecord]:
    """Records matching *query* (default: all), newest first; an absent log has none."""
    return list(iter_records(path, query))


def ids_with_prefix(path: Path, prefix: str, limit: int = 6) -> list[str]:
    """Run ids starting with *prefix* (lower-case hex), at most *limit* of them."""
    if not Path(path).exists():
        return []
    db = open_for_reading(path)
    try:
        if _select_list(db, path) is None:
            return []
        # Range scan on the primary key: prefix <= id < prefix + '~' ('~' sorts after hex).
        rows = _with_retry(path, lambda: db.execute(
            "SELECT id FROM runs WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
            (prefix, prefix + "~", limit)).fetchall())
    except sqlite3.DatabaseError as exc:
        raise LogError(f"decision log {path}: cannot read: {exc}") from exc
    finally:
        db.close()
    return [row[0] for row in rows]
