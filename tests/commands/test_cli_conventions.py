"""One option vocabulary and one look: help texts, --quiet, stdin, logging, piped output."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, Run
from crossroads.commands.registry import TOP, Entry, Group, load_function

SCENARIO = ROOT / "scenarios" / "kazakhstan-2025.yaml"


def every_command() -> list[tuple[list[str], Entry]]:
    found: list[tuple[list[str], Entry]] = []
    for name, item in TOP.items():
        if isinstance(item, Group):
            found += [([name, sub], entry) for sub, entry in item.commands.items()]
        else:
            found.append(([name], item))
    return found


@pytest.mark.parametrize("path", [[]] + [p for p, _ in every_command()] +
                         [[n] for n, i in TOP.items() if isinstance(i, Group)],
                         ids=lambda p: " ".join(p) or "crossroads")
def test_every_help_is_complete_and_shows_no_internals(cli: Callable[..., Run],
                                                       path: list[str]) -> None:
    done = cli(*path, "--help")
    assert done.code == 0
    # No Python types or parameter names leak into what the analyst reads.
    assert not re.search(r"<(str|int|float|path|list)|list\[|\{[a-z_]+\}", done.out), done.out
    # Summaries wrap; click's "..." truncation never appears (only after a value's word).
    assert "..." not in re.sub(r"[A-Z\]]\.\.\.", "", done.out)
    # Arguments are words in the usage line: SCENARIO, not {SCENARIO}.
    usage = done.out.splitlines()[0]
    assert "{" not in usage and "}" not in usage, usage


def test_table_summaries_are_the_commands_docstrings() -> None:
    for path, entry in every_command():
        doc = (load_function(entry.target).__doc__ or "").strip().splitlines()[0]
        assert entry.summary == doc, " ".join(path)


def test_top_level_help_imports_no_command_module(cli: Callable[..., Run]) -> None:
    import sys

    for name in [m for m in sys.modules if m.startswith("crossroads.commands.")]:
        if name not in ("crossroads.commands.registry",):
            del sys.modules[name]
    done = cli("--help")
    assert "rules" in done.out and "history" in done.out
    assert "crossroads.commands.scoring" not in sys.modules


def test_completion_is_offered(cli: Callable[..., Run]) -> None:
    assert "--install-completion" in cli("--help").out


def test_a_scenario_from_standard_input(cli: Callable[..., Run],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(SCENARIO.read_bytes())))
    # Read from the stream itself (a pipe is not a regular file; /dev/stdin was refused).
    from crossroads.commands import common

    _, scenario = common.load_inputs("-", None, None, None, None)
    assert scenario.id == "kazakhstan-2025"


def test_quiet_drops_warnings_but_not_results(cli: Callable[..., Run], write: Callable[
        [str, str], Path]) -> None:
    loud = cli("score", "kazakhstan-2025", "--set", "trade_share_russia=0.9", "--no-log")
    quiet = cli("score", "kazakhstan-2025", "--set", "trade_share_russia=0.9", "--no-log",
                "-q")
    assert loud.code == quiet.code == 0
    assert loud.err.strip() and not quiet.err.strip()
    assert quiet.out == loud.out


def test_explain_records_a_run_unless_told_not_to(cli: Callable[..., Run],
                                                  tmp_path: Path) -> None:
    log = tmp_path / "log.sqlite3"
    assert cli("explain", "kazakhstan-2025", "--log", log, "-f", "json").code == 0
    assert cli("explain", "kazakhstan-2025", "--log", log, "--no-log").code == 0
    listed = cli("history", "list", "--log", log, "-f", "json")
    assert listed.out.count('"command": "explain"') == 1


def test_piped_tables_have_no_box_drawing_and_ids_are_never_cut(
        cli: Callable[..., Run]) -> None:
    score = cli("score", "kazakhstan-2025", "--no-log")
    assert not set("┃━╇│╭╰") & set(score.out)
    listed = cli("scenarios", "list")
    assert "kazakhstan-2025-cpc-shutdown " in listed.out
    assert "…" not in listed.out


def test_a_share_given_as_a_percentage_gets_a_hint(cli: Callable[..., Run]) -> None:
    done = cli("score", "kazakhstan-2025", "--set", "trade_share_russia=25", "--no-log")
    assert done.code == 2
    assert "write 25% or 0.25" in done.err
