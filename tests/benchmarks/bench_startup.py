"""CLI start-up and one-scenario latency, as ratios to `python -c pass` in the same run.

Run: python tests/benchmarks/bench_startup.py [--runs N]
Targets (issue 14): `crossroads --help` and `crossroads wizard --help` within 6x bare
Python, `crossroads score` of a shipped scenario within 15x.  Commands are interleaved so
machine noise hits all alike; wall-clock and CPU (user+system) medians are both shown,
because on a shared machine the CPU figures are the steadier of the two.  The first run
of each command is a warm-up (it also writes the bytecode and fills the parsed-YAML and
help caches, as any earlier run on a user's machine would) and is not counted.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "scenarios" / "kazakhstan-2025.yaml"


def commands() -> dict[str, list[str]]:
    exe = shutil.which("crossroads")
    cli = [exe] if exe else [sys.executable, "-m", "crossroads"]
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "crossroads --help": [*cli, "--help"],
        "crossroads wizard --help": [*cli, "wizard", "--help"],
        "crossroads score": [*cli, "score", str(SCENARIO), "--format", "table"],
        "crossroads score --format json": [*cli, "score", str(SCENARIO), "--format", "json"],
        # The help cache off: what the first `--help` after an upgrade or edit costs.
        "crossroads wizard --help, uncached": ["env", "CROSSROADS_CACHE_DIR=off", *cli,
                                               "wizard", "--help"],
    }


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(runs: int) -> dict[str, tuple[float, float]]:
    """Median (wall, cpu) seconds of each command."""
    cmds = commands()
    wall: dict[str, list[float]] = {name: [] for name in cmds}
    cpu: dict[str, list[float]] = {name: [] for name in cmds}
    env = dict(os.environ, CROSSROADS_HOME=str(Path("/tmp") / "crossroads-bench"))
    # An installed package has its bytecode compiled (pip does it); without this a
    # checkout run with PYTHONDONTWRITEBYTECODE=1 would compile every module every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for run in range(runs + 1):
        for name, cmd in cmds.items():
            cpu_start, start = _child_cpu(), time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=env)
            if run:
                wall[name].append(time.perf_counter() - start)
                cpu[name].append(_child_cpu() - cpu_start)
    return {name: (statistics.median(wall[name]), statistics.median(cpu[name]))
            for name in cmds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    medians = measure(args.runs)
    base_wall, base_cpu = medians["python -c pass"]
    targets = {"crossroads --help": 6.0, "crossroads wizard --help": 6.0,
               "crossroads score": 15.0}
    print(f"{'command':36} {'wall ms':>8} {'x':>6} {'cpu ms':>8} {'x':>6} {'target':>7}")
    for name, (wall, cpu) in medians.items():
        target = targets.get(name)
        mark = f"{target:g}x" if target else ""
        print(f"{name:36} {wall * 1000:8.1f} {wall / base_wall:6.2f} {cpu * 1000:8.1f} "
              f"{cpu / base_cpu:6.2f} {mark:>7}")


if __name__ == "__main__":
    main()
