"""The panel's weights without names, for a Delphi round: what each analyst is shown
before they revise (``crossroads panel --spread``, ``crossroads.panel-spread/1``)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from crossroads.report.panel_members import criterion_title, markdown_cell
from crossroads.report.safe_text import safe, visible
from crossroads.services.panel import PanelAnalysis
from crossroads.services.panel_rounds import Spread, weight_spread


def _share(share: float) -> str:
    return f"{share:.0%}"



def spread_to_dict(spread: tuple[Spread, ...]) -> list[dict[str, Any]]:
    return [{"criterion": s.criterion, "low": s.low, "median": s.median, "high": s.high,
             "panel": s.panel} for s in spread]


def render_spread(analysis: PanelAnalysis, console: Console) -> None:
    """The anonymised spread of weights, to circulate before a Delphi round."""
    console.print(safe(f"{analysis.group.scenario.title}: the panel's weights, without "
                       f"names ({len(analysis.members)} analysts)", "bold"))
    table = Table(show_edge=False)
    table.add_column("Criterion", overflow="fold")
    for heading in ("Lowest", "Median", "Highest", "Combined"):
        table.add_column(heading, justify="right", no_wrap=True)
    for s in weight_spread(analysis):
        table.add_row(Text(visible(criterion_title(analysis, s.criterion))), _share(s.low),
                      _share(s.median), _share(s.high), _share(s.panel))
    console.print(table)
    console.print(safe("Revise your own judgement file if this changes your view, then run "
                       "the panel again with --previous pointing at this round."))


def spread_json(analysis: PanelAnalysis) -> dict[str, Any]:
    return {"schema": "crossroads.panel-spread/1", "scenario": analysis.group.scenario.id,
            "analysts": len(analysis.members),
            "spread": spread_to_dict(weight_spread(analysis))}


def spread_markdown(analysis: PanelAnalysis) -> str:
    out = ["| Criterion | Lowest | Median | Highest | Combined |", "|---|---:|---:|---:|---:|"]
    out += [f"| {markdown_cell(criterion_title(analysis, s.criterion))} | {_share(s.low)} | "
            f"{_share(s.median)} | {_share(s.high)} | {_share(s.panel)} |"
            for s in weight_spread(analysis)]
    return "\n".join(out) + "\n"
