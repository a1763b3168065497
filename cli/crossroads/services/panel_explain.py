"""Where a panel's combined number for one option comes from: each analyst's score and
rank for it, and the weight gaps between them and the panel that move it most.

A weight gap's *effect* is how much that gap alone moves the option's score, on the
combined view's facts: (their weight - the panel's) x the option's points on the
criterion x the value of a point.  Scores are linear in the weights, so when an analyst
reads no fact otherwise, their score for the option is the panel's plus the sum of the
effects of all their gaps (risk does not depend on the weights).  An analyst who reads
judged facts otherwise differs by more than that: :attr:`AnalystOnOption.facts_effect`
is the rest, their score minus their weights' score on the scenario's facts, so that
their score is the panel's plus every gap's effect plus the facts' effect.
"""

from __future__ import annotations

from dataclasses import dataclass

from crossroads.core.values import value_per_point
from crossroads.services.panel import PanelAnalysis

GAPS_SHOWN = 2  # the largest effects; the JSON has the same two


@dataclass(frozen=True)
class WeightGap:
    criterion: str
    theirs: float
    panel: float
    effect: float  # on the option's score, on the combined view's facts


@dataclass(frozen=True)
class AnalystOnOption:
    """One analyst's view of one option, beside the panel's."""

    analyst: str
    share: float
    score: float
    rank: int
    gaps: tuple[WeightGap, ...]  # largest effect first, at most GAPS_SHOWN, none zero
    own_facts: bool  # they give a judged fact another value than the scenario does
    # How much their reading of the facts moves their score for the option (0.0 without).
    facts_effect: float = 0.0


def weight_gaps(analysis: PanelAnalysis, member_index: int, option_id: str
                ) -> tuple[WeightGap, ...]:
    """Every criterion on which the analyst's weight differs from the panel's and moves
    *option_id*'s score, largest effect first (ties by criterion id)."""
    group = analysis.group
    member = analysis.members[member_index]
    performance = group.option(option_id).criteria
    gaps = []
    for criterion, panel in group.weights.items():
        theirs = member.result.weights[criterion]
        effect = ((theirs - panel) * performance[criterion]
                  * value_per_point(group.pack.criteria[criterion]))
        if effect != 0.0:
            gaps.append(WeightGap(criterion, theirs, panel, effect))
    return tuple(sorted(gaps, key=lambda g: (-abs(g.effect), g.criterion)))


def views_of_option(analysis: PanelAnalysis, option_id: str) -> tuple[AnalystOnOption, ...]:
    """Each analyst's score and rank for *option_id*, with the gaps that move it most."""
    stated = analysis.group.scenario.factors
    out = []
    for index, member in enumerate(analysis.members):
        reads = any(name not in stated or given.value != stated[name].value
                    for name, given in member.analyst.factors.items())
        theirs = member.result.option(option_id)
        on_stated = member.on_stated_facts
        facts = (theirs.score - on_stated.option(option_id).score
                 if on_stated is not None else 0.0)
        out.append(AnalystOnOption(member.analyst.name, member.share, theirs.score,
                                   theirs.rank,
                                   weight_gaps(analysis, index, option_id)[:GAPS_SHOWN],
                                   reads, facts))
    return tuple(out)
