"""The wizard's steps: pack → start → questions by group → review → score → save → brief.

The same flow runs interactively and unattended (``--defaults``): each question is
answered by the command line (``--set`` and friends), a resumed draft, a prompt, or its
default, and the answers alone decide the file written.  Interactively the steps run
over one :class:`~crossroads.wizard.state.WizardState`, and Esc on any question goes back
to the one before it, across steps.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from crossroads.core.engine import score
from crossroads.core.errors import CrossroadsError, ExitCode, InputError, Location, Problem
from crossroads.core.words import count_of
from crossroads.io.files import check_writable, write_atomic
from crossroads.io.yamldoc import display_path
from crossroads.report.wizard import render_commands, render_heading, render_help, render_note
from crossroads.wizard import files
from crossroads.wizard.answers import missing, proposed_name, scenario_from_text
from crossroads.wizard.drafts import Draft, load_draft, remove_draft
from crossroads.wizard.options import WizardOptions
from crossroads.wizard.prompt import Prompter
from crossroads.wizard.question_list import build_questions, start_value
from crossroads.wizard.questions import (
    NO_DEFAULT,
    SUBJECT,
    Question,
    QuestionKind,
    Topic,
    step_question,
)
from crossroads.wizard.review import review_and_score, score_answers
from crossroads.wizard.scripted import RunRecord, command_line_answers, reproduce_command
from crossroads.wizard.start import choose_pack, choose_start
from crossroads.wizard.state import GoBack, WizardState
from crossroads.wizard.values import AnswerError

if TYPE_CHECKING:
    from rich.console import Console

    from crossroads.core.engine import Result


class WizardInterrupted(CrossroadsError):
    """Ctrl-C or end of input at a prompt; the answers so far are in *draft* (if any)."""

    exit_code = ExitCode.INTERRUPTED

    def __init__(self, draft: Path | None, saved: Path | None = None) -> None:
        self.draft = draft
        if saved is not None:
            message = f"interrupted; the scenario was already saved in {display_path(saved)}"
        elif draft is None:
            message = "interrupted before anything was answered; nothing to keep"
        else:
            message = (f"interrupted; answers so far are saved in {display_path(draft)} "
                       "(continue with `crossroads wizard --resume`)")
        super().__init__(message)


@dataclass(frozen=True)
class WizardOutcome:
    """What a finished run produced."""

    path: Path
    result: Result
    briefing: Path | None
    command: str  # the non-interactive command that writes the same file


def run_wizard(options: WizardOptions, console: Console,
               prompter: Prompter | None = None) -> WizardOutcome:
    """Run the wizard; raises :class:`WizardInterrupted` on Ctrl-C/EOF at any point."""
    if prompter is None and not options.defaults:
        prompter = Prompter(lambda text: render_help(console, text),
                            lambda text: render_note(console, f"  ✗ {text}", "bold red"))
    return _Wizard(WizardState(options, console, prompter)).run()


INTRO = ("Enter keeps the shown answer, typing replaces it, ? then Enter explains a "
         "question, Esc goes back to the one before, Ctrl-C saves a draft and stops. "
         "Every answer can be changed again in the review at the end.")
PACE_HELP = ("Every question shows the starting scenario's answer, so Enter keeps it; the "
             "review lists every answer and lets you change any of them.")
FIRST = "This is the first question."

# A step of an interactive run: called with whether it is entered from behind (Esc on
# the step after it); returns whether it asked the analyst anything.
Step = Callable[[bool], bool]


class _Wizard:
    """One run: the steps in order over the state, going back on Esc."""

    def __init__(self, state: WizardState) -> None:
        self.state = state
        self.draft: Draft | None = None
        self.group: str | None = None  # the group whose heading was shown last
        self.path: Path | None = None
        self.offered: set[str] = set()  # answers filled in by "straight to the review"

    @property
    def interactive(self) -> bool:
        return self.state.interactive

    def run(self) -> WizardOutcome:
        state = self.state
        try:
            return self._run()
        except (KeyboardInterrupt, EOFError):
            if state.saved is not None:
                raise WizardInterrupted(None, state.saved) from None
            # A draft needs the pack and the start: they decide which questions exist.
            raise WizardInterrupted(state.save_draft() if state.questions else None) from None

    def _run(self) -> WizardOutcome:
        state = self.state
        self._check_early()
        self.draft = self._draft_to_resume()
        if self.interactive:
            self._steps([self._pack_step, self._start_step, self._pace_step,
                         self._questions_step, self._review_step])
            assert self.path is not None
            return self._finish(self.path)
        choose_pack(state, self.draft)
        choose_start(state, self.draft)
        self._take_answers()
        self._fill_defaults()
        score_answers(state, proposed_name(state.answers, state.options.today))
        return self._finish(self._save())

    def _steps(self, steps: list[Step]) -> None:
        """Run *steps* in order; Esc (GoBack) re-enters the last step that asked."""
        done: list[int] = []
        index, back = 0, False
        while index < len(steps):
            try:
                asked = steps[index](back)
            except GoBack:
                if done:
                    index, back = done.pop(), True
                else:
                    self.state.note(FIRST)
                    back = False
                continue
            if asked:
                done.append(index)
            index, back = index + 1, False

    # -- the steps ------------------------------------------------------------------------
    def _pack_step(self, back: bool) -> bool:
        state = self.state
        asked = choose_pack(state, self.draft)
        if not state.pack_asked and not back:
            assert state.pack is not None
            self._note(f"crossroads wizard · {state.pack.title} ({state.pack.id} "
                       f"{state.pack.version})", "bold")
        return asked

    def _start_step(self, back: bool) -> bool:
        state = self.state
        before = (state.start_ref, bool(state.questions))
        asked = choose_start(state, self.draft)
        if before != (state.start_ref, True):  # a new start: its questions and answers
            self._take_answers()
        if not back:
            self._warn_outside_pack()
            self._intro()
        return asked

    def _pace_step(self, back: bool) -> bool:
        """Every question, or straight to the review with the start's answers."""
        state = self.state
        if back:  # undo "straight to the review" (answers changed since are kept)
            for key in self.offered - state.answered:
                state.answers.pop(key, None)
        self.offered = set()
        if not self._straight_to_review():
            return state.start is not None and len(self._open_questions()) >= 2
        before = set(state.answers)
        self._fill_defaults(only_offered=True)
        self.offered = set(state.answers) - before
        return True

    def _questions_step(self, back: bool) -> bool:
        """Every open question in order; Esc re-asks the one answered before."""
        state = self.state
        redo: Question | None = None
        if back:
            if not state.asked:
                raise GoBack
            redo = self._question(state.asked.pop())
        while (question := redo or self._next_open()) is not None:
            redo = None
            if question.group != self.group:
                self.group = question.group
                render_heading(state.console, question.group,
                               sum(q.group == question.group for q in self._open_questions())
                               or 1)
            try:
                state.ask(question)
            except GoBack:
                if not state.asked:
                    raise
                redo = self._question(state.asked.pop())
                continue
            state.asked.append(question.key)
            if question.topic is Topic.SUBJECT:
                self._warn_outside_pack()
        return bool(state.asked)

    def _review_step(self, back: bool) -> bool:
        while True:
            review_and_score(self.state)
            try:
                self.path = self._save()
            except GoBack:
                continue
            return True

    # -- questions and answers ------------------------------------------------------------
    def _take_answers(self) -> None:
        """The questions for this pack and start, with the answers already given (a
        draft's, the command line's) and the pairs the start judged."""
        state = self.state
        assert state.pack is not None
        state.questions = build_questions(state.pack, state.start, state.options.today)
        state.answers, state.answered, state.asked = {}, set(), []
        if self.draft:
            self._take_draft_answers(self.draft)
        given = command_line_answers(state.pack, state.questions, state.options)
        state.answers.update(given)
        state.answered |= set(state.answers)
        if state.start is not None and state.start.judgements:
            state.answered |= {q.key for q in state.questions if q.topic is Topic.PAIRWISE
                               and start_value(q, state.start, state.pack) is not NO_DEFAULT}

    def _question(self, key: str) -> Question:
        return next(q for q in self.state.questions if q.key == key)

    def _next_open(self) -> Question | None:
        # Whether a question is asked can depend on an earlier answer (ratings or
        # pairwise comparisons), so it is decided as the run gets to it.
        return next(iter(self._open_questions()), None)

    def _open_questions(self) -> list[Question]:
        """Questions still to ask, as far as the answers so far tell."""
        state = self.state
        return [q for q in state.questions
                if q.key not in state.answers and q.active(state.answers)]

    def _warn_outside_pack(self) -> None:
        """A subject the pack was not written for: its questions may not fit."""
        state = self.state
        assert state.pack is not None
        subject = state.answers.get(SUBJECT) or (state.start.subject if state.start else "")
        warning = state.pack.outside_warning(str(subject or ""))
        if warning:
            self._note(warning, "yellow")

    def _finish(self, path: Path) -> WizardOutcome:
        """After saving: the briefing, and the commands that redo this without prompts."""
        state = self.state
        assert state.pack is not None
        # Score the saved text itself, so the briefing names the file's id and values.
        result = score(state.pack, scenario_from_text(path.read_text(encoding="utf-8"),
                                                      str(path)))
        briefing = self._brief(result, path)
        command = reproduce_command(RunRecord(
            state.pack, state.pack_ref, bool(state.options.pack), state.start,
            state.start_ref, state.questions, state.answers), path, briefing)
        score_words = ["crossroads", "score", display_path(path)]
        if state.pack_ref != state.pack.id:  # not found by id: the pack came from a path
            score_words += ["--pack", state.pack_ref]
        commands = [("Score it again:", shlex.join(score_words)),
                    ("Write the same file without prompts:", command)]
        if briefing:
            commands.insert(0, ("Briefing:", display_path(briefing)))
        render_commands(state.console, display_path(path), commands)
        return WizardOutcome(path, result, briefing, command)

    def _check_early(self) -> None:
        """Refuse what would fail at the end before asking anything."""
        opts = self.state.options
        for target in (opts.output, opts.brief):
            if target is not None and opts.defaults:
                check_writable(target, force=opts.force)
        if opts.brief is not None:
            try:
                files.briefing_name(str(opts.brief))  # checked before any question is asked
            except AnswerError as error:
                raise InputError.single("--brief", str(error)) from None

    # -- draft ----------------------------------------------------------------------------
    def _draft_to_resume(self) -> Draft | None:
        opts = self.state.options
        if opts.resume:
            return load_draft(opts.draft)
        if not self.interactive or not opts.draft.is_file():
            return None
        try:
            draft = load_draft(opts.draft)
        except InputError:
            return None  # a damaged draft is replaced by this run's
        if opts.pack not in (None, draft.pack) or opts.start not in (None, draft.start):
            return None  # a different run; its draft will replace this one
        offer = step_question("resume", QuestionKind.CONFIRM,
                              f"Continue the unfinished run ({len(draft.answers)} answers, "
                              f"pack {draft.pack})?", default=True,
                              help="Yes takes up the answers kept when the last run stopped; "
                                   "no starts afresh (and replaces them).")
        while True:
            try:
                return draft if self.state.prompt(offer) else None
            except GoBack:
                self.state.note(FIRST)

    def _take_draft_answers(self, draft: Draft) -> None:
        """Re-check a draft's answers; ones the pack no longer accepts are asked again."""
        state = self.state
        by_key = {q.key: q for q in state.questions}
        refused, unknown = [], []
        for key, value in draft.answers.items():
            question = by_key.get(key)
            if question is None:
                unknown.append(key)
                continue
            try:
                state.answers[key] = question.value_for(value)
            except AnswerError:
                refused.append(question.label or question.message)
        note = f"Resuming {count_of(len(state.answers), 'answer')} from the draft"
        if refused:
            note += f"; asking again: {', '.join(refused)}"
        if unknown:
            note += f"; not in the pack any more: {', '.join(unknown)}"
        self._note(note + ".")

    # -- answers --------------------------------------------------------------------------
    def _straight_to_review(self) -> bool:
        """Starting from a scenario, an analyst often changes a few answers, not all."""
        state = self.state
        open_count = len(self._open_questions())
        if state.start is None or open_count < 2:
            return False
        return bool(state.prompt(step_question(
            "pace", QuestionKind.SELECT, "Go through every question?", help=PACE_HELP,
            choices=((f"Yes, all {open_count}, {state.start_ref}'s answers offered", False),
                     ("No, straight to the review: change only what differs", True)))))

    def _fill_defaults(self, *, only_offered: bool = False) -> None:
        """``--defaults``: every unanswered question takes its default, or is named.

        With *only_offered*, questions without a default are left to be asked.
        """
        state = self.state
        for question in state.questions:
            if question.key not in state.answers:
                default = question.default_for(state.answers)
                if default is not NO_DEFAULT or not only_offered:
                    state.answers[question.key] = default
        if only_offered:
            return
        unanswered = missing(state.questions, state.answers)
        if unanswered:
            raise InputError([
                _problem(f"{q.message} ({q.key}) has no default", f"give it with {q.option}")
                for q in unanswered])

    def _intro(self) -> None:
        open_questions = self._open_questions()
        groups = {q.group for q in open_questions}
        self._note(f"{count_of(len(open_questions), 'question')} in "
                   f"{count_of(len(groups), 'group')}. {INTRO}")

    # -- saving ---------------------------------------------------------------------------
    def _save(self) -> Path:
        state = self.state
        target, overwrite = self._target(state.options.output, proposed_name(
            state.answers, state.options.today), "Save the scenario as?")
        write_atomic(target, state.text(target.name), force=overwrite)
        state.saved = target
        remove_draft(state.options.draft)
        return target

    def _target(self, given: Path | None, proposal: str, message: str,
                parse: Callable[[str], str] | None = None) -> tuple[Path, bool]:
        """The file to write and whether replacing it was allowed (``--force`` or a yes)."""
        state = self.state
        opts = state.options
        if not self.interactive:
            check_writable(given or Path(proposal), force=opts.force)
            return given or Path(proposal), opts.force
        target: Path | None = given
        while True:
            if target is None:
                target = Path(state.prompt(step_question(
                    "output", QuestionKind.PATH, message, default=proposal,
                    parse=parse or files.new_file_name,
                    help="A file name; Tab completes folders. Enter keeps the one shown.")))
            if opts.force or not target.exists():
                return target, opts.force
            try:
                replace_it = state.prompt(step_question(
                    "replace", QuestionKind.CONFIRM, f"{display_path(target)} exists. "
                    "Replace it?", default=False, help="No asks for another name."))
            except GoBack:
                replace_it = False
            if replace_it:
                return target, True
            proposal, target = str(target), None

    # -- briefing -------------------------------------------------------------------------
    def _brief(self, result: Result, scenario: Path) -> Path | None:
        state = self.state
        opts = state.options
        if opts.brief is not None:
            target, overwrite = self._target(opts.brief, str(opts.brief), "")
            self._note("Writing the briefing (with its robustness analysis)…")
            return files.write_briefing(result, target, overwrite)
        if not self.interactive:
            return None
        while True:
            try:
                return self._ask_brief(result, scenario)
            except GoBack:
                self._note(f"The scenario is saved in {display_path(scenario)}; "
                           "nothing before this question can change it now.")

    def _ask_brief(self, result: Result, scenario: Path) -> Path | None:
        state = self.state
        if not state.prompt(step_question(
                "brief", QuestionKind.CONFIRM, "Write a briefing?", default=False,
                help="A one-to-three-page briefing of this scenario (PDF, HTML, Word or "
                     "Markdown), with its robustness analysis.")):
            return None
        suffix = state.prompt(step_question("brief-format", QuestionKind.SELECT,
                                            "Briefing format?",
                                            choices=files.briefing_choices()))
        target, overwrite = self._target(None, f"{scenario.stem}-briefing{suffix}",
                                         "Save the briefing as?", parse=files.briefing_name)
        state.options = replace(state.options, brief=target)
        self._note("Writing the briefing (with its robustness analysis)…")
        return files.write_briefing(result, target, overwrite)

    def _note(self, text: str, style: str = "dim") -> None:
        render_note(self.state.console, text, style)


def _problem(message: str, hint: str) -> Problem:
    return Problem(Location("--defaults"), message, hint)
