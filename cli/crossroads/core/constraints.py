"""Scenario consistency: the pack's constraints between factors, checked on a scenario.

A constraint's ``when`` must hold for every consistent scenario (e.g. an EAEU member
cannot trade nothing with Russia).  A broken constraint is a warning, not an error: the
analyst may know better, but should look twice before trusting the ranking.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from crossroads.core.errors import Location, Problem
from crossroads.core.inputs import resolve_factors
from crossroads.core.model import Constraint, Pack, Scenario

CONSTRAINT_CODE = "CR201"


def broken_constraints(pack: Pack, values: Mapping[str, Any]) -> list[Constraint]:
    """The constraints of *pack* that resolved factor *values* (levels as order) break."""
    broken = []
    for constraint in pack.constraints:
        try:
            holds = bool(constraint.when(values))
        except (ArithmeticError, ValueError, TypeError):
            # A constraint that cannot be evaluated says nothing about consistency.
            continue
        if not holds:
            broken.append(constraint)
    return broken


def constraint_warnings(pack: Pack, scenario: Scenario) -> list[Problem]:
    """One warning per broken constraint, located at the scenario's first named factor.

    Raises :class:`~crossroads.core.errors.InputError` when the scenario's values are invalid
    for the pack (the same errors scoring would report).
    """
    values, _, _ = resolve_factors(pack, scenario)
    return warnings_at(pack, scenario, values)


def warnings_at(pack: Pack, scenario: Scenario, values: Mapping[str, Any]) -> list[Problem]:
    """:func:`constraint_warnings` for values already resolved (``Result.values``); a
    constraint whose expression fails on these values is said to be unchecked, not
    passed over in silence."""
    warnings = [_warning(pack, scenario, values, c) for c in broken_constraints(pack, values)]
    for constraint in pack.constraints:
        try:
            constraint.when(values)
        except (ArithmeticError, ValueError, TypeError) as error:
            warnings.append(Problem(
                constraint.when.location,
                f"constraint {constraint.id!r} of pack {pack.id!r} could not be checked on "
                f"these facts ({error}); their consistency is unknown",
                f"fix the arithmetic of `{constraint.when.text}`", severity="warning",
                code=CONSTRAINT_CODE))
    return warnings


def _warning(pack: Pack, scenario: Scenario, values: Mapping[str, Any],
             constraint: Constraint) -> Problem:
    shown = ", ".join(f"{name} = {_show(pack, name, values[name])}"
                      f"{'' if name in scenario.factors else ' (pack default)'}"
                      for name in constraint.factors)
    where = next((scenario.factors[name].location for name in constraint.factors
                  if name in scenario.factors), scenario.location)
    if not where.file or where.file == "?":
        where = Location(scenario.path.name if scenario.path else scenario.id)
    return Problem(
        where,
        f"inconsistent facts: {shown}: {constraint.message} "
        f"(constraint {constraint.id!r} of pack {pack.id!r})",
        f"check {' and '.join(constraint.factors)}; the pack expects `{constraint.when.text}`",
        severity="warning",
        code=CONSTRAINT_CODE,
    )


def _show(pack: Pack, name: str, value: Any) -> str:
    factor = pack.factors[name]
    if factor.kind == "level":
        return repr(factor.labels[value])
    if factor.kind == "number":
        return f"{value:g}"
    if factor.kind == "boolean":
        return str(value).lower()
    return repr(value)
