"""`crossroads rules list` and `crossroads scenarios list`: what is shipped."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from crossroads.core.model import Factor


def rules_list(
    factors: Annotated[bool, typer.Option("--factors", help="List the factors too.")] = False,
) -> None:
    """List the shipped rule packs with their options and rule counts."""
    from rich.table import Table

    from crossroads.io.loader import load_pack
    from crossroads.io.resources import shipped_packs
    from crossroads.report.console import console

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
        # Packs usually share one factor catalogue; list each factor once, in pack order.
        every: dict[str, Factor] = {}
        for pack in packs:
            for f in pack.factors.values():
                every.setdefault(f.id, f)
        for f in every.values():
            ft.add_row(f.id, f.group, f.kind, _values(f), str(f.default))
        out.print(ft)


def _values(f: Factor) -> str:
    """The values a factor takes, as the table shows them."""
    if f.kind == "level":
        return " < ".join(f.labels)
    if f.labels:
        return ", ".join(f.labels)
    if f.minimum is not None and f.maximum is not None:
        return f"{f.minimum:g}–{f.maximum:g} {f.unit}".strip()
    return f.unit


def scenarios_list() -> None:
    """List the shipped scenarios."""
    from rich.table import Table

    from crossroads.io.resources import shipped_scenarios
    from crossroads.io.scenario_file import load_scenario
    from crossroads.report.console import console

    table = Table(title="Shipped scenarios", show_edge=False)
    scenarios = [load_scenario(path) for path in shipped_scenarios().values()]
    # Ids are what people type: never cut or wrapped; the subject and title wrap instead.
    id_width = max((len(s.id) for s in scenarios), default=8)
    table.add_column("Scenario", no_wrap=True, min_width=id_width)
    table.add_column("Subject")
    table.add_column("As of", no_wrap=True)
    table.add_column("Pack", no_wrap=True)
    table.add_column("Title")
    for s in scenarios:
        table.add_row(s.id, s.subject, s.as_of.isoformat() if s.as_of else "", s.pack, s.title)
    console().print(table)

