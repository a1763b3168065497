"""Answers as text and back: numbers and levels with a range and a source.

``0.19-0.30 src: IMF`` or ``medium (low..high) src: ACLED`` as typed at a prompt or given
with ``--set``; what is shown for an answer (:func:`show_number`) parses back to it, so
drafts, the review and the reproducing command all round-trip.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from crossroads.core.factors import FactorKind, FactorNature, value_problem
from crossroads.core.model import Factor, Pack
from crossroads.io.lookup import coerce


class AnswerError(ValueError):
    """Typed text that is not a valid answer; the message is shown under the prompt."""


def format_number(value: float) -> str:
    """The shortest text that reads back as the same number (5.0 → "5", 0.186 → "0.186")."""
    number = float(value)
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


def plain_text(value: Any) -> str:
    """A number as format_number shows it, yes/no for a boolean, a label as it is."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return format_number(value)
    return str(value)


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


# "0.19-0.30", "0.19..0.30", "0.19 to 0.30" (an en dash too); numbers may end in %.
_NUMBER = r"-?\d+(?:\.\d*)?(?:e-?\d+)?%?|-?\.\d+%?"
_RANGE = re.compile(rf"(?P<low>{_NUMBER})\s*(?:\.\.|-|–|to)\s*(?P<high>{_NUMBER})", re.I)
_WITH_RANGE = re.compile(rf"(?P<value>{_NUMBER})\s*\((?P<range>[^()]*)\)")
_SOURCE = re.compile(r"\s*\b(?:src|source)\s*:\s*", re.I)
# "... kind: analyst" at the end: what kind of source the value has (SourceKind words).
_KIND = re.compile(r"\s*\bkind\s*:\s*(?P<kind>[a-z ]+?)\s*$", re.I)
SOURCE_KINDS = ("cited", "analyst", "unverified")
# "... p_wrong: 0.2" (or 20%): the chance a judged yes/no or level reading is wrong.
_P_WRONG = re.compile(r"\s*\bp_wrong\s*:\s*(?P<p>\S+)\s*$", re.I)


def takes_p_wrong(factor: Factor) -> bool:
    """Whether *factor* is a judged yes/no or level reading (the pack's nature)."""
    return factor.nature == FactorNature.JUDGED and factor.kind in (FactorKind.LEVEL,
                                                                    FactorKind.BOOLEAN)


def split_p_wrong(text: str, factor: Factor) -> tuple[str, float | None]:
    """("high src: x", 0.2) from "high src: x p_wrong: 20%", checked against the factor."""
    found = _P_WRONG.search(text)
    if found is None:
        return text, None
    if not takes_p_wrong(factor):
        raise AnswerError(f"{factor.label} is a {factor.nature} {factor.kind} factor: "
                          "p_wrong is only for judged yes/no and level readings")
    raw = found["p"].strip()
    try:
        value = float(raw.rstrip("%")) / (100 if raw.endswith("%") else 1)
    except ValueError:
        raise AnswerError(f"p_wrong {raw!r} is not a number such as 0.2 or 20%") from None
    if not 0 <= value <= 0.5:
        raise AnswerError("p_wrong is from 0 to 0.5 (above one half, the other reading is "
                          "the better one: give it instead)")
    return text[:found.start()].strip(), value


