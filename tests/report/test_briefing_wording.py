"""The briefing's wording as a senior reader meets it: numbers rounded and placed against
the current value, proper plurals, named options in a close call, charts that say which
uncertainty they show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from test_briefing import robustness_for, tiny_result, tiny_scenario

from crossroads.core.confidence import Confidence, ConfidenceInput
from crossroads.report.briefing.build import build_briefing
from crossroads.report.wording import factor_label, move_text, threshold_text
from crossroads.robustness.summary import Driver

Write = Callable[[str, str], Path]


def test_a_computed_break_even_is_rounded_and_placed_against_today(write: Write) -> None:
    result = tiny_result(tiny_scenario(write))
    # Risk aversion is 1 in the tiny case; a crossing at 0.811688 is "about 0.81".
    assert move_text(result, "risk_aversion", 1.0, 0.8116883116883116) == \
        "fell from 1 to about 0.81"
    assert move_text(result, "x", 0.6, 0.7) == "rose from 0.6 to 0.7"
    assert move_text(result, "pressure", "high", "medium") == "fell from high to medium"
    # Two digits would land on the current value: keep as many as tell them apart.
    assert threshold_text(result, "x", 0.6012, 0.6) == "about 0.601"
    # A crossing three digits cannot tell from today (Tajikistan's leaders tied at risk
    # aversion 1 crossed at 0.9998) is a near tie, not a figure to four decimals.
    assert threshold_text(result, "risk_aversion", 0.9998, 1.0) == "about 1, a near tie now"
    # ... and a move onto it is not "fell from 1 to about 1", which says nothing.
    assert move_text(result, "risk_aversion", 1.0, 0.9998) == \
        "fell even slightly below 1 (a near tie now)"


def test_the_bottom_line_says_which_way_a_driver_must_move(write: Write) -> None:
    result = tiny_result(tiny_scenario(write))
    other = result.options[1].id
    robustness = replace(robustness_for(result), drivers=(
        Driver("risk_aversion", "Risk aversion", 0.5, 2.0, -0.3, 0.1, 0.8116883, other),))
    brief = build_briefing(result, robustness=robustness)
    assert "It would change if risk aversion fell from 1 to about 0.81: B would then lead" \
        in brief.bottom_line.watch
    signpost = brief.signposts[0]
    assert (signpost.now, signpost.break_even) == ("1", "about 0.81")
    assert brief.chart("drivers").bars[0].mark_label == "flips at about 0.81"  # type: ignore[union-attr]


def test_confidence_names_deciding_factors_with_proper_plurals(write: Write) -> None:
    result = tiny_result(tiny_scenario(write))
    pressure, x = factor_label(result, "pressure"), factor_label(result, "x")
    for deciding, expected in (
            (("pressure",), "1 judgement factor held on the analyst's word that changes the "
                            f"base-case leader when moved one level or flipped: {pressure}."),
            (("pressure", "x"), "2 judgement factors held on the analyst's word that change "
                                "the base-case leader when moved one level or flipped: "
                                f"{pressure} and {x}.")):
        judgement = Confidence("low", (ConfidenceInput(
            "judgement factors that decide", "low", "core's own wording, factor(s)"),),
            deciding)
        robustness = replace(robustness_for(result), judgement=judgement)
        basis = build_briefing(result, robustness=robustness).bottom_line.confidence_basis
        assert expected in basis and "(s)" not in basis


def test_a_close_call_names_the_option_each_reason_belongs_to(write: Write) -> None:
    result = tiny_result(tiny_scenario(write))
    bl = build_briefing(result, robustness=robustness_for(result, first=0.48)).bottom_line
    assert bl.verdict == "close call"
    assert not bl.reason.startswith("It ")
    # Each named option, for what it does better than the other (never one criterion
    # twice: issue 20 found both options "doing most for" the same criterion).
    assert bl.reason.startswith(f"{bl.option} does ")
    assert f"{bl.alternative} does more than {bl.option} for " in bl.reason
    # A plain recommendation keeps the short form: there is only one option to speak of.
    plain = build_briefing(result, robustness=robustness_for(result)).bottom_line
    assert plain.reason.startswith("It does most for")


def test_the_briefing_names_the_sources_the_draws_varied(write: Write) -> None:
    """Said once beside the frequency (the chart under it does not repeat it) and in full
    in the Method section."""
    result = tiny_result(tiny_scenario(write))
    base = robustness_for(result)
    some = replace(base, varied=("weights", "facts", "risk_aversion"))
    brief = build_briefing(result, robustness=some)
    assert "draws of the weights, the facts' stated ranges and risk aversion)" in \
        brief.bottom_line.robustness
    assert "weights and the uncertain facts" not in brief.bottom_line.robustness
    every = replace(base, varied=("weights", "facts", "points", "risks", "risk_aversion",
                                  "judgement_factors"))
    brief = build_briefing(result, robustness=every)
    assert "draws of every source of uncertainty" in brief.bottom_line.robustness
    assert any("the rules' points, risk likelihoods and impacts" in line
               for line in brief.method)
