"""`crossroads score` and `crossroads explain`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from crossroads.commands.common import (
    FormatOpt,
    LogOpt,
    NoLogOpt,
    OutputFormat,
    PackOpt,
    QuietOpt,
    RiskAversionOpt,
    SetOpt,
    WeightsOpt,
    load_inputs,
    record_run,
    warn,
)
from crossroads.core.errors import InputError

if TYPE_CHECKING:
    from crossroads.core.engine import Result


def score(
    scenarios: Annotated[list[str], typer.Argument(
        metavar="SCENARIO...",
        help="Scenario files, shipped scenario ids, or - for standard input; several give "
             "a side-by-side view.")],
    pack: PackOpt = None,
    set_: SetOpt = None,
    weights: WeightsOpt = None,
    risk_aversion: RiskAversionOpt = None,
    output_format: FormatOpt = OutputFormat.table,
    log: LogOpt = None,
    no_log: NoLogOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Rank the pack's options for one scenario, or several side by side."""
    from crossroads.core.engine import score as run_score

    results = []
    for ref in scenarios:
        loaded_pack, scenario = load_inputs(ref, pack, set_, weights, risk_aversion)
        results.append(run_score(loaded_pack, scenario))
    for result in results:
        warn(result.warnings)
    _print_results(results, output_format)
    record_run("score", results, log=log, no_log=no_log)


def _print_results(results: list[Result], output_format: OutputFormat) -> None:
    if output_format is OutputFormat.json:
        from crossroads.report.data import comparison_to_dict, result_to_dict, to_json

        data = result_to_dict(results[0]) if len(results) == 1 else comparison_to_dict(results)
        typer.echo(to_json(data), nl=False)
    elif output_format is OutputFormat.csv:
        from crossroads.report.tables import to_csv

        typer.echo(to_csv(results), nl=False)
    elif output_format is OutputFormat.markdown:
        from crossroads.report.tables import to_markdown

        typer.echo(to_markdown(results), nl=False)
    else:
        from crossroads.report.console import console
        from crossroads.report.terminal import render_comparison, render_score

        out = console()
        if len(results) == 1:
            render_score(results[0], out)
        else:
            render_comparison(results, out)


def explain(
    scenario: Annotated[str, typer.Argument(
        metavar="SCENARIO", help="Scenario file, shipped scenario id, or - for standard input.")],
    options: Annotated[list[str] | None, typer.Argument(
        metavar="[OPTION]...", help="Option ids to explain (default: all).")] = None,
    pack: PackOpt = None,
    set_: SetOpt = None,
    weights: WeightsOpt = None,
    risk_aversion: RiskAversionOpt = None,
    output_format: FormatOpt = OutputFormat.table,
    log: LogOpt = None,
    no_log: NoLogOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """List every contribution behind each option's score, so the numbers add up."""
    from crossroads.core.engine import score as run_score
    from crossroads.core.factors import suggest

    loaded_pack, loaded = load_inputs(scenario, pack, set_, weights, risk_aversion)
    wanted = list(options or [])
    for option_id in wanted:  # checked before the scoring work
        if option_id not in loaded_pack.options:
            raise InputError.single(
                "explain", f"unknown option {option_id!r} in pack {loaded_pack.id!r}",
                suggest(option_id, loaded_pack.options)
                or f"options: {', '.join(loaded_pack.options)}")
    result = run_score(loaded_pack, loaded)
    warn(result.warnings)
    if output_format is OutputFormat.json:
        from crossroads.report.data import result_to_dict, to_json

        data = result_to_dict(result)
        if wanted:
            data["options"] = [o for o in data["options"] if o["id"] in wanted]
        typer.echo(to_json(data), nl=False)
    elif output_format in (OutputFormat.markdown, OutputFormat.csv):
        from crossroads.report.explain import explain_csv, explain_markdown

        render = explain_markdown if output_format is OutputFormat.markdown else explain_csv
        typer.echo(render(result, wanted), nl=False)
    else:
        from crossroads.report.console import console
        from crossroads.report.terminal import render_explain

        render_explain(result, wanted, console())
    record_run("explain", [result], log=log, no_log=no_log)

