"""Value of information: EVPPI of every uncertain input of a shipped scenario from 10,000
draws, against the draws themselves and `python -c pass`, measured in the same run.

Target (issue 24): under 1 s of engine time for every input and group of kazakhstan-2025
(scaled, like the log's budget, by how much slower `python -c pass` is here than on the
reference machine), so that the briefing can have it on by default.

Run: python -m pytest tests/benchmarks/test_bench_voi.py -q --benchmark-only -s
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from typing import Any

import pytest

from crossroads import find_pack, find_scenario
from crossroads.io.resources import shipped_scenarios
from crossroads.robustness.analysis import analyse

DRAWS = 10_000
SEED = 1
BUDGET_S = 1.0
BARE_PYTHON_REFERENCE_S = 0.014  # `python -c pass` on the machine DESIGN.md's budgets assume


def _bare_python() -> float:
    """Median wall time of `python -c pass` over five runs."""
    times = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def test_voi_of_every_input_of_kazakhstan_2025(benchmark: Any) -> None:
    scenario = find_scenario("kazakhstan-2025")
    pack = find_pack(None, scenario)
    runs = benchmark.pedantic(
        lambda: [analyse(pack, scenario, DRAWS, SEED, shares=False) for _ in range(3)],
        rounds=1, iterations=1)
    best = min(runs, key=lambda r: r.value_of_information.seconds)
    voi = best.value_of_information
    assert voi is not None and voi.draws == DRAWS
    bare = _bare_python()
    seconds, draws_seconds = voi.seconds, min(r.engine_seconds for r in runs)
    budget = BUDGET_S * max(1.0, bare / BARE_PYTHON_REFERENCE_S)
    benchmark.extra_info.update(voi_seconds=seconds, draws_seconds=draws_seconds,
                                bare_python_seconds=bare, inputs=len(voi.inputs),
                                groups=len(voi.groups))
    print(f"\nkazakhstan-2025, {DRAWS:,} draws: EVPPI of {len(voi.inputs)} inputs and "
          f"{len(voi.groups)} groups in {seconds * 1e3:.0f} ms (best of 3); the draws "
          f"themselves {draws_seconds * 1e3:.0f} ms (ratio {seconds / draws_seconds:.1f}); "
          f"python -c pass {bare * 1e3:.0f} ms (ratio {seconds / bare:.1f}); "
          f"budget here {budget * 1e3:.0f} ms")
    assert seconds < budget


@pytest.mark.parametrize("name", sorted(shipped_scenarios()))
def test_voi_of_each_shipped_scenario(benchmark: Any, name: str) -> None:
    scenario = find_scenario(name)
    pack = find_pack(None, scenario)
    result = benchmark.pedantic(analyse, args=(pack, scenario, DRAWS, SEED),
                                kwargs={"shares": False}, rounds=1, iterations=1)
    voi = result.value_of_information
    assert voi is not None
    print(f"\n{name}: EVPPI of {len(voi.inputs)} inputs in {voi.seconds * 1e3:.0f} ms; "
          f"draws {result.engine_seconds * 1e3:.0f} ms")
