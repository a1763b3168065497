"""CLI start-up and one-scenario latency, as ratios to `python -c pass` in the same run.

Run: python tests/benchmarks/bench_startup.py [--runs N]
Targets (DESIGN.md): `crossroads --help` within 8x bare Python, `crossroads score` of a
shipped scenario within 15x. Commands are interleaved so machine noise hits all alike.
"""

from __future__ import annotations

import argparse
import os
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
        "crossroads score": [*cli, "score", str(SCENARIO), "--format", "table"],
        "crossroads score --format json": [*cli, "score", str(SCENARIO), "--format", "json"],
    }


def measure(runs: int) -> dict[str, float]:
    cmds = commands()
    times: dict[str, list[float]] = {name: [] for name in cmds}
    env = dict(os.environ, CROSSROADS_HOME=str(Path("/tmp") / "crossroads-bench"))
    for _ in range(runs):
        for name, cmd in cmds.items():
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=env)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    medians = measure(args.runs)
    base = medians["python -c pass"]
    targets = {"crossroads --help": 8.0, "crossroads score": 15.0}
    print(f"{'command':34} {'median ms':>10} {'x python':>9} {'target':>7}")
    for name, value in medians.items():
        target = targets.get(name)
        mark = f"{target:g}x" if target else ""
        print(f"{name:34} {value * 1000:10.1f} {value / base:9.2f} {mark:>7}")


if __name__ == "__main__":
    main()
