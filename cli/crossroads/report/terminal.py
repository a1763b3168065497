"""Rich renderings for the terminal: ranked options with bars, explanations.

Score bars diverge from a zero line (negative scores grow left), so they read the same
with colour switched off (``NO_COLOR=1``) or on paper.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from crossroads.core.engine import OptionResult, Result
from crossroads.core.reasons import main_drag, top_reasons
from crossroads.core.values import method_note, scale_note, score_axis
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


# Below this many cells the reasons go under each option instead of in two columns of
# their own: squeezed beside the numbers they wrapped to a few characters a line.
WIDE_SCORE = 150
NARROW_BAR = 11  # the bar under 80 cells, so a title keeps room beside the numbers


def bar_header(span: float, width: int) -> str:
    """The bar column's axis: "−10", "0" and "+10" over its left end, zero and right end."""
    low, high = f"−{span:g}", f"+{span:g}"
    middle = width // 2
    left = (low + " " * width)[:middle]
    right = (" " * width + high)[-(width - middle - 1):]
    return left + "0" + right


def score_table(result: Result, bar_width: int = BAR_WIDTH) -> Table:
    """Every option in one row with its top reason and main drag in columns (wide)."""
    span = score_axis(result.pack)
    table = Table(show_edge=False, pad_edge=False, expand=True)
    table.add_column("#", justify="right", style="bold", no_wrap=True)
    table.add_column("Option", style="bold", min_width=12, max_width=24)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column(bar_header(span, bar_width), no_wrap=True, width=bar_width)
    table.add_column("Benefit", justify="right", style="green", no_wrap=True)
    table.add_column("Risk", justify="right", style="red", no_wrap=True)
    table.add_column("Top reason for", ratio=1, min_width=14)
    table.add_column("Main drag", ratio=1, min_width=14)
    for o in result.options:
        table.add_row(str(o.rank), o.title, f"{o.score:.2f}", score_bar(o.score, span, bar_width),
                      f"{o.benefit:.2f}", f"{o.risk:.2f}", top_reason_text(o),
                      main_drag(o, result.risk_aversion) or "–")
    return table


def top_reason_text(option: OptionResult) -> str:
    return "\n".join(top_reasons(option, count=1)) or "–"


def stacked_score(result: Result, width: int) -> Group:
    """Narrower terminals: one line of numbers per option (its title wraps beside them),
    then its top reason and main drag on their own lines, indented under it.  Every
    number and id is whole at 60 cells and up."""
    span = score_axis(result.pack)
    bar_width = BAR_WIDTH if width >= 80 else NARROW_BAR
    rank_width = max(len(str(o.rank)) for o in result.options)
    score_width = max(5, *(len(f"{o.score:.2f}") for o in result.options))
    risk_width = max(4, *(len(f"{o.risk:.2f}") for o in result.options))
    benefit_width = max(7, *(len(f"{o.benefit:.2f}") for o in result.options))

    numbers = rank_width + score_width + bar_width + benefit_width + risk_width + 5
    # The title wraps beside the numbers; no wider than the longest title, so the numbers
    # stay near the names on a wide terminal.
    title_width = max(12, min(max(cell_len(o.title) for o in result.options), 44,
                              width - numbers))

    def line() -> Table:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", width=rank_width, no_wrap=True)
        grid.add_column(width=title_width, overflow="fold")
        grid.add_column(justify="right", width=score_width, no_wrap=True)
        grid.add_column(width=bar_width, no_wrap=True)
        grid.add_column(justify="right", width=benefit_width, no_wrap=True)
        grid.add_column(justify="right", width=risk_width, no_wrap=True)
        return grid

    head = line()
    head.add_row(*(Text(h, style="bold") for h in (
        "#", "Option", "Score", bar_header(span, bar_width), "Benefit", "Risk")))
    rows: list[Any] = [head]
    indent = rank_width + 1
    for o in result.options:
        row = line()
        row.add_row(Text(str(o.rank), style="bold"), Text(o.title, style="bold"),
                    f"{o.score:.2f}", score_bar(o.score, span, bar_width),
                    Text(f"{o.benefit:.2f}", style="green"), Text(f"{o.risk:.2f}", style="red"))
        rows.append(row)
        for label, text in (("for:  ", top_reason_text(o)),
                            ("drag: ", main_drag(o, result.risk_aversion) or "–")):
            reason = Table.grid(expand=True)
            reason.add_column(width=len(label), no_wrap=True)
            reason.add_column(ratio=1, overflow="fold")
            reason.add_row(Text(label, style="dim"), text)
            rows.append(Padding(reason, (0, 0, 0, indent)))
    return Group(*rows)


