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
from fractions import Fraction
from typing import Any

from crossroads.core.factors import share_percent
from crossroads.core.model import Criterion, Factor, FactorValue, Pack, Scenario
from crossroads.core.words import count_of
from crossroads.wizard.values import (
    LEVEL_RANGE_HELP,
    RANGE_HELP,
    AnswerError,
    bounds_text,
    format_number,
    label_parser,
    level_parser,
    number_parser,
    plain_text,
    show_number,
)


class _Missing(enum.Enum):
    NO_DEFAULT = "no default"


# A question whose default is NO_DEFAULT must be answered (or given with an option);
# None cannot mark that, since it could one day be a real answer.
NO_DEFAULT: Any = _Missing.NO_DEFAULT

# Answer keys for the scenario's own fields; factors, priorities and pairwise judgements
# ("pairwise.<a>/<b>": how much more a matters than b) are prefixed.
SUBJECT, AS_OF, TITLE, RISK_AVERSION = "subject", "as_of", "title", "risk_aversion"
PRIORITY_METHOD = "priority_method"  # "ratings" (0-5 each) or "pairwise" (AHP)
FACTOR_PREFIX, PRIORITY_PREFIX, PAIRWISE_PREFIX = "factors.", "priorities.", "pairwise."
# Saaty's odd steps: a default taken from pack weights snaps to one of these.
SAATY_WORDS = ((9, "extremely"), (7, "very strongly"), (5, "strongly"), (3, "moderately"))
SAATY_STEPS = tuple(sorted([1.0, *(float(r) for r, _ in SAATY_WORDS),
                            *(1 / r for r, _ in SAATY_WORDS)]))
MAX_PAIRWISE_CRITERIA = 10  # AHP's consistency index is tabulated up to 10 items

SAATY_SCALE_HELP = ("Scale: 1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely "
                    "more important; 2, 4, 6, 8 lie between; 1/3, 1/5... say the second "
                    "matters that much more than the first.")

RATING_WORDS = ("ignore", "minor", "some", "important", "very important", "top priority")
KINDS = ("text", "number", "select", "confirm", "path")


@dataclass(frozen=True)
class Question:
    """One thing the wizard asks, generated from data.

    ``parse`` turns typed text into the answer value (raising :class:`AnswerError`);
    ``show`` turns a value back into the text a user would type, so defaults can be
    pre-filled and answers listed in the review.
    """

    key: str
    kind: str  # one of KINDS
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
        if self.kind == "confirm" and isinstance(value, bool):
            return value
        if self.kind == "select" and not isinstance(value, dict) and any(
                value == v and type(value) is type(v) for _, v in self.choices):
            return value
        return self.parse(value if isinstance(value, str) else self.show(value))

    def title_of(self, value: Any) -> str:
        """How an answer reads in the review table (a choice's title, yes/no, the text)."""
        if value is NO_DEFAULT or value is None:
            return "-"
        if self.kind == "select" and not isinstance(value, dict):
            for title, choice in self.choices:
                if choice == value:
                    return title.removesuffix(" (current)").replace("_", " ")
        if self.kind == "confirm":
            return "yes" if value else "no"
        if isinstance(value, dict):  # a number or level with a range or a source
            text = self._reading(value["value"], plain_text(value["value"]))
            if value.get("low") is not None:
                low, high = value["low"], value["high"]
                text += (f", range {self._reading(low, plain_text(low), unit=False)}–"
                         f"{self._reading(high, plain_text(high), unit=False)}")
            return text + (f"; {value['source']}" if value.get("source") else "")
        return self._reading(value, self.show(value))

    def _reading(self, value: Any, shown: str, unit: bool = True) -> str:
        """A value for the review table: shares as percentages, labels as words."""
        percent = share_percent(value, self.unit)
        if percent is not None:
            return percent if unit else percent.split("%")[0] + "%"
        if isinstance(value, str):
            shown = shown.replace("_", " ")
        return f"{shown} {self.unit}".rstrip() if unit else shown


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


