"""What the wizard prints between prompts: headings, help, the review table, notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table
from rich.text import Text

from crossroads.core.errors import InputError


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


def render_review(console: Console, rows: Sequence[ReviewRow], start: str) -> None:
    """All answers in one table, changed ones highlighted, grouped like the questions."""
    table = Table(title="Your answers", title_justify="left", show_edge=False, expand=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("Group", style="cyan", no_wrap=True)
    table.add_column("Question", ratio=2)
    table.add_column("Answer", ratio=1)
    group = None
    for number, row in enumerate(rows, 1):
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


def render_problems(console: Console, error: InputError) -> None:
    for problem in error.problems:
        console.print(Text(problem.render(), style="red"))


def render_commands(console: Console, saved: str, commands: Sequence[tuple[str, str]]) -> None:
    console.print(Text(f"Saved {saved}", style="bold green"))
    for purpose, command in commands:
        console.print(Text(purpose, style="dim"))
        # soft_wrap: a long command stays one line when copied from the terminal.
        console.print(Text(f"  {command}"), soft_wrap=True)
