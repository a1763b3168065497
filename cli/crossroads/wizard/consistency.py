"""How consistent the pairwise answers are, while they are being given and before scoring.

Saaty's consistency ratio needs every pair; while the comparisons are being answered,
the pairs not yet answered count at the answer the wizard offers for them, so the ratio
shown after each answer is the one scoring would give if the rest were accepted as shown.
Only answers the analyst gave are ever named as at odds: an offered answer nobody has
seen yet is not a judgement to revise.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from crossroads.core.ahp import (
    CR_THRESHOLD,
    TIE_TOLERANCE,
    show_consistency_ratio,
    weights_from_judgements,
)
from crossroads.core.errors import Location
from crossroads.core.model import Judgement, Pack
from crossroads.wizard.priority_questions import ratio_text
from crossroads.wizard.questions import NO_DEFAULT, Question, Topic

# Every step of Saaty's scale, 1/9 to 9: what a suggested ratio is rounded to.
SCALE = tuple(sorted({float(k) for k in range(1, 10)} | {1 / k for k in range(2, 10)}))


@dataclass(frozen=True)
class Consistency:
    """The consistency ratio of the judgements and the one most at odds with the rest."""

    ratio: float
    worst_key: str  # the key of the answered judgement most at odds ("" when none is)
    given: float  # what was answered for it
    implied: float  # what the other judgements imply, as a step of Saaty's scale
    # The keys of every judgement as far off as `worst_key` (itself first); more than one
    # when the contradiction is spread evenly, as it always is with three criteria.
    tied_keys: tuple[str, ...] = ()
    tied_given: tuple[float, ...] = ()
    tied_implied: tuple[float, ...] = ()  # as steps of Saaty's scale

    def first_not_in(self, offered: set[str]) -> Consistency | None:
        """This check re-aimed at the first tied answer not yet *offered* for revision
        (the stated rule for a tie: criteria order), or None when all were offered."""
        for key, given, implied in zip(self.tied_keys or (self.worst_key,),
                                       self.tied_given or (self.given,),
                                       self.tied_implied or (self.implied,), strict=True):
            if key not in offered and implied != given:
                return replace(self, worst_key=key, given=given, implied=implied)
        return None

    @property
    def acceptable(self) -> bool:
        return self.ratio <= CR_THRESHOLD

    def summary(self, label: str, tied_labels: Sequence[str] = ()) -> str:
        """One line: the ratio, and when it is too high, which answer and what instead.

        *tied_labels* names the answers equally at odds when there is a tie; then the
        line says so rather than blaming one of them at random.
        """
        shown = show_consistency_ratio(self.ratio)
        if self.acceptable:
            return f"Consistency so far: CR {shown} (up to {CR_THRESHOLD:.2f} is consistent)."
        if not self.worst_key:
            return (f"Consistency so far: CR {shown}, above {CR_THRESHOLD:.2f}, counting the "
                    "comparisons still to come as offered.")
        if len(tied_labels) > 1:
            return (f"Consistency so far: CR {shown}, above {CR_THRESHOLD:.2f}: "
                    f"{_listed(tied_labels)} are equally at odds; changing any one of these "
                    f"{_count_word(len(tied_labels))} would help. For {label} = "
                    f"{ratio_text(self.given)} the other answers imply about "
                    f"{ratio_text(self.implied)}.")
        return (f"Consistency so far: CR {shown}, above {CR_THRESHOLD:.2f}: "
                f"{label} = {ratio_text(self.given)} is most at odds; the other answers "
                f"imply about {ratio_text(self.implied)}.")


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _count_word(n: int) -> str:
    return {2: "two", 3: "three", 4: "four", 5: "five"}.get(n, str(n))


def nearest_step(ratio: float) -> float:
    """The step of Saaty's scale closest to *ratio* on a log scale."""
    return min(SCALE, key=lambda step: abs(math.log(step) - math.log(ratio)))


def pairwise_consistency(pack: Pack, questions: Sequence[Question],
                         answers: Mapping[str, Any],
                         answered: Collection[str]) -> Consistency | None:
    """The consistency of the pairwise answers (unanswered pairs at their offered
    answer), or None when there is nothing to measure (fewer than three criteria).

    The judgement named as most at odds is one of *answered* (question keys), ties
    broken by the criteria order of the questions."""
    if len(pack.criteria) < 3:
        return None
    judgements, keys = [], []
    for question in questions:
        if question.topic is not Topic.PAIRWISE:
            continue
        ratio = answers.get(question.key, question.default_for(answers))
        if ratio is NO_DEFAULT:
            return None
        judgements.append(Judgement(*question.pair, float(ratio), Location("<wizard answers>")))
        keys.append(question.key)
    result, problems = weights_from_judgements(judgements, list(pack.criteria),
                                               Location("<wizard answers>"))
    if result is None or problems:
        return None
    w = result.weights
    errors = {key: (abs(math.log(j.ratio * w[j.b] / w[j.a])), j.ratio, w[j.a] / w[j.b])
              for key, j in zip(keys, judgements, strict=True) if key in answered}
    if not errors:
        return Consistency(result.consistency_ratio, "", 0.0, 0.0)
    worst_error = max(error for error, _, _ in errors.values())
    slack = TIE_TOLERANCE * max(worst_error, 1.0)
    tied = [(key, given, nearest_step(implied)) for key, (error, given, implied)
            in errors.items() if error >= worst_error - slack]
    key, given, implied = tied[0]
    return Consistency(result.consistency_ratio, key, given, implied,
                       tuple(t[0] for t in tied), tuple(t[1] for t in tied),
                       tuple(t[2] for t in tied))
