"""The priority questions: rate each criterion's swing 0-5, or compare them in pairs on
Saaty's scale (AHP), and the choice between the two.

Weights are swing weights, so every question asks about moving a criterion from its worst
to its best anchor. Pairwise answers are ratios (3, 1/3); a default taken from the pack's
weights snaps to the nearest Saaty step.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from crossroads.core.model import Criterion, Pack
from crossroads.core.words import count_of
from crossroads.wizard.questions import (
    PRIORITY_METHOD,
    Question,
    QuestionKind,
    Topic,
    with_off_scale_choice,
)
from crossroads.wizard.values import AnswerError, format_number

# Saaty's odd steps: a default taken from pack weights snaps to one of these.
SAATY_WORDS = ((9, "extremely"), (7, "very strongly"), (5, "strongly"), (3, "moderately"))
SAATY_STEPS = tuple(sorted([1.0, *(float(r) for r, _ in SAATY_WORDS),
                            *(1 / r for r, _ in SAATY_WORDS)]))
MAX_PAIRWISE_CRITERIA = 10  # AHP's consistency index is tabulated up to 10 items

SAATY_SCALE_HELP = ("Scale (Saaty's): 1 equal, 3 moderately, 5 strongly, 7 very strongly, "
                    "9 extremely more important; 2, 4, 6, 8 lie between; 1/3, 1/5... say the "
                    "second matters that much more than the first.")
SWING_HELP = ("What counts is the swing: how much moving a criterion from its worst anchor "
              "to its best one matters to you, not the criterion in the abstract.")
PAIRWISE_HELP = ("From your comparisons the weights follow by AHP (the analytic hierarchy "
                 "process); after each answer the consistency ratio (CR) says whether they "
                 "agree with each other: up to 0.10 is consistent.")

RATING_WORDS = ("ignore", "minor", "some", "important", "very important", "top priority")


def parse_rating(text: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise AnswerError("type a rating from 0 (ignore) to 5 (top priority)") from None
    if not math.isfinite(value) or value < 0:
        raise AnswerError("a priority is zero or more: 0 ignores the criterion")
    return value


def _by_ratings(answers: Mapping[str, Any]) -> bool:
    return bool(answers.get(PRIORITY_METHOD, "ratings") == "ratings")


def _by_pairs(answers: Mapping[str, Any]) -> bool:
    return bool(answers.get(PRIORITY_METHOD) == "pairwise")


def swing_text(criterion: Criterion) -> str:
    """'X: from "worst anchor" to "best anchor"', for the help of a priority question."""
    worst = criterion.worst_anchor or f"{criterion.scale_min:g}"
    best = criterion.best_anchor or f"{criterion.scale_max:g}"
    return f"{criterion.title}: from “{worst}” to “{best}”"


def priority_question(criterion: Criterion) -> Question:
    """Rate one criterion's swing 0-5; a weight off that scale stays selectable as it is.

    Weights are swing weights (see core/values), so the question asks about the swing
    from the worst to the best anchor, not about the criterion in the abstract.
    """
    choices = [(f"{n} {word}", float(n)) for n, word in enumerate(RATING_WORDS)]
    weight = float(criterion.weight)
    question = Question(
        topic=Topic.PRIORITY, names=(criterion.id,), kind=QuestionKind.SELECT,
        message=f"How much does {criterion.title} matter, next to the others?",
        label=criterion.title, group="priorities",
        help="\n".join(filter(None, [criterion.description, swing_text(criterion),
                                     SWING_HELP])), choices=tuple(choices),
        default=weight, parse=parse_rating, show=format_number,
        option=f"--weights {criterion.id}=…", ask_if=_by_ratings,
    )
    return with_off_scale_choice(question, weight)


def method_question(pack: Pack) -> Question:
    pairs = len(pack.criteria) * (len(pack.criteria) - 1) // 2
    return Question(
        Topic.PRIORITY_METHOD, (), QuestionKind.SELECT, "How do you want to set the priorities?",
        label="Priorities set by", group="priorities",
        help=f"{SWING_HELP} Ratings: each criterion from 0 (ignore) to 5 (top priority). "
             f"Pairs: for each two criteria, which matters more and how much. "
             f"{PAIRWISE_HELP}",
        choices=(("Rating each criterion from 0 to 5", "ratings"),
                 (f"Comparing them in pairs ({count_of(pairs, 'question')})", "pairwise")),
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
    counter = f"({position}/{total}) " if total else ""
    help_lines = [f"{c.description}" for c in (a, b) if c.description]
    return Question(
        Topic.PAIRWISE, (a.id, b.id), QuestionKind.NUMBER,
        f"{counter}How much more does {a.title} matter than {b.title}?",
        label=f"{a.title} vs {b.title}",
        help="\n".join([swing_text(a), swing_text(b), *help_lines, SWING_HELP,
                        SAATY_SCALE_HELP, PAIRWISE_HELP]),
        instruction="1 equal, 3 more, 5 much more, 9 extremely; 1/3… if less",
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
    except (ValueError, ZeroDivisionError, OverflowError):  # 1e999 is not a ratio
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


