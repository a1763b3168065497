"""Time to write a PDF or Word briefing of a shipped scenario, against Markdown in the same run.

Run: python -m pytest tests/benchmarks/test_bench_brief.py --benchmark-only -s
The baseline is rendering the same briefing as Markdown (pure string building); the PDF
path adds typst layout, font subsetting and the atomic file write (with fsync).  Two PDF
cases: the first briefing in a fresh process (as in one CLI call: typst loads the fonts
and lays out from nothing) and later ones in the same process (typst's memoised layout
is reused, as in the wizard or a script that writes many briefings).  Each records
``ratio_vs_markdown`` in its extra info and prints it.

The warm cases render the briefing `crossroads brief` writes: with the robustness summary
(charts, signposts), from the same scored result, so that only the layout differs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from crossroads import find_pack, find_scenario, score
from crossroads.core.engine import Result
from crossroads.report.briefing import render_briefing, write_briefing
from crossroads.robustness.summary import Robustness

SCENARIO = "kazakhstan-2025"


@pytest.fixture(scope="module")
def result() -> Result:
    scenario = find_scenario(SCENARIO)
    return score(find_pack(None, scenario), scenario)


@pytest.fixture(scope="module")
def analysed() -> tuple[Result, Robustness]:
    from crossroads.services.briefing import score_with_robustness

    scenario = find_scenario(SCENARIO)
    return score_with_robustness(find_pack(None, scenario), scenario)


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


def _report(benchmark: Any, result: Result, label: str) -> None:
    pdf = statistics.median(benchmark.stats.stats.data)
    markdown = _median_seconds(lambda: render_briefing(result, "markdown"), 200)
    ratio = pdf / markdown
    benchmark.extra_info.update(pdf_ms=pdf * 1000, markdown_ms=markdown * 1000,
                                ratio_vs_markdown=ratio)
    print(f"\nPDF briefing write, {label}: {pdf * 1000:.1f} ms (median); Markdown render "
          f"{markdown * 1000:.2f} ms; PDF = {ratio:.0f}x Markdown")


_COLD = """
import sys, time
from pathlib import Path
from crossroads import find_pack, find_scenario, score
from crossroads.report.briefing import render_briefing, write_briefing
scenario = find_scenario(sys.argv[1])
result = score(find_pack(None, scenario), scenario)
start = time.perf_counter()
render_briefing(result, "markdown")
markdown = time.perf_counter() - start
start = time.perf_counter()
write_briefing(result, Path(sys.argv[2]), force=True)
pdf = time.perf_counter() - start
print(pdf, markdown)
"""


def test_pdf_briefing_write_first_in_process(benchmark: Any, tmp_path: Path) -> None:
    """What one `crossroads brief -o x.pdf` pays after imports and scoring: a fresh process,
    so typst loads the fonts and lays out the template from nothing.  The benchmark times
    the whole subprocess; the ratio uses the in-process timings it prints."""
    target = tmp_path / "brief.pdf"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2] / "cli"))
    inner: list[tuple[float, float]] = []

    def run() -> None:
        out = subprocess.run([sys.executable, "-c", _COLD, SCENARIO, str(target)], env=env,
                             check=True, capture_output=True, text=True).stdout
        pdf, markdown = (float(x) for x in out.split())
        inner.append((pdf, markdown))

    benchmark.pedantic(run, rounds=7, iterations=1)
    assert target.read_bytes().startswith(b"%PDF-")
    pdf = statistics.median(p for p, _ in inner)
    markdown = statistics.median(m for _, m in inner)
    benchmark.extra_info.update(pdf_ms=pdf * 1000, markdown_ms=markdown * 1000,
                                ratio_vs_markdown=pdf / markdown)
    print(f"\nPDF briefing write, first in a fresh process: {pdf * 1000:.1f} ms (median); "
          f"Markdown render, first in the same process: {markdown * 1000:.2f} ms; "
          f"PDF = {pdf / markdown:.0f}x Markdown")


def _warm(benchmark: Any, analysed: tuple[Result, Robustness], fmt: str) -> None:
    """Render the full briefing in *fmt* in a warm process; return the ratio to Markdown."""
    result, robustness = analysed
    render_briefing(result, fmt, robustness=robustness)  # warm: fonts, layout caches
    out = benchmark.pedantic(render_briefing, args=(result, fmt),
                             kwargs={"robustness": robustness}, rounds=20, iterations=1,
                             warmup_rounds=1)
    rendered = statistics.median(benchmark.stats.stats.data)
    markdown = _median_seconds(lambda: render_briefing(result, "markdown",
                                                       robustness=robustness), 100)
    ratio = rendered / markdown
    benchmark.extra_info.update(ms=rendered * 1000, markdown_ms=markdown * 1000,
                                ratio_vs_markdown=ratio)
    print(f"\n{fmt} briefing render, warm, with robustness: {rendered * 1000:.1f} ms "
          f"(median); Markdown {markdown * 1000:.2f} ms; {fmt} = {ratio:.1f}x Markdown")
    assert out


def test_pdf_briefing_render_warm(benchmark: Any, analysed: tuple[Result, Robustness]) -> None:
    """Later briefings in the same process (wizard, scripts) reuse the memoised layout."""
    _warm(benchmark, analysed, "pdf")


def test_docx_briefing_render_warm(benchmark: Any, analysed: tuple[Result, Robustness]) -> None:
    """Word: python-docx plus the three charts rasterised by typst."""
    _warm(benchmark, analysed, "docx")


def test_pdf_briefing_write_warm(benchmark: Any, result: Result, tmp_path: Path) -> None:
    """Writing the file too: layout plus the atomic write (with fsync)."""
    target = tmp_path / "brief.pdf"
    render_briefing(result, "pdf")
    benchmark.pedantic(write_briefing, args=(result, target), kwargs={"force": True},
                       rounds=20, iterations=1, warmup_rounds=1)
    assert target.read_bytes().startswith(b"%PDF-")
    _report(benchmark, result, "warm")
