"""Issue 11: the value model (scales, anchors) and risk events (one impact, groups)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from crossroads.core.engine import score
from crossroads.core.errors import InputError
from crossroads.io.loader import load_pack
from crossroads.io.scenario_file import load_scenario

PACK = """
format: crossroads.pack/1
id: events
version: "1"
title: Events
factors:
  - {id: x, type: number, label: X, min: 0, max: 1, default: 0.5}
criteria:
  - id: gain
    title: Gain
    scale: [0, 40]
    anchors: {0: "nothing changes", 20: "a visible step", 40: "the best plausible result"}
  - {id: calm, title: Calm, scale: [-10, 10]}
options:
  - {id: a, title: A}
  - {id: b, title: B}
rules:
  - id: gain-a
    effects: [{option: a, criterion: gain, points: 10}]
  - id: calm-b
    effects: [{option: b, criterion: calm, points: 2}]
risks:
  - {id: cut, title: Supplies cut}
risk_rules:
  # Two reports of the same pipeline dependence: one cause, the larger likelihood counts.
  - {id: pipe-a, risk: cut, group: pipeline, applies_to: [a], likelihood: 0.3, impact: 4}
  - {id: pipe-b, risk: cut, group: pipeline, applies_to: [a], likelihood: 0.5, impact: 4}
  # An independent cause of the same event: noisy-OR with the group.
  - {id: debt, risk: cut, applies_to: [a], likelihood: 0.2, impact: 4}
  # Another consequence (impact 2): another event.
  - {id: fuel, risk: cut, applies_to: [a, b], likelihood: 0.5, impact: 2}
"""


def scenario(write: Callable[[str, str], Path]) -> Path:
    return write("s.yaml", """
        format: crossroads.scenario/1
        id: s
        title: S
        subject: T
        priorities: {gain: 1, calm: 1}
        """)


def test_worked_example_of_the_docs(write: Callable[[str, str], Path]) -> None:
    # The example in docs/explanation/scoring.md, checked by hand.
    pack = load_pack(write("events/pack.yaml", PACK).parent)
    result = score(pack, load_scenario(scenario(write)))
    a, b = result.option("a"), result.option("b")
    # gain spans 40 points: one point is 20/40 = 0.5 value units; weight 0.5 -> 10 * 0.5 * 0.5
    assert a.benefit == pytest.approx(2.5)
    # calm spans 20 points: one point is 1 value unit -> 2 * 1 * 0.5
    assert b.benefit == pytest.approx(1.0)
    high, low = a.risks
    # impact 4: max(0.3, 0.5) within the pipeline group, noisy-OR with debt 0.2 -> 0.6
    assert (high.impact, high.likelihood) == (4, pytest.approx(1 - 0.5 * 0.8))
    assert high.rules == ("debt", "pipe-a", "pipe-b")
    assert (low.impact, low.likelihood) == (2, pytest.approx(0.5))
    # one impact level of a certain event costs 20 x 0.2 (default risk scale) / 5 = 0.8
    assert a.risk == pytest.approx(0.6 * 4 * 0.8 + 0.5 * 2 * 0.8)
    assert a.score == pytest.approx(2.5 - 2.72)
    assert b.score == pytest.approx(1.0 - 0.8)
    assert pack.criteria["gain"].worst_anchor == "nothing changes"
    assert pack.criteria["gain"].best_anchor == "the best plausible result"


def test_anchor_outside_the_scale_is_a_located_error(write: Callable[[str, str], Path]) -> None:
    bad = PACK.replace('40: "the best plausible result"', '50: "beyond"')
    with pytest.raises(InputError) as caught:
        load_pack(write("bad/pack.yaml", bad).parent)
    text = str(caught.value)
    assert "pack.yaml:11:63:" in text and "anchor 50 lies outside the scale [0, 40]" in text


def test_uncertainty_block_and_scenario_range_are_read(write: Callable[[str, str], Path]
                                                       ) -> None:
    text = PACK.replace("factors:\n", "uncertainty: {points: 0.5, risk_aversion: [0.5, 3]}\n"
                        "factors:\n", 1)
    pack = load_pack(write("u/pack.yaml", text).parent)
    assert pack.uncertainty.points == 0.5 and pack.uncertainty.risk_aversion == (0.5, 3.0)
    assert pack.uncertainty.likelihood == 0.3  # the documented default
    assert pack.uncertainty.declared == ("points", "risk_aversion")
    path = write("r.yaml", "format: crossroads.scenario/1\nid: r\ntitle: R\nsubject: S\n"
                 "risk_aversion_range: [2, 1]\n")
    with pytest.raises(InputError, match=r"r\.yaml:5:.*risk_aversion_range must be"):
        load_scenario(path)


def test_an_unused_criterion_makes_no_risk_cheaper(write: Callable[[str, str], Path]) -> None:
    # The cost of an impact level is a share of the full value swing, not of one criterion
    # of average weight: adding a criterion that no rule uses and no one weighs changes
    # no score (formerly every risk got cheaper by n / (n + 1)).
    pack = load_pack(write("events/pack.yaml", PACK).parent)
    case = load_scenario(scenario(write))
    wider = replace(pack, criteria={**pack.criteria, "unused": replace(
        pack.criteria["calm"], id="unused", title="Unused", weight=0.0)})
    before, after = score(pack, case), score(wider, case)
    for option in before.options:
        assert after.option(option.id).risk == pytest.approx(option.risk, abs=1e-12)
        assert after.option(option.id).score == pytest.approx(option.score, abs=1e-12)


def test_a_pack_risk_scale_sets_what_an_impact_costs(write: Callable[[str, str], Path]) -> None:
    pack = load_pack(write("events/pack.yaml", PACK).parent)
    case = load_scenario(scenario(write))
    base, doubled = score(pack, case), score(replace(pack, risk_scale=0.4), case)
    for option in base.options:
        heavier = doubled.option(option.id)
        assert heavier.risk == pytest.approx(2 * option.risk)
        # score stays the exact sum of its lines
        lines = sum(c.value for c in heavier.contributions)
        assert heavier.score == pytest.approx(lines - doubled.risk_aversion * heavier.risk)
