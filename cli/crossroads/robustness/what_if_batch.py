"""Many one-change variants of one set of draws, scored without starting again.

The key assumptions check asks, for a hundred or so single changes (a rule removed, a fact
at the end of its range, a judgement one level up), which option then comes first over
the same draws.  Scoring each variant from scratch would evaluate every rule again; but a
change touches only the rules that read the factor moved (or the one rule removed).  So
:class:`DrawBatch` keeps each rule's points and each risk trigger's fired likelihood per
draw, and a variant recomputes only what it touches, then caps, weighs and combines the
risks as :class:`~crossroads.robustness.vectorised.VectorScorer` does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from crossroads.robustness.vectorised import FloatArray, Perturbation, VectorScorer

Parts = list[tuple[int, int, FloatArray]]


class DrawBatch:
    """One set of draws (factor values, weights, perturbation) and its per-rule parts."""

    def __init__(self, scorer: VectorScorer, values: Mapping[str, Any], weights: FloatArray,
                 risk_aversion: float, perturbation: Perturbation | None = None) -> None:
        self.scorer, self.values, self.weights = scorer, dict(values), weights
        self.risk_aversion, self.perturbation = risk_aversion, perturbation
        self.draws = weights.shape[0]
        self._multipliers = None if perturbation is None else perturbation.points
        self.parts: list[Parts] = [self._rule_parts(i, self.values)
                                   for i in range(len(scorer.rules))]
        self.raw = np.zeros((len(scorer.option_ids), len(scorer.criterion_ids), self.draws))
        for parts in self.parts:
            _add(self.raw, parts, 1.0)
        self.fired = [scorer.fired_likelihood(i, self.values, self.draws, perturbation)
                      for i in range(len(scorer.risk_rules))]
        # The batch's own scores in parts, so that a variant recomputes only the cells
        # (option, criterion) and the risks it touches.
        self._capped = scorer.capped(self.raw)
        self._risk = scorer.combine_risks(self.fired, self.draws, perturbation)
        self._worth = scorer.per_point[None, :] * weights  # value of a point, (draws, criteria)
        self._scores = scorer.combine(self._capped, self._risk, weights, risk_aversion,
                                      perturbation)
        pack = scorer.pack
        self._rules_reading = _readers(
            pack.factors, [(r.when, *(e.points for e in r.effects)) for r in pack.rules])
        self._risk_rules_reading = _readers(
            pack.factors, [(r.when, r.likelihood) for r in pack.risk_rules])

    def _rule_parts(self, index: int, values: Mapping[str, Any], force: bool = False) -> Parts:
        return self.scorer.rule_points(index, values, self.draws, self._multipliers,
                                       force=force)

    def fires(self, index: int) -> bool:
        """Whether rule *index* adds anything in any draw."""
        return bool(self.parts[index])

    def triggers(self, index: int) -> bool:
        """Whether risk rule *index* has a likelihood above zero in any draw."""
        return bool(self.fired[index].any())

    def scores(self) -> FloatArray:
        """Scores (draws, options) of the batch as drawn."""
        return self._scores

    def _variant(self, changed: Parts, fired: list[FloatArray] | None = None) -> FloatArray:
        """Scores with *changed* raw points added (option, criterion, delta per draw) and,
        if given, the risk rules' fired likelihoods replaced."""
        scores = self._scores.copy()
        deltas: dict[tuple[int, int], FloatArray] = {}
        for option, criterion, delta in changed:
            key = (option, criterion)
            deltas[key] = deltas[key] + delta if key in deltas else delta
        scorer = self.scorer
        for (option, criterion), delta in deltas.items():
            capped = np.clip(self.raw[option, criterion] + delta, scorer.scale_min[criterion],
                             scorer.scale_max[criterion])
            scores[:, option] += (capped - self._capped[option, criterion]) * \
                self._worth[:, criterion]
        if fired is not None:
            risk = scorer.combine_risks(fired, self.draws, self.perturbation)
            aversion: Any = (self.risk_aversion if self.perturbation is None
                             or self.perturbation.risk_aversion is None
                             else self.perturbation.risk_aversion[:, None])
            scores -= aversion * (risk - self._risk).T
        return scores

    def without_rule(self, index: int) -> FloatArray:
        return self._variant(_negated(self.parts[index]))

    def with_rule_forced(self, index: int) -> FloatArray:
        """As if rule *index*'s condition held in every draw."""
        return self._variant([*_negated(self.parts[index]),
                              *self._rule_parts(index, self.values, force=True)])

    def without_risk_rule(self, index: int) -> FloatArray:
        fired = list(self.fired)
        fired[index] = np.zeros(self.draws)
        return self._variant([], fired)

    def with_risk_rule_forced(self, index: int) -> FloatArray:
        fired = list(self.fired)
        fired[index] = self.scorer.fired_likelihood(index, self.values, self.draws,
                                                    self.perturbation, force=True)
        return self._variant([], fired)

    def with_value(self, factor: str, value: Any) -> FloatArray:
        """Scores with *factor* at *value* (internal form) in every draw."""
        values = {**self.values, factor: value}
        changed: Parts = []
        for index in self._rules_reading.get(factor, ()):
            changed += [*_negated(self.parts[index]), *self._rule_parts(index, values)]
        readers = self._risk_rules_reading.get(factor, ())
        fired = list(self.fired) if readers else None
        for index in readers:
            assert fired is not None
            fired[index] = self.scorer.fired_likelihood(index, values, self.draws,
                                                        self.perturbation)
        return self._variant(changed, fired)


def _negated(parts: Parts) -> Parts:
    return [(option, criterion, -points) for option, criterion, points in parts]


def _add(raw: FloatArray, parts: Parts, sign: float) -> None:
    for option, criterion, points in parts:
        raw[option, criterion] += sign * points


def _readers(factors: Mapping[str, Any], exprs: list[tuple[Any, ...]]
             ) -> dict[str, list[int]]:
    """Factor id → indices of the rules whose expressions read it."""
    out: dict[str, list[int]] = {}
    for index, parts in enumerate(exprs):
        read: set[str] = set()
        for expr in parts:
            if expr is not None:
                read |= set(expr.factors) & set(factors)
        for name in read:
            out.setdefault(name, []).append(index)
    return out
