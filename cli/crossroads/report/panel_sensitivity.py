"""`sensitivity --panel`: the usual analysis of the panel's combined view, then "who judges"
as a source of its own (:func:`crossroads.services.panel_draws.panel_robustness`).

Two first-place shares appear, and they measure different things, so each is labelled
where it is printed: the usual analysis draws the other inputs *around the panel's
combined weights*; the panel's draws are split among *the analysts' own views* by vote.
When they put different options first most often, the text says so plainly.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from crossroads.core.estimative import percent_text
from crossroads.report.escaping import csv_writer
from crossroads.report.panel import (
    agreement_lines,
    bottom_line,
    robustness_sentence,
    who_judges_sentence,
)
from crossroads.report.panel_members import fact_readings
from crossroads.report.panel_score import panel_summary
from crossroads.report.safe_text import safe, visible
from crossroads.report.sensitivity import render_sensitivity
from crossroads.report.sensitivity_csv import sensitivity_csv
from crossroads.report.sensitivity_data import as_dict
from crossroads.report.sensitivity_markdown import sensitivity_markdown
from crossroads.report.tables import md_escape
from crossroads.robustness.result import Sensitivity
from crossroads.services.panel import PanelAnalysis
from crossroads.services.panel_draws import PanelRobustness


def _draws(analysis: PanelAnalysis) -> PanelRobustness:
    if analysis.robustness is None:
        raise ValueError("sensitivity --panel runs the panel's draws")
    return analysis.robustness


def pooled_leader(analysis: PanelAnalysis) -> str:
    """The option first most often across the analysts' own views (pooled by vote)."""
    r = _draws(analysis)
    if r.recommendation is not None:
        return r.recommendation.modal
    return min(r.first, key=lambda o: (-r.first[o], o))


def heading(analysis: PanelAnalysis) -> str:
    if len(analysis.members) == 1:  # nobody else judges
        return f"Panel of 1: {analysis.members[0].analyst.name}'s view"
    return f"Panel of {len(analysis.members)}: who judges"


def readings_line(analysis: PanelAnalysis) -> str:
    """Who reads which fact otherwise than the scenario, and which analysis uses it: the
    analysis above lists such a fact as held at the scenario's value, with no doubt
    stated, though an analyst contests it ("" when nobody does)."""
    read = fact_readings(analysis)
    if not read:
        return ""
    listed = "; ".join(f"{name} reads {what}" for name, what in read)
    return (f"Read otherwise than the scenario: {listed}. These readings enter the who-"
            "judges draws below, each in that analyst's share; the analysis above, of the "
            "combined view, uses the scenario's.")


def stated_values_line(result: Sensitivity, analysis: PanelAnalysis) -> str:
    """Why a dissenter's first option on their own view (`crossroads panel`, at their
    stated values) can differ from their row here (across their draws), naming each
    dissenter for whom it does ("" when none)."""
    r = _draws(analysis)
    # (their first at stated values, first most often in their draws) -> who, how often
    turned: dict[tuple[str, str], list[tuple[str, float]]] = {}
    for d in analysis.dissent:
        shares = r.by_analyst.get(d.analyst, {})
        if not shares:
            continue
        top = min(shares, key=lambda o: (-shares[o], o))
        if top != d.recommends:
            turned.setdefault((d.recommends, top), []).append((d.analyst, shares[top]))
    if not turned:
        return ""
    said = []
    for (stated, top), who in turned.items():
        names = _listing([name for name, _ in who])
        often = _listing([percent_text(share) for _, share in who])
        verb = "puts" if len(who) == 1 else "put"
        drawn = "the combined leader" if top == r.leader else result.titles[top]
        said.append(f"{names} {verb} {result.titles[stated]} first at their stated values, "
                    f"but {drawn} first most often across their draws ({often})")
    return ("A dissent at an analyst's stated values (their first option on their own "
            "view, as `crossroads panel` gives it) need not hold across their own ranges "
            "(this table): " + "; ".join(said) + ".")


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def panel_lines(result: Sensitivity, analysis: PanelAnalysis) -> list[str]:
    """The two first-place shares, each labelled, whether they differ, and who judges'
    share of the variance and value of information."""
    titles = result.titles
    around = result.recommended
    where = "Around" if result.vary_weights else "At"  # --facts-only holds the weights
    whose = ("the panel's combined weights" if len(analysis.members) > 1
             else f"{analysis.members[0].analyst.name}'s weights")
    # Whether the panel agrees, how far apart it is, any earlier round, the notes: as
    # `score --panel` says them (the draws' sentences are this section's own, below).
    lines = [bottom_line(analysis), *agreement_lines(replace(analysis, robustness=None)),
             f"{where} {whose} (the analysis above, {result.draws:,} "
             f"draws): {titles[around]} comes first in {percent_text(result.support)} "
             "of the draws.",
             robustness_sentence(analysis)]
    if said := readings_line(analysis):
        lines.append(said)
    pooled = pooled_leader(analysis)
    if len(analysis.members) > 1:
        if pooled != around:
            lines.append(f"The two differ: {where.lower()} the combined weights "
                         f"{titles[around]} "
                         f"comes first most often, but across the analysts' own views "
                         f"{titles[pooled]} does. The combined weights are a compromise "
                         "between the analysts; the pooled draws weigh each analyst's own "
                         "view by their vote.")
        else:
            # "Both" alone, after a line naming two analysts, read as those two.
            lines.append(f"Both analyses, {where.lower()} the combined weights and across "
                         f"the analysts' own views, put {titles[around]} first most often.")
        said = who_judges_sentence(analysis)
        if said:
            lines.append(said)
    return lines


