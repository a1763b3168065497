"""How consistent the pairwise answers are, while they are being given and before scoring.

Saaty's consistency ratio needs every pair; while the comparisons are being answered,
the pairs not yet answered count at the answer the wizard offers for them, so the ratio
shown after each answer is the one scoring would give if the rest were accepted as shown.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from crossroads.core.ahp import CR_THRESHOLD, show_consistency_ratio, weights_from_judgements
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
                       worst.ratio, nearest_step(result.suggested_ratio),
                       tuple(PAIRWISE_PREFIX + f"{t.a}/{t.b}" for t in result.tied),
                       tuple(t.ratio for t in result.tied),
                       tuple(nearest_step(r) for r in result.tied_suggested))
