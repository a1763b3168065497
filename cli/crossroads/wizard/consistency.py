"""How consistent the pairwise answers are, while they are being given and before scoring.

Saaty's consistency ratio needs every pair; while the comparisons are being answered,
the pairs not yet answered count at the answer the wizard offers for them, so the ratio
shown after each answer is the one scoring would give if the rest were accepted as shown.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from crossroads.core.ahp import CR_THRESHOLD, weights_from_judgements
from crossroads.core.errors import Location
from crossroads.core.model import Judgement, Pack
from crossroads.wizard.priority_questions import ratio_text
from crossroads.wizard.questions import NO_DEFAULT, PAIRWISE_PREFIX, Question

# Every step of Saaty's scale, 1/9 to 9: what a suggested ratio is rounded to.
SCALE = tuple(sorted({float(k) for k in range(1, 10)} | {1 / k for k in range(2, 10)}))


@dataclass(frozen=True)
class Consistency:
    """The consistency ratio of the judgements and the one most at odds with the rest."""

    ratio: float
    worst_key: str  # the question key of the judgement most at odds ("pairwise.a/b")
    given: float  # what was answered for it
    implied: float  # what the other judgements imply, as a step of Saaty's scale

    @property
    def acceptable(self) -> bool:
        return self.ratio <= CR_THRESHOLD

    def summary(self, label: str) -> str:
        """One line: the ratio, and when it is too high, which answer and what instead."""
        if self.acceptable:
            return (f"Consistency so far: CR {self.ratio:.2f} (up to {CR_THRESHOLD:.2f} "
                    "is consistent).")
        return (f"Consistency so far: CR {self.ratio:.2f}, above {CR_THRESHOLD:.2f}: "
                f"{label} = {ratio_text(self.given)} is most at odds; the other answers "
                f"imply about {ratio_text(self.implied)}.")


def nearest_step(ratio: float) -> float:
    """The step of Saaty's scale closest to *ratio* on a log scale."""
    return min(SCALE, key=lambda step: abs(math.log(step) - math.log(ratio)))


def pairwise_consistency(pack: Pack, questions: Sequence[Question],
                         answers: Mapping[str, Any]) -> Consistency | None:
    """The consistency of the pairwise answers (unanswered pairs at their offered
    answer), or None when there is nothing to measure (fewer than three criteria)."""
    if len(pack.criteria) < 3:
        return None
    judgements = []
    for question in questions:
        if not question.key.startswith(PAIRWISE_PREFIX):
            continue
        ratio = answers.get(question.key, question.default_for(answers))
        if ratio is NO_DEFAULT:
            return None
        a, b = question.key.removeprefix(PAIRWISE_PREFIX).split("/")
        judgements.append(Judgement(a, b, float(ratio), Location("<wizard answers>")))
    result, problems = weights_from_judgements(judgements, list(pack.criteria),
                                               Location("<wizard answers>"))
    if result is None or problems or result.worst is None or result.suggested_ratio is None:
        return None
    worst = result.worst
    return Consistency(result.consistency_ratio, PAIRWISE_PREFIX + f"{worst.a}/{worst.b}",
                       worst.ratio, nearest_step(result.suggested_ratio))
