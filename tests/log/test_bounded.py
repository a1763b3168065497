"""Big logs and big batches stay in bounded memory (issue 15, class 8).

The guards are ``resource`` limits on a subprocess (address space and CPU seconds), not
timings: a regression that holds the whole log or batch in memory fails with a
MemoryError instead of passing slowly.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, ROOT, TINY_PACK
from crossroads import load_pack, load_scenario, score
from crossroads.log.reading import find
from crossroads.log.records import ARGV_BUDGET, make_records
from crossroads.log.store import append
from crossroads.report.formats import as_text
from crossroads.report.log_data import history_csv

SCENARIO = DATA / "history" / "testland.yaml"
NOTE = "n" * 40_000  # fattens each run so the log is big next to the memory limit
CPU_LIMIT = 120  # seconds: a guard against a hang, not a timing


def _fat_log(path: Path, runs: int) -> None:
    result = score(load_pack(TINY_PACK), load_scenario(SCENARIO))
    for start in range(0, runs, 500):
        batch = make_records("score", [result] * min(500, runs - start), ["score", "x"])
        append(path, [r._replace(scenario={**r.scenario, "notes": NOTE}) for r in batch])


def _baseline_address_space() -> int:
    """Peak virtual memory of a crossroads process that reads nothing (interpreter,
    numpy and friends): limits below are this plus the headroom a streaming run needs."""
    probe = ("import resource, crossroads.app, crossroads.log.store, json, sqlite3\n"
             "print(open('/proc/self/status').read())")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         env=_env(), check=True).stdout
    match = re.search(r"VmPeak:\s+(\d+) kB", out)
    assert match, out
    return int(match.group(1)) * 1024


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "cli")}


def _run_limited(argv: list[str], memory: int, cwd: Path) -> subprocess.CompletedProcess[str]:
    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT))

    return subprocess.run([sys.executable, "-m", "crossroads", *argv], capture_output=True,
                          text=True, cwd=cwd, env={**_env(), "CROSSROADS_HOME": str(cwd)},
                          preexec_fn=limits, timeout=CPU_LIMIT * 2, check=False)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
@pytest.mark.parametrize("export_format", ["json", "csv"])
def test_export_of_a_log_larger_than_the_memory_allowed_streams(
        tmp_path: Path, export_format: str) -> None:
    log = tmp_path / "big.sqlite3"
    _fat_log(log, 3000)  # about 120 MB of runs
    assert log.stat().st_size > 100_000_000
    # 80 MB over an idle process: less than the log, far less than the records parsed.
    limit = _baseline_address_space() + 80_000_000
    out = tmp_path / f"runs.{export_format}"
    done = _run_limited(["history", "export", "--log", str(log), "--format", export_format,
                         "-o", str(out)], limit, tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "wrote 3,000 runs" in done.stderr or "wrote 3000 runs" in done.stderr
    if export_format == "json":
        with out.open(encoding="utf-8") as handle:
            runs = json.load(handle)["runs"]
        assert len(runs) == 3000 and runs[0]["scenario"]["notes"] == NOTE
    else:
        assert out.read_text(encoding="utf-8").count("\n") == 3001  # header + runs


@pytest.mark.parametrize("runs", [0, 1, 3])
def test_streamed_export_is_the_document_history_export_always_wrote(
        tmp_path: Path, runs: int, capsys: pytest.CaptureFixture[str]) -> None:
    from crossroads.app import main

    log = tmp_path / "log.sqlite3"
    result = score(load_pack(TINY_PACK), load_scenario(SCENARIO))
    for n in range(runs):
        append(log, make_records("score", [result], ["score", f"#{n}"]))
    oldest_first = list(reversed(find(log)))
    assert main(["history", "export", "--log", str(log)]) == 0
    assert capsys.readouterr().out == as_text("export", "json", oldest_first)
    assert main(["history", "export", "--log", str(log), "--format", "csv"]) == 0
    assert capsys.readouterr().out == history_csv(oldest_first)


def test_a_batch_keeps_its_long_command_line_whole_once() -> None:
    result = score(load_pack(TINY_PACK), load_scenario(SCENARIO))
    argv = ["score", *(f"scenarios/country-{n:04d}.yaml" for n in range(5000))]
    first, *rest = make_records("score", [result] * 3, argv)
    assert first.argv == tuple(argv)
    for record in rest:
        assert sum(len(a) + 1 for a in record.argv) <= ARGV_BUDGET + 80
        assert record.argv[:2] == ("score", "scenarios/country-0000.yaml")
        assert record.argv[-1].endswith(f"(whole command line: run {first.id[:8]})")
        assert record.invocation == first.invocation
    short = make_records("score", [result] * 2, ["score", "a.yaml", "b.yaml"])
    assert all(r.argv == ("score", "a.yaml", "b.yaml") for r in short)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_scoring_and_logging_a_batch_of_scenario_files_stays_bounded(tmp_path: Path) -> None:
    """`score FILE...` over a few hundred files, logged: the log's command line and rows
    are not copied per scenario, so memory stays near that of an idle process."""
    text = (ROOT / "scenarios" / "kazakhstan-2025.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "many"
    folder.mkdir()
    names = []
    for n in range(400):
        share = 0.18 + 0.03 * n / 400  # inside the shipped range [0.18, 0.21]
        variant = re.sub(r"^id:.*$", f"id: kz-{n:03d}", text, flags=re.M)
        variant = variant.replace("value: 0.186", f"value: {share:.4f}", 1)
        (folder / f"kz-{n:03d}.yaml").write_text(variant, encoding="utf-8")
        names.append(f"many/kz-{n:03d}.yaml")
    limit = _baseline_address_space() + 250_000_000
    done = _run_limited(["score", *names, "--format", "json"], limit, tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert len(json.loads(done.stdout)["scenarios"]) == 400
    log = find(tmp_path / "history.sqlite3")
    assert len(log) == 400 and len({r.invocation for r in log}) == 1
    assert max(sum(len(a) + 1 for a in r.argv) for r in log) > ARGV_BUDGET  # kept once
    assert (tmp_path / "history.sqlite3").stat().st_size < 40_000_000
