"""`crossroads wizard` as a person uses it: a real pseudo-terminal, keys, the screen.

The wizard runs in its own process (pexpect), from the first question to the saved file;
then `crossroads score --format json` re-scores that file and must rank the options the
way the wizard showed them.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.slow

CLI_DIR = Path(__file__).resolve().parents[2] / "cli"
PACK = Path(__file__).parent.parent / "data" / "wizard" / "grouped-pack"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]")
# A row of the ranking the wizard shows: rank, option, score.
ROW = re.compile(r"^\s*(\d) │ (.+?)\s+│\s+(-?\d+\.\d\d) │", re.MULTILINE)


def spawn(tmp_path: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "PYTHONPATH": str(CLI_DIR), "TERM": "xterm-256color",
           "COLUMNS": "80", "LINES": "24",
           # pexpect does not answer cursor-position requests; without this each prompt
           # waits for the reply before drawing.
           "PROMPT_TOOLKIT_NO_CPR": "1"}
    child = pexpect.spawn(sys.executable, ["-m", "crossroads", "wizard", *args],
                          cwd=str(tmp_path), env=env, encoding="utf-8",
                          dimensions=(24, 80), timeout=10)
    child.logfile_read = io.StringIO()  # everything the terminal showed
    return child


def transcript(child: pexpect.spawn) -> str:
    return ANSI.sub("", child.logfile_read.getvalue())


def answer(child: pexpect.spawn, prompt: str, keys: str) -> None:
    child.expect_exact(prompt)
    child.send(keys)


def test_a_whole_run_in_a_terminal_saves_what_it_showed(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--pack", str(PACK))
    answer(child, "Start from?", "\r")
    answer(child, "Which country or actor", "Ruritania\r")
    answer(child, "As of which date", "2025-06-30\r")
    answer(child, "A title for the scenario?", "\r")
    answer(child, "What share of foreign trade", "abc\r")
    answer(child, "is not a number (0 to 1, share)", "")
    answer(child, "What share of foreign trade", "\x150.6\r")
    answer(child, "annual inflation rate", "\r")
    answer(child, "How strong is the neighbour's pressure?", "\x1b[B\x1b[B\r")
    answer(child, "status in the neighbour's bloc?", "\r")
    answer(child, "defence treaty", "?\r")
    answer(child, "A signed and ratified mutual-defence treaty.", "n")
    answer(child, "How do you want to set the priorities?", "\r")
    answer(child, "How much does Sovereignty matter", "\x1b[B\x1b[B\r")
    answer(child, "How much does Economic", "\r")
    answer(child, "How much should expected risk count", "\r")
    answer(child, "What next?", "\r")
    answer(child, "Save this scenario?", "\r")
    answer(child, "Save the scenario as?", "\r")
    answer(child, "Write a briefing?", "n")
    child.expect(pexpect.EOF)
    child.close()
    screen = transcript(child)
    assert child.exitstatus == 0, screen
    [saved] = tmp_path.glob("ruritania-*.yaml")
    shown = [title for _, title, _ in ROW.findall(screen)]
    assert len(shown) == 3, screen
    scored = subprocess.run(
        [sys.executable, "-m", "crossroads", "score", str(saved), "--pack", str(PACK),
         "--format", "json"], capture_output=True, text=True, check=True, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(CLI_DIR)})
    ranked = [o["title"] for o in sorted(json.loads(scored.stdout)["options"],
                                         key=lambda o: o["rank"])]
    assert ranked == shown
    assert "trade_share: 0.6\n" in saved.read_text(encoding="utf-8")


def test_only_enter_from_a_shipped_scenario_saves_a_file_that_ranks_like_it(
        tmp_path: Path) -> None:
    """Enter at every prompt: every offered answer, the review page by page, score, save
    under the proposed name, no briefing; the run ends by itself."""
    source = CLI_DIR.parent / "scenarios" / "kazakhstan-2025.yaml"
    child = spawn(tmp_path, "--from", str(source))
    for _ in range(200):  # far more Enters than prompts: the run must end before
        if child.expect([pexpect.EOF, r"\? "], timeout=20) == 0:
            break
        child.send("\r")
    else:
        raise AssertionError("still asking after 200 Enters:\n" + transcript(child)[-2000:])
    child.close()
    screen = transcript(child)
    assert child.exitstatus == 0, screen[-2000:]
    [saved] = tmp_path.glob("kazakhstan-*.yaml")

    def ranking(path: Path) -> list[str]:
        scored = subprocess.run(
            [sys.executable, "-m", "crossroads", "score", str(path), "--format", "json",
             "--no-log"], capture_output=True, text=True, check=True, cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(CLI_DIR)})
        options = json.loads(scored.stdout)["options"]
        return [o["id"] for o in sorted(options, key=lambda o: o["rank"])]

    assert ranking(saved) == ranking(source)
    validated = subprocess.run(
        [sys.executable, "-m", "crossroads", "scenarios", "validate", str(saved)],
        capture_output=True, text=True, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(CLI_DIR)})
    assert validated.returncode == 0 and "warning" not in validated.stdout + validated.stderr


def test_esc_goes_back_and_question_mark_helps_at_a_text_question(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--pack", str(PACK))
    answer(child, "Start from?", "\r")
    answer(child, "Which country or actor", "?\r")
    answer(child, "The state (or actor) the options are for", "Ruritania\r")
    answer(child, "As of which date", "\x1b")  # Esc: back to the subject
    answer(child, "Which country or actor", "\x15Freedonia\r")
    answer(child, "As of which date", "2025-06-30\r")
    answer(child, "A title for the scenario?", "\x03")
    child.expect(pexpect.EOF)
    child.close()
    assert "subject: Freedonia" in (tmp_path / ".crossroads-wizard.draft.yaml").read_text(
        encoding="utf-8")


def test_ctrl_c_in_a_terminal_exits_130_with_one_line_and_a_draft(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--pack", str(PACK))
    answer(child, "Start from?", "\r")
    answer(child, "Which country or actor", "Ruritania\r")
    answer(child, "As of which date", "\x03")
    child.expect(pexpect.EOF)
    child.close()
    tail = transcript(child)
    assert child.exitstatus == 130
    assert "interrupted; answers so far are saved in .crossroads-wizard.draft.yaml" in tail
    assert "Traceback" not in tail
    assert "subject: Ruritania" in (tmp_path / ".crossroads-wizard.draft.yaml").read_text(
        encoding="utf-8")
    assert list(tmp_path.glob("*.yaml")) == [tmp_path / ".crossroads-wizard.draft.yaml"]
