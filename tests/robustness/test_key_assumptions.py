"""Key assumptions check (issue 18): the linchpins of a recommendation, graded, most fragile
first; fixed facts never among them; shown in sensitivity, explain and the briefing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run
from crossroads.core.engine import score
from crossroads.core.model import Pack, Scenario
from crossroads.io.loader import load_pack
from crossroads.io.lookup import find_pack, find_scenario
from crossroads.io.scenario_file import load_scenario
from crossroads.report.briefing.build import build_briefing
from crossroads.robustness.analysis import analyse
from crossroads.robustness.assumptions import Grade, base_case_assumptions
from crossroads.robustness.result import summarise

PACK = """
format: crossroads.pack/1
id: lean
version: "1.0"
title: A lead worth one rule
factors:
  - {id: share, type: number, nature: measured, label: Trade share, min: 0, max: 1,
     default: 0.3}
  - {id: pressure, type: level, nature: judged, label: Russian pressure,
     levels: [low, medium, high], default: medium}
  - {id: member, type: boolean, nature: fixed, label: Alliance member, default: true}
criteria:
  - {id: c1, title: First, scale: [-10, 10], weight: 1}
options:
  - {id: a, title: Option A, source: test}
  - {id: b, title: Option B, source: test}
rules:
  - id: a-base
    basis: article
    source: "a quote"
    effects: [{option: a, criterion: c1, points: 2}]
  - id: b-base
    basis: article
    source: "a quote"
    effects: [{option: b, criterion: c1, points: 2}]
  - id: a-exposed
    basis: analyst
    source: "analyst judgement: exposure makes quiet help safer"
    because: "Exposure makes quiet help safer."
    when: share >= 0.25
    effects: [{option: a, criterion: c1, points: 1}]
  - id: b-under-pressure
    basis: analyst
    source: "analyst judgement: pressure makes visible help count"
    when: pressure >= "high"
    effects: [{option: b, criterion: c1, points: 3}]
  - id: b-outside-bloc
    basis: article
    source: "a quote"
    when: not member
    effects: [{option: b, criterion: c1, points: 5}]
