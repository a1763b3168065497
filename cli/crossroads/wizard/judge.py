"""`crossroads wizard --judge NAME`: one analyst's judgements for a panel, saved as a file.

An analyst on a panel gives only what is theirs to give: how much each criterion matters
(ratings or pairwise comparisons) and their own reading of the pack's judged facts, with
their doubt; the shared facts stay the scenario's. The answers become a
``crossroads.judgements/1`` file (see docs/how-to/panel.md) that is read back and checked
against the pack before it is written, so what is saved is what the panel will read.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

from crossroads.core.errors import InputError, Location
from crossroads.core.factors import FactorNature
from crossroads.core.model import Pack, Scenario
from crossroads.io.files import check_writable, write_atomic
from crossroads.io.panel_file import JUDGEMENTS_FORMAT, judgements_from_text
from crossroads.report.wizard import render_help, render_note
from crossroads.services.panel import analyse_panel
from crossroads.wizard.answers import (
    factor_entry,
    plain_number,
    priority_lines,
    slug,
    yaml_flow,
)
from crossroads.wizard.prompt import Prompter
from crossroads.wizard.question_list import build_questions, start_value
from crossroads.wizard.questions import (
    NO_DEFAULT,
    Question,
    QuestionKind,
    Topic,
)
from crossroads.wizard.state import GoBack
from crossroads.wizard.values import AnswerError

ROLE, VOTE, RATIONALE = "role", "voting_weight", "rationale"
INTRO = ("You are giving your own judgements for a panel: how much each criterion matters "
         "to you, and your reading of the judged facts (Enter keeps the scenario's). The "
         "shared facts are not asked. Esc goes back one question, ? then Enter explains.")


@dataclass(frozen=True)
class JudgeOptions:
    """What `wizard --judge` was asked for."""

    name: str
    pack: Pack
    scenario: Scenario
    output: Path | None = None
    force: bool = False
    defaults: bool = False  # accept every shown answer without prompting


def _parse_vote(text: str) -> float:
    try:
        vote = float(text)
    except ValueError:
        raise AnswerError(f"{text!r} is not a number", "e.g. 1, or 2 for a double vote"
                          ) from None
    if not math.isfinite(vote) or vote <= 0:
        raise AnswerError("a voting weight must be above 0", "e.g. 1") from None
    return vote


def judge_questions(pack: Pack, scenario: Scenario) -> list[Question]:
    """Who they are, their priorities, their reading of each judged fact, and why."""
    asked = [q for q in build_questions(pack, scenario)
             if q.topic in (Topic.PRIORITY_METHOD, Topic.PRIORITY, Topic.PAIRWISE)
             or (q.topic is Topic.FACTOR
                 and pack.factors[q.subject_id].nature is FactorNature.JUDGED)]
    return [
        Question(Topic.STEP, (ROLE,), QuestionKind.TEXT, "Your role or desk (optional)",
                 label="Role", group="You", default="",
                 help="Shown beside your name where the panel's views are compared."),
        Question(Topic.STEP, (VOTE,), QuestionKind.TEXT, "Your voting weight", label="Vote",
                 group="You", default=1.0, parse=_parse_vote, show=lambda v: f"{v:g}",
                 help="How much your view counts in the panel: 1 for an equal say; the "
                      "panel's weights are normalised, so only the ratios matter."),
        *asked,
        Question(Topic.STEP, (RATIONALE,), QuestionKind.TEXT,
                 "In one or two sentences, why you weigh things as you do (optional)",
                 label="Rationale", group="You", default="",
                 help="Quoted in the briefing's 'Where the panel differs' if you dissent."),
    ]


def ask_all(questions: Sequence[Question], prompter: Prompter,
            console: Console) -> dict[str, Any]:
    """Ask each active question in turn; Esc goes back to the one before."""
    answers: dict[str, Any] = {}
    index = 0
    while index < len(questions):
        question = questions[index]
        if not question.active(answers):
            index += 1
            continue
        try:
            answers[question.key] = prompter.ask(question,
                                                 answers.get(question.key,
                                                             question.default_for(answers)))
            index += 1
        except GoBack:
            previous = [i for i in range(index) if questions[i].active(answers)]
            if previous:
                index = previous[-1]
            else:
                render_note(console, "This is the first question.", "dim")
    return answers


def defaults_of(questions: Sequence[Question]) -> dict[str, Any]:
    """Every shown answer, as `--defaults` accepts them."""
    answers: dict[str, Any] = {}
    for question in questions:
        if question.active(answers):
            value = question.default_for(answers)
            if value is NO_DEFAULT:
                raise InputError.single(Location("--defaults"), f"{question.message}: no "
                                        "answer to accept", "run without --defaults")
            answers[question.key] = value
    return answers


def judgement_text(options: JudgeOptions, questions: Sequence[Question],
                   answers: Mapping[str, Any]) -> str:
    """The judgement file for these answers."""
    pack, scenario = options.pack, options.scenario
    lines = ["# Written by `crossroads wizard --judge`: one analyst's judgements for a panel.",
             f"format: {JUDGEMENTS_FORMAT}", f"analyst: {yaml_flow(options.name)}"]
    if answers.get(ROLE):
        lines.append(f"role: {yaml_flow(answers[ROLE])}")
    lines += [f"voting_weight: {yaml_flow(plain_number(answers[VOTE]))}",
              f"pack: {yaml_flow(pack.id)}", f"scenario: {yaml_flow(scenario.id)}"]
    lines += priority_lines(questions, answers)
    own = []
    for q in questions:
        if q.topic is Topic.FACTOR:
            value = answers[q.key]
            # Only readings that differ from the scenario's (or carry their own doubt)
            # are the analyst's own; the rest stay the scenario's.
            if isinstance(value, dict) or value != start_value(q, scenario, pack):
                own.append(f"  {q.subject_id}: {yaml_flow(factor_entry(q, None, value))}")
    if own:
        lines += ["factors:", *own]
    if answers.get(RATIONALE):
        lines.append(f"rationale: {yaml_flow(answers[RATIONALE])}")
    return "\n".join(lines) + "\n"


def run_judge(options: JudgeOptions, console: Console,
              prompter: Prompter | None = None) -> Path:
    """Ask for (or accept) one analyst's judgements, check them, save the file."""
    path = options.output or Path(f"{slug(options.name, 'analyst')}.yaml")
    check_writable(path, force=options.force)
    questions = judge_questions(options.pack, options.scenario)
    if options.defaults:
        answers = defaults_of(questions)
    else:
        if prompter is None:
            prompter = Prompter(lambda text: render_help(console, text),
                                lambda text: render_note(console, f"  ✗ {text}", "bold red"))
        render_note(console, INTRO, "dim")
        answers = ask_all(questions, prompter, console)
    text = judgement_text(options, questions, answers)
    analyst = judgements_from_text(text, str(path))
    view = analyse_panel(options.pack, options.scenario, [analyst])  # checks it, scores it
    write_atomic(path, text, force=True)  # check_writable above asked about overwriting
    weights = ", ".join(f"{options.pack.criteria[c].title} {w:.0%}"
                        for c, w in sorted(view.group.weights.items(),
                                           key=lambda kv: (-kv[1], kv[0])))
    render_note(console, f"Your weights: {weights}.", "")
    render_note(console, f"On your view {view.group.leader.title} comes first.", "")
    render_note(console, f"Saved {path}. Put it in the panel's folder; whoever runs the "
                f"panel: crossroads panel {options.scenario.id} --panel FOLDER", "bold")
    return path
