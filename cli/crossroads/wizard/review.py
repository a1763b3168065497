"""The wizard's review and scoring steps: the answers a page at a time, the pairwise
consistency (shown as the comparisons are answered, revisions offered before scoring),
the ranking sized to the terminal, and back to the answers until the analyst saves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from crossroads.core.constraints import constraint_warnings
from crossroads.core.engine import score
from crossroads.core.errors import InputError
from crossroads.report.terminal import render_score
from crossroads.report.wizard import (
    ReviewRow,
    render_problems,
    render_ranking,
    render_review,
    rows_per_page,
)
from crossroads.wizard.answers import proposed_name, scenario_from_text
from crossroads.wizard.consistency import pairwise_consistency
from crossroads.wizard.priority_questions import ratio_text
from crossroads.wizard.questions import NO_DEFAULT, PRIORITY_METHOD, Question
from crossroads.wizard.values import AnswerError

if TYPE_CHECKING:
    from rich.console import Console

    from crossroads.core.engine import Result
    from crossroads.core.model import Pack, Scenario
    from crossroads.wizard.options import WizardOptions
    from crossroads.wizard.prompt import Prompter


class ReviewSteps:
    """The review-and-score half of the wizard, mixed into its run (which supplies the
    answers, the prompter and the methods below that it defines)."""

    options: WizardOptions
    console: Console
    prompter: Prompter | None
    pack: Pack | None
    start_ref: str | None
    questions: list[Question]
    answers: dict[str, Any]

    @property
    def interactive(self) -> bool:
        raise NotImplementedError

    def _ask(self, question: Question) -> None:
        raise NotImplementedError

    def _save_draft(self) -> Any:
        raise NotImplementedError

    def _text(self, file_name: str) -> str:
        raise NotImplementedError

    def _note(self, text: str, style: str = "dim") -> None:
        raise NotImplementedError

    def _consistency(self) -> Any:
        assert self.pack is not None
        return pairwise_consistency(self.pack, self.questions, self.answers)

    def _show_consistency(self) -> None:
        """The running consistency ratio, after each pairwise answer."""
        check = self._consistency()
        if check is not None:
            self._note(self._summary(check), "dim" if check.acceptable else "yellow")

    def _summary(self, check: Any) -> str:
        return str(check.summary(self._label(check.worst_key),
                                 [self._label(key) for key in check.tied_keys]))

    def _label(self, key: str) -> str:
        return next(q.label or q.message for q in self.questions if q.key == key)

    def _revise_inconsistency(self) -> None:
        """Before scoring: while the pairwise answers contradict each other (CR > 0.10),
        offer to revise the one most at odds, with what the others imply."""
        assert self.prompter is not None
        if self.answers.get(PRIORITY_METHOD) != "pairwise":
            return
        offered: set[str] = set()
        while (check := self._consistency()) is not None and not check.acceptable \
                and (check := check.first_not_in(offered)) is not None:
            offered.add(check.worst_key)  # asked once per scoring: "no" means no
            label = self._label(check.worst_key)
            self._note(self._summary(check).replace("so far", "of your comparisons"),
                       "yellow")
            if not self.prompter.ask(Question(
                    "revise", "select", f"Revise {label}?",
                    choices=((f"Yes: change {ratio_text(check.given)} (the others imply "
                              f"about {ratio_text(check.implied)})", True),
                             ("No, score them as they are", False)))):
                return
            question = next(q for q in self.questions if q.key == check.worst_key)
            self.answers[question.key] = self.prompter.ask(question, check.implied)
            self._save_draft()
        if offered and check is not None and check.acceptable:
            self._note(check.summary("").replace("so far", "of your comparisons"))

    # -- review and scoring ---------------------------------------------------------------
    def _review_and_score(self) -> None:
        """Review, score, and again, until the analyst wants to save."""
        assert self.prompter is not None
        while True:
            self._review()
            self._revise_inconsistency()
            try:
                result, hidden = self._score(proposed_name(self.answers, self.options.today))
            except InputError as error:
                render_problems(self.console, error)
                self._note("Change the answers above and score again.", "bold")
                continue
            # Seeing the ranking is often what makes an analyst revisit an answer.
            while (after := self.prompter.ask(Question(
                    "after-score", "select", "Save this scenario?",
                    choices=(("Save it", True), ("Back to the answers", False),
                             *((("See the whole ranking", "ranking"),)
                               if hidden else ()))))) == "ranking":
                render_ranking(self.console, result, whole=True)
            if after:
                return

    def _review(self) -> None:
        """Show every answer; let the user change any of them until they are happy."""
        assert self.prompter is not None
        first = 0
        while True:
            shown = [q for q in self.questions if q.active(self.answers)]
            rows = [ReviewRow(q.group, q.label or q.message, q.title_of(self.answers[q.key]),
                              self._changed(q)) for q in shown]
            page = rows_per_page(self.console)
            first = first if first < len(rows) else 0
            render_review(self.console, rows, self.start_ref or "the pack's defaults",
                          first, page)
            rest = len(rows) - first - page
            # A page at a time, so a 24-line terminal shows the whole of each; Enter
            # shows the next page while there is one.
            paging: tuple[tuple[str, Any], ...] = \
                ((f"{rest} more answer{'s' * (rest != 1)}: press Enter", "more"),) \
                if rest > 0 else (("Back to the first answers", "first"),) if first else ()
            action = self.prompter.ask(Question(
                "review", "select", "What next?",
                choices=(*paging, ("Score these answers", "score"),
                         ("Change an answer", "change"))))
            if action == "score":
                return
            if action in ("more", "first"):
                first = first + page if action == "more" else 0
                continue
            index = self.prompter.ask(Question(
                "which", "text", "Which answer? Type its number",
                instruction=f"1-{len(rows)}; Enter alone goes back",
                parse=_answer_number(len(rows))))
            if index >= 0:
                self._ask_changed(shown[index])

    def _ask_changed(self, question: Question) -> None:
        """Change one answer from the review, then ask what that answer newly opens
        (switching to pairwise comparisons asks the comparisons)."""
        was_active = {q.key for q in self.questions if q.active(self.answers)}
        self._ask(question)
        for follow in self.questions:
            if follow.key not in was_active and follow.active(self.answers):
                self._ask(follow)

    def _changed(self, question: Question) -> bool:
        default = question.default_for(self.answers)
        return default is not NO_DEFAULT and bool(self.answers[question.key] != default)

    def _score(self, file_name: str) -> tuple[Result, int]:
        """Score the answers and show the ranking; returns the result and how many
        options the screen had no room for (0 when run with ``--defaults``)."""
        assert self.pack is not None
        text = self._text(file_name)
        scenario = scenario_from_text(text, "<wizard answers>")
        result = score(self.pack, scenario)
        warnings = [warning.render().replace("<wizard answers>: ", "") for warning in
                    (*result.warnings, *_constraint_warnings(self.pack, scenario))]
        hidden = 0
        if self.interactive:
            width = max(20, self.console.width)
            spare = sum(len(w) // width + 1 for w in warnings)
            hidden = render_ranking(self.console, result, spare)
        else:
            self.console.print()
            render_score(result, self.console)
        for warning in warnings:
            self._note(warning, "yellow")
        return result, hidden


def _answer_number(count: int) -> Callable[[str], int]:
    """Parse the number of a review row (0-based), or -1 for an empty answer."""

    def parse(text: str) -> int:
        if not text.strip():
            return -1
        if not text.strip().isdigit() or not 1 <= int(text) <= count:
            raise AnswerError(f"type a number from 1 to {count}, or nothing to go back")
        return int(text) - 1

    return parse


def _constraint_warnings(pack: Pack, scenario: Scenario) -> list[Any]:
    """Facts that contradict each other by the pack's own constraints: worth a second look."""
    try:
        return list(constraint_warnings(pack, scenario))
    except InputError:
        return []  # invalid values were already refused by the engine
