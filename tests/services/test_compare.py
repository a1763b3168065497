"""`crossroads compare`: side-by-side scores and ranks of many scenarios."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import DATA, ROOT, Run
from crossroads.core.engine import score
from crossroads.io.loader import load_pack
from crossroads.io.scenario_file import load_scenario
from crossroads.services.compare import compare

SCENARIOS = ROOT / "scenarios"
ROBUST_PACK = DATA / "robust-pack"
ROBUST = DATA / "robust-scenarios"


def test_a_directory_compares_every_shipped_scenario(cli: Callable[..., Run]) -> None:
    run = cli("compare", SCENARIOS, "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["schema"] == "crossroads.compare/1"
    files = sorted(SCENARIOS.glob("*.yaml"))
    assert [s["ref"] for s in data["scenarios"]] == [str(p) for p in files]
    for entry, path in zip(data["scenarios"], files, strict=True):
        scenario = load_scenario(path)
        result = score(load_pack(ROOT / "rules" / scenario.pack), scenario)
        assert entry["leader"] == result.leader.id
        assert [o["id"] for o in entry["options"]] == [o.id for o in result.options]
        assert [o["score"] for o in entry["options"]] == [o.score for o in result.options]
        assert entry["margin"] == result.options[0].score - result.options[1].score


def test_table_puts_scenarios_side_by_side(cli: Callable[..., Run]) -> None:
    run = cli("compare", "kazakhstan-2025", "uzbekistan-2025")
    assert run.code == 0, run.err
    assert "kazakhstan-2025" in run.out and "uzbekistan-2025" in run.out
    assert "[partner-engagement]" in run.out
    assert "margin of #1" in run.out


def test_many_scenarios_get_one_row_each(cli: Callable[..., Run]) -> None:
    run = cli("compare", SCENARIOS)
    assert run.code == 0, run.err
    assert "Base-case leader by scenario" in run.out
    for path in SCENARIOS.glob("*.yaml"):
        assert load_scenario(path).id in run.out


def test_csv_is_one_line_per_scenario_and_option(cli: Callable[..., Run]) -> None:
    run = cli("compare", ROBUST / "threshold.yaml", ROBUST / "mixed.yaml", "--pack",
              ROBUST_PACK, "--format", "csv")
    assert run.code == 0, run.err
    rows = list(csv.DictReader(io.StringIO(run.out)))
    assert len(rows) == 6
    assert rows[0]["scenario"] == "threshold" and rows[0]["rank"] == "1"
    assert rows[0]["option"] == "a"
    assert float(rows[0]["score"]) == pytest.approx(score(
        load_pack(ROBUST_PACK), load_scenario(ROBUST / "threshold.yaml")).leader.score,
        rel=1e-6)


def test_overrides_apply_to_every_scenario(cli: Callable[..., Run]) -> None:
    run = cli("compare", ROBUST / "threshold.yaml", "--pack", ROBUST_PACK, "--set", "x=0.3",
              "--format", "json")
    assert json.loads(run.out)["scenarios"][0]["leader"] == "b"


def test_worker_processes_give_the_same_rows() -> None:
    refs = [str(p) for p in sorted(ROBUST.glob("*.yaml"))] * 3
    alone = compare(refs, pack=str(ROBUST_PACK), workers=1)
    pooled = compare(refs, pack=str(ROBUST_PACK), workers=2)
    assert [(r.id, r.options) for r in pooled] == [(r.id, r.options) for r in alone]


def test_every_bad_scenario_is_reported(cli: Callable[..., Run],
                                        write: Callable[[str, str], Path]) -> None:
    good = (ROBUST / "tie.yaml").read_text(encoding="utf-8")
    write("batch/1-good.yaml", good)
    write("batch/2-bad.yaml", good.replace("case: tie", "case: tied"))
    bad3 = write("batch/3-bad.yaml", good.replace("title:", "titel:"))
    run = cli("compare", bad3.parent, "--pack", ROBUST_PACK)
    assert run.code == 2
    assert "Traceback" not in run.err
    assert "2-bad.yaml:7:" in run.err and "tied" in run.err
    assert "3-bad.yaml:3:1: error: unknown key 'titel'" in run.err


def test_empty_directory_and_missing_file(cli: Callable[..., Run], tmp_path: Path) -> None:
    run = cli("compare", tmp_path)
    assert run.code == 2 and "no scenario files" in run.err
    run = cli("compare", tmp_path / "nope.yaml")
    assert run.code == 2 and "nope.yaml" in run.err
