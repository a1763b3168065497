"""`crossroads sensitivity` and `crossroads compare`."""

from __future__ import annotations

import os
from enum import StrEnum
from typing import Annotated

import typer

from crossroads.commands.common import (
    LogOpt,
    NoLogOpt,
    PackOpt,
    QuietOpt,
    RiskAversionOpt,
    SetOpt,
    WeightsOpt,
    finite,
    load_inputs,
    record_run,
    warn,
)
from crossroads.core.errors import InputError
from crossroads.robustness.summary import DEFAULT_DRAWS, DEFAULT_SEED


class SensitivityFormat(StrEnum):
    table = "table"
    json = "json"


class CompareFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def sensitivity(
    scenario: Annotated[str, typer.Argument(
        metavar="SCENARIO", help="Scenario file, shipped scenario id, or - for standard input.")],
    draws: Annotated[int, typer.Option("--draws", "-n", min=1, max=10_000_000,
                                       help="Monte Carlo draws.")] = DEFAULT_DRAWS,
    seed: Annotated[int, typer.Option("--seed", min=0, max=2**32 - 1,
                                      help="Random seed: the same seed gives the same numbers.")
                    ] = DEFAULT_SEED,
    weights_only: Annotated[bool, typer.Option(
        "--weights-only", help="Vary the criterion weights only (facts fixed).")] = False,
    facts_only: Annotated[bool, typer.Option(
        "--facts-only", help="Vary the factor ranges only (weights fixed).")] = False,
    concentration: Annotated[float, typer.Option(
        "--concentration", min=1.0, max=1e6, callback=finite,
        help="Dirichlet concentration around stated priorities (larger = tighter).")] = 50.0,
    pack: PackOpt = None,
    set_: SetOpt = None,
    weights: WeightsOpt = None,
    risk_aversion: RiskAversionOpt = None,
    output_format: Annotated[SensitivityFormat, typer.Option(
        "--format", "-f", help="Output format.")] = SensitivityFormat.table,
    log: LogOpt = None,
    no_log: NoLogOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """How robust is the recommendation? Rank acceptability, drivers, break-even values."""
    if weights_only and facts_only:
        raise InputError.single("--weights-only/--facts-only", "the two options exclude "
                                "each other", "give one of them, or neither to vary both")
    from functools import partial

    from crossroads.robustness.analysis import analyse

    loaded_pack, loaded = load_inputs(scenario, pack, set_, weights, risk_aversion)
    run = partial(analyse, loaded_pack, loaded, draws, seed, vary_weights=not facts_only,
                  vary_facts=not weights_only, concentration=concentration)
    if output_format is SensitivityFormat.json:
        from crossroads.report.data import to_json
        from crossroads.robustness.analysis import as_dict

        result = run()
        warn(result.warnings)
        typer.echo(to_json(as_dict(result)), nl=False)
    else:
        from crossroads.report.console import console
        from crossroads.report.sensitivity import progress_bar, render_sensitivity

        with progress_bar(draws, console(stderr=True)) as progress:
            result = run(progress=progress)
        warn(result.warnings)
        render_sensitivity(result, console())
    # The log keeps the base scoring (the draws follow from it, the seed and argv).
    record_run("sensitivity", [result.base], log=log, no_log=no_log, seed=seed)


def compare(
    scenarios: Annotated[list[str], typer.Argument(
        metavar="SCENARIO...",
        help="Scenario files, shipped scenario ids, or directories of scenario files.")],
    pack: PackOpt = None,
    set_: SetOpt = None,
    weights: WeightsOpt = None,
    risk_aversion: RiskAversionOpt = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, max=os.cpu_count() or 1,
        help="Processes to use, at most the CPU count (default: all cores above 200 scenarios).")
    ] = None,
    output_format: Annotated[CompareFormat, typer.Option(
        "--format", "-f", help="Output format.")] = CompareFormat.table,
    quiet: QuietOpt = False,
) -> None:
    """Side-by-side scores and ranks of many scenarios (files, ids or directories)."""
    from crossroads.services.compare import compare as run_compare

    rows = run_compare(scenarios, pack, set_ or (), weights or (), risk_aversion, workers)
    for row in rows:
        warn(row.warnings)
    if output_format is CompareFormat.json:
        from crossroads.report.compare import compare_to_dict
        from crossroads.report.data import to_json

        typer.echo(to_json(compare_to_dict(rows)), nl=False)
    elif output_format is CompareFormat.csv:
        from crossroads.report.compare import compare_to_csv

        typer.echo(compare_to_csv(rows), nl=False)
    else:
        from crossroads.report.compare import render_compare
        from crossroads.report.console import console

        render_compare(rows, console())