def render_score(result: Result, console: Console) -> None:
    inner = console.width - 4 if console.is_terminal else console.width  # a panel's border
    parts: list[Any] = [score_table(result) if inner >= WIDE_SCORE
                        else stacked_score(result, inner)]
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


WIDE_EXPLAIN = 130  # below this, each line's reason goes under its numbers


def render_explain(result: Result, option_ids: Sequence[str], console: Console) -> None:
    console.print(Text(_heading(result), style="bold"))
    weights = ", ".join(f"{k} {v:.3f}" for k, v in result.weights.items())
    console.print(Text(f"weights (normalised): {weights}", style="dim"))
    console.print(Text(method_note(result.pack), style="dim"))
    for criterion in result.pack.criteria.values():
        console.print(Padding(Text(scale_note(criterion), style="dim"), (0, 0, 0, 2)))
    wide = console.width >= WIDE_EXPLAIN
    for option in result.options:
        if option_ids and option.id not in option_ids:
            continue
        title = f"#{option.rank} {option.title} ({option.id})"
        if wide:
            console.print(_explain_table(result, option, title))
        else:
            console.print()
            console.print(Text(title, style="bold"))
            console.print(_explain_lines(result, option))
    if result.assumptions:
        console.print(Text("Assumptions:", style="bold"))
        for a in result.assumptions:
            console.print(Text(f"  {a.subject} = {a.value}  ({a.reason})", style="dim"))


def _explain_table(result: Result, option: OptionResult, title: str) -> Table:
    """Wide terminals: one row per line, the ids whole, the reason wrapping beside."""
    table = Table(title=title, title_justify="left", show_edge=False, expand=False)
    table.add_column("Rule", no_wrap=True)
    table.add_column("Criterion", no_wrap=True)
    table.add_column("Points", justify="right", no_wrap=True)
    table.add_column("× Weight", justify="right", no_wrap=True)
    table.add_column("= Value", justify="right", no_wrap=True)
    table.add_column("Because", ratio=1, min_width=30)
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
    return table


def _explain_lines(result: Result, option: OptionResult) -> Table:
    """Narrower terminals: the value first, then what makes it (words wrap at spaces, so
    an id moves to the next line whole), the reason on the lines below."""
    values = [*(c.value for c in option.contributions), option.benefit, option.score,
              *(-result.risk_aversion * r.expected for r in option.risks)]
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True,
                    min_width=max(len(f"{v:+.4f}") for v in values))
    grid.add_column(overflow="fold")
    for c in option.contributions:
        what = Text(f"{c.points:+.3f} × {c.weight:.3f}  {c.rule} ({c.criterion})",
                    style="yellow" if c.kind == "cap" else "")
        what.append(f"\n{c.because}", style="dim")
        grid.add_row(f"{c.value:+.4f}", what)
    grid.add_row(Text(f"{option.benefit:+.4f}", style="bold"), Text("benefit", style="bold"))
    for r in option.risks:
        what = Text(f"risk:{r.id}  p={r.likelihood:.2f} × impact {r.impact}", style="red")
        what.append(f"\n{r.title} (rules: {', '.join(r.rules)})", style="dim")
        grid.add_row(Text(f"{-result.risk_aversion * r.expected:+.4f}", style="red"), what)
    grid.add_row(Text(f"{option.score:+.4f}", style="bold"),
                 Text(f"score = {option.benefit:.4f} − {result.risk_aversion:g} × "
                      f"{option.risk:.4f} expected risk", style="bold"))
    return grid
