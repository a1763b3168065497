"""The recommendation rule, stated once and checked on generated tallies of first places.

Recommend the option first in the most draws; equal counts go to the option ranked higher
at the stated values.  It stands alone only when it is the base-case leader *and* first in
more than half of the draws: exactly half is a close call.  Shares are generated as counts
over a number of draws, so exact ties and exact halves come up as they do in real runs.
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from crossroads.robustness.recommendation import MAJORITY, recommend

IDS = ["eco", "dip", "quiet", "forum", "wait"]


@st.composite
def tallies(draw: st.DrawFn) -> tuple[dict[str, float], list[str], int]:
    """Shares of first places (count / draws) and a base-case order of the same options."""
    options = draw(st.permutations(IDS).map(lambda ids: ids[:draw(st.integers(2, 5))]))
    counts = draw(st.lists(st.integers(0, 6), min_size=len(options), max_size=len(options))
                  .filter(lambda c: sum(c) > 0))
    draws = sum(counts)
    return {o: n / draws for o, n in zip(options, counts, strict=True)}, options, draws


def first_by_base_order(candidates: set[str], base_order: list[str]) -> str:
    return next(o for o in base_order if o in candidates)


@given(tallies())
@example(({"eco": 0.5, "dip": 0.5}, ["eco", "dip"], 2))  # a dead heat, leader first
@example(({"eco": 0.5, "dip": 0.5}, ["dip", "eco"], 2))
@example(({"eco": 0.5, "dip": 0.25, "quiet": 0.25}, ["eco", "dip", "quiet"], 4))
def test_the_recommendation_follows_the_stated_rule(
        tally: tuple[dict[str, float], list[str], int]) -> None:
    shares, base_order, draws = tally
    rec = recommend(shares, base_order, draws)
    top = max(shares.values())
    # The modal option: most first places; a tie goes to the higher base-case rank.
    assert rec.modal_share == top
    assert rec.modal == first_by_base_order({o for o, s in shares.items() if s == top},
                                            base_order)
    assert rec.base_leader == base_order[0]
    # Alone only as the base-case leader first in MORE than half of the draws.
    alone = rec.modal == base_order[0] and top > MAJORITY
    assert rec.close_call is not alone
    if not rec.close_call:
        assert rec.other is None and rec.also == ()
        return
    if rec.modal != base_order[0]:
        assert rec.other == base_order[0]
    else:  # the runner-up by first places, ties again to the higher base-case rank
        rest = {o: s for o, s in shares.items() if o != rec.modal}
        second = max(rest.values())
        assert rec.other == first_by_base_order(
            {o for o, s in rest.items() if s == second}, base_order)
    assert rec.other_share == shares[rec.other or ""]
    assert all(o not in (rec.modal, rec.other) for o, _ in rec.also)


@given(st.integers(1, 500))
def test_exactly_half_of_the_draws_is_a_close_call(half: int) -> None:
    shares = {"eco": half / (2 * half), "dip": 0.25, "quiet": 0.25}
    rec = recommend(shares, ["eco", "dip", "quiet"], 2 * half)
    assert rec.close_call and rec.modal == "eco"
    assert "Close call" in rec.statement({"eco": "Economic", "dip": "Diplomatic"})
    assert not rec.statement({}).startswith("Recommend")


TITLES = {"dip": "Diplomatic engagement", "eco": "Economic partnerships",
          "quiet": "Quiet bilateral", "forum": "Forums"}


def test_further_options_within_noise_are_named_in_one_sentence() -> None:
    one = recommend({"dip": 0.34, "eco": 0.2539, "quiet": 0.2537, "forum": 0.1524},
                    ["dip", "eco", "quiet", "forum"], draws=10_000)
    assert one.statement(TITLES).endswith(
        "; no option is first in more than half of the draws. Quiet bilateral comes first "
        "about as often as Economic partnerships (the difference is within sampling noise).")
    two = recommend({"dip": 0.34, "eco": 0.22, "quiet": 0.22, "forum": 0.22},
                    ["dip", "eco", "quiet", "forum"], draws=10_000)
    assert [o for o, _ in two.also] == ["quiet", "forum"]
    text = two.statement(TITLES)
    assert text.startswith("Close call between Diplomatic engagement (first in 34% of draws), "
                           "Economic partnerships (first in 22%), Quiet bilateral (first in "
                           "22%) and Forums (first in 22%)")
    assert text.endswith(" Quiet bilateral and Forums come first about as often as Economic "
                         "partnerships (the difference is within sampling noise).")
