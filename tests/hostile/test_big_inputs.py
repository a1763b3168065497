"""Big files of plain keys (issue 15, class 8): refused by the size cap before any
parsing, and just under the cap refused quickly with a short, honest list of problems.

Run in a subprocess under RLIMIT_CPU and RLIMIT_AS: guards, not timings.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CPU_LIMIT = 30  # seconds; the 38 MB file once took 48 s to be refused
MEMORY_LIMIT = 1_500_000_000  # the same guard the corpus uses


def _plain_keys(path: Path, size: int, head: str = "") -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(head)
        n = 0
        while handle.tell() < size:
            handle.write(f"key_{n}: value {n}\n")
            n += 1


def _validate(path: Path) -> subprocess.CompletedProcess[str]:
    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT))

    env = {k: v for k, v in os.environ.items() if k != "CROSSROADS_MAX_INPUT_BYTES"}
    return subprocess.run([sys.executable, "-m", "crossroads", "scenarios", "validate",
                           str(path)], capture_output=True, text=True, preexec_fn=limits,
                          env={**env, "PYTHONPATH": str(ROOT / "cli")},
                          timeout=CPU_LIMIT * 4, check=False)


@pytest.mark.slow
def test_a_38_mb_file_of_plain_keys_is_refused_by_the_size_cap(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    _plain_keys(big, 38_000_000)
    done = _validate(big)
    output = done.stdout + done.stderr
    assert done.returncode == 2, output[-2000:]
    assert "is larger than the 5,000,000-byte input limit" in output
    assert "CROSSROADS_MAX_INPUT_BYTES" in output
    assert "alias" not in output and "Traceback" not in output


@pytest.mark.slow
def test_plain_keys_just_under_the_cap_give_a_short_list_of_problems(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    # A scenario by its format line, then about 220,000 keys each unknown to a scenario.
    _plain_keys(big, 4_800_000, head="format: crossroads.scenario/1\n")
    done = _validate(big)
    output = done.stdout + done.stderr
    assert done.returncode == 2, output[-2000:]
    assert "unknown key 'key_0' in scenario" in output
    assert "more unknown keys in scenario" in output
    assert output.count("error:") < 40
    assert "alias" not in output and "Traceback" not in output


@pytest.mark.slow
def test_plain_keys_without_a_format_line_are_another_kind_of_file(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    _plain_keys(big, 4_800_000)
    done = _validate(big)
    output = done.stdout + done.stderr
    assert done.returncode == 2, output[-2000:]
    assert "not a crossroads scenario (no `format: crossroads...` line" in output
    assert "key_0" not in output  # another file's keys are never repeated back
    assert output.count("error:") == 1 and "Traceback" not in output
