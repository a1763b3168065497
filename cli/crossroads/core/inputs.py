"""Scenario inputs resolved against a pack: factor values (with defaults) and weights."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from crossroads.core.ahp import AhpResult, weights_from_judgements
from crossroads.core.errors import InputError, Problem, ProblemCollector
from crossroads.core.factors import suggest, value_problem
from crossroads.core.model import (
    Factor,
    FactorKind,
    FactorNature,
    FactorValue,
    Pack,
    Scenario,
    SourceKind,
)

#: Factor kinds a judgement can be moved in: one level either way, or a yes/no flipped.
MOVABLE_KINDS = (FactorKind.LEVEL, FactorKind.BOOLEAN)


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


def resolve_factors(
    pack: Pack, scenario: Scenario
) -> tuple[dict[str, Any], tuple[FactorReport, ...], tuple[Assumption, ...]]:
    """Check the scenario's facts against the pack; fill gaps with pack defaults.

    Returns the values rules see (levels as their order), a report of each value, and the
    assumptions made.  Raises :class:`InputError` listing every bad value.
    """
    problems = ProblemCollector()
    unknown_factors(pack, scenario, problems)
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
            check_factor_value(factor, given, problems)
            reports.append(FactorReport(factor.id, factor.label, value, factor.unit, given.low,
                                        given.high, given.source, False))
        if not problems.has_errors:
            values[factor.id] = factor.to_internal(value)
    problems.raise_if_errors()
    return values, tuple(reports), tuple(assumptions)


def unknown_factors(pack: Pack, scenario: Scenario, problems: ProblemCollector) -> None:
    """Report each fact of *scenario* that *pack* has no factor for."""
    for name, stated in scenario.factors.items():
        if name in pack.factors:
            continue
        hint = suggest(name, pack.factors) or f"pack {pack.id!r} does not use it; remove it"
        problems.add(stated.location, f"unknown factor {name!r} for pack {pack.id!r}", hint)


def check_factor_value(factor: Factor, given: FactorValue, problems: ProblemCollector) -> None:
    """Report what is wrong with one stated fact: its value, its range, its doubt."""
    bounds = [given.low, given.high] if given.has_range else []
    for candidate in [given.value, *bounds]:
        problem = value_problem(factor, candidate)
        if problem:
            problems.add(given.location, *problem)
            return
    if given.has_range and factor.kind.is_ordered:
        low, high = factor.to_internal(given.low), factor.to_internal(given.high)
        if low > high:
            problems.add(given.location, f"{factor.id}: the range [{given.low}, "
                         f"{given.high}] is reversed (its first end is above its second)",
                         f"write the low end first: [{given.high}, {given.low}]")
        elif not low <= factor.to_internal(given.value) <= high:
            problems.add(given.location, f"{factor.id} = {given.value} lies outside its "
                         f"range [{given.low}, {given.high}]",
                         "widen the range or correct the value")
    elif given.has_range:
        problems.add(given.location, f"{factor.id} is a {factor.kind} factor and "
                     "cannot have a range", "remove the range")
    _check_doubt(factor, given, problems)


def _check_doubt(factor: Factor, given: FactorValue, problems: ProblemCollector) -> None:
    """Doubt may be stated only as the factor's nature allows (docs/reference/pack-format)."""
    if factor.nature == FactorNature.FIXED and given.states_doubt:
        what = "a range" if given.has_range else "p_wrong"
        problems.add(given.location, f"{factor.id} is a fixed fact (nature: fixed in the pack): "
                     f"it is never varied, so it cannot have {what}",
                     f"remove {what}; if the fact itself is in doubt, score a what-if with "
                     f"--set {factor.id}=... instead")
    elif given.p_wrong is not None and not (
            factor.nature == FactorNature.JUDGED and factor.kind in MOVABLE_KINDS):
        hint = ("give a range instead" if factor.kind.is_ordered else
                "state the value you hold; only yes/no and level judgements take p_wrong")
        problems.add(given.location, f"{factor.id} is a {factor.nature} {factor.kind} factor: "
                     "p_wrong is the chance that a judged yes/no or level reading is wrong",
                     hint)
    elif given.p_wrong is not None and given.has_range:
        problems.add(given.location, f"{factor.id} states both a range and p_wrong",
                     "keep one: a range of levels, or the chance the reading is off by one")


def resolve_weights(pack: Pack, scenario: Scenario) -> tuple[dict[str, float], list[Assumption]]:
    """Normalised criterion weights from the scenario's priorities (pack defaults if none)."""
    weights, assumptions, _ = resolve_weights_judged(pack, scenario)
    return weights, assumptions


def resolve_weights_judged(pack: Pack, scenario: Scenario
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


def is_judgement(factor: Factor, scenario: Scenario) -> bool:
    """Whether *factor* is a judgement on the analyst's word: declared ``judged`` in the pack,
    a yes/no or level factor, and its value (stated, or the pack default) cites no source."""
    if factor.nature != FactorNature.JUDGED or factor.kind not in MOVABLE_KINDS:
        return False
    given = scenario.factors.get(factor.id)
    return given is None or given.source_kind != SourceKind.CITED


def judgement_moves(factor: Factor, value: Any) -> list[Any]:
    """The values a judgement is moved to: one level either way (inside the scale), or the
    other answer of a yes/no one."""
    if factor.kind == FactorKind.BOOLEAN:
        return [not value]
    return [v for v in (int(value) - 1, int(value) + 1) if 0 <= v < len(factor.labels)]
