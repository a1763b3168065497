"""Rule points are a source of uncertainty of their own: each rule's points are drawn
within the rule's own ``uncertainty:``, else the pack's, and held where neither is stated
and defaults are off (the mutation run found these lines untested)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from conftest import DATA
from crossroads.core.model import Pack
from crossroads.io.loader import load_pack
from crossroads.io.lookup import find_pack, find_scenario
from crossroads.io.scenario_file import load_scenario
from crossroads.robustness.analysis import analyse
from crossroads.robustness.sources import Plan, draw_perturbation
from crossroads.robustness.vectorised import VectorScorer

ROBUST_PACK = DATA / "robust-pack"
MIXED = DATA / "robust-scenarios" / "mixed.yaml"
DRAWS = 4000


def _pack(points: float, declared: tuple[str, ...]) -> Pack:
    pack = load_pack(ROBUST_PACK)
    first, *rest = pack.rules
    return replace(pack, rules=(replace(first, uncertainty=0.5), *rest),
                   uncertainty=replace(pack.uncertainty, points=points, declared=declared))


def _points(pack: Pack, plan: Plan) -> np.ndarray | None:
    scenario = load_scenario(MIXED)
    return draw_perturbation(np.random.default_rng(1), pack, scenario, VectorScorer(pack),
                             1.0, DRAWS, plan).points


def test_each_rule_is_drawn_within_its_own_spread_else_the_packs() -> None:
    points = _points(_pack(0.1, ("points",)), Plan(frozenset({"points"}), defaults=False))
    assert points is not None and points.shape[1] == DRAWS
    own, others = points[0], points[1:]
    # The rule's own ±50 %: the multipliers fill [0.5, 1.5].
    assert own.min() >= 0.5 and own.max() <= 1.5
    assert own.min() < 0.55 and own.max() > 1.45
    # The pack's declared ±10 % for every other rule.
    assert others.min() >= 0.9 and others.max() <= 1.1
    assert (others.std(axis=1) > 0.04).all()


def test_without_defaults_only_stated_spreads_vary() -> None:
    # The pack states no `points:` spread, and defaults are off: only the rule with its
    # own `uncertainty:` is drawn; the others keep their points exactly.
    points = _points(_pack(0.3, ()), Plan(frozenset({"points"}), defaults=False))
    assert points is not None
    assert points[0].std() > 0.2
    assert (points[1:] == 1.0).all()
    # With defaults on, the pack's default spread (±30 %) applies to them.
    with_defaults = _points(_pack(0.3, ()), Plan(frozenset({"points"})))
    assert with_defaults is not None
    assert with_defaults[1:].min() < 0.75 and with_defaults[1:].max() > 1.25


def test_points_left_out_of_the_plan_are_not_drawn() -> None:
    assert _points(_pack(0.1, ("points",)), Plan(frozenset({"weights"}))) is None


def test_varying_the_points_alone_moves_a_close_ranking() -> None:
    # Tajikistan is a close call: the rules' points, drawn alone, must move it.
    scenario = find_scenario("tajikistan-2025")
    pack = find_pack(None, scenario)
    varied = analyse(pack, scenario, draws=2000, seed=5, sources=("points",), shares=False,
                     value_of_information=False)
    first = {o: shares[0] for o, shares in varied.acceptability.items()}
    assert sum(1 for share in first.values() if share > 0.02) >= 2
    assert [s.source for s in varied.sources if s.included] == ["points"]
