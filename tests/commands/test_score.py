"""`score`, `explain` and the catalogue commands on the shipped packs and scenarios."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest

from conftest import DATA, ROOT, TINY_PACK, Run
from crossroads.io.resources import shipped_packs, shipped_scenarios

KAZ = ROOT / "scenarios" / "kazakhstan-2025.yaml"


def test_ships_two_packs_and_the_scenarios() -> None:
    assert {"partner-engagement", "sovereignty-strategy"} <= set(shipped_packs())
    for needed in ("kazakhstan-2025", "uzbekistan-2025", "kyrgyzstan-2025", "tajikistan-2025",
                   "turkmenistan-2025"):
        assert needed in shipped_scenarios()


def test_score_table_ranks_options_with_reasons(cli: Callable[..., Run]) -> None:
    run = cli("score", KAZ)
    assert run.code == 0, run.err
    assert "Base-case leader:" in run.out
    assert "for:" in run.out and "drag:" in run.out  # under each option below 150 columns
    leader = json.loads(cli("score", KAZ, "--format", "json").out)["options"][0]
    best = max(leader["contributions"], key=lambda c: c["value"])
    assert " ".join(best["because"].split()[:3]) in run.out


def test_json_follows_the_contract_and_adds_up(cli: Callable[..., Run]) -> None:
    run = cli("score", KAZ, "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["schema"] == "crossroads.score/2"
    assert set(data) >= {"risk_aversion", "pack", "scenario", "weights", "assumptions",
                         "options"}
    assert set(data["pack"]) == {"id", "version", "digest"}
    assert data["pack"]["id"] == "partner-engagement"
    assert data["scenario"]["id"] == "kazakhstan-2025"
    assert data["scenario"]["as_of"] == "2025-06-30"
    assert sum(data["weights"].values()) == pytest.approx(1.0)
    ra = data["risk_aversion"]
    ranks = [o["rank"] for o in data["options"]]
    assert ranks == list(range(1, len(ranks) + 1))
    for option in data["options"]:
        assert set(option) >= {"id", "title", "rank", "score", "benefit", "risk", "criteria",
                               "contributions", "risks"}
        for c in option["contributions"]:
            assert set(c) >= {"rule", "option", "criterion", "points", "weight", "value",
                              "because", "source"}
        for r in option["risks"]:
            assert set(r) >= {"id", "likelihood", "impact", "expected", "rules"}
        # The contract: exact, not approximate.
        assert option["score"] == sum(c["value"] for c in option["contributions"]) \
            - ra * option["risk"]
    scores = [o["score"] for o in data["options"]]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("scenario", sorted(shipped_scenarios()))
def test_every_shipped_scenario_scores_under_both_packs(cli: Callable[..., Run],
                                                        scenario: str) -> None:
    for pack in ("partner-engagement", "sovereignty-strategy"):
        run = cli("score", scenario, "--pack", pack, "--format", "json")
        assert run.code == 0, run.err
        assert json.loads(run.out)["pack"]["id"] == pack


def test_shipped_scenarios_do_not_all_agree(cli: Callable[..., Run]) -> None:
    leaders = set()
    for scenario in shipped_scenarios():
        data = json.loads(cli("score", scenario, "--pack", "partner-engagement",
                              "--format", "json").out)
        leaders.add(data["options"][0]["id"])
    assert len(leaders) >= 2, "the pack should respond to the country's situation"


def test_set_changes_the_result_and_is_recorded(cli: Callable[..., Run]) -> None:
    base = json.loads(cli("score", KAZ, "-f", "json").out)
    changed = json.loads(cli("score", KAZ, "-f", "json", "--set", "russian_pressure=severe",
                             "--risk-aversion", "2").out)
    assert changed["risk_aversion"] == 2.0
    assert changed["factors"]["russian_pressure"]["value"] == "severe"
    assert changed["factors"]["russian_pressure"]["source"] == "command line"
    assert [o["score"] for o in changed["options"]] != [o["score"] for o in base["options"]]


def test_several_scenarios_give_a_comparison(cli: Callable[..., Run]) -> None:
    run = cli("score", "kazakhstan-2025", "uzbekistan-2025")
    assert run.code == 0, run.err
    assert "Side-by-side" in run.out
    data = json.loads(cli("score", "kazakhstan-2025", "uzbekistan-2025", "-f", "json").out)
    assert data["schema"] == "crossroads.compare/2"
    assert [s["id"] for s in data["scenarios"]] == ["kazakhstan-2025", "uzbekistan-2025"]
    md = cli("score", "kazakhstan-2025", "uzbekistan-2025", "-f", "markdown").out
    assert md.splitlines()[0] == "| Option | kazakhstan-2025 | uzbekistan-2025 |"


def test_csv_has_one_row_per_option(cli: Callable[..., Run]) -> None:
    run = cli("score", KAZ, "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(run.out)))
    data = json.loads(cli("score", KAZ, "-f", "json").out)
    assert [r["option"] for r in rows] == [o["id"] for o in data["options"]]
    assert float(rows[0]["score"]) == pytest.approx(data["options"][0]["score"], abs=1e-5)


def test_markdown_table(cli: Callable[..., Run]) -> None:
    out = cli("score", KAZ, "-f", "markdown").out
    assert "| Rank | Option | Score | Benefit | Risk | Top reason for | Main drag |" in out


def test_explain_lists_every_contribution(cli: Callable[..., Run]) -> None:
    data = json.loads(cli("score", KAZ, "-f", "json").out)
    leader = data["options"][0]
    run = cli("explain", KAZ, leader["id"])
    assert run.code == 0, run.err
    for c in leader["contributions"]:
        assert c["rule"] in run.out
    assert f"{leader['score']:+.4f}" in run.out
    others = [o["title"] for o in data["options"][1:]]
    assert not any(f"#{i} {t}" in run.out for i, t in enumerate(others, start=2))
    text = cli("explain", KAZ, leader["id"], "-f", "csv").out
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["kind"] in ("rule", "cap")]
    assert len(rows) == len(leader["contributions"])


def test_explain_unknown_option(cli: Callable[..., Run]) -> None:
    run = cli("explain", KAZ, "economic-partnership")
    assert run.code == 2
    assert "did you mean 'economic-partnerships'" in run.err


def test_catalogue_and_version(cli: Callable[..., Run]) -> None:
    rules = cli("rules", "list", "--factors")
    assert rules.code == 0 and "partner-engagement" in rules.out
    assert "oil_exports_via_russia" in rules.out
    scenarios = cli("scenarios", "list")
    assert scenarios.code == 0 and "uzbekistan-2025" in scenarios.out
    version = cli("--version")
    assert version.code == 0 and version.out.startswith("crossroads ")


def test_factor_list_covers_every_pack(cli: Callable[..., Run],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import crossroads.io.resources

    packs = {"tiny": TINY_PACK, "robust": DATA / "robust-pack"}
    monkeypatch.setattr(crossroads.io.resources, "shipped_packs", lambda: packs)
    monkeypatch.setenv("COLUMNS", "200")
    run = cli("rules", "list", "--factors")
    assert run.code == 0
    factors = [line.split()[0] for line in run.out.splitlines()
               if line.split() and line.split()[0] in ("x", "pressure", "case", "flag")]
    assert factors == ["x", "pressure", "case", "flag"]  # x, shared, once; tiny's first


def test_explain_unknown_option_is_named_with_a_suggestion(cli: Callable[..., Run]) -> None:
    run = cli("explain", "kazakhstan-2025", "economic-partnership")
    assert run.code == 2 and run.out == ""
    assert run.err.startswith("explain: error: unknown option 'economic-partnership' in pack "
                              "'partner-engagement'\n  hint: did you mean "
                              "'economic-partnerships'?"), run.err


def test_usage_errors_exit_2(cli: Callable[..., Run]) -> None:
    assert cli("score").code == 2
    assert cli("score", KAZ, "--format", "yaml").code == 2
    assert cli("frobnicate").code == 2
