"""Sensitivity throughput on the shipped pack: 10,000 draws with every source of uncertainty
(weights, facts, rule points, likelihoods and impacts, risk aversion, judgement factors).

Target: under 1 s of engine time (the main run; the stated-only run and the one-source
runs behind the variance shares come on top).  Baseline in the same run: scoring the same 10,000
drawn scenarios one by one with ``engine.score`` (what a naive Monte Carlo loop would do).

Run: python -m pytest tests/benchmarks/test_bench_sensitivity.py -q --benchmark-only -s
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from crossroads import find_pack, find_scenario
from crossroads.core.engine import score
from crossroads.core.inputs import resolve_weights
from crossroads.core.model import FactorValue, Pack, Scenario
from crossroads.robustness.analysis import (
    analyse,
    draw_facts,
    draw_weights,
    uncertain_factors,
)

DRAWS = 10_000
SEED = 1


@pytest.fixture(scope="module")
def inputs() -> tuple[Pack, Scenario]:
    scenario = find_scenario("kazakhstan-2025")
    return find_pack(None, scenario), scenario


def _one_by_one(pack: Pack, scenario: Scenario, draws: int) -> list[str]:
    """The baseline: the same kind of draws, each scored as a whole scenario."""
    rng = np.random.default_rng(SEED)
    weights, _ = resolve_weights(pack, scenario)
    criteria = list(pack.criteria)
    drawn_w = draw_weights(rng, np.array([weights[c] for c in criteria]), draws)
    factors = uncertain_factors(pack, scenario)
    facts = draw_facts(rng, pack, scenario, factors, draws)
    leaders = []
    for d in range(draws):
        changed = dict(scenario.factors)
        for f in factors:
            value: Any = facts[f.id][d]
            value = f.labels[int(value)] if f.kind == "level" else float(value)
            changed[f.id] = FactorValue(value, scenario.factors[f.id].location)
        variant = replace(scenario, factors=changed,
                          priorities=dict(zip(criteria, drawn_w[d].tolist(), strict=True)))
        leaders.append(score(pack, variant).leader.id)
    return leaders


def test_sensitivity_10k_draws(benchmark: Any, inputs: tuple[Pack, Scenario]) -> None:
    pack, scenario = inputs
    result = benchmark.pedantic(analyse, args=(pack, scenario, DRAWS, SEED), rounds=5,
                                iterations=1)
    assert result.draws == DRAWS
    assert result.uncertain_factors  # the shipped scenario has ranges: facts really vary
    assert result.engine_seconds < 1.0
    assert all(s.included for s in result.sources)
    print(f"\nsensitivity, {DRAWS:,} draws (all sources, {len(result.uncertain_factors)} "
          f"factor ranges): engine {result.engine_seconds * 1000:.1f} ms")


def test_all_sources_against_weights_only(benchmark: Any, inputs: tuple[Pack, Scenario]
                                          ) -> None:
    """The cost of varying everything, as a ratio to the weights-only run on this machine."""
    pack, scenario = inputs
    everything = benchmark.pedantic(analyse, args=(pack, scenario, DRAWS, SEED), rounds=3,
                                     iterations=1, kwargs={"shares": False})
    weights_only = min((analyse(pack, scenario, DRAWS, SEED, sources=("weights",),
                                shares=False) for _ in range(3)),
                       key=lambda r: r.engine_seconds)
    ratio = everything.engine_seconds / weights_only.engine_seconds
    benchmark.extra_info.update(all_sources=everything.engine_seconds,
                                weights_only=weights_only.engine_seconds, ratio=ratio)
    print(f"\n{DRAWS:,} draws: all sources {everything.engine_seconds * 1000:.1f} ms, "
          f"weights only {weights_only.engine_seconds * 1000:.1f} ms, ratio {ratio:.2f}")
    assert everything.engine_seconds < 1.0


def test_score_one_by_one_baseline(benchmark: Any, inputs: tuple[Pack, Scenario]) -> None:
    pack, scenario = inputs
    leaders = benchmark.pedantic(_one_by_one, args=(pack, scenario, DRAWS), rounds=1,
                                 iterations=1)
    assert len(leaders) == DRAWS


def test_ratio_in_one_run(benchmark: Any, inputs: tuple[Pack, Scenario]) -> None:
    """Both paths timed side by side here, so the ratio holds on whatever machine runs it."""
    pack, scenario = inputs
    result = benchmark.pedantic(analyse, args=(pack, scenario, DRAWS, SEED), rounds=3,
                                iterations=1)
    vectorised = result.engine_seconds
    started = time.perf_counter()
    _one_by_one(pack, scenario, DRAWS)
    scalar = time.perf_counter() - started
    benchmark.extra_info.update(engine_seconds=vectorised, one_by_one_seconds=scalar,
                                ratio=scalar / vectorised)
    print(f"\n{DRAWS:,} draws: vectorised engine {vectorised * 1000:.1f} ms, "
          f"engine.score one by one {scalar * 1000:.0f} ms, ratio {scalar / vectorised:.0f}x")
    assert vectorised < 1.0
    assert scalar / vectorised > 5
