"""A first-place share from few draws is read conservatively and warned about beside the
headline, in `sensitivity` and in the briefing's bottom line."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import Run
from crossroads.robustness.precision import interval, precision_warning, robustness_words


@pytest.mark.parametrize(("share", "draws", "word"), [
    (1.0, 10, "likely"),            # 10 of 10: the interval reaches down to 67%
    (1.0, 10_000, "almost certain"),
    (0.62, 10_000, "likely"),       # the interval fits in one band: the point's word
    (0.56, 50, "roughly even chance"),  # the interval straddles 55%: nearer even chance
    (0.1, 10, "unlikely"),          # mirrored below even chance
])
def test_the_word_follows_the_interval(share: float, draws: int, word: str) -> None:
    assert robustness_words(share, draws) == word


def test_interval_stays_within_zero_and_one_and_narrows_with_draws() -> None:
    low, high = interval(1.0, 10)
    assert 0.6 < low < 0.7 and high == 1.0
    assert interval(0.5, 10_000)[1] - interval(0.5, 10_000)[0] < 0.021
    assert precision_warning(0.5, 10_000) == ""


def test_sensitivity_with_ten_draws_warns_beside_the_headline(cli: Callable[..., Run]) -> None:
    run = cli("sensitivity", "kazakhstan-2025", "-n", "10")
    assert run.code == 0, run.err
    head = run.out[:run.out.index("Confidence:")]
    assert "almost certain" not in head
    assert "Too few draws for a precise answer" in " ".join(head.split())


def test_brief_with_ten_draws_warns_in_the_bottom_line(cli: Callable[..., Run]) -> None:
    run = cli("brief", "kazakhstan-2025", "--draws", "10")
    assert run.code == 0, run.err
    robustness = next(line for line in run.out.splitlines()
                      if line.startswith("**How often first"))
    assert "word for that frequency: likely." in robustness
    assert "almost certain" not in robustness
    assert ". Too few draws for a precise answer: with 10 draws" in robustness
