"""A rule that fails in some robustness draws says where: the rule, the expression, and the
drawn values of the first failing draw as the user writes them (levels by name).

Found by mutation testing (docs/explanation/testing.md): the example and the hint could be
dropped without any test noticing.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from crossroads.core.errors import EvaluationError
from crossroads.robustness.vectorised import VectorScorer
from generated import FACTORS, build_pack


def _pack(points: str, likelihood: Any = 0.5) -> dict[str, Any]:
    return {"format": "crossroads.pack/1", "id": "draws", "version": "1", "title": "Draws",
            "factors": FACTORS,
            "criteria": [{"id": "g", "title": "G", "scale": [-5, 5]}],
            "options": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
            "rules": [{"id": "per-x", "effects": [{"option": "a", "criterion": "g",
                                                   "points": points}]}],
            "risks": [{"id": "r", "title": "R"}],
            "risk_rules": [{"id": "odds", "risk": "r", "likelihood": likelihood, "impact": 2,
                            "applies_to": ["b"]}]}


def _draws() -> dict[str, Any]:
    # x reaches 0 in the third draw only; levels are drawn as their order (2 = "high").
    return {"x": np.array([0.5, 0.25, 0.0, 0.75]), "level": np.array([0.0, 1.0, 2.0, 1.0]),
            "flag": False}


def test_points_that_are_not_finite_in_a_draw_name_that_draw() -> None:
    scorer = VectorScorer(build_pack(_pack("1 / x")))
    with pytest.raises(EvaluationError) as caught:
        scorer.scores(_draws(), np.full((4, 1), 1.0), 1.0)
    (problem,) = caught.value.problems
    text = problem.render()
    assert ("rule 'per-x': points `1 / x` failed in a sensitivity draw: result is not finite "
            "(e.g. at x = 0, level = high)") in text
    assert "hint: guard the expression (e.g. `x / max(y, 0.01)`) or narrow the factor's " \
        "range" in text


def test_a_likelihood_outside_0_1_in_a_draw_names_that_draw() -> None:
    scorer = VectorScorer(build_pack(_pack("2", likelihood="x * 2")))
    with pytest.raises(EvaluationError) as caught:
        scorer.scores(_draws(), np.full((4, 1), 1.0), 1.0)
    text = caught.value.problems[0].render()
    assert ("rule 'odds': likelihood `x * 2` failed in a sensitivity draw: likelihood is "
            "outside [0, 1] (e.g. at x = 0.75, level = mid)") in text


def test_without_drawn_values_the_message_gives_no_example() -> None:
    scorer = VectorScorer(build_pack(_pack("1 / x")))
    with pytest.raises(EvaluationError) as caught:  # every factor fixed, only weights drawn
        scorer.scores({"x": np.float64(0.0), "level": 1.0, "flag": False},
                      np.full((3, 1), 1.0), 1.0)
    (problem,) = caught.value.problems
    assert problem.message.endswith("failed in a sensitivity draw: result is not finite ")
