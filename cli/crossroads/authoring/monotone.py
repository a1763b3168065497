"""Declared directions: sweep one factor across its range and check an option's score.

A pack author states that, say, economic partnerships never lose ground as more of the
state's oil crosses Russia.  The sweep scores the scenario at every level of a level
factor, at false and true for a boolean, and on a fine grid for a number (its declared
bounds or the expectation's `range:`), and reports the first step where the score moves
the wrong way, with the rules and risks that moved it.  Weakly monotone: a flat step is
fine, since most rules switch on at a threshold and are constant elsewhere.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

from crossroads.authoring.packtest_model import SCORE_TOLERANCE, Expectation, Failure, Monotone
from crossroads.core.engine import score
from crossroads.core.errors import InputError
from crossroads.core.factors import FactorKind
from crossroads.core.model import Factor, FactorValue, Pack, Scenario, SourceKind

GRID_STEPS = 200  # a number factor is scored at 201 evenly spaced values


def sweep_values(factor: Factor, span: tuple[float, float] | None = None) -> list[Any]:
    """The values a sweep visits, lowest first."""
    if factor.kind == FactorKind.BOOLEAN:
        return [False, True]
    if factor.kind == FactorKind.LEVEL:
        return list(factor.labels)
    if factor.kind != FactorKind.NUMBER:
        raise ValueError(f"{factor.id} is a {factor.kind}: it has no order to sweep")
    low, high = span if span is not None else (factor.minimum, factor.maximum)
    if low is None or high is None:
        raise ValueError(f"{factor.id} has no bounds to sweep")
    step = (high - low) / GRID_STEPS
    return [low + i * step for i in range(GRID_STEPS)] + [high]


def check_direction(pack: Pack, own: Scenario, expectation: Expectation) -> Failure | None:
    """The first wrong-way step over the expectation's scenarios (or *own*), or None."""
    spec: Monotone = expectation.expected
    factor = pack.factors[spec.factor]
    values = sweep_values(factor, spec.span)
    for scenario in spec.scenarios or (own,):
        failure = _sweep(pack, scenario, spec, factor, values, expectation)
        if failure is not None:
            return failure
    return None


def _sweep(pack: Pack, scenario: Scenario, spec: Monotone, factor: Factor,
           values: list[Any], expectation: Expectation) -> Failure | None:
    previous: Any = None
    for value in values:
        try:
            result = score(pack, _with_value(scenario, factor, value))
        except InputError as exc:
            return Failure(expectation, f"cannot sweep {factor.id} over scenario "
                           f"{scenario.id!r}", tuple(p.render() for p in exc.problems))
        option = result.option(spec.option)
        if previous is not None:
            before_value, before = previous
            step = option.score - before.score
            wrong = step < -SCORE_TOLERANCE if spec.increasing else step > SCORE_TOLERANCE
            if wrong:
                verb = "falls" if spec.increasing else "rises"
                return Failure(expectation, (
                    f"{spec.option!r} is declared {spec.direction} in {factor.id}, but its "
                    f"score {verb} from {before.score:.4f} at {factor.id}="
                    f"{_show(before_value)} to {option.score:.4f} at {factor.id}="
                    f"{_show(value)} (scenario {scenario.id!r})"),
                    what_changed(before, option))
        previous = (value, option)
    return None


def _with_value(scenario: Scenario, factor: Factor, value: Any) -> Scenario:
    stated = scenario.factors.get(factor.id)
    location = stated.location if stated is not None else scenario.location
    swept = FactorValue(value, location, source="monotone sweep",
                        source_kind=SourceKind.ANALYST)
    return replace(scenario, factors={**scenario.factors, factor.id: swept})


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def what_changed(before: Any, after: Any) -> tuple[str, ...]:
    """The weighted rule contributions and expected risks that differ between two results."""
    lines = []
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for side, option in enumerate((before, after)):
        for c in option.contributions:
            totals[(c.rule, c.criterion)][side] += c.value
    for (rule, criterion), (was, now) in sorted(totals.items()):
        if abs(now - was) > SCORE_TOLERANCE:
            lines.append(f"rule {rule} on {criterion}: {was:+.4f} -> {now:+.4f}")
    risks: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for side, option in enumerate((before, after)):
        for r in option.risks:
            risks[r.id][side] += r.expected
    for risk, (was, now) in sorted(risks.items()):
        if abs(now - was) > SCORE_TOLERANCE:
            lines.append(f"risk {risk}: expected {was:.4f} -> {now:.4f}")
    return tuple(lines) or ("no single rule or risk moved; check the weights",)
