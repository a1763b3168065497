"""Shell pipes as scripts use them (issue 21): standard input from a pipe, a file or a
here-document, and output cut short by `| head -1` ending quietly with exit code 0
(docs/reference/exit-codes.md)."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "scenarios" / "kazakhstan-2025.yaml"
LAUNCH = "import sys; from crossroads.launch import main; sys.argv[0] = 'crossroads'; main()"


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "CROSSROADS_CACHE_DIR": "off", "COLUMNS": "80",
            "CROSSROADS_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT / "cli")}


def _shell(tmp_path: Path, pipeline: str) -> subprocess.CompletedProcess[str]:
    """Run *pipeline* in bash with `crossroads` as a function, `set -o pipefail` on."""
    crossroads = shlex.join([sys.executable, "-c", LAUNCH])
    script = f'set -o pipefail\ncrossroads() {{ {crossroads} "$@"; }}\n{pipeline}\n'
    return subprocess.run(["bash", "-c", script], env=_env(tmp_path), capture_output=True,
                          text=True, cwd=tmp_path, timeout=300)


@pytest.mark.slow
def test_a_scenario_arrives_through_a_pipe_a_file_and_a_here_document(tmp_path: Path) -> None:
    piped = _shell(tmp_path, f"cat {shlex.quote(str(SCENARIO))} | crossroads score - "
                             "--format json --no-log")
    assert piped.returncode == 0, piped.stderr
    data = json.loads(piped.stdout)
    assert data["options"][0]["id"] == "economic-partnerships"
    redirected = _shell(tmp_path, f"crossroads score - --format json --no-log "
                                  f"< {shlex.quote(str(SCENARIO))}")
    assert json.loads(redirected.stdout) == data
    here = _shell(tmp_path, "crossroads explain - --format json --no-log <<'EOF'\n"
                  + SCENARIO.read_text(encoding="utf-8") + "EOF")
    assert here.returncode == 0, here.stderr
    assert json.loads(here.stdout)["options"][0]["id"] == "economic-partnerships"
    capped = _shell(tmp_path, f"cat {shlex.quote(str(SCENARIO))} | "
                              "CROSSROADS_MAX_INPUT_BYTES=1000 crossroads score - --no-log")
    assert capped.returncode == 2
    assert "stdin: error: is larger than the 1,000-byte input limit" in capped.stderr


COMMANDS = [
    "score kazakhstan-2025 --no-log",
    "score kazakhstan-2025 --format json --no-log",
    "explain kazakhstan-2025 --no-log",
    "compare kazakhstan-2025 kyrgyzstan-2025 uzbekistan-2025 --no-log",
    "sensitivity kazakhstan-2025 --draws 300 --no-log",
    "brief kazakhstan-2025 --no-log",
    "rules list",
    "rules list --factors",
    "rules validate partner-engagement",
    "rules lint partner-engagement",
    "rules schema",
    "scenarios list",
    "scenarios validate kazakhstan-2025",
    "history list",
    "--help",
    "score --help",
]


@pytest.mark.slow
def test_every_command_cut_short_by_head_exits_0_without_a_word(tmp_path: Path) -> None:
    _shell(tmp_path, "crossroads score kazakhstan-2025 >/dev/null")  # a run in the log
    failed = []
    for command in COMMANDS:
        run = _shell(tmp_path, f"crossroads {command} | head -1 >/dev/null")
        if run.returncode != 0 or run.stderr:
            failed.append((command, run.returncode, run.stderr[-300:]))
    assert not failed, failed