def _analyst_rows(result: Sensitivity, analysis: PanelAnalysis) -> list[tuple[str, ...]]:
    """Per analyst: vote, the option first most often on their own view, and how often the
    combined view's leader comes first there."""
    r = _draws(analysis)
    rows: list[tuple[str, ...]] = []
    for m in analysis.members:
        shares = r.by_analyst[m.analyst.name]
        top = min(shares, key=lambda o: (-shares[o], o))
        rows.append((m.analyst.name, f"{m.share:.0%}", percent_text(shares[r.leader]),
                     "the combined leader" if top == r.leader else
                     f"{result.titles[top]} ({percent_text(shares[top])})"))
    return rows


def table_title(result: Sensitivity, analysis: PanelAnalysis) -> str:
    return (f"Each analyst's own view, over their share of the draws (leader: the combined "
            f"view's, {result.titles[_draws(analysis).leader]})")


def render_sensitivity_panel(result: Sensitivity, analysis: PanelAnalysis,
                             console: Console) -> None:
    render_sensitivity(result, console)
    console.print(safe(heading(analysis), "bold"))
    for line in panel_lines(result, analysis):
        console.print(safe(line))
    table = Table(title=table_title(result, analysis), title_justify="left",
                  show_edge=False)
    table.add_column("Analyst", overflow="fold", max_width=24)
    table.add_column("Vote", justify="right", no_wrap=True)
    table.add_column("Leader first", justify="right", no_wrap=True)
    table.add_column("First most often", overflow="fold")
    for name, *cells in _analyst_rows(result, analysis):
        table.add_row(Text(visible(name)), *cells)
    console.print(table)
    if said := stated_values_line(result, analysis):
        console.print(safe(said))


def sensitivity_panel_dict(result: Sensitivity, analysis: PanelAnalysis) -> dict[str, Any]:
    """``crossroads.sensitivity/3`` of the combined view, with a ``panel`` object."""
    from crossroads.robustness.voi_result import voi_dict

    r = _draws(analysis)
    return {**as_dict(result), "panel": {
        **panel_summary(analysis),
        "around_combined_weights": {"recommended": result.recommended,
                                    "first_share": result.support, "draws": result.draws},
        "across_analysts": {"recommended": pooled_leader(analysis), "draws": r.draws,
                            "first": r.first, "by_analyst": r.by_analyst,
                            "who_judges_share": r.who_judges,
                            "who_judges_value": voi_dict(r.who_judges_value),
                            "view_leaders": r.view_leaders},
        "differs": pooled_leader(analysis) != result.recommended,
    }}


def sensitivity_panel_csv(result: Sensitivity, analysis: PanelAnalysis) -> str:
    """The sensitivity CSV, then the panel's lines: section ``panel_first`` (option, its
    title, measure ``pooled`` or ``analyst:NAME``, the share of draws first) and
    ``panel`` (``who-judges``, measure ``variance_share``)."""
    import io

    r = _draws(analysis)
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    for option, share in r.first.items():
        writer.writerow(["panel_first", option, result.titles[option], "pooled",
                         f"{share:.6g}"])
        for name, shares in r.by_analyst.items():
            writer.writerow(["panel_first", option, result.titles[option], f"analyst:{name}",
                             f"{shares[option]:.6g}"])
    writer.writerow(["panel", "who-judges", "Who judges", "variance_share",
                     f"{r.who_judges:.6g}"])
    return sensitivity_csv(result) + buffer.getvalue()


def sensitivity_panel_markdown(result: Sensitivity, analysis: PanelAnalysis) -> str:
    out = [sensitivity_markdown(result).rstrip("\n"), "", f"## {md_escape(heading(analysis))}",
           ""]
    for line in panel_lines(result, analysis):
        out += [md_escape(line), ""]
    out += [md_escape(table_title(result, analysis)), "",
            "| Analyst | Vote | Leader first | First most often |", "|---|---:|---:|---|"]
    out += ["| " + " | ".join(md_escape(c) for c in row) + " |"
            for row in _analyst_rows(result, analysis)]
    if said := stated_values_line(result, analysis):
        out += ["", md_escape(said)]
    return "\n".join(out) + "\n"
