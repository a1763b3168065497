"""Command-line overrides are explicit: what a flag replaces is recorded, never lost."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from conftest import DATA, Run
from crossroads import load_pack, load_scenario
from crossroads.io.overrides import with_command_line

AHP = DATA / "robust-scenarios" / "ahp.yaml"
PACK = DATA / "robust-pack"


def test_weights_over_pairwise_judgements_drop_them_and_say_so(cli: Callable[..., Run]) -> None:
    run = cli("score", AHP, "--pack", PACK, "--weights", "c1=3", "--format", "json")
    assert run.code == 0, run.err
    assumptions = json.loads(run.out)["assumptions"]
    dropped = [a for a in assumptions if a["subject"] == "pairwise"]
    assert len(dropped) == 1
    assert "3 pairwise judgements dropped" in dropped[0]["reason"]


def test_a_run_whose_judgements_were_overridden_reruns(cli: Callable[..., Run]) -> None:
    assert cli("score", AHP, "--pack", PACK, "--weights", "c1=3").code == 0
    listed: list[dict[str, Any]] = json.loads(cli("history", "list", "--format", "json").out)[
        "runs"]
    rerun = cli("history", "rerun", listed[0]["id"][:8])
    assert rerun.code == 0, rerun.err
    assert "not both" not in rerun.err


def test_every_override_is_listed_on_the_scenario_even_an_unchanged_value() -> None:
    pack = load_pack(PACK)
    scenario = load_scenario(AHP)
    same = scenario.factors["x"].value
    changed = with_command_line(pack, scenario, sets=[f"x={same}"], weights=["c1=3"],
                                risk_aversion=2.0)
    origins = [o.origin for o in changed.overrides]
    assert origins == [f"--set x={same}", "--weights c1=3", "--weights", "--risk-aversion 2"]
    assert changed.judgements == ()


def test_restating_the_files_value_keeps_its_source_and_citations() -> None:
    from crossroads.io.lookup import find_pack, find_scenario

    scenario = find_scenario("kazakhstan-2025")
    pack = find_pack(scenario=scenario)
    before = scenario.factors["trade_share_russia"]
    changed = with_command_line(pack, scenario, sets=["trade_share_russia=18.6%",
                                                      "trade_share_china=0.25"])
    kept = changed.factors["trade_share_russia"]
    assert (kept.value, kept.source, kept.source_kind, kept.cites) == (
        before.value, before.source, before.source_kind, before.cites)
    assert kept.cites == ("astanatimes-2024-trade-partners",)
    # A new value is the analyst's, from the command line, citing nothing.
    new = changed.factors["trade_share_china"]
    assert (new.value, new.source, new.cites) == (0.25, "command line", ())
    # Both are still what-if changes the reports list.
    assert [o.subject for o in changed.overrides] == ["trade_share_russia",
                                                      "trade_share_china"]
