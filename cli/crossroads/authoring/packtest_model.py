"""The data of pack tests: what a test expects, how it came out, and what fired where."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crossroads.core.errors import Location, Problem
from crossroads.core.model import Pack, Scenario

TEST_FORMAT = "crossroads.packtest/1"
TEST_FILE = "tests.yaml"
EXPECTATION_KINDS = ("leader", "rank", "score", "likelihood", "fires", "not_fires", "monotone")
TEST_KEYS = ("id", "description", "scenario", "set", "priorities", "risk_aversion", "expect")
SCORE_TOLERANCE = 1e-9  # an exact expected score is met within rounding


@dataclass(frozen=True)
class Expectation:
    """One thing a test expects: kind, what it is about, the expected value, where."""

    kind: str
    subject: str  # option id, rule id, "risk/option" (likelihood), "option/factor" (monotone)
    expected: Any  # option id, rank, (low, high), or a Monotone
    location: Location


@dataclass(frozen=True)
class Monotone:
    """A declared direction: *option*'s score never falls (or never rises) as *factor* grows.

    ``scenarios`` are the scenarios swept: empty means the test's own scenario.  ``span``
    narrows a number factor's sweep to [low, high] (default: the factor's declared bounds).
    """

    option: str
    factor: str
    increasing: bool
    scenarios: tuple[Scenario, ...] = ()
    span: tuple[float, float] | None = None

    @property
    def direction(self) -> str:
        return "increasing" if self.increasing else "decreasing"


@dataclass(frozen=True)
class PackTest:
    id: str
    description: str
    scenario: Scenario
    expectations: tuple[Expectation, ...]
    location: Location


@dataclass(frozen=True)
class Failure:
    """An unmet expectation: the headline (expected vs actual) and the explanation."""

    expectation: Expectation | None
    message: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    test: PackTest
    failures: tuple[Failure, ...]
    fired_rules: frozenset[str] = frozenset()
    fired_risk_rules: frozenset[str] = frozenset()

    @property
    def passed(self) -> bool:
        return not self.failures


@dataclass
class Coverage:
    """Which rules and risk rules fired, and where (test ids or scenario ids)."""

    pack: Pack
    rules: dict[str, list[str]] = field(default_factory=dict)
    risk_rules: dict[str, list[str]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)  # shipped scenarios that failed

    @property
    def total(self) -> int:
        return len(self.pack.rules) + len(self.pack.risk_rules)

    @property
    def fired(self) -> int:
        return sum(1 for r in self.pack.rules if self.rules.get(r.id)) + \
            sum(1 for r in self.pack.risk_rules if self.risk_rules.get(r.id))

    @property
    def percent(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.fired / self.total

    @property
    def never_fired(self) -> list[tuple[str, str, Location]]:
        """(kind, id, location) of every rule and risk rule that never fired."""
        out = [("rule", r.id, r.location) for r in self.pack.rules if not self.rules.get(r.id)]
        out += [("risk rule", r.id, r.location) for r in self.pack.risk_rules
                if not self.risk_rules.get(r.id)]
        return out


@dataclass
class PackTestRun:
    pack: Pack
    files: list[Path]
    outcomes: list[Outcome]
    coverage: Coverage | None = None

    @property
    def failed(self) -> int:
        return sum(1 for o in self.outcomes if not o.passed)
