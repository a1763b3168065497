"""Question specs built from a pack's definitions: what to ask, how to check and parse it.

Nothing here prompts. A :class:`Question` is plain data; :mod:`crossroads.wizard.prompt`
turns it into a questionary prompt at the one call site, and ``--defaults``/``--set``
use the same specs (defaults, parsing, validation) without prompting at all, so a
scripted run and an interactive one give the same answers.
"""

from __future__ import annotations

import datetime as _dt
import enum
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, assert_never

from crossroads.core.factors import FactorKind, FactorNature, share_percent
from crossroads.core.model import Factor, Pack
from crossroads.wizard.values import (
    JUDGED_HELP,
    LEVEL_RANGE_HELP,
    RANGE_HELP,
    AnswerError,
    bounds_text,
    format_number,
    judgement_parser,
    label_parser,
    level_parser,
    number_parser,
    plain_text,
    show_number,
    takes_p_wrong,
)


class _Missing(enum.Enum):
    NO_DEFAULT = "no default"


# A question whose default is NO_DEFAULT must be answered (or given with an option);
# None cannot mark that, since it could one day be a real answer.
NO_DEFAULT: Any = _Missing.NO_DEFAULT

class QuestionKind(enum.Enum):
    """How a question is answered; the prompt handles each one (checked exhaustively)."""

    TEXT = "text"  # free text, checked by the question's parser
    NUMBER = "number"  # typed, with a range and a source allowed
    SELECT = "select"  # a menu
    CONFIRM = "confirm"  # yes or no
    PATH = "path"  # a file name, completed from the disk

    @property
    def typed(self) -> bool:
        """Whether the answer is typed text that the question's parser checks."""
        return self in (QuestionKind.TEXT, QuestionKind.NUMBER, QuestionKind.PATH)


class Topic(enum.Enum):
    """What an answer is about: a part of the scenario file, or a step of the run."""

    SUBJECT = "subject"
    AS_OF = "as_of"
    TITLE = "title"
    FACTOR = "factors"  # names: (factor id,)
    PRIORITY_METHOD = "priority_method"  # "ratings" (0-5 each) or "pairwise" (AHP)
    PRIORITY = "priorities"  # names: (criterion id,)
    PAIRWISE = "pairwise"  # names: (a, b): how many times more a matters than b
    RISK_AVERSION = "risk_aversion"
    STEP = "step"  # a question about the run (which pack, save where); not in the file


def answer_key(topic: Topic, *names: str) -> str:
    """The one spelling of an answer's key, as drafts store it: "subject",
    "factors.<id>", "priorities.<id>", "pairwise.<a>/<b>", or a step's own name."""
    match topic:
        case Topic.FACTOR | Topic.PRIORITY:
            return f"{topic.value}.{names[0]}"
        case Topic.PAIRWISE:
            return f"{topic.value}.{names[0]}/{names[1]}"
        case Topic.STEP:
            return names[0]
        case Topic.SUBJECT | Topic.AS_OF | Topic.TITLE | Topic.PRIORITY_METHOD | \
                Topic.RISK_AVERSION:
            return str(topic.value)
        case _:
            assert_never(topic)


SUBJECT, AS_OF, TITLE = answer_key(Topic.SUBJECT), answer_key(Topic.AS_OF), \
    answer_key(Topic.TITLE)
RISK_AVERSION, PRIORITY_METHOD = answer_key(Topic.RISK_AVERSION), \
    answer_key(Topic.PRIORITY_METHOD)


