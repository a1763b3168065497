"""docs/how-to/sensitivity.md shows what the commands print, so its numbers cannot go stale.

Each ```console block that opens with ``$ crossroads …`` is run at 100 columns (the
width the page is laid out for); the block's lines must be the command's output, in
order, a ``…`` line skipping any number of lines.  The figures the prose quotes from
those runs are checked against the same output.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from functools import cache

import pytest

from conftest import ROOT, Run

PAGE = ROOT / "docs" / "how-to" / "sensitivity.md"
BLOCK = re.compile(r"^```console\n\$ crossroads (.*?)\n(.*?)^```", re.M | re.S)
SKIP = "…"


def blocks() -> list[tuple[str, list[str]]]:
    found = BLOCK.findall(PAGE.read_text(encoding="utf-8"))
    return [(command, body.splitlines()) for command, body in found]


def is_excerpt(expected: list[str], actual: list[str]) -> bool:
    """Whether *expected* is *actual* with each ``…`` line standing for skipped lines."""
    segments: list[list[str]] = [[]]
    for line in expected:
        if line.strip() == SKIP:
            segments.append([])
        else:
            segments[-1].append(line.rstrip())
    at = 0
    for index, segment in enumerate(segments):
        if not segment:
            continue
        starts = [at] if index == 0 else range(at, len(actual) - len(segment) + 1)
        at = next((s + len(segment) for s in starts
                   if actual[s:s + len(segment)] == segment), -1)
        if at < 0:
            return False
    return True


@pytest.fixture
def run(cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> Callable[[str], str]:
    monkeypatch.setenv("COLUMNS", "100")

    @cache
    def output(command: str) -> str:
        result = cli(*shlex.split(command), "--no-log")
        assert result.code == 0, result.err
        return result.out

    return output


def test_the_excerpt_check_skips_only_where_the_page_says() -> None:
    actual = ["a", "b", "c", "d"]
    assert is_excerpt(["a", "b", SKIP, "d"], actual)
    assert is_excerpt(["a", SKIP, "c"], actual)
    assert not is_excerpt(["b", "c"], actual)  # the first line is the first printed
    assert not is_excerpt(["a", SKIP, "d", "c"], actual)


def test_every_console_example_is_what_the_command_prints(
        run: Callable[[str], str]) -> None:
    examples = blocks()
    assert len(examples) >= 2, "the page lost its examples"
    for command, expected in examples:
        actual = [line.rstrip() for line in run(command).splitlines()]
        assert is_excerpt(expected, actual), (
            f"`crossroads {command}` no longer prints what {PAGE.name} shows; paste its "
            "output (COLUMNS=100) into the page:\n" + "\n".join(actual))


def test_the_figures_the_prose_quotes_are_the_commands(run: Callable[[str], str]) -> None:
    text = PAGE.read_text(encoding="utf-8")
    uzbekistan = " ".join(run("sensitivity uzbekistan-2025").split())
    first = re.search(r"\*\*Recommend … \((first in \d+% of draws)\)\*\*", text)
    stated = re.search(r"declared uncertainties only\): (\d+\.\d%) here", text)
    assert first and stated
    assert first.group(1) in uzbekistan
    assert f"alternative routes first in {stated.group(1)} of draws" in uzbekistan
    quoted = re.search(r"For uzbekistan-2025 the same section reads \"… (.*?) …; (.*?)\" and "
                       r"names\s+as not valued \"(.*?)\"", text, re.S)
    assert quoted
    for part in quoted.groups():
        assert " ".join(part.split()) in uzbekistan, part
