"""The main tables at 60, 80, 100 and 200 columns, piped (issue 21): no number or id is
cut, nothing is wider than the terminal, and no line is blank padding."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from rich.console import Console

from conftest import Run
from crossroads.io.lookup import find_pack, find_scenario
from crossroads.report.terminal import render_explain, render_score

WIDTHS = (60, 80, 100, 200)
SCENARIOS = ("kazakhstan-2025", "uzbekistan-2025-migrant-expulsions", "kyrgyzstan-2025",
             "tajikistan-2025", "turkmenistan-2025")
# A number as the tables print it: a sign, digits, a decimal point and exactly two or more
# decimals (4.16, -0.25, +0.6000), or a percentage.
NUMBER = re.compile(r"(?<![\w.])[-+]?\d+\.\d{2,}(?![\w])|(?<![\w.])[<>]?\d+(?:\.\d)?%")


@pytest.fixture(params=WIDTHS)
def width(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("COLUMNS", str(request.param))
    return int(request.param)


def _check(run: Run, width: int, ids: list[str], numbers: list[str]) -> list[str]:
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    too_wide = [line for line in lines if len(line) > width]
    assert not too_wide, too_wide
    # "no … yes" is a range; "Econo…" is a cut word.
    assert not re.search(r"\w…", run.out), "something was cut to fit"
    # Padding: a line of blanks, a trailing blank, or blank lines one after another.
    assert all(line == line.rstrip() for line in lines)
    assert "\n\n\n" not in run.out
    words = {w for line in lines for w in line.split()}
    missing = [i for i in ids if i not in words and f"({i})" not in words]
    assert not missing, f"ids cut or broken: {missing}\n{run.out}"
    found = NUMBER.findall(run.out)
    lost = [n for n in numbers if n not in found]
    assert not lost, f"numbers cut or broken: {lost}\n{run.out}"
    return lines


def test_score_keeps_every_number_and_reason_whole(cli: Callable[..., Run], width: int) -> None:
    scenario = find_scenario("kazakhstan-2025")
    from crossroads.core.engine import score

    result = score(find_pack(scenario=scenario), scenario)
    numbers = [f"{v:.2f}" for o in result.options for v in (o.score, o.benefit, o.risk)]
    run = cli("score", "kazakhstan-2025", "--no-log")
    lines = _check(run, width, [], numbers)
    # The reasons are there at every width, never dropped for room.
    flat = " ".join(" ".join(lines).split())
    assert "The more of its oil crosses Russia" in flat
    assert "Political backlash from Moscow" in flat
    # 44 lines or fewer even at 60 columns (73, mostly blank padding, before issue 21).
    assert len(lines) <= 50


def test_score_puts_the_reasons_under_each_option_below_150_columns(
        cli: Callable[..., Run], width: int) -> None:
    out = cli("score", "kazakhstan-2025", "--no-log").out
    stacked = "for:" in out and "drag:" in out
    assert stacked == (width < 150)
    if not stacked:
        assert "Top reason for" in out and "Main drag" in out


def test_compare_keeps_ids_and_numbers_whole(cli: Callable[..., Run], width: int) -> None:
    run = cli("compare", *SCENARIOS, "--no-log", "--format", "json")
    import json

    data = json.loads(run.out)
    numbers = [f"{s['margin']:.2f}" for s in data["scenarios"]]
    shown = cli("compare", *SCENARIOS, "--no-log")
    _check(shown, width, list(SCENARIOS), numbers)


def test_compare_says_why_it_lists_one_scenario_a_line(cli: Callable[..., Run],
                                                       width: int) -> None:
    six = [*SCENARIOS, "uzbekistan-2025-government"]
    out = cli("compare", *six, "--no-log").out
    if "Base-case leader by scenario" in out:
        assert f"do not fit side by side in {width} columns" in out
    else:
        assert "Side-by-side scores" in out


def test_explain_keeps_rule_ids_and_values_whole(cli: Callable[..., Run], width: int) -> None:
    scenario = find_scenario("kazakhstan-2025")
    from crossroads.core.engine import score

    result = score(find_pack(scenario=scenario), scenario)
    option = result.option("economic-partnerships")
    ids = [c.rule for c in option.contributions] + [f"risk:{r.id}" for r in option.risks]
    numbers = [f"{c.value:+.4f}" for c in option.contributions] + [f"{option.score:+.4f}"]
    run = cli("explain", "kazakhstan-2025", "economic-partnerships", "--no-log")
    _check(run, width, ids, numbers)
    assert "value units" not in run.out and "Dirichlet" not in run.out


def test_sensitivity_keeps_shares_and_margins_whole(cli: Callable[..., Run],
                                                    width: int) -> None:
    import json

    data = json.loads(cli("sensitivity", "kazakhstan-2025", "--draws", "300", "--no-log",
                          "--format", "json").out)
    run = cli("sensitivity", "kazakhstan-2025", "--draws", "300", "--no-log")
    margins = [f"{d['margin_low']:+.2f}" for d in data["one_way"]][:5]
    _check(run, width, [], margins)
    assert "Dirichlet" not in run.out and "concentration" not in run.out
    assert "typically moves by" in run.out


@pytest.mark.parametrize("columns", [60, 80])
def test_score_on_a_terminal_fits_inside_its_panel(columns: int) -> None:
    scenario = find_scenario("kazakhstan-2025")
    from crossroads.core.engine import score

    result = score(find_pack(scenario=scenario), scenario)
    screen = Console(width=columns, file=io.StringIO(), force_terminal=True, color_system=None)
    render_score(result, screen)
    render_explain(result, ["economic-partnerships"], screen)
    out = screen.file.getvalue()  # type: ignore[attr-defined]
    assert max(len(line) for line in out.splitlines()) <= columns
    assert "…" not in out
    assert f"{result.options[0].score:.2f}" in out and "economic-oil-transit" in out


def test_score_bars_share_one_axis_across_runs(cli: Callable[..., Run],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A what-if whose leader scores lower draws a shorter bar than the baseline's."""
    monkeypatch.setenv("COLUMNS", "120")

    def leader_bar(*extra: str) -> int:
        out = cli("score", "kazakhstan-2025", "--no-log", *extra).out
        first = next(line for line in out.splitlines() if line.startswith("1 "))
        return first.count("█")

    assert leader_bar() > leader_bar("--set", "oil_exports_via_russia=0.1") > 0


def test_history_list_tells_what_ifs_apart(cli: Callable[..., Run],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    assert cli("score", "kazakhstan-2025").code == 0
    assert cli("score", "kazakhstan-2025", "--set", "russian_pressure=severe").code == 0
    assert cli("score", "kazakhstan-2025", "-w", "economic-ties=5", "-r", "2").code == 0
    out = cli("history", "list").out
    assert "What-if" in out
    # Each change in the last column, words whole (the column wraps between them).
    assert re.search(r"russian_pressure:\n.* severe\n", out)
    assert "economic-ties: 5;" in out and "risk aversion: 2" in out
    rows = [line for line in out.splitlines() if line[:8].strip() and line[0] != "R"]
    assert sum(line.rstrip().endswith("–") for line in rows) == 1  # the plain run
