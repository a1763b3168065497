"""`crossroads rules list` and `crossroads scenarios list`: what is shipped."""

from __future__ import annotations

from typing import Annotated

import typer

from crossroads.commands.common import format_option


def rules_list(
    factors: Annotated[bool, typer.Option("--factors", help="List the factors too.")] = False,
    output_format: Annotated[str, format_option("packs")] = "table",
) -> None:
    """List the shipped rule packs with their options and rule counts."""
    from crossroads.io.loader import load_pack
    from crossroads.io.resources import shipped_packs
    from crossroads.report.formats import show

    show("packs", output_format, [load_pack(path) for path in shipped_packs().values()],
         factors)


def scenarios_list(
    output_format: Annotated[str, format_option("scenarios")] = "table",
) -> None:
    """List the shipped scenarios."""
    from crossroads.io.resources import shipped_scenarios
    from crossroads.io.scenario_file import load_scenario
    from crossroads.report.formats import show

    show("scenarios", output_format,
         [load_scenario(path) for path in shipped_scenarios().values()])
