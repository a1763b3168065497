"""A briefing's analysis: score a scenario and summarise its robustness in one pass.

Laying the result out as Markdown, HTML or PDF is :mod:`crossroads.report.briefing`.
"""

from __future__ import annotations

from dataclasses import dataclass

from crossroads.core.engine import Result
from crossroads.core.model import Pack, Scenario
from crossroads.robustness.analysis import analyse, summarise
from crossroads.robustness.summary import DEFAULT_DRAWS, DEFAULT_SEED, Robustness


@dataclass(frozen=True, slots=True)
class BriefingRobustness(Robustness):
    """The robustness summary plus what the briefing must name: which sources of
    uncertainty the draws actually varied (a chart caption says so)."""

    varied: tuple[str, ...] = ()  # source names, in the order reports list them


def score_with_robustness(pack: Pack, scenario: Scenario, draws: int = DEFAULT_DRAWS,
                          seed: int = DEFAULT_SEED) -> tuple[Result, Robustness]:
    """Score *scenario* and summarise its sensitivity in one pass (the analysis scores the
    scenario itself, so its base result is the briefing's result)."""
    analysis = analyse(pack, scenario, draws, seed)
    summary = summarise(analysis)
    # A source that was chosen but has nothing to vary (no measured fact with a range, no
    # judgement with a stated doubt) did not move any draw: the briefing must not claim it did.
    idle = {"facts"} if not set(analysis.uncertain_factors) - set(analysis.judgement_factors) \
        else set()
    if not analysis.judgement_factors:
        idle.add("judgement_factors")
    varied = tuple(s.source for s in analysis.sources if s.included and s.source not in idle)
    fields = {name: getattr(summary, name) for name in Robustness.__dataclass_fields__}
    return analysis.base, BriefingRobustness(**fields, varied=varied)
