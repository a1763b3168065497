"""A briefing's analysis: score a scenario and summarise its robustness in one pass.

Laying the result out as Markdown, HTML or PDF is :mod:`crossroads.report.briefing`.
"""

from __future__ import annotations

from crossroads.core.engine import Result
from crossroads.core.model import Pack, Scenario
from crossroads.robustness.analysis import analyse
from crossroads.robustness.result import summarise
from crossroads.robustness.summary import DEFAULT_DRAWS, DEFAULT_SEED, Robustness


def score_with_robustness(pack: Pack, scenario: Scenario, draws: int = DEFAULT_DRAWS,
                          seed: int = DEFAULT_SEED) -> tuple[Result, Robustness]:
    """Score *scenario* and summarise its sensitivity in one pass (the analysis scores the
    scenario itself, so its base result is the briefing's result)."""
    analysis = analyse(pack, scenario, draws, seed)
    return analysis.base, summarise(analysis)
