"""Sourcing warnings for a scenario's facts (codes CR211-CR213).

A scenario describes one country at one date, so a fact must not lean on a source
published after ``as_of`` (CR211); every bound of a number range is a claim and needs its
own figure in the source or note, unless the fact is declared judgement or unverified
(CR212); a rating-scale label (Freedom House, CIVICUS) means nothing without the
edition's year (CR213); and a fact that cites the pack bibliography by id must name an
entry that exists (CR214).  What a scenario counts twice or hangs on a cut (CR215,
CR216) is checked in :mod:`crossroads.authoring.lint_scenario_counting`.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator

from crossroads.authoring.lint_scenario_counting import counting_warnings
from crossroads.core.errors import Problem
from crossroads.core.factors import FactorKind
from crossroads.core.model import FactorValue, Pack, Scenario, SourceKind

MONTHS = {name: i for i, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_MONTH_YEAR = re.compile(r"\b(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
                         r"\.?\s+(?P<year>(19|20)\d\d)\b", re.I)
_YEAR = re.compile(r"(?<![\d.])(?P<year>(19|20)\d\d)(?![\d.])")
_ROUNDING = 5e-4  # "18.6 %" states 0.186, not 0.18
RATING_SCALES = ("freedom house", "civicus", "v-dem")
_ADVICE = {
    "CR211": "use a source published by the scenario's as_of date, or move as_of",
    "CR212": "name the figure behind each bound in `source:` or `note:`, or declare "
             "`source_kind: analyst` / `unverified`",
    "CR213": "add the edition's year, e.g. 'Freedom House 23/100 (2024)'",
    "CR214": "add the entry to the pack's `sources:` or correct the id",
}


def latest_date(text: str) -> _dt.date | None:
    """The latest date a source text names: a month and year, or a bare year (1 January)."""
    dates = [_dt.date(int(m["year"]), MONTHS[m["month"][:3].lower()], 1)
             for m in _MONTH_YEAR.finditer(text)]
    dates += [_dt.date(int(m["year"]), 1, 1) for m in _YEAR.finditer(text)]
    return max(dates, default=None)


# A statistic for a period ("H1 2025", "Q3 2024") is published after the period ends.
_PERIOD = re.compile(r"\b(?P<part>H[12]|Q[1-4])\s+(?P<year>(19|20)\d\d)\b")
_PERIOD_LAST_MONTH = {"H1": 6, "H2": 12, "Q1": 3, "Q2": 6, "Q3": 9, "Q4": 12}


def period_end(text: str) -> _dt.date | None:
    """The last day of the latest half-year or quarter a source text names, if any."""
    ends = []
    for m in _PERIOD.finditer(text):
        year, month = int(m["year"]), _PERIOD_LAST_MONTH[m["part"]]
        first_of_next = _dt.date(year + month // 12, month % 12 + 1, 1)
        ends.append(first_of_next - _dt.timedelta(days=1))
    return max(ends, default=None)


def _figures(text: str) -> set[float]:
    """Numbers a text states, read as shares too ("2.1–2.3 %" gives 0.021 and 0.023)."""
    out: set[float] = set()
    for m in re.finditer(r"\d+(?:\.\d+)?", text):
        value = float(m.group(0))
        out.update((value, value / 100))
    return out


def scenario_warnings(pack: Pack, scenario: Scenario) -> list[Problem]:
    """Every sourcing and counting warning for *scenario*'s facts, in file order."""
    found = [*_findings(pack, scenario), *counting_warnings(pack, scenario)]
    return sorted(found, key=lambda p: (p.location.line, p.location.column))


def _findings(pack: Pack, scenario: Scenario) -> Iterator[Problem]:
    for name, fact in scenario.factors.items():
        text = f"{fact.source} {fact.note}"
        dated = latest_date(fact.source)
        if scenario.as_of is not None and dated is not None and dated > scenario.as_of:
            yield _warn(fact, "CR211", f"{name}: the source is dated {dated:%b %Y}, after "
                        f"the scenario's as_of {scenario.as_of.isoformat()}")
        ended = period_end(fact.source)
        if scenario.as_of is not None and ended is not None and ended >= scenario.as_of \
                and fact.source_kind == SourceKind.CITED:
            # Figures for a period that ends on as_of cannot have been published by then.
            yield _warn(fact, "CR211", f"{name}: the source gives figures for a period ending "
                        f"{ended.isoformat()}, not published by the scenario's as_of "
                        f"{scenario.as_of.isoformat()}")
        factor = pack.factors.get(name)
        if factor is not None and factor.kind == FactorKind.NUMBER and fact.has_range:
            yield from _unsourced_bounds(name, fact, text)
        lowered = fact.source.lower()
        scale = next((s for s in RATING_SCALES if s in lowered), None)
        if scale is not None and _YEAR.search(fact.source) is None:
            yield _warn(fact, "CR213", f"{name}: a {scale.title()} rating without the "
                        f"edition's year")
        for ident in fact.cites:
            if ident not in pack.sources:
                known = ", ".join(sorted(pack.sources)) or "none"
                yield _warn(fact, "CR214", f"{name}: cites {ident!r}, which is not in the "
                            f"bibliography of pack {pack.id!r} (known: {known})")


def _unsourced_bounds(name: str, fact: FactorValue, text: str) -> Iterator[Problem]:
    if fact.source_kind in (SourceKind.ANALYST, SourceKind.UNVERIFIED):
        return  # the whole range is declared as judgement or unverified
    stated = _figures(text)
    for label, bound in (("lower", fact.low), ("upper", fact.high)):
        if bound == fact.value:
            continue
        if not any(abs(bound - figure) < _ROUNDING for figure in stated):
            yield _warn(fact, "CR212", f"{name}: the {label} bound {bound:g} has no figure "
                        f"in the source or note")


def _warn(fact: FactorValue, code: str, message: str) -> Problem:
    return Problem(fact.location, message, _ADVICE[code], "warning", code)
