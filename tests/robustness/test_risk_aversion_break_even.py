"""The risk-aversion break-even is the crossing that changes the leader, pinned to adjacent
floats: the leader holds at one end, another option leads at the other (the mutation run
left the bisection's predicate untested)."""

from __future__ import annotations

from crossroads.core.engine import score
from crossroads.io.lookup import find_pack, find_scenario
from crossroads.robustness.breakeven import leader_at, risk_aversion_one_way


def test_the_break_even_separates_the_leader_from_its_successor() -> None:
    # Tajikistan: the baseline leads at risk aversion 1 by a hair; lower aversion hands
    # the lead to an option that carries more risk.
    scenario = find_scenario("tajikistan-2025")
    pack = find_pack(None, scenario)
    result = score(pack, scenario)
    leader, stated = result.leader.id, result.risk_aversion
    one_way = risk_aversion_one_way(pack, result.values, result.weights, stated, leader,
                                    stated / 2, stated * 2)
    assert one_way.break_even is not None and one_way.last_held is not None
    held, moved = one_way.last_held, one_way.break_even
    assert leader_at(pack, result.values, result.weights, held)[0] == leader
    assert leader_at(pack, result.values, result.weights, moved)[0] == one_way.new_leader
    assert one_way.new_leader != leader
    assert abs(moved - held) <= 1e-12 * max(1.0, abs(moved))
    # Scores are linear in the aversion: the crossing is where the two lines meet.
    mine, theirs = result.option(leader), result.option(one_way.new_leader)
    root = (mine.benefit - theirs.benefit) / (mine.risk - theirs.risk)
    assert abs(moved - root) <= 1e-9 * max(1.0, abs(root))
