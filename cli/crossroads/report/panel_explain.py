"""`explain --panel`: the combined view's contributions (the usual explanation, on the
panel's weights), then, for each explained option, each analyst's score and rank for it
and the weight gaps that move it most (:mod:`crossroads.services.panel_explain`).

CSV stays the combined view's contributions only, so that each option's values still
add up to its score; each analyst's score and rank are in the JSON, the Markdown and
``score --panel --format csv``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from crossroads.core.engine import OptionResult, Result
from crossroads.report.explain import explain_csv, explain_markdown, explain_to_dict
from crossroads.report.key_assumptions import (
    assumptions_csv,
    assumptions_markdown,
    assumptions_to_dict,
    render_assumptions,
)
from crossroads.report.panel import bottom_line
from crossroads.report.panel_score import panel_summary
from crossroads.report.safe_text import safe, visible
from crossroads.report.tables import md_escape
from crossroads.report.terminal import render_explain
from crossroads.robustness.assumptions import KeyAssumptions
from crossroads.services.panel import PanelAnalysis
from crossroads.services.panel_explain import AnalystOnOption, views_of_option


def combined_line(analysis: PanelAnalysis, weights_shown: str = "") -> str:
    """What the explanation is of: whose weights, combined how.  *weights_shown* says
    where the output prints the weights ("below" on the terminal, where the weights line
    follows; "above" in Markdown, whose tables come first); "" when it prints none (the
    key assumptions check), so the sentence points nowhere."""
    n = len(analysis.members)
    name = analysis.members[0].analyst.name
    if not weights_shown:
        if n == 1:
            return f"This checks {name}'s own view (a panel of one)."
        return (f"This checks the panel's combined view: {n} analysts' weights combined "
                f"by {analysis.method.label}, on the scenario's facts.")
    if n == 1:
        return f"These are {name}'s own numbers (a panel of one)."
    return (f"These are the panel's combined numbers: the weights {weights_shown} are {n} "
            f"analysts' weights combined by {analysis.method.label}, on the scenario's "
            "facts.")


EFFECT_NOTE = ("Weight gaps: the analyst's weight against the panel's, and how much that "
               "gap alone moves the option's score on the combined view's facts.")


def _explained(result: Result, option_ids: Sequence[str]) -> list[OptionResult]:
    return [o for o in result.options if not option_ids or o.id in option_ids]


def gaps_text(view: AnalystOnOption, analysis: PanelAnalysis) -> str:
    titles = analysis.group.pack.criteria
    text = "; ".join(f"{titles[g.criterion].title} {g.theirs:.0%} (panel {g.panel:.0%}): "
                     f"{g.effect:+.2f}" for g in view.gaps) or "none"
    if not view.own_facts:
        return text
    return text + f"; their reading of the facts: {view.facts_effect:+.2f}"


def render_explain_panel(result: Result, option_ids: Sequence[str],
                         analysis: PanelAnalysis, console: Console) -> None:
    console.print(safe(combined_line(analysis, "below"), "bold"))
    console.print(safe(bottom_line(analysis)))
    render_explain(result, option_ids, console)
    if len(analysis.members) < 2:
        return
    console.print()
    console.print(safe(EFFECT_NOTE, "dim"))
    for option in _explained(result, option_ids):
        table = Table(title=f"#{option.rank} {option.title}: {option.score:.2f} combined; "
                            "each analyst's view",
                      title_justify="left", show_edge=False)
        table.add_column("Analyst", overflow="fold", max_width=22)
        table.add_column("Vote", justify="right", no_wrap=True)
        table.add_column("Score", justify="right", no_wrap=True)
        table.add_column("Rank", justify="right", no_wrap=True)
        table.add_column("Weight gaps that move it most", overflow="fold")
        for view in views_of_option(analysis, option.id):
            table.add_row(Text(visible(view.analyst)), f"{view.share:.0%}",
                          f"{view.score:.2f}", str(view.rank),
                          Text(visible(gaps_text(view, analysis))))
        console.print(table)


def views_dict(analysis: PanelAnalysis, option_id: str) -> list[dict[str, Any]]:
    return [{"analyst": v.analyst, "share": v.share, "score": v.score, "rank": v.rank,
             "weight_gaps": [{"criterion": g.criterion, "theirs": g.theirs,
                              "panel": g.panel, "effect": g.effect} for g in v.gaps],
             "own_facts": v.own_facts, "facts_effect": v.facts_effect}
            for v in views_of_option(analysis, option_id)]


def explain_panel_dict(result: Result, option_ids: Sequence[str],
                       analysis: PanelAnalysis) -> dict[str, Any]:
    """``crossroads.score/2`` of the combined view (the options asked about), with the
    ``panel`` object and, in it, each explained option's analyst views."""
    data = explain_to_dict(result, option_ids)
    data["panel"] = {**panel_summary(analysis),
                     "options": {o.id: views_dict(analysis, o.id)
                                 for o in _explained(result, option_ids)}}
    return data


def explain_panel_csv(result: Result, option_ids: Sequence[str],
                      analysis: PanelAnalysis) -> str:
    """The combined view's contributions, as ``explain --format csv`` (see the module)."""
    return explain_csv(result, option_ids)


def explain_panel_markdown(result: Result, option_ids: Sequence[str],
                           analysis: PanelAnalysis) -> str:
    out = [explain_markdown(result, option_ids),
           f"**{md_escape(combined_line(analysis, 'above'))}** "
           f"{md_escape(bottom_line(analysis))}", ""]
    if len(analysis.members) > 1:
        out += ["## Each analyst's view", "", md_escape(EFFECT_NOTE), ""]
        for option in _explained(result, option_ids):
            out += [f"### #{option.rank} {md_escape(option.title)} ({option.score:.2f} "
                    "combined)", "",
                    "| Analyst | Vote | Score | Rank | Weight gaps that move it most |",
                    "|---|---:|---:|---:|---|"]
            out += [f"| {md_escape(v.analyst)} | {v.share:.0%} | {v.score:.2f} | {v.rank} | "
                    f"{md_escape(gaps_text(v, analysis))} |"
                    for v in views_of_option(analysis, option.id)]
            out.append("")
    return "\n".join(out)


# -- explain --assumptions --panel: the key assumptions check on the combined view -------

def render_assumptions_panel(check: KeyAssumptions, result: Result, analysis: PanelAnalysis,
                             console: Console) -> None:
    console.print(safe(combined_line(analysis), "bold"))
    render_assumptions(check, result, console)


def assumptions_panel_dict(check: KeyAssumptions, result: Result, analysis: PanelAnalysis
                           ) -> dict[str, Any]:
    return {**assumptions_to_dict(check, result), "panel": panel_summary(analysis)}


def assumptions_panel_markdown(check: KeyAssumptions, result: Result,
                               analysis: PanelAnalysis) -> str:
    return (f"*{md_escape(combined_line(analysis))}*\n\n"
            + assumptions_markdown(check, result))


def assumptions_panel_csv(check: KeyAssumptions, result: Result,
                          analysis: PanelAnalysis) -> str:
    return assumptions_csv(check, result)
