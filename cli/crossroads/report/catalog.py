"""What is shipped (`rules list`, `scenarios list`): terminal tables and JSON.

Schemas: ``crossroads.packs/1`` and ``crossroads.scenarios/1``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from crossroads.core.factors import FactorKind
from crossroads.core.model import Factor, Pack, Scenario
from crossroads.report.data import plain

PACKS_SCHEMA = "crossroads.packs/1"
SCENARIOS_SCHEMA = "crossroads.scenarios/1"


def every_factor(packs: Sequence[Pack]) -> list[Factor]:
    """Packs usually share one factor catalogue: each factor once, in pack order."""
    found: dict[str, Factor] = {}
    for pack in packs:
        for f in pack.factors.values():
            found.setdefault(f.id, f)
    return list(found.values())


def factor_values(f: Factor) -> str:
    """The values a factor takes, as the table shows them."""
    if f.kind == FactorKind.LEVEL:
        return " < ".join(f.labels)
    if f.labels:
        return ", ".join(f.labels)
    if f.minimum is not None and f.maximum is not None:
        return f"{f.minimum:g}–{f.maximum:g} {f.unit}".strip()
    return f.unit


def render_packs(packs: Sequence[Pack], with_factors: bool, console: Console) -> None:
    table = Table(title="Shipped rule packs", show_edge=False)
    table.add_column("Pack", no_wrap=True)
    for column in ("Version", "Perspective", "Options", "Rules", "Risk rules"):
        table.add_column(column)
    for pack in packs:
        table.add_row(pack.id, pack.version, pack.perspective,
                      "\n".join(pack.options), str(len(pack.rules)), str(len(pack.risk_rules)))
    console.print(table)
    if with_factors and packs:
        ft = Table(title="Factors", show_edge=False)
        ft.add_column("Factor", no_wrap=True)
        for column in ("Group", "Type", "Values", "Default"):
            ft.add_column(column)
        for f in every_factor(packs):
            ft.add_row(f.id, f.group, str(f.kind), factor_values(f), str(f.default))
        console.print(ft)


def packs_to_dict(packs: Sequence[Pack], with_factors: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema": PACKS_SCHEMA,
        "packs": [
            {"id": p.id, "version": p.version, "perspective": p.perspective,
             "digest": p.digest,
             "options": [{"id": o.id, "title": o.title} for o in p.options.values()],
             "criteria": list(p.criteria), "rules": len(p.rules),
             "risk_rules": len(p.risk_rules)}
            for p in packs],
    }
    if with_factors:
        data["factors"] = [
            {"id": f.id, "group": f.group, "kind": str(f.kind), "labels": list(f.labels),
             "minimum": f.minimum, "maximum": f.maximum, "unit": f.unit,
             "default": plain(f.default)}
            for f in every_factor(packs)]
    return data


def render_scenarios(scenarios: Sequence[Scenario], console: Console) -> None:
    table = Table(title="Shipped scenarios", show_edge=False)
    # Ids are what people type: never cut or wrapped; the subject and title wrap instead.
    id_width = max((len(s.id) for s in scenarios), default=8)
    table.add_column("Scenario", no_wrap=True, min_width=id_width)
    table.add_column("Subject")
    table.add_column("As of", no_wrap=True)
    table.add_column("Pack", no_wrap=True)
    table.add_column("Title")
    for s in scenarios:
        table.add_row(s.id, s.subject, s.as_of.isoformat() if s.as_of else "", s.pack, s.title)
    console.print(table)


def scenarios_to_dict(scenarios: Sequence[Scenario]) -> dict[str, Any]:
    return {
        "schema": SCENARIOS_SCHEMA,
        "scenarios": [{"id": s.id, "title": s.title, "subject": s.subject,
                       "as_of": plain(s.as_of), "pack": s.pack} for s in scenarios],
    }
