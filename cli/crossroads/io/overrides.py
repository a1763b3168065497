"""What-if: a scenario with some facts, priorities or the risk aversion changed.

:func:`with_overrides` takes typed values (``{"oil_exports_via_russia": 0.6}``, a
:class:`~crossroads.io.value_text.Stated` for a range and a source);
:func:`with_command_line` takes the ``--set``/``--weights``/``--risk-aversion`` text of
the command line and reads it with the one value grammar the wizard uses too.  Both
record every change on the scenario (:class:`~crossroads.core.model.Override`), so each
report says it is a what-if and lists what was changed, even a value equal to the file's.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from crossroads.core.errors import InputError, Location, ProblemCollector
from crossroads.core.factors import suggest
from crossroads.core.inputs import check_factor_value
from crossroads.core.model import (
    FactorValue,
    Override,
    Pack,
    Scenario,
    SourceKind,
    derive_source_kind,
)
from crossroads.io.value_text import (
    Stated,
    ValueTextError,
    parse_value,
    parse_weight,
    plain_text,
    stated_text,
)


@dataclass(frozen=True, slots=True)
class _Change:
    name: str  # factor or criterion id
    value: Any  # a Stated for a fact, a float for a weight
    origin: str  # as reports show it: "--set x=0.3" from the command line, "x=0.3" from Python


@dataclass(frozen=True, slots=True)
class _Spelling:
    """How problems and reports name where a change came from."""

    facts: str
    weights: str
    risk_aversion: str
    risk_origin: str  # the risk aversion change as reports show it


_COMMAND_LINE = _Spelling("--set", "--weights", "--risk-aversion", "--risk-aversion {:g}")
_PYTHON = _Spelling("facts", "weights", "risk_aversion", "risk_aversion={:g}")


def with_overrides(
    pack: Pack,
    scenario: Scenario,
    facts: Mapping[str, Any] | None = None,
    *,
    weights: Mapping[str, float] | None = None,
    risk_aversion: float | None = None,
) -> Scenario:
    """A copy of *scenario* with facts, criterion priorities or the risk aversion changed.

    *facts* maps factor ids to values of the factor's type (``0.6``, ``"severe"``,
    ``True``), or to a :class:`Stated` to give a range and a source with the value
    (``Stated(0.6, 0.5, 0.7, "IMF")``: the range is what robustness draws vary).
    *weights* maps criterion ids to priorities (relative; zero ignores a criterion).
    Raises :class:`~crossroads.core.errors.InputError` listing every unknown name and
    bad value.
    """
    changes = [_Change(name, value, f"{name}={stated_text(value)}") if isinstance(value, Stated)
               else _Change(name, Stated(value), f"{name}={_shown(value)}")
               for name, value in (facts or {}).items()]
    priorities = [_Change(name, value, f"{name}={_shown(value)}")
                  for name, value in (weights or {}).items()]
    return _apply(pack, scenario, changes, priorities, risk_aversion, _PYTHON)


def with_command_line(
    pack: Pack,
    scenario: Scenario,
    sets: Sequence[str] = (),
    weights: Sequence[str] = (),
    risk_aversion: float | None = None,
) -> Scenario:
    """A copy of *scenario* with ``--set``, ``--weights`` and ``--risk-aversion`` applied,
    given as typed (``"x=0.6 (0.5..0.7) src: IMF"``, ``"economic-ties=3"``)."""
    problems = ProblemCollector()
    changes: list[_Change] = []
    for text in sets:
        name, raw = parse_assignment(text, "--set")
        factor = pack.factors.get(name)
        if factor is None:
            changes.append(_Change(name, None, f"--set {text}"))  # _apply says it is unknown
            continue
        try:
            changes.append(_Change(name, parse_value(factor, raw), f"--set {text}"))
        except ValueTextError as error:
            problems.add(Location(f"--set {text}"), error.message, error.hint)
    priorities: list[_Change] = []
    for text in weights:
        name, raw = parse_assignment(text, "--weights")
        if name not in pack.criteria:
            priorities.append(_Change(name, None, f"--weights {text}"))  # unknown: _apply
            continue
        try:
            priorities.append(_Change(name, parse_weight(raw), f"--weights {text}"))
        except ValueTextError as error:
            problems.add(Location("--weights"), f"weight of {name!r} {error.message}",
                         error.hint)
    try:
        changed = _apply(pack, scenario, changes, priorities, risk_aversion, _COMMAND_LINE)
    except InputError as error:
        problems.problems.extend(error.problems)
    problems.raise_if_errors()
    return changed


def parse_assignment(text: str, option: str) -> tuple[str, str]:
    """("x", "0.3") from the ``--set`` text "x=0.3"; a located error otherwise."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise InputError.single(option, f"expected NAME=VALUE, got {text!r}",
                                f"e.g. {option} trade_share_russia=0.2")
    return name.strip(), value.strip()