def number_parser(pack: Pack, factor: Factor) -> Callable[[str], Any]:
    """Parse typed text as the factor's number, as ``--set`` does ("0.3", "30%"), in range.

    A range and a source may follow or replace the value: ``0.19-0.30`` (the value is the
    midpoint), ``0.25 (0.19..0.30)``, ``0.25 src: IMF DOTS 2024``.  Such an answer is a
    mapping ``{"value", "low", "high", "source"}``; a bare number stays a float.
    """

    def one(text: str) -> float:
        cleaned = text.strip()
        if "%" in factor.unit:  # the unit is already percent: "18.6%" means 18.6
            cleaned = cleaned.rstrip("%").strip()
        value = coerce(pack, factor.id, cleaned)
        if isinstance(value, str) or not math.isfinite(value):
            raise AnswerError(f"{cleaned!r} is not a number{_hint(factor)}")
        problem = value_problem(factor, value)
        if problem:
            # The same advice as --set gives ("for 12 percent write 12% or 0.12").
            percent = problem[1].partition("; ")[2]
            raise AnswerError(f"{format_number(value)} is out of range{_hint(factor)}"
                              + (f"; {percent}" if percent else ""))
        return float(value)

    def parse(text: str) -> Any:
        text, kind = split_kind(text.strip())
        body, source = _split_source(text)
        if not body:
            raise AnswerError(f"type a number{_hint(factor)}")
        low = high = None
        if (both := _RANGE.fullmatch(body)) is not None:
            low, high = one(both["low"]), one(both["high"])
            value = (low + high) / 2
        elif (bracketed := _WITH_RANGE.fullmatch(body)) is not None:
            value = one(bracketed["value"])
            inner = _RANGE.fullmatch(bracketed["range"].strip())
            if inner is None:
                raise AnswerError(f"{bracketed['range']!r} is not a range such as 0.19-0.30")
            low, high = one(inner["low"]), one(inner["high"])
        else:
            value = one(body)
        if low is not None and high is not None:
            if low > high:
                low, high = high, low
            if not low <= value <= high:
                raise AnswerError(f"{format_number(value)} is outside its range "
                                  f"{format_number(low)} to {format_number(high)}")
        return _answer(value, low, high, source, kind)

    return parse


def _answer(value: Any, low: Any, high: Any, source: str, kind: str,
            p_wrong: float | None = None) -> Any:
    """A bare value, or the mapping a range, a source, a source kind or p_wrong makes."""
    if low is None and not source and not kind and p_wrong is None:
        return value
    answer = {"value": value, "low": low, "high": high, "source": source or None}
    if kind:
        answer["source_kind"] = kind
    if p_wrong is not None:
        answer["p_wrong"] = p_wrong
    return answer


def split_kind(text: str) -> tuple[str, str]:
    """("0.2 src: IMF", "analyst") from "0.2 src: IMF kind: analyst"; refuses other words."""
    found = _KIND.search(text)
    if found is None:
        return text, ""
    kind = found["kind"].strip().lower()
    if kind not in SOURCE_KINDS:
        raise AnswerError(f"{kind!r} is not a kind of source: use {', '.join(SOURCE_KINDS)}")
    return text[:found.start()].strip(), kind


def _split_source(text: str) -> tuple[str, str]:
    """("0.25 (0.19-0.30)", "IMF") from "0.25 (0.19-0.30) src: IMF"."""
    found = _SOURCE.search(text)
    if found is None:
        return text, ""
    return text[:found.start()].strip(), text[found.end():].strip()


RANGE_HELP = ("Unsure? Give a range, 0.19-0.30 (its midpoint is the value) or "
              "0.25 (0.19..0.30); add where it comes from after src:, e.g. 0.2 src: IMF, "
              "and what kind of source it is after kind: (cited, analyst for your own "
              "judgement, unverified), e.g. 0.12-0.16 src: Armstat 2024 kind: analyst.")


JUDGED_HELP = ("A judgement: say how sure you are with the menu's last entry, as the chance "
               "your reading is wrong, e.g. {example} p_wrong: 0.2 (from 0 to 0.5); the "
               "robustness analysis then varies it that often.")
LEVEL_RANGE_HELP = ("Unsure? Choose the menu's last entry and type the level with a range "
                    "and where it comes from, e.g. medium (low..high) src: ACLED 2024 "
                    "kind: analyst (kinds: cited, analyst, unverified).")


def show_number(value: Any) -> str:
    """An answer as the text that parses back to it: "0.25 (0.19..0.3) src: IMF", or a
    level's "medium (low..high) src: ACLED", or a judgement's "yes p_wrong: 0.2"."""
    if not isinstance(value, dict):
        return plain_text(value)
    text = plain_text(value["value"])
    if value.get("low") is not None:
        text += f" ({plain_text(value['low'])}..{plain_text(value['high'])})"
    if value.get("source"):
        text += f" src: {value['source']}"
    if value.get("source_kind"):
        text += f" kind: {value['source_kind']}"
    if value.get("p_wrong") is not None:
        text += f" p_wrong: {plain_text(value['p_wrong'])}"
    return text


