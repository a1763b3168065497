"""Time to write a PDF briefing of a shipped scenario, against Markdown in the same run.

Run: python -m pytest tests/benchmarks/test_bench_brief.py --benchmark-only -s
The baseline is rendering the same briefing as Markdown (pure string building); the PDF
path adds typst layout, font subsetting and the atomic file write.  The PDF test records
``ratio_vs_markdown`` in its extra info and prints it.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

import pytest

from crossroads import find_pack, find_scenario, score
from crossroads.briefing import render_briefing, write_briefing
from crossroads.engine import Result

SCENARIO = "kazakhstan-2025"


@pytest.fixture(scope="module")
def result() -> Result:
    scenario = find_scenario(SCENARIO)
    return score(find_pack(None, scenario), scenario)


def _median_seconds(fn: Any, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def test_markdown_briefing_baseline(benchmark: Any, result: Result) -> None:
    text = benchmark(render_briefing, result, "markdown")
    assert isinstance(text, str) and "## Bottom line" in text


def test_pdf_briefing_write(benchmark: Any, result: Result, tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    render_briefing(result, "pdf")  # load the fonts once, as a long-lived process would

    def write() -> Path:
        return write_briefing(result, target, force=True)

    benchmark.pedantic(write, rounds=15, iterations=1, warmup_rounds=1)
    assert target.read_bytes().startswith(b"%PDF-")
    pdf = statistics.median(benchmark.stats.stats.data)
    markdown = _median_seconds(lambda: render_briefing(result, "markdown"), 200)
    ratio = pdf / markdown
    benchmark.extra_info.update(pdf_ms=pdf * 1000, markdown_ms=markdown * 1000,
                                ratio_vs_markdown=ratio)
    print(f"\nPDF briefing write {pdf * 1000:.1f} ms (median), Markdown render "
          f"{markdown * 1000:.2f} ms: PDF = {ratio:.0f}x Markdown")
