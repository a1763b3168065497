"""Caps at both ends of asymmetric, wide scales: totals beyond either end are held to it.

Generated packs (``tests/generated.py``) declare scales such as ``[-1e6, 5]`` or
``[0, 40]`` and give points up to twice a scale's span either way, so an option's total
on a criterion lands below the lower cap as often as above the upper one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crossroads.core.engine import OptionResult, score
from crossroads.core.model import Pack
from crossroads.core.values import value_per_point
from generated import build_pack, build_scenario, factor_values, packs


def _rule_total(option: OptionResult, criterion: str) -> tuple[float, bool]:
    """The points the rules gave *option* on *criterion*, and whether any rule did."""
    lines = [c for c in option.contributions if c.criterion == criterion and c.kind == "rule"]
    return sum(c.points for c in lines), bool(lines)


@given(packs(), factor_values, st.floats(0, 3))
def test_every_criterion_is_held_within_its_declared_scale(
        document: dict[str, Any], values: dict[str, Any], risk_aversion: float) -> None:
    pack = build_pack(document)
    result = score(pack, build_scenario(values, risk_aversion=risk_aversion))
    for option in result.options:
        for cid, criterion in pack.criteria.items():
            low, high = criterion.scale_min, criterion.scale_max
            given_points, fired = _rule_total(option, cid)
            held = min(max(given_points, low), high) if fired else 0.0
            slack = 1e-9 * (high - low)
            assert option.criteria[cid] == pytest.approx(held, abs=slack), (cid, given_points)
            assert low - slack <= option.criteria[cid] <= high + slack
            caps = [c for c in option.contributions if c.criterion == cid and c.kind == "cap"]
            beyond = fired and not low <= given_points <= high
            assert len(caps) == (1 if beyond else 0), (cid, given_points, (low, high))
            # The criterion's value is its held points on the common value scale.
            value = sum(c.value for c in option.contributions if c.criterion == cid)
            expected = result.weights[cid] * held * value_per_point(criterion)
            assert value == pytest.approx(expected, rel=1e-9, abs=1e-9)


def _one_criterion_pack(write: Callable[[str, str], Path], scale: str, points: float) -> Pack:
    return build_pack({
        "format": "crossroads.pack/1", "id": "cap", "version": "1", "title": "Cap",
        "factors": [{"id": "x", "type": "number", "label": "X", "min": 0, "max": 1,
                     "default": 0.5}],
        "criteria": [{"id": "gain", "title": "Gain", "scale": [float(v) for v in
                                                               scale.split(",")]}],
        "options": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
        "rules": [{"id": "big", "effects": [{"option": "a", "criterion": "gain",
                                             "points": points}]},
                  {"id": "small", "effects": [{"option": "b", "criterion": "gain",
                                               "points": 1}]}],
    })


@pytest.mark.parametrize(("scale", "points", "held"), [
    ("-1000000, 5", 7, 5.0),          # beyond the upper cap of a lopsided scale
    ("-5, 1000000", -7, -5.0),        # beyond the lower cap of the mirror image
    ("0, 40", -3, 0.0),               # a scale that starts at 0 holds harm at 0
    ("-100, 2", -250, -100.0),
])
def test_a_total_beyond_either_end_is_held_there_and_explained(
        write: Callable[[str, str], Path], scale: str, points: float, held: float) -> None:
    pack = _one_criterion_pack(write, scale, points)
    option = score(pack, build_scenario({})).option("a")
    assert option.criteria["gain"] == held
    (cap,) = [c for c in option.contributions if c.kind == "cap"]
    side = "maximum" if held == pack.criteria["gain"].scale_max else "minimum"
    assert f"capped at the scale {side} ({held:g})" in cap.because
