"""Sample points of a box, for conditions that interval arithmetic cannot decide.

Corners and midpoints of every used factor's domain come first (where rule thresholds
usually bite), then seeded random draws, so a verdict reached by sampling is reproducible.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterator, Mapping
from typing import Any

from crossroads.authoring.domains import Box, Domain, Interval
from crossroads.core.model import Factor

RANDOM_SAMPLES = 200
MAX_CORNERS = 512
UNBOUNDED_PROBE = 1e6  # stand-in for an infinite bound when sampling


def sample_points(box: Box, factors: Mapping[str, Factor], used: frozenset[str]
                  ) -> Iterator[dict[str, Any]]:
    """Corner, middle and seeded random points of *box* over the factors in *used*."""
    names = sorted(used)
    choices = {name: _candidates(box.domain(factors[name])) for name in names}
    corners = itertools.islice(itertools.product(*(choices[n] for n in names)), MAX_CORNERS)
    for combo in corners:
        yield dict(zip(names, combo, strict=True))
    rng = random.Random(20251127)
    for _ in range(RANDOM_SAMPLES):
        yield {name: _draw(box.domain(factors[name]), rng) for name in names}


def _finite_bounds(domain: Interval) -> tuple[float, float]:
    lo = domain.lo if math.isfinite(domain.lo) else min(-UNBOUNDED_PROBE, domain.hi - 1)
    hi = domain.hi if math.isfinite(domain.hi) else max(UNBOUNDED_PROBE, domain.lo + 1)
    return lo, hi


def _candidates(domain: Domain) -> list[Any]:
    if not isinstance(domain, Interval):
        return sorted(domain, key=repr)
    if domain.empty:
        return []
    lo, hi = _finite_bounds(domain)
    span = hi - lo
    nudge = span * 1e-9 if span > 0 else 0.0
    points = [lo + nudge if domain.lo_open else lo, (lo + hi) / 2,
              hi - nudge if domain.hi_open else hi]
    if lo < 0 < hi:
        points.append(0.0)
    return [p for p in dict.fromkeys(points) if p not in domain.excluded]


def _draw(domain: Domain, rng: random.Random) -> Any:
    if not isinstance(domain, Interval):
        return rng.choice(sorted(domain, key=repr)) if domain else None
    lo, hi = _finite_bounds(domain)
    return rng.uniform(lo, hi)


def describe_values(values: Mapping[str, Any], factors: Mapping[str, Factor]) -> str:
    """``x = 0.9, pressure = 'high'``: sample values as an author writes them."""
    parts = []
    for name in sorted(values):
        factor, value = factors[name], values[name]
        if factor.kind == "level":
            shown = repr(factor.labels[value])
        elif factor.kind == "number":
            shown = f"{value:.4g}"
        elif factor.kind == "boolean":
            shown = str(value).lower()
        else:
            shown = repr(value)
        parts.append(f"{name} = {shown}")
    return ", ".join(parts)
