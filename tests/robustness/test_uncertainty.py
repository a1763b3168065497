"""Issue 11: every source of uncertainty varied, its share reported; robustness apart from
confidence; a bottom line that follows the draws."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from conftest import DATA, Run
from crossroads.core.confidence import judge_confidence
from crossroads.core.engine import score
from crossroads.io.loader import load_pack
from crossroads.io.lookup import find_pack, find_scenario
from crossroads.io.scenario_file import load_scenario
from crossroads.robustness.analysis import analyse
from crossroads.robustness.recommendation import recommend
from crossroads.robustness.sources import SOURCES
from crossroads.robustness.vectorised import Perturbation, VectorScorer

ROBUST_PACK = DATA / "robust-pack"
MIXED = DATA / "robust-scenarios" / "mixed.yaml"


def test_sensitivity_json_lists_every_source_with_its_variance_share(
        cli: Callable[..., Run]) -> None:
    run = cli("sensitivity", "kazakhstan-2025", "--draws", "2000", "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["schema"] == "crossroads.sensitivity/3"
    sources = {s["source"]: s for s in data["sources"]}
    assert list(sources) == ["weights", "facts", "points", "risks", "risk_aversion",
                             "judgement_factors"]
    assert all(s["included"] for s in sources.values())
    assert sum(s["variance_share"] for s in sources.values()) == pytest.approx(1.0)
    assert sources["points"]["uses_defaults"]
    # Judgements vary only as the scenario states: never on a default.
    assert not sources["judgement_factors"]["uses_defaults"]
    assert not sources["weights"]["uses_defaults"]
    # The same draws without the default ranges are reported beside the full run.
    assert set(data["stated_only"]["first_share"]) == {o["id"] for o in data["options"]}
    assert data["confidence"]["level"] in ("high", "moderate", "low")
    assert data["robustness"]["words"] and "likelihood_words" not in data


def test_points_and_risks_varied_change_the_draws_but_not_the_base(
        cli: Callable[..., Run]) -> None:
    pack, scenario = load_pack(ROBUST_PACK), load_scenario(MIXED)
    narrow = analyse(pack, scenario, draws=3000, seed=3, sources=("weights", "facts"),
                     shares=False)
    wide = analyse(pack, scenario, draws=3000, seed=3, shares=False)
    assert narrow.base_scores == wide.base_scores
    assert narrow.acceptability != wide.acceptability
    assert {s.source for s in narrow.sources if s.included} == {"weights", "facts"}
    assert {s.source for s in wide.sources if s.included} == set(SOURCES)


def test_unit_multipliers_reproduce_the_engine() -> None:
    pack, scenario = load_pack(ROBUST_PACK), load_scenario(MIXED)
    result = score(pack, scenario)
    scorer = VectorScorer(pack)
    from crossroads.core.inputs import resolve_factors
    from crossroads.robustness.breakeven import vector_values

    values = vector_values(pack, resolve_factors(pack, scenario)[0])
    weights = np.array([[result.weights[c] for c in scorer.criterion_ids]])
    ones = Perturbation(np.ones((len(pack.rules), 1)), np.ones((len(pack.risk_rules), 1)),
                        np.ones((len(scorer.event_kinds), 1)), np.array([result.risk_aversion]))
    drawn = scorer.scores(values, weights, result.risk_aversion, ones)[0]
    for option in result.options:
        assert drawn[scorer.option_ids.index(option.id)] == pytest.approx(option.score, abs=1e-9)


def test_too_few_draws_warn_with_the_standard_error() -> None:
    pack, scenario = load_pack(ROBUST_PACK), load_scenario(MIXED)
    result = analyse(pack, scenario, draws=10, seed=1, shares=False)
    assert not result.precise
    note = next(n for n in result.notes if "too few draws" in n)
    assert f"standard error of {result.standard_error:.3f}" in note
    assert analyse(pack, scenario, draws=5000, seed=1, shares=False).precise


def test_blank_scenario_without_sources_gets_low_confidence(
        write: Callable[[str, str], Path]) -> None:
    # As the wizard saves it with nothing filled in but wildly inconsistent judgements.
    criteria = list(find_pack("partner-engagement").criteria)
    ratios = ("9", "1/9")
    pairs = "\n".join(f'  - [{a}, {b}, "{ratios[(i + j) % 2]}"]'
                      for i, a in enumerate(criteria) for j, b in enumerate(criteria) if i < j)
    scenario = load_scenario(write("blank.yaml", "format: crossroads.scenario/1\nid: blank\n"
                                   "title: Blank\nsubject: Somewhere\n"
                                   "pack: partner-engagement\npairwise:\n" + pairs + "\n"))
    pack = find_pack(None, scenario)
    judgement = judge_confidence(score(pack, scenario))
    assert judgement.level == "low"
    grades = {i.name: i.grade for i in judgement.inputs}
    assert grades["sourced facts"] == "low" and grades["pairwise consistency"] == "low"


def test_cited_facts_and_article_rules_raise_confidence(write: Callable[[str, str], Path]
                                                        ) -> None:
    pack = load_pack(DATA / "tiny-pack")
    cited = load_scenario(write("c.yaml", """
        format: crossroads.scenario/1
        id: c
        title: C
        subject: S
        pack: tiny
        factors:
          x: {value: 0.9, source: "World Bank WDI 2024"}
          pressure: {value: high, source: "Reuters, 2025-05-01"}
          status: {value: none, source: "Official registry, Jan 2025"}
          csto: {value: false, source: "CSTO charter (2002)"}
        """))
    judgement = judge_confidence(score(pack, cited))
    grades = {i.name: i.grade for i in judgement.inputs}
    assert grades["sourced facts"] == "high"
    assert grades["article-backed rules"] == "low"  # the tiny pack states no basis


def test_only_an_explicit_citation_counts_as_cited(write: Callable[[str, str], Path]) -> None:
    # Second knowledge review: "CSTO member" names no source; a bibliography id or a
    # dated source does.
    scenario = load_scenario(write("c.yaml", """
        format: crossroads.scenario/1
        id: c
        title: C
        subject: S
        pack: tiny
        factors:
          x: {value: 0.9, source: "CSTO member"}
          pressure: {value: high, source: "Reuters, 1 Apr 2025"}
          status: {value: none, cites: [some-entry]}
          csto: {value: false, source: "Official registry"}
        """))
    kinds = {k: v.source_kind.value for k, v in scenario.factors.items()}
    assert kinds == {"x": "analyst", "pressure": "cited", "status": "cited",
                     "csto": "analyst"}


def test_recommendation_rule() -> None:
    clear = recommend({"a": 0.7, "b": 0.3}, ["a", "b"])
    assert (clear.modal, clear.close_call, clear.other) == ("a", False, None)
    split = recommend({"a": 0.46, "b": 0.54}, ["a", "b"])
    assert (split.modal, split.base_leader, split.close_call, split.other) == ("b", "a", True, "a")
    plural = recommend({"a": 0.45, "b": 0.35, "c": 0.2}, ["a", "b", "c"])
    assert (plural.modal, plural.close_call, plural.other) == ("a", True, "b")
    assert "no option is first in more than half" in plural.statement({})


@pytest.mark.slow
def test_kyrgyzstan_brief_never_recommends_an_option_another_beats_more_often(
        cli: Callable[..., Run], tmp_path: Path) -> None:
    scenario = find_scenario("kyrgyzstan-2025")
    result = analyse(find_pack(None, scenario), scenario, draws=4000, shares=False)
    rec = result.recommendation
    assert rec is not None
    best = max(result.options, key=lambda o: result.acceptability[o][0])
    assert rec.modal == best
    out = tmp_path / "k.md"
    run = cli("brief", "kyrgyzstan-2025", "--draws", "4000", "-o", out)
    assert run.code == 0, run.err
    bottom = out.read_text(encoding="utf-8").split("## Bottom line", 1)[1].split("##", 1)[0]
    if rec.close_call:
        assert "Close call between" in bottom
    else:
        assert f"Recommend {result.titles[best]}" in bottom


def test_risk_aversion_that_changes_the_leader_is_named_and_confirmed() -> None:
    # uzbekistan-2025: the leader changes somewhere between the stated risk aversion (1)
    # and twice it; "what would change" must say where, as `score --risk-aversion` would.
    scenario = find_scenario("uzbekistan-2025")
    pack = find_pack(None, scenario)
    result = analyse(pack, scenario, draws=500, shares=False)
    driver = next(d for d in result.one_way if d.factor == "risk_aversion")
    assert (driver.low, driver.high) == (0.5, 2.0)
    assert driver.break_even is not None and driver.new_leader is not None
    from dataclasses import replace

    held = score(pack, replace(scenario, risk_aversion=driver.last_held))
    moved = score(pack, replace(scenario, risk_aversion=driver.break_even))
    assert held.leader.id == result.leader and moved.leader.id == driver.new_leader


def test_article_rules_count_by_how_far_their_quote_supports_them() -> None:
    # Second knowledge review: a verbatim quote is no stronger evidence than what it says,
    # so an article rule whose quote supports only part of it counts half.
    from dataclasses import replace

    from crossroads.core.model import Basis, QuoteSupport

    scenario = find_scenario("kazakhstan-2025")
    pack = find_pack(scenario=scenario)

    def article_input(support: QuoteSupport | None) -> tuple[float, str]:
        rules = tuple(replace(r, support=support) if r.basis == Basis.ARTICLE else r
                      for r in pack.rules)
        found = next(i for i in judge_confidence(score(replace(pack, rules=rules), scenario))
                     .inputs if i.name == "article-backed rules")
        backed = float(found.detail.split(" of ")[0])
        return backed, found.detail

    full, full_text = article_input(QuoteSupport.FULL)
    half, half_text = article_input(QuoteSupport.PARTIAL)
    unreviewed, _ = article_input(None)
    assert full > 0 and half == pytest.approx(full / 2) and unreviewed == half
    assert "count half" in half_text and "half" not in full_text
