"""The key assumptions check on each shipped scenario, against ``score`` in the same run.

What `brief` and `sensitivity` pay for "What this rests on": :func:`analyse` with the
check minus without it (same draws, same seed), on every shipped scenario.  Target:
under 0.5 s added per scenario.  The ratio is to scoring the scenario once with
``engine.score`` (measured in the same run), and the check at the stated values
(``explain --assumptions``) is timed as well.

Run: python -m pytest tests/benchmarks/test_bench_assumptions.py -q --benchmark-only -s
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from crossroads import find_pack, find_scenario
from crossroads.core.engine import score
from crossroads.io.resources import shipped_scenarios
from crossroads.robustness.analysis import analyse
from crossroads.robustness.assumptions import base_case_assumptions

TARGET = 0.5  # seconds the check may add to `brief`


def _best(run: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


@pytest.mark.parametrize("scenario_id", sorted(shipped_scenarios()))
def test_key_assumptions_check_cost(benchmark: object, scenario_id: str) -> None:
    scenario = find_scenario(scenario_id)
    pack = find_pack(None, scenario)
    base = _best(lambda: score(pack, scenario), repeat=5)
    without = _best(lambda: analyse(pack, scenario, shares=False, assumptions=False))
    with_check = _best(lambda: analyse(pack, scenario, shares=False))
    at_base = _best(lambda: base_case_assumptions(score(pack, scenario)))
    added = with_check - without
    print(f"\n{scenario_id}: score {base * 1000:.1f} ms; check over draws adds "
          f"{added * 1000:.0f} ms ({added / base:.0f}x score); at the stated values "
          f"{at_base * 1000:.0f} ms ({at_base / base:.0f}x score)")
    assert added < TARGET
    benchmark.pedantic(lambda: analyse(pack, scenario, shares=False),  # type: ignore[attr-defined]
                       rounds=1, iterations=1)
