"""The wizard's review and scoring steps: the answers a page at a time with the weights
they give, the pairwise consistency (revisions offered before scoring), the ranking sized
to the terminal, the sourcing checks `scenarios validate` would make, and back to the
answers until the analyst saves.  Enter on every default goes straight through.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from crossroads.authoring.lint_scenario import scenario_warnings
from crossroads.core.constraints import constraint_warnings
from crossroads.core.engine import score
from crossroads.core.errors import InputError
from crossroads.core.words import count_of
from crossroads.report.terminal import render_score
from crossroads.report.wizard import (
    ReviewRow,
    render_problems,
    render_ranking,
    render_review,
    rows_per_page,
)
from crossroads.wizard.answers import proposed_name, scenario_from_text
from crossroads.wizard.priority_questions import ratio_text
from crossroads.wizard.questions import (
    NO_DEFAULT,
    PRIORITY_METHOD,
    Question,
    QuestionKind,
    Topic,
    step_question,
)
from crossroads.wizard.state import GoBack, WizardState
from crossroads.wizard.values import AnswerError

if TYPE_CHECKING:
    from crossroads.core.engine import Result
    from crossroads.core.model import Pack, Scenario

REVIEW_HELP = ("Enter takes the highlighted choice: the next page, then scoring. Change an "
               "answer by its number; Esc goes back a page (or to the last question).")
SAVE_HELP = "Saving writes the scenario file; Back returns to your answers to change one."


def revise_inconsistency(state: WizardState) -> None:
    """Before scoring: while the pairwise answers contradict each other (CR > 0.10),
    offer to revise the answered one most at odds, with what the others imply."""
    if state.answers.get(PRIORITY_METHOD) != "pairwise":
        return
    offered: set[str] = set()
    while (check := state.consistency()) is not None and not check.acceptable \
            and check.worst_key and (check := check.first_not_in(offered)) is not None:
        offered.add(check.worst_key)  # asked once per scoring: "no" means no
        label = state.label(check.worst_key)
        state.note(state.summary(check).replace("so far", "of your comparisons"), "yellow")
        if not state.prompt(step_question(
                "revise", QuestionKind.SELECT, f"Revise {label}?",
                choices=((f"Yes: change {ratio_text(check.given)} (the others imply "
                          f"about {ratio_text(check.implied)})", True),
                         ("No, score them as they are", False)))):
            return
        question = next(q for q in state.questions if q.key == check.worst_key)
        state.answers[question.key] = state.prompt(question, check.implied)
        state.answered.add(question.key)
        state.save_draft()
    if offered and check is not None and check.acceptable:
        state.note(check.summary("").replace("so far", "of your comparisons"))


def review_and_score(state: WizardState) -> str:
    """Review, score, and again, until the analyst saves; returns the file name
    proposed for saving.  Esc on the review's first page raises :class:`GoBack`."""
    while True:
        review(state)
        try:
            revise_inconsistency(state)
        except GoBack:
            continue
        try:
            result, hidden = score_answers(state, proposed_name(state.answers,
                                                                state.options.today))
        except InputError as error:
            render_problems(state.console, error)
            state.note("Change the answers above and score again.", "bold")
            continue
        try:
            if _save_wanted(state, result, hidden) and _sources_settled(state):
                return proposed_name(state.answers, state.options.today)
        except GoBack:
            continue


def _save_wanted(state: WizardState, result: Result, hidden: int) -> bool:
    # Seeing the ranking is often what makes an analyst revisit an answer.
    while (after := state.prompt(step_question(
            "after-score", QuestionKind.SELECT, "Save this scenario?", help=SAVE_HELP,
            choices=(("Save it", True), ("Back to the answers", False),
                     *((("See the whole ranking", "ranking"),) if hidden else ()))))
           ) == "ranking":
        render_ranking(state.console, result, whole=True)
    return bool(after)


def _sources_settled(state: WizardState) -> bool:
    """What `scenarios validate` would warn about the file, shown before it is written,
    with the fix offered: a range typed without the figures behind its bounds is the
    analyst's judgement, and saying so (``source_kind: analyst``) is the honest fix."""
    assert state.pack is not None
    scenario = scenario_from_text(state.text("answers.yaml"), "<wizard answers>")
    warnings = scenario_warnings(state.pack, scenario)
    if not warnings:
        return True
    for warning in warnings:
        state.note(warning.render().replace("<wizard answers>", "answers"), "yellow")
    unsourced = _unsourced_ranges(state, [w for w in warnings if w.code == "CR212"])
    choices: list[tuple[str, Any]] = []
    if unsourced:
        choices.append((f"Mark {count_of(len(unsourced), 'range')} as my own judgement "
                        "(source_kind: analyst) and save", "analyst"))
    choices += [("Save as it is", "save"), ("Back to the answers", "back")]
    picked = state.prompt(step_question(
        "sources", QuestionKind.SELECT,
        f"`scenarios validate` would give {count_of(len(warnings), 'warning')}. Save?",
        choices=tuple(choices),
        help="A range's bounds are claims: name the figure behind each in its source, or "
             "declare the range your judgement (or unverified) with kind: after the source, "
             "e.g. 0.12-0.16 src: Armstat 2024 kind: analyst."))
    if picked == "analyst":
        for key in unsourced:
            state.answers[key] = {**state.answers[key], "source_kind": "analyst"}
        state.save_draft()
    return bool(picked != "back")