def parse_rating(text: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise AnswerError("type a rating from 0 (ignore) to 5 (top priority)") from None
    if not math.isfinite(value) or value < 0:
        raise AnswerError("a priority is zero or more: 0 ignores the criterion")
    return value


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
        Question(SUBJECT, "text", "Which country or actor is this scenario about?",
                 label="Subject", group="scenario", parse=parse_required_text("subject"),
                 option="--subject"),
        Question(AS_OF, "text", "As of which date do the facts hold?", label="As of",
                 group="scenario", instruction="YYYY-MM-DD", parse=parse_date,
                 show=lambda d: d.isoformat() if isinstance(d, _dt.date) else str(d),
                 default=today, option="--as-of"),
        Question(TITLE, "text", "A title for the scenario?", label="Title", group="scenario",
                 parse=parse_required_text("title"), option="--title",
                 default_from=_title_default),
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
        "key": FACTOR_PREFIX + factor.id, "message": factor.question or f"{factor.label}?",
        "label": factor.label, "group": factor.group, "help": "\n".join(help_lines),
        "default": factor.default, "option": f"--set {factor.id}=…",
    }
    if factor.kind == "number":
        common["help"] = "\n".join([*help_lines, RANGE_HELP])
        return Question(kind="number", instruction=bounds_text(factor), unit=factor.unit,
                        parse=number_parser(pack, factor), show=show_number, **common)
    if factor.kind == "level":
        order = " < ".join(factor.labels)
        common["help"] = "\n".join([*help_lines, LEVEL_RANGE_HELP])
        middle = factor.labels[len(factor.labels) // 2]
        example = f"{middle} ({factor.labels[0]}..{factor.labels[-1]}) src: …"
        return Question(kind="select", instruction=order,
                        choices=tuple((label, label) for label in factor.labels),
                        parse=level_parser(pack, factor), show=show_number,
                        typed_entry=example, **common)
    if factor.kind == "choice":
        return Question(kind="select", choices=tuple((label, label) for label in factor.labels),
                        parse=label_parser(pack, factor), **common)
    return Question(kind="confirm", parse=label_parser(pack, factor),
                    show=lambda v: "yes" if v else "no", **common)


def _by_ratings(answers: Mapping[str, Any]) -> bool:
    return bool(answers.get(PRIORITY_METHOD, "ratings") == "ratings")


def _by_pairs(answers: Mapping[str, Any]) -> bool:
    return bool(answers.get(PRIORITY_METHOD) == "pairwise")


def swing_text(criterion: Criterion) -> str:
    """'moving X from its worst to its best anchor', with the anchors' words when given."""
    worst = criterion.worst_anchor or f"{criterion.scale_min:g}"
    best = criterion.best_anchor or f"{criterion.scale_max:g}"
    return f"moving {criterion.title} from its worst ({worst}) to its best anchor ({best})"


def priority_question(criterion: Criterion) -> Question:
    """Rate one criterion's swing 0-5; a weight off that scale stays selectable as it is.

    Weights are swing weights (see core/values), so the question asks about the swing
    from the worst to the best anchor, not about the criterion in the abstract.
    """
    choices = [(f"{n} {word}", float(n)) for n, word in enumerate(RATING_WORDS)]
    weight = float(criterion.weight)
    question = Question(
        key=PRIORITY_PREFIX + criterion.id, kind="select",
        message=f"Compared with the other criteria, how much does {swing_text(criterion)} "
                "matter?", label=criterion.title,
        group="priorities", help=criterion.description, choices=tuple(choices),
        default=weight, parse=parse_rating, show=format_number,
        option=f"--weights {criterion.id}=…", ask_if=_by_ratings,
    )
    return with_off_scale_choice(question, weight)


def method_question(pack: Pack) -> Question:
    pairs = len(pack.criteria) * (len(pack.criteria) - 1) // 2
    return Question(
        PRIORITY_METHOD, "select", "How do you want to set the priorities?",
        label="Priorities set by", group="priorities",
        help="Each question asks how much moving a criterion from its worst to its best "
             "anchor matters. Ratings: each swing from 0 (ignore) to 5 (top priority). Pairs: "
             "for each two swings, which matters more and how much (Saaty's scale); the weights "
             "follow by AHP, with a warning when the judgements contradict each other.",
        choices=(("Rating each criterion from 0 to 5", "ratings"),
                 (f"Comparing them in pairs ({count_of(pairs, 'question')}, AHP)",
                  "pairwise")),
        default="ratings", parse=_method, option="--priorities")


def _method(text: str) -> str:
    if text.strip() not in ("ratings", "pairwise"):
        raise AnswerError(f"{text.strip()!r} is not a way to set priorities: use ratings or "
                          "pairwise")
    return text.strip()


def pairwise_question(a: Criterion, b: Criterion, default: float,
                      position: int = 0, total: int = 0) -> Question:
    """How many times more *a* matters than *b*, typed on Saaty's scale (3, 1/3, 2...).

    A typed ratio rather than a 17-entry menu, so the question, the scale and the
    running consistency fit a 24-line terminal; the help gives both criteria's
    descriptions and the words for every step.
    """
    counter = f"({position} of {total}) " if total else ""
    help_lines = [f"{c.title}: {c.description}" for c in (a, b) if c.description]
    return Question(
        PAIRWISE_PREFIX + f"{a.id}/{b.id}", "number",
        f"{counter}How many times more does {swing_text(a)} matter than {swing_text(b)}?",
        label=f"{a.title} vs {b.title}", help="\n".join([*help_lines, SAATY_SCALE_HELP]),
        instruction=f"1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely; "
                    f"1/3 to 1/9 when {b.title} matters more",
        group="pairwise comparisons", default=default, parse=parse_ratio, show=ratio_text,
        option=f"--pairwise {a.id}/{b.id}=…", ask_if=_by_pairs)


def ratio_text(value: float) -> str:
    """3 → "3", 1/3 → "1/3"; other values as plain numbers."""
    fraction = Fraction(value).limit_denominator(9)
    if abs(float(fraction) - value) > 1e-9:
        return format_number(value)
    return str(fraction)


def parse_ratio(text: str) -> float:
    try:
        value = float(Fraction(text.strip()))
    except (ValueError, ZeroDivisionError):
        raise AnswerError(f"{text.strip()!r} is not a ratio such as 3 or 1/3") from None
    if not 1 / 9 - 1e-9 <= value <= 9 + 1e-9:
        raise AnswerError(f"{text.strip()} is outside Saaty's scale 1/9 to 9")
    return value


def snapped_ratio(weight_a: float, weight_b: float) -> float:
    """The Saaty step closest (in ratio terms) to weight_a / weight_b."""
    if weight_a <= 0 or weight_b <= 0:
        return 1.0 if weight_a == weight_b else (9.0 if weight_b <= 0 else 1 / 9)
    ratio = math.log(weight_a / weight_b)
    return min(SAATY_STEPS, key=lambda step: abs(math.log(step) - ratio))


def with_off_scale_choice(question: Question, current: Any) -> Question:
    """A select whose current answer (a weight of 0.35, a ratio of 2) is not among its
    choices offers it first, so keeping it is one Enter."""
    if question.kind != "select" or current in [v for _, v in question.choices] \
            or isinstance(current, bool) or not isinstance(current, int | float):
        return question
    plain = tuple(c for c in question.choices if not c[0].endswith("(current)"))
    keep = (f"{question.show(current)} (current)", float(current))
    return replace(question, choices=(keep, *plain))


def risk_aversion_question(pack: Pack) -> Question:
    return Question(
        RISK_AVERSION, "number", "How much should expected risk count against benefit?",
        label="Risk aversion", group="risk",
        instruction="0 ignores risks, 1 neutral, 2 double",
        help="An option's score is its benefit minus risk aversion times its expected risk.",
        default=float(pack.risk_aversion), parse=parse_risk_aversion, show=format_number,
        option="--risk-aversion",
    )


def build_questions(pack: Pack, start: Scenario | None,
                    today: _dt.date | None = None) -> list[Question]:
    """Every question, in the order asked, with defaults taken from *start* when given."""
    questions = scenario_questions(today or _dt.date.today())
    questions += [factor_question(pack, f) for f in _by_group(pack)]
    criteria = list(pack.criteria.values())
    if 2 <= len(criteria) <= MAX_PAIRWISE_CRITERIA:
        questions.append(method_question(pack))
    questions += [priority_question(c) for c in criteria]
    if 2 <= len(criteria) <= MAX_PAIRWISE_CRITERIA:
        pairs = [(a, b) for i, a in enumerate(criteria) for b in criteria[i + 1:]]
        questions += [pairwise_question(a, b, snapped_ratio(a.weight, b.weight), n, len(pairs))
                      for n, (a, b) in enumerate(pairs, start=1)]
    questions.append(risk_aversion_question(pack))
    if start is None:
        return questions
    return [_start_default(q, start, pack) for q in questions]


def _by_group(pack: Pack) -> list[Factor]:
    """Factors grouped (groups in order of first appearance), declaration order within."""
    groups: dict[str, list[Factor]] = {}
    for factor in pack.factors.values():
        groups.setdefault(factor.group, []).append(factor)
    return [f for members in groups.values() for f in members]


def start_value(question: Question, start: Scenario, pack: Pack | None = None) -> Any:
    """The starting scenario's answer to *question*, or NO_DEFAULT when it says nothing."""
    key = question.key
    if key == PRIORITY_METHOD:
        return "pairwise" if start.judgements and not start.priorities else "ratings"
    if key.startswith(PAIRWISE_PREFIX):
        return _start_ratio(key.removeprefix(PAIRWISE_PREFIX), start, pack)
    if key == SUBJECT:
        return start.subject or NO_DEFAULT
    if key == AS_OF:
        return start.as_of or NO_DEFAULT
    if key == TITLE:
        return start.title or NO_DEFAULT
    if key == RISK_AVERSION:
        return NO_DEFAULT if start.risk_aversion is None else float(start.risk_aversion)
    if key.startswith(FACTOR_PREFIX):
        given: FactorValue | None = start.factors.get(key.removeprefix(FACTOR_PREFIX))
        if given is None:
            return NO_DEFAULT
        return float(given.value) if question.kind == "number" and isinstance(
            given.value, int | float) and not isinstance(given.value, bool) else given.value
    if key.startswith(PRIORITY_PREFIX):
        weight = start.priorities.get(key.removeprefix(PRIORITY_PREFIX))
        return NO_DEFAULT if weight is None else float(weight)
    return NO_DEFAULT


def _start_ratio(pair: str, start: Scenario, pack: Pack | None) -> Any:
    """The start's judgement of a pair (either way round), else its weights' ratio."""
    a, b = pair.split("/")
    for first, second, ratio in ((j.a, j.b, j.ratio) for j in start.judgements):
        if (first, second) == (a, b):
            return float(ratio)
        if (first, second) == (b, a):
            return 1 / float(ratio)
    if not start.priorities or pack is None:
        return NO_DEFAULT
    weight_a = start.priorities.get(a, pack.criteria[a].weight)
    weight_b = start.priorities.get(b, pack.criteria[b].weight)
    return snapped_ratio(weight_a, weight_b)


def _start_default(question: Question, start: Scenario, pack: Pack | None = None) -> Question:
    value = start_value(question, start, pack)
    if value is NO_DEFAULT:
        return question
    changed = replace(question, default=value, default_from=None)
    if question.kind == "select":
        changed = with_off_scale_choice(changed, value)
    given = start.factors.get(question.key.removeprefix(FACTOR_PREFIX)) \
        if question.key.startswith(FACTOR_PREFIX) else None
    if given is not None and (given.source or given.has_range or given.note):
        # Where the offered answer came from is half of deciding whether to keep it.
        span = f" (range {question.show(given.low)} to {question.show(given.high)})" \
            if given.has_range and question.kind == "number" else \
            f" (range {given.low} to {given.high})" if given.has_range else ""
        lines = [f"In {start.id}: {question.title_of(value)}{span}"
                 + (f"; {given.source}" if given.source else "")]
        if given.note:
            lines.append(f"Note: {given.note}")
        changed = replace(changed, help="\n".join(filter(None, [question.help, *lines])))
    return changed
