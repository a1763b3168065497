"""`score --panel` and `compare --panel`: the combined view's ranking, and a short block on
how the panel was combined, whether it agrees, and who dissents.

The ranking itself is drawn by the usual renderers (it is the combined view's
:class:`~crossroads.core.engine.Result`); this module adds the panel, in every format.
The full split memo (each dissenter's reasons in their own words) stays in
`crossroads panel`, which the block points to.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from crossroads.core.engine import Result
from crossroads.report.compare import (
    CSV_COLUMNS,
    compare_to_dict,
    compare_to_markdown,
    csv_cells,
    render_compare,
)
from crossroads.report.data import result_to_dict
from crossroads.report.escaping import csv_writer
from crossroads.report.panel import agreement_lines, bottom_line, panel_core
from crossroads.report.panel_members import option_title
from crossroads.report.safe_text import safe, visible
from crossroads.report.tables import md_escape, to_markdown
from crossroads.report.terminal import render_score
from crossroads.services.compare import ranking_of
from crossroads.services.panel import Dissent, PanelAnalysis
from crossroads.services.panel_compare import PanelRow, given_for_note

MEMO_HINT = "`crossroads panel` gives the full split memo (each dissenter's reasons)."



def dissent_line(analysis: PanelAnalysis, d: Dissent) -> str:
    """One line per dissenter: who, their votes, the option first on their own view."""
    reason = {"weights": "their weights", "facts": "their reading of the facts",
              "both": "their weights and their reading of the facts"}[d.driver]
    return (f"{d.analyst} ({d.share:.0%} of the votes) puts {option_title(analysis, d.recommends)} "
            f"first on their own view, by {d.margin:.2f} over {option_title(analysis, d.over)} "
            f"({reason}).")


def panel_lines(analysis: PanelAnalysis) -> list[str]:
    """The block under the ranking: what was scored, the bottom line, how far apart the
    panel is, one line per dissenter."""
    n = len(analysis.members)
    if n == 1:
        only = analysis.members[0].analyst
        what = (f"The ranking is {only.name}'s own view: their weights"
                + (", and their reading of the judged facts." if only.factors else
                   " on the scenario's facts."))
    else:
        what = (f"The ranking is the panel's combined view: the weights of {n} analysts "
                "combined, on the scenario's facts.")
    lines = [what, bottom_line(analysis), *agreement_lines(analysis)]
    lines += [f"• {dissent_line(analysis, d)}" for d in analysis.dissent]
    if analysis.dissent:
        lines.append(MEMO_HINT)
    return lines


def render_score_panel(result: Result, analysis: PanelAnalysis, console: Console) -> None:
    render_score(result, console)
    console.print(safe(f"Panel of {len(analysis.members)}", "bold"))
    for line in panel_lines(analysis):
        console.print(safe(line, "bold" if line == bottom_line(analysis) else ""))


def panel_summary(analysis: PanelAnalysis) -> dict[str, Any]:
    """The ``panel`` object added to the score, explain and compare JSON: the fields every
    panel JSON shares, and each analyst's rank and score for every option."""
    return {
        **panel_core(analysis),
        "analysts": [{
            "name": m.analyst.name, "role": m.analyst.role,
            "voting_weight": m.analyst.voting_weight, "share": m.share,
            "file": m.analyst.path, "sha256": m.analyst.digest,
            "leader": m.leader,
            "ranks": {o.id: o.rank for o in m.result.options},
            "scores": {o.id: o.score for o in m.result.options},
        } for m in analysis.members],
    }


def score_panel_dict(result: Result, analysis: PanelAnalysis) -> dict[str, Any]:
    """``crossroads.score/2`` of the combined view, with the ``panel`` object added."""
    return {**result_to_dict(result), "panel": panel_summary(analysis)}


def panel_markdown_block(analysis: PanelAnalysis) -> str:
    what, bottom, *rest = panel_lines(analysis)
    prose = [line for line in rest if not line.startswith("•") and line != MEMO_HINT]
    bullets = [f"- {md_escape(line[2:])}" for line in rest if line.startswith("•")]
    out = [f"### Panel of {len(analysis.members)}", "", f"**{md_escape(bottom)}**", "",
           md_escape(what), "", *(f"{md_escape(line)}  " for line in prose), ""]
    if bullets:
        out += [*bullets, "", MEMO_HINT]
    return "\n".join(out).rstrip("\n") + "\n"


