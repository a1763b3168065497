"""Draws that respect the pack's constraints: inconsistent draws are drawn again.

A pack's constraints say which facts cannot hold together (a neutral state inside a
military alliance; trade shares adding up to more than the whole).  Varying facts and
judgements independently can produce such combinations; scoring them would weigh worlds
the pack itself calls impossible.  So every draw that breaks a constraint is drawn again
(from the same random streams, so the run stays reproducible), up to :data:`ROUNDS`
times; a draw still inconsistent after that takes the scenario's own values for the
varied factors, which satisfy every constraint they are checked against.  Constraints
the scenario's own values already break (a warning when it is scored) cannot guide the
draws and are not enforced.  The share of draws drawn again is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from crossroads.core.constraints import broken_constraints
from crossroads.core.expr_vector import compile_vector
from crossroads.core.model import Pack

#: Rounds of redrawing before a draw falls back to the scenario's own values.
ROUNDS = 50

BoolArray = npt.NDArray[np.bool_]
#: Fresh values of the varied factors for *count* draws.
Redraw = Callable[[int], dict[str, npt.NDArray[Any]]]


@dataclass(frozen=True, slots=True)
class Consistency:
    """How the draws were kept consistent with the pack's constraints."""

    redrawn: float  # share of draws that broke a constraint and were drawn again
    fallback: float  # share still inconsistent after ROUNDS, set to the stated values
    enforced: tuple[str, ...]  # ids of the constraints the draws were held to
    not_enforced: tuple[str, ...]  # ids the scenario's own values break


class ConstraintCheck:
    """The pack's constraints compiled once, evaluated over all draws together."""

    def __init__(self, pack: Pack, base: Mapping[str, Any]) -> None:
        broken = {c.id for c in broken_constraints(pack, base)}
        self.enforced = tuple(c for c in pack.constraints if c.id not in broken)
        self.not_enforced = tuple(c.id for c in pack.constraints if c.id in broken)
        self._checks = [compile_vector(c.when, pack.factors) for c in self.enforced]

    def broken(self, values: Mapping[str, Any], draws: int) -> BoolArray:
        """Which draws break at least one enforced constraint."""
        out = np.zeros(draws, dtype=bool)
        with np.errstate(all="ignore"):
            for check in self._checks:
                holds = np.broadcast_to(np.asarray(check(values), dtype=bool), (draws,))
                out |= ~holds
        return out

    def enforce(self, values: dict[str, Any], varied: Mapping[str, Any], draws: int,
                redraw: Redraw) -> Consistency:
        """Redraw, in place in *values*, every draw that breaks an enforced constraint.

        *varied* maps each drawn factor to its stated (internal) value, the fallback.
        """
        bad = self.broken(values, draws) if varied else np.zeros(draws, dtype=bool)
        ever = bad.copy()
        for _ in range(ROUNDS):
            count = int(bad.sum())
            if count == 0:
                break
            fresh = redraw(count)
            for name, drawn in fresh.items():
                values[name] = np.array(values[name], copy=True)
                values[name][bad] = drawn
            bad = self.broken(values, draws)
            ever |= bad
        for name, stated in varied.items():
            if bad.any():
                values[name] = np.array(values[name], copy=True)
                values[name][bad] = stated
        return Consistency(float(ever.sum()) / draws if draws else 0.0,
                           float(bad.sum()) / draws if draws else 0.0,
                           tuple(c.id for c in self.enforced), self.not_enforced)
