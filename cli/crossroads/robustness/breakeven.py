"""What would change the answer: one-way ranges with break-even values, weight stability.

Both hold everything else at the scenario's own values.  One-way: a factor moved alone
across its range, scanned on a grid with the array scorer and then pinned down with the
engine itself (bisection to adjacent floats for numbers, the first label for levels), so a
reported break-even is always one the engine's ranking confirms.  Weight stability: with
the facts fixed every score is linear in one weight (the others rescaled proportionally),
so the interval keeping the leader is computed exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from crossroads.core.engine import evaluate
from crossroads.core.inputs import judgement_moves
from crossroads.core.model import Factor, Pack, Scenario
from crossroads.robustness.vectorised import VectorScorer, ranks

GRID = 101  # points of the one-way scan across a number factor's range


@dataclass(frozen=True, slots=True)
class OneWay:
    """One uncertain factor moved alone across its range, everything else at base values."""

    factor: str
    label: str
    kind: str  # number | level | boolean (a judgement factor flipped)
    base: Any
    low: Any
    high: Any
    margin_low: float  # leader's score minus the best other option's, at `low`
    margin_high: float
    break_even: Any | None  # nearest value to `base` at which another option leads
    new_leader: str | None
    last_held: Any | None  # the value next to break_even (toward base) where the leader holds

    @property
    def swing(self) -> float:
        return abs(self.margin_high - self.margin_low)


@dataclass(frozen=True, slots=True)
class WeightInterval:
    """How far one criterion's weight can move (others rescaled) with the same leader."""

    criterion: str
    title: str
    weight: float
    lower: float
    upper: float
    below: str | None  # the option that leads once the weight drops below `lower`
    above: str | None  # ... once it rises above `upper`


def vector_values(pack: Pack, values: Mapping[str, Any]) -> dict[str, Any]:
    """Values for the array scorer: levels as floats, so arithmetic on them matches ints."""
    return {k: float(v) if pack.factors[k].kind == "level" else v for k, v in values.items()}


def leader_at(pack: Pack, values: Mapping[str, Any], weights: Mapping[str, float],
              risk_aversion: float) -> tuple[str, float]:
    """The leading option and its margin over the runner-up, scored by the engine core."""
    ranked = evaluate(pack, values, weights, risk_aversion)
    margin = ranked[0].score - ranked[1].score if len(ranked) > 1 else 0.0
    return ranked[0].id, margin


def margin_of(pack: Pack, values: Mapping[str, Any], weights: Mapping[str, float],
              risk_aversion: float, leader: str) -> float:
    """*leader*'s score minus the best other option's (negative once it is overtaken)."""
    ranked = evaluate(pack, values, weights, risk_aversion)
    mine = next(o.score for o in ranked if o.id == leader)
    others = [o.score for o in ranked if o.id != leader]
    return mine - max(others) if others else 0.0


def one_way_analysis(pack: Pack, scenario: Scenario, values: Mapping[str, Any],
                     weights: Mapping[str, float], risk_aversion: float, leader: str,
                     factor: Factor, scorer: VectorScorer) -> OneWay:
    """Move *factor* alone across its range; find the nearest value where the leader changes."""
    given = scenario.factors[factor.id]
    return _one_way(pack, values, weights, risk_aversion, leader, factor, scorer,
                    (factor.to_internal(given.low), factor.to_internal(given.high)),
                    (given.value, given.low, given.high))


def judgement_one_way(pack: Pack, values: Mapping[str, Any], weights: Mapping[str, float],
                      risk_aversion: float, leader: str, factor: Factor,
                      scorer: VectorScorer) -> OneWay:
    """A judgement factor moved as the draws move it: one level either way, or flipped."""
    now = values[factor.id]
    if factor.kind == "boolean":
        return _one_way(pack, values, weights, risk_aversion, leader, factor, scorer,
                        (False, True), (bool(now), False, True))
    reach = [int(now), *judgement_moves(factor, now)]
    low, high = min(reach), max(reach)
    return _one_way(pack, values, weights, risk_aversion, leader, factor, scorer, (low, high),
                    (factor.labels[int(now)], factor.labels[low], factor.labels[high]))


