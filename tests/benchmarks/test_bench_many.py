"""Many scenarios: score_many over in-memory variants, and `compare` of a folder of files.

Run: python -m pytest tests/benchmarks/test_bench_many.py --benchmark-only -s

Targets (issue 22): 10,000 in-memory scenario variants scored in under 1 s through the
public API; `compare` of 1,000 scenario files spending most of its time parsing YAML.
Bare Python (`python -c pass`) is timed in the same run and every figure is also given
as a multiple of it.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from crossroads import Scenario, find_pack, find_scenario, score, score_many, with_overrides
from crossroads.core.model import FactorKind, Pack

N = 10_000
FILES = 1_000


def _median(f: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        f()
        times.append(time.perf_counter() - started)
    return sorted(times)[runs // 2]


def _bare() -> float:
    return _median(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 9)


def _variants(pack: Pack, base: Scenario, count: int) -> list[Scenario]:
    """What a sweep script makes: a few facts and the risk aversion changed per variant."""
    rng = random.Random(22)
    numbers = [f for f in pack.factors.values() if f.kind == FactorKind.NUMBER]
    levels = [f for f in pack.factors.values() if f.kind == FactorKind.LEVEL]
    out = []
    for _ in range(count):
        number, level = rng.choice(numbers), rng.choice(levels)
        out.append(with_overrides(pack, base, {
            number.id: rng.uniform(number.minimum or 0.0, number.maximum or 1.0),
            level.id: rng.choice(level.labels)}, risk_aversion=rng.choice([0.5, 1.0, 2.0])))
    return out


@pytest.mark.benchmark(group="many")
def test_score_many_10k_in_memory_variants(benchmark: Any) -> None:
    base = find_scenario("kazakhstan-2025")
    pack = find_pack(None, base)
    started = time.perf_counter()
    batch = _variants(pack, base, N)
    made = time.perf_counter() - started
    bare = _bare()
    many = _median(lambda: score_many(pack, batch), 3)
    sample = batch[:500]
    one_by_one = _median(lambda: [score(pack, s) for s in sample], 3) * N / len(sample)
    print(f"\npython -c pass: {bare * 1000:.1f} ms")
    print(f"{N:,} variants made with with_overrides: {made:.2f} s")
    print(f"score_many of {N:,}: {many * 1000:.0f} ms ({many / bare:.1f}x bare)")
    print(f"score() one by one, {N:,} (from {len(sample)}): {one_by_one:.2f} s "
          f"({one_by_one / bare:.0f}x bare; {one_by_one / many:.0f}x score_many)")
    benchmark.extra_info.update(bare=bare, score_many=many, one_by_one=one_by_one)
    benchmark.pedantic(score_many, args=(pack, batch), rounds=1, iterations=1)
    assert many * 10 < one_by_one


def _folder(directory: Path, count: int) -> Path:
    sources = sorted((ROOT / "scenarios").glob("*.yaml"))
    directory.mkdir()
    for i in range(count):
        shutil.copy(sources[i % len(sources)], directory / f"s{i:04d}.yaml")
    return directory


@pytest.mark.benchmark(group="many")
def test_compare_1000_files_split(benchmark: Any, tmp_path: Path) -> None:
    from rich.console import Console

    from crossroads.core.constraints import warnings_at
    from crossroads.report.compare import compare_to_dict, render_compare
    from crossroads.services.compare import compare_files, ranking_of
    from crossroads.services.inputs import load_inputs

    folder = _folder(tmp_path / "many", FILES)
    files = sorted(str(p) for p in folder.glob("*.yaml"))
    packs: dict[str, Pack] = {}
    load_inputs(files[0], packs=packs)  # the shipped packs loaded once, as compare does
    times: dict[str, float] = {}

    def timed(name: str, f: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        out = f()
        times[name] = time.perf_counter() - started
        return out

    scenarios = timed("parse", lambda: [find_scenario(f) for f in files])
    inputs = timed("inputs", lambda: [load_inputs(f, packs=packs, check_constraints=False)
                                      for f in files])
    times["inputs"] -= times["parse"]  # load_inputs parses again: count the rest only
    results = timed("score", lambda: [score(i.pack, i.scenario) for i in inputs])
    rows = timed("rank", lambda: [
        ranking_of(r, f, warnings=warnings_at(r.pack, r.scenario, r.values))
        for r, f in zip(results, files, strict=True)])
    timed("render json", lambda: json.dumps(compare_to_dict(rows)))
    timed("render table", lambda: render_compare(rows, Console(file=io.StringIO(),
                                                                 width=100)))
    whole = timed("compare_files", lambda: compare_files([str(folder)], workers=1))
    exe = shutil.which("crossroads")
    cli = [exe] if exe else [sys.executable, "-m", "crossroads"]
    command = [*cli, "compare", str(folder), "--no-log", "-f", "json"]
    timed("CLI -f json", lambda: subprocess.run(command, check=True, capture_output=True))
    bare = _bare()
    assert len(scenarios) == len(whole) == FILES
    work = sum(times[k] for k in ("parse", "inputs", "score", "rank", "render json"))
    print(f"\npython -c pass: {bare * 1000:.1f} ms; {FILES:,} files")
    for name, seconds in times.items():
        share = f" ({seconds / work:.0%} of parse to JSON)" if name in (
            "parse", "inputs", "score", "rank", "render json") else ""
        print(f"{name:14} {seconds * 1000:7.0f} ms {seconds / bare:7.1f}x bare{share}")
    benchmark.extra_info.update(times, bare=bare)
    benchmark.pedantic(compare_files, args=([str(folder)],), kwargs={"workers": 1},
                       rounds=1, iterations=1)
    assert times["parse"] > max(times["score"], times["inputs"], times["rank"])
