"""A close call names every option first about as often as the runner-up (issue 11 review:
kyrgyzstan-2025 named economic partnerships at 25.39% and hid quiet bilateral at 25.37%)."""

from __future__ import annotations

from conftest import DATA
from crossroads.core.engine import score
from crossroads.io.loader import load_pack
from crossroads.io.scenario_file import load_scenario
from crossroads.report.briefing.build import build_briefing
from crossroads.robustness.recommendation import compare_shares, recommend
from crossroads.robustness.summary import OptionSpread, Robustness

ROBUST_PACK = DATA / "robust-pack"
MIXED = DATA / "robust-scenarios" / "mixed.yaml"

TITLES = {"dip": "Diplomatic engagement", "eco": "Economic partnerships",
          "quiet": "Quiet bilateral", "forum": "Forums"}
SHARES = {"dip": 0.34, "eco": 0.2539, "quiet": 0.2537, "forum": 0.1524}


def test_an_option_within_sampling_noise_of_the_runner_up_is_named() -> None:
    rec = recommend(SHARES, ["dip", "eco", "quiet", "forum"], draws=10_000)
    assert (rec.modal, rec.other, rec.close_call) == ("dip", "eco", True)
    assert [o for o, _ in rec.also] == ["quiet"]  # forums is 10 standard errors behind
    text = rec.statement(TITLES)
    assert text.startswith("Close call between Diplomatic engagement (first in 34% of draws), "
                           "Economic partnerships (first in 25%) and Quiet bilateral (first "
                           "in 25%)")
    assert ("Quiet bilateral comes first about as often as Economic partnerships (the "
            "difference is within sampling noise)") in text


def test_a_clear_runner_up_stands_alone_and_more_draws_separate_close_ones() -> None:
    shares = {"dip": 0.40, "eco": 0.35, "quiet": 0.25}
    assert recommend(shares, list(shares), draws=10_000).also == ()
    near = {"dip": 0.40, "eco": 0.31, "quiet": 0.29}
    assert [o for o, _ in recommend(near, list(near), draws=1_000).also] == ["quiet"]
    assert recommend(near, list(near), draws=100_000).also == ()


def test_the_noise_test_is_two_sided() -> None:
    """Issue 20: tajikistan-2025 called 30% against 21% in 10,000 draws "as often, within
    sampling noise", thirteen standard errors apart."""
    assert compare_shares(0.3018, 0.2085, 10_000) == "more"
    assert compare_shares(0.2085, 0.3018, 10_000) == "less"
    assert compare_shares(0.2539, 0.2537, 10_000) == "same"
    shares = {"quiet": 0.2085, "eco": 0.3018, "dip": 0.329, "forum": 0.1437}
    rec = recommend(shares, ["quiet", "eco", "dip", "forum"], draws=10_000)
    text = rec.statement({k: k for k in shares})
    assert "eco comes first more often than quiet." in text
    assert "within sampling noise" not in text


def test_the_base_case_leader_beaten_by_two_is_named_with_both() -> None:
    shares = {"eco": 0.30, "dip": 0.36, "quiet": 0.32}
    rec = recommend(shares, ["eco", "dip", "quiet"], draws=10_000)
    assert (rec.modal, rec.other) == ("dip", "eco")
    assert [o for o, _ in rec.also] == ["quiet"]  # first more often than the base leader


def test_the_briefing_bottom_line_names_the_third_option() -> None:
    result = score(load_pack(ROBUST_PACK), load_scenario(MIXED))
    first, second, third = (o.id for o in result.options)
    shares = {first: 0.40, second: 0.30, third: 0.29}
    robustness = Robustness(
        draws=2000, seed=1, leader=first, first_rank_acceptability=0.40, confidence="low",
        drivers=(), options=tuple(OptionSpread(o, shares[o], 0.0, 1.0) for o in shares),
        recommendation=recommend(shares, [first, second, third], 2000))
    bl = build_briefing(result, robustness=robustness).bottom_line
    titles = [result.option(o).title for o in (first, second, third)]
    assert bl.recommendation == f"Close call between {titles[0]}, {titles[1]} and {titles[2]}."
    assert (f"{titles[2]} comes first in 29 of 100, about as often as {titles[1]} (the "
            "difference is within sampling noise).") in bl.robustness
