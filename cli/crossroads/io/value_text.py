"""Values as people type them: the one grammar of ``--set``, ``--weights`` and the wizard.

A factor's value may carry its uncertainty and where it comes from::

    0.3            30%            0.19-0.30 (the value is the midpoint)
    0.25 (0.19..0.30) src: IMF DOTS 2024
    medium         medium (low..high) src: ACLED 2024        yes
    0.12-0.16 src: Armstat 2024 kind: analyst      (what kind of source: SourceKind)
    high p_wrong: 0.2     yes src: analyst p_wrong: 20%      (a judged reading's doubt)

:func:`parse_value` reads such text for one factor into a :class:`Stated`;
:func:`stated_text` writes one back as text that parses to the same value, so drafts,
reviews and reproducing commands round-trip.  Errors are :class:`ValueTextError`, whose
message names the text and whose hint says what to type instead.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from crossroads.core.factors import FactorKind, FactorNature, value_problem
from crossroads.core.model import Factor

_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


class ValueTextError(ValueError):
    """Text that is not a valid value: ``message`` says what is wrong, ``hint`` what to type.

    ``str()`` is the line a prompt shows under the answer: the message, and the hint too
    when it is the short list of labels to choose from.
    """

    def __init__(self, message: str, hint: str = "", *, hint_at_prompt: bool = False,
                 prompt_note: str = "") -> None:
        shown = f"{message}; {hint}" if hint_at_prompt and hint else message
        super().__init__(f"{shown}; {prompt_note}" if prompt_note else shown)
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Stated:
    """A value as given, with the range around it and its source when those were given."""

    value: Any
    low: Any = None
    high: Any = None
    source: str = ""
    source_kind: str = ""  # "cited", "analyst" or "unverified" when given with kind:
    p_wrong: float | None = None  # the chance a judged reading is wrong (p_wrong:)

    @property
    def plain(self) -> bool:
        """Only a value: no range, no source, no kind of source, no p_wrong."""
        return (self.low is None and not self.source and not self.source_kind
                and self.p_wrong is None)


def parse_weight(text: str) -> float:
    """A criterion's relative importance: a finite number, zero or more."""
    try:
        value = float(text.strip())
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise ValueTextError(f"must be a number, zero or more, got {text.strip()!r}",
                             "weights are relative importance: 0 = ignore")
    return value


def format_number(value: float) -> str:
    """The shortest text that reads back as the same number (5.0 → "5", 0.186 → "0.186")."""
    number = float(value)
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


