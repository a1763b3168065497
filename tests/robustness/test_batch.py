"""score_many: the vectorised engine over many in-memory scenarios equals score() on each."""

from __future__ import annotations

import random
from dataclasses import replace
from itertools import pairwise

import pytest

from crossroads import (
    InputError,
    Pack,
    Scenario,
    find_pack,
    find_scenario,
    score,
    score_many,
    with_overrides,
)
from crossroads.core.model import FactorKind

SHIPPED = ["kazakhstan-2025", "uzbekistan-2025-government", "tajikistan-2025"]


def variants(pack: Pack, base: Scenario, count: int, seed: int) -> list[Scenario]:
    """Variants changing facts of every kind, priorities and the risk aversion at random."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        facts: dict[str, object] = {}
        for factor in rng.sample(list(pack.factors.values()), 6):
            if factor.kind == FactorKind.NUMBER:
                low = factor.minimum if factor.minimum is not None else -5.0
                high = factor.maximum if factor.maximum is not None else 5.0
                facts[factor.id] = rng.uniform(low, high)
            elif factor.kind == FactorKind.BOOLEAN:
                facts[factor.id] = rng.random() < 0.5
            else:
                facts[factor.id] = rng.choice(factor.labels)
        weights = {c: rng.choice([0.0, 0.5, 1.0, 3.0]) for c in rng.sample(
            list(pack.criteria), 2)}
        weights[rng.choice(list(pack.criteria))] = 2.0  # never all zero
        out.append(with_overrides(pack, base, facts, weights=weights,
                                  risk_aversion=rng.choice([None, 0.0, 0.5, 2.0])))
    return out


@pytest.mark.parametrize("name", SHIPPED)
def test_score_many_equals_score_on_each_scenario(name: str) -> None:
    base = find_scenario(name)
    pack = find_pack(None, base)
    batch = variants(pack, base, 150, seed=len(name))
    many = score_many(pack, batch)
    assert many.scores.shape == (150, len(pack.options)) and len(many) == 150
    for index, scenario in enumerate(batch):
        result = score(pack, scenario)
        expected = {o.id: o.score for o in result.options}
        got = dict(zip(many.options, many.scores[index], strict=True))
        assert got == pytest.approx(expected, abs=1e-9)
        # The same order; options tied in exact arithmetic may differ in the last digits
        # (summed in another order), so ties are only as close as 1e-9.
        order = [expected[o] for o, _ in many.ranking(index)]
        assert all(a >= b - 1e-9 for a, b in pairwise(order))
        assert expected[many.leaders[index]] == pytest.approx(result.leader.score, abs=1e-9)


def test_ties_go_to_the_smaller_id_as_in_score() -> None:
    base = find_scenario("kazakhstan-2025")
    pack = find_pack(None, base)
    # Every weight zero but one criterion no option scores on: all options tie at 0.
    silent = with_overrides(pack, base, risk_aversion=0.0, weights={
        c: 0.0 if i else 1.0 for i, c in enumerate(pack.criteria)})
    many = score_many(pack, [silent, base])
    assert many.leaders[0] == score(pack, silent).leader.id
    assert many.result(1).leader.id == many.leaders[1] == score(pack, base).leader.id


def test_a_bad_fact_in_any_scenario_is_the_error_score_gives() -> None:
    base = find_scenario("kazakhstan-2025")
    pack = find_pack(None, base)
    broken = replace(base, factors={**base.factors, "oil_exports_via_russia": replace(
        base.factors["oil_exports_via_russia"], value=7.0, low=None, high=None)})
    with pytest.raises(InputError) as from_score:
        score(pack, broken)
    with pytest.raises(InputError) as from_many:
        score_many(pack, [base, broken, base])
    assert [p.render() for p in from_many.value.problems] == \
        [p.render() for p in from_score.value.problems]


def test_no_scenarios_no_scores() -> None:
    pack = find_pack("partner-engagement")
    many = score_many(pack, [])
    assert len(many) == 0 and many.leaders == []
