"""Scoring: fired rules → per-criterion performance → value → weighted benefit − risk.

Every number in a :class:`Result` is traceable: an option's score equals the sum of its
contribution values minus ``risk_aversion`` times its expected risk, bit for bit.  Points
become value through each criterion's declared scale and risks through their impact (see
:mod:`crossroads.core.values`); risk rules combine into events (:mod:`crossroads.core.risk`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from crossroads.core.ahp import inconsistency_warning
from crossroads.core.errors import EvaluationError, Location, Problem
from crossroads.core.expr import Expr
from crossroads.core.inputs import (
    Assumption,
    FactorReport,
    resolve_factors,
    resolve_weights_judged,
)
from crossroads.core.model import Pack, Scenario
from crossroads.core.risk import RiskEvent, combined_likelihood, event_plan
from crossroads.core.values import risk_unit, value_per_point

__all__ = ["Contribution", "OptionResult", "Result", "RiskResult", "evaluate", "score"]


@dataclass(frozen=True, slots=True)
class Contribution:
    """One line of an explanation: points a rule gave, as value, times the criterion's weight.

    ``value = weight * points * per_point``, where ``per_point`` is the value one point on the
    criterion's declared scale is worth (1 for a [-10, 10] scale).
    """

    rule: str
    option: str
    criterion: str
    points: float
    weight: float
    value: float
    because: str
    source: str
    kind: str = "rule"  # "rule", or "cap" when the criterion's scale limited the total
    per_point: float = 1.0


@dataclass(frozen=True, slots=True)
class RiskResult:
    """One risk event for one option: its fired triggers combined into one likelihood.

    ``expected`` is the expected disvalue in weighted value units at risk aversion 1:
    ``likelihood * impact * unit``, ``unit`` from :func:`crossroads.core.values.risk_unit`.
    """

    id: str
    title: str
    likelihood: float
    impact: int
    expected: float
    rules: tuple[str, ...]
    mitigation: str
    because: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OptionResult:
    id: str
    title: str
    rank: int
    score: float
    benefit: float
    risk: float
    criteria: dict[str, float]
    contributions: tuple[Contribution, ...]
    risks: tuple[RiskResult, ...]


@dataclass(frozen=True)
class Result:
    pack: Pack
    scenario: Scenario
    weights: dict[str, float]
    risk_aversion: float
    assumptions: tuple[Assumption, ...]
    factors: tuple[FactorReport, ...]
    options: tuple[OptionResult, ...]
    warnings: tuple[Problem, ...] = ()  # worth saying, not worth stopping for
    #: The factor values the rules saw (levels as their order), resolved once here so that
    #: robustness runs and the confidence judgement reuse them instead of resolving again.
    values: Mapping[str, Any] = field(default_factory=dict)

    @property
    def leader(self) -> OptionResult:
        return self.options[0]

    def option(self, option_id: str) -> OptionResult:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)


# -- scoring -----------------------------------------------------------------------------

def score(pack: Pack, scenario: Scenario) -> Result:
    """Score every option of *pack* against *scenario*."""
    values, reports, factor_assumptions = resolve_factors(pack, scenario)
    weights, weight_assumptions, judged = resolve_weights_judged(pack, scenario)
    risk_aversion = scenario.risk_aversion if scenario.risk_aversion is not None \
        else pack.risk_aversion
    options = evaluate(pack, values, weights, risk_aversion, scenario.id)
    warnings = compatibility_warnings(pack, scenario)
    if judged is not None and (inconsistent := inconsistency_warning(judged, scenario.location)):
        warnings.append(inconsistent)
    return Result(pack, scenario, weights, risk_aversion,
                  factor_assumptions + tuple(weight_assumptions), reports, options,
                  tuple(warnings), values)


def compatibility_warnings(pack: Pack, scenario: Scenario) -> list[Problem]:
    """A scenario written for another major version of the pack may mean other things."""
    wanted = scenario.pack_version.lstrip("=v ")
    if not wanted or not pack.version:
        return []
    if wanted.split(".")[0] == pack.version.split(".")[0]:
        return []
    return [Problem(scenario.location,
                    f"scenario was written for {pack.id} {wanted}, scored with {pack.version}",
                    "check the factor meanings in the pack's changelog, then update "
                    "`pack: {id, version}`", severity="warning")]


def evaluate(
    pack: Pack,
    values: Mapping[str, Any],
    weights: Mapping[str, float],
    risk_aversion: float,
    scenario_id: str = "?",
) -> tuple[OptionResult, ...]:
    """The scoring core, on already-resolved inputs (used by batch and sensitivity runs)."""
    call = _Caller(values, scenario_id)
    fired_points: dict[str, list[tuple[str, str, float, str, str]]] = {o: [] for o in pack.options}
    for rule in pack.rules:
        if rule.when is not None and not call(rule.when, rule.id, "when"):
            continue
        for effect in rule.effects:
            points = float(call(effect.points, rule.id, "points"))
            if not math.isfinite(points):
                raise call.failure(effect.points, rule.id, "points", "result is not finite")
            fired_points[effect.option].append(
                (effect.criterion, rule.id, points, rule.because, rule.source))

    fired_risks: dict[str, tuple[float, str]] = {}  # risk-rule id → (likelihood, because)
    for risk_rule in pack.risk_rules:
        if risk_rule.when is not None and not call(risk_rule.when, risk_rule.id, "when"):
            continue
        likelihood = float(call(risk_rule.likelihood, risk_rule.id, "likelihood"))
        if not 0.0 <= likelihood <= 1.0:
            raise call.failure(risk_rule.likelihood, risk_rule.id, "likelihood",
                               f"likelihood {likelihood:g} is outside [0, 1]")
        fired_risks[risk_rule.id] = (likelihood, risk_rule.because)

    plan = event_plan(pack)
    unranked = []
    for option in pack.options.values():
        contributions = _contributions(pack, fired_points[option.id], weights, option.id)
        performance: dict[str, float] = dict.fromkeys(pack.criteria, 0.0)
        for c in contributions:
            performance[c.criterion] += c.points
        risks = _risks(pack, plan[option.id], fired_risks)
        benefit = sum(c.value for c in contributions)
        risk = sum(r.expected for r in risks)
        total = benefit - risk_aversion * risk
        unranked.append((option.id, option.title, total, benefit, risk, performance,
                         tuple(contributions), risks))
    unranked.sort(key=lambda row: (-row[2], row[0]))
    return tuple(OptionResult(oid, title, rank, total, benefit, risk, perf, contribs, risks)
                 for rank, (oid, title, total, benefit, risk, perf, contribs, risks)
                 in enumerate(unranked, start=1))


def _contributions(pack: Pack, fired: list[tuple[str, str, float, str, str]],
                   weights: Mapping[str, float], option: str) -> list[Contribution]:
    # Sorted by criterion then rule id so that the order of the YAML never changes a sum.
    fired = sorted(fired, key=lambda f: (f[0], f[1]))
    out: list[Contribution] = []
    index = 0
    while index < len(fired):
        criterion = fired[index][0]
        scale = pack.criteria[criterion]
        weight, per_point = weights[criterion], value_per_point(scale)
        total = 0.0
        while index < len(fired) and fired[index][0] == criterion:
            _, rule, points, because, source = fired[index]
            out.append(Contribution(rule, option, criterion, points, weight,
                                    weight * points * per_point, because, source,
                                    per_point=per_point))
            total += points
            index += 1
        bound = scale.scale_max if total > scale.scale_max else \
            scale.scale_min if total < scale.scale_min else None
        if bound is not None:
            excess = bound - total
            side = "maximum" if bound == scale.scale_max else "minimum"
            out.append(Contribution(
                f"cap:{criterion}", option, criterion, excess, weight,
                weight * excess * per_point,
                f"{scale.title} is capped at the scale {side} ({bound:g}); "
                f"the rules gave {total:g}", "", kind="cap", per_point=per_point))
    return out


def _risks(pack: Pack, events: tuple[RiskEvent, ...], fired: Mapping[str, tuple[float, str]]
           ) -> tuple[RiskResult, ...]:
    out = []
    unit = risk_unit(pack)
    for event in events:
        groups = [[fired[r][0] for r in group if r in fired] for group in event.groups]
        rules = tuple(r for r in event.rules if r in fired)
        if not rules:
            continue
        likelihood = combined_likelihood(groups)
        risk = pack.risks[event.risk]
        out.append(RiskResult(event.risk, risk.title, likelihood, event.impact,
                              likelihood * event.impact * unit, rules, risk.mitigation,
                              tuple(fired[r][1] for r in rules if fired[r][1])))
    return tuple(out)


class _Caller:
    """Runs compiled expressions and turns runtime failures into located errors."""

    def __init__(self, values: Mapping[str, Any], scenario_id: str) -> None:
        self.values = values
        self.scenario_id = scenario_id

    def __call__(self, expr: Expr, rule: str, part: str) -> Any:
        if expr.constant is not None:
            return expr.constant
        fn: Callable[[Mapping[str, Any]], Any] = expr.fn
        try:
            return fn(self.values)
        except (ArithmeticError, ValueError, TypeError) as exc:
            raise self.failure(expr, rule, part, f"{type(exc).__name__}: {exc}") from exc

    def failure(self, expr: Expr, rule: str, part: str, why: str) -> EvaluationError:
        where: Location = expr.location
        return EvaluationError([Problem(
            where,
            f"rule {rule!r}: {part} `{expr.text}` failed for scenario {self.scenario_id!r}: {why}",
            "guard the expression (e.g. `x / max(y, 0.01)`) or fix the scenario's values",
        )])
