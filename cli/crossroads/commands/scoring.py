"""`crossroads score`, `crossroads compare` and `crossroads explain`.

`score` with several scenarios and `compare` are one path: both go through
:func:`crossroads.services.compare.compare` and print the ``compare`` result kind.
"""

from __future__ import annotations

import os
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
    complete_options,
    complete_scenarios,
    format_option,
    is_quiet,
    load_inputs,
    load_panel,
    no_weights_with_panel,
    panel_flags_alone,
    record_run,
    warn,
    with_rounds,
)
from crossroads.core.errors import InputError

ScenariosArg = Annotated[list[str], typer.Argument(
    metavar="SCENARIO...", autocompletion=complete_scenarios,
    help="Scenario files, shipped scenario ids, directories of scenario files, or - for "
         "standard input.")]


def score(
    scenarios: ScenariosArg,
    pack: PackOpt = None,
    set_: SetOpt = None,
    weights: WeightsOpt = None,
    risk_aversion: RiskAversionOpt = None,
    output_format: Annotated[str, format_option("score")] = "table",
    panel: PanelOpt = None,
    method: MethodOpt = None,
    previous: PreviousOpt = None,
    log: LogOpt = None,
    no_log: NoLogOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Rank the pack's options for one scenario, or several side by side."""
    from crossroads.services.inputs import is_directory

    no_weights_with_panel(panel, weights)
    if len(scenarios) > 1 or is_directory(scenarios[0]):
        if previous:
            raise InputError.single("--previous", "--previous compares Delphi rounds on "
                                    "one scenario", "score one scenario with --previous, "
                                    "or drop it")
        _compare("score", scenarios, pack, set_, weights, risk_aversion, None, output_format,
                 log, no_log, panel, method)
        return
    from crossroads.core.engine import score as run_score
    from crossroads.report.formats import show

    loaded_pack, scenario = load_inputs(scenarios[0], pack, set_, weights, risk_aversion)
    analysis = load_panel(loaded_pack, scenario, panel, method, previous)
    # With a panel the ranking is the combined view's (its scenario names each judgement
    # file and its digest, so the decision log keeps them and a rerun reproduces it).
    result = run_score(loaded_pack, scenario) if analysis is None else analysis.group
    warn(result.warnings)
    if analysis is None:
        show("score", output_format, result)
    else:
        show("score-panel", output_format, result, analysis)
    record_run("score", with_rounds(result, analysis), log=log, no_log=no_log)


def compare(
    scenarios: ScenariosArg,
    pack: PackOpt = None,
    set_: SetOpt = None,
    weights: WeightsOpt = None,
    risk_aversion: RiskAversionOpt = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, max=os.cpu_count() or 1, metavar="N",
        help="Processes to use, at most the CPU count (default: all cores above 200 "
             "scenarios).")] = None,
    output_format: Annotated[str, format_option("compare")] = "table",
    panel: PanelOpt = None,
    method: MethodOpt = None,
    log: LogOpt = None,
    no_log: NoLogOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Side-by-side scores and ranks of many scenarios (files, ids or directories)."""
    no_weights_with_panel(panel, weights)
    _compare("compare", scenarios, pack, set_, weights, risk_aversion, workers, output_format,
             log, no_log, panel, method)


def _compare(command: str, refs: list[str], pack: str | None, sets: list[str] | None,
             weights: list[str] | None, risk_aversion: float | None, workers: int | None,
             output_format: str, log: Path | None, no_log: bool,
             panel: list[str] | None = None, method: str | None = None) -> None:
    from crossroads.report.formats import show

    if panel or method:
        _compare_panel(command, refs, pack, sets, risk_aversion, output_format, log, no_log,
                       panel, method)
        return
    from crossroads.services.compare import compare_files

    rows = compare_files(refs, pack, sets or (), weights or (), risk_aversion, workers,
                       keep_records=not no_log)
    for row in rows:
        warn(row.warnings)
    show("compare", output_format, rows)
    record_run(command, [row.record for row in rows if row.record is not None],
               log=log, no_log=no_log)


def _compare_panel(command: str, refs: list[str], pack: str | None, sets: list[str] | None,
                   risk_aversion: float | None, output_format: str, log: Path | None,
                   no_log: bool, panel: list[str] | None, method: str | None) -> None:
    """Each scenario on the panel's combined view, one process (the panel is read once)."""
    if not panel:
        panel_flags_alone(method)  # --method without --panel: an error, never ignored
        return
    from crossroads.report.formats import show
    from crossroads.services.panel_compare import compare_with_panel, given_for_note

    rows = compare_with_panel(refs, panel, method or "priorities", pack, sets or (),
                              risk_aversion, keep_records=not no_log)
    for row in rows:
        warn(row.ranking.warnings)
        # The table, Markdown and JSON carry this note; CSV has no place for it.
        if row.given_for and output_format == "csv" and not is_quiet():
            typer.echo(f"note: {given_for_note(row)}", err=True)
    show("compare-panel", output_format, rows)
    record_run(command, [row.ranking.record for row in rows
                         if row.ranking.record is not None], log=log, no_log=no_log)


def explain(
    scenario: ScenarioArg,
    options: Annotated[list[str] | None, typer.Argument(
        metavar="[OPTION]...", autocompletion=complete_options,
        help="Option ids to explain (default: all).")] = None,
    pack: PackOpt = None,
    set_: SetOpt = None,
    weights: WeightsOpt = None,
    risk_aversion: RiskAversionOpt = None,
    output_format: Annotated[str, format_option("explain")] = "table",
    assumptions: Annotated[bool, typer.Option(
        "--assumptions", help="Show what the base-case lead rests on instead (the key "
        "assumptions check: rules removed, facts at the ends of their ranges, judgements "
        "moved one level or flipped).")] = False,
    panel: PanelOpt = None,
    method: MethodOpt = None,
    log: LogOpt = None,
    no_log: NoLogOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """List every contribution behind each option's score, so the numbers add up."""
    from crossroads.core.engine import score as run_score
    from crossroads.core.factors import suggest
    from crossroads.report.formats import show

    no_weights_with_panel(panel, weights)
    loaded_pack, loaded = load_inputs(scenario, pack, set_, weights, risk_aversion)
    wanted = list(options or [])
    for option_id in wanted:  # checked before the scoring work
        if option_id not in loaded_pack.options:
            raise InputError.single(
                "explain", f"unknown option {option_id!r} in pack {loaded_pack.id!r}",
                suggest(option_id, loaded_pack.options)
                or f"options: {', '.join(loaded_pack.options)}")
    analysis = load_panel(loaded_pack, loaded, panel, method)
    # With a panel: the combined view's numbers (the weights are the panel's).
    result = run_score(loaded_pack, loaded) if analysis is None else analysis.group
    warn(result.warnings)
    if assumptions:
        from crossroads.robustness.assumptions import base_case_assumptions

        checked = base_case_assumptions(result)
        if analysis is None:
            show("assumptions", output_format, checked, result)
        else:
            show("assumptions-panel", output_format, checked, result, analysis)
    elif analysis is None:
        show("explain", output_format, result, wanted)
    else:
        show("explain-panel", output_format, result, wanted, analysis)
    record_run("explain", [result], log=log, no_log=no_log)
