"""The Python API takes typed values, never command-line text, and exports its types."""

from __future__ import annotations

import pytest

import crossroads
from crossroads import (
    InputError,
    Stated,
    compare,
    find_pack,
    find_scenario,
    score,
    with_overrides,
)


def test_every_exported_name_resolves_and_nothing_else_does() -> None:
    for name in crossroads.__all__:
        assert getattr(crossroads, name) is not None
    with pytest.raises(AttributeError):
        _ = crossroads.with_command_line  # command-line text stays out of the API


def test_typed_overrides_change_the_facts_and_say_so() -> None:
    scenario = find_scenario("kazakhstan-2025")
    pack = find_pack(None, scenario)
    changed = with_overrides(pack, scenario, {
        "russian_pressure": "severe",
        "oil_exports_via_russia": Stated(0.6, 0.5, 0.7, "IMF"),
        "recent_pressure_event": False,
    }, weights={"economic-ties": 1}, risk_aversion=2)
    oil = changed.factors["oil_exports_via_russia"]
    assert (oil.value, oil.low, oil.high, oil.source) == (0.6, 0.5, 0.7, "IMF")
    assert [o.origin for o in changed.overrides] == [
        "russian_pressure=severe", "oil_exports_via_russia=0.6 (0.5..0.7) src: IMF",
        "recent_pressure_event=false", "economic-ties=1", "risk_aversion=2"]
    assert score(pack, changed).risk_aversion == 2
    assert scenario.factors["russian_pressure"].value == "high"  # the original is untouched


def test_bad_typed_values_are_all_reported_with_where_they_came_from() -> None:
    scenario = find_scenario("kazakhstan-2025")
    pack = find_pack(None, scenario)
    with pytest.raises(InputError) as caught:
        with_overrides(pack, scenario, {"russian_pressure": "extreme",
                                        "oil_exports_via_russia": "95%",
                                        "oil_exports_via_rusia": 0.9},
                       weights={"economic-ties": -1})
    shown = [p.render() for p in caught.value.problems]
    assert shown[0].startswith("russian_pressure=extreme: error: 'extreme' is not a level")
    assert shown[1].startswith("oil_exports_via_russia=95%: error: oil_exports_via_russia "
                               "must be a number")
    assert "did you mean 'oil_exports_via_russia'" in shown[2]
    assert "weight of 'economic-ties' must be a number, zero or more" in shown[3]


def test_compare_takes_loaded_scenarios_and_typed_overrides() -> None:
    kazakhstan = find_scenario("kazakhstan-2025")
    rows = compare([kazakhstan, "uzbekistan-2025"], facts={"russian_pressure": "severe"})
    assert [r.id for r in rows] == ["kazakhstan-2025", "uzbekistan-2025"]
    pack = find_pack(None, kazakhstan)
    severe = score(pack, with_overrides(pack, kazakhstan, {"russian_pressure": "severe"}))
    assert rows[0].leader.id == severe.leader.id
    assert rows[0].leader.score == severe.leader.score