def _one_way(pack: Pack, values: Mapping[str, Any], weights: Mapping[str, float],
             risk_aversion: float, leader: str, factor: Factor, scorer: VectorScorer,
             internal: tuple[Any, Any], shown: tuple[Any, Any, Any]) -> OneWay:
    """*factor* from internal[0] to internal[1]; *shown* is (base, low, high) as stated."""
    base_internal = values[factor.id]
    low, high = internal

    def with_value(internal: Any) -> dict[str, Any]:
        return {**values, factor.id: internal}

    def margin(internal: Any) -> float:
        return margin_of(pack, with_value(internal), weights, risk_aversion, leader)

    def leads(internal: Any) -> str:
        return leader_at(pack, with_value(internal), weights, risk_aversion)[0]

    if factor.kind == "boolean":
        grid: list[Any] = [False, True]
    elif factor.kind == "level":
        grid = list(range(int(low), int(high) + 1))
    else:
        grid = sorted({*np.linspace(low, high, GRID).tolist(), float(base_internal)})
    grid_leaders = _grid_leaders(scorer, values, weights, risk_aversion, factor.id, grid)
    changed = [i for i, who in enumerate(grid_leaders) if who != leader]
    break_even: Any = None
    new_leader: str | None = None
    last_held: Any = None
    # Nearest change first; each is confirmed by the scalar engine on both sides, so a
    # rounding-level disagreement between the array and scalar paths cannot report a
    # break-even where the engine's own ranking does not change.
    for nearest in sorted(changed, key=lambda i: (abs(grid[i] - base_internal), grid[i])):
        if grid[nearest] == base_internal:
            continue  # a tie at the base value itself: the engine's leader stands
        step = 1 if grid[nearest] < base_internal else -1  # toward the base value
        held, moved = grid[nearest + step], grid[nearest]
        if leads(held) != leader or leads(moved) == leader:
            continue
        if factor.kind == "number":
            held, moved = _bisect(held, moved, lambda v: leads(v) == leader)
        break_even, last_held, new_leader = moved, held, leads(moved)
        break
    to_label = (lambda v: factor.labels[int(v)]) if factor.kind == "level" else (lambda v: v)
    base, shown_low, shown_high = shown
    return OneWay(
        factor=factor.id, label=factor.label, kind=factor.kind, base=base,
        low=shown_low, high=shown_high, margin_low=margin(low), margin_high=margin(high),
        break_even=None if break_even is None else to_label(break_even),
        new_leader=new_leader,
        last_held=None if last_held is None else to_label(last_held),
    )


def _grid_leaders(scorer: VectorScorer, values: Mapping[str, Any],
                  weights: Mapping[str, float], risk_aversion: float, factor_id: str,
                  grid: list[Any]) -> list[str]:
    points = len(grid)
    kind = bool if scorer.pack.factors[factor_id].kind == "boolean" else float
    vector = {**vector_values(scorer.pack, values),
              factor_id: np.asarray(grid, dtype=kind)}
    w = np.broadcast_to(np.array([weights[c] for c in scorer.criterion_ids]),
                        (points, len(scorer.criterion_ids)))
    rank = ranks(scorer.scores(vector, np.ascontiguousarray(w), risk_aversion),
                 scorer.option_ids)
    first = np.argmin(rank, axis=1)
    return [scorer.option_ids[i] for i in first]


def _bisect(held: float, moved: float, holds: Callable[[float], bool],
            iterations: int = 80) -> tuple[float, float]:
    """Narrow [held, moved] to adjacent floats: the leader holds at one end, not the other."""
    for _ in range(iterations):
        middle = (held + moved) / 2
        if middle in (held, moved):
            break
        if holds(middle):
            held = middle
        else:
            moved = middle
    return held, moved


# -- weight stability ----------------------------------------------------------------------

