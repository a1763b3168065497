"""Options and input handling shared by the commands that score a scenario."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crossroads.core.errors import ExitCode

if TYPE_CHECKING:
    from crossroads.core.engine import Result
    from crossroads.core.errors import Problem
    from crossroads.core.model import Pack, Scenario


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


PackOpt = Annotated[
    str | None,
    typer.Option("--pack", "-p", metavar="PACK",
                 help="Pack id or path (default: the scenario's pack)."),
]
SetOpt = Annotated[
    list[str] | None,
    typer.Option("--set", "-s", metavar="FACTOR=VALUE", help="Override a factor (repeatable)."),
]
WeightsOpt = Annotated[
    list[str] | None,
    typer.Option("--weights", "-w", metavar="CRITERION=W",
                 help="Override a criterion's priority (repeatable)."),
]
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
FormatOpt = Annotated[
    OutputFormat, typer.Option("--format", "-f", metavar="table|json|csv|markdown",
                               help="Output format.")
]
LogOpt = Annotated[
    Path | None,
    typer.Option("--log", metavar="PATH", dir_okay=False,
                 help="Decision log (SQLite) to record this run in "
                      "(default: $CROSSROADS_HOME/history.sqlite3 or the user data directory)."),
]
NoLogOpt = Annotated[
    bool, typer.Option("--no-log", help="Do not record this run in the decision log."),
]


def _set_quiet(value: bool) -> bool:
    _quiet[0] = value
    return value


QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", callback=_set_quiet,
                       help="Print results only: no warnings or notes on standard error "
                            "(errors still are)."),
]
STDIN = "-"  # a scenario argument that reads the scenario from standard input
_quiet = [False]

# The command line of the current invocation, set by crossroads.app.main, for the log.
_command_line: list[str] = []


def remember_command_line(argv: Sequence[str]) -> None:
    """Keep the arguments of this invocation so that the decision log can record them."""
    _command_line[:] = [str(a) for a in argv]
    _quiet[0] = False  # each invocation starts loud (tests run many in one process)


def is_quiet() -> bool:
    return _quiet[0]


def warn(problems: Sequence[Problem]) -> None:
    """Warnings go to stderr, one per line, and never change the exit code (--quiet: none)."""
    if _quiet[0]:
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
    """Find the scenario and its pack and apply the command-line overrides."""
    from crossroads.io.lookup import find_pack, find_scenario, under_pack, with_overrides

    # "-" is standard input, read through the path every platform the CLI runs on has.
    scenario = find_scenario("/dev/stdin" if scenario_ref == STDIN else scenario_ref)
    pack = find_pack(pack_ref, scenario)
    if pack_ref:
        scenario = under_pack(pack, scenario)
    scenario = with_overrides(pack, scenario, sets, weights, risk_aversion)
    warn_inconsistent(pack, scenario)
    return pack, scenario


def warn_inconsistent(pack: Pack, scenario: Scenario) -> None:
    """Print a warning (stderr) for each pack constraint the scenario's facts break."""
    if not pack.constraints:
        return
    from crossroads.core.constraints import constraint_warnings
    from crossroads.core.errors import InputError

    try:
        warn(constraint_warnings(pack, scenario))
    except InputError:
        return  # invalid values: scoring reports them with their positions


def record_run(
    command: str,
    results: Sequence[Result],
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
        append(path, make_records(command, results, _command_line or [command], seed=seed))
    except LogError as error:
        hint = f" ({error.hint})" if error.hint else ""
        sys.stderr.write(f"warning: run not recorded: {error.message}{hint}\n")
        if log is not None:
            # The output stands; but a log the user named explicitly must not fail silently.
            raise typer.Exit(int(ExitCode.BAD_INPUT)) from None
