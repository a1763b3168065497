"""Scenario variants for batch tests and benchmarks."""

from __future__ import annotations

import random
from typing import Any

from crossroads.core.model import Pack


def variants(pack: Pack, base: dict[str, Any], count: int, seed: int = 7) -> list[dict[str, Any]]:
    """Scenario variants: every factor drawn across its whole declared range."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        values = dict(base)
        for f in pack.factors.values():
            if f.kind == "number":
                low = f.minimum if f.minimum is not None else 0.0
                high = f.maximum if f.maximum is not None else 1.0
                values[f.id] = rng.uniform(low, high)
            elif f.kind == "level":
                values[f.id] = rng.randrange(len(f.labels))
            elif f.kind == "choice":
                values[f.id] = rng.choice(f.labels)
            else:
                values[f.id] = rng.random() < 0.5
        out.append(values)
    return out
