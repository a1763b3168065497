"""Scoring: fired rules → per-criterion performance → weighted benefit − risk.

Every number in a :class:`Result` is traceable: an option's score equals the sum of its
contribution values minus ``risk_aversion`` times its expected risk, bit for bit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from crossroads.core.ahp import (
    AhpResult,
    inconsistency_warning,
    weights_from_judgements,
)
from crossroads.core.errors import EvaluationError, InputError, Location, Problem, ProblemCollector
from crossroads.core.expr import Expr
from crossroads.core.factors import suggest, value_problem
from crossroads.core.model import FactorValue, Pack, Scenario


@dataclass(frozen=True, slots=True)
class Contribution:
    """One line of an explanation: points a rule gave, times the criterion's weight."""

    rule: str
    option: str
    criterion: str
    points: float
    weight: float
    value: float
    because: str
    source: str
    kind: str = "rule"  # "rule", or "cap" when the criterion's scale limited the total


@dataclass(frozen=True, slots=True)
class RiskResult:
    """One risk for one option, combined over the risk rules that fired."""

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


@dataclass(frozen=True, slots=True)
class Assumption:
    """Something the engine filled in because the scenario did not say."""

    subject: str  # a factor or criterion id
    value: Any
    reason: str


@dataclass(frozen=True, slots=True)
class FactorReport:
    """A factor value as scored, for briefings and logs."""

    id: str
    label: str
    value: Any
    unit: str
    low: Any
    high: Any
    source: str
    defaulted: bool


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

    @property
    def leader(self) -> OptionResult:
        return self.options[0]

    def option(self, option_id: str) -> OptionResult:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)


# -- inputs ------------------------------------------------------------------------------

def resolve_factors(
    pack: Pack, scenario: Scenario
) -> tuple[dict[str, Any], tuple[FactorReport, ...], tuple[Assumption, ...]]:
    """Check the scenario's facts against the pack; fill gaps with pack defaults.

    Returns the values rules see (levels as their order), a report of each value, and the
    assumptions made.  Raises :class:`InputError` listing every bad value.
    """
    problems = ProblemCollector()
    for name, stated in scenario.factors.items():
        if name not in pack.factors:
            hint = suggest(name, pack.factors) or f"pack {pack.id!r} does not use it; remove it"
            problems.add(stated.location, f"unknown factor {name!r} for pack {pack.id!r}", hint)
    values: dict[str, Any] = {}
    reports: list[FactorReport] = []
    assumptions: list[Assumption] = []
    for factor in pack.factors.values():
        given: FactorValue | None = scenario.factors.get(factor.id)
        if given is None:
            value = factor.default
            assumptions.append(Assumption(factor.id, value, "not in the scenario: pack default"))
            reports.append(FactorReport(factor.id, factor.label, value, factor.unit, None, None,
                                        factor.source, True))
        else:
            value = given.value
            bounds = [given.low, given.high] if given.has_range else []
            for candidate in [given.value, *bounds]:
                problem = value_problem(factor, candidate)
                if problem:
                    problems.add(given.location, *problem)
                    break
            else:
                if given.has_range and factor.kind in ("number", "level"):
                    low, high = factor.to_internal(given.low), factor.to_internal(given.high)
                    if low > high:
                        problems.add(given.location, f"{factor.id}: the range [{given.low}, "
                                     f"{given.high}] runs from high to low",
                                     f"write it as [{given.high}, {given.low}]")
                    elif not low <= factor.to_internal(value) <= high:
                        problems.add(given.location, f"{factor.id} = {value} lies outside its "
                                     f"range [{given.low}, {given.high}]",
                                     "widen the range or correct the value")
                elif given.has_range:
                    problems.add(given.location, f"{factor.id} is a {factor.kind} factor and "
                                 "cannot have a range", "remove the range")
            reports.append(FactorReport(factor.id, factor.label, value, factor.unit, given.low,
                                        given.high, given.source, False))
        if not problems.has_errors:
            values[factor.id] = factor.to_internal(value)
    problems.raise_if_errors()
    return values, tuple(reports), tuple(assumptions)


def resolve_weights(pack: Pack, scenario: Scenario) -> tuple[dict[str, float], list[Assumption]]:
    """Normalised criterion weights from the scenario's priorities (pack defaults if none)."""
    weights, assumptions, _ = _resolve_weights(pack, scenario)
    return weights, assumptions


