"""The domain: packs (factors, criteria, options, rules, risks) and scenarios.

Everything is a frozen dataclass; the loader builds them, the engine only reads them.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crossroads.core.errors import Location
from crossroads.core.expr import Expr
from crossroads.core.factors import FACTOR_KINDS, FactorKind, to_internal

__all__ = ["FACTOR_KINDS", "FactorKind"]



@dataclass(frozen=True, slots=True)
class Factor:
    """A scenario variable the rules read."""

    id: str
    kind: FactorKind
    label: str
    question: str
    help: str
    group: str
    default: Any
    location: Location
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    labels: tuple[str, ...] = ()  # ordered for level, unordered for choice
    source: str = ""

    def to_internal(self, value: Any) -> Any:
        """The value rules see: level labels become their order (0 = lowest)."""
        return to_internal(self, value)


@dataclass(frozen=True, slots=True)
class Criterion:
    """An objective options are judged on, with its declared performance scale."""

    id: str
    title: str
    description: str
    weight: float  # the pack's default priority
    scale_min: float
    scale_max: float
    location: Location


@dataclass(frozen=True, slots=True)
class Option:
    """A course of action the pack can recommend."""

    id: str
    title: str
    summary: str
    source: str
    location: Location


@dataclass(frozen=True, slots=True)
class Effect:
    """Points a rule gives one option on one criterion."""

    option: str
    criterion: str
    points: Expr
    location: Location


@dataclass(frozen=True, slots=True)
class Rule:
    """When the condition holds, the effects add points."""

    id: str
    when: Expr | None
    effects: tuple[Effect, ...]
    because: str
    source: str
    location: Location
    silence: tuple[str, ...] = ()  # lint codes the author chose to silence


@dataclass(frozen=True, slots=True)
class Risk:
    """Something that can go wrong with an option."""

    id: str
    title: str
    mitigation: str
    source: str
    location: Location


@dataclass(frozen=True, slots=True)
class RiskRule:
    """When the condition holds, the risk may occur for the listed options."""

    id: str
    risk: str
    when: Expr | None
    applies_to: tuple[str, ...]
    likelihood: Expr
    impact: int
    because: str
    source: str
    location: Location
    silence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Constraint:
    """A relation between factors that every consistent scenario satisfies.

    ``when`` must be true; a scenario for which it is false gets a warning naming
    ``factors`` (by default the factors the condition reads).
    """

    id: str
    when: Expr
    message: str
    factors: tuple[str, ...]
    location: Location


@dataclass(frozen=True)
class Pack:
    """A rule pack: the knowledge a scenario is scored against."""

    id: str
    version: str
    title: str
    description: str
    perspective: str
    source_title: str
    factors: dict[str, Factor]
    criteria: dict[str, Criterion]
    options: dict[str, Option]
    rules: tuple[Rule, ...]
    risks: dict[str, Risk]
    risk_rules: tuple[RiskRule, ...]
    risk_aversion: float
    digest: str
    directory: Path
    files: tuple[Path, ...] = ()
    location: Location = field(default_factory=lambda: Location("?"))
    constraints: tuple[Constraint, ...] = ()
    # Pack-wide lint silences: "CR101" (everywhere) or "CR101:subject-id" (one subject).
    silence: tuple[str, ...] = ()
    tests: tuple[Path, ...] = ()  # pack test files named by the `tests:` key


@dataclass(frozen=True, slots=True)
class FactorValue:
    """A scenario's value for one factor, with its uncertainty and source."""

    value: Any
    location: Location
    low: Any = None
    high: Any = None
    source: str = ""
    note: str = ""

    @property
    def has_range(self) -> bool:
        return self.low is not None and self.high is not None


@dataclass(frozen=True, slots=True)
class Judgement:
    """One pairwise comparison (AHP): *a* matters *ratio* times as much as *b*."""

    a: str
    b: str
    ratio: float
    location: Location


@dataclass(frozen=True, slots=True)
class Override:
    """A change made to a scenario after it was read: a flag, or another pack's view.

    Kept on the scenario so that every report can say it is a what-if and list what was
    changed (even a value equal to the file's own).
    """

    subject: str  # factor or criterion id, "risk_aversion", "pairwise" or "pack"
    value: Any
    origin: str  # the flag as typed, e.g. "--set russian_pressure=severe"
    note: str = ""


@dataclass(frozen=True)
class Scenario:
    """One country at one date, plus the decision-maker's priorities."""

    id: str
    title: str
    subject: str
    as_of: _dt.date | None
    pack: str
    pack_version: str
    factors: dict[str, FactorValue]
    priorities: dict[str, float]
    risk_aversion: float | None
    notes: str
    location: Location
    path: Path | None = None
    # Pairwise judgements (AHP) when the author gave them instead of direct weights.
    judgements: tuple[Judgement, ...] = ()
    # Where each priority was given (file position or the flag), for errors about it.
    priority_locations: dict[str, Location] = field(default_factory=dict)
    overrides: tuple[Override, ...] = ()  # what-if changes, in the order given
