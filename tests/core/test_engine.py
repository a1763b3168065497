"""Scoring semantics from DESIGN.md, checked on small packs whose numbers can be worked by hand."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import TINY_PACK
from crossroads import load_pack, load_scenario, score, with_overrides
from crossroads.core.errors import InputError

SCENARIO = """\
format: crossroads.scenario/1
id: s
title: Worked example
subject: Testland
as_of: 2025-06-30
pack: tiny
factors:
  x: 0.9
  pressure: high
  csto: true
priorities: {sov: 3, econ: 1}
"""


@pytest.fixture
def worked(write: Callable[[str, str], Path]):  # type: ignore[no-untyped-def]
    return score(load_pack(TINY_PACK), load_scenario(write("s.yaml", SCENARIO)))


def test_weights_are_normalised(worked) -> None:  # type: ignore[no-untyped-def]
    assert worked.weights == {"sov": 0.75, "econ": 0.25}


def test_worked_example_by_hand(worked) -> None:  # type: ignore[no-untyped-def]
    a, b = worked.option("a"), worked.option("b")
    # Both criteria are declared [-5, 5]: a swing of 10 points is 20 value units, so one
    # point is worth 2 value units.
    # a: r1 gives sov min(4, 10*0.9) = 4 and econ 2 -> 2 * (0.75*4 + 0.25*2) = 7.0
    assert a.benefit == pytest.approx(7.0)
    # Risk "back" for a: rr1 (0.5, impact 3) and rr2 (0.2*0.9 = 0.18, impact 2) have
    # different impacts, so they are two events, never one event at the larger impact.
    # One impact level of a certain event costs 20 x 0.2 (the default risk scale) / 5 =
    # 0.8 weighted units: 0.5 * 3 * 0.8 = 1.2 and 0.18 * 2 * 0.8 = 0.288.
    high, low = a.risks
    assert (high.impact, high.likelihood, high.rules) == (3, pytest.approx(0.5), ("rr1",))
    assert (low.impact, low.likelihood, low.rules) == (2, pytest.approx(0.18), ("rr2",))
    assert a.risk == pytest.approx(1.488)
    assert a.score == pytest.approx(7.0 - 1.488)
    # b: r2 gives sov 7, capped at the scale maximum 5 -> a cap line of -2.
    cap = [c for c in b.contributions if c.kind == "cap"]
    assert [(c.rule, c.points) for c in cap] == [("cap:sov", -2.0)]
    assert b.criteria["sov"] == 5.0
    assert b.benefit == pytest.approx(2 * (0.75 * 5 + 0.25 * 2))
    assert [o.id for o in worked.options] == ["b", "a"]
    assert [o.rank for o in worked.options] == [1, 2]


def test_contributions_add_up_exactly(worked) -> None:  # type: ignore[no-untyped-def]
    for option in worked.options:
        total = sum(c.value for c in option.contributions)
        assert option.score == total - worked.risk_aversion * option.risk


def test_missing_factors_become_reported_assumptions(worked) -> None:  # type: ignore[no-untyped-def]
    assert [(a.subject, a.value) for a in worked.assumptions] == [("status", "none")]
    report = {f.id: f for f in worked.factors}
    assert report["status"].defaulted and not report["x"].defaulted


def test_risk_aversion_zero_ignores_risk(write: Callable[[str, str], Path]) -> None:
    pack = load_pack(TINY_PACK)
    scenario = with_overrides(pack, load_scenario(write("s.yaml", SCENARIO)), risk_aversion=0)
    result = score(pack, scenario)
    assert all(o.score == o.benefit for o in result.options)


def test_ties_are_broken_by_id(write: Callable[[str, str], Path]) -> None:
    # With x = 0.1 and low pressure no rule fires for either option: both score 0.
    text = SCENARIO.replace("x: 0.9", "x: 0.1").replace("pressure: high", "pressure: low")
    result = score(load_pack(TINY_PACK), load_scenario(write("s.yaml", text.replace(
        "csto: true", "csto: false"))))
    scores = [o.score for o in result.options]
    assert scores[0] == scores[1] == pytest.approx(-0.2 * 0.1 * 2 * 0.8)
    assert [o.id for o in result.options] == ["a", "b"]


def test_pack_defaults_when_no_priorities(write: Callable[[str, str], Path]) -> None:
    text = SCENARIO.replace("priorities: {sov: 3, econ: 1}\n", "")
    result = score(load_pack(TINY_PACK), load_scenario(write("s.yaml", text)))
    # pack weights: sov 2, econ 1 (default)
    assert result.weights == pytest.approx({"sov": 2 / 3, "econ": 1 / 3})
    assert any(a.subject == "priorities" for a in result.assumptions)


def test_overrides_replace_values_and_weights(write: Callable[[str, str], Path]) -> None:
    pack = load_pack(TINY_PACK)
    base = load_scenario(write("s.yaml", SCENARIO))
    changed = with_overrides(pack, base, {"pressure": "low", "x": 0.5}, weights={"econ": 3})
    result = score(pack, changed)
    assert result.weights == {"sov": 0.5, "econ": 0.5}
    assert {f.id: f.value for f in result.factors}["x"] == 0.5
    assert not any(c.rule == "r1" for o in result.options for c in o.contributions)


def test_all_zero_weights_is_an_error(write: Callable[[str, str], Path]) -> None:
    pack = load_pack(TINY_PACK)
    scenario = with_overrides(pack, load_scenario(write("s.yaml", SCENARIO)),
                              weights={"sov": 0, "econ": 0})
    with pytest.raises(InputError, match="all criterion weights are zero"):
        score(pack, scenario)


def test_pack_digest_changes_with_content(tmp_path: Path) -> None:
    original = load_pack(TINY_PACK)
    copy = tmp_path / "pack.yaml"
    copy.write_text((TINY_PACK / "pack.yaml").read_text(encoding="utf-8").replace(
        "points: 7", "points: 6"), encoding="utf-8")
    assert load_pack(tmp_path).digest != original.digest
    assert load_pack(TINY_PACK).digest == original.digest


def test_unknown_priority_is_reported_at_its_line(write: Callable[[str, str], Path]) -> None:
    path = write("s.yaml", SCENARIO.replace("priorities: {sov: 3, econ: 1}",
                                            "priorities:\n  sov: 3\n  econn: 1"))
    with pytest.raises(InputError) as caught:
        score(load_pack(TINY_PACK), load_scenario(path))
    (problem,) = caught.value.problems
    assert "unknown criterion 'econn'" in problem.message
    assert (problem.location.line, problem.location.column) == (13, 3)


def test_pairwise_judgements_for_another_pack_give_way_to_its_defaults(
        write: Callable[[str, str], Path]) -> None:
    from conftest import DATA
    from crossroads.io.lookup import under_pack

    scenario = load_scenario(write("pw.yaml", "format: crossroads.scenario/1\nid: pw\n"
                                   "title: T\nsubject: X\npack: tiny\n"
                                   "pairwise:\n  - [sov, econ, 3]\n"))
    tiny, robust = load_pack(TINY_PACK), load_pack(DATA / "robust-pack")
    assert score(tiny, under_pack(tiny, scenario)).weights == pytest.approx(
        {"sov": 0.75, "econ": 0.25})
    defaults = {c.id: c.weight for c in robust.criteria.values()}
    total = sum(defaults.values())
    assert score(robust, under_pack(robust, scenario)).weights == pytest.approx(
        {c: w / total for c, w in defaults.items()})