def _unsourced_ranges(state: WizardState, warnings: list[Any]) -> list[str]:
    """The keys of typed factor answers (with a range) that CR212 warns about."""
    named = {w.message.split(":", 1)[0] for w in warnings}
    return [q.key for q in state.questions
            if q.topic is Topic.FACTOR and q.subject_id in named
            and isinstance(state.answers.get(q.key), dict)]


def review(state: WizardState) -> None:
    """Show every answer and the weights they give; let the analyst change any of them
    until they score.  Esc on the first page raises :class:`GoBack`."""
    first = 0
    while True:
        shown = [q for q in state.questions if q.active(state.answers)]
        rows = [ReviewRow(q.group, q.label or q.message, q.title_of(state.answers[q.key]),
                          _changed(q, state.answers)) for q in shown]
        weights = _weights_line(state)
        page = rows_per_page(state.console, weights)
        first = first if first < len(rows) else 0
        render_review(state.console, rows, state.start_ref or "the pack's defaults",
                      first, page, weights)
        rest = len(rows) - first - page
        # A page at a time, so a 24-line terminal shows the whole of each; Enter shows
        # the next page while there is one, and on the last page scores.
        choices: tuple[tuple[str, Any], ...] = (("Score these answers", "score"),
                                                ("Change an answer", "change"))
        if rest > 0:
            choices = ((f"{rest} more answer{'s' * (rest != 1)}: press Enter", "more"),
                       *choices)
        elif first:
            choices = (*choices, ("Back to the first answers", "first"))
        try:
            action = state.prompt(step_question("review", QuestionKind.SELECT, "What next?",
                                                choices=choices, help=REVIEW_HELP))
        except GoBack:
            if first == 0:
                raise
            first = max(0, first - page)
            continue
        if action == "score":
            return
        if action in ("more", "first"):
            first = first + page if action == "more" else 0
            continue
        try:
            index = state.prompt(step_question(
                "which", QuestionKind.TEXT, "Which answer? Type its number",
                instruction=f"1-{len(rows)}; Enter alone goes back",
                help="The number in the first column of the review.",
                parse=_answer_number(len(rows))))
            if index >= 0:
                ask_changed(state, shown[index])
        except GoBack:
            continue


def ask_changed(state: WizardState, question: Question) -> None:
    """Change one answer from the review, then ask what that answer newly opens
    (switching to pairwise comparisons asks the comparisons)."""
    was_active = {q.key for q in state.questions if q.active(state.answers)}
    state.ask(question)
    for follow in state.questions:
        if follow.key not in was_active and follow.active(state.answers):
            state.ask(follow)


def _weights_line(state: WizardState) -> str:
    """The weights the priority answers give (ratings normalised, or AHP), or ""."""
    assert state.pack is not None
    try:
        scenario = scenario_from_text(state.text("answers.yaml"), "<wizard answers>")
        weights = score(state.pack, scenario).weights
    except (InputError, KeyError):
        return ""  # an answer still missing or refused: the review shows it
    from crossroads.core.factors import share_percent

    parts = [f"{state.pack.criteria[c].title} {share_percent(w, 'share') or w}"
             for c, w in weights.items()]
    return "Weights: " + ", ".join(parts) + "."


def _changed(question: Question, answers: dict[str, Any]) -> bool:
    default = question.default_for(answers)
    return default is not NO_DEFAULT and bool(answers[question.key] != default)


def score_answers(state: WizardState, file_name: str) -> tuple[Result, int]:
    """Score the answers and show the ranking; returns the result and how many
    options the screen had no room for (0 when run with ``--defaults``)."""
    assert state.pack is not None
    text = state.text(file_name)
    scenario = scenario_from_text(text, "<wizard answers>")
    result = score(state.pack, scenario)
    warnings = [warning.render().replace("<wizard answers>: ", "") for warning in
                (*result.warnings, *_constraint_warnings(state.pack, scenario))]
    hidden = 0
    if state.interactive:
        width = max(20, state.console.width)
        spare = sum(len(w) // width + 1 for w in warnings)
        hidden = render_ranking(state.console, result, spare)
    else:
        state.console.print()
        render_score(result, state.console)
    for warning in warnings:
        state.note(warning, "yellow")
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
