"""Command-line overrides are explicit: what a flag replaces is recorded, never lost."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from conftest import DATA, Run
from crossroads import load_pack, load_scenario, with_overrides

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
    changed = with_overrides(pack, scenario, sets=[f"x={same}"], weights=["c1=3"],
                             risk_aversion=2.0)
    origins = [o.origin for o in changed.overrides]
    assert origins == [f"--set x={same}", "--weights c1=3", "--weights", "--risk-aversion 2"]
    assert changed.judgements == ()
