"""Rich renderings for the terminal: ranked options with bars, explanations.

Score bars diverge from a zero line (negative scores grow left), so they read the same
with colour switched off (``NO_COLOR=1``) or on paper.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from crossroads.core.engine import Result
from crossroads.core.reasons import main_drag, top_reasons
from crossroads.core.values import risk_unit, scale_note
from crossroads.report.safe_text import safe
from crossroads.report.textbars import score_bar as text_score_bar
from crossroads.report.what_if import WHAT_IF, box_heading, changes, is_what_if

BAR_WIDTH = 21  # cells: ten either side of the zero line


def score_bar(value: float, largest: float, width: int = BAR_WIDTH) -> Text:
    """A bar from a central zero line: right for positive scores, left for negative ones
    (colour only repeats what the direction already says)."""
    if largest <= 0:
        return Text(" " * width)
    style = "green" if value >= 0 else "red"
    # An ASCII zero line: piped tables carry no box-drawing characters.
    return Text(text_score_bar(value, largest, width).replace("│", "|"), style=style)


def _title(result: Result) -> str:
    s = result.scenario
    when = f", as of {s.as_of.isoformat()}" if s.as_of else ""
    marker = f" {WHAT_IF}" if is_what_if(result) else ""
    return f"{s.title or s.id} — {s.subject}{when}{marker}"


def what_if_header(result: Result) -> Text | None:
    """Every override given and every default filled in, as the briefing's what-if box."""
    lines = changes(result)
    if not lines:
        return None
    text = Text(box_heading(result).upper() + "\n", style="bold yellow")
    for change in lines:
        text.append(f"  • {change.what} ")
        text.append(f"({change.origin})\n", style="dim")
    return text


def _subtitle(result: Result) -> str:
    return (f"pack {result.pack.id} {result.pack.version} · risk aversion "
            f"{result.risk_aversion:g}")


def _heading(result: Result) -> str:
    return f"{_title(result)}\n{_subtitle(result)}"


def score_table(result: Result) -> Table:
    table = Table(show_edge=False, pad_edge=False, expand=True)
    table.add_column("#", justify="right", style="bold")
    table.add_column("Option", style="bold", min_width=12, max_width=24)
    table.add_column("Score", justify="right")
    half = BAR_WIDTH // 2
    table.add_column("−" + "0".rjust(half) + "+".rjust(half), no_wrap=True, width=BAR_WIDTH,
                     min_width=BAR_WIDTH, max_width=BAR_WIDTH)
    table.add_column("Benefit", justify="right", style="green")
    table.add_column("Risk", justify="right", style="red")
    table.add_column("Top reason for", ratio=1, min_width=14)
    table.add_column("Main drag", ratio=1, min_width=14)
    largest = max((abs(o.score) for o in result.options), default=0.0)
    for o in result.options:
        reasons = "\n".join(top_reasons(o, count=1)) or "–"
        table.add_row(str(o.rank), o.title, f"{o.score:.2f}", score_bar(o.score, largest),
                      f"{o.benefit:.2f}", f"{o.risk:.2f}", reasons,
                      main_drag(o, result.risk_aversion) or "–")
    return table


def render_score(result: Result, console: Console) -> None:
    parts: list[Table | Text] = [score_table(result)]
    leader = result.leader
    if len(result.options) > 1:
        margin = leader.score - result.options[1].score
        parts.insert(0, Text(f"Base-case leader: {leader.title} (margin {margin:.2f} over "
                             f"{result.options[1].title})\n", style="bold"))
    header = what_if_header(result)
    if header is not None:
        parts.insert(0, header)
    console.print(Panel(Group(*parts), title=safe(_title(result)), title_align="left",
                        subtitle=safe(_subtitle(result)), subtitle_align="right"))


def render_explain(result: Result, option_ids: Sequence[str], console: Console) -> None:
    console.print(Text(_heading(result), style="bold"))
    weights = ", ".join(f"{k} {v:.3f}" for k, v in result.weights.items())
    console.print(Text(f"weights (normalised): {weights}", style="dim"))
    console.print(Text("Value = points × value per point × weight; risk = likelihood × impact "
                       f"× {risk_unit(result.pack):.4g} (one impact level of a certain event)",
                       style="dim"))
    for criterion in result.pack.criteria.values():
        console.print(Text(f"  {scale_note(criterion)}", style="dim"))
    for option in result.options:
        if option_ids and option.id not in option_ids:
            continue
        table = Table(title=f"#{option.rank} {option.title} ({option.id})", title_justify="left",
                      show_edge=False, expand=False)
        table.add_column("Rule")
        table.add_column("Criterion")
        table.add_column("Points", justify="right")
        table.add_column("× Weight", justify="right")
        table.add_column("= Value", justify="right")
        table.add_column("Because", ratio=1)
        for c in option.contributions:
            style = "yellow" if c.kind == "cap" else ""
            table.add_row(c.rule, c.criterion, f"{c.points:+.3f}", f"{c.weight:.3f}",
                          f"{c.value:+.4f}", c.because, style=style)
        table.add_row("", "", "", "benefit", f"{option.benefit:+.4f}", "", style="bold")
        for r in option.risks:
            table.add_row(
                f"risk:{r.id}", "", f"p={r.likelihood:.2f}", f"impact {r.impact}",
                f"{-result.risk_aversion * r.expected:+.4f}",
                f"{r.title} (rules: {', '.join(r.rules)})", style="red")
        table.add_row("", "", "", "score", f"{option.score:+.4f}",
                      f"= {option.benefit:.4f} − {result.risk_aversion:g} × "
                      f"{option.risk:.4f} expected risk", style="bold")
        console.print(table)
    if result.assumptions:
        console.print(Text("Assumptions:", style="bold"))
        for a in result.assumptions:
            console.print(Text(f"  {a.subject} = {a.value}  ({a.reason})", style="dim"))
