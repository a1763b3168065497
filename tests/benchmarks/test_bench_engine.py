"""Engine throughput on the shipped pack: 10,000 scenario variants through the full
engine (`engine.evaluate`, which builds every explanation object).

Run: python -m pytest tests/benchmarks --benchmark-only
Many-scenario work goes through `crossroads.services.compare` (tests/benchmarks/
test_bench_compare.py); robustness draws use the vectorised scorer.
"""

from __future__ import annotations

from typing import Any

import pytest

from crossroads import find_pack, find_scenario
from crossroads.core.engine import evaluate
from crossroads.core.inputs import resolve_factors, resolve_weights
from crossroads.core.model import Pack
from variants import variants

N = 10_000


@pytest.fixture(scope="module")
def setup() -> tuple[Pack, dict[str, float], list[dict[str, Any]]]:
    scenario = find_scenario("kazakhstan-2025")
    pack = find_pack(None, scenario)
    values, _, _ = resolve_factors(pack, scenario)
    weights, _ = resolve_weights(pack, scenario)
    return pack, weights, variants(pack, values, N)


def test_full_engine_10k(benchmark: Any,
                                  setup: tuple[Pack, dict[str, float], list[dict[str, Any]]]
                                  ) -> None:
    pack, weights, sets = setup

    def run() -> int:
        return sum(len(evaluate(pack, values, weights, 1.0)) for values in sets)

    assert benchmark.pedantic(run, rounds=2, iterations=1) == N * len(pack.options)
