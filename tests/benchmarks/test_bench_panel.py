"""A panel of 20 analysts with 10,000 draws, against one analyst's 10,000 draws.

The panel's draws are split among the analysts by vote, so the work grows with the
number of analysts only by scoring each view once and compiling its draws: the target is
within 5x one analyst's run.  Bare Python (`python -c pass`) is timed in the same run, so
the ratios can be read against the machine.

Run: python -m pytest tests/benchmarks/test_bench_panel.py -q --benchmark-only -s
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from dataclasses import replace

import pytest

from crossroads import find_pack, find_scenario
from crossroads.core.errors import Location
from crossroads.core.panel import Analyst
from crossroads.robustness.analysis import first_place_shares
from crossroads.services.panel import analyse_panel
from crossroads.services.panel_draws import panel_robustness

DRAWS = 10_000
ANALYSTS = 20


def _panel(criteria: list[str]) -> list[Analyst]:
    rng = random.Random(5)
    return [Analyst(name=f"Analyst {k}", role="", voting_weight=rng.uniform(0.5, 2),
                    priorities={c: rng.randint(0, 5) + 1 for c in criteria},
                    judgements=(), factors={}, rationale="", pack="partner-engagement",
                    location=Location(f"analyst-{k}.yaml")) for k in range(ANALYSTS)]


def _median(f: object, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        f()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return sorted(times)[runs // 2]


@pytest.mark.benchmark(group="panel")
def test_panel_of_20_with_10000_draws(benchmark: object) -> None:
    scenario = find_scenario("kyrgyzstan-2025")
    pack = find_pack(None, scenario)
    analysts = _panel(list(pack.criteria))
    bare = _median(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))
    single = _median(lambda: first_place_shares(pack, scenario, DRAWS, 1))
    analysis = analyse_panel(pack, scenario, analysts)
    panel = _median(lambda: panel_robustness(pack, scenario, analysis, DRAWS, 1))
    whole = _median(lambda: panel_robustness(pack, scenario,
                                             analyse_panel(pack, scenario, analysts),
                                             DRAWS, 1))
    print(f"\npython -c pass: {bare * 1000:.1f} ms")
    print(f"one analyst, {DRAWS:,} draws: {single * 1000:.0f} ms ({single / bare:.1f}x bare)")
    print(f"panel of {ANALYSTS}, {DRAWS:,} draws: {panel * 1000:.0f} ms "
          f"({panel / single:.1f}x one analyst; {panel / bare:.1f}x bare)")
    print(f"panel of {ANALYSTS} scored and drawn: {whole * 1000:.0f} ms "
          f"({whole / single:.1f}x one analyst)")
    benchmark(lambda: panel_robustness(pack, scenario, replace(analysis), DRAWS, 1))  # type: ignore[operator]
    assert panel / single < 5
