"""Honest headline (issue 18): when the draws varying only what the files state recommend
another option than the full run, the bottom line is a close call naming both, with the
defaults that make the difference."""

from __future__ import annotations

from dataclasses import replace

from crossroads.io.lookup import find_pack, find_scenario
from crossroads.report.briefing.build import build_briefing
from crossroads.report.sensitivity_data import as_dict
from crossroads.robustness.analysis import analyse
from crossroads.robustness.recommendation import recommend, with_stated_only
from crossroads.robustness.result import summarise

TITLES = {"a": "Economic diversification", "b": "Regional trade", "c": "Hedging"}


def test_a_stated_only_leader_makes_a_close_call_naming_both() -> None:
    full_shares = {"a": 0.632, "b": 0.30, "c": 0.068}
    full = recommend(full_shares, ["a", "b", "c"], 10_000)
    assert not full.close_call  # 63% alone would read "Recommend"
    stated = recommend({"a": 0.39, "b": 0.568, "c": 0.042}, ["a", "b", "c"], 10_000)
    rec = with_stated_only(full, stated, full_shares, ["points", "risk_aversion"])
    assert rec.close_call and (rec.modal, rec.other) == ("a", "b")
    text = rec.statement(TITLES)
    assert text.startswith("Close call between Economic diversification (first in 63%")
    assert "Regional trade (first in 57% of the same draws varying only what the files state)" \
        in text
    assert "the rules' points and risk aversion make the difference" in text


def test_the_same_leader_both_ways_leaves_the_recommendation_alone() -> None:
    full = recommend({"a": 0.7, "b": 0.3}, ["a", "b"], 10_000)
    stated = recommend({"a": 0.9, "b": 0.1}, ["a", "b"], 10_000)
    assert with_stated_only(full, stated, {"a": 0.7, "b": 0.3}, ["points"]) == full


def test_the_briefing_and_the_json_carry_the_reason() -> None:
    scenario = find_scenario("kazakhstan-2025")
    result = analyse(find_pack(None, scenario), scenario, draws=1000, shares=False,
                     value_of_information=False)
    runner = result.options[1]
    first = {o: result.acceptability[o][0] for o in result.options}
    # As if the stated-only draws had put the runner-up first.
    stated = recommend({runner: 0.6, result.recommended: 0.4}, list(result.options), 1000)
    rec = with_stated_only(result.recommendation, stated, first, ["points"])  # type: ignore[arg-type]
    brief = build_briefing(result.base, robustness=replace(summarise(result),
                                                           recommendation=rec))
    assert brief.bottom_line.verdict == "close call"
    assert brief.bottom_line.alternative_id == runner
    assert "Varying only what the files state" in brief.bottom_line.reason
    data = as_dict(replace(result, recommendation=rec))
    assert data["recommendation"]["stated_only_leader"] == runner
    assert data["recommendation"]["differs_by_defaults_of"] == ["points"]
