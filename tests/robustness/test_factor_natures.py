"""Factor natures (issue 18): fixed facts never vary, measured facts vary within their stated
range, judgements only as the scenario states; level moves are symmetric; the draws never
break the pack's constraints."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crossroads.core.confidence import judge_confidence
from crossroads.core.engine import score
from crossroads.core.errors import InputError
from crossroads.core.model import FactorNature, Pack, Scenario
from crossroads.io.loader import load_pack
from crossroads.io.lookup import find_pack, find_scenario
from crossroads.io.resources import shipped_scenarios
from crossroads.io.scenario_file import load_scenario
from crossroads.robustness.analysis import _Inputs, analyse
from crossroads.robustness.sources import SOURCES, Plan, level_move_distribution

PACK = """
format: crossroads.pack/1
id: flip
version: "1.0"
title: A yes/no fact decides
factors:
  - {id: event, type: boolean, nature: judged, label: Recent coercive act, default: false}
  - {id: member, type: boolean, nature: fixed, label: Alliance member, default: false}
  - {id: pressure, type: level, nature: judged, label: Pressure, levels: [low, medium, high],
     default: medium}
  - {id: share, type: number, nature: measured, label: Trade share, min: 0, max: 1,
     default: 0.2}
  - {id: other, type: number, nature: measured, label: Other share, min: 0, max: 1,
     default: 0.2}
constraints:
  - id: shares-add-up
    when: share + other <= 1
    message: the shares cannot add up to more than the whole
criteria:
  - {id: c1, title: First, scale: [-10, 10], weight: 1}
options:
  - {id: a, title: Option A, source: test}
  - {id: b, title: Option B, source: test}
rules:
  - id: act-helps-a
    when: event
    effects: [{option: a, criterion: c1, points: 3}]
  - id: member-helps-b
    when: not member
    effects: [{option: b, criterion: c1, points: 1}]
  - id: share-helps-b
    effects: [{option: b, criterion: c1, points: share}]
