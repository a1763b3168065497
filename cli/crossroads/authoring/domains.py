"""Factor domains for static analysis: intervals of reals, label sets, and boxes.

A *domain* is every value a factor may take in the form rules see: an :class:`Interval`
for a number factor, a set of labels (levels as their order) for the other kinds.  A
:class:`Box` gives some factors a narrower domain; a union of boxes is how the linter
describes where a condition can hold (built in :mod:`crossroads.authoring.conditions`).
"""

from __future__ import annotations

import ast
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from crossroads.core.model import Factor

INF = math.inf


@dataclass(frozen=True)
class Interval:
    """A set of reals: [lo, hi] with optionally open ends and a few excluded points."""

    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False
    excluded: frozenset[float] = frozenset()

    @classmethod
    def point(cls, value: float) -> Interval:
        return cls(value, value)

    @classmethod
    def everything(cls) -> Interval:
        return cls(-INF, INF)

    @property
    def empty(self) -> bool:
        if self.lo > self.hi or math.isnan(self.lo) or math.isnan(self.hi):
            return True
        if self.lo == self.hi:
            return self.lo_open or self.hi_open or self.lo in self.excluded
        return False

    def intersect(self, other: Interval) -> Interval:
        if self.lo > other.lo or (self.lo == other.lo and self.lo_open):
            lo, lo_open = self.lo, self.lo_open
        else:
            lo, lo_open = other.lo, other.lo_open
        if self.hi < other.hi or (self.hi == other.hi and self.hi_open):
            hi, hi_open = self.hi, self.hi_open
        else:
            hi, hi_open = other.hi, other.hi_open
        return Interval(lo, hi, lo_open, hi_open, self.excluded | other.excluded)

    def union_hull(self, other: Interval) -> Interval:
        """The smallest interval holding both (used where a union need not be exact)."""
        return Interval(min(self.lo, other.lo), max(self.hi, other.hi))

    def within(self, lo: float, hi: float) -> bool:
        return lo <= self.lo and self.hi <= hi

    def key(self) -> tuple[Any, ...]:
        return (self.lo, self.hi, self.lo_open, self.hi_open, tuple(sorted(self.excluded)))

    def __str__(self) -> str:
        return f"[{_fmt(self.lo)}, {_fmt(self.hi)}]"


def _fmt(value: float) -> str:
    return "-inf" if value == -INF else "inf" if value == INF else f"{value:.4g}"



# -- factor domains ----------------------------------------------------------------------

Domain = Interval | frozenset[Any]


def full_domain(factor: Factor) -> Domain:
    """Every value a factor may take, in the form rules see (levels as their order)."""
    if factor.kind == "number":
        lo = -INF if factor.minimum is None else factor.minimum
        hi = INF if factor.maximum is None else factor.maximum
        return Interval(lo, hi)
    if factor.kind == "level":
        return frozenset(range(len(factor.labels)))
    if factor.kind == "choice":
        return frozenset(factor.labels)
    return frozenset({True, False})


def _intersect(a: Domain, b: Domain) -> Domain:
    if isinstance(a, Interval) and isinstance(b, Interval):
        return a.intersect(b)
    assert isinstance(a, frozenset) and isinstance(b, frozenset)
    return a & b


def _is_empty(domain: Domain) -> bool:
    return domain.empty if isinstance(domain, Interval) else not domain


@dataclass(frozen=True)
class Atom:
    """A comparison the boxes cannot express, with the truth value the box requires."""

    node: ast.expr
    positive: bool


@dataclass(frozen=True)
class Box:
    """Factor → allowed values (absent = unconstrained), plus undecided atoms."""

    domains: Mapping[str, Domain] = field(default_factory=dict)
    atoms: tuple[Atom, ...] = ()

    def meet(self, other: Box) -> Box:
        merged = dict(self.domains)
        for name, domain in other.domains.items():
            merged[name] = _intersect(merged[name], domain) if name in merged else domain
        return Box(merged, self.atoms + other.atoms)

    def is_empty(self) -> bool:
        return any(_is_empty(d) for d in self.domains.values())

    def domain(self, factor: Factor) -> Domain:
        whole = full_domain(factor)
        own = self.domains.get(factor.id)
        return whole if own is None else _intersect(whole, own)



def box_key(boxes: list[Box] | tuple[Box, ...], factors: Mapping[str, Factor]) -> Any:
    """A canonical form of a union of atom-free boxes (for spotting equal conditions)."""
    keys = []
    for box in boxes:
        parts = []
        for name in sorted(box.domains):
            domain = box.domain(factors[name])
            if domain == full_domain(factors[name]):
                continue
            parts.append((name, domain.key() if isinstance(domain, Interval)
                          else tuple(sorted(domain, key=repr))))
        keys.append(tuple(parts))
    return frozenset(keys)
