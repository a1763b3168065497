"""Which command lives where, so a command's module is imported only when it runs.

Typer builds a command by inspecting its function's signature, which costs a few
milliseconds per command; building all thirty on every start would cost more than the
rest of ``crossroads --help``.  :class:`LazyGroup` lists the commands from the table
below and builds (and imports) one only when it is invoked, completed or asked for help.
The summaries here are what ``crossroads --help`` shows; a test checks each one is the
first line of its command's docstring, so they cannot drift.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import typer
from typer.core import TyperArgument, TyperGroup


@dataclass(frozen=True)
class Entry:
    """One command: ``module:function`` under ``crossroads.commands``, and its summary."""

    target: str
    summary: str


@dataclass(frozen=True)
class Group:
    """A command group (``rules``, ``scenarios``, ``history``) and its commands."""

    summary: str
    commands: dict[str, Entry]


# Order here is the order in `crossroads --help`.
TOP: dict[str, Entry | Group] = {
    "wizard": Entry("wizard:wizard",
                    "Answer questions about a situation, see the ranked options, save the "
                    "scenario."),
    "score": Entry("scoring:score",
                   "Rank the pack's options for one scenario, or several side by side."),
    "explain": Entry("scoring:explain",
                     "List every contribution behind each option's score, so the numbers "
                     "add up."),
    "compare": Entry("scoring:compare",
                     "Side-by-side scores and ranks of many scenarios (files, ids or "
                     "directories)."),
    "sensitivity": Entry("robustness:sensitivity",
                         "How robust is the recommendation? Rank acceptability, drivers, "
                         "break-even values."),
    "panel": Entry("panel:panel",
                   "Combine a panel of analysts' judgements; show each view and who "
                   "dissents, and why."),
    "brief": Entry("brief:brief",
                   "Write a three-page briefing: bottom line, ranking, reasons, "
                   "risks, drivers, annex."),
    "rules": Group("List, check, lint, test and scaffold rule packs.", {
        "list": Entry("catalog:rules_list",
                      "List the shipped rule packs with their options and rule counts."),
        "validate": Entry("authoring:rules_validate",
                          "Check packs (and their test files): every problem at once, exit 2 "
                          "on any error."),
        "lint": Entry("authoring:rules_lint",
                      "Warn about dead factors, impossible or vacuous conditions, risky "
                      "likelihoods, etc."),
        "test": Entry("authoring:rules_test",
                      "Run the pack tests (YAML beside the pack); exit 1 when any fails."),
        "schema": Entry("authoring:rules_schema",
                        "Write JSON Schemas for pack, scenario and pack-test files (editor "
                        "completion)."),
        "new": Entry("authoring:rules_new",
                     "Create a minimal pack that validates, lints clean and passes its "
                     "tests."),
    }),
    "scenarios": Group("List and check scenarios.", {
        "list": Entry("catalog:scenarios_list", "List the shipped scenarios."),
        "validate": Entry("authoring:scenarios_validate",
                          "Check scenarios' structure, values and priorities against their "
                          "pack."),
    }),
    "history": Group("Browse, re-score and compare the runs recorded in the decision log.", {
        "list": Entry("history:history_list", "List recorded runs, newest first."),
        "show": Entry("history:history_show",
                      "Show one recorded run: command line, pack and digest, facts, weights, "
                      "ranking."),
        "rerun": Entry("history:history_rerun",
                       "Score a recorded run again with today's pack and say whether and why "
                       "it changed."),
        "diff": Entry("history:history_diff",
                      "Compare two recorded runs: pack, factor values, weights and ranking."),
        "export": Entry("history:history_export",
                        "Export recorded runs (oldest first) as JSON or CSV."),
    }),
}


def load_function(target: str) -> Callable[..., Any]:
    """The command function that ``module:function`` names."""
    module, function = target.split(":")
    found: Callable[..., Any] = getattr(
        importlib.import_module(f"crossroads.commands.{module}"), function)
    return found


class WrappingGroup(TyperGroup):
    """A group whose help lists each command's whole summary, wrapped, never cut short."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = [(name, self.summary(ctx, name)) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def summary(self, ctx: Any, name: str) -> str:
        command = self.get_command(ctx, name)
        return command.get_short_help_str(limit=1_000) if command is not None else ""


def _typer(**settings: Any) -> typer.Typer:
    # rich_markup_mode=None keeps help plain text, so printing it never imports rich.
    return typer.Typer(add_completion=False, rich_markup_mode=None,
                       pretty_exceptions_enable=False, **settings)


def build(name: str, item: Entry | Group) -> Any:
    """The click command (or group) for one table entry; imports its module(s)."""
    if isinstance(item, Entry):
        single = _typer()
        single.command(name)(load_function(item.target))
        return _plain_metavars(typer.main.get_command(single))
    group = _typer(cls=WrappingGroup, help=item.summary, no_args_is_help=True)
    for sub_name, entry in item.commands.items():
        group.command(sub_name)(load_function(entry.target))
    command = typer.main.get_command(group)
    command.name = name
    for sub in getattr(command, "commands", {}).values():
        _plain_metavars(sub)
    return command


class WordArgument(TyperArgument):
    """An argument shown in usage lines as its word (``SCENARIO``), where typer would
    write ``{SCENARIO}`` for a required one; optional ones keep their brackets."""

    def make_metavar(self, ctx: Any, *, usage: bool = False) -> str:
        shown = super().make_metavar(ctx, usage=usage)
        if usage and self.required and shown.startswith("{") and shown.endswith("}"):
            return shown[1:-1]
        return shown


def _plain_metavars(command: Any) -> Any:
    """Name every value in help as a word (DRAWS, SUBJECT, table|json), never as the
    Python type typer would show (``<int range>``, ``<str>``), nor in braces."""
    for param in command.params:
        if type(param) is TyperArgument:
            # typer builds its own Argument class and takes no other; this subclass only
            # changes how the usage line names the argument.
            param.__class__ = WordArgument
        if param.metavar is not None or getattr(param, "is_flag", False):
            continue
        choices = getattr(param.type, "choices", None)
        if choices:
            param.metavar = "|".join(str(c) for c in choices)
        elif param.param_type_name == "option":
            param.metavar = (param.name or "value").upper()
        else:
            many = "..." if param.nargs != 1 else ""
            param.metavar = (param.name or "value").upper().rstrip("S") + many
    return command


class LazyGroup(WrappingGroup):
    """The top-level group: commands from :data:`TOP`, each built on first use."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(TOP)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in TOP:
            self.commands[cmd_name] = build(cmd_name, TOP[cmd_name])
        return self.commands.get(cmd_name)

    def summary(self, ctx: Any, name: str) -> str:
        return TOP[name].summary  # from the table: listing commands imports none of them
