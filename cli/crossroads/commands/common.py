"""Options and input handling shared by the commands that score a scenario."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from crossroads.core.errors import ExitCode
from crossroads.report.formats import formats
from crossroads.report.safe_text import shell_words

if TYPE_CHECKING:
    from crossroads.core.engine import Result
    from crossroads.core.errors import Problem
    from crossroads.core.model import Pack, Scenario
    from crossroads.log.store import RunRecord
    from crossroads.services.panel import PanelAnalysis


# -- shell completion (typer's: bash, zsh, fish, PowerShell) ---------------------------------
# Each runs only when the shell asks, so the imports stay inside.  Every candidate goes
# through report.safe_text.shell_words: what completion prints, the shell evaluates.

def complete_scenarios(incomplete: str) -> list[str]:
    """Shipped scenario ids (files and directories are the shell's own completion)."""
    from crossroads.io.resources import shipped_scenarios

    return shell_words(name for name in shipped_scenarios() if name.startswith(incomplete))


def complete_packs(incomplete: str) -> list[str]:
    from crossroads.io.resources import shipped_packs

    return shell_words(name for name in shipped_packs() if name.startswith(incomplete))


def _pack_in(ctx: typer.Context) -> Pack | None:
    """The pack the command line so far would score with, or None if it cannot tell."""
    from crossroads.core.errors import CrossroadsError
    from crossroads.io.lookup import find_pack, find_scenario

    params = ctx.params
    given = params.get("scenarios") or params.get("scenario")
    first = given[0] if isinstance(given, list | tuple) and given else given
    try:
        scenario = find_scenario(first) if isinstance(first, str) and first != "-" else None
        return find_pack(params.get("pack"), scenario)
    except (CrossroadsError, OSError):
        return None


def complete_factors(ctx: typer.Context, incomplete: str) -> list[str]:
    """``factor=`` for each factor of the pack, then the labels of a level or choice."""
    pack = _pack_in(ctx)
    if pack is None:
        return []
    name, equals, value = incomplete.partition("=")
    if not equals:
        return shell_words(f"{f}=" for f in pack.factors if f.startswith(name))
    factor = pack.factors.get(name)
    labels = factor.labels if factor is not None else ()
    # Labels are a pack's free text, and the shell evaluates what completion prints.
    return shell_words(f"{name}={label}" for label in labels if label.startswith(value))


def complete_criteria(ctx: typer.Context, incomplete: str) -> list[str]:
    pack = _pack_in(ctx)
    return [] if pack is None else shell_words(f"{c}=" for c in pack.criteria
                                               if c.startswith(incomplete))


def complete_options(ctx: typer.Context, incomplete: str) -> list[str]:
    pack = _pack_in(ctx)
    return [] if pack is None else shell_words(o for o in pack.options
                                               if o.startswith(incomplete))


PackOpt = Annotated[
    str | None,
    typer.Option("--pack", "-p", metavar="PACK", autocompletion=complete_packs,
                 help="Pack id or path (default: the scenario's pack)."),
]
SetOpt = Annotated[
    list[str] | None,
    typer.Option("--set", "-s", metavar="FACTOR=VALUE", autocompletion=complete_factors,
                 help="Override a factor (repeatable); a range and source may follow, as in "
                      "'x=0.6 (0.5..0.7) src: IMF'."),
]
WeightsOpt = Annotated[
    list[str] | None,
    typer.Option("--weights", "-w", metavar="CRITERION=W", autocompletion=complete_criteria,
                 help="Override a criterion's priority (repeatable)."),
]
PanelOpt = Annotated[
    list[str] | None,
    typer.Option("--panel", metavar="PATH",
                 help="Score with a panel of analysts' combined judgements: a folder of "
                      "judgement files (one per analyst), a judgement file (repeat for "
                      "more), or a shipped panel's id."),
]
MethodOpt = Annotated[
    str | None,
    typer.Option("--method", metavar="priorities|judgements",
                 help="How --panel combines the analysts: each analyst's weights "
                      "(priorities, AIP: separate desks; the default) or each pairwise "
                      "judgement (judgements, AIJ: a team acting as one)."),
]
PreviousOpt = Annotated[
    list[str] | None,
    typer.Option("--previous", metavar="PATH",
                 help="The previous Delphi round's panel (as --panel): say whether "
                      "consensus rose."),
]


def load_panel(pack: Pack, scenario: Scenario, refs: Sequence[str] | None,
               method: str | None, previous: Sequence[str] | None = None
               ) -> PanelAnalysis | None:
    """The panel that ``--panel`` names, analysed on *scenario*; None without ``--panel``
    (then ``--method`` and ``--previous`` are errors, not silently ignored)."""
    if not refs:
        panel_flags_alone(method, previous)
        return None
    from crossroads.services.panel import panel_for

    return panel_for(pack, scenario, refs, method or "priorities", previous or ())


def panel_flags_alone(method: str | None, previous: Sequence[str] | None = None) -> None:
    """Refuse ``--method`` or ``--previous`` given without ``--panel``: never ignored."""
    from crossroads.core.errors import InputError

    for name, given in (("--method", method), ("--previous", previous)):
        if given:
            raise InputError.single(name, f"{name} needs --panel",
                                    f"name the panel with --panel PATH, or drop {name}")


def no_weights_with_panel(refs: Sequence[str] | None, weights: Sequence[str] | None) -> None:
    """Refuse ``--weights`` with ``--panel``: the panel's judgements give the weights."""
    if refs and weights:
        from crossroads.core.errors import InputError

        raise InputError.single("--weights", "--weights conflicts with --panel: the panel's "
                                "judgements give the weights",
                                "drop --weights, or change the analysts' judgement files")


def finite(value: float | None) -> float | None:
    """Option callback: NaN slips through click's min/max checks (every comparison is false)."""
    if value is not None and value != value:
        raise typer.BadParameter("must be a number, not NaN")
    return value


RiskAversionOpt = Annotated[
    float | None,
    typer.Option("--risk-aversion", "-r", min=0.0, max=1000.0, metavar="R", callback=finite,
                 help="How much expected risk counts against benefit (default: scenario/pack)."),
]


def click_module() -> Any:
    """The click that typer runs on: typer >= 0.24 vendors it as ``typer._click``."""
    vendored = getattr(typer, "_click", None)
    if vendored is not None:
        return vendored
    import click

    return click


def format_option(kind: str, help_text: str = "Output format.") -> Any:
    """``--format/-f`` with the formats :data:`crossroads.report.formats.RENDERERS` lists for
    *kind* (the first is the default), checked and completed from that table."""
    names = formats(kind)

    def check(value: str) -> str:
        if value not in names:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(names)}")
        return value

    return typer.Option("--format", "-f", metavar="|".join(names), help=help_text,
                        callback=check, autocompletion=lambda: list(names))