"""


def _load(write: Callable[[str, str], Path], factors: str, name: str = "s"
          ) -> tuple[Pack, Scenario]:
    pack = load_pack(write("flip/pack.yaml", PACK).parent)
    text = ("format: crossroads.scenario/1\nid: flip-s\ntitle: T\nsubject: Test\npack: flip\n"
            "factors:\n" + factors)
    return pack, load_scenario(write(f"{name}.yaml", text))


def test_a_judged_boolean_flips_only_with_the_stated_p_wrong(
        write: Callable[[str, str], Path]) -> None:
    pack, scenario = _load(write, '  event: {value: true, p_wrong: 0.2, source: "analyst"}\n')
    result = analyse(pack, scenario, draws=6000, seed=5, shares=False)
    assert result.leader == "a"
    assert result.judgement_factors == ("event",)
    # Option A is first unless the reading is wrong: about 80% of the draws.
    assert result.acceptability["a"][0] == pytest.approx(0.8, abs=0.03)
    flip = next(d for d in result.one_way if d.factor == "event")
    assert (flip.break_even, flip.new_leader) == (False, "b")
    assert judge_confidence(result.base).deciding_judgements == ("event",)


def test_a_judgement_without_stated_doubt_is_held_and_listed(
        write: Callable[[str, str], Path]) -> None:
    pack, scenario = _load(write, '  event: {value: true, source: "analyst judgement"}\n')
    result = analyse(pack, scenario, draws=2000, seed=5, shares=False)
    # No hidden default flips it: option A is first in every draw ...
    assert result.acceptability["a"][0] == 1.0
    assert result.judgement_factors == ()
    # ... and the run says which values it held without a stated doubt.
    assert "event" in result.held_factors and "member" not in result.held_factors
    # What would change it still names the judgement (a what-if, not a draw).
    assert any(d.factor == "event" and d.new_leader == "b" for d in result.one_way)


def test_a_fixed_fact_is_never_moved_nor_named_as_what_would_change_it(
        write: Callable[[str, str], Path]) -> None:
    pack, scenario = _load(write, '  event: {value: true, p_wrong: 0.1, source: "x"}\n'
                                  '  member: false\n')
    assert pack.factors["member"].nature == FactorNature.FIXED
    result = analyse(pack, scenario, draws=2000, seed=5, shares=False)
    assert all(d.factor != "member" for d in result.one_way)
    assert "member" not in result.held_factors and "member" not in result.judgement_factors


@pytest.mark.parametrize(("entry", "message"), [
    ("member: {value: false, p_wrong: 0.1}", "member is a fixed fact"),
    ("share: {value: 0.2, p_wrong: 0.1}", "p_wrong is the chance that a judged"),
    ("pressure: {value: medium, range: [low, high], p_wrong: 0.1}", "both a range and p_wrong"),
])
def test_doubt_the_nature_forbids_is_a_located_error(
        write: Callable[[str, str], Path], entry: str, message: str) -> None:
    pack, scenario = _load(write, f"  {entry}\n")
    with pytest.raises(InputError) as caught:
        score(pack, scenario)
    problem = caught.value.problems[0]
    assert message in problem.message and problem.location.line == 7 and problem.hint


def test_a_p_wrong_above_one_half_is_refused_where_it_is_written(
        write: Callable[[str, str], Path]) -> None:
    with pytest.raises(InputError) as caught:
        _load(write, "  event: {value: true, p_wrong: 0.7}\n")
    problem = caught.value.problems[0]
    assert "p_wrong" in problem.message and problem.location.line == 7


def test_an_unknown_nature_is_a_located_error(write: Callable[[str, str], Path]) -> None:
    with pytest.raises(InputError) as caught:
        load_pack(write("bad/pack.yaml", PACK.replace("nature: fixed", "nature: fixd")).parent)
    problem = caught.value.problems[0]
    assert "unknown factor nature 'fixd'" in problem.message
    assert "did you mean 'fixed'" in problem.hint and problem.location.line == 7


def test_draws_that_break_a_constraint_are_drawn_again_and_counted(
        write: Callable[[str, str], Path]) -> None:
    pack, scenario = _load(write, "  share: {value: 0.5, range: [0.1, 0.9]}\n"
                                  "  other: {value: 0.4, range: [0.1, 0.9]}\n")
    inputs = _Inputs(pack, scenario)
    _, values, _, consistency = inputs.draw(Plan(frozenset(SOURCES)), 5000, 7, 50.0)
    assert np.all(values["share"] + values["other"] <= 1)
    # Two independent U(0.1, 0.9) shares add up to more than 1 in half of the draws.
    assert consistency.redrawn == pytest.approx(0.5, abs=0.03)
    assert consistency.fallback == 0.0
    result = analyse(pack, scenario, draws=2000, seed=5, shares=False)
    assert any("broke one of the pack's constraints" in note for note in result.notes)


@given(levels=st.integers(2, 9), data=st.data(),
       p_wrong=st.floats(0.0, 0.5, allow_nan=False))
def test_level_moves_are_symmetric(levels: int, data: st.DataObject, p_wrong: float) -> None:
    position = data.draw(st.integers(0, levels - 1))
    moves = level_move_distribution(position, levels, p_wrong)
    assert sum(moves.values()) == pytest.approx(1.0)
    # Every neighbour on the scale gets p/2, at an end of the scale as in the middle.
    for neighbour in (position - 1, position + 1):
        if 0 <= neighbour < levels:
            assert moves[neighbour] == pytest.approx(p_wrong / 2)
    assert set(moves) <= {position - 1, position, position + 1}
    # Mirror image: the scale read from the other end gives the same distribution.
    mirrored = level_move_distribution(levels - 1 - position, levels, p_wrong)
    assert {levels - 1 - k: v for k, v in mirrored.items()} == pytest.approx(moves)


@pytest.mark.parametrize("value", ["low", "medium", "high"])
def test_drawn_level_moves_follow_the_stated_distribution(
        write: Callable[[str, str], Path], value: str) -> None:
    pack, scenario = _load(write, f"  pressure: {{value: {value}, p_wrong: 0.3}}\n", value)
    inputs = _Inputs(pack, scenario)
    _, values, _, _ = inputs.draw(Plan(frozenset(SOURCES)), 20000, 3, 50.0)
    position = pack.factors["pressure"].labels.index(value)
    for target, probability in level_move_distribution(position, 3, 0.3).items():
        assert np.mean(values["pressure"] == target) == pytest.approx(probability, abs=0.015)


@pytest.mark.parametrize("scenario_id", sorted(shipped_scenarios()))
def test_shipped_draws_never_vary_a_fixed_fact_nor_break_a_constraint(
        scenario_id: str) -> None:
    scenario = find_scenario(scenario_id)
    pack = find_pack(None, scenario)
    inputs = _Inputs(pack, scenario)
    # The shipped facts themselves are consistent, so every constraint guides the draws.
    assert inputs.constraints.not_enforced == ()
    _, values, _, _ = inputs.draw(Plan(frozenset(SOURCES)), 4000, 11, 50.0)
    for factor in pack.factors.values():
        drawn = np.asarray(values[factor.id])
        if factor.nature == FactorNature.FIXED:
            assert np.all(drawn == np.asarray(values[factor.id]).flat[0])
            assert np.all(drawn == inputs.values[factor.id]), factor.id
    assert not inputs.constraints.broken(values, 4000).any()
