"""Sources of uncertainty a robustness run can vary, and how each one is drawn.

Besides the weights and the facts with a range (see :mod:`analysis`), a recommendation
rests on numbers the pack and the scenario state without a range:

* **points**: every rule's points, ×U(1 - u, 1 + u), u from the rule's ``uncertainty:``
  else the pack's ``uncertainty: {points: ...}`` else :data:`DEFAULT` (0.3);
* **risks**: every risk rule's likelihood ×U(1 - u, 1 + u) (capped at 1), u per rule or
  the pack's ``likelihood`` (default 0.3), and every risk event's impact ×U(1 - u, 1 + u),
  u the pack's ``impact`` (default 0.2);
* **risk aversion**: log-uniform over the scenario's ``risk_aversion_range``, else the
  pack's ``uncertainty: {risk_aversion: [low, high]}``, else half to twice the stated value;
* **judgement factors**: level factors the scenario states without a range and without a
  cited source (or leaves to the pack default) move by one level either way, uniformly
  over the value and its neighbours; boolean factors without a cited source flip with
  probability :data:`BOOLEAN_FLIP` (1/3, what a level at the end of its scale gets: it
  stays, or moves to its one neighbour, or would move off the scale and stays).  They
  are flagged as such in every report.

Each draw is *default* unless the pack or scenario declared it; the analysis reports the
result with and without the defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from crossroads.core.inputs import is_judgement
from crossroads.core.model import Factor, FactorKind, Pack, Scenario, Uncertainty
from crossroads.robustness.vectorised import FloatArray, Perturbation, VectorScorer

#: Every source, in the order reports list them.
SOURCES = ("weights", "facts", "points", "risks", "risk_aversion", "judgement_factors")
DEFAULT = Uncertainty()
#: Default risk-aversion range, as multiples of the stated value.
RISK_AVERSION_SPAN = (0.5, 2.0)
#: Probability that a boolean judgement factor is flipped in one draw (documented default).
BOOLEAN_FLIP = 1 / 3


@dataclass(frozen=True, slots=True)
class Plan:
    """What a run varies: the sources included, and whether defaults apply."""

    sources: frozenset[str]
    defaults: bool = True  # False: only what the pack or scenario declared

    def has(self, source: str) -> bool:
        return source in self.sources


def judgement_factors(pack: Pack, scenario: Scenario) -> list[Factor]:
    """Level and boolean factors held at one value on the analyst's word."""
    return [f for f in pack.factors.values() if is_judgement(f, scenario)]


def risk_aversion_range(pack: Pack, scenario: Scenario, stated: float
                        ) -> tuple[tuple[float, float], bool]:
    """The range drawn for risk aversion and whether the files declared it."""
    if scenario.risk_aversion_range is not None:
        return scenario.risk_aversion_range, True
    if pack.uncertainty.risk_aversion is not None:
        return pack.uncertainty.risk_aversion, True
    low, high = RISK_AVERSION_SPAN
    return (stated * low, stated * high), False


def _relative(rng: np.random.Generator, spreads: list[float], draws: int) -> FloatArray:
    spread = np.asarray(spreads, dtype=float)[:, None]
    return np.asarray(1.0 + spread * rng.uniform(-1.0, 1.0, (len(spreads), draws)))


def draw_perturbation(rng: np.random.Generator, pack: Pack, scenario: Scenario,
                      scorer: VectorScorer, risk_aversion: float, draws: int, plan: Plan
                      ) -> Perturbation:
    """Multipliers for points, likelihoods, impacts and the risk aversion per draw.

    Arrays are drawn in a fixed order whatever the plan, so that adding a source never
    changes the draws of another one (common random numbers across runs).
    """
    declared = pack.uncertainty.declared
    points_default = "points" in declared
    point_spreads = [
        r.uncertainty if r.uncertainty is not None else
        pack.uncertainty.points if (plan.defaults or points_default) else 0.0
        for r in pack.rules]
    likelihood_spreads = [
        r.uncertainty if r.uncertainty is not None else
        pack.uncertainty.likelihood if (plan.defaults or "likelihood" in declared) else 0.0
        for r in pack.risk_rules]
    impact_spread = pack.uncertainty.impact if (plan.defaults or "impact" in declared) else 0.0
    points = _relative(rng, point_spreads, draws)
    likelihood = _relative(rng, likelihood_spreads, draws)
    impact = _relative(rng, [impact_spread] * len(scorer.event_kinds), draws)
    (low, high), ra_declared = risk_aversion_range(pack, scenario, risk_aversion)
    if low > 0:
        drawn_ra = np.exp(rng.uniform(np.log(low), np.log(high), draws))
    else:
        drawn_ra = rng.uniform(low, high, draws)
    return Perturbation(
        points=points if plan.has("points") else None,
        likelihood=likelihood if plan.has("risks") else None,
        impact=impact if plan.has("risks") else None,
        risk_aversion=drawn_ra if plan.has("risk_aversion") and (plan.defaults or ra_declared)
        and high > low else None)


def draw_judgements(rng: np.random.Generator, factors: list[Factor], values: Mapping[str, Any],
                    draws: int) -> dict[str, npt.NDArray[Any]]:
    """Each judgement factor at its level or one either side (clipped to its labels); each
    boolean one flipped with probability :data:`BOOLEAN_FLIP`."""
    out: dict[str, npt.NDArray[Any]] = {}
    for factor in factors:
        if factor.kind == FactorKind.BOOLEAN:
            flip = rng.uniform(0.0, 1.0, draws) < BOOLEAN_FLIP
            out[factor.id] = np.logical_xor(bool(values[factor.id]), flip)
            continue
        centre = int(values[factor.id])
        steps = rng.integers(-1, 2, draws)
        out[factor.id] = np.clip(centre + steps, 0, len(factor.labels) - 1).astype(float)
    return out
