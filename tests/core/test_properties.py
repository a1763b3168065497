"""Engine invariants over generated packs (hypothesis): order, scale and arithmetic.

The packs come from ``tests/generated.py``: asymmetric and wide scales, points beyond
either cap.  Example counts follow the hypothesis profile (``tests/conftest.py``).
"""

from __future__ import annotations

import random
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from crossroads.core.engine import Result, score
from generated import build_pack, build_scenario, packs
from generated import factor_values as scenarios


def run(pack_data: dict[str, Any], values: dict[str, Any], priorities: dict[str, float],
        risk_aversion: float = 1.0) -> Result:
    return score(build_pack(pack_data), build_scenario(values, priorities, risk_aversion))


def summary(result: Result) -> list[tuple[str, int, float]]:
    return [(o.id, o.rank, o.score) for o in result.options]


@given(packs(), scenarios, st.floats(0, 3))
def test_contributions_add_up_to_every_score(pack_data: dict[str, Any], values: dict[str, Any],
                                              risk_aversion: float) -> None:
    result = run(pack_data, values, {}, risk_aversion)
    for option in result.options:
        assert option.score == sum(c.value for c in option.contributions) \
            - risk_aversion * option.risk


@given(packs(), scenarios, st.randoms(use_true_random=False))
def test_order_of_rules_and_options_does_not_matter(
        pack_data: dict[str, Any], values: dict[str, Any], rnd: random.Random) -> None:
    shuffled = dict(pack_data)
    for key in ("rules", "options", "risk_rules", "criteria"):
        items = list(pack_data[key])
        rnd.shuffle(items)
        shuffled[key] = items
    assert summary(run(shuffled, values, {})) == summary(run(pack_data, values, {}))


@given(packs(), scenarios, st.sampled_from([0.5, 2.0, 3.0, 1000.0]))
def test_scaling_all_weights_leaves_scores_unchanged(
        pack_data: dict[str, Any], values: dict[str, Any], factor: float) -> None:
    priorities = {c["id"]: float(i + 1) for i, c in enumerate(pack_data["criteria"])}
    scaled = {k: v * factor for k, v in priorities.items()}
    base, other = run(pack_data, values, priorities), run(pack_data, values, scaled)
    for a, b in zip(base.options, other.options, strict=True):
        assert a.id == b.id or abs(a.score - b.score) < 1e-9
        assert abs(a.score - b.score) < 1e-9


def _rescaled(pack_data: dict[str, Any], criterion: str, factor: float) -> dict[str, Any]:
    """The same judgements on a criterion's scale stretched by *factor*: scale and points."""
    out = dict(pack_data)
    out["criteria"] = [dict(c, scale=[v * factor for v in c["scale"]]) if c["id"] == criterion
                       else c for c in pack_data["criteria"]]
    out["rules"] = [
        dict(r, effects=[dict(e, points=e["points"] * factor if isinstance(e["points"], int | float)
                              else f"({e['points']}) * {factor}")
                         if e["criterion"] == criterion else e for e in r["effects"]])
        for r in pack_data["rules"]]
    return out


@given(packs(), scenarios, st.sampled_from([0.1, 0.5, 2.0, 10.0]), st.data())
def test_rescaling_a_criterion_and_its_points_changes_no_score(
        pack_data: dict[str, Any], values: dict[str, Any], factor: float,
        data: st.DataObject) -> None:
    # Issue 11's reproduction: widening democratic-governance to [-100, 100] and multiplying
    # its points by 10 (the same judgements) must not move any option.  Weights are swing
    # weights because the declared scale maps every criterion onto one value swing.
    criterion = data.draw(st.sampled_from([c["id"] for c in pack_data["criteria"]]))
    base = run(pack_data, values, {})
    other = run(_rescaled(pack_data, criterion, factor), values, {})
    for a, b in zip(base.options, other.options, strict=True):
        assert abs(a.score - b.score) < 1e-9 * max(1.0, abs(a.score))
    assert [o.id for o in base.options] == [o.id for o in other.options] or \
        any(abs(x.score - y.score) < 1e-9 for x in base.options for y in base.options
            if x is not y)
