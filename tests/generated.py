"""Hypothesis strategies for generated packs and scenarios, shared by the property tests.

Scales are drawn asymmetric and wide (``[-1e6, 5]``, ``[0, 40]``, ``[-0.25, 1000]``, ...),
never only the shipped ``[-10, 10]`` or ``[-5, 5]``, and rule points are drawn relative to
each criterion's scale so that an option's total often lies beyond either end: below the
lower cap as often as above the upper one.
"""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from crossroads.core.model import Pack, Scenario
from crossroads.io.loader import load_pack
from crossroads.io.scenario_file import scenario_from_doc
from crossroads.io.yamldoc import parse_yaml

LOW_ENDS = [-1e6, -1000.0, -100.0, -40.0, -10.0, -6.0, -3.0, -1.0, -0.25, 0.0]
HIGH_ENDS = [0.25, 1.0, 3.0, 5.0, 6.0, 10.0, 40.0, 100.0, 1000.0, 1e6]

#: A criterion's declared scale: ``low <= 0 <= high`` (no rule firing means no change).
scales = st.one_of(
    st.tuples(st.sampled_from(LOW_ENDS), st.sampled_from(HIGH_ENDS)),
    st.tuples(st.floats(-1e6, 0.0), st.floats(0.0, 1e6)).filter(lambda s: s[1] - s[0] > 1e-3),
)

CONDITIONS = [None, "x > 0.5", "x <= 0.3", 'level >= "mid"', 'level == "low"', "flag",
              "not flag and x > 0.2"]
#: Points as a multiple of the scale's span, applied to a constant or an expression shape.
SHAPES = ["{k}", "{k} * x", "{k} if flag else {m}", "min({k}, {m} * x)", "{k} * (2 * x - 1)"]
FACTORS = [
    {"id": "x", "type": "number", "label": "X", "min": 0, "max": 1, "default": 0.5},
    {"id": "level", "type": "level", "label": "L", "levels": ["low", "mid", "high"],
     "default": "mid"},
    {"id": "flag", "type": "boolean", "label": "F", "default": False},
]


def _number(value: float) -> float | int:
    """A short literal: YAML and expressions carry it exactly, and its sums stay tidy."""
    rounded = float(f"{value:.4g}")
    return int(rounded) if rounded.is_integer() and abs(rounded) < 1e15 else rounded


@st.composite
def points(draw: st.DrawFn, scale: tuple[float, float]) -> Any:
    """Points for a rule on a criterion of *scale*: up to twice the span either way."""
    span = scale[1] - scale[0]
    k = _number(draw(st.floats(-2.0, 2.0)) * span)
    m = _number(draw(st.floats(-2.0, 2.0)) * span)
    shape = draw(st.sampled_from(SHAPES))
    return k if shape == "{k}" else shape.format(k=k, m=m)


@st.composite
def packs(draw: st.DrawFn, max_rules: int = 12) -> dict[str, Any]:
    """A pack document: 2-5 options, 1-4 criteria of drawn scales, rules and risk rules."""
    n_options = draw(st.integers(2, 5))
    n_criteria = draw(st.integers(1, 4))
    criterion_scales = [draw(scales) for _ in range(n_criteria)]
    options = [{"id": f"o{i}", "title": f"Option {i}", "source": "q"} for i in range(n_options)]
    criteria = [{"id": f"c{i}", "title": f"Criterion {i}", "scale": list(scale),
                 "weight": draw(st.integers(0, 5)) + (1 if i == 0 else 0)}
                for i, scale in enumerate(criterion_scales)]
    rules = []
    for i in range(draw(st.integers(1, max_rules))):
        effects = []
        for _ in range(draw(st.integers(1, 3))):
            c = draw(st.integers(0, n_criteria - 1))
            effects.append({"option": f"o{draw(st.integers(0, n_options - 1))}",
                            "criterion": f"c{c}", "points": draw(points(criterion_scales[c]))})
        rule: dict[str, Any] = {"id": f"r{i}", "effects": effects, "because": f"reason {i}"}
        condition = draw(st.sampled_from(CONDITIONS))
        if condition:
            rule["when"] = condition
        rules.append(rule)
    risk_rules = [{"id": f"k{i}", "risk": "danger", "likelihood": draw(st.sampled_from(
        [0.1, 0.5, 0.9, 1, "clamp(x, 0, 1)"])), "impact": draw(st.integers(1, 5)),
        "applies_to": [f"o{j}" for j in range(n_options) if draw(st.booleans())]}
        for i in range(draw(st.integers(0, 4)))]
    return {
        "format": "crossroads.pack/1", "id": "gen", "version": "1", "title": "Generated",
        "factors": FACTORS, "criteria": criteria, "options": options, "rules": rules,
        "risks": [{"id": "danger", "title": "Danger"}], "risk_rules": risk_rules,
    }


#: Factor values of a scenario for :func:`packs`.
factor_values = st.fixed_dictionaries({
    "x": st.floats(0, 1, allow_nan=False),
    "level": st.sampled_from(["low", "mid", "high"]),
    "flag": st.booleans(),
})


_PACKS = Path(tempfile.mkdtemp(prefix="crossroads-generated-"))
atexit.register(shutil.rmtree, _PACKS, ignore_errors=True)


def build_pack(document: dict[str, Any]) -> Pack:
    """The pack a user would get from writing *document* to pack.yaml.

    Written as JSON, which is YAML too and five times faster to emit than block YAML; one
    folder serves every example (the parse cache is keyed by the text, not the path).
    """
    (_PACKS / "pack.yaml").write_text(json.dumps(document), encoding="utf-8")
    return load_pack(_PACKS)


def build_scenario(values: dict[str, Any], priorities: dict[str, float] | None = None,
                   risk_aversion: float = 1.0) -> Scenario:
    """A scenario file's contents with these factor values, priorities and risk aversion."""
    text = json.dumps({"format": "crossroads.scenario/1", "id": "s", "title": "S",
                       "subject": "T", "factors": values, "priorities": priorities or {},
                       "risk_aversion": risk_aversion})
    return scenario_from_doc(parse_yaml(text, "s.yaml"))
