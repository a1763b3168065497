"""Everything the wizard asks, given on the command line, and back again.

``command_line_answers`` turns ``--set``/``--weights``/``--pairwise``/``--subject``…
into answers; ``reproduce_command`` turns a finished run's answers into the
``crossroads wizard … --defaults`` command that writes the same file.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, assert_never

from crossroads.core.errors import Location, ProblemCollector
from crossroads.core.factors import suggest
from crossroads.io.overrides import parse_assignment
from crossroads.io.yamldoc import display_path
from crossroads.wizard.options import WizardOptions
from crossroads.wizard.priority_questions import method_question, ratio_text
from crossroads.wizard.questions import (
    AS_OF,
    NO_DEFAULT,
    PRIORITY_METHOD,
    RISK_AVERSION,
    SUBJECT,
    TITLE,
    Question,
    QuestionKind,
    Topic,
    answer_key,
)
from crossroads.wizard.values import AnswerError, format_number

if TYPE_CHECKING:
    from crossroads.core.model import Pack, Scenario


@dataclass(frozen=True)
class RunRecord:
    """What a run was made of: enough to say how to make it again without prompts."""

    pack: Pack
    pack_ref: str
    pack_given: bool  # --pack was on the command line
    start: Scenario | None
    start_ref: str | None
    questions: Sequence[Question]
    answers: Mapping[str, Any]


def command_line_answers(pack: Pack, questions: Sequence[Question], opts: WizardOptions
                         ) -> dict[str, Any]:
    """``--set``, ``--weights``, ``--pairwise``, ``--subject``… as answers, checked by the
    same parsers as typed answers; every problem is reported at once."""
    by_key = {q.key: q for q in questions}
    problems = ProblemCollector()
    given: list[tuple[str, str, Any]] = []
    for text in opts.sets:
        name, raw = parse_assignment(text, "--set")
        if name not in pack.factors:
            problems.add(Location("--set"), f"unknown factor {name!r} in pack {pack.id!r}",
                         suggest(name, pack.factors) or "run `crossroads rules list`")
            continue
        given.append((f"--set {text}", answer_key(Topic.FACTOR, name), raw))
    for text in opts.weights:
        name, raw = parse_assignment(text, "--weights")
        if name not in pack.criteria:
            known = f"criteria: {', '.join(pack.criteria)}"
            problems.add(Location("--weights"), f"unknown criterion {name!r}",
                         suggest(name, pack.criteria) or known)
            continue
        given.append((f"--weights {text}", answer_key(Topic.PRIORITY, name), raw))
    for text in opts.pairwise:
        pair, raw = parse_assignment(text, "--pairwise")
        key = _pair_key(pack, by_key, pair, problems)
        if key is None:
            continue
        if "/".join(by_key[key].pair) != pair:  # given as b/a: the inverse ratio
            try:
                raw = ratio_text(1 / by_key[key].parse(raw))
            except AnswerError as error:
                problems.add(Location(f"--pairwise {text}"), str(error))
                continue
        given.append((f"--pairwise {text}", key, raw))
    method = opts.priorities or ("pairwise" if opts.pairwise else None)
    if opts.weights and method == "pairwise":
        problems.add(Location("--weights"), "priorities are set by pairwise comparison here",
                     "give --weights (ratings) or --pairwise, not both")
    if method is not None and PRIORITY_METHOD in by_key:
        given.append(("--priorities", PRIORITY_METHOD, method))
    elif method == "pairwise" and not opts.pairwise:
        problems.add(Location("--priorities"), f"pack {pack.id!r} cannot be weighed by "
                     f"pairwise comparison ({len(pack.criteria)} criteria)", "use --weights")
    elif method is not None:
        # The pack leaves no choice (one criterion), but a mistyped method is still wrong.
        try:
            method_question(pack).value_for(method)
        except AnswerError as error:
            problems.add(Location("--priorities"), str(error))
    for option, key, value in (("--subject", SUBJECT, opts.subject),
                               ("--title", TITLE, opts.title),
                               ("--as-of", AS_OF, opts.as_of)):
        if value is not None:
            given.append((option, key, value))
    if opts.risk_aversion is not None:
        given.append(("--risk-aversion", RISK_AVERSION, format_number(opts.risk_aversion)))
    answers: dict[str, Any] = {}
    for where, key, raw in given:
        try:
            answers[key] = by_key[key].value_for(raw)
        except AnswerError as error:
            problems.add(Location(where), str(error))
    problems.raise_if_errors()
    return answers


def _pair_key(pack: Pack, by_key: Mapping[str, Question], pair: str,
              problems: ProblemCollector) -> str | None:
    """The question key of a pair named "a/b" (either order), or None with a problem."""
    names = pair.split("/")
    unknown = [n for n in names if n not in pack.criteria]
    if len(names) != 2 or unknown or names[0] == names[1]:
        hint = (suggest(unknown[0], pack.criteria) if unknown else "") or \
            f"name two criteria as A/B; criteria: {', '.join(pack.criteria)}"
        problems.add(Location("--pairwise"), f"{pair!r} is not a pair of this pack's "
                     "criteria", hint)
        return None
    for a, b in (names, names[::-1]):
        if answer_key(Topic.PAIRWISE, a, b) in by_key:
            return answer_key(Topic.PAIRWISE, a, b)
    problems.add(Location("--pairwise"), f"pack {pack.id!r} has no pairwise "
                 "comparisons", f"it has {len(pack.criteria)} criteria; use --weights")
    return None


def reproduce_command(run: RunRecord, path: Path, briefing: Path | None) -> str:
    """``crossroads wizard … --defaults -o FILE`` that writes this same file: every
    answer that differs from what that command would offer becomes an option."""
    words = ["crossroads", "wizard"]
    if run.start is None or run.start.pack != run.pack.id or run.pack_given:
        words += ["--pack", run.pack_ref]
    if run.start_ref:
        words += ["--from", run.start_ref]
    options = {SUBJECT: "--subject", AS_OF: "--as-of", TITLE: "--title",
               RISK_AVERSION: "--risk-aversion", PRIORITY_METHOD: "--priorities"}
    defaults: dict[str, Any] = {}
    for question in run.questions:  # in order, so default_from sees earlier defaults
        if not question.active(run.answers):
            continue  # an answer the file does not use (ratings under pairwise)
        value = run.answers[question.key]
        default = question.default_for(defaults)
        defaults[question.key] = value
        dated_today = question.key == AS_OF and (run.start is None or not run.start.as_of)
        if value == default and default is not NO_DEFAULT and not dated_today:
            continue
        text = question.show(value)
        if question.kind is QuestionKind.CONFIRM:
            text = "true" if value else "false"
        match question.topic:
            case Topic.FACTOR:
                words += ["--set", f"{question.subject_id}={text}"]
            case Topic.PRIORITY:
                words += ["--weights", f"{question.subject_id}={text}"]
            case Topic.PAIRWISE:
                words += ["--pairwise", "/".join(question.pair) + f"={text}"]
            case Topic.SUBJECT | Topic.AS_OF | Topic.TITLE | Topic.RISK_AVERSION | \
                    Topic.PRIORITY_METHOD | Topic.STEP:
                words += [options[question.key], text]
            case _:
                assert_never(question.topic)
    words += ["--defaults", "-o", display_path(path), "--force"]
    if briefing is not None:
        words += ["--brief", display_path(briefing)]
    return shlex.join(words)