def same_value(old: Any, new: Any) -> bool:
    """Whether a ``--set`` value restates the file's: numbers by value (``3`` is ``3.0``,
    and ``18.6%`` is ``0.186`` though the division leaves a trace in the last digit),
    anything else only if equal and of the same type (``True`` is not ``1``)."""
    numbers = (int, float)
    if (isinstance(old, numbers) and isinstance(new, numbers)
            and not isinstance(old, bool) and not isinstance(new, bool)):
        return math.isclose(old, new, rel_tol=1e-12, abs_tol=1e-15)
    return type(old) is type(new) and bool(old == new)


def _shown(value: Any) -> str:
    """A typed value as the reports show where it came from: 0.6, severe, true."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return plain_text(value)


def _apply(pack: Pack, scenario: Scenario, changes: Sequence[_Change],
           priorities_given: Sequence[_Change], risk_aversion: float | None,
           spelling: _Spelling) -> Scenario:
    problems = ProblemCollector()
    factors = dict(scenario.factors)
    overrides = list(scenario.overrides)
    for change in changes:
        factor = pack.factors.get(change.name)
        if factor is None:
            problems.add(Location(spelling.facts), f"unknown factor {change.name!r}",
                         suggest(change.name, pack.factors)
                         or "run `crossroads rules list --factors`")
            continue
        given: Stated = change.value
        where = Location(change.origin)
        old = factors.get(change.name)
        # An explicit value replaces the file's range too: the user said what it is.
        if old is not None and given.plain and same_value(old.value, given.value):
            # Restating the file's value: the fact keeps its source and citations (the
            # override is still recorded below, so the run says it is a what-if).
            new = replace(old, location=where, low=None, high=None, p_wrong=None)
        else:
            source = given.source or "command line"
            kind = SourceKind(given.source_kind) if given.source_kind else \
                derive_source_kind(source)
            new = FactorValue(given.value, where, given.low, given.high, source=source,
                              note=old.note if old else "", source_kind=kind,
                              p_wrong=given.p_wrong)
        check_factor_value(factor, new, problems)
        factors[change.name] = new
        overrides.append(Override(change.name, new.value, change.origin,
                                  "" if old is None else f"file value {old.value!r}"))
    priorities = dict(scenario.priorities)
    located = dict(scenario.priority_locations)
    for change in priorities_given:
        weight = change.value
        if change.name not in pack.criteria:
            problems.add(Location(spelling.weights), f"unknown criterion {change.name!r}",
                         suggest(change.name, pack.criteria)
                         or f"criteria: {', '.join(pack.criteria)}")
            continue
        if isinstance(weight, bool) or not isinstance(weight, int | float) \
                or not math.isfinite(weight) or weight < 0:
            problems.add(Location(spelling.weights), f"weight of {change.name!r} must be a "
                         f"number, zero or more, got {weight!r}",
                         "weights are relative importance: 0 = ignore")
            continue
        priorities[change.name] = float(weight)
        located[change.name] = Location(change.origin)
        overrides.append(Override(change.name, float(weight), change.origin, "priority"))
    if risk_aversion is not None and not (math.isfinite(risk_aversion) and risk_aversion >= 0):
        problems.add(Location(spelling.risk_aversion), "risk aversion must be zero or more",
                     "0 ignores risks, 1 is neutral, 2 weighs them double")
    problems.raise_if_errors()
    judgements = scenario.judgements
    if judgements and priorities_given:
        # Direct weights and AHP judgements are on different scales and cannot be mixed:
        # the weights given win, and the run says that the judgements were set aside.
        judgements = ()
        overrides.append(Override(
            "pairwise", "dropped", spelling.weights,
            f"{len(scenario.judgements)} pairwise judgements dropped: {spelling.weights} "
            "gives priorities directly; criteria without one take the pack default"))
    if risk_aversion is not None:
        overrides.append(Override("risk_aversion", risk_aversion,
                                  spelling.risk_origin.format(risk_aversion)))
    return replace(
        scenario, factors=factors, priorities=priorities, judgements=judgements,
        priority_locations=located, overrides=tuple(overrides),
        risk_aversion=scenario.risk_aversion if risk_aversion is None else risk_aversion,
    )
