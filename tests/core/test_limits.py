"""One bound on numbers: YAML files, expression literals and factor values agree on it."""

from __future__ import annotations

import pytest

from crossroads.core.errors import InputError, Location
from crossroads.core.expr import compile_value
from crossroads.core.factors import FactorKind, value_problem
from crossroads.core.limits import MAX_MAGNITUDE
from crossroads.core.model import Factor
from crossroads.io.yamldoc import parse_yaml

AT_LIMIT = f"{MAX_MAGNITUDE:.0f}"          # 1000000000000: accepted everywhere
BEYOND = f"{MAX_MAGNITUDE * 10:.0f}"       # refused everywhere, each naming the same bound
BOUND = f"±{MAX_MAGNITUDE:g}"
NUMBER = Factor("x", FactorKind.NUMBER, "x", "x?", "", "", 0.0, Location("p.yaml", 1, 1))


def test_yaml_numbers_stop_at_the_bound() -> None:
    assert parse_yaml(f"a: {AT_LIMIT}\n", "s.yaml") is not None
    with pytest.raises(InputError) as caught:
        parse_yaml(f"a: {BEYOND}\n", "s.yaml")
    assert BOUND in caught.value.problems[0].render()


def test_expression_literals_stop_at_the_bound() -> None:
    expr, problems = compile_value(f"x * {AT_LIMIT}", "number", {"x": NUMBER}, Location("r", 1, 1))
    assert expr is not None and not problems
    expr, problems = compile_value(f"x * {BEYOND}", "number", {"x": NUMBER}, Location("r", 1, 1))
    assert expr is None and BOUND in problems[0].render()


def test_factor_values_stop_at_the_bound() -> None:
    assert value_problem(NUMBER, MAX_MAGNITUDE) is None
    problem = value_problem(NUMBER, MAX_MAGNITUDE * 10)
    assert problem is not None and BOUND in problem[0]
