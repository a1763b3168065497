"""Who judges, as a source of uncertainty: a panel's draws split among its analysts."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from crossroads.core.model import Pack, Scenario
from crossroads.robustness.analysis import view_draws
from crossroads.robustness.recommendation import Recommendation, recommend
from crossroads.robustness.vectorised import VectorScorer
from crossroads.robustness.voi import who_judges_value
from crossroads.robustness.voi_result import ValueOfInformation
from crossroads.services.panel import PanelAnalysis, member_scenario


@dataclass(frozen=True)
class PanelRobustness:
    """The panel as a source of uncertainty: draws split among the analysts' views.

    Each analyst's view (their weights, their facts and ranges) gets a share of the draws
    in proportion to their vote, and every other source is varied as in `sensitivity`;
    the pooled first-place shares weight each view by its vote.  *who_judges* is the part
    of the variance of "the panel's leader comes first" that lies between analysts
    (law of total variance on that yes/no outcome): 1 when the answer depends only on
    who judges, 0 when every analyst's draws give the same chance.  *who_judges_value* is
    what knowing which analyst's view is right would be worth (its EVPPI, see
    :mod:`crossroads.robustness.voi`); *view_leaders* the option best on average under
    each view.
    """

    draws: int
    leader: str  # the combined view's base-case leader
    first: dict[str, float]  # option -> pooled share of draws in which it comes first
    by_analyst: dict[str, dict[str, float]]  # analyst -> option -> share first
    who_judges: float
    recommendation: Recommendation | None
    who_judges_value: ValueOfInformation | None = None
    view_leaders: dict[str, str] = field(default_factory=dict)  # analyst -> option


def allocate(draws: int, shares: Sequence[float]) -> list[int]:
    """*draws* split in proportion to *shares* (largest remainder), at least one each."""
    exact = [draws * s for s in shares]
    counts = [max(1, math.floor(x)) for x in exact]
    order = sorted(range(len(shares)), key=lambda i: (-(exact[i] - math.floor(exact[i])), i))
    for i in order[:max(0, draws - sum(counts))]:
        counts[i] += 1
    return counts


def panel_robustness(pack: Pack, scenario: Scenario, analysis: PanelAnalysis,
                     draws: int, seed: int) -> PanelRobustness:
    """Draws over who judges and everything else uncertain (see :class:`PanelRobustness`)."""
    counts = allocate(draws, [m.share for m in analysis.members])
    by_analyst: dict[str, dict[str, float]] = {}
    views = []
    scorer = VectorScorer(pack)
    for k, (member, n) in enumerate(zip(analysis.members, counts, strict=True)):
        by_analyst[member.analyst.name], scores = view_draws(
            pack, member_scenario(scenario, member.analyst), n, seed + k, scorer=scorer)
        views.append((member.analyst.name, member.share, scores))
    order = [o.id for o in analysis.group.options]
    value, view_leaders = who_judges_value(views, scorer.option_ids,
                                           [scorer.option_ids.index(o) for o in order])
    shares = [m.share for m in analysis.members]
    first = {o: math.fsum(s * by_analyst[m.analyst.name][o]
                          for s, m in zip(shares, analysis.members, strict=True))
             for o in order}
    leader = analysis.leader
    p = first[leader]
    total = p * (1 - p)
    between = math.fsum(s * (by_analyst[m.analyst.name][leader] - p) ** 2
                        for s, m in zip(shares, analysis.members, strict=True))
    return PanelRobustness(sum(counts), leader, first, by_analyst,
                           between / total if total > 0 else 0.0,
                           recommend(first, order, sum(counts)), value, view_leaders)
