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
from crossroads.report.fit import fit, id_column, text_column

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
    id_column(table, "Pack", (p.id for p in packs))
    table.add_column("Version", no_wrap=True)
    text_column(table, "Perspective", ratio=1)
    id_column(table, "Options", (o for p in packs for o in p.options))
    table.add_column("Rules", justify="right", no_wrap=True)
    table.add_column("Risk rules", justify="right", no_wrap=True)
    for pack in packs:
        table.add_row(pack.id, pack.version, pack.perspective,
                      "\n".join(pack.options), str(len(pack.rules)), str(len(pack.risk_rules)))
    console.print(fit(table, console.width, ("Risk rules", "Rules", "Version")))
    if with_factors and packs:
        factors = every_factor(packs)
        ft = Table(title="Factors", show_edge=False)
        id_column(ft, "Factor", (f.id for f in factors))
        for column in ("Group", "Type", "Values", "Default"):
            text_column(ft, column, min_width=8)
        for f in factors:
            ft.add_row(f.id, f.group, str(f.kind), factor_values(f), str(f.default))
        console.print(fit(ft, console.width, ("Group", "Default")))


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
    id_column(table, "Scenario", (s.id for s in scenarios))
    text_column(table, "Subject", min_width=10)
    table.add_column("As of", no_wrap=True)
    id_column(table, "Pack", (s.pack or "" for s in scenarios))
    text_column(table, "Title", ratio=1)
    for s in scenarios:
        table.add_row(s.id, s.subject, s.as_of.isoformat() if s.as_of else "", s.pack, s.title)
    console.print(fit(table, console.width, ("Subject", "Pack", "As of")))


def scenarios_to_dict(scenarios: Sequence[Scenario]) -> dict[str, Any]:
    return {
        "schema": SCENARIOS_SCHEMA,
        "scenarios": [{"id": s.id, "title": s.title, "subject": s.subject,
                       "as_of": plain(s.as_of), "pack": s.pack} for s in scenarios],
    }
