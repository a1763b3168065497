"""`crossroads wizard --judge NAME`: one analyst's judgements for a panel, asked and saved.

The saved file must be one the panel reads back: the analyst's priorities, only the
judged facts they read otherwise, and their rationale; never the shared facts.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from prompt_toolkit.application.current import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from conftest import Run
from crossroads.core.factors import FactorNature
from crossroads.io.lookup import find_pack, find_scenario
from crossroads.io.panel_file import load_judgements, load_panel
from crossroads.io.resources import scenarios_dir
from crossroads.services.panel import analyse_panel
from crossroads.wizard.judge import JudgeOptions, judge_questions, run_judge

ENTER, DOWN, ESC, CLEAR = "\r", "\x1b[B", "\x1b", "\x15"
SCENARIO = "kyrgyzstan-2025"


def judge(tmp_path: Path, keys: str) -> tuple[Path, str]:
    scenario = find_scenario(SCENARIO)
    pack = find_pack(None, scenario)
    screen = io.StringIO()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        path = run_judge(JudgeOptions("Rights desk", pack, scenario, tmp_path / "hr.yaml"),
                         Console(file=screen, width=80, color_system=None))
    return path, screen.getvalue()


def test_only_priorities_and_judged_facts_are_asked() -> None:
    scenario = find_scenario(SCENARIO)
    pack = find_pack(None, scenario)
    questions = judge_questions(pack, scenario)
    facts = [q.subject_id for q in questions if q.topic.value == "factors"]
    assert facts, "the pack has judged facts to ask about"
    assert all(pack.factors[f].nature is FactorNature.JUDGED for f in facts)
    assert "csto_status" not in facts  # a treaty membership is shared, never re-judged


def test_enter_through_every_question_saves_the_scenarios_view(tmp_path: Path) -> None:
    path, _ = judge(tmp_path, ENTER * 40)
    analyst = load_judgements(path)
    assert analyst.name == "Rights desk" and analyst.scenario == SCENARIO
    assert analyst.factors == {}  # nothing read otherwise than the scenario
    scenario = find_scenario(SCENARIO)
    assert analyst.priorities == {c: float(v) for c, v in scenario.priorities.items()}


def test_a_different_reading_and_a_rationale_are_kept(tmp_path: Path) -> None:
    scenario = find_scenario(SCENARIO)
    pack = find_pack(None, scenario)
    questions = judge_questions(pack, scenario)
    first_fact = next(i for i, q in enumerate(questions) if q.topic.value == "factors")
    keys = (CLEAR + "Human rights" + ENTER  # role
            + ENTER * (first_fact - 1)      # vote, and so on up to the first judged fact
            + DOWN + ENTER                  # the next level down the menu
            + ENTER * 30)                   # the rest as shown
    path, screen = judge(tmp_path, keys)
    analyst = load_judgements(path)
    assert analyst.role == "Human rights"
    (name, value), = analyst.factors.items()
    assert name == questions[first_fact].subject_id
    assert value.value != scenario.factors[name].value
    assert "Saved" in screen and "Your weights:" in screen
    # The panel reads it back as a panel of one.
    panel = analyse_panel(pack, scenario, load_panel([path]))
    assert panel.members[0].analyst.name == "Rights desk"


def test_escape_goes_back_to_the_question_before(tmp_path: Path) -> None:
    # Role, then Esc at the vote: the role is asked again and retyped.
    path, _ = judge(tmp_path, CLEAR + "First" + ENTER + ESC + CLEAR + "Second" + ENTER
                    + ENTER * 40)
    assert load_judgements(path).role == "Second"


def test_judge_from_the_command_line(tmp_path: Path, cli: Callable[..., Run]) -> None:
    out = tmp_path / "sec.yaml"
    run = cli("wizard", "--judge", "Security desk", "--from", SCENARIO, "--defaults",
              "-o", out)
    assert run.code == 0, run.err
    assert load_judgements(out).name == "Security desk"
    again = cli("wizard", "--judge", "Security desk", "--from", SCENARIO, "--defaults",
                "-o", out)
    assert again.code == 2 and "--force" in again.err  # nothing overwritten
    no_scenario = cli("wizard", "--judge", "X", "--defaults", "-o", tmp_path / "x.yaml")
    assert no_scenario.code == 2 and "--from" in no_scenario.err


@pytest.mark.slow
def test_judge_in_a_terminal_at_80_by_24(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "cli"),
           "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24",
           "PROMPT_TOOLKIT_NO_CPR": "1"}
    child = pexpect.spawn(sys.executable, ["-m", "crossroads", "wizard", "--judge",
                                           "Embassy", "--from", SCENARIO, "-o", "e.yaml"],
                          cwd=str(tmp_path), env=env, encoding="utf-8",
                          dimensions=(24, 80), timeout=15)
    child.logfile_read = io.StringIO()
    child.expect_exact("Your role or desk")
    child.send("Political section\r")
    child.expect_exact("Your voting weight")
    child.send("\x15" + "1.5\r")
    scenario = find_scenario(SCENARIO)
    answers: dict[str, object] = {}
    for question in judge_questions(find_pack(None, scenario), scenario)[2:-1]:
        if question.active(answers):  # Enter keeps each shown answer
            child.expect_exact(question.message[:30])
            child.send("\r")
            answers[question.key] = question.default_for(answers)
    child.expect_exact("why you weigh")
    child.send("Quiet help lands better.\r")
    child.expect_exact("Saved e.yaml")
    child.expect(pexpect.EOF)
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", child.logfile_read.getvalue())
    assert "Esc goes back" in shown
    analyst = load_judgements(tmp_path / "e.yaml")
    assert analyst.voting_weight == 1.5 and analyst.role == "Political section"
    assert analyst.rationale == "Quiet help lands better."
    assert (scenarios_dir() / "panels").is_dir()
