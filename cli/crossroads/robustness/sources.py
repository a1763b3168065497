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
* **judgement factors**: what the scenario states about its judged factors (the pack's
  ``nature: judged``): a range, drawn like a fact's, or ``p_wrong``, the chance that the
  reading is wrong: a yes/no judgement flipped with that probability, a level moved one
  level down with probability p/2 and up with p/2 (at an end of the scale the move that
  would leave it stays put, so the inward neighbour gets p/2 as anywhere else).  A judged
  factor that states no doubt is held, and listed as such; nothing is varied by default.

Each draw is *default* unless the pack or scenario declared it; the analysis reports the
result with and without the defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from crossroads.core.model import Factor, FactorKind, FactorNature, Pack, Scenario, Uncertainty
from crossroads.robustness.vectorised import FloatArray, Perturbation, VectorScorer

#: Every source, in the order reports list them.
SOURCES = ("weights", "facts", "points", "risks", "risk_aversion", "judgement_factors")
DEFAULT = Uncertainty()
#: Default risk-aversion range, as multiples of the stated value.
RISK_AVERSION_SPAN = (0.5, 2.0)


@dataclass(frozen=True, slots=True)
class Plan:
    """What a run varies: the sources included, and whether defaults apply."""

    sources: frozenset[str]
    defaults: bool = True  # False: only what the pack or scenario declared

    def has(self, source: str) -> bool:
        return source in self.sources


def judgement_factors(pack: Pack, scenario: Scenario) -> list[Factor]:
    """Judged yes/no and level factors whose scenario value states ``p_wrong``."""
    return [f for f in pack.factors.values() if f.nature == FactorNature.JUDGED
            and (given := scenario.factors.get(f.id)) is not None and given.p_wrong is not None]


def held_factors(pack: Pack, scenario: Scenario) -> list[Factor]:
    """Factors that could be in doubt (measured or judged) but are held at one value because
    the scenario states no range and no ``p_wrong`` (or leaves them to the pack default)."""
    return [f for f in pack.factors.values() if f.varies
            and ((given := scenario.factors.get(f.id)) is None or not given.states_doubt)]


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


def level_move_distribution(position: int, levels: int, p_wrong: float) -> dict[int, float]:
    """Where a level judgement at *position* (of *levels*) lands in one draw, as
    {position: probability}: one down with p/2, one up with p/2, else where it is.  A move
    off the scale stays put, so each neighbour gets p/2 wherever the reading sits."""
    out = {position: 1.0 - p_wrong}
    for neighbour in (position - 1, position + 1):
        target = neighbour if 0 <= neighbour < levels else position
        out[target] = out.get(target, 0.0) + p_wrong / 2
    return out


def draw_judgements(rng: np.random.Generator, scenario: Scenario, factors: list[Factor],
                    values: Mapping[str, Any], draws: int) -> dict[str, npt.NDArray[Any]]:
    """Each judged factor with ``p_wrong`` per draw: a yes/no one flipped with probability
    p, a level one moved as :func:`level_move_distribution` says."""
    out: dict[str, npt.NDArray[Any]] = {}
    for factor in factors:
        p_wrong = scenario.factors[factor.id].p_wrong or 0.0
        u = rng.uniform(0.0, 1.0, draws)
        if factor.kind == FactorKind.BOOLEAN:
            out[factor.id] = np.logical_xor(bool(values[factor.id]), u < p_wrong)
            continue
        centre = int(values[factor.id])
        # Inverse CDF over [down, up, stay]: the same distribution the function states.
        down = max(centre - 1, 0)
        up = min(centre + 1, len(factor.labels) - 1)
        out[factor.id] = np.where(u < p_wrong / 2, down,
                                  np.where(u < p_wrong, up, centre)).astype(float)
    return out
