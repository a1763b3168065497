"""`crossroads brief`: a printable briefing as Markdown, HTML or PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crossroads.commands.common import PackOpt, RiskAversionOpt, SetOpt, WeightsOpt, load_inputs


def brief(
    scenario: Annotated[str, typer.Argument(help="Scenario file or shipped scenario id.")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Write to FILE; .md, .html or .pdf picks the format (default: Markdown on "
             "standard output).")] = None,
    pack: PackOpt = None,
    set_: SetOpt = None,
    weights: WeightsOpt = None,
    risk_aversion: RiskAversionOpt = None,
    title: Annotated[str | None, typer.Option(
        "--title", help="Title (default: the scenario's title).")] = None,
    author: Annotated[str | None, typer.Option("--author", help="Author line.")] = None,
    classification: Annotated[str | None, typer.Option(
        "--classification", metavar="TEXT",
        help='Banner at the top and bottom of every page, e.g. "OFFICIAL".')] = None,
    # Checked by the library (a clear exit-2 message) rather than by a typer enum.
    paper: Annotated[str, typer.Option("--paper", metavar="a4|letter",
                                       help="Page size for PDF and print.")] = "a4",
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")
                     ] = False,
) -> None:
    """Write a one-to-three-page briefing: bottom line, ranking, reasons, risks, method."""
    from crossroads.briefing import check_paper, format_for, render_briefing, write_briefing
    from crossroads.engine import score

    check_paper(paper)  # bad options are reported before any scoring work
    if output is not None:
        format_for(output)
    loaded_pack, loaded = load_inputs(scenario, pack, set_, weights, risk_aversion)
    result = score(loaded_pack, loaded)
    if output is None:
        text = render_briefing(result, "markdown", title=title, author=author,
                               classification=classification, paper=paper)
        typer.echo(text, nl=False)
        return
    written = write_briefing(result, output, title=title, author=author,
                             classification=classification, paper=paper, force=force)
    typer.echo(f"wrote {written}", err=True)


def register(groups: dict[str, typer.Typer]) -> None:
    groups["main"].command()(brief)
