"""Ids are never cut or broken in a table, at 80 or 120 columns (issue 14): titles wrap,
and a narrow terminal loses the columns another command repeats before an id."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from rich.console import Console

from conftest import Run
from crossroads.io.lookup import find_pack
from crossroads.io.resources import shipped_packs, shipped_scenarios

LONG = ("kazakhstan-2025", "uzbekistan-2025-migrant-expulsions", "kazakhstan-2025-cpc-shutdown",
        "uzbekistan-2025-government")


def _words(text: str) -> set[str]:
    return {w for line in text.splitlines() for w in line.replace("│", " ").split()}


def _check(run: Run, width: int, ids: tuple[str, ...] | list[str]) -> None:
    assert run.code == 0, run.err
    assert max(len(line.rstrip()) for line in run.out.splitlines()) <= width
    words = _words(run.out)
    missing = [i for i in ids if i not in words]
    assert not missing, f"ids cut or broken: {missing}\n{run.out}"
    assert "…" not in run.out


@pytest.fixture(params=[80, 120])
def width(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("COLUMNS", str(request.param))
    return int(request.param)


def test_history_list_keeps_run_and_scenario_ids_whole(cli: Callable[..., Run],
                                                        width: int) -> None:
    for scenario in LONG:
        assert cli("score", scenario).code == 0
    listed = cli("history", "list")
    _check(listed, width, list(LONG))
    assert "economic-pa" not in listed.out  # the leader shows as its title, wrapped
    assert "Economic" in listed.out


def test_scenarios_and_rules_lists_keep_ids_whole(cli: Callable[..., Run], width: int) -> None:
    _check(cli("scenarios", "list"), width, list(shipped_scenarios()))
    options = [o for p in shipped_packs() for o in find_pack(p).options]
    _check(cli("rules", "list"), width, [*shipped_packs(), *options])


def test_compare_keeps_scenario_ids_whole(cli: Callable[..., Run], width: int) -> None:
    _check(cli("compare", *LONG, "--no-log"), width, list(LONG))


@pytest.mark.parametrize("columns", [80, 120])
def test_sensitivity_wraps_option_titles_instead_of_cutting_them(columns: int) -> None:
    # On a terminal (box drawing, a panel) where the cutting happened: drawn directly.
    from crossroads.io.lookup import find_scenario
    from crossroads.report.sensitivity import render_sensitivity
    from crossroads.robustness.analysis import analyse

    scenario = find_scenario("kazakhstan-2025")
    result = analyse(find_pack(scenario=scenario), scenario, 300, 1)
    screen = Console(width=columns, file=io.StringIO(), force_terminal=True, color_system=None)
    render_sensitivity(result, screen)
    out = screen.file.getvalue()  # type: ignore[attr-defined]
    table = out.split("Rank acceptability")[1].split("Sources of")[0]
    assert "…" not in table
    assert "Economic partnerships" in table and "Targeted sanctions" in table
    assert max(len(line) for line in out.splitlines()) <= columns
