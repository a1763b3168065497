"""Text the briefing shows, formatted once for every renderer: numbers, values, ranges.

Pack and scenario text arrives with YAML line breaks; numbers need true minus signs;
factor values read as a reader expects them (shares as percentages, labels with spaces).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from crossroads.core.engine import Result


def clean(text: object) -> str:
    """Collapse runs of whitespace: pack and scenario text arrives with YAML line breaks."""
    return " ".join(str(text).split()) if text is not None else ""


def number(value: float) -> str:
    # A true minus sign reads better in print; "-0.00" would look like an error.
    text = f"{value:.2f}"
    if text in ("-0.00", "0.00"):
        return "0.00"
    return text.replace("-", "−")


def signed(value: float) -> str:
    text = number(value)
    return text if text.startswith("−") or text == "0.00" else "+" + text


def value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}".replace("-", "−")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if value is None:
        return "—"
    return clean(value)


def sentence(text: str) -> str:
    """*text* with a capital first letter and a full stop, for joining into prose."""
    text = clean(text)
    if not text:
        return ""
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym ("CPC", "EU")."""
    word = text.split(" ", 1)[0]
    if len(word) > 1 and word[1:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def range_text(result: Result, factor_id: str, low: Any, high: Any) -> str:
    """A range with its unit once: "18–21%", "0.1–0.4% of GDP", "medium–very high"."""
    low_text, high_text = factor_text(result, factor_id, low), factor_text(result, factor_id, high)
    # Both ends carry the same unit suffix after the number: keep it only on the upper end.
    leading_number = re.compile(r"^[−\d.]+")
    low_number, high_number = leading_number.match(low_text), leading_number.match(high_text)
    if low_number and high_number and \
            low_text[low_number.end():] == high_text[high_number.end():]:
        return f"{low_number.group(0)}–{high_text}"
    return f"{low_text}–{high_text}"


def factor_text(result: Result, factor_id: str, value: Any) -> str:
    """A factor value as a reader expects it: shares as percentages, labels with spaces."""
    factor = result.pack.factors.get(factor_id)
    if factor is None or value is None or isinstance(value, bool):
        return value_text(value)
    if factor.kind in ("level", "choice"):
        return value_text(value).replace("_", " ")
    if factor.kind != "number" or not isinstance(value, int | float):
        return value_text(value)
    unit = clean(factor.unit)
    if unit == "share" or unit.startswith("share "):
        # "share" is a fraction of a whole; "share of GDP" keeps what it is a share of.
        return f"{value * 100:.3g}%{unit[len('share'):]}".replace("-", "−")
    text = value_text(float(value))
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def factor_label(result: Result, factor_id: str) -> str:
    factor = result.pack.factors.get(factor_id)
    return clean(factor.label) if factor and factor.label else factor_id


def criterion_title(result: Result, criterion_id: str) -> str:
    criterion = result.pack.criteria.get(criterion_id)
    return clean(criterion.title) if criterion and criterion.title else criterion_id


def option_title(result: Result, option_id: str) -> str:
    try:
        return clean(result.option(option_id).title)
    except KeyError:
        return option_id


def fill_question(template: str, subject: str, year: str) -> str:
    """The pack's decision question with {subject} and {year} filled in.

    Unknown placeholders stay as typed rather than failing: a question is prose, and a
    stray brace in it is the author's to fix, not a reason to refuse the briefing.
    """
    values = {"subject": subject, "year": year}
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), template)
