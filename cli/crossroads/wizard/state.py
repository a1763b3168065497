"""What a wizard run knows so far, and the few things every step does with it.

The steps (:mod:`~crossroads.wizard.start`, :mod:`~crossroads.wizard.review` and the run
in :mod:`~crossroads.wizard.flow`) are functions of one :class:`WizardState`: the pack
and start chosen, the questions, the answers and which of them the analyst gave.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crossroads.core.errors import InputError
from crossroads.report.wizard import render_note
from crossroads.wizard.answers import scenario_id, scenario_text
from crossroads.wizard.consistency import Consistency, pairwise_consistency
from crossroads.wizard.drafts import Draft, save_draft
from crossroads.wizard.questions import NO_DEFAULT, Question, Topic

if TYPE_CHECKING:
    from rich.console import Console

    from crossroads.core.model import Pack, Scenario
    from crossroads.wizard.options import WizardOptions
    from crossroads.wizard.prompt import Prompter


class GoBack(Exception):  # a signal, not an error: "go back"
    """The analyst pressed Esc: return to the question (or step) before this one."""


@dataclass
class WizardState:
    """One run's choices and answers; the steps read and change it."""

    options: WizardOptions
    console: Console
    prompter: Prompter | None
    pack_ref: str = ""
    start_ref: str | None = None
    pack: Pack | None = None
    start: Scenario | None = None
    questions: list[Question] = field(default_factory=list)
    answers: dict[str, Any] = field(default_factory=dict)
    # Keys the analyst answered (at a prompt, on the command line, in a draft or in the
    # starting file), as opposed to answers only offered: only these are ever blamed.
    answered: set[str] = field(default_factory=set)
    asked: list[str] = field(default_factory=list)  # keys asked, in order (for Esc)
    saved: Path | None = None
    pack_asked: bool = False  # the pack prompt already shows which pack it is

    @property
    def interactive(self) -> bool:
        return not self.options.defaults

    def note(self, text: str, style: str = "dim") -> None:
        render_note(self.console, text, style)

    def prompt(self, question: Question, default: Any = NO_DEFAULT) -> Any:
        """Ask *question* at the terminal (raises :class:`GoBack` on Esc)."""
        assert self.prompter is not None
        return self.prompter.ask(question, default)

    def ask(self, question: Question) -> None:
        """Ask for one answer (the current one offered), keep it and the draft."""
        current = self.answers.get(question.key, question.default_for(self.answers))
        self.answers[question.key] = self.prompt(question, current)
        self.answered.add(question.key)
        self.save_draft()
        if question.topic is Topic.PAIRWISE:
            self.show_consistency()

    def save_draft(self) -> Path | None:
        if self.options.defaults or not self.questions:
            return None
        draft = Draft(self.pack_ref, self.start_ref, dict(self.answers))
        try:
            return save_draft(draft, self.options.draft)
        except (InputError, OSError):
            return None

    def text(self, file_name: str) -> str:
        """The scenario file these answers make, saved as *file_name*."""
        assert self.pack is not None
        return scenario_text(self.pack, self.start, self.questions, self.answers,
                             scenario_id(file_name))

    # -- pairwise consistency -------------------------------------------------------------
    def consistency(self) -> Consistency | None:
        assert self.pack is not None
        return pairwise_consistency(self.pack, self.questions, self.answers, self.answered)

    def show_consistency(self) -> None:
        """The running consistency ratio, after each pairwise answer."""
        check = self.consistency()
        if check is not None:
            self.note(self.summary(check), "dim" if check.acceptable else "yellow")

    def summary(self, check: Consistency) -> str:
        return check.summary(self.label(check.worst_key),
                             [self.label(key) for key in check.tied_keys])

    def label(self, key: str) -> str:
        return next((q.label or q.message for q in self.questions if q.key == key), "")
