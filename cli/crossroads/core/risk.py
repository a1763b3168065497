"""Combining risk rules into risk events: one impact per event, triggers raise likelihood.

A *risk event* is one consequence for one option: a declared risk at one impact.  Risk
rules are its *triggers*; they never add impact, they only make the event likelier:

* triggers that share a cause (the same ``group:``) are one cause seen twice, so the
  group's likelihood is the largest of its fired triggers;
* groups (and ungrouped triggers, each its own group) are independent causes, combined by
  noisy-OR: ``P = 1 - prod(1 - p_group)``;
* triggers of one risk with *different* impacts describe different consequences and so
  are different events, each combined on its own.

An event's expected disvalue is ``P x impact x risk_unit`` (see :mod:`values`).  The
scalar engine, the batch scorer and the numpy scorer all use :func:`event_plan`, so they
group triggers identically.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from crossroads.core.model import Pack


@dataclass(frozen=True, slots=True)
class RiskEvent:
    """One risk at one impact for one option, with its triggers grouped by shared cause."""

    risk: str
    impact: int
    groups: tuple[tuple[str, ...], ...]  # risk-rule ids; each inner tuple shares a cause

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(rule for group in self.groups for rule in group)


def event_plan(pack: Pack) -> dict[str, tuple[RiskEvent, ...]]:
    """Each option's risk events, by risk id then impact (highest first), rules by id."""
    grouped: dict[str, dict[tuple[str, int], dict[str, list[str]]]] = {
        option: {} for option in pack.options}
    for rule in pack.risk_rules:
        for option in rule.applies_to:
            groups = grouped[option].setdefault((rule.risk, rule.impact), {})
            groups.setdefault(rule.group or f"rule:{rule.id}", []).append(rule.id)
    return {
        option: tuple(
            RiskEvent(risk, impact, tuple(sorted(tuple(sorted(g)) for g in groups.values())))
            for (risk, impact), groups in sorted(events.items(), key=lambda e: (e[0][0], -e[0][1])))
        for option, events in grouped.items()}


def combined_likelihood(groups: Iterable[Iterable[float]]) -> float:
    """Noisy-OR across groups of the largest fired likelihood within each group."""
    stay_clear = 1.0
    for likelihoods in groups:
        group = list(likelihoods)
        if group:
            stay_clear *= 1.0 - max(group)
    return 1.0 - stay_clear