def label_parser(pack: Pack, factor: Factor) -> Callable[[str], Any]:
    """Parse text as a level/choice label or a boolean, with the loader's message and hint."""

    def parse(text: str) -> Any:
        value = coerce(pack, factor.id, text.strip())
        problem = value_problem(factor, value)
        if problem:
            message, hint = problem
            raise AnswerError(f"{message}; {hint}")
        return value

    return parse


# "low..high", "low to high", "low–high"; a plain "-" only where labels contain none.
_LEVEL_RANGE = re.compile(r"\s*(?P<low>\S+?)\s*(?:\.\.|–|\s+to\s+)\s*(?P<high>\S+)\s*", re.I)
_LEVEL_WITH_RANGE = re.compile(r"(?P<value>[^()]+?)\s*\((?P<range>[^()]*)\)")


def level_parser(pack: Pack, factor: Factor) -> Callable[[str], Any]:
    """Parse a level as typed: ``medium``, ``medium (low..high)``, ``medium src: ACLED``.

    A range is two levels around the level itself; with a range or a source the answer
    is a mapping ``{"value", "low", "high", "source"}``, as for numbers.
    """
    one = label_parser(pack, factor)
    order = {label: n for n, label in enumerate(factor.labels)}

    def parse(text: str) -> Any:
        text, kind = split_kind(text.strip())
        text, p_wrong = split_p_wrong(text, factor)
        body, source = _split_source(text)
        if not body:
            raise AnswerError(f"type a level: {', '.join(factor.labels)}")
        low = high = None
        bracketed = _LEVEL_WITH_RANGE.fullmatch(body)
        if bracketed is not None:
            value = one(bracketed["value"])
            if factor.nature == FactorNature.FIXED:
                raise AnswerError(f"{factor.label} is a fixed fact (nature: fixed): give "
                                  "the level without a range")
            if p_wrong is not None:
                raise AnswerError("give a range or p_wrong, not both")
            low, high = _level_range(bracketed["range"], one, factor)
            if not order[low] <= order[value] <= order[high]:
                raise AnswerError(f"{value} is outside its range {low} to {high}")
        elif body not in order and _level_ends(body, factor) is not None:
            raise AnswerError(f"give the level itself before its range, e.g. "
                              f"{factor.labels[len(factor.labels) // 2]} ({body})")
        else:
            value = one(body)
        return _answer(value, low, high, source, kind, p_wrong)

    return parse


def judgement_parser(pack: Pack, factor: Factor) -> Callable[[str], Any]:
    """A judged yes/no reading as typed: ``yes``, ``yes src: analyst p_wrong: 0.2``."""
    one = label_parser(pack, factor)

    def parse(text: str) -> Any:
        text, kind = split_kind(text.strip())
        text, p_wrong = split_p_wrong(text, factor)
        body, source = _split_source(text)
        return _answer(one(body), None, None, source, kind, p_wrong)

    return parse


def _level_ends(text: str, factor: Factor) -> tuple[str, str] | None:
    found = _LEVEL_RANGE.fullmatch(text)
    if found is not None:
        return found["low"], found["high"]
    if "-" in text and not any("-" in label for label in factor.labels):
        low, _, high = text.partition("-")
        return low.strip(), high.strip()
    return None


def _level_range(text: str, one: Callable[[str], Any], factor: Factor) -> tuple[str, str]:
    ends = _level_ends(text, factor)
    if ends is None:
        raise AnswerError(f"{text.strip()!r} is not a range of levels such as "
                          f"{factor.labels[0]}..{factor.labels[-1]}")
    low, high = one(ends[0]), one(ends[1])
    if factor.labels.index(low) > factor.labels.index(high):
        low, high = high, low
    return low, high


def bounds_text(factor: Factor) -> str:
    """"0 to 1, share": the range and unit a number question shows and its errors repeat."""
    return ", ".join(part for part in (_range_text(factor), factor.unit) if part)


def _hint(factor: Factor) -> str:
    bounds = bounds_text(factor)
    return f" ({bounds})" if bounds else ""