def score_panel_markdown(result: Result, analysis: PanelAnalysis) -> str:
    return to_markdown(result) + "\n" + panel_markdown_block(analysis)


# -- CSV: the comparison's columns, then whether the panel agrees and each analyst's rank --

def panel_csv(rows: Sequence[PanelRow]) -> str:
    """The comparison's CSV (one line per scenario and option), then ``panel_agrees``
    (yes/no), ``panel_dissent`` (the dissenters' names, ``; ``-separated) and one
    ``rank:ANALYST`` column per analyst: that option's rank on the analyst's own view."""
    names = [m.analyst.name for m in rows[0].analysis.members] if rows else []
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow([*CSV_COLUMNS, "panel_agrees", "panel_dissent",
                     *(f"rank:{name}" for name in names)])
    for row in rows:
        views = {m.analyst.name: m.result for m in row.analysis.members}
        for cells, option in zip(csv_cells(row.ranking), row.ranking.options, strict=True):
            writer.writerow([*cells, "yes" if row.analysis.agrees else "no",
                             "; ".join(row.dissenters),
                             *(views[name].option(option.id).rank for name in names)])
    return buffer.getvalue()


def score_panel_csv(result: Result, analysis: PanelAnalysis) -> str:
    return panel_csv([PanelRow(ranking_of(result, result.scenario.id), analysis)])


# -- compare --panel --------------------------------------------------------------------

def _agrees_cell(row: PanelRow) -> str:
    if len(row.analysis.members) == 1:
        return "one analyst"
    return "agrees" if row.analysis.agrees else (
        f"split ({row.analysis.dissent_share:.0%} of votes dissent)")


def _dissent_cell(row: PanelRow) -> str:
    return "; ".join(f"{d.analyst}: {option_title(row.analysis, d.recommends)}"
                     for d in row.analysis.dissent) or "–"


def render_compare_panel(rows: Sequence[PanelRow], console: Console) -> None:
    render_compare([row.ranking for row in rows], console)
    if not rows:
        return
    first = rows[0].analysis
    heading = (f"{first.members[0].analyst.name}'s view on each scenario"
               if len(first.members) == 1 else
               f"The panel ({len(first.members)} analysts, combined by "
               f"{first.method.label}) on each scenario")
    table = Table(title=heading,
                  title_justify="left", show_edge=False)
    table.add_column("Scenario", overflow="fold", max_width=28)
    table.add_column("Panel", overflow="fold", max_width=22)
    table.add_column("Who dissents: first on their own view", overflow="fold")
    for row in rows:
        table.add_row(Text(visible(row.ranking.id)), _agrees_cell(row),
                      Text(visible(_dissent_cell(row))))
    console.print(table)
    for row in rows:
        if row.given_for:
            console.print(safe(f"Note: {given_for_note(row)}.", "dim"))


def compare_panel_dict(rows: Sequence[PanelRow]) -> dict[str, Any]:
    """``crossroads.compare/2`` with a ``panel`` object in each scenario."""
    data = compare_to_dict([row.ranking for row in rows])
    for entry, row in zip(data["scenarios"], rows, strict=True):
        entry["panel"] = {**panel_summary(row.analysis), "given_for": list(row.given_for)}
    return data


def compare_panel_markdown(rows: Sequence[PanelRow]) -> str:
    out = [compare_to_markdown([row.ranking for row in rows]),
           "| Scenario | Panel | Who dissents: first on their own view |", "|---|---|---|"]
    out += [f"| {md_escape(row.ranking.id)} | {md_escape(_agrees_cell(row))} | "
            f"{md_escape(_dissent_cell(row))} |" for row in rows]
    notes = [f"Note: {md_escape(given_for_note(row))}." for row in rows if row.given_for]
    return "\n".join(out + (["", *notes] if notes else [])) + "\n"
