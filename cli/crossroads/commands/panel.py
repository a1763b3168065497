"""`crossroads panel`: several analysts' judgements on one scenario, combined openly."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import typer

from crossroads.commands.common import (
    LogOpt,
    NoLogOpt,
    PackOpt,
    QuietOpt,
    ScenarioArg,
    SetOpt,
    format_option,
    load_inputs,
    record_run,
    with_rounds,
)
from crossroads.robustness.defaults import DEFAULT_SEED


def panel(
    scenario: ScenarioArg,
    panel_refs: Annotated[list[str] | None, typer.Option(
        "--panel", metavar="PATH",
        help="A folder of judgement files (one per analyst), a judgement file (repeat for "
             "more), or a shipped panel's id (default: the folder panels/<scenario id>/ "
             "beside the scenario file).")] = None,
    method: Annotated[str, typer.Option(
        "--method", metavar="priorities|judgements",
        help="Combine each analyst's weights (priorities: AIP, for separate desks) or each "
             "pairwise judgement (judgements: AIJ, for a team acting as one).")
    ] = "priorities",
    spread: Annotated[bool, typer.Option(
        "--spread", help="Print only the panel's weights without names (lowest, median, "
                         "highest), to circulate before a Delphi round.")] = False,
    previous: Annotated[list[str] | None, typer.Option(
        "--previous", metavar="PATH",
        help="The previous Delphi round's panel: say whether consensus rose.")] = None,
    draws: Annotated[int, typer.Option(
        "--draws", "-n", min=0, max=1_000_000,
        help="Monte Carlo draws over who judges and the other uncertain inputs, split by "
             "vote (0: none).")] = 10_000,
    seed: Annotated[int, typer.Option("--seed", min=0, max=2**32 - 1,
                                      help="Random seed: the same seed gives the same "
                                           "numbers.")] = DEFAULT_SEED,
    pack: PackOpt = None,
    log: LogOpt = None,
    no_log: NoLogOpt = False,
    set_: SetOpt = None,
    output_format: Annotated[str, format_option("panel")] = "table",
    quiet: QuietOpt = False,
) -> None:
    """Combine a panel of analysts' judgements; show each view and who dissents, and why."""
    from crossroads.core.errors import InputError
    from crossroads.report.formats import show
    from crossroads.services.panel import panel_beside, panel_for
    from crossroads.services.panel_draws import panel_robustness

    loaded_pack, loaded = load_inputs(scenario, pack, set_, None, None)
    if not panel_refs:
        beside = panel_beside(loaded)
        if beside is None:
            where = ("a scenario read from standard input has no folder"
                     if loaded.path is None else
                     f"there is no folder panels/{loaded.id}/ beside {loaded.path.name}")
            raise InputError.single("--panel", f"no panel given, and {where}",
                                    "name the judgement files' folder with --panel PATH")
        panel_refs = [str(beside)]
    analysis = panel_for(loaded_pack, loaded, panel_refs, method, previous or ())
    if draws and not spread:
        analysis = replace(analysis, robustness=panel_robustness(
            loaded_pack, loaded, analysis, draws, seed))
    show("panel-spread" if spread else "panel", output_format, analysis)
    # The log keeps the combined view (its scenario names each judgement file and digest).
    record_run("panel", with_rounds(analysis.group, analysis), log=log,
               no_log=no_log or spread,
               seed=seed if analysis.robustness is not None else None)
