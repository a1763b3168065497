"""`crossroads rules list` and `crossroads scenarios list`: what is shipped."""

from __future__ import annotations

from typing import Annotated

import typer


def rules_list(
    factors: Annotated[bool, typer.Option("--factors", help="List the factors too.")] = False,
) -> None:
    """List the shipped rule packs with their options and rule counts."""
    from rich.table import Table

    from crossroads.loader import load_pack
    from crossroads.report.console import console
    from crossroads.resources import shipped_packs

    out = console()
    table = Table(title="Shipped rule packs", show_edge=False)
    for column in ("Pack", "Version", "Perspective", "Options", "Rules", "Risk rules"):
        table.add_column(column)
    packs = [load_pack(path) for path in shipped_packs().values()]
    for pack in packs:
        table.add_row(pack.id, pack.version, pack.perspective,
                      "\n".join(pack.options), str(len(pack.rules)), str(len(pack.risk_rules)))
    out.print(table)
    if factors and packs:
        ft = Table(title="Factors", show_edge=False)
        for column in ("Factor", "Group", "Type", "Values", "Default"):
            ft.add_column(column)
        for f in packs[0].factors.values():
            values = " < ".join(f.labels) if f.kind == "level" else ", ".join(f.labels) if \
                f.labels else f"{f.minimum:g}–{f.maximum:g} {f.unit}".strip() \
                if f.minimum is not None and f.maximum is not None else f.unit
            ft.add_row(f.id, f.group, f.kind, values, str(f.default))
        out.print(ft)


def scenarios_list() -> None:
    """List the shipped scenarios."""
    from rich.table import Table

    from crossroads.loader import load_scenario
    from crossroads.report.console import console
    from crossroads.resources import shipped_scenarios

    table = Table(title="Shipped scenarios", show_edge=False)
    for column in ("Scenario", "Subject", "As of", "Pack", "Title"):
        table.add_column(column)
    for path in shipped_scenarios().values():
        s = load_scenario(path)
        table.add_row(s.id, s.subject, s.as_of.isoformat() if s.as_of else "", s.pack, s.title)
    console().print(table)


def register(groups: dict[str, typer.Typer]) -> None:
    groups["rules"].command("list")(rules_list)
    groups["scenarios"].command("list")(scenarios_list)
