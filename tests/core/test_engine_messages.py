"""What the engine tells the user: a rule that fails at scoring time, a scenario written for
another major version of its pack, an option that is not in the result.

Found by mutation testing (docs/explanation/testing.md): each message could lose its
hint or its subject without any test noticing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from crossroads.core.engine import score
from crossroads.core.errors import EvaluationError
from crossroads.io.loader import load_pack
from crossroads.io.scenario_file import load_scenario
from generated import build_pack, build_scenario

Write = Callable[[str, str], Path]


def _pack(points: Any, version: str = "1.2") -> dict[str, Any]:
    return {"format": "crossroads.pack/1", "id": "ratio", "version": version,
            "title": "Ratio",
            "factors": [{"id": "x", "type": "number", "label": "X", "min": 0, "max": 1,
                         "default": 0.5}],
            "criteria": [{"id": "g", "title": "G", "scale": [-5, 5]}],
            "options": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
            "rules": [{"id": "per-x", "effects": [{"option": "a", "criterion": "g",
                                                   "points": points}]}]}


def test_a_rule_that_fails_for_a_scenario_names_rule_expression_and_scenario() -> None:
    pack = build_pack(_pack("1 / x"))
    with pytest.raises(EvaluationError) as caught:
        score(pack, build_scenario({"x": 0}))
    (problem,) = caught.value.problems
    text = problem.render()
    assert problem.location.file.endswith("pack.yaml") and problem.location.line == 1
    assert ("rule 'per-x': points `1 / x` failed for scenario 's': ZeroDivisionError"
            in text)
    assert "hint: guard the expression (e.g. `x / max(y, 0.01)`) or fix the scenario's " \
        "values" in text


def test_a_scenario_for_another_major_version_of_the_pack_is_warned(write: Write) -> None:
    pack = load_pack(write("ratio/pack.yaml", json.dumps(_pack(2, version="1.2"))).parent)

    def warnings_for(wanted: str) -> list[str]:
        pin = f"pack: {{id: ratio, version: '{wanted}'}}\n" if wanted else ""
        path = write("s.yaml", "format: crossroads.scenario/1\nid: s\ntitle: S\n"
                     f"subject: T\n{pin}")
        return [w.render() for w in score(pack, load_scenario(path)).warnings]

    (warning,) = warnings_for("=2.0")
    assert "scenario was written for ratio 2.0, scored with 1.2" in warning
    assert "warning" in warning and "s.yaml" in warning
    assert "check the factor meanings in the pack's changelog" in warning
    assert warnings_for("1.0") == [] and warnings_for("v1.9") == [] and warnings_for("") == []


def test_asking_a_result_for_an_option_it_lacks_names_the_option() -> None:
    result = score(build_pack(_pack(2)), build_scenario({}))
    assert result.option("a").criteria == {"g": 2.0}
    with pytest.raises(KeyError, match="'nowhere'"):
        result.option("nowhere")
