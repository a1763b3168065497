"""Score many draws of one scenario at once with numpy: the engine's arithmetic, vectorised.

:func:`crossroads.core.engine.evaluate` explains one scenario; sensitivity runs need only the
scores of thousands of variants.  :class:`VectorScorer` compiles each rule expression once
in vector mode and evaluates it over all draws together, then builds the (options x
criteria x draws) performance array, applies the criterion scales (caps and value per
point), the drawn weights and the risk events.  It must agree with ``engine.score`` to
rounding (tests check 1e-9).  A :class:`Perturbation` multiplies rule points, likelihoods,
impacts and risk aversion per draw, for the robustness analysis's other uncertainty sources.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from crossroads.core.errors import EvaluationError, Problem
from crossroads.core.expr import Expr
from crossroads.core.expr_vector import compile_vector
from crossroads.core.model import Pack
from crossroads.core.risk import event_plan
from crossroads.core.values import risk_unit, value_per_point

FloatArray = npt.NDArray[np.float64]
VectorFn = Callable[[Mapping[str, Any]], Any]


@dataclass(frozen=True, slots=True)
class _VEffect:
    option: int
    criterion: int
    points: VectorFn
    expr: Expr


@dataclass(frozen=True, slots=True)
class _VRule:
    id: str
    when: VectorFn | None
    effects: tuple[_VEffect, ...]


@dataclass(frozen=True, slots=True)
class _VRiskRule:
    id: str
    when: VectorFn | None
    likelihood: VectorFn
    expr: Expr
    impact: int


@dataclass(frozen=True)
class Perturbation:
    """Per-draw multipliers (None: not varied); see :meth:`VectorScorer.scores`."""

    points: FloatArray | None = None  # (rules, draws), in pack rule order
    likelihood: FloatArray | None = None  # (risk rules, draws), in pack order
    impact: FloatArray | None = None  # (event kinds, draws), in ``VectorScorer.event_kinds``
    risk_aversion: FloatArray | None = None  # (draws,): the risk aversion itself


class VectorScorer:
    """Scores of every option for a batch of factor values and weight vectors."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.option_ids = list(pack.options)
        self.criterion_ids = list(pack.criteria)
        option_index = {o: i for i, o in enumerate(self.option_ids)}
        criterion_index = {c: i for i, c in enumerate(self.criterion_ids)}
        factors = pack.factors
        self.rules = tuple(
            _VRule(rule.id, compile_vector(rule.when, factors) if rule.when else None,
                   tuple(_VEffect(option_index[e.option], criterion_index[e.criterion],
                                  compile_vector(e.points, factors), e.points)
                         for e in rule.effects))
            for rule in pack.rules)
        self.risk_rules = tuple(
            _VRiskRule(rr.id, compile_vector(rr.when, factors) if rr.when else None,
                       compile_vector(rr.likelihood, factors), rr.likelihood, rr.impact)
            for rr in pack.risk_rules)
        rule_index = {rr.id: i for i, rr in enumerate(pack.risk_rules)}
        plan = event_plan(pack)
        #: Every (risk, impact) pair some option faces: what an impact multiplier varies.
        self.event_kinds = sorted({(e.risk, e.impact) for events in plan.values()
                                   for e in events})
        kind_index = {k: i for i, k in enumerate(self.event_kinds)}
        # Per option: (event kind index, impact, groups of risk-rule indices).
        self.events = [
            [(kind_index[(e.risk, e.impact)], e.impact,
              [[rule_index[r] for r in group] for group in e.groups]) for e in plan[o]]
            for o in self.option_ids]
        self.scale_min = np.array([c.scale_min for c in pack.criteria.values()])
        self.scale_max = np.array([c.scale_max for c in pack.criteria.values()])
        self.per_point = np.array([value_per_point(c) for c in pack.criteria.values()])
        self.risk_unit = risk_unit(pack)

    def performance(self, values: Mapping[str, Any], draws: int,
                    multipliers: FloatArray | None = None) -> FloatArray:
        """Capped performance in points, shape (options, criteria, draws)."""
        perf = np.zeros((len(self.option_ids), len(self.criterion_ids), draws))
        for index in range(len(self.rules)):
            for option, criterion, points in self.rule_points(index, values, draws,
                                                              multipliers):
                perf[option, criterion] += points
        return self.capped(perf)

    def rule_points(self, index: int, values: Mapping[str, Any], draws: int,
                    multipliers: FloatArray | None = None, *, force: bool = False
                    ) -> list[tuple[int, int, FloatArray]]:
        """What rule *index* adds, as (option, criterion, points per draw) before the caps;
        *force*: as if its condition held in every draw."""
        rule = self.rules[index]
        fired = np.ones(draws, dtype=bool) if force else _mask(rule.when, values, draws)
        if not fired.any():
            return []
        out = []
        with np.errstate(all="ignore"):
            for effect in rule.effects:
                points = np.broadcast_to(np.asarray(effect.points(values), dtype=float),
                                         (draws,))
                bad = fired & ~np.isfinite(points)
                if bad.any():
                    raise _failure(effect.expr, rule.id, "points", "result is not finite "
                                   + self._example(values, bad))
                if multipliers is not None:
                    points = points * multipliers[index]
                out.append((effect.option, effect.criterion, np.where(fired, points, 0.0)))
        return out

    def expected_risk(self, values: Mapping[str, Any], draws: int,
                      perturbation: Perturbation | None = None) -> FloatArray:
        """Each option's summed expected disvalue (risk aversion 1), shape (options, draws)."""
        fired = [self.fired_likelihood(i, values, draws, perturbation)
                 for i in range(len(self.risk_rules))]
        return self.combine_risks(fired, draws, perturbation)

    def fired_likelihood(self, index: int, values: Mapping[str, Any], draws: int,
                         perturbation: Perturbation | None = None, *, force: bool = False
                         ) -> FloatArray:
        """Risk rule *index*'s likelihood per draw, 0 where its condition does not hold;
        *force*: as if it held in every draw."""
        rr = self.risk_rules[index]
        with np.errstate(all="ignore"):
            fired = np.ones(draws, dtype=bool) if force else _mask(rr.when, values, draws)
            likelihood = np.broadcast_to(
                np.asarray(rr.likelihood(values), dtype=float), (draws,))
            bad = fired & ~((likelihood >= 0.0) & (likelihood <= 1.0))
            if bad.any():
                raise _failure(rr.expr, rr.id, "likelihood", "likelihood is outside "
                               "[0, 1] " + self._example(values, bad))
            if perturbation is not None and perturbation.likelihood is not None:
                likelihood = np.minimum(likelihood * perturbation.likelihood[index], 1.0)
            return np.asarray(np.where(fired, likelihood, 0.0))

    def combine_risks(self, fired_likelihood: list[FloatArray], draws: int,
                      perturbation: Perturbation | None = None) -> FloatArray:
        """Each option's expected disvalue from the risk rules' fired likelihoods: the
        largest within a group, noisy-OR across groups (see :mod:`crossroads.core.risk`)."""
        impacts = None if perturbation is None else perturbation.impact
        total = np.zeros((len(self.option_ids), draws))
        for o, events in enumerate(self.events):
            for kind, impact, groups in events:
                stay_clear = np.ones(draws)
                for group in groups:
                    largest = fired_likelihood[group[0]]
                    for rule in group[1:]:
                        largest = np.maximum(largest, fired_likelihood[rule])
                    stay_clear = stay_clear * (1.0 - largest)
                cost = impact * self.risk_unit
                total[o] += (1.0 - stay_clear) * (cost if impacts is None
                                                  else cost * impacts[kind])
        return total

    def _example(self, values: Mapping[str, Any], bad: npt.NDArray[np.bool_]) -> str:
        """The drawn values of the first failing draw, as the user wrote them."""
        first = int(np.argmax(bad))
        shown = []
        for name, value in values.items():
            if isinstance(value, np.ndarray) and value.ndim == 1 and value.shape == bad.shape:
                factor = self.pack.factors[name]
                drawn = value[first]
                text = factor.labels[int(drawn)] if factor.kind == "level" else f"{drawn:.6g}"
                shown.append(f"{name} = {text}")
        return f"(e.g. at {', '.join(shown)})" if shown else ""

    def scores(self, values: Mapping[str, Any], weights: FloatArray,
               risk_aversion: float, perturbation: Perturbation | None = None) -> FloatArray:
        """Scores, shape (draws, options); *weights* has shape (draws, criteria).

        A *perturbation* (arrays over these draws) multiplies points, likelihoods and
        impacts and replaces the risk aversion draw by draw.
        """
        draws = weights.shape[0]
        perf = self.performance(values, draws,
                                None if perturbation is None else perturbation.points)
        risk = self.expected_risk(values, draws, perturbation)
        return self.combine(perf, risk, weights, risk_aversion, perturbation)

    def combine(self, performance: FloatArray, risk: FloatArray, weights: FloatArray,
                risk_aversion: float, perturbation: Perturbation | None = None) -> FloatArray:
        """Scores (draws, options) from capped performance (options, criteria, draws) and
        expected disvalue (options, draws)."""
        value = performance * self.per_point[None, :, None]
        benefit: FloatArray = np.einsum("ocd,dc->do", value, weights)
        if perturbation is not None and perturbation.risk_aversion is not None:
            return benefit - perturbation.risk_aversion[:, None] * risk.T
        return benefit - risk_aversion * risk.T

    def capped(self, raw: FloatArray) -> FloatArray:
        """Raw summed points (options, criteria, draws) capped to each criterion's scale."""
        return np.clip(raw, self.scale_min[None, :, None], self.scale_max[None, :, None])


def ranks(scores: FloatArray, option_ids: list[str]) -> npt.NDArray[np.intp]:
    """Rank of each option (0 = first) per draw; ties broken by option id like the engine."""
    by_id = sorted(range(len(option_ids)), key=lambda i: option_ids[i])
    order = np.argsort(-scores[:, by_id], axis=1, kind="stable")
    positions = np.asarray(by_id)[order]  # option index at each rank
    out = np.empty_like(positions)
    rows = np.arange(scores.shape[0])[:, None]
    out[rows, positions] = np.arange(len(option_ids))[None, :]
    return out


def _mask(when: VectorFn | None, values: Mapping[str, Any], draws: int
          ) -> npt.NDArray[np.bool_]:
    if when is None:
        return np.ones(draws, dtype=bool)
    return np.broadcast_to(np.asarray(when(values), dtype=bool), (draws,))


def _failure(expr: Expr, rule: str, part: str, why: str) -> EvaluationError:
    return EvaluationError([Problem(
        expr.location, f"rule {rule!r}: {part} `{expr.text}` failed in a sensitivity draw: {why}",
        "guard the expression (e.g. `x / max(y, 0.01)`) or narrow the factor's range")])