@dataclass(frozen=True)
class Question:
    """One thing the wizard asks, generated from data.

    ``parse`` turns typed text into the answer value (raising :class:`AnswerError`);
    ``show`` turns a value back into the text a user would type, so defaults can be
    pre-filled and answers listed in the review.  ``topic`` and ``names`` say what the
    answer is about (a factor's id, a pair of criteria); the key is made from them.
    """

    topic: Topic
    names: tuple[str, ...]
    kind: QuestionKind
    message: str
    label: str = ""  # short name for the review table
    group: str = ""
    instruction: str = ""  # shown in brackets after the question
    help: str = ""
    choices: tuple[tuple[str, Any], ...] = ()  # (title, value) for select
    default: Any = NO_DEFAULT
    # Defaults that depend on earlier answers (e.g. a title from the subject).
    default_from: Callable[[Mapping[str, Any]], Any] | None = None
    parse: Callable[[str], Any] = str
    show: Callable[[Any], str] = str
    option: str = ""  # the command-line option that answers it without a prompt
    unit: str = ""  # shown after a number in the review
    searchable: bool = False  # a long menu: typing filters the choices
    # A menu whose answer can also be typed with a range and a source ("medium
    # (low..high) src: …"): the menu gets a last choice that opens a text entry.
    typed_entry: str = ""  # the example shown at that entry; "" for a plain menu
    # Asked only when this holds for the answers so far (e.g. pairwise questions only
    # when priorities are set by pairwise comparison).
    ask_if: Callable[[Mapping[str, Any]], bool] | None = None

    @property
    def key(self) -> str:
        return answer_key(self.topic, *self.names)

    @property
    def subject_id(self) -> str:
        """The factor or criterion a FACTOR or PRIORITY question is about."""
        assert self.topic in (Topic.FACTOR, Topic.PRIORITY), self.topic
        return self.names[0]

    @property
    def pair(self) -> tuple[str, str]:
        """The two criteria a PAIRWISE question compares (first over second)."""
        assert self.topic is Topic.PAIRWISE and len(self.names) == 2, self.topic
        return self.names[0], self.names[1]

    def active(self, answers: Mapping[str, Any]) -> bool:
        return self.ask_if is None or self.ask_if(answers)

    def default_for(self, answers: Mapping[str, Any]) -> Any:
        if self.default_from is not None:
            return self.default_from(answers)
        return self.default

    def check(self, text: str) -> str | None:
        """An error message for typed *text*, or None when it is a valid answer."""
        try:
            self.parse(text)
        except AnswerError as error:
            return str(error)
        return None

    def value_for(self, value: Any) -> Any:
        """Check an answer given without a prompt (``--set``, a draft) and return it.

        Text goes through the same parser as typed text; a value that is already typed
        (a draft's number, a scenario's boolean) is checked by showing and re-parsing it.
        """
        if self.kind is QuestionKind.CONFIRM and isinstance(value, bool):
            return value
        if self.kind is QuestionKind.SELECT and not isinstance(value, dict) and any(
                value == v and type(value) is type(v) for _, v in self.choices):
            return value
        return self.parse(value if isinstance(value, str) else self.show(value))

    def title_of(self, value: Any) -> str:
        """How an answer reads in the review table (a choice's title, yes/no, the text)."""
        if value is NO_DEFAULT or value is None:
            return "-"
        if self.kind is QuestionKind.SELECT and not isinstance(value, dict):
            for title, choice in self.choices:
                if choice == value:
                    return title.removesuffix(" (current)").replace("_", " ")
        if self.kind is QuestionKind.CONFIRM:
            return "yes" if value else "no"
        if isinstance(value, dict):  # a number or level with a range or a source
            text = self._reading(value["value"], plain_text(value["value"]))
            if value.get("low") is not None:
                low, high = value["low"], value["high"]
                text += (f", range {self._reading(low, plain_text(low), unit=False)}–"
                         f"{self._reading(high, plain_text(high), unit=False)}")
            if value.get("p_wrong") is not None:
                text += f", {round(100 * value['p_wrong']):g}% chance it is wrong"
            text += f"; {value['source']}" if value.get("source") else ""
            return text + (f" ({value['source_kind']})" if value.get("source_kind") else "")
        return self._reading(value, self.show(value))

    def _reading(self, value: Any, shown: str, unit: bool = True) -> str:
        """A value for the review table: shares as percentages, labels as words."""
        percent = share_percent(value, self.unit)
        if percent is not None:
            return percent if unit else percent.split("%")[0] + "%"
        if isinstance(value, str):
            shown = shown.replace("_", " ")
        return f"{shown} {self.unit}".rstrip() if unit else shown


def step_question(name: str, kind: QuestionKind, message: str, **fields: Any) -> Question:
    """A question about the run itself (which pack, save where), not the scenario."""
    return Question(Topic.STEP, (name,), kind, message, **fields)


