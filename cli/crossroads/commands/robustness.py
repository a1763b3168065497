"""`crossroads sensitivity`: how robust the recommendation is."""

from __future__ import annotations

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
    finite,
    format_option,
    load_inputs,
    load_panel,
    no_weights_with_panel,
    record_run,
    warn,
    with_rounds,
)
from crossroads.core.errors import InputError
from crossroads.robustness.defaults import DEFAULT_DRAWS, DEFAULT_SEED


def sensitivity(
    scenario: ScenarioArg,
    draws: Annotated[int, typer.Option("--draws", "-n", min=1, max=10_000_000,
                                       help="Monte Carlo draws.")] = DEFAULT_DRAWS,
    seed: Annotated[int, typer.Option("--seed", min=0, max=2**32 - 1,
                                      help="Random seed: the same seed gives the same numbers.")
                    ] = DEFAULT_SEED,
    weights_only: Annotated[bool, typer.Option(
        "--weights-only", help="Vary the criterion weights only.")] = False,
    facts_only: Annotated[bool, typer.Option(
        "--facts-only", help="Vary the factor ranges only.")] = False,
    vary: Annotated[str | None, typer.Option(
        "--vary", metavar="SOURCES",
        help="Comma-separated sources of uncertainty to vary (default: all): weights, "
             "facts, points, risks, risk_aversion, judgement_factors.")] = None,
    concentration: Annotated[float, typer.Option(
        "--concentration", min=1.0, max=1e6, callback=finite,
        help="Dirichlet concentration around stated priorities (larger = tighter).")] = 50.0,
    pack: PackOpt = None,
    set_: SetOpt = None,
    weights: WeightsOpt = None,
    risk_aversion: RiskAversionOpt = None,
    output_format: Annotated[str, format_option("sensitivity")] = "table",
    panel: PanelOpt = None,
    method: MethodOpt = None,
    previous: PreviousOpt = None,
    log: LogOpt = None,
    no_log: NoLogOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """How robust is the recommendation? Rank acceptability, drivers, break-even values."""
    if sum((weights_only, facts_only, vary is not None)) > 1:
        raise InputError.single("--weights-only/--facts-only/--vary", "these options exclude "
                                "each other", "give one of them, or none to vary everything")
    from functools import partial

    from crossroads.robustness.analysis import analyse
    from crossroads.robustness.sources import SOURCES

    sources: tuple[str, ...] = SOURCES
    if weights_only or facts_only:
        sources = ("weights",) if weights_only else ("facts",)
    elif vary is not None:
        sources = tuple(s.strip() for s in vary.split(",") if s.strip())
        unknown = [s for s in sources if s not in SOURCES]
        if unknown or not sources:
            raise InputError.single("--vary", f"unknown source of uncertainty: "
                                    f"{', '.join(unknown) or '(none given)'}",
                                    f"choose from {', '.join(SOURCES)}")
    no_weights_with_panel(panel, weights)
    loaded_pack, loaded = load_inputs(scenario, pack, set_, weights, risk_aversion)
    analysis = load_panel(loaded_pack, loaded, panel, method, previous)
    # With a panel the draws vary the other inputs around the combined view (its scenario
    # carries the panel's files and digests into the decision log).
    scored = loaded if analysis is None else analysis.group.scenario
    run = partial(analyse, loaded_pack, scored, draws, seed, sources=sources,
                  concentration=concentration)
    from crossroads.report.formats import show

    if output_format == "table":
        from crossroads.report.console import console
        from crossroads.report.sensitivity import progress_bar

        with progress_bar(draws, console(stderr=True)) as progress:
            result = run(progress=progress)
    else:
        result = run()
    warn(result.warnings)
    if analysis is None:
        show("sensitivity", output_format, result)
    else:
        from dataclasses import replace

        from crossroads.services.panel_draws import panel_robustness

        # Who judges, with the same draws and seed: each analyst's own view gets a share
        # of them by vote, every other source varied as above.
        analysis = replace(analysis, robustness=panel_robustness(
            loaded_pack, loaded, analysis, draws, seed))
        show("sensitivity-panel", output_format, result, analysis)
    # The log keeps the base scoring (the draws follow from it, the seed and argv).
    record_run("sensitivity", with_rounds(result.base, analysis), log=log, no_log=no_log,
               seed=seed)
