"""Options and input handling shared by the commands that score a scenario."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from crossroads.errors import Problem
    from crossroads.model import Pack, Scenario


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


PackOpt = Annotated[
    str | None,
    typer.Option("--pack", "-p", help="Pack id or path (default: the scenario's pack)."),
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
RiskAversionOpt = Annotated[
    float | None,
    typer.Option("--risk-aversion", "-r", min=0.0,
                 help="How much expected risk counts against benefit (default: scenario/pack)."),
]
FormatOpt = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format.")
]


def warn(problems: Sequence[Problem]) -> None:
    """Warnings go to stderr, one per line, and never change the exit code."""
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
    from crossroads.api import find_pack, find_scenario, with_overrides

    scenario = find_scenario(scenario_ref)
    pack = find_pack(pack_ref, scenario)
    if pack_ref and scenario.pack and pack.id != scenario.pack:
        # Priorities name the criteria of the scenario's own pack; under another pack's
        # perspective only the shared ones apply, the rest take that pack's defaults.
        from dataclasses import replace

        shared = {k: v for k, v in scenario.priorities.items() if k in pack.criteria}
        scenario = replace(scenario, priorities=shared)
    scenario = with_overrides(pack, scenario, sets, weights, risk_aversion)
    warn_inconsistent(pack, scenario)
    return pack, scenario


def warn_inconsistent(pack: Pack, scenario: Scenario) -> None:
    """Print a warning (stderr) for each pack constraint the scenario's facts break."""
    if not pack.constraints:
        return
    from crossroads.constraints import constraint_warnings
    from crossroads.errors import InputError

    try:
        warnings = constraint_warnings(pack, scenario)
    except InputError:
        return  # invalid values: scoring reports them with their positions
    for warning in warnings:
        typer.echo(warning.render(), err=True)