def parse_date(text: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(text.strip())
    except ValueError:
        raise AnswerError("type a date as YYYY-MM-DD, e.g. 2025-06-30") from None


def parse_required_text(what: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if not text.strip():
            raise AnswerError(f"the {what} must not be empty")
        return text.strip()

    return parse


def parse_risk_aversion(text: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise AnswerError("type a number: 0 ignores risks, 1 is neutral, 2 weighs them "
                          "double") from None
    if not math.isfinite(value) or value < 0:
        raise AnswerError("risk aversion is zero or more: 0 ignores risks, 1 is neutral")
    return value


# -- building questions from a pack -------------------------------------------------------

def scenario_questions(today: _dt.date) -> list[Question]:
    """The subject, date and title of the scenario, asked before the factors."""
    return [
        Question(Topic.SUBJECT, (), QuestionKind.TEXT,
                 "Which country or actor is this scenario about?",
                 label="Subject", group="scenario", parse=parse_required_text("subject"),
                 option="--subject",
                 help="The state (or actor) the options are for, as the briefing names it, "
                      "e.g. Kazakhstan. The file name is made from it and the date."),
        Question(Topic.AS_OF, (), QuestionKind.TEXT, "As of which date do the facts hold?",
                 label="As of", group="scenario", instruction="YYYY-MM-DD", parse=parse_date,
                 show=lambda d: d.isoformat() if isinstance(d, _dt.date) else str(d),
                 default=today, option="--as-of",
                 help="The date your facts describe: a source published after it is flagged "
                      "by `crossroads scenarios validate` (CR211)."),
        Question(Topic.TITLE, (), QuestionKind.TEXT, "A title for the scenario?",
                 label="Title", group="scenario",
                 parse=parse_required_text("title"), option="--title",
                 default_from=_title_default,
                 help="A short name for this situation, shown at the top of every result."),
    ]


def _title_default(answers: Mapping[str, Any]) -> Any:
    """"Subject, as-of date", or NO_DEFAULT while there is no subject to name it after."""
    subject = answers.get(SUBJECT)
    as_of = answers.get(AS_OF)
    if not subject:
        return NO_DEFAULT
    return f"{subject}, {as_of.isoformat()}" if isinstance(as_of, _dt.date) else str(subject)


def factor_question(pack: Pack, factor: Factor) -> Question:
    """The prompt for one factor: the pack says what to ask, in which group, with what help."""
    help_lines = [factor.help] if factor.help else []
    if factor.source:
        help_lines.append(f"Source: {factor.source}")
    common: dict[str, Any] = {
        "topic": Topic.FACTOR, "names": (factor.id,),
        "message": factor.question or f"{factor.label}?",
        "label": factor.label, "group": factor.group, "help": "\n".join(help_lines),
        "default": factor.default, "option": f"--set {factor.id}=…",
    }
    match factor.kind:
        case FactorKind.NUMBER:
            common["help"] = "\n".join([*help_lines, RANGE_HELP])
            return Question(kind=QuestionKind.NUMBER, instruction=bounds_text(factor),
                            unit=factor.unit, parse=number_parser(pack, factor),
                            show=show_number, **common)
        case FactorKind.LEVEL:
            # The menu lists the levels in order, lowest first: no "a < b < c" needed.
            middle = factor.labels[len(factor.labels) // 2]
            doubt = _doubt_help(factor, middle)
            common["help"] = "\n".join([*help_lines, *doubt])
            example = f"{middle} ({factor.labels[0]}..{factor.labels[-1]}) src: …" \
                if factor.nature != FactorNature.FIXED else f"{middle} src: …"
            return Question(kind=QuestionKind.SELECT,
                            choices=tuple((label, label) for label in factor.labels),
                            parse=level_parser(pack, factor), show=show_number,
                            typed_entry=example, **common)
        case FactorKind.CHOICE:
            return Question(kind=QuestionKind.SELECT,
                            choices=tuple((label, label) for label in factor.labels),
                            parse=label_parser(pack, factor), **common)
        case FactorKind.BOOLEAN if takes_p_wrong(factor):
            # A judged yes/no: a menu, so that its last entry takes the doubt typed.
            common["help"] = "\n".join([*help_lines, *_doubt_help(factor, "yes")])
            return Question(kind=QuestionKind.SELECT, choices=(("yes", True), ("no", False)),
                            parse=judgement_parser(pack, factor), show=show_number,
                            typed_entry="yes src: … p_wrong: 0.2", **common)
        case FactorKind.BOOLEAN:
            # The parser takes a source too, and refuses p_wrong for a fact, saying why.
            return Question(kind=QuestionKind.CONFIRM, parse=judgement_parser(pack, factor),
                            show=lambda v: "yes" if v else "no", **common)
        case _:
            assert_never(factor.kind)


def _doubt_help(factor: Factor, example: str) -> list[str]:
    """How doubt about this factor can be stated, by its nature in the pack."""
    if takes_p_wrong(factor):
        level_range = [LEVEL_RANGE_HELP] if factor.kind == FactorKind.LEVEL else []
        return [*level_range, JUDGED_HELP.format(example=example)]
    if factor.nature == FactorNature.FIXED:
        return ["A fixed fact: no range or p_wrong; the menu's last entry takes a source, "
                f"e.g. {example} src: treaty text."]
    return [LEVEL_RANGE_HELP]


def with_off_scale_choice(question: Question, current: Any) -> Question:
    """A select whose current answer (a weight of 0.35, a ratio of 2) is not among its
    choices offers it first, so keeping it is one Enter."""
    if question.kind is not QuestionKind.SELECT or current in [v for _, v in question.choices] \
            or isinstance(current, bool) or not isinstance(current, int | float):
        return question
    plain = tuple(c for c in question.choices if not c[0].endswith("(current)"))
    keep = (f"{question.show(current)} (current)", float(current))
    return replace(question, choices=(keep, *plain))


def risk_aversion_question(pack: Pack) -> Question:
    return Question(
        Topic.RISK_AVERSION, (), QuestionKind.NUMBER,
        "How much should expected risk count against benefit?",
        label="Risk aversion", group="risk",
        instruction="0 ignores risks, 1 neutral, 2 double",
        help="An option's score is its benefit minus risk aversion times its expected risk.",
        default=float(pack.risk_aversion), parse=parse_risk_aversion, show=format_number,
        option="--risk-aversion",
    )


