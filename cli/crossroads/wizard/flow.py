"""The wizard's steps: pack → start → questions by group → review → score → save → brief.

The same flow runs interactively and unattended (``--defaults``): each question is
answered by the command line (``--set`` and friends), a resumed draft, a prompt, or its
default, and the answers alone decide the file written.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crossroads.core.engine import score
from crossroads.core.errors import CrossroadsError, ExitCode, InputError, Location, Problem
from crossroads.core.words import count_of
from crossroads.io.files import check_writable, write_atomic
from crossroads.io.yamldoc import display_path
from crossroads.report.wizard import render_commands, render_heading, render_help, render_note
from crossroads.wizard import files
from crossroads.wizard.answers import (
    missing,
    proposed_name,
    scenario_from_text,
    scenario_id,
    scenario_text,
)
from crossroads.wizard.drafts import Draft, load_draft, remove_draft, save_draft
from crossroads.wizard.options import WizardOptions
from crossroads.wizard.prompt import Prompter
from crossroads.wizard.question_list import build_questions
from crossroads.wizard.questions import NO_DEFAULT, PAIRWISE_PREFIX, Question
from crossroads.wizard.review import ReviewSteps
from crossroads.wizard.scripted import RunRecord, command_line_answers, reproduce_command
from crossroads.wizard.start import StartSteps
from crossroads.wizard.values import AnswerError

if TYPE_CHECKING:
    from rich.console import Console

    from crossroads.core.engine import Result
    from crossroads.core.model import Pack, Scenario


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
    return _Wizard(options, console, prompter).run()


class _Wizard(StartSteps, ReviewSteps):
    def __init__(self, options: WizardOptions, console: Console,
                 prompter: Prompter | None) -> None:
        self.options = options
        self.console = console
        self.prompter = prompter
        self.pack_ref = ""
        self.start_ref: str | None = None
        self.pack: Pack | None = None
        self.start: Scenario | None = None
        self.questions: list[Question] = []
        self.answers: dict[str, Any] = {}
        self.saved: Path | None = None
        self.pack_asked = False  # the pack prompt already shows which pack it is

    @property
    def interactive(self) -> bool:
        return not self.options.defaults

    # -- the steps ------------------------------------------------------------------------
    def run(self) -> WizardOutcome:
        try:
            return self._run()
        except (KeyboardInterrupt, EOFError):
            if self.saved is not None:
                raise WizardInterrupted(None, self.saved) from None
            # A draft needs the pack and the start: they decide which questions exist.
            raise WizardInterrupted(self._save_draft() if self.questions else None) from None

    def _run(self) -> WizardOutcome:
        self._check_early()
        draft = self._draft_to_resume()
        pack = self._choose_pack(draft)
        if self.interactive and not self.pack_asked:
            self._note(f"crossroads wizard · {pack.title} ({pack.id} {pack.version})", "bold")
        self._choose_start(draft)
        self.questions = build_questions(pack, self.start, self.options.today)
        if draft:
            self._take_draft_answers(draft)
        self.answers.update(command_line_answers(pack, self.questions, self.options))
        if self.interactive:
            self._intro()
            if self._straight_to_review():
                self._fill_defaults(only_offered=True)
            self._ask_unanswered()
            self._review_and_score()
        else:
            self._fill_defaults()
            self._score(proposed_name(self.answers, self.options.today))
        return self._finish(self._save())

    def _finish(self, path: Path) -> WizardOutcome:
        """After saving: the briefing, and the commands that redo this without prompts."""
        assert self.pack is not None
        # Score the saved text itself, so the briefing names the file's id and values.
        result = score(self.pack, scenario_from_text(path.read_text(encoding="utf-8"),
                                                     str(path)))
        briefing = self._brief(result, path)
        command = reproduce_command(RunRecord(
            self.pack, self.pack_ref, bool(self.options.pack), self.start, self.start_ref,
            self.questions, self.answers), path, briefing)
        score_words = ["crossroads", "score", display_path(path)]
        if self.pack_ref != self.pack.id:  # not found by id: the pack came from a path
            score_words += ["--pack", self.pack_ref]
        commands = [("Score it again:", shlex.join(score_words)),
                    ("Write the same file without prompts:", command)]
        if briefing:
            commands.insert(0, ("Briefing:", display_path(briefing)))
        render_commands(self.console, display_path(path), commands)
        return WizardOutcome(path, result, briefing, command)

    def _check_early(self) -> None:
        """Refuse what would fail at the end before asking anything."""
        opts = self.options
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
        opts = self.options
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
        assert self.prompter is not None
        offer = Question("resume", "confirm", f"Continue the unfinished run ({len(draft.answers)}"
                         f" answers, pack {draft.pack})?", default=True)
        return draft if self.prompter.ask(offer) else None

    def _take_draft_answers(self, draft: Draft) -> None:
        """Re-check a draft's answers; ones the pack no longer accepts are asked again."""
        by_key = {q.key: q for q in self.questions}
        refused, unknown = [], []
        for key, value in draft.answers.items():
            question = by_key.get(key)
            if question is None:
                unknown.append(key)
                continue
            try:
                self.answers[key] = question.value_for(value)
            except AnswerError:
                refused.append(question.label or question.message)
        note = f"Resuming {count_of(len(self.answers), 'answer')} from the draft"
        if refused:
            note += f"; asking again: {', '.join(refused)}"
        if unknown:
            note += f"; not in the pack any more: {', '.join(unknown)}"
        self._note(note + ".")

    def _save_draft(self) -> Path | None:
        if self.options.defaults:
            return None
        draft = Draft(self.pack_ref, self.start_ref, dict(self.answers))
        try:
            return save_draft(draft, self.options.draft)
        except (InputError, OSError):
            return None

    # -- answers --------------------------------------------------------------------------
    def _straight_to_review(self) -> bool:
        """Starting from a scenario, an analyst often changes a few answers, not all."""
        open_count = len(self._open_questions())
        if self.start is None or open_count < 2:
            return False
        assert self.prompter is not None
        return bool(self.prompter.ask(Question(
            "pace", "select", "Go through every question?",
            choices=((f"Yes, all {open_count}, {self.start_ref}'s answers offered", False),
                     ("No, straight to the review: change only what differs", True)))))

    def _fill_defaults(self, *, only_offered: bool = False) -> None:
        """``--defaults``: every unanswered question takes its default, or is named.

        With *only_offered*, questions without a default are left to be asked.
        """
        for question in self.questions:
            if question.key not in self.answers:
                default = question.default_for(self.answers)
                if default is not NO_DEFAULT or not only_offered:
                    self.answers[question.key] = default
        if only_offered:
            return
        unanswered = missing(self.questions, self.answers)
        if unanswered:
            raise InputError([
                _problem(f"{q.message} ({q.key}) has no default", f"give it with {q.option}")
                for q in unanswered])

    def _intro(self) -> None:
        open_questions = self._open_questions()
        groups = {q.group for q in open_questions}
        self._note(f"{count_of(len(open_questions), 'question')} in "
                   f"{count_of(len(groups), 'group')}. Enter keeps the "
                   "shown answer, typing replaces it, ? then Enter explains a question, "
                   "Ctrl-C saves a draft and stops.")

    def _ask_unanswered(self) -> None:
        group = None
        for question in self.questions:
            # Whether a question is asked can depend on an earlier answer (ratings or
            # pairwise comparisons), so it is decided as the run gets to it.
            if question.key in self.answers or not question.active(self.answers):
                continue
            if question.group != group:
                group = question.group
                render_heading(self.console, group,
                               sum(q.group == group for q in self._open_questions()))
            self._ask(question)

    def _open_questions(self) -> list[Question]:
        """Questions still to ask, as far as the answers so far tell."""
        return [q for q in self.questions
                if q.key not in self.answers and q.active(self.answers)]

    def _ask(self, question: Question) -> None:
        assert self.prompter is not None
        current = self.answers.get(question.key, question.default_for(self.answers))
        self.answers[question.key] = self.prompter.ask(question, current)
        self._save_draft()
        if question.key.startswith(PAIRWISE_PREFIX):
            self._show_consistency()

    def _text(self, file_name: str) -> str:
        assert self.pack is not None
        return scenario_text(self.pack, self.start, self.questions, self.answers,
                             scenario_id(file_name))

    # -- saving ---------------------------------------------------------------------------
    def _save(self) -> Path:
        target, overwrite = self._target(self.options.output, proposed_name(
            self.answers, self.options.today), "Save the scenario as?")
        write_atomic(target, self._text(target.name), force=overwrite)
        self.saved = target
        remove_draft(self.options.draft)
        return target

    def _target(self, given: Path | None, proposal: str, message: str,
                parse: Callable[[str], str] | None = None) -> tuple[Path, bool]:
        """The file to write and whether replacing it was allowed (``--force`` or a yes)."""
        opts = self.options
        if not self.interactive:
            check_writable(given or Path(proposal), force=opts.force)
            return given or Path(proposal), opts.force
        assert self.prompter is not None
        target: Path | None = given
        while True:
            if target is None:
                target = Path(self.prompter.ask(Question(
                    "output", "path", message, default=proposal,
                    parse=parse or files.new_file_name)))
            if opts.force or not target.exists():
                return target, opts.force
            if self.prompter.ask(Question("replace", "confirm", f"{display_path(target)} "
                                          "exists. Replace it?", default=False)):
                return target, True
            proposal, target = str(target), None

    # -- briefing -------------------------------------------------------------------------
    def _brief(self, result: Result, scenario: Path) -> Path | None:
        opts = self.options
        if opts.brief is not None:
            target, overwrite = self._target(opts.brief, str(opts.brief), "")
            self._note("Writing the briefing (with its robustness analysis)…")
            return files.write_briefing(result, target, overwrite)
        if not self.interactive:
            return None
        assert self.prompter is not None
        if not self.prompter.ask(Question("brief", "confirm", "Write a briefing?",
                                          default=False)):
            return None
        suffix = self.prompter.ask(Question("brief-format", "select", "Briefing format?",
                                            choices=files.briefing_choices()))
        target, overwrite = self._target(None, f"{scenario.stem}-briefing{suffix}",
                                         "Save the briefing as?", parse=files.briefing_name)
        self.options = replace(opts, brief=target)
        self._note("Writing the briefing (with its robustness analysis)…")
        return files.write_briefing(result, target, overwrite)

    def _note(self, text: str, style: str = "dim") -> None:
        render_note(self.console, text, style)


def _problem(message: str, hint: str) -> Problem:
    return Problem(Location("--defaults"), message, hint)
