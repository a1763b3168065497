"""YAML 1.2 core-schema scalars: what a plain scalar means, and checked explicit tags.

PyYAML resolves plain scalars by YAML 1.1 rules, under which `NO` is false, `1:30` is
90 (base 60) and `017` is 15 (octal).  Analysts write country codes, ratios and zero-padded
numbers, so those guesses silently change data.  This module resolves plain scalars by the
YAML 1.2 core schema instead, and builds every scalar value itself so that an explicit tag
with an impossible value (`!!int abc`, `!!timestamp nope`, `2025-02-30`) is a located
problem rather than a crash inside the YAML library.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from typing import Any

from crossroads.core.limits import MAX_MAGNITUDE

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
SCALAR_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, TIMESTAMP})

_MAX_DIGITS = 40  # a 5,000-digit integer costs seconds to convert; refuse it by its length

# The YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), plus plain
# ISO dates and date-times, which crossroads uses for `as_of`.
_CORE: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), "~nN"),
    (BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), "-+0123456789"),
    (FLOAT, re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                       r"|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$"), "-+.0123456789"),
    (TIMESTAMP, re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
                           r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
                           r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$"), "0123456789"),
)


def install_core_resolvers(loader_class: Any) -> None:
    """Replace *loader_class*'s YAML 1.1 implicit resolvers with the 1.2 core schema."""
    loader_class.yaml_implicit_resolvers = {}
    for tag, pattern, first in _CORE:
        loader_class.add_implicit_resolver(tag, pattern, list(first))
    # The empty plain scalar has no first character; PyYAML looks it up under ''.
    loader_class.yaml_implicit_resolvers.setdefault("", []).append((NULL, _CORE[0][1]))


class ScalarProblem(ValueError):
    """A scalar whose tag and text do not agree; the message says what and how to fix."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def scalar_value(tag: str, text: str) -> Any:
    """The value of a scalar of *tag* with source *text* (YAML 1.2 core meaning)."""
    if tag == STR:
        return text
    if tag == NULL:
        if _CORE[0][1].match(text):
            return None
        raise ScalarProblem(f"{text!r} is not null", "write `null` or remove the tag")
    if tag == BOOL:
        lowered = text.lower()
        if lowered in ("true", "false") and _CORE[1][1].match(text):
            return lowered == "true"
        raise ScalarProblem(f"{_short(text)!r} is not true or false",
                            "write `true` or `false`")
    if tag == INT:
        return _bounded(_integer(text), text)
    if tag == FLOAT:
        return _bounded(_float(text), text)
    if tag == TIMESTAMP:
        return _timestamp(text)
    raise ScalarProblem(f"tag {tag!r} is not allowed",  # pragma: no cover - filtered earlier
                        "crossroads reads plain YAML data only; remove the tag")


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def _integer(text: str) -> int:
    cleaned = text.strip().replace("_", "")
    if len(cleaned) > _MAX_DIGITS:
        raise ScalarProblem(f"number with {len(cleaned):,} digits is too large",
                            f"numbers must lie within ±{MAX_MAGNITUDE:g}")
    try:
        if cleaned.startswith("0o"):
            return int(cleaned[2:], 8)
        if cleaned.startswith("0x"):
            return int(cleaned[2:], 16)
        return int(cleaned, 10)
    except ValueError:
        raise ScalarProblem(f"{_short(text)!r} is not a whole number",
                            "write digits only, or remove the `!!int` tag") from None


def _float(text: str) -> float:
    cleaned = text.strip().replace("_", "")
    if len(cleaned) > 400:
        raise ScalarProblem("number is too long", f"numbers must lie within ±{MAX_MAGNITUDE:g}")
    lowered = cleaned.lower()
    if lowered.lstrip("+-") in (".inf", ".nan"):
        raise ScalarProblem(f"{text!r} is not a finite number", "write an ordinary number")
    try:
        return float(cleaned)
    except ValueError:
        raise ScalarProblem(f"{_short(text)!r} is not a number",
                            "write a number such as 0.25, or remove the `!!float` tag") from None


def _bounded(value: float, text: str) -> Any:
    if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
        raise ScalarProblem(f"{_short(text)} is out of range",
                            f"numbers must be finite and lie within ±{MAX_MAGNITUDE:g}")
    return value


def _timestamp(text: str) -> _dt.date | _dt.datetime:
    match = _CORE[4][1].match(text)
    if match is None:
        raise ScalarProblem(f"{_short(text)!r} is not a date",
                            "write a date as YYYY-MM-DD, or remove the `!!timestamp` tag")
    try:
        if len(text) <= 10:
            year, month, day = (int(part) for part in text.split("-"))
            return _dt.date(year, month, day)
        stamp = re.sub(r"[ \t]+", " ", text.replace("t", "T").replace("z", "Z"))
        value = _dt.datetime.fromisoformat(stamp.replace(" Z", "Z").replace(" ", "T", 1))
    except ValueError as error:
        raise ScalarProblem(f"{text} is not a real date ({error})",
                            "check the day and month (YYYY-MM-DD)") from None
    return value.date() if value.time() == _dt.time(0) and value.tzinfo is None else value
