"""A decision log someone hands you: defensive SQLite, the schema checked, every field read.

A log is a file like any other input.  One planted with a trigger could rewrite or delete
every run crossroads records, a view could stand in for the table, and a row edited by
hand could hold anything JSON can.  So every connection is hardened (``trusted_schema``
off, SQLite's defensive mode and triggers and views disabled where Python offers the
switches), the schema is compared with the one crossroads creates before anything is
written (inside the write's own transaction, so it cannot change in between), and every
field of a row is checked before a record is built from it.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

# Objects crossroads creates, by schema version; anything else (a trigger, a view, another
# table or index) was put there by someone else.
_V1_OBJECTS = frozenset({("table", "runs"), ("index", "sqlite_autoindex_runs_1")})
EXPECTED_OBJECTS = {1: _V1_OBJECTS,
                    2: _V1_OBJECTS | {("index", "runs_created"), ("index", "runs_subject")}}
# A row column longer than this is not one crossroads wrote (a scenario is a few KB).
MAX_FIELD_CHARS = 5_000_000
# More options than a pack could be scored with in a run; bounds what one row can cost.
MAX_OPTIONS = 10_000
_SEED_LIMIT = 2 ** 32
_DBCONFIG = (("SQLITE_DBCONFIG_DEFENSIVE", True), ("SQLITE_DBCONFIG_ENABLE_TRIGGER", False),
             ("SQLITE_DBCONFIG_ENABLE_VIEW", False), ("SQLITE_DBCONFIG_TRUSTED_SCHEMA", False))


def harden(db: sqlite3.Connection) -> None:
    """Settings for a file crossroads may not have created: functions in the schema are
    not trusted; on Python 3.12+ also defensive mode, and triggers and views off."""
    db.execute("PRAGMA trusted_schema = OFF")
    setconfig = getattr(db, "setconfig", None)  # Python 3.12+
    if setconfig is None:
        return
    for name, value in _DBCONFIG:
        option = getattr(sqlite3, name, None)
        if option is not None:
            setconfig(option, value)


def schema_problem(db: sqlite3.Connection, version: int, columns: Sequence[str]) -> str | None:
    """What is foreign in the log's schema (version *version*), or None when it is exactly
    what crossroads creates."""
    objects = {(str(kind), str(name)) for kind, name in
               db.execute("SELECT type, name FROM sqlite_master")}
    extra = sorted(objects - EXPECTED_OBJECTS.get(version, frozenset()))
    for kind in ("trigger", "view", "table", "index"):
        names = [name for k, name in extra if k == kind]
        if names:
            return (f"it holds {'an' if kind == 'index' else 'a'} {kind} crossroads did not "
                    f"create ({names[0][:40]!r})")
    if ("table", "runs") not in objects:
        return "it has no runs table"
    found = [str(row[1]) for row in db.execute("PRAGMA table_info(runs)")]
    if found != list(columns):
        return "its runs table has other columns than crossroads creates"
    return None


# -- rows --------------------------------------------------------------------------------

class _Bad(Exception):
    """A field that does not hold what crossroads writes there."""


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise _Bad(f"{what} is not text")
    return value


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _Bad(f"{what} is not a finite number")
    return value


def _of(value: Any, kind: type, what: str) -> Any:
    if not isinstance(value, kind):
        raise _Bad(f"{what} is not a JSON {'object' if kind is dict else kind.__name__}")
    return value


def _json(row: sqlite3.Row, column: str) -> Any:
    raw = row[column]
    if not isinstance(raw, str) or len(raw) > MAX_FIELD_CHARS:
        raise _Bad(f"{column} is not JSON text of a sensible size")
    try:
        return json.loads(raw, parse_constant=_no_constant)
    except (ValueError, RecursionError):  # also 5,000-digit integers and deep nesting
        raise _Bad(f"{column} is not valid JSON") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _option(option: Any, index: int) -> None:
    where = f"result.options[{index}]"
    _of(option, dict, where)
    for key in ("id", "title"):
        _text(option.get(key), f"{where}.{key}")
    rank = option.get("rank")
    if isinstance(rank, bool) or not isinstance(rank, int) or not 0 < rank <= MAX_OPTIONS:
        raise _Bad(f"{where}.rank is not a rank (a whole number from 1)")
    for key in ("score", "benefit", "risk"):
        _number(option.get(key), f"{where}.{key}")
    for item in _of(option.get("contributions", []), list, f"{where}.contributions"):
        if not (isinstance(item, list) and len(item) == 3):
            raise _Bad(f"{where}.contributions holds an entry that is not [rule, criterion, "
                       "points]")
        _text(item[0], f"{where}.contributions rule")
        _text(item[1], f"{where}.contributions criterion")
        _number(item[2], f"{where}.contributions points")
    for item in _of(option.get("risks", []), list, f"{where}.risks"):
        if not (isinstance(item, list) and len(item) == 3):
            raise _Bad(f"{where}.risks holds an entry that is not [id, likelihood, impact]")
        _text(item[0], f"{where}.risks id")
        _number(item[1], f"{where}.risks likelihood")
        _number(item[2], f"{where}.risks impact")


def _result(result: dict[str, Any]) -> None:
    options = _of(result.get("options"), list, "result.options")
    if not options:
        raise _Bad("result.options is empty")
    if len(options) > MAX_OPTIONS:
        raise _Bad(f"result.options holds more than {MAX_OPTIONS:,} options")
    for index, option in enumerate(options):
        _option(option, index)
    for name, entry in _of(result.get("factors", {}), dict, "result.factors").items():
        _of(entry, dict, f"result.factors.{name[:40]}")
        if not isinstance(entry.get("defaulted", False), bool):
            raise _Bad(f"result.factors.{name[:40]}.defaulted is not true/false")
        if isinstance(entry.get("value"), dict):
            raise _Bad(f"result.factors.{name[:40]}.value is not a value")


def _scenario(scenario: dict[str, Any]) -> None:
    for key in ("id", "title", "subject"):
        if key in scenario:
            _text(scenario[key], f"scenario.{key}")
    for name, value in _of(scenario.get("priorities") or {}, dict,
                           "scenario.priorities").items():
        _number(value, f"scenario.priorities.{name[:40]}")
    for name, given in _of(scenario.get("factors") or {}, dict, "scenario.factors").items():
        if isinstance(given, dict):
            span = given.get("range")
            if span is not None and not (isinstance(span, list) and len(span) == 2):
                raise _Bad(f"scenario.factors.{name[:40]}.range is not [low, high]")
            if not isinstance(given.get("source", ""), str):
                raise _Bad(f"scenario.factors.{name[:40]}.source is not text")


_TEXT = ("id", "created", "command", "crossroads_version", "pack_id", "pack_version",
         "pack_digest", "scenario_id", "subject", "invocation", "pack_path", "leader")
_CHECKS: tuple[tuple[str, type, Callable[[Any], None] | None], ...] = (
    ("argv", list, None), ("scenario", dict, _scenario), ("weights", dict, None),
    ("result", dict, _result))


def checked_row(row: sqlite3.Row) -> dict[str, Any] | str:
    """The JSON columns of a log row, parsed, when every field holds what crossroads writes
    there; else what is wrong (the row was edited outside crossroads)."""
    parsed: dict[str, Any] = {}
    try:
        for column in _TEXT:
            if len(_text(row[column], column)) > MAX_FIELD_CHARS:
                raise _Bad(f"{column} is too long")
        for column, kind, check in _CHECKS:
            parsed[column] = _of(_json(row, column), kind, column)
            if check is not None:
                check(parsed[column])
        for item in parsed["argv"]:
            _text(item, "an argv item")
        for name, weight in parsed["weights"].items():
            _number(weight, f"weights.{name[:40]}")
        _number(row["risk_aversion"], "risk_aversion")
        seed = row["seed"]
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)
                                 or not 0 <= seed < _SEED_LIMIT):
            raise _Bad("seed is not a whole number below 2**32")
    except _Bad as bad:
        return str(bad)
    return parsed
