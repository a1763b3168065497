"""Several scenarios side by side (`score A B`, `compare`): terminal table, JSON
(``crossroads.compare/2``), CSV and Markdown, all from :class:`ScenarioRanking` rows."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from crossroads.core.engine import Result
from crossroads.report.data import plain
from crossroads.report.escaping import csv_writer
from crossroads.report.fit import fit, id_column, least_width, text_column
from crossroads.report.tables import md_escape, option_order
from crossroads.services.compare import ScenarioRanking, ranking_of

COMPARE_SCHEMA = "crossroads.compare/2"
# One line per scenario and option (long format: pivots easily in a spreadsheet); a
# single `score --format csv` writes the same columns.
CSV_COLUMNS = ("scenario", "subject", "as_of", "pack", "pack_version", "rank", "option",
               "title", "score", "benefit", "risk", "top_reason")
SIDE_BY_SIDE_MAX = 6  # more scenarios than this: one row per scenario instead of a column


def render_compare(rows: Sequence[ScenarioRanking], console: Console) -> None:
    """Options × scenarios for a few scenarios; one line per scenario for many."""
    if len(rows) <= SIDE_BY_SIDE_MAX:
        table = _side_by_side(rows)
        if least_width(table) <= console.width:
            console.print(table)
            return
        # Long ids: the columns are lettered and a key below names each scenario whole.
        table = _side_by_side(rows, lettered=True)
        if least_width(table) <= console.width:
            console.print(table)
            for letter, row in zip(LETTERS, rows, strict=False):
                console.print(Text(f" {letter}  {row.id} [{row.pack}]", style="dim"))
            return
        console.print(Text(f"{len(rows)} scenarios do not fit side by side in "
                           f"{console.width} columns: one line each (--format csv has "
                           "every rank).", style="dim"))
    console.print(fit(_per_scenario(rows), console.width, ("Pack", "Runner-up")))


LETTERS = "ABCDEF"  # column labels when the ids do not fit (SIDE_BY_SIDE_MAX of them)


def _side_by_side(rows: Sequence[ScenarioRanking], lettered: bool = False) -> Table:
    """Each cell "score (rank)", the leader in green, "–" where a scenario's pack lacks the
    option; options ordered by their summed rank."""
    table = Table(title="Side-by-side scores (rank in brackets)", title_justify="left",
                  show_edge=False)
    text_column(table, "Option", style="bold", max_width=30)
    for letter, row in zip(LETTERS, rows, strict=False):
        if lettered:
            table.add_column(letter, justify="right", no_wrap=True)
            continue
        # Ids are what people type: the column is never narrower than the id (or the pack's).
        table.add_column(Text(f"{row.id}\n[{row.pack}]"), justify="right", no_wrap=True,
                         min_width=max(len(row.id), len(row.pack) + 2))
    titles = {o.id: o.title for row in rows for o in row.options}
    for option_id in option_order((o.id, o.rank) for row in rows for o in row.options):
        cells: list[Text] = []
        for row in rows:
            match = next((o for o in row.options if o.id == option_id), None)
            if match is None:
                cells.append(Text("–", style="dim"))
            else:
                cells.append(Text(f"{match.score:.2f} ({match.rank})",
                                  style="bold green" if match.rank == 1 else ""))
        table.add_row(titles[option_id], *cells)
    table.add_row("margin of #1", *[f"{row.margin:.2f}" for row in rows], style="dim")
    return table


def _per_scenario(rows: Sequence[ScenarioRanking]) -> Table:
    # With many scenarios (often from several packs) a column per option is unreadable:
    # each row names the top two; every rank is in the JSON and CSV forms.
    table = Table(title="Base-case leader by scenario", title_justify="left", show_edge=False)
    id_column(table, "Scenario", (row.id for row in rows), style="bold")
    id_column(table, "Pack", (row.pack for row in rows))
    text_column(table, "Base-case leader", max_width=34)
    table.add_column("Score", justify="right", no_wrap=True)
    text_column(table, "Runner-up", max_width=34)
    table.add_column("Margin", justify="right", no_wrap=True)
    for row in rows:
        runner = row.options[1].title if len(row.options) > 1 else "–"
        table.add_row(row.id, row.pack, Text(row.leader.title, style="green"),
                      f"{row.leader.score:.2f}", runner, f"{row.margin:.2f}")
    return table


def compare_to_dict(rows: Sequence[ScenarioRanking]) -> dict[str, Any]:
    """The JSON contract ``crossroads.compare/2``."""
    return {
        "schema": COMPARE_SCHEMA,
        "scenarios": [
            {"id": row.id, "ref": row.ref, "title": row.title, "subject": row.subject,
             "as_of": plain(row.as_of),
             "pack": {"id": row.pack, "version": row.pack_version, "digest": row.pack_digest},
             "risk_aversion": row.risk_aversion, "weights": dict(row.weights),
             "leader": row.leader.id, "margin": row.margin,
             "options": [{"id": o.id, "title": o.title, "rank": o.rank, "score": o.score,
                          "benefit": o.benefit, "risk": o.risk, "top_reason": o.top_reason}
                         for o in row.options]}
            for row in rows],
    }


def csv_cells(row: ScenarioRanking) -> list[list[Any]]:
    """One scenario's CSV lines (:data:`CSV_COLUMNS`), one per option in rank order."""
    as_of = row.as_of.isoformat() if row.as_of else ""
    return [[row.id, row.subject, as_of, row.pack, row.pack_version, o.rank, o.id, o.title,
             f"{o.score:.6g}", f"{o.benefit:.6g}", f"{o.risk:.6g}", o.top_reason]
            for o in row.options]


def compare_to_csv(rows: Sequence[ScenarioRanking]) -> str:
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerows(csv_cells(row))
    return buffer.getvalue()


def score_to_csv(result: Result) -> str:
    """One scenario's ranking in the comparison's CSV columns.

    CSV is data for a spreadsheet, one line per option, in the same columns for one
    scenario or many; it carries no what-if marker (a comment line would not be CSV).
    The JSON (``overrides``), Markdown and terminal say what the flags changed."""
    return compare_to_csv([ranking_of(result, result.scenario.id)])


def compare_to_markdown(rows: Sequence[ScenarioRanking]) -> str:
    """Options × scenarios for a few scenarios; one line per scenario for many."""
    if len(rows) > SIDE_BY_SIDE_MAX:
        lines = ["| Scenario | Pack | Recommended | Score | Runner-up | Margin |",
                 "|---|---|---|---:|---|---:|"]
        for row in rows:
            runner = md_escape(row.options[1].title) if len(row.options) > 1 else "–"
            lines.append(f"| {md_escape(row.id)} | {md_escape(row.pack)} | "
                         f"{md_escape(row.leader.title)} | {row.leader.score:.2f} | {runner} | "
                         f"{row.margin:.2f} |")
        return "\n".join(lines) + "\n"
    lines = ["| Option | " + " | ".join(md_escape(row.id) for row in rows) + " |",
             "|---|" + "---:|" * len(rows)]
    titles = {o.id: o.title for row in rows for o in row.options}
    for option_id in option_order((o.id, o.rank) for row in rows for o in row.options):
        cells = []
        for row in rows:
            match = next((o for o in row.options if o.id == option_id), None)
            cells.append("–" if match is None else f"{match.score:.2f} (#{match.rank})")
        lines.append(f"| {md_escape(titles[option_id])} | " + " | ".join(cells) + " |")
    lines.append("| *margin of #1* | " + " | ".join(f"{row.margin:.2f}" for row in rows)
                 + " |")
    return "\n".join(lines) + "\n"
