"""Checking a scored pack test against its expectations, and explaining each miss."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from crossroads.authoring.packtest_model import SCORE_TOLERANCE, Expectation, Failure
from crossroads.core.model import Pack, RiskRule, Rule


def fired(pack: Pack, values: Mapping[str, Any]) -> tuple[set[str], set[str]]:
    """Ids of the rules and of the risk rules whose condition holds for *values*."""

    def holds(when: Any) -> bool:
        return when is None or bool(when(values))

    return ({r.id for r in pack.rules if holds(r.when)},
            {r.id for r in pack.risk_rules if holds(r.when)})


class Checker:
    """Checks one expectation at a time against a scored test scenario."""

    def __init__(self, pack: Pack, result: Any, values: Mapping[str, Any],
                 fired_ids: set[str]) -> None:
        from crossroads.core.engine import Result

        self.pack = pack
        self.result: Result = result
        self.values = values
        self.fired = fired_ids

    def check(self, e: Expectation) -> Failure | None:
        handler = getattr(self, f"check_{e.kind}")
        failure: Failure | None = handler(e)
        return failure

    def check_leader(self, e: Expectation) -> Failure | None:
        leader = self.result.leader
        if leader.id == e.expected:
            return None
        expected = self.result.option(e.expected)
        return Failure(e, f"expected leader {e.expected!r}, got {leader.id!r} "
                       f"(score {leader.score:.4f} vs {expected.score:.4f}, "
                       f"{expected.id!r} ranks {expected.rank})",
                       difference(leader, expected))

    def check_rank(self, e: Expectation) -> Failure | None:
        option = self.result.option(e.subject)
        if option.rank == e.expected:
            return None
        there = self.result.options[e.expected - 1]
        return Failure(e, f"expected {e.subject!r} at rank {e.expected}, got rank "
                       f"{option.rank} ({there.id!r} holds rank {e.expected})",
                       difference(there, option))

    def check_score(self, e: Expectation) -> Failure | None:
        option = self.result.option(e.subject)
        low, high = e.expected
        if low - SCORE_TOLERANCE <= option.score <= high + SCORE_TOLERANCE:
            return None
        want = f"{low:g}" if low == high else f"in [{low:g}, {high:g}]"
        return Failure(e, f"expected score of {e.subject!r} {want}, got {option.score:.4f}",
                       breakdown(option))

    def check_likelihood(self, e: Expectation) -> Failure | None:
        risk_id, option_id = e.subject.split("/", 1)
        option = self.result.option(option_id)
        found = next((r for r in option.risks if r.id == risk_id), None)
        likelihood = found.likelihood if found else 0.0
        low, high = e.expected
        if low - SCORE_TOLERANCE <= likelihood <= high + SCORE_TOLERANCE:
            return None
        want = f"{low:g}" if low == high else f"in [{low:g}, {high:g}]"
        details = []
        for rr in self.pack.risk_rules:
            if rr.risk != risk_id or option_id not in rr.applies_to:
                continue
            if rr.id in self.fired:
                details.append(f"{rr.id} fired: likelihood {rr.likelihood.text} = "
                               f"{float(rr.likelihood(self.values)):.4g}")
            else:
                details.append(f"{rr.id} did not fire: when {_when_text(rr.when)} "
                               f"({self._reads(rr.when)})")
        if not details:
            details.append(f"no risk rule links {risk_id!r} to {option_id!r}")
        got = f"{likelihood:.4f}" if found else "0 (the risk did not occur)"
        return Failure(e, f"expected likelihood of {risk_id!r} for {option_id!r} {want}, "
                       f"got {got}", tuple(details))

    def check_monotone(self, e: Expectation) -> Failure | None:
        from crossroads.authoring.monotone import check_direction

        return check_direction(self.pack, self.result.scenario, e)

    def check_fires(self, e: Expectation) -> Failure | None:
        return self._firing(e, should=True)

    def check_not_fires(self, e: Expectation) -> Failure | None:
        return self._firing(e, should=False)

    def _firing(self, e: Expectation, *, should: bool) -> Failure | None:
        did = e.subject in self.fired
        if did == should:
            return None
        everything: tuple[Rule | RiskRule, ...] = (*self.pack.rules, *self.pack.risk_rules)
        rule = next(r for r in everything if r.id == e.subject)
        verb = "to fire" if should else "not to fire"
        outcome = "it did not" if should else "it did"
        return Failure(e, f"expected {e.subject!r} {verb}, {outcome}",
                       (f"when {_when_text(rule.when)}", f"with {self._reads(rule.when)}"))

    def _reads(self, when: Any) -> str:
        from crossroads.authoring.sampling import describe_values

        if when is None:
            return "no factors"
        return describe_values({n: self.values[n] for n in when.factors}, self.pack.factors) \
            or "no factors"


def _when_text(when: Any) -> str:
    return "(always)" if when is None else f"`{when.text}`"


def _weighted_by_criterion(option: Any) -> dict[str, list[tuple[str, float]]]:
    out: dict[str, list[tuple[str, float]]] = {}
    for c in option.contributions:
        out.setdefault(c.criterion, []).append((c.rule, c.value))
    return out


def difference(ahead: Any, behind: Any) -> tuple[str, ...]:
    """Where the score gap between two options comes from, criterion by criterion."""
    lines = [f"{ahead.id} {ahead.score:+.4f} vs {behind.id} {behind.score:+.4f}: "
             f"gap {ahead.score - behind.score:.4f}"]
    a, b = _weighted_by_criterion(ahead), _weighted_by_criterion(behind)
    for criterion in sorted(set(a) | set(b)):
        sa = sum(v for _, v in a.get(criterion, []))
        sb = sum(v for _, v in b.get(criterion, []))
        if math.isclose(sa, sb, abs_tol=1e-12):
            continue
        lines.append(f"{criterion}: {ahead.id} {sa:+.4f} ({_rules(a.get(criterion, []))}) vs "
                     f"{behind.id} {sb:+.4f} ({_rules(b.get(criterion, []))})")
    if not math.isclose(ahead.risk, behind.risk, abs_tol=1e-12):
        lines.append(f"expected risk: {ahead.id} {ahead.risk:.4f} ({_risks(ahead)}) vs "
                     f"{behind.id} {behind.risk:.4f} ({_risks(behind)})")
    return tuple(lines)


def _rules(items: list[tuple[str, float]]) -> str:
    return ", ".join(f"{rule} {value:+.4f}" for rule, value in items) or "no rule"


def _risks(option: Any) -> str:
    return ", ".join(f"{r.id} {r.likelihood:.2f}*{r.impact}" for r in option.risks) or "none"


def breakdown(option: Any) -> tuple[str, ...]:
    lines = [f"{c.rule}: {c.criterion} {c.points:+g} points * weight {c.weight:.3f} = "
             f"{c.value:+.4f}" for c in option.contributions]
    if not lines:
        lines.append("no rule gave it points")
    for r in option.risks:
        lines.append(f"risk {r.id}: likelihood {r.likelihood:.3f} * impact {r.impact} = "
                     f"{r.expected:.4f} (from {', '.join(r.rules)})")
    lines.append(f"benefit {option.benefit:.4f} - risk aversion * risk {option.risk:.4f} = "
                 f"{option.score:.4f}")
    return tuple(lines)
