"""Every command has help text and is documented in the README; the quickstart is real."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import typer

from conftest import ROOT
from crossroads.app import app

README = (ROOT / "README.md").read_text(encoding="utf-8")


def walk(command: Any, prefix: str = "crossroads") -> Iterator[tuple[str, Any]]:
    # list_commands/get_command, not .commands: the top level builds commands lazily.
    if not hasattr(command, "list_commands"):
        return
    for name in sorted(command.list_commands(None)):
        sub = command.get_command(None, name)
        path = f"{prefix} {name}"
        yield path, sub
        yield from walk(sub, path)


def test_every_command_has_help_and_is_in_the_readme() -> None:
    commands = list(walk(typer.main.get_command(app)))
    assert len(commands) >= 6
    for path, command in commands:
        assert (command.help or "").strip(), f"{path} has no help text"
        assert f"`{path}" in README or f"{path} " in README, f"{path} is not in README.md"


def test_quickstart_has_exactly_two_commands() -> None:
    section = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    lines = [line for line in block.strip().splitlines() if line.strip()]
    assert len(lines) == 2
    assert "crossroads score" in lines[0]
    assert lines[1].strip() == "python -m pytest"
