"""`crossroads brief`: a printable briefing as Markdown, HTML, PDF or Word."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crossroads.commands.common import (
    LogOpt,
    MethodOpt,
    NoLogOpt,
    PackOpt,
    PanelOpt,
    PreviousOpt,
    QuietOpt,
    RiskAversionOpt,
    ScenarioArg,
    SetOpt,
    WeightsOpt,
    is_quiet,
    load_inputs_and_file,
    load_panel,
    record_run,
    warn,
    with_rounds,
)
from crossroads.robustness.defaults import DEFAULT_DRAWS, DEFAULT_SEED

# The defaults of `crossroads sensitivity`, so that a briefing and a sensitivity run of
# the same scenario report the same numbers (kept literal so --help imports no numpy).


def brief(
    scenario: ScenarioArg,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE",
        # Examples, not the list: reading the formats' table would import the briefing
        # renderers on every --help (~200 ms); a wrong suffix is told every format.
        help="Write to FILE in the format its suffix names, e.g. .md, .html, .pdf "
             "or .docx "
             "(default: Markdown on standard output).")] = None,
    pack: PackOpt = None,
    set_: SetOpt = None,
    weights: WeightsOpt = None,
    risk_aversion: RiskAversionOpt = None,
    title: Annotated[str | None, typer.Option(
        "--title", help="Title (default: the pack's decision question).")] = None,
    author: Annotated[str | None, typer.Option("--author", help="Author line.")] = None,
    classification: Annotated[str | None, typer.Option(
        "--classification", metavar="TEXT",
        help='Banner at the top and bottom of every page, e.g. "OFFICIAL".')] = None,
    # Checked by the library (a clear exit-2 message) rather than by a typer enum.
    paper: Annotated[str, typer.Option("--paper", metavar="a4|letter",
                                       help="Page size for PDF and print.")] = "a4",
    draws: Annotated[int, typer.Option(
        "--draws", "-n", min=1, max=10_000_000,
        help="Draws of the robustness analysis behind the confidence and key drivers.")
    ] = DEFAULT_DRAWS,
    seed: Annotated[int, typer.Option(
        "--seed", min=0, max=2**32 - 1, help="Random seed of the robustness analysis.")
    ] = DEFAULT_SEED,
    no_robustness: Annotated[bool, typer.Option(
        "--no-robustness",
        help="Skip the robustness analysis: the briefing names the base-case leader "
             "without recommending, and says nothing of how often it comes first or what "
             "would change it; confidence is still judged on the sources and reasoning.")
    ] = False,
    yardstick: Annotated[str, typer.Option(
        "--yardstick", metavar="icd203|phia",
        help="Words for how often an option comes first: US ICD 203 (icd203) or the UK "
             "PHIA probability yardstick (phia).")] = "icd203",
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")
                     ] = False,
    panel: PanelOpt = None,
    method: MethodOpt = None,
    previous: PreviousOpt = None,
    log: LogOpt = None,
    no_log: NoLogOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Write a three-page briefing: bottom line, ranking, reasons, risks, drivers, annex."""
    from crossroads.core.engine import score
    from crossroads.core.errors import InputError
    from crossroads.io.files import check_writable
    from crossroads.report.briefing import (
        check_paper,
        check_yardstick,
        format_for,
        render_briefing,
        write_briefing,
    )
    from crossroads.services.briefing import panel_with_robustness, score_with_robustness

    # Bad options and an existing file are reported before any scoring work.
    check_paper(paper)
    check_yardstick(yardstick)
    if output is not None:
        format_for(output)
        check_writable(output, force=force)
    if panel and weights:
        raise InputError.single("--weights", "--weights and --panel both set the weights",
                                "drop --weights: a panel's briefing uses the panel's "
                                "combined weights")
    loaded_pack, loaded, as_filed = load_inputs_and_file(scenario, pack, set_, weights,
                                                         risk_aversion)
    # With --panel the briefing is the panel's combined view: its scenario is the file's
    # with the combined weights, and its notes name each judgement file for the log.
    analysis = load_panel(loaded_pack, loaded, panel, method, previous)
    robustness = None
    if analysis is not None and not no_robustness:
        result, robustness, analysis = panel_with_robustness(loaded_pack, loaded, analysis,
                                                             draws, seed)
    elif analysis is not None:
        result = analysis.group
    elif no_robustness:
        result = score(loaded_pack, loaded)
    else:
        result, robustness = score_with_robustness(loaded_pack, loaded, draws, seed)
    warn(result.warnings)
    # A what-if compares itself with the file's own values: the same inputs, unchanged
    # (for a panel, the same panel on them).
    baseline = None
    if loaded.overrides:
        filed_panel = load_panel(loaded_pack, as_filed, panel, method)
        baseline = score(loaded_pack, as_filed) if filed_panel is None else filed_panel.group
    if output is None:
        text = render_briefing(result, "markdown", title=title, author=author,
                               classification=classification, paper=paper,
                               robustness=robustness, yardstick=yardstick, baseline=baseline,
                               panel=analysis)
        typer.echo(text, nl=False)
    else:
        written = write_briefing(result, output, title=title, author=author,
                                 classification=classification, paper=paper, force=force,
                                 robustness=robustness, yardstick=yardstick, baseline=baseline,
                                 panel=analysis)
        if not is_quiet():
            typer.echo(f"wrote {written}", err=True)
    # The log keeps the briefing's result: for a panel, the combined view, whose scenario
    # names each judgement file and its digest, so `history rerun` reproduces it.
    record_run("brief", with_rounds(result, analysis), log=log, no_log=no_log,
               seed=None if no_robustness else seed)