LogOpt = Annotated[
    Path | None,
    typer.Option("--log", metavar="PATH", dir_okay=False,
                 help="Decision log (SQLite) to record this run in "
                      "(default: $CROSSROADS_HOME/history.sqlite3 or the user data directory)."),
]
NoLogOpt = Annotated[
    bool, typer.Option("--no-log", help="Do not record this run in the decision log."),
]

ScenarioArg = Annotated[str, typer.Argument(
    metavar="SCENARIO", autocompletion=complete_scenarios,
    help="Scenario file, shipped scenario id, or - for standard input.")]


@dataclass(slots=True)
class RunContext:
    """What one invocation knows beyond its own options: the command line as typed (the
    decision log records it) and whether ``--quiet`` asked for results only.

    :func:`crossroads.app.main` makes one per invocation and hands it to click as the
    context object, so nothing outlives the run (tests run many in one process).
    """

    command_line: tuple[str, ...] = ()
    quiet: bool = False


def run_context() -> RunContext:
    """The context of the running command; a fresh one outside a command (library use)."""
    # click.globals in both click and typer's vendored copy (which exports less at the top).
    current = importlib.import_module(f"{click_module().__name__}.globals") \
        .get_current_context(silent=True)
    found = current.find_object(RunContext) if current is not None else None
    return found if isinstance(found, RunContext) else RunContext()


def _set_quiet(ctx: typer.Context, value: bool) -> bool:
    found = ctx.find_object(RunContext)
    if found is not None:
        found.quiet = value
    return value


QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", callback=_set_quiet,
                       help="Print results only: no warnings or notes on standard error "
                            "(errors still are)."),
]


def is_quiet() -> bool:
    return run_context().quiet


def warn(problems: Sequence[Problem]) -> None:
    """Warnings go to stderr, one per line, and never change the exit code (--quiet: none)."""
    if is_quiet():
        return
    for problem in problems:
        sys.stderr.write(problem.render() + "\n")


def load_inputs(
    scenario_ref: str,
    pack_ref: str | None,
    sets: list[str] | None,
    weights: list[str] | None,
    risk_aversion: float | None,
) -> tuple[Pack, Scenario]:
    """Find the scenario and its pack, apply the overrides, warn about broken constraints."""
    pack, scenario, _ = load_inputs_and_file(scenario_ref, pack_ref, sets, weights,
                                             risk_aversion)
    return pack, scenario


def load_inputs_and_file(
    scenario_ref: str,
    pack_ref: str | None,
    sets: list[str] | None,
    weights: list[str] | None,
    risk_aversion: float | None,
) -> tuple[Pack, Scenario, Scenario]:
    """As :func:`load_inputs`, plus the scenario before the command line's overrides."""
    from crossroads.services.inputs import load_inputs as load

    inputs = load(scenario_ref, pack_ref, sets or (), weights or (), risk_aversion)
    warn(inputs.warnings)
    return inputs.pack, inputs.scenario, inputs.file_scenario or inputs.scenario


def with_rounds(result: Result, analysis: PanelAnalysis | None) -> list[Result]:
    """What a run records: *result*, after the previous Delphi round's combined view when
    ``--previous`` named one, so the decision log keeps each round."""
    earlier = analysis.previous.earlier if analysis and analysis.previous else None
    return [result] if earlier is None else [earlier, result]


def record_run(
    command: str,
    results: Sequence[Result | RunRecord],
    *,
    log: Path | None,
    no_log: bool,
    seed: int | None = None,
) -> None:
    """Append the finished run to the decision log; problems become a warning, never an error.

    Call it after the output is written: a broken or locked log must not cost the analyst
    their briefing, so any :class:`~crossroads.log.store.LogError` is reported on one
    line of stderr and the command still succeeds.
    """
    if no_log or not results:
        return
    from crossroads.log.records import make_records
    from crossroads.log.store import LogError, append, default_log_path

    path = log if log is not None else default_log_path()
    try:
        argv = run_context().command_line or (command,)
        append(path, make_records(command, results, list(argv), seed=seed))
    except LogError as error:
        hint = f" ({error.hint})" if error.hint else ""
        sys.stderr.write(f"warning: run not recorded: {error.message}{hint}\n")
        if log is not None:
            # The output stands; but a log the user named explicitly must not fail silently.
            raise typer.Exit(int(ExitCode.BAD_INPUT)) from None
