"""The fast batch scorer agrees with the full engine."""

from __future__ import annotations

import random

import pytest

from crossroads import find_pack, find_scenario, score
from crossroads.core.engine import evaluate, resolve_factors, resolve_weights
from crossroads.io.resources import shipped_scenarios
from crossroads.services.batch import BatchScorer
from variants import variants


@pytest.mark.parametrize("scenario_id", sorted(shipped_scenarios()))
def test_batch_matches_engine_on_shipped_scenarios(scenario_id: str) -> None:
    scenario = find_scenario(scenario_id)
    pack = find_pack(None, scenario)
    result = score(pack, scenario)
    values, _, _ = resolve_factors(pack, scenario)
    scorer = BatchScorer(pack, result.weights, result.risk_aversion)
    assert scorer.ranking(values) == [o.id for o in result.options]
    for option_id, value in zip(scorer.option_ids, scorer.scores(values), strict=True):
        assert value == pytest.approx(result.option(option_id).score, abs=1e-12)


def test_batch_matches_engine_across_the_factor_space() -> None:
    scenario = find_scenario("kazakhstan-2025")
    pack = find_pack(None, scenario)
    base, _, _ = resolve_factors(pack, scenario)
    weights, _ = resolve_weights(pack, scenario)
    scorer = BatchScorer(pack, weights, 1.5)
    for values in variants(pack, base, 300, seed=random.Random(3).randrange(1000)):
        full = {o.id: o.score for o in evaluate(pack, values, weights, 1.5)}
        fast = dict(zip(scorer.option_ids, scorer.scores(values), strict=True))
        assert fast == pytest.approx(full, abs=1e-12)
