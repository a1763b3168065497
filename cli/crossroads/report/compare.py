"""A comparison of many scenarios: terminal table, JSON (``crossroads.compare/1``), CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any, Protocol

from rich.console import Console
from rich.table import Table
from rich.text import Text

from crossroads.report.data import plain
from crossroads.report.tables import option_order
from crossroads.services.compare import ScenarioRanking

COMPARE_SCHEMA = "crossroads.compare/1"
COMPARE_CSV_COLUMNS = ("scenario", "subject", "as_of", "pack", "pack_version", "rank", "option",
                       "title", "score", "benefit", "risk")
SIDE_BY_SIDE_MAX = 6  # more scenarios than this: one row per scenario instead of a column


def render_compare(rows: Sequence[ScenarioRanking], console: Console) -> None:
    """Options × scenarios for a few scenarios; one line per scenario for many."""
    if len(rows) <= SIDE_BY_SIDE_MAX:
        console.print(_side_by_side(rows))
    else:
        console.print(_per_scenario(rows))


class RankedLike(Protocol):
    """What a side-by-side cell needs of an option: engine results and plain rankings."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def rank(self) -> int: ...
    @property
    def score(self) -> float: ...


def side_by_side_table(columns: Sequence[tuple[str, Sequence[RankedLike]]]) -> Table:
    """Options × scenarios: each cell "score (rank)", the leader in green, "–" where a
    scenario's pack lacks the option; options ordered by their summed rank."""
    table = Table(title="Side-by-side scores (rank in brackets)", title_justify="left",
                  show_edge=False)
    table.add_column("Option", style="bold", max_width=30)
    for header, _ in columns:
        table.add_column(Text(header), justify="right",
                         min_width=min(len(header.split("\n")[0]), 20))
    titles = {o.id: o.title for _, options in columns for o in options}
    for option_id in option_order((o.id, o.rank) for _, options in columns for o in options):
        cells: list[Text] = []
        for _, options in columns:
            match = next((o for o in options if o.id == option_id), None)
            if match is None:
                cells.append(Text("–", style="dim"))
            else:
                cells.append(Text(f"{match.score:.2f} ({match.rank})",
                                  style="bold green" if match.rank == 1 else ""))
        table.add_row(titles[option_id], *cells)
    return table


def _side_by_side(rows: Sequence[ScenarioRanking]) -> Table:
    table = side_by_side_table([(f"{row.id}\n[{row.pack}]", row.options) for row in rows])
    table.add_row("margin of #1", *[f"{row.margin:.2f}" for row in rows], style="dim")
    return table


def _per_scenario(rows: Sequence[ScenarioRanking]) -> Table:
    # With many scenarios (often from several packs) a column per option is unreadable:
    # each row names the top two; every rank is in the JSON and CSV forms.
    table = Table(title="Base-case leader by scenario", title_justify="left", show_edge=False)
    table.add_column("Scenario", style="bold", no_wrap=True)
    table.add_column("Pack", no_wrap=True)
    table.add_column("Base-case leader", max_width=34)
    table.add_column("Score", justify="right")
    table.add_column("Runner-up", max_width=34)
    table.add_column("Margin", justify="right")
    for row in rows:
        runner = row.options[1].title if len(row.options) > 1 else "–"
        table.add_row(row.id, row.pack, Text(row.leader.title, style="green"),
                      f"{row.leader.score:.2f}", runner, f"{row.margin:.2f}")
    return table


def compare_to_dict(rows: Sequence[ScenarioRanking]) -> dict[str, Any]:
    """The JSON contract ``crossroads.compare/1``."""
    return {
        "schema": COMPARE_SCHEMA,
        "scenarios": [
            {"id": row.id, "ref": row.ref, "title": row.title, "subject": row.subject,
             "as_of": plain(row.as_of), "pack": {"id": row.pack, "version": row.pack_version},
             "risk_aversion": row.risk_aversion, "leader": row.leader.id,
             "margin": row.margin,
             "options": [{"id": o.id, "title": o.title, "rank": o.rank, "score": o.score,
                          "benefit": o.benefit, "risk": o.risk} for o in row.options]}
            for row in rows],
    }


def compare_to_csv(rows: Sequence[ScenarioRanking]) -> str:
    """One line per scenario and option (long format: pivots easily in a spreadsheet)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COMPARE_CSV_COLUMNS)
    for row in rows:
        as_of = row.as_of.isoformat() if row.as_of else ""
        for o in row.options:
            writer.writerow([row.id, row.subject, as_of, row.pack, row.pack_version, o.rank,
                             o.id, o.title, f"{o.score:.6g}", f"{o.benefit:.6g}",
                             f"{o.risk:.6g}"])
    return buffer.getvalue()
