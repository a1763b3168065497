"""Expressions: what analysts may write, what is refused, and where the error points."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from crossroads.core.errors import Location
from crossroads.core.expr import compile_value


@dataclass(frozen=True)
class Spec:
    kind: str
    labels: tuple[str, ...] = ()


FACTORS = {
    "trade_share_russia": Spec("number"),
    "remittances_gdp": Spec("number"),
    "russian_pressure": Spec("level", ("none", "low", "medium", "high", "severe")),
    "eaeu_status": Spec("choice", ("member", "observer", "none")),
    "csto_member": Spec("boolean"),
}
LEVEL = {"none": 0, "low": 1, "medium": 2, "high": 3, "severe": 4}
WHERE = Location("rules.yaml", 10, 11)


def run(text: str, kind: str = "bool", **values: object) -> object:
    expr, problems = compile_value(text, kind, FACTORS, WHERE)  # type: ignore[arg-type]
    assert not problems, [p.render() for p in problems]
    assert expr is not None
    defaults: dict[str, object] = {"trade_share_russia": 0.2, "remittances_gdp": 0.1,
                                   "russian_pressure": LEVEL["high"], "eaeu_status": "member",
                                   "csto_member": True}
    defaults.update(values)
    return expr(defaults)


def error(text: str, kind: str = "bool") -> str:
    expr, problems = compile_value(text, kind, FACTORS, WHERE)  # type: ignore[arg-type]
    assert expr is None and problems
    return problems[0].render()


def test_levels_compare_by_order_not_alphabet() -> None:
    # Alphabetically "medium" > "high"; by order it is below.
    assert run('russian_pressure >= "high"', russian_pressure=LEVEL["severe"]) is True
    assert run('russian_pressure >= "high"', russian_pressure=LEVEL["medium"]) is False
    assert run('"low" < russian_pressure < "severe"', russian_pressure=LEVEL["medium"]) is True
    assert run('russian_pressure in ["high", "severe"]', russian_pressure=LEVEL["high"]) is True


def test_choices_booleans_and_arithmetic() -> None:
    assert run('eaeu_status in ["member", "observer"] and csto_member') is True
    assert run('eaeu_status != "member" or not csto_member') is False
    assert run("min(4, 10 * remittances_gdp)", "number", remittances_gdp=0.55) == 4
    assert run("clamp(0.1 + trade_share_russia ** 2, 0, 1)", "number") == pytest.approx(0.14)
    assert run("2 if csto_member else -1", "number") == 2
    assert run("true") is True


def test_literals_are_allowed_as_yaml_values() -> None:
    expr, problems = compile_value(2.5, "number", FACTORS, WHERE)  # type: ignore[arg-type]
    assert expr is not None and expr.constant == 2.5 and not problems


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("trade_shar_russia > 0.1", "unknown factor 'trade_shar_russia'"),
        ('russian_pressure >= "hihg"', "unknown label 'hihg' for 'russian_pressure'"),
        ('eaeu_status > "member"', "is a choice and has no order"),
        ("trade_share_russia", "a condition must be true or false"),
        ("trade_share_russia > 0.1 and 3", "`and` needs true/false values"),
        ("trade_share_russia.real > 0", "attribute access (x.y) not allowed"),
        ("trade_share_russia[0] > 0", "subscripts (x[...]) not allowed"),
        ("(lambda: 1)() > 0", "calls are limited to the functions"),
        ("[x for x in [1]] == [1]", "comprehensions not allowed"),
        ("__import__('os').system('true')", "calls are limited to the functions"),
        ("__builtins__ == 1", "names starting with '_' are not allowed"),
        ("2 ** 99999999 > 1", "powers must have a constant exponent"),
        ("trade_share_russia ** trade_share_russia > 1", "powers must have a constant exponent"),
        ("eaeu_status == 3", "cannot compare 'eaeu_status' with a number"),
        ("csto_member + 1 > 0", "arithmetic on a true/false value"),
        ("trade_share_russia > 0.1 && csto_member", "write `and`/`or` instead of `&&`/`||`"),
        ("import os", "invalid expression"),
    ],
)
def test_refused_with_reason(text: str, message: str) -> None:
    assert message in error(text)


def test_points_must_be_numeric() -> None:
    assert "expected a number" in error('russian_pressure >= "high"', "number")


def test_did_you_mean_for_factors_and_labels() -> None:
    assert "did you mean 'trade_share_russia'?" in error("trade_shar_russia > 0.1")
    assert "did you mean 'high'?" in error('russian_pressure == "hihg"')


def test_error_column_points_at_the_offending_name() -> None:
    # WHERE is line 10, column 11; "presure" starts 16 characters into the text.
    rendered = error('csto_member and presure >= "high"')
    assert rendered.startswith("rules.yaml:10:27: error: unknown factor 'presure'")


def test_multiline_expression_reports_the_right_line() -> None:
    rendered = error("csto_member and\n  russian_pressure > 'hgh'")
    assert rendered.startswith("rules.yaml:11:")


@pytest.mark.parametrize("operands", [1_000, 20_000])
def test_huge_expression_is_refused_not_a_crash(operands: int) -> None:
    rendered = error(" + ".join(["trade_share_russia"] * operands), "number")
    assert rendered.startswith("rules.yaml:10:11: error: expression is nested too deeply")
