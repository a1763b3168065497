"""What the wizard prints between prompts: headings, help, the review table, notes.

Everything here is sized for a 24-line terminal: the review comes a page at a time and
the ranking shows the recommendation and the top options, the rest on request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from crossroads.core.errors import InputError
from crossroads.core.values import score_axis
from crossroads.report.terminal import bar_header as axis_header
from crossroads.report.terminal import score_bar

if TYPE_CHECKING:
    from crossroads.core.engine import Result

# Lines a review page or a ranking leaves for what surrounds it: the heading, the
# table's header and rule, the summary line, and the menu asked next (question + 3).
_AROUND_TABLE = 9
MIN_ROWS = 4
# The ranking's bar: five cells either side of the zero line, narrower than `score`'s so
# an option's title keeps room at 80 columns.
RANKING_BAR = 11
# The ranking's columns other than the option's title: rank, score, bar, benefit, risk
# and the separators between them.
_NUMBER_COLUMNS = 2 + 6 + RANKING_BAR + 7 + 5 + 5 * 3


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One answer as the review shows it; *changed* when it differs from the start."""

    group: str
    label: str
    answer: str
    changed: bool


def group_title(group: str) -> str:
    return group.replace("_", " ").replace("-", " ").strip().capitalize() or "General"


def render_heading(console: Console, group: str, count: int) -> None:
    noun = "question" if count == 1 else "questions"
    console.print()
    console.rule(Text(f"{group_title(group)} · {count} {noun}", style="bold cyan"),
                 align="left", style="cyan")


def render_help(console: Console, text: str) -> None:
    console.print(Text(text, style="cyan"))


def render_note(console: Console, text: str, style: str = "dim") -> None:
    console.print(Text(text, style=style))


def rows_per_page(console: Console, below: str = "") -> int:
    """How many one-line table rows fit on the screen with what surrounds them (and the
    text *below* the table, as wrapped)."""
    extra = len(console.render_lines(Text(below), console.options)) if below else 0
    return max(MIN_ROWS, console.height - _AROUND_TABLE - extra)


def render_review(console: Console, rows: Sequence[ReviewRow], start: str,
                  first: int = 0, count: int | None = None, weights: str = "") -> None:
    """Answers *first* to *first + count* of *rows*, one line each, changed ones
    highlighted, grouped like the questions; the numbers are the ones to type to change
    an answer."""
    count = len(rows) if count is None else count
    shown = rows[first:first + count]
    title = "Your answers" if len(shown) == len(rows) else \
        f"Your answers ({first + 1}–{first + len(shown)} of {len(rows)})"
    # Fixed widths for the number and the group, the rest shared: left to itself, rich
    # squeezes the narrow columns away first when an answer is long.
    table = Table(title=title, title_justify="left", show_edge=False, expand=True)
    table.add_column("#", justify="right", style="dim", no_wrap=True,
                     width=len(str(len(rows))))
    table.add_column("Group", style="cyan", no_wrap=True, overflow="ellipsis",
                     width=min(12, max(len(group_title(r.group)) for r in shown)))
    # One line per answer, so a page is as long as it looks; the whole answer shows
    # when it is changed.
    table.add_column("Question", ratio=3, no_wrap=True, overflow="ellipsis")
    table.add_column("Answer", ratio=2, no_wrap=True, overflow="ellipsis")
    group = None  # each page names its first group
    for number, row in enumerate(shown, first + 1):
        shown_group = group_title(row.group) if row.group != group else ""
        group = row.group
        answer = Text(row.answer, style="bold yellow" if row.changed else "")
        table.add_row(str(number), shown_group, row.label, answer)
    console.print()
    console.print(table)
    changed = sum(row.changed for row in rows)
    if changed:
        noun = "answer differs" if changed == 1 else "answers differ"
        console.print(Text(f"{changed} {noun} from {start} (highlighted).", style="dim"))
    else:
        console.print(Text(f"Every answer is as in {start}.", style="dim"))
    if weights:
        console.print(Text(weights, style="dim"))


def render_ranking(console: Console, result: Result, spare_lines: int = 0,
                   whole: bool = False) -> int:
    """The recommendation first, then as many of the top options as fit the screen
    (less *spare_lines* kept for warnings), or all of them when *whole*; returns how
    many options were left out."""
    options = result.options
    shown = len(options) if whole else max(MIN_ROWS, rows_per_page(console) - 2 - spare_lines)
    if len(options) - shown == 1:
        shown += 1  # "1 more" would take the line the option itself needs
    console.print()
    if len(options) > 1:
        margin = options[0].score - options[1].score
        console.print(Text(f"Base-case leader: {options[0].title} (margin {margin:.2f} over "
                           f"{options[1].title})", style="bold"))
    table = Table(show_edge=False, pad_edge=False, expand=False)
    table.add_column("#", justify="right", style="bold", no_wrap=True,
                     min_width=len(str(len(options))))
    # Numbers are never cut; the option's title gives way (its full title is one menu
    # choice away, in the whole ranking).
    table.add_column("Option", no_wrap=True, overflow="ellipsis",
                     max_width=max(12, min(40, console.width - _NUMBER_COLUMNS)))
    span = score_axis(result.pack)
    bar_header = axis_header(span, RANKING_BAR)
    for header, style, width in (("Score", "", 5), (bar_header, "", RANKING_BAR),
                                 ("Benefit", "green", 7), ("Risk", "red", 5)):
        table.add_column(header, justify="left" if header == bar_header else "right",
                         style=style, no_wrap=True, min_width=width)
    for option in options[:shown]:
        table.add_row(str(option.rank), option.title, f"{option.score:.2f}",
                      score_bar(option.score, span, RANKING_BAR), f"{option.benefit:.2f}",
                      f"{option.risk:.2f}")
    console.print(table)
    hidden = max(0, len(options) - shown)
    if hidden:
        console.print(Text(f"{hidden} more option{'s' * (hidden != 1)} below: "
                           "\"See the whole ranking\" shows them.", style="dim"))
    return hidden


def render_problems(console: Console, error: InputError) -> None:
    for problem in error.problems:
        console.print(Text(problem.render(), style="red"))


def render_commands(console: Console, saved: str, commands: Sequence[tuple[str, str]]) -> None:
    console.print(Text(f"Saved {saved}", style="bold green"))
    for purpose, command in commands:
        console.print(Text(purpose, style="dim"))
        # soft_wrap: a long command stays one line when copied from the terminal.
        console.print(Text(f"  {command}"), soft_wrap=True)