"""


def _load(write: Callable[[str, str], Path], factors: str) -> tuple[Pack, Scenario]:
    pack = load_pack(write("lean/pack.yaml", PACK).parent)
    text = ("format: crossroads.scenario/1\nid: lean-s\ntitle: Lean\nsubject: Test\n"
            "pack: lean\nfactors:\n" + factors)
    return pack, load_scenario(write("lean.yaml", text))


def test_a_lead_worth_exactly_one_rule_names_that_rule(
        write: Callable[[str, str], Path]) -> None:
    # Option A leads by exactly the point a-exposed gives it: without the rule, A and B
    # tie, so the lead rests on it, and the check (and the briefing's bottom line) says so.
    pack, scenario = _load(write, "  share: {value: 0.4, source: \"Statistics office\"}\n"
                                  "  member: true\n")
    check = base_case_assumptions(score(pack, scenario))
    assert check.recommended == "a"
    rule = next(p for p in check.linchpins if p.subject == "a-exposed")
    assert (rule.kind, rule.new_leader, rule.tie) == ("rule", "b", True)
    # A threshold without a rationale is a cliff on the analyst's word.
    assert rule.grade == Grade.UNSUPPORTED and "without a rationale" in rule.grounds
    brief = build_briefing(score(pack, scenario))
    # The bottom line quotes the rule's reason (how a reader knows it), its id after it.
    rests_on = brief.bottom_line.rests_on
    assert "rests on the rule “Exposure makes quiet help safer” (a-exposed;" in rests_on


def test_a_fixed_fact_is_never_a_linchpin(write: Callable[[str, str], Path]) -> None:
    # Leaving the alliance would hand B the lead, but membership is a fixed fact.
    pack, scenario = _load(write, "  member: true\n")
    check = base_case_assumptions(score(pack, scenario))
    assert all(p.subject != "member" for p in check.linchpins)


def test_judgements_and_range_ends_are_tried_and_graded(
        write: Callable[[str, str], Path]) -> None:
    pack, scenario = _load(write, "  share: {value: 0.4, range: [0.2, 0.5], source: "
                                  "\"Statistics office, 2024\"}\n"
                                  "  pressure: {value: medium, source: \"analyst judgement\"}\n")
    check = base_case_assumptions(score(pack, scenario))
    found = {(p.kind, p.subject, p.change): p for p in check.linchpins}
    # One level more pressure gives B 3 points: B leads.  A judgement on the analyst's word.
    up = found[("judgement", "pressure", "one level up")]
    assert (up.value, up.new_leader, up.grade) == ("high", "b", Grade.UNSUPPORTED)
    # The low end of the share's range (0.2) is below a-exposed's threshold: a cliff
    # inside the stated range, whose rule has no rationale; the move of the cited fact
    # itself is solid.
    assert found[("fact", "share", "at the low end of its range")].grade == Grade.SOLID
    assert found[("cliff", "a-exposed", "held across its threshold")].grade == \
        Grade.UNSUPPORTED
    # Most fragile first.
    grades = [p.grade for p in check.linchpins]
    order = [Grade.UNSUPPORTED, Grade.CAVEATED, Grade.SOLID]
    assert grades == sorted(grades, key=order.index)


def test_over_draws_the_check_reports_shares_of_the_same_draws(
        write: Callable[[str, str], Path]) -> None:
    pack, scenario = _load(write, "  share: {value: 0.4, source: \"Statistics office\"}\n"
                                  "  pressure: {value: low, p_wrong: 0.1}\n")
    result = analyse(pack, scenario, draws=2000, seed=3, shares=False)
    check = result.key_assumptions
    assert check is not None and check.basis == "draws"
    assert check.recommended == result.recommended
    for p in check.linchpins:
        assert p.new_share is not None and p.held_share is not None
        assert p.new_share > p.held_share  # another option comes first more often
    brief = build_briefing(result.base, robustness=summarise(result))
    assert brief.rests_on and brief.rests_on[0].startswith("The recommendation of Option A")


@pytest.mark.parametrize("scenario_id", ["tajikistan-2025", "kyrgyzstan-2025",
                                         "uzbekistan-2025-government"])
def test_a_brief_names_the_single_rule_a_lead_rests_on(
        cli: Callable[..., Run], scenario_id: str) -> None:
    # The expert's expectation, whatever the packs say today: when removing one rule hands
    # the lead to another option, the bottom line names that rule (the most fragile such
    # rule first), and "What this rests on" lists it; when none does, neither claims one.
    # (Tajikistan's lead rested on quiet-high-exposure until the knowledge review removed
    # that rule.)
    scenario = find_scenario(scenario_id)
    result = analyse(find_pack(None, scenario), scenario, draws=2000, shares=False,
                     value_of_information=False)
    check = result.key_assumptions
    assert check is not None
    run = cli("brief", scenario_id, "--draws", "2000")
    assert run.code == 0, run.err
    bottom = run.out.split("## Bottom line")[1].split("###")[0]
    if check.rules:
        first = check.rules[0]
        assert f"rests on the {'risk rule' if first.kind == 'risk rule' else 'rule'} “" \
            in bottom and f"({first.subject};" in bottom
        rests = run.out.split("## What this rests on")[1].split("\n## ")[0]
        assert f"({first.subject}) {first.change}" in rests
    else:
        assert "rests on the rule" not in bottom and "rests on the risk rule" not in bottom


def test_uzbekistan_never_names_declared_neutrality(cli: Callable[..., Run]) -> None:
    run = cli("brief", "uzbekistan-2025", "--draws", "2000")
    assert run.code == 0, run.err
    page_one = run.out.split("## Options compared")[0].lower()
    assert "neutrality" not in page_one
    data = json.loads(cli("sensitivity", "uzbekistan-2025", "--draws", "2000", "-f",
                          "json").out)
    assert all(d["factor"] != "neutrality" for d in data["one_way"])
    assert all(p["subject"] != "neutrality" for p in data["key_assumptions"]["linchpins"])


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "csv"])
def test_explain_assumptions_in_every_format(cli: Callable[..., Run], fmt: str) -> None:
    run = cli("explain", "tajikistan-2025", "--assumptions", "-f", fmt)
    assert run.code == 0, run.err
    scenario = find_scenario("tajikistan-2025")
    check = base_case_assumptions(score(find_pack(None, scenario), scenario))
    assert check.linchpins  # a close base case: several assumptions decide it
    rules = [p.subject for p in check.rules]
    assert all(rule in run.out for rule in rules)
    if fmt in ("table", "markdown"):
        assert "What this rests on" in run.out and "Unsupported: judgement" in run.out
    if fmt == "json":
        data = json.loads(run.out)
        assert data["schema"] == "crossroads.score/2"
        assert data["key_assumptions"]["basis"] == "base case"


def test_a_variant_scores_as_the_array_engine_scores_it_from_scratch() -> None:
    # DrawBatch recomputes only what a change touches; the result must be the engine's.
    import numpy as np

    from crossroads.io.lookup import find_pack, find_scenario
    from crossroads.robustness.analysis import _Inputs
    from crossroads.robustness.sources import SOURCES, Plan
    from crossroads.robustness.vectorised import Perturbation
    from crossroads.robustness.what_if_batch import DrawBatch

    scenario = find_scenario("uzbekistan-2025-government")
    inputs = _Inputs(find_pack(None, scenario), scenario)
    weights, values, perturbation, _ = inputs.draw(Plan(frozenset(SOURCES)), 60, 9, 50.0)
    weights = np.ascontiguousarray(weights)
    scorer, aversion = inputs.scorer, inputs.base.risk_aversion
    batch = DrawBatch(scorer, values, weights, aversion, perturbation)
    assert np.allclose(batch.scores(), scorer.scores(values, weights, aversion, perturbation),
                       rtol=0, atol=1e-9)
    assert perturbation.points is not None and perturbation.likelihood is not None
    for index in range(len(scorer.rules)):
        points = perturbation.points.copy()
        points[index] = 0.0
        fresh = scorer.scores(values, weights, aversion,
                              Perturbation(points, perturbation.likelihood,
                                           perturbation.impact, perturbation.risk_aversion))
        assert np.allclose(batch.without_rule(index), fresh, rtol=0, atol=1e-9)
    for index in range(len(scorer.risk_rules)):
        likelihood = perturbation.likelihood.copy()
        likelihood[index] = 0.0
        fresh = scorer.scores(values, weights, aversion,
                              Perturbation(perturbation.points, likelihood,
                                           perturbation.impact, perturbation.risk_aversion))
        assert np.allclose(batch.without_risk_rule(index), fresh, rtol=0, atol=1e-9)
    for factor, moved in (("russian_pressure", 4.0), ("remittances_gdp", 0.3),
                          ("recent_pressure_event", True)):
        fresh = scorer.scores({**values, factor: moved}, weights, aversion, perturbation)
        assert np.allclose(batch.with_value(factor, moved), fresh, rtol=0, atol=1e-9)
