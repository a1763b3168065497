"""Delphi rounds of a panel: the weights without names, and what changed between rounds."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from crossroads.core.engine import Result
from crossroads.core.model import FactorValue
from crossroads.services.panel import PanelAnalysis


@dataclass(frozen=True)
class Spread:
    """One criterion's weights across the panel, without names (for a Delphi round)."""

    criterion: str
    low: float
    median: float
    high: float
    panel: float


def weight_spread(analysis: PanelAnalysis) -> tuple[Spread, ...]:
    """Each criterion's lowest, median and highest analyst weight, and the panel's: what
    analysts are shown between Delphi rounds, so no one is swayed by a name."""
    out = []
    for criterion, combined in analysis.group.weights.items():
        ordered = sorted(m.result.weights[criterion] for m in analysis.members)
        middle = len(ordered) // 2
        median = (ordered[middle] if len(ordered) % 2
                  else (ordered[middle - 1] + ordered[middle]) / 2)
        out.append(Spread(criterion, ordered[0], median, ordered[-1], combined))
    return tuple(out)


@dataclass(frozen=True)
class RoundChange:
    """How the panel moved between two Delphi rounds."""

    consensus_before: float
    consensus_after: float
    kendall_before: float
    kendall_after: float
    leader_before: str
    leader_after: str
    revised: tuple[str, ...]  # analysts whose weights changed between the rounds
    joined: tuple[str, ...] = ()  # analysts on this round's panel only
    left: tuple[str, ...] = ()  # analysts on the previous round's panel only
    # The previous round's combined view, so the decision log keeps each round.
    earlier: Result | None = None
    # Analysts (on both rounds) whose reading of a judged fact changed between the rounds.
    revised_readings: tuple[str, ...] = ()
    # The share of the votes held by dissenting analysts, before and after.
    dissent_before: float = 0.0
    dissent_after: float = 0.0
    # Who dissented in each round: an unchanged share can hide a change of dissenters.
    dissenters_before: tuple[str, ...] = ()
    dissenters_after: tuple[str, ...] = ()

    @property
    def consensus_rose(self) -> bool:
        return self.consensus_after > self.consensus_before


def compare_rounds(before: PanelAnalysis, after: PanelAnalysis) -> RoundChange:
    """The change from one round of the same panel to the next."""
    earlier = {m.analyst.name.casefold(): m.result.weights for m in before.members}
    revised = tuple(m.analyst.name for m in after.members
                    if m.analyst.name.casefold() in earlier
                    and any(not math.isclose(w, earlier[m.analyst.name.casefold()][c],
                                             abs_tol=1e-9)
                            for c, w in m.result.weights.items()))
    readings = {m.analyst.name.casefold(): _readings(m.analyst.factors)
                for m in before.members}
    revised_readings = tuple(
        m.analyst.name for m in after.members
        if m.analyst.name.casefold() in readings
        and _readings(m.analyst.factors) != readings[m.analyst.name.casefold()])
    now = {m.analyst.name.casefold() for m in after.members}
    joined = tuple(m.analyst.name for m in after.members
                   if m.analyst.name.casefold() not in earlier)
    left = tuple(m.analyst.name for m in before.members if m.analyst.name.casefold() not in now)
    return RoundChange(before.consensus, after.consensus, before.kendall_w, after.kendall_w,
                       before.leader, after.leader, revised, joined, left, before.group,
                       revised_readings, before.dissent_share, after.dissent_share,
                       tuple(d.analyst for d in before.dissent),
                       tuple(d.analyst for d in after.dissent))


def _readings(factors: Mapping[str, FactorValue]) -> dict[str, tuple[object, ...]]:
    """An analyst's readings of facts, comparable across rounds (value, range, doubt)."""
    return {name: (v.value, v.low, v.high, v.p_wrong) for name, v in factors.items()}
