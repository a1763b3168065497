"""How many draws a run may hold, sized from the pack before anything is allocated.

A pack handed over may have thousands of options: at a fixed chunk of draws, the
(options x criteria x draws) arrays of one chunk grew to many GiB.  The chunk is sized so
those arrays stay within a quarter of the budget, and a number of draws whose inputs
(kept for every draw: weights, factor values, perturbations, scores) would not fit is
refused with the largest count that does, before a single array is made.
"""

from __future__ import annotations

from crossroads.core.errors import InputError
from crossroads.core.model import Pack

MAX_CHUNK = 2_500  # draws evaluated together at most; fewer when the pack is large
# Bytes a run's arrays may hold at once: the inputs drawn for every draw, and one chunk's
# (options x criteria x draws) arrays.  Sized from the pack before anything is allocated.
MEMORY_BUDGET = 1 << 30


def _floats_per_draw(pack: Pack) -> int:
    """Floats a run keeps for every draw: weights, factor values, perturbations, scores."""
    return (2 * len(pack.criteria) + len(pack.factors) + len(pack.rules)
            + 2 * len(pack.risk_rules) + 4 * len(pack.options) + 8)


def chunk_size(pack: Pack) -> int:
    """Draws scored together: MAX_CHUNK, or fewer so one chunk's (options x criteria) arrays
    (performance, capped, contributions) stay within a quarter of the budget."""
    per_draw = 8 * 4 * max(1, len(pack.options) * len(pack.criteria) + len(pack.rules))
    return max(1, min(MAX_CHUNK, MEMORY_BUDGET // 4 // per_draw))


def check_memory(pack: Pack, draws: int) -> None:
    """Refuse, before allocating, a number of draws whose inputs would not fit the budget."""
    per_draw = 8 * _floats_per_draw(pack)
    if draws * per_draw > MEMORY_BUDGET // 2:
        most = MEMORY_BUDGET // 2 // per_draw
        raise InputError.single("--draws", f"{draws:,} draws of pack {pack.id!r} would hold "
                                f"about {draws * per_draw / 2**30:.1f} GiB of drawn inputs, "
                                f"more than a run may use ({MEMORY_BUDGET / 2**31:.1f} GiB)",
                                f"use --draws {most:,} or fewer")
