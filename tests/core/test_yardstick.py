"""The UK PHIA yardstick: its seven terms, its deliberate gaps, and ICD 203 beside it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from crossroads.core.estimative import likelihood_words
from crossroads.core.yardstick import PHIA_BANDS, Yardstick, phia_words, words_for


def test_each_term_covers_its_published_range() -> None:
    assert phia_words(0.03) == "a remote chance"
    assert phia_words(0.15) == "highly unlikely"
    assert phia_words(0.30) == "unlikely"
    assert phia_words(0.45) == "a realistic possibility"
    assert phia_words(0.65) == "likely"
    assert phia_words(0.85) == "highly likely"
    assert phia_words(0.97) == "almost certain"


def test_a_value_in_a_gap_is_not_forced_into_a_term() -> None:
    assert phia_words(0.37) == "between unlikely and a realistic possibility"
    assert phia_words(0.52) == "between a realistic possibility and likely"
    assert phia_words(0.07) == "between a remote chance and highly unlikely"


@given(st.floats(0, 1))
def test_every_value_gets_words_and_icd_203_is_the_default(p: float) -> None:
    words = phia_words(p)
    assert words and ("between" in words) == (not any(b.low <= round(p, 4) <= b.high
                                                      for b in PHIA_BANDS))
    assert words_for(p) == likelihood_words(p)
    assert words_for(p, Yardstick.PHIA) == words
