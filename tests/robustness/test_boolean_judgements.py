"""Boolean facts held on the analyst's word are varied like level judgement factors (flipped
with a documented probability), and every boolean that decides the answer is named."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from crossroads.core.confidence import judge_confidence
from crossroads.core.engine import score
from crossroads.core.model import Pack, Scenario
from crossroads.io.loader import load_pack
from crossroads.io.scenario_file import load_scenario
from crossroads.report.briefing.build import build_briefing
from crossroads.robustness.analysis import analyse
from crossroads.robustness.result import summarise
from crossroads.robustness.sources import BOOLEAN_FLIP

PACK = """
format: crossroads.pack/1
id: flip
version: "1.0"
title: A yes/no fact decides
factors:
  - {id: event, type: boolean, label: Recent coercive act, default: false}
criteria:
  - {id: c1, title: First, scale: [-10, 10], weight: 1}
options:
  - {id: a, title: Option A, source: test}
  - {id: b, title: Option B, source: test}
rules:
  - id: act-helps-a
    when: event
    effects: [{option: a, criterion: c1, points: 3}]
  - id: calm-helps-b
    effects: [{option: b, criterion: c1, points: 1}]
"""

SCENARIO = """
format: crossroads.scenario/1
id: flip-{name}
title: A yes/no fact
subject: Test
pack: flip
factors:
  event: {{value: true, source: "{source}"}}
"""


def _load(write: Callable[[str, str], Path], source: str, name: str
          ) -> tuple[Pack, Scenario]:
    pack = load_pack(write("flip/pack.yaml", PACK).parent)
    return pack, load_scenario(write(f"{name}.yaml", SCENARIO.format(name=name, source=source)))


def test_an_unsourced_boolean_is_flipped_in_the_draws_and_named_as_deciding(
        write: Callable[[str, str], Path]) -> None:
    pack, scenario = _load(write, "analyst judgement", "judged")
    result = analyse(pack, scenario, draws=6000, seed=5, shares=False)
    assert result.leader == "a"
    assert result.judgement_factors == ("event",)
    # A first unless the event is flipped away: about 1 - BOOLEAN_FLIP of the draws.
    assert result.acceptability["a"][0] == pytest.approx(1 - BOOLEAN_FLIP, abs=0.03)
    flip = next(d for d in result.one_way if d.factor == "event")
    assert (flip.kind, flip.base, flip.break_even, flip.new_leader) == ("boolean", True, False,
                                                                       "b")
    assert judge_confidence(result.base).deciding_judgements == ("event",)
    brief = build_briefing(result.base, robustness=summarise(result))
    assert "It would change if recent coercive act were" in brief.bottom_line.watch
    assert "instead of" in brief.bottom_line.watch and "Option B" in brief.bottom_line.watch


def test_a_cited_boolean_is_held_in_the_draws_and_in_what_would_change_it(
        write: Callable[[str, str], Path]) -> None:
    # A sourced yes/no fact is not an uncertainty: neither the draws nor the one-way
    # analysis flip it, so "what would change it" never names a settled fact.
    pack, scenario = _load(write, "Reuters, 5 February 2025", "cited")
    result = analyse(pack, scenario, draws=2000, seed=5, shares=False)
    assert result.judgement_factors == ()
    assert result.acceptability["a"][0] == 1.0
    assert judge_confidence(score(pack, scenario)).deciding_judgements == ()
    assert all(d.factor != "event" for d in result.one_way)