"""A briefing's analysis: score a scenario and summarise its robustness in one pass.

Laying the result out as Markdown, HTML or PDF is :mod:`crossroads.report.briefing`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from crossroads.core.engine import Result
from crossroads.core.model import Pack, Scenario
from crossroads.robustness.analysis import analyse
from crossroads.robustness.defaults import DEFAULT_DRAWS, DEFAULT_SEED
from crossroads.robustness.result import summarise
from crossroads.robustness.summary import Robustness

if TYPE_CHECKING:
    from crossroads.services.panel import PanelAnalysis


def score_with_robustness(pack: Pack, scenario: Scenario, draws: int = DEFAULT_DRAWS,
                          seed: int = DEFAULT_SEED) -> tuple[Result, Robustness]:
    """Score *scenario* and summarise its sensitivity in one pass (the analysis scores the
    scenario itself, so its base result is the briefing's result)."""
    analysis = analyse(pack, scenario, draws, seed)
    return analysis.base, summarise(analysis)


def panel_with_robustness(pack: Pack, scenario: Scenario, panel: PanelAnalysis,
                          draws: int = DEFAULT_DRAWS, seed: int = DEFAULT_SEED
                          ) -> tuple[Result, Robustness, PanelAnalysis]:
    """A panel's briefing analysis: its combined view scored, with its robustness around the
    combined weights (the briefing's headline), and *panel* with its draws split among the
    analysts' own views (who judges, for the panel section).  *scenario* is the one the
    panel judged, before its priorities were replaced by the panel's."""
    from crossroads.services.panel_draws import panel_robustness

    result, robustness = score_with_robustness(pack, panel.group.scenario, draws, seed)
    return result, robustness, replace(
        panel, robustness=panel_robustness(pack, scenario, panel, draws, seed))
