"""The one place a rich Console is made, so colour and width rules live together."""

from __future__ import annotations

from rich.console import Console


def console(stderr: bool = False) -> Console:
    # Wide enough for the reasons column when piped; colour only on a real terminal.
    return Console(stderr=stderr, highlight=False, soft_wrap=False,
                   width=None if Console().is_terminal else 120)
