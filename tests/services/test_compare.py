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
from crossroads.services.compare import compare_files

SCENARIOS = ROOT / "scenarios"
ROBUST_PACK = DATA / "robust-pack"
ROBUST = DATA / "robust-scenarios"


def test_a_directory_compares_every_shipped_scenario(cli: Callable[..., Run]) -> None:
    run = cli("compare", SCENARIOS, "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["schema"] == "crossroads.compare/2"
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
    alone = compare_files(refs, pack=str(ROBUST_PACK), workers=1)
    pooled = compare_files(refs, pack=str(ROBUST_PACK), workers=2)
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


def test_score_of_several_scenarios_is_compare(cli: Callable[..., Run]) -> None:
    """One path: the same JSON, CSV and Markdown whichever command is used."""
    pair = ("kazakhstan-2025", "uzbekistan-2025")
    for fmt in ("json", "csv", "markdown", "table"):
        via_score = cli("score", *pair, "-f", fmt, "--no-log")
        via_compare = cli("compare", *pair, "-f", fmt, "--no-log")
        assert via_score.code == via_compare.code == 0, via_score.err + via_compare.err
        assert via_score.out == via_compare.out, fmt


def test_score_accepts_a_directory(cli: Callable[..., Run]) -> None:
    run = cli("score", ROBUST, "--pack", ROBUST_PACK, "-f", "json", "--no-log")
    assert run.code == 0, run.err
    refs = [s["ref"] for s in json.loads(run.out)["scenarios"]]
    assert refs == [str(p) for p in sorted(ROBUST.glob("*.yaml"))]


def test_one_and_many_scenarios_share_the_csv_columns(cli: Callable[..., Run]) -> None:
    one = cli("score", "kazakhstan-2025", "-f", "csv", "--no-log").out
    many = cli("compare", "kazakhstan-2025", "uzbekistan-2025", "-f", "csv", "--no-log").out
    assert one.splitlines()[0] == many.splitlines()[0]
    assert one.splitlines()[0].endswith(",top_reason")
    kaz = [line for line in many.splitlines() if line.startswith("kazakhstan-2025,")]
    assert kaz == one.splitlines()[1:]


def test_compare_json_carries_weights_digest_and_top_reasons(cli: Callable[..., Run]) -> None:
    data = json.loads(cli("compare", "kazakhstan-2025", "-f", "json", "--no-log").out)
    [entry] = data["scenarios"]
    alone = json.loads(cli("score", "kazakhstan-2025", "-f", "json", "--no-log").out)
    assert entry["pack"]["digest"] == alone["pack"]["digest"]
    assert entry["weights"] == alone["weights"]
    assert entry["options"][0]["top_reason"]


def test_compare_markdown_is_one_table(cli: Callable[..., Run]) -> None:
    few = cli("compare", "kazakhstan-2025", "uzbekistan-2025", "-f", "markdown").out
    assert few.splitlines()[0] == "| Option | kazakhstan-2025 | uzbekistan-2025 |"
    assert few.splitlines()[-1].startswith("| *margin of #1* |")
    many = cli("compare", SCENARIOS, "-f", "markdown").out
    assert many.splitlines()[0].startswith("| Scenario | Pack | Recommended |")
    assert len(many.splitlines()) == 2 + len(list(SCENARIOS.glob("*.yaml")))


def test_both_commands_record_every_scenario(cli: Callable[..., Run], tmp_path: Path) -> None:
    log = tmp_path / "log.sqlite3"
    assert cli("score", "kazakhstan-2025", "uzbekistan-2025", "--log", log).code == 0
    assert cli("compare", "kazakhstan-2025", "uzbekistan-2025", "--log", log).code == 0
    assert cli("compare", "kazakhstan-2025", "--log", log, "--no-log").code == 0
    runs = json.loads(cli("history", "list", "--log", log, "-f", "json").out)["runs"]
    assert sorted((r["command"], r["scenario"]["id"]) for r in runs) == [
        ("compare", "kazakhstan-2025"), ("compare", "uzbekistan-2025"),
        ("score", "kazakhstan-2025"), ("score", "uzbekistan-2025")]
    compared = [r for r in runs if r["command"] == "compare"]
    assert len({r["invocation"] for r in compared}) == 1
    rerun = cli("history", "rerun", compared[0]["id"], "--log", log, "--check")
    assert rerun.code == 0, rerun.out + rerun.err


def test_worker_processes_keep_the_log_records() -> None:
    refs = [str(p) for p in sorted(ROBUST.glob("*.yaml"))] * 2
    pooled = compare_files(refs, pack=str(ROBUST_PACK), workers=2, keep_records=True)
    assert all(r.record is not None and r.record.leader == r.leader.id for r in pooled)
    assert all(r.record is None for r in compare_files(refs[:2], pack=str(ROBUST_PACK)))
