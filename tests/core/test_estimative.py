"""ICD 203 estimative words: the published ranges, our boundary choices, and symmetry."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crossroads.core.estimative import (
    SCALE,
    estimate_text,
    likelihood_words,
    percent_text,
)


@pytest.mark.parametrize(("p", "words"), [
    (0.0, "almost no chance"),
    (0.005, "almost no chance"),
    (0.03, "almost no chance"),
    (0.05, "very unlikely"),
    (0.12, "very unlikely"),
    (0.20, "unlikely"),
    (0.30, "unlikely"),
    (0.45, "roughly even chance"),
    (0.50, "roughly even chance"),
    (0.55, "roughly even chance"),
    (0.60, "likely"),
    (0.80, "likely"),
    (0.85, "very likely"),
    (0.95, "very likely"),
    (0.97, "almost certain"),
    (0.999, "almost certain"),
    (1.0, "almost certain"),
])
def test_words_follow_icd_203_with_boundaries_toward_even_chance(p: float, words: str) -> None:
    assert likelihood_words(p) == words


@given(st.floats(min_value=0.0, max_value=1.0))
def test_scale_is_symmetric(p: float) -> None:
    mirror = dict(zip(SCALE, reversed(SCALE), strict=True))
    assert likelihood_words(1.0 - p) == mirror[likelihood_words(p)]


@given(st.floats(min_value=0.0, max_value=1.0), st.floats(min_value=0.0, max_value=1.0))
def test_words_never_go_down_as_probability_goes_up(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert SCALE.index(likelihood_words(low)) <= SCALE.index(likelihood_words(high))


@pytest.mark.parametrize("bad", [-0.01, 1.01, math.nan, math.inf])
def test_probability_outside_unit_interval_is_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="within"):
        likelihood_words(bad)


@pytest.mark.parametrize(("p", "text"), [
    (0.0, "0%"), (0.004, "<1%"), (0.01, "1%"), (0.556, "56%"), (0.995, ">99%"), (1.0, "100%"),
])
def test_percent_text_marks_the_open_ends(p: float, text: str) -> None:
    assert percent_text(p) == text


def test_estimate_text_pairs_word_and_number() -> None:
    assert estimate_text(0.6) == "likely (60%)"