def plain_text(value: Any) -> str:
    """A number as :func:`format_number` shows it, yes/no for a fact, a label as it is."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return format_number(value)
    return str(value)


def stated_text(stated: Stated) -> str:
    """The text that parses back to *stated*: "0.25 (0.19..0.3) src: IMF"."""
    text = plain_text(stated.value)
    if stated.low is not None:
        text += f" ({plain_text(stated.low)}..{plain_text(stated.high)})"
    if stated.source:
        text += f" src: {stated.source}"
    if stated.source_kind:
        text += f" kind: {stated.source_kind}"
    if stated.p_wrong is not None:
        text += f" p_wrong: {plain_text(stated.p_wrong)}"
    return text


def parse_value(factor: Factor, text: str) -> Stated:
    """Read *text* as a value of *factor*, with a range and a source if they are given.

    Numbers as ``0.3`` or ``30%`` (for a unit that is already percent, ``18.6%`` is 18.6);
    levels by label; yes/no facts as true/false, yes/no, on/off or 1/0.  Ranges apply to
    numbers and levels; a source (``src:`` or ``source:``) to any kind, then what kind of
    source it is (``kind: analyst``); a judged yes/no or level reading may end with
    ``p_wrong: 0.2``, the chance it is wrong (the pack's nature decides, as in files).
    """
    text, source_kind = _split_kind(text.strip())
    text, p_wrong = _split_p_wrong(text, factor)
    body, source = _split_source(text)
    if factor.kind == FactorKind.NUMBER:
        value, low, high = _number(factor, body)
    elif factor.kind == FactorKind.LEVEL:
        value, low, high = _level(factor, body)
    else:
        value, low, high = _label(factor, body), None, None
    if low is not None and factor.nature == FactorNature.FIXED:
        raise ValueTextError(f"{factor.id} is a fixed fact (nature: fixed): it takes no "
                             "range", "give the value alone")
    if low is not None and p_wrong is not None:
        raise ValueTextError("give a range or p_wrong, not both",
                             "a range for a level you are unsure of, p_wrong for a reading")
    return Stated(value, low, high, source, source_kind, p_wrong)


def takes_p_wrong(factor: Factor) -> bool:
    """Whether *factor* is a judged yes/no or level reading (its nature in the pack)."""
    return factor.nature == FactorNature.JUDGED and factor.kind in (FactorKind.LEVEL,
                                                                    FactorKind.BOOLEAN)


def bounds_text(factor: Factor) -> str:
    """"0 to 1, share": a number factor's range and unit, as questions and errors show them."""
    return ", ".join(part for part in (_range_text(factor), factor.unit) if part)


# "0.19-0.30", "0.19..0.30", "0.19 to 0.30" (an en dash too); numbers may end in %.
_NUMBER = r"-?\d+(?:\.\d*)?(?:e-?\d+)?%?|-?\.\d+%?"
_RANGE = re.compile(rf"(?P<low>{_NUMBER})\s*(?:\.\.|-|–|to)\s*(?P<high>{_NUMBER})", re.I)
_WITH_RANGE = re.compile(rf"(?P<value>{_NUMBER})\s*\((?P<range>[^()]*)\)")
_SOURCE = re.compile(r"\s*\b(?:src|source)\s*:\s*", re.I)
# "low..high", "low to high", "low–high"; a plain "-" only where labels contain none.
_LEVEL_RANGE = re.compile(r"\s*(?P<low>\S+?)\s*(?:\.\.|–|\s+to\s+)\s*(?P<high>\S+)\s*", re.I)
_LEVEL_WITH_RANGE = re.compile(r"(?P<value>[^()]+?)\s*\((?P<range>[^()]*)\)")

_Parsed = tuple[Any, Any, Any]  # value, low, high
# "... kind: analyst" and "... p_wrong: 0.2" (or 20%) at the end of the text.
_KIND = re.compile(r"\s*\bkind\s*:\s*(?P<kind>[a-z ]+?)\s*$", re.I)
_P_WRONG = re.compile(r"\s*\bp_wrong\s*:\s*(?P<p>\S+)\s*$", re.I)
SOURCE_KINDS = ("cited", "analyst", "unverified")


def _split_kind(text: str) -> tuple[str, str]:
    found = _KIND.search(text)
    if found is None:
        return text, ""
    kind = found["kind"].strip().lower()
    if kind not in SOURCE_KINDS:
        raise ValueTextError(f"{kind!r} is not a kind of source",
                             f"use one of: {', '.join(SOURCE_KINDS)}", hint_at_prompt=True)
    return text[:found.start()].strip(), kind


def _split_p_wrong(text: str, factor: Factor) -> tuple[str, float | None]:
    found = _P_WRONG.search(text)
    if found is None:
        return text, None
    if not takes_p_wrong(factor):
        raise ValueTextError(f"{factor.id} is a {factor.nature} {factor.kind} factor: p_wrong "
                             "is only for judged yes/no and level readings",
                             "state the value you hold")
    raw = found["p"].strip()
    try:
        value = float(raw.rstrip("%")) / (100 if raw.endswith("%") else 1)
    except ValueError:
        value = math.nan
    if not 0 <= value <= 0.5:
        raise ValueTextError(f"p_wrong {raw!r} is not a chance from 0 to 0.5",
                             "above one half the other reading is the better one: give it "
                             "instead", hint_at_prompt=True)
    return text[:found.start()].strip(), value


def _split_source(text: str) -> tuple[str, str]:
    """("0.25 (0.19-0.30)", "IMF") from "0.25 (0.19-0.30) src: IMF"."""
    found = _SOURCE.search(text)
    if found is None:
        return text, ""
    return text[:found.start()].strip(), text[found.end():].strip()


def _number(factor: Factor, body: str) -> _Parsed:
    if not body:
        raise ValueTextError(f"type a number{_hint(factor)}")
    low = high = None
    if (both := _RANGE.fullmatch(body)) is not None:
        low, high = _one_number(factor, both["low"]), _one_number(factor, both["high"])
        value = (low + high) / 2
    elif (bracketed := _WITH_RANGE.fullmatch(body)) is not None:
        value = _one_number(factor, bracketed["value"])
        inner = _RANGE.fullmatch(bracketed["range"].strip())
        if inner is None:
            raise ValueTextError(f"{bracketed['range']!r} is not a range such as 0.19-0.30",
                                 "give the range as low..high inside the brackets")
        low, high = _one_number(factor, inner["low"]), _one_number(factor, inner["high"])
    else:
        value = _one_number(factor, body)
    if low is not None and high is not None:
        low, high = min(low, high), max(low, high)
        if not low <= value <= high:
            raise ValueTextError(f"{format_number(value)} is outside its range "
                                 f"{format_number(low)} to {format_number(high)}",
                                 "give a value inside the range, or widen the range")
    return value, low, high


def _one_number(factor: Factor, text: str) -> float:
    cleaned = text.strip()
    if "%" in factor.unit:  # the unit is already percent: "18.6%" means 18.6
        cleaned = cleaned.rstrip("%").strip()
    try:
        value = float(cleaned.rstrip("%")) / (100 if cleaned.endswith("%") else 1)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ValueTextError(f"{cleaned!r} is not a number{_hint(factor)}",
                             "e.g. 0.3, 30% or 0.19-0.30")
    problem = value_problem(factor, value)
    if problem:
        # At a prompt, the advice for a share typed as a percentage shows too.
        raise ValueTextError(f"{format_number(value)} is out of range{_hint(factor)}",
                             problem[1], prompt_note=problem[1].partition("; ")[2])
    return value


def _label(factor: Factor, text: str) -> Any:
    """A level or choice label, or a yes/no fact's truth, checked against the factor."""
    value: Any = text.strip()
    if factor.kind == FactorKind.BOOLEAN:
        lowered = value.lower()
        value = True if lowered in _TRUE else False if lowered in _FALSE else value
    problem = value_problem(factor, value)
    if problem:
        message, hint = problem
        raise ValueTextError(message, hint, hint_at_prompt=True)
    return value


def _level(factor: Factor, body: str) -> _Parsed:
    if not body:
        raise ValueTextError(f"type a level: {', '.join(factor.labels)}")
    order = {label: n for n, label in enumerate(factor.labels)}
    bracketed = _LEVEL_WITH_RANGE.fullmatch(body)
    if bracketed is None:
        if body not in order and _level_ends(body, factor) is not None:
            example = f"{factor.labels[len(factor.labels) // 2]} ({body})"
            raise ValueTextError(f"give the level itself before its range, e.g. {example}")
        return _label(factor, body), None, None
    value = _label(factor, bracketed["value"])
    ends = _level_ends(bracketed["range"], factor)
    if ends is None:
        example = f"{factor.labels[0]}..{factor.labels[-1]}"
        raise ValueTextError(f"{bracketed['range'].strip()!r} is not a range of levels such "
                             f"as {example}")
    low, high = sorted((_label(factor, ends[0]), _label(factor, ends[1])), key=order.__getitem__)
    if not order[low] <= order[value] <= order[high]:
        raise ValueTextError(f"{value} is outside its range {low} to {high}",
                             "give a level inside the range, or widen the range")
    return value, low, high


def _level_ends(text: str, factor: Factor) -> tuple[str, str] | None:
    found = _LEVEL_RANGE.fullmatch(text)
    if found is not None:
        return found["low"], found["high"]
    if "-" in text and not any("-" in label for label in factor.labels):
        low, _, high = text.partition("-")
        return low.strip(), high.strip()
    return None


def _range_text(factor: Factor) -> str:
    low = "" if factor.minimum is None else format_number(factor.minimum)
    high = "" if factor.maximum is None else format_number(factor.maximum)
    if low and high:
        return f"{low} to {high}"
    if low:
        return f"≥ {low}"
    if high:
        return f"≤ {high}"
    return ""


def _hint(factor: Factor) -> str:
    bounds = bounds_text(factor)
    return f" ({bounds})" if bounds else ""

