"""Scenario warnings on what the analysis counts twice or hangs on a cut (CR215, CR216).

* **CR215 a cliff inside the stated range**: a rule or risk rule switches on at a
  threshold of a number factor, and the scenario's own range for that factor straddles
  the threshold, with the rule's effect jumping there (not a graded rule that starts from
  nothing).  The scenario then says it does not know on which side of the cut it is,
  and the result may hang on that cut: the key assumptions check shows whether it does.
* **CR216 one citation behind two facts**: two facts cite the same source (the same
  bibliography id, or the same publisher and date in the text) for the same figure.  One
  piece of evidence then justifies two factors, and rules reading both count it twice
  (Kazakhstan's EU trade share once justified both ``trade_share_eu`` and
  ``western_engagement``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from crossroads.core.errors import CrossroadsError, Problem
from crossroads.core.factors import FactorKind
from crossroads.core.inputs import resolve_factors
from crossroads.core.model import FactorValue, Pack, RiskRule, Rule, Scenario

ADVICE = {
    "CR215": "narrow the range if a source allows it, or grade the rule so that its effect "
             "grows from the threshold (`explain --assumptions` shows whether the cut "
             "decides the recommendation)",
    "CR216": "justify each factor by its own evidence; if the figure really bears on both, "
             "say so in the second fact's `note:` and cite only the first",
}
#: Points across a stated range at which a rule's condition is tried.
RANGE_SAMPLES = 101
#: A jump in points (or likelihood) this small where a rule switches on is a graded start.
_POINTS_JUMP, _LIKELIHOOD_JUMP = 0.05, 0.01
# "(Kazinform, Jul 2024)", "(Reuters, Feb 2024)": a publisher and a date in parentheses
# (a bare "(2021)" names no publisher).
_DATED_SOURCE = re.compile(r"\(([^();]*?[A-Za-z][^();]*?(?:19|20)\d\d)\)")
# A figure that identifies evidence: a percentage or an amount, not a bare year.
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|bn|m\b|Mt|bcm)")


def counting_warnings(pack: Pack, scenario: Scenario) -> Iterator[Problem]:
    """CR215 and CR216 findings for *scenario* scored with *pack*."""
    yield from cliffs_inside_ranges(pack, scenario)
    yield from shared_citations(scenario)


# -- CR215 ------------------------------------------------------------------------------

def cliffs_inside_ranges(pack: Pack, scenario: Scenario) -> Iterator[Problem]:
    try:
        values, _, _ = resolve_factors(pack, scenario)
    except CrossroadsError:
        return  # invalid values are reported by validation itself
    everything: tuple[Rule | RiskRule, ...] = (*pack.rules, *pack.risk_rules)
    for name, fact in scenario.factors.items():
        factor = pack.factors.get(name)
        if factor is None or factor.kind != FactorKind.NUMBER or not fact.has_range:
            continue
        low, high = float(fact.low), float(fact.high)
        for rule in everything:
            if rule.when is None or name not in rule.when.factors:
                continue
            cut = _jump(rule, values, name, low, high)
            if cut is not None:
                kind = "rule" if isinstance(rule, Rule) else "risk rule"
                yield Problem(
                    fact.location,
                    f"{name}: {kind} {rule.id!r} switches on at about {cut:.3g}, inside the "
                    f"stated range [{low:g}, {high:g}]; the result may hang on which side of "
                    "the cut the fact lies", ADVICE["CR215"], "warning", "CR215")


def _jump(rule: Rule | RiskRule, values: dict[str, Any], name: str, low: float,
          high: float) -> float | None:
    """Where *rule* switches with a jump as *name* runs over [low, high], if it does."""
    step = (high - low) / (RANGE_SAMPLES - 1)
    before: tuple[bool, float] | None = None
    for i in range(RANGE_SAMPLES):
        at = {**values, name: low + i * step}
        fired = bool(rule.when(at)) if rule.when is not None else True
        amount = _amount(rule, at) if fired else 0.0
        if before is not None and fired != before[0]:
            limit = _POINTS_JUMP if isinstance(rule, Rule) else _LIKELIHOOD_JUMP
            if abs(amount - before[1]) > limit:
                return low + (i - 0.5) * step
        before = (fired, amount)
    return None


def _amount(rule: Rule | RiskRule, values: dict[str, Any]) -> float:
    if isinstance(rule, Rule):
        return sum(abs(float(e.points(values))) for e in rule.effects)
    return float(rule.likelihood(values))


# -- CR216 ------------------------------------------------------------------------------

def _citations(fact: FactorValue) -> set[str]:
    found = {f"id:{ident}" for ident in fact.cites}
    found |= {" ".join(m.lower().split()) for m in _DATED_SOURCE.findall(fact.source)}
    return found


def _figures(fact: FactorValue) -> set[str]:
    return {re.sub(r"\s+", "", m) for m in _FIGURE.findall(fact.source)}


def shared_citations(scenario: Scenario) -> Iterator[Problem]:
    seen: list[tuple[str, FactorValue]] = []
    for name, fact in scenario.factors.items():
        for other, earlier in seen:
            common = _citations(fact) & _citations(earlier)
            figures = _figures(fact) & _figures(earlier)
            if common and figures:
                cited = sorted(common)[0].removeprefix("id:")
                yield Problem(
                    fact.location,
                    f"{name}: the same citation ({cited}) and figure "
                    f"({', '.join(sorted(figures))}) already justify {other}: one piece of "
                    "evidence behind two factors", ADVICE["CR216"], "warning", "CR216")
                break
        seen.append((name, fact))