def weight_stability(pack: Pack, values: Mapping[str, Any], weights: Mapping[str, float],
                     risk_aversion: float, leader: str) -> tuple[WeightInterval, ...]:
    """For each criterion, the range of its weight (others rescaled) keeping the leader.

    With facts fixed, every score is linear in one criterion's weight t when the others
    are rescaled by (1 - t) / (1 - w): the bounds are where the leader's line meets
    another option's, computed exactly rather than searched.
    """
    ranked = evaluate(pack, values, weights, risk_aversion)
    ids = sorted(o.id for o in ranked)
    out = []
    for criterion in pack.criteria.values():
        w = weights[criterion.id]
        if w >= 1.0 - 1e-12 or len(ranked) < 2:
            out.append(WeightInterval(criterion.id, criterion.title, w, 0.0 if w < 1 else w,
                                      1.0, None, None))
            continue
        at0 = _scores_at(pack, values, weights, risk_aversion, criterion.id, 0.0)
        at1 = _scores_at(pack, values, weights, risk_aversion, criterion.id, 1.0)
        lower, upper = 0.0, 1.0
        below: str | None = None
        above: str | None = None
        for other in ids:
            if other == leader:
                continue
            d0 = at0[leader] - at0[other]
            slope = (at1[leader] - at1[other]) - d0
            if slope == 0:
                continue
            root = -d0 / slope
            # Rising advantage: the other option wins below the root; falling: above it.
            # Options are visited in id order, so on equal roots the first id is named.
            if slope > 0 and lower < root <= w + 1e-12:
                lower, below = root, other
            elif slope < 0 and w - 1e-12 <= root < upper:
                upper, above = root, other
        out.append(WeightInterval(criterion.id, criterion.title, w, max(0.0, lower),
                                  min(1.0, upper), below, above))
    return tuple(out)


def rescaled_weights(weights: Mapping[str, float], criterion: str, value: float
                     ) -> dict[str, float]:
    """*criterion* set to *value*, the other weights scaled to share the rest proportionally."""
    rest = 1.0 - weights[criterion]
    factor = (1.0 - value) / rest
    return {c: value if c == criterion else w * factor for c, w in weights.items()}


def _scores_at(pack: Pack, values: Mapping[str, Any], weights: Mapping[str, float],
               risk_aversion: float, criterion: str, value: float) -> dict[str, float]:
    ranked = evaluate(pack, values, rescaled_weights(weights, criterion, value), risk_aversion)
    return {o.id: o.score for o in ranked}


# -- risk aversion -------------------------------------------------------------------------

RISK_AVERSION = "risk_aversion"


def risk_aversion_one_way(pack: Pack, values: Mapping[str, Any], weights: Mapping[str, float],
                          stated: float, leader: str, low: float, high: float) -> OneWay:
    """Risk aversion moved alone across [low, high]: margins and the nearest break-even.

    Every score is linear in the risk aversion (benefit − aversion × risk), so each other option
    meets the leader at most once, at aversion = Δbenefit / Δrisk; the nearest such crossing that
    changes the engine's leader is pinned down by bisection to adjacent floats.
    """
    ranked = evaluate(pack, values, weights, stated)
    mine = next(o for o in ranked if o.id == leader)
    roots = sorted(
        (mine.benefit - o.benefit) / (mine.risk - o.risk) for o in ranked
        if o.id != leader and mine.risk != o.risk)

    def leads(rho: float) -> str:
        return leader_at(pack, values, weights, rho)[0]

    break_even: float | None = None
    last_held: float | None = None
    new_leader: str | None = None
    for root in sorted((r for r in roots if low <= r <= high and r != stated),
                       key=lambda r: abs(r - stated)):
        step = 1e-9 * max(1.0, abs(root))
        moved = root + step if root > stated else root - step
        if not low <= moved <= high or leads(moved) == leader:
            continue
        held, moved = _bisect(stated, moved, lambda v: leads(v) == leader)
        break_even, last_held, new_leader = moved, held, leads(moved)
        break
    return OneWay(
        factor=RISK_AVERSION, label="Risk aversion", kind="number", base=stated, low=low,
        high=high, margin_low=margin_of(pack, values, weights, low, leader),
        margin_high=margin_of(pack, values, weights, high, leader), break_even=break_even,
        new_leader=new_leader, last_held=last_held)
