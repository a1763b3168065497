"""Reading the decision log: read-only connections, damaged rows skipped with a warning."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from crossroads.log import store
from crossroads.log.access import connect_read_only, regular_file_problem, row_problem, warn_skipped
from crossroads.log.store import (
    _MOVE_AWAY,
    BUSY_TIMEOUT_MS,
    SCHEMA_VERSION,
    LogError,
    Query,
    RunRecord,
    _check_header,
    _check_identity,
    _identity,
    _with_retry,
)


def _record(row: sqlite3.Row) -> RunRecord:
    return RunRecord(
        id=row["id"], created=row["created"], command=row["command"],
        argv=tuple(json.loads(row["argv"])), version=row["crossroads_version"],
        pack_id=row["pack_id"], pack_version=row["pack_version"],
        pack_digest=row["pack_digest"], scenario=json.loads(row["scenario"]),
        weights=json.loads(row["weights"]), risk_aversion=row["risk_aversion"],
        result=json.loads(row["result"]), seed=row["seed"], invocation=row["invocation"],
        pack_path=row["pack_path"], leader=row["leader"],
    )


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
    if version < SCHEMA_VERSION:  # an older log is upgraded in place, which needs writing
        db.close()
        return store.open_log(path, create=False)
    try:
        _check_identity(db, path, version, app_id)
    except BaseException:
        db.close()
        raise
    return db


def _iter(path: Path, sql: str, params: Iterable[Any]) -> Iterator[RunRecord]:
    """Records one row at a time from the cursor, so a log of any size reads in little
    memory; damaged rows are skipped and reported in one warning at the end."""
    db = open_for_reading(path)
    db.row_factory = sqlite3.Row
    db.create_function("casefold", 1, lambda s: s.casefold() if isinstance(s, str) else s,
                       deterministic=True)
    skipped: list[tuple[str, str]] = []
    try:
        cursor = _with_retry(path, lambda: db.execute(sql, tuple(params)))
        for row in cursor:
            if (problem := row_problem(row)) is None:
                yield _record(row)
            else:
                skipped.append((str(row["id"]), problem))
        warn_skipped(path, skipped)
    except sqlite3.DatabaseError as exc:
        raise LogError(f"decision log {path}: cannot read: {exc}") from exc
    except (ValueError, KeyError) as exc:  # a row whose JSON was damaged outside crossroads
        raise LogError(f"decision log {path}: a record is damaged ({exc})") from exc
    finally:
        db.close()


def iter_records(path: Path, query: Query | None = None, *,
                 oldest_first: bool = False) -> Iterator[RunRecord]:
    """Records matching *query* (default: all), newest first unless *oldest_first*,
    read lazily (``history export`` writes each as it arrives); an absent log has none."""
    query = query or Query()
    if not Path(path).exists():
        return iter(())
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
    sql = "SELECT * FROM runs"
    if where:
        sql += " WHERE " + " AND ".join(where)
    order = "ASC" if oldest_first else "DESC"
    sql += f" ORDER BY created {order}, rowid {order}"
    if query.limit is not None:
        sql += " LIMIT ?"
        params.append(query.limit)
    return _iter(path, sql, params)


def find(path: Path, query: Query | None = None) -> list[RunRecord]:
    """Records matching *query* (default: all), newest first; an absent log has none."""
    return list(iter_records(path, query))


def ids_with_prefix(path: Path, prefix: str, limit: int = 6) -> list[str]:
    """Run ids starting with *prefix* (lower-case hex), at most *limit* of them."""
    if not Path(path).exists():
        return []
    db = open_for_reading(path)
    try:
        # Range scan on the primary key: prefix <= id < prefix + '~' ('~' sorts after hex).
        rows = _with_retry(path, lambda: db.execute(
            "SELECT id FROM runs WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
            (prefix, prefix + "~", limit)).fetchall())
    except sqlite3.DatabaseError as exc:
        raise LogError(f"decision log {path}: cannot read: {exc}") from exc
    finally:
        db.close()
    return [row[0] for row in rows]
