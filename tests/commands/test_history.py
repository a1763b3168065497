"""`score` records its runs; `crossroads history list|show|rerun|diff|export` read them back."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import DATA, TINY_PACK, Run
from crossroads.log import records as history
from crossroads.log.reading import find
from crossroads.log.store import LOG_FILE

SCENARIO = DATA / "history" / "testland.yaml"
CLI = Callable[..., Run]


@pytest.fixture
def log(private_log_home: Path) -> Path:
    """The default log of this test (CROSSROADS_HOME is a private directory)."""
    return private_log_home / LOG_FILE


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """An editable copy of the tiny pack."""
    return Path(shutil.copytree(TINY_PACK, tmp_path / "pack"))


def scored(cli: CLI, pack: Path, *extra: str) -> Run:
    run = cli("score", SCENARIO, "--pack", pack, "--format", "json", *extra)
    assert run.code == 0, run.err
    return run


def test_score_records_the_run_as_scored(cli: CLI, log: Path, pack: Path) -> None:
    run = scored(cli, pack, "--set", "x=0.7", "--weights", "econ=2")
    assert run.err == ""
    [record] = find(log)
    printed = json.loads(run.out)
    assert record.command == "score"
    assert record.argv == ("score", str(SCENARIO), "--pack", str(pack), "--format", "json",
                           "--set", "x=0.7", "--weights", "econ=2")
    assert (record.pack_id, record.pack_version) == ("tiny", "1.0")
    assert record.pack_digest == printed["pack"]["digest"]
    assert record.pack_path == str(pack.resolve())
    # The scenario after overrides, and the weights and result the analyst saw.
    assert record.scenario["factors"]["x"] == {"value": 0.7, "source": "command line"}
    assert record.scenario["priorities"] == {"sov": 3.0, "econ": 2.0}
    assert record.weights == pytest.approx(printed["weights"])
    assert [(o["id"], o["rank"], o["score"]) for o in record.result["options"]] == \
        [(o["id"], o["rank"], o["score"]) for o in printed["options"]]
    assert record.result["factors"]["status"] == {"value": "none", "defaulted": True}
    assert record.seed is None


def test_several_scenarios_give_one_record_each(cli: CLI, log: Path, pack: Path) -> None:
    run = cli("score", SCENARIO, SCENARIO, "--pack", pack, "--format", "csv")
    assert run.code == 0, run.err
    records = find(log)
    assert len(records) == 2
    assert records[0].invocation == records[1].invocation
    assert records[0].id != records[1].id


def test_no_log_records_nothing_and_log_path_redirects(cli: CLI, log: Path, pack: Path,
                                                       tmp_path: Path) -> None:
    scored(cli, pack, "--no-log")
    assert not log.exists()
    elsewhere = tmp_path / "project-log.sqlite3"
    scored(cli, pack, "--log", elsewhere)
    assert not log.exists()
    assert len(find(elsewhere)) == 1
    listed = cli("history", "list", "--log", elsewhere)
    assert listed.code == 0
    assert "Testland" in listed.out


def test_a_corrupt_log_warns_once_and_the_score_still_prints(cli: CLI, log: Path,
                                                             pack: Path) -> None:
    log.write_text("not a database, just notes\n", encoding="utf-8")
    run = cli("score", SCENARIO, "--pack", pack)
    assert run.code == 0
    assert "Base-case leader:" in run.out
    warning = run.err.strip().splitlines()
    assert len(warning) == 1
    assert warning[0].startswith("warning: run not recorded:")
    assert str(log) in warning[0]
    assert "not a crossroads decision log" in warning[0]
    assert log.read_text(encoding="utf-8") == "not a database, just notes\n"
    # Reading it is a real error, with the same explanation.
    listed = cli("history", "list")
    assert listed.code == 2
    assert "not a crossroads decision log" in listed.err
    assert "Traceback" not in listed.err


def test_rerun_after_a_pack_edit_reports_the_change_and_its_cause(cli: CLI, log: Path,
                                                                  pack: Path) -> None:
    scored(cli, pack)
    [record] = find(log)
    same = cli("history", "rerun", record.id[:6], "--check")
    assert same.code == 0, same.err
    assert "Result unchanged: same pack digest" in same.out

    pack_file = pack / "pack.yaml"
    text = pack_file.read_text(encoding="utf-8")
    assert 'points: "min(4, 10 * x)"' in text
    pack_file.write_text(text.replace('points: "min(4, 10 * x)"', "points: -2"),
                         encoding="utf-8")

    changed = cli("history", "rerun", record.id[:6], "--check")
    assert changed.code == 1  # --check: the result differs
    assert "Result changed (the leader changed from A (a) to B (b))" in changed.out
    assert f"the pack changed (digest {record.pack_digest} →" in changed.out
    assert "version 1.0 unchanged" in changed.out
    assert "r1" in changed.out  # the rule whose points moved

    data = json.loads(cli("history", "rerun", "latest", "--format", "json").out)
    assert data["schema"] == "crossroads.rerun/1"
    assert data["changed"] is True
    assert data["pack"]["before"]["digest"] == record.pack_digest
    assert data["pack"]["now"]["digest"] != record.pack_digest
    assert data["contributions"] == [
        {"option": "a", "rule": "r1", "criterion": "sov", "old": 4.0, "new": -2.0}]
    ranks = {o["id"]: (o["old_rank"], o["new_rank"]) for o in data["options"]}
    assert ranks == {"a": (1, 2), "b": (2, 1)}


def test_rerun_of_an_edit_that_does_not_matter_says_so(cli: CLI, log: Path,
                                                       pack: Path) -> None:
    scored(cli, pack)
    pack_file = pack / "pack.yaml"
    pack_file.write_text(pack_file.read_text(encoding="utf-8") + "# reviewed\n",
                         encoding="utf-8")
    run = cli("history", "rerun", "latest", "--check")
    assert run.code == 0
    assert "Result unchanged: the pack changed (digest" in run.out
    assert "not in a way that affects this scenario" in " ".join(run.out.split())


def test_rerun_of_a_run_whose_pack_is_gone_asks_for_one(cli: CLI, log: Path,
                                                       pack: Path) -> None:
    scored(cli, pack)
    shutil.rmtree(pack)
    gone = cli("history", "rerun", "latest")
    assert gone.code == 2
    assert "pack 'tiny' is gone" in gone.err
    assert "--pack" in gone.err
    ok = cli("history", "rerun", "latest", "--pack", TINY_PACK)
    assert ok.code == 0, ok.err
    assert "Result unchanged" in ok.out


def test_rerun_against_a_pack_that_dropped_a_factor_is_bad_input(cli: CLI, log: Path,
                                                                   pack: Path) -> None:
    scored(cli, pack)
    pack_file = pack / "pack.yaml"
    text = pack_file.read_text(encoding="utf-8").replace(
        "  - {id: pressure, type: level, label: P, levels: [low, medium, high], default: low}\n",
        "").replace(' and pressure >= "medium"', "").replace(
        "  - {id: rr1, risk: back, when: 'pressure == \"high\"', applies_to: [a], "
        "likelihood: 0.5, impact: 3}\n", "")
    pack_file.write_text(text, encoding="utf-8")
    run = cli("history", "rerun", "latest")
    assert run.code == 2
    assert run.err.startswith(f"history run {find(log)[0].short_id}: error: unknown factor "
                              "'pressure'")
    assert "Traceback" not in run.err


def test_diff_shows_factor_weight_and_ranking_changes(cli: CLI, log: Path, pack: Path) -> None:
    scored(cli, pack)
    scored(cli, pack, "--set", "x=0.2", "--weights", "econ=5")
    new, old = find(log)
    data = json.loads(cli("history", "diff", old.id[:8], new.id[:8], "-f", "json").out)
    assert data["schema"] == "crossroads.run-diff/1"
    assert data["identical"] is False
    assert data["factors"] == [{"name": "x", "old": 0.6, "new": 0.2, "note": ""}]
    assert {w["name"] for w in data["weights"]} == {"sov", "econ"}
    assert data["pack"] == []
    leaders = [(o["id"], o["old_rank"], o["new_rank"]) for o in data["options"]]
    assert leaders == [("b", 2, 1), ("a", 1, 2)]
    table = cli("history", "diff", old.id[:8], new.id[:8])
    assert table.code == 0
    assert "Factors" in table.out and "Ranking" in table.out
    same = cli("history", "diff", old.id, old.id)
    assert "No differences" in same.out


def test_list_show_and_filters(cli: CLI, log: Path, pack: Path) -> None:
    scored(cli, pack)
    scored(cli, pack, "--set", "x=0.2")
    listed = cli("history", "list")
    assert listed.code == 0
    assert listed.out.count("Testland") == 2
    assert len(json.loads(cli("history", "list", "--limit", "1", "-f", "json").out)["runs"]) == 1
    assert cli("history", "list", "--subject", "testland", "-f", "csv").out.count("\n") == 3
    none = cli("history", "list", "--subject", "Elsewhere")
    assert "No recorded runs match" in none.out
    assert "No recorded runs" in cli("history", "list", "--since", "2999-01-01").out
    bad = cli("history", "list", "--since", "last tuesday")
    assert bad.code == 2
    assert "--since" in bad.err

    latest = find(log)[0]
    shown = cli("history", "show", latest.id[:7])
    assert shown.code == 0, shown.err
    assert latest.id in shown.out
    flat = " ".join(shown.out.split())  # the console wraps long lines at 120 columns
    assert f"crossroads score {SCENARIO} --pack {pack} --format json --set x=0.2" in flat
    assert latest.pack_digest in shown.out
    assert "command line" in shown.out  # the source of the overridden factor


@pytest.fixture
def fixed_ids(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # make_records draws the invocation id first, then one id per record.
    ids = iter(["eee1" + "0" * 28, "abc1" + "0" * 28, "eee2" + "0" * 28, "abc2" + "0" * 28])
    monkeypatch.setattr(history, "new_run_id", lambda: next(ids))
    yield


def test_run_references_are_checked(cli: CLI, log: Path, pack: Path, fixed_ids: None) -> None:
    assert cli("history", "show", "abc").code == 2  # no log yet
    scored(cli, pack)
    scored(cli, pack)
    ambiguous = cli("history", "show", "abc")
    assert ambiguous.code == 2
    assert "matches several runs" in ambiguous.err
    assert cli("history", "show", "abc2").code == 0
    missing = cli("history", "show", "fff")
    assert missing.code == 2
    assert "no recorded run starts with 'fff'" in missing.err
    assert "is not a run id" in cli("history", "show", "xyz!").err


def test_export_json_and_csv_to_files(cli: CLI, log: Path, pack: Path, tmp_path: Path) -> None:
    scored(cli, pack)
    scored(cli, pack, "--set", "x=0.2")
    out = tmp_path / "runs.json"
    assert cli("history", "export", "-o", out).code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "crossroads.history/1"
    assert [r["scenario"]["factors"]["x"] for r in data["runs"]] == [
        {"value": 0.6, "range": [0.4, 0.8], "source": "Testland statistics office"},
        {"value": 0.2, "source": "command line"}]  # oldest first
    again = cli("history", "export", "-o", out)
    assert again.code == 2
    assert "--force" in again.err
    table = tmp_path / "runs.csv"
    assert cli("history", "export", "--format", "csv", "-o", table).code == 0
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert [r["leader"] for r in rows] == ["a", "b"]
    assert rows[1]["command_line"].endswith("--set x=0.2")
    assert rows[0]["pack_digest"].startswith("sha256:")
    assert cli("history", "export", "--format", "csv", "-o", table, "--force").code == 0


def test_history_of_an_empty_home(cli: CLI, log: Path) -> None:
    listed = cli("history", "list")
    assert listed.code == 0
    assert "No recorded runs" in listed.out
    assert not log.exists()
    assert cli("history", "rerun", "latest").code == 2


def test_brief_and_sensitivity_record_their_runs_and_seeds(cli: CLI, log: Path,
                                                           pack: Path) -> None:
    brief = cli("brief", SCENARIO, "--pack", pack, "--draws", "200", "--seed", "11")
    assert brief.code == 0, brief.err
    quick = cli("brief", SCENARIO, "--pack", pack, "--no-robustness")
    assert quick.code == 0, quick.err
    sens = cli("sensitivity", SCENARIO, "--pack", pack, "--draws", "200", "--seed", "5",
               "--format", "json")
    assert sens.code == 0, sens.err
    assert cli("sensitivity", SCENARIO, "--pack", pack, "--draws", "50", "--no-log",
               "--format", "json").code == 0
    assert cli("brief", SCENARIO, "--pack", pack, "--no-robustness", "--no-log").code == 0
    recorded = [(r.command, r.seed, r.leader) for r in reversed(find(log))]
    assert recorded == [("brief", 11, "a"), ("brief", None, "a"), ("sensitivity", 5, "a")]


def test_a_broken_log_never_fails_a_briefing(cli: CLI, log: Path, pack: Path,
                                             tmp_path: Path) -> None:
    log.write_bytes(b"\x00" * 100)
    out = tmp_path / "brief.md"
    run = cli("brief", SCENARIO, "--pack", pack, "--no-robustness", "-o", out)
    assert run.code == 0
    assert out.read_text(encoding="utf-8").strip()
    assert "warning: run not recorded" in run.err


def test_a_completed_wizard_run_is_recorded(cli: CLI, log: Path, pack: Path,
                                            tmp_path: Path) -> None:
    saved = tmp_path / "answers.yaml"
    run = cli("wizard", "--from", SCENARIO, "--pack", pack, "--defaults", "-o", saved)
    assert run.code == 0, run.err
    [record] = find(log)
    assert record.command == "wizard"
    assert record.seed is None  # no briefing, so no robustness draws
    assert record.scenario["subject"] == "Testland"
    assert record.pack_path == str(pack.resolve())
    again = cli("wizard", "--from", SCENARIO, "--pack", pack, "--defaults", "-o", saved,
                "--force", "--no-log")
    assert again.code == 0, again.err
    assert len(find(log)) == 1
