"""Checking a scored pack test against its expectations, and explaining each miss."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from crossroads.authoring.monotone import check_direction
from crossroads.authoring.packtest_explain import breakdown, difference
from crossroads.authoring.packtest_model import SCORE_TOLERANCE, Expectation, Failure
from crossroads.authoring.sampling import describe_values
from crossroads.core.engine import Result
from crossroads.core.expr import Expr
from crossroads.core.model import Pack, RiskRule, Rule


def fired(pack: Pack, values: Mapping[str, Any]) -> tuple[set[str], set[str]]:
    """Ids of the rules and of the risk rules whose condition holds for *values*."""

    def holds(when: Expr | None) -> bool:
        return when is None or bool(when(values))

    return ({r.id for r in pack.rules if holds(r.when)},
            {r.id for r in pack.risk_rules if holds(r.when)})


class Checker:
    """Checks one expectation at a time against a scored test scenario."""

    def __init__(self, pack: Pack, result: Result, values: Mapping[str, Any],
                 fired_ids: set[str]) -> None:
        self.pack = pack
        self.result = result
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
                       difference(self.result, leader, expected))

    def check_rank(self, e: Expectation) -> Failure | None:
        option = self.result.option(e.subject)
        if option.rank == e.expected:
            return None
        there = self.result.options[e.expected - 1]
        return Failure(e, f"expected {e.subject!r} at rank {e.expected}, got rank "
                       f"{option.rank} ({there.id!r} holds rank {e.expected})",
                       difference(self.result, there, option))

    def check_score(self, e: Expectation) -> Failure | None:
        option = self.result.option(e.subject)
        low, high = e.expected
        if low - SCORE_TOLERANCE <= option.score <= high + SCORE_TOLERANCE:
            return None
        want = f"{low:g}" if low == high else f"in [{low:g}, {high:g}]"
        return Failure(e, f"expected score of {e.subject!r} {want}, got {option.score:.4f}",
                       breakdown(self.result, option))

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

    def _reads(self, when: Expr | None) -> str:
        if when is None:
            return "no factors"
        return describe_values({n: self.values[n] for n in when.factors}, self.pack.factors) \
            or "no factors"


def _when_text(when: Expr | None) -> str:
    return "(always)" if when is None else f"`{when.text}`"
