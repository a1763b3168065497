"""When do worker processes pay off for `crossroads compare`?  Sets PARALLEL_THRESHOLD.

Each batch is N copies of the shipped scenarios (two packs), compared in one process and
with two workers in the same run.  Starting workers and loading the packs in each costs a
fixed amount; the threshold sits where the two lines cross on a 2-core machine.

Run: python -m pytest tests/benchmarks/test_bench_compare.py -q --benchmark-only -s
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from crossroads.services.compare import PARALLEL_THRESHOLD, compare_files


def _batch(directory: Path, count: int) -> str:
    sources = sorted((ROOT / "scenarios").glob("*.yaml"))
    directory.mkdir()
    for i in range(count):
        shutil.copy(sources[i % len(sources)], directory / f"s{i:04d}.yaml")
    return str(directory)


@pytest.mark.parametrize("count", [100, PARALLEL_THRESHOLD, 1000])
def test_compare_one_process_vs_two(benchmark: Any, tmp_path: Path, count: int) -> None:
    batch = _batch(tmp_path / "batch", count)
    alone = benchmark.pedantic(compare_files, args=([batch],), kwargs={"workers": 1}, rounds=1,
                               iterations=1)
    started = time.perf_counter()
    pooled = compare_files([batch], workers=2)
    two = time.perf_counter() - started
    one = benchmark.stats.stats.max
    benchmark.extra_info.update(one_process=one, two_workers=two)
    print(f"\n{count} scenarios: one process {one:.2f} s, two workers {two:.2f} s "
          f"(ratio {one / two:.2f})")
    assert [r.options for r in pooled] == [r.options for r in alone]