def _resolve_weights(pack: Pack, scenario: Scenario
                     ) -> tuple[dict[str, float], list[Assumption], AhpResult | None]:
    """As :func:`resolve_weights`, plus the AHP result when the weights came from judgements."""
    problems = ProblemCollector()
    where = scenario.location
    located = scenario.priority_locations
    raw: dict[str, float] = {}
    assumptions: list[Assumption] = []
    for name, weight in scenario.priorities.items():
        at = located.get(name, where)
        if name not in pack.criteria:
            hint = suggest(name, pack.criteria) or f"criteria: {', '.join(pack.criteria)}"
            problems.add(at, f"unknown criterion {name!r} in priorities", hint)
        elif weight < 0 or not math.isfinite(weight):
            problems.add(at, f"priority of {name!r} must be zero or more, got {weight}",
                         "use a rating such as 0-5")
    problems.raise_if_errors()
    if scenario.judgements and not scenario.priorities:
        judged = _ahp(pack, scenario)
        return judged.weights, [Assumption(
            "priorities", "AHP", f"weights from {len(scenario.judgements)} pairwise judgements "
            f"(consistency ratio {judged.consistency_ratio:.3f})")], judged
    for criterion in pack.criteria.values():
        if criterion.id in scenario.priorities:
            raw[criterion.id] = scenario.priorities[criterion.id]
        else:
            raw[criterion.id] = criterion.weight
            if scenario.priorities:
                assumptions.append(Assumption(criterion.id, criterion.weight,
                                              "no priority given: pack default weight"))
    if not scenario.priorities:
        assumptions.append(Assumption("priorities", "pack defaults",
                                      "the scenario gives no priorities"))
    assumptions.extend(Assumption(o.subject, o.value, o.note) for o in scenario.overrides
                       if o.subject == "pairwise")
    largest = max(raw.values(), default=0.0)
    if largest <= 0:
        raise InputError([Problem(where, "all criterion weights are zero",
                                  "give at least one criterion a positive priority")])
    # Scale by the largest first: a sum of huge weights (1e308) would overflow to inf.
    scaled = {k: v / largest for k, v in raw.items()}
    total = math.fsum(scaled.values())  # exactly rounded: independent of criteria order
    return {k: v / total for k, v in scaled.items()}, assumptions, None


def _ahp(pack: Pack, scenario: Scenario) -> AhpResult:
    result, problems = weights_from_judgements(
        scenario.judgements, list(pack.criteria), scenario.location)
    if result is None:
        raise InputError(problems)
    return result


# -- scoring -----------------------------------------------------------------------------

def score(pack: Pack, scenario: Scenario) -> Result:
    """Score every option of *pack* against *scenario*."""
    values, reports, factor_assumptions = resolve_factors(pack, scenario)
    weights, weight_assumptions, judged = _resolve_weights(pack, scenario)
    risk_aversion = scenario.risk_aversion if scenario.risk_aversion is not None \
        else pack.risk_aversion
    options = evaluate(pack, values, weights, risk_aversion, scenario.id)
    warnings = compatibility_warnings(pack, scenario)
    if judged is not None and (inconsistent := inconsistency_warning(judged, scenario.location)):
        warnings.append(inconsistent)
    return Result(pack, scenario, weights, risk_aversion,
                  factor_assumptions + tuple(weight_assumptions), reports, options,
                  tuple(warnings))


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

    fired_risks: dict[str, dict[str, list[tuple[float, int, str, str]]]] = {
        o: {} for o in pack.options}
    for risk_rule in pack.risk_rules:
        if risk_rule.when is not None and not call(risk_rule.when, risk_rule.id, "when"):
            continue
        likelihood = float(call(risk_rule.likelihood, risk_rule.id, "likelihood"))
        if not 0.0 <= likelihood <= 1.0:
            raise call.failure(risk_rule.likelihood, risk_rule.id, "likelihood",
                               f"likelihood {likelihood:g} is outside [0, 1]")
        for target in risk_rule.applies_to:
            fired_risks[target].setdefault(risk_rule.risk, []).append(
                (likelihood, risk_rule.impact, risk_rule.id, risk_rule.because))

    unranked = []
    for option in pack.options.values():
        contributions = _contributions(pack, fired_points[option.id], weights, option.id)
        performance: dict[str, float] = dict.fromkeys(pack.criteria, 0.0)
        for c in contributions:
            performance[c.criterion] += c.points
        risks = _risks(pack, fired_risks[option.id])
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
        weight = weights[criterion]
        total = 0.0
        while index < len(fired) and fired[index][0] == criterion:
            _, rule, points, because, source = fired[index]
            out.append(Contribution(rule, option, criterion, points, weight, weight * points,
                                    because, source))
            total += points
            index += 1
        scale = pack.criteria[criterion]
        bound = scale.scale_max if total > scale.scale_max else \
            scale.scale_min if total < scale.scale_min else None
        if bound is not None:
            excess = bound - total
            side = "maximum" if bound == scale.scale_max else "minimum"
            out.append(Contribution(
                f"cap:{criterion}", option, criterion, excess, weight, weight * excess,
                f"{scale.title} is capped at the scale {side} ({bound:g}); "
                f"the rules gave {total:g}", "", kind="cap"))
    return out


def _risks(pack: Pack, fired: dict[str, list[tuple[float, int, str, str]]]
           ) -> tuple[RiskResult, ...]:
    out = []
    for risk_id in sorted(fired):
        triggers = sorted(fired[risk_id], key=lambda t: t[2])
        stay_clear = 1.0
        for likelihood, _, _, _ in triggers:
            stay_clear *= 1.0 - likelihood  # independent triggers: noisy-OR
        likelihood = 1.0 - stay_clear
        impact = max(t[1] for t in triggers)
        risk = pack.risks[risk_id]
        out.append(RiskResult(risk_id, risk.title, likelihood, impact, likelihood * impact,
                              tuple(t[2] for t in triggers), risk.mitigation,
                              tuple(t[3] for t in triggers if t[3])))
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
