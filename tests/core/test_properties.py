"""Engine invariants over generated packs (hypothesis): order, scale and arithmetic."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from crossroads import load_pack, score
from crossroads.io.scenario_file import scenario_from_doc
from crossroads.io.yamldoc import parse_yaml

CONDITIONS = [None, "x > 0.5", "x <= 0.3", 'level >= "mid"', 'level == "low"', "flag",
              "not flag and x > 0.2"]
POINTS: list[Any] = [1, -2, 3.5, "min(4, 10 * x)", "2 * x - 1", "3 if flag else -1"]


@st.composite
def packs(draw: st.DrawFn) -> dict[str, Any]:
    n_options = draw(st.integers(2, 5))
    n_criteria = draw(st.integers(1, 4))
    options = [{"id": f"o{i}", "title": f"Option {i}", "source": "q"} for i in range(n_options)]
    criteria = [{"id": f"c{i}", "title": f"Criterion {i}", "scale": [-6, 6],
                 "weight": draw(st.integers(0, 5)) + (1 if i == 0 else 0)}
                for i in range(n_criteria)]
    rules = []
    for i in range(draw(st.integers(1, 12))):
        effects = [{"option": f"o{draw(st.integers(0, n_options - 1))}",
                    "criterion": f"c{draw(st.integers(0, n_criteria - 1))}",
                    "points": draw(st.sampled_from(POINTS))}
                   for _ in range(draw(st.integers(1, 3)))]
        rule: dict[str, Any] = {"id": f"r{i}", "effects": effects, "because": f"reason {i}"}
        condition = draw(st.sampled_from(CONDITIONS))
        if condition:
            rule["when"] = condition
        rules.append(rule)
    risk_rules = [{"id": f"k{i}", "risk": "danger", "likelihood": draw(st.sampled_from(
        [0.1, 0.5, 0.9, "clamp(x, 0, 1)"])), "impact": draw(st.integers(1, 5)),
        "applies_to": [f"o{j}" for j in range(n_options) if draw(st.booleans())]}
        for i in range(draw(st.integers(0, 4)))]
    return {
        "format": "crossroads.pack/1", "id": "gen", "version": "1", "title": "Generated",
        "factors": [
            {"id": "x", "type": "number", "label": "X", "min": 0, "max": 1, "default": 0.5},
            {"id": "level", "type": "level", "label": "L", "levels": ["low", "mid", "high"],
             "default": "mid"},
            {"id": "flag", "type": "boolean", "label": "F", "default": False},
        ],
        "criteria": criteria, "options": options, "rules": rules,
        "risks": [{"id": "danger", "title": "Danger"}], "risk_rules": risk_rules,
    }


scenarios = st.fixed_dictionaries({
    "x": st.floats(0, 1, allow_nan=False),
    "level": st.sampled_from(["low", "mid", "high"]),
    "flag": st.booleans(),
})


def run(pack_data: dict[str, Any], values: dict[str, Any], priorities: dict[str, float],
        risk_aversion: float = 1.0):  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "pack.yaml").write_text(yaml.safe_dump(pack_data), encoding="utf-8")
        pack = load_pack(tmp)
    text = yaml.safe_dump({"format": "crossroads.scenario/1", "id": "s", "title": "S",
                           "subject": "T", "factors": values, "priorities": priorities,
                           "risk_aversion": risk_aversion})
    return score(pack, scenario_from_doc(parse_yaml(text, "s.yaml")))


def summary(result) -> list[tuple[str, int, float]]:  # type: ignore[no-untyped-def]
    return [(o.id, o.rank, o.score) for o in result.options]


@settings(max_examples=40, deadline=None)
@given(packs(), scenarios, st.floats(0, 3))
def test_contributions_add_up_to_every_score(pack_data: dict[str, Any], values: dict[str, Any],
                                              risk_aversion: float) -> None:
    result = run(pack_data, values, {}, risk_aversion)
    for option in result.options:
        assert option.score == sum(c.value for c in option.contributions) \
            - risk_aversion * option.risk


@settings(max_examples=40, deadline=None)
@given(packs(), scenarios, st.randoms(use_true_random=False))
def test_order_of_rules_and_options_does_not_matter(
        pack_data: dict[str, Any], values: dict[str, Any], rnd: random.Random) -> None:
    shuffled = dict(pack_data)
    for key in ("rules", "options", "risk_rules", "criteria"):
        items = list(pack_data[key])
        rnd.shuffle(items)
        shuffled[key] = items
    assert summary(run(shuffled, values, {})) == summary(run(pack_data, values, {}))


@settings(max_examples=40, deadline=None)
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


@settings(max_examples=60, deadline=None)
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
