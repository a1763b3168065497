"""Fast scoring of many scenarios: scores and ranks only, no explanation objects.

:func:`crossroads.core.engine.evaluate` builds a full explanation (every contribution as an
object) for one scenario.  Batch runs (benchmarks, comparisons of thousands of variants)
only need the scores, so this module flattens the pack once into index-based tuples and
does the same arithmetic on plain lists.  Tests check it agrees with the full engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from crossroads.core.model import Pack
from crossroads.core.risk import event_plan
from crossroads.core.values import risk_unit, value_per_point

_Fn = Callable[[Mapping[str, Any]], Any]


def _as_fn(expr: Any) -> _Fn | float:
    """A constant stays a number (no call needed); anything else is its compiled function."""
    return float(expr.constant) if expr.constant is not None else expr.fn


class BatchScorer:
    """Scores one pack under fixed weights and risk aversion, for many factor-value sets."""

    def __init__(self, pack: Pack, weights: Mapping[str, float], risk_aversion: float) -> None:
        self.option_ids = list(pack.options)
        criterion_ids = list(pack.criteria)
        option_index = {o: i for i, o in enumerate(self.option_ids)}
        criterion_index = {c: i for i, c in enumerate(criterion_ids)}
        self.n_options = len(self.option_ids)
        self.n_criteria = len(criterion_ids)
        self.weights = [weights[c] for c in criterion_ids]
        self.bounds = [(pack.criteria[c].scale_min, pack.criteria[c].scale_max)
                       for c in criterion_ids]
        self.risk_aversion = risk_aversion
        self.rules = [
            (None if r.when is None else r.when.fn,
             tuple((option_index[e.option] * self.n_criteria + criterion_index[e.criterion],
                    _as_fn(e.points)) for e in r.effects))
            for r in pack.rules
        ]
        self.per_point = [value_per_point(pack.criteria[c]) for c in criterion_ids]
        rule_index = {r.id: i for i, r in enumerate(pack.risk_rules)}
        self.risk_rules = [
            (None if r.when is None else r.when.fn, _as_fn(r.likelihood))
            for r in pack.risk_rules
        ]
        unit = risk_unit(pack)
        plan = event_plan(pack)
        # Per option: (cost of the event if certain, groups of risk-rule indices).
        self.events = [
            [(e.impact * unit, [[rule_index[r] for r in g] for g in e.groups])
             for e in plan[o]]
            for o in self.option_ids]

    def scores(self, values: Mapping[str, Any]) -> list[float]:
        """Score of every option, in the pack's option order."""
        n_c = self.n_criteria
        perf = [0.0] * (self.n_options * n_c)
        for when, effects in self.rules:
            if when is None or when(values):
                for slot, points in effects:
                    perf[slot] += points if isinstance(points, float) else points(values)
        fired = [0.0] * len(self.risk_rules)  # likelihood of each fired trigger, else 0
        for index, (when, likelihood) in enumerate(self.risk_rules):
            if when is None or when(values):
                fired[index] = likelihood if isinstance(likelihood, float) \
                    else float(likelihood(values))
        out = []
        weights, bounds, per_point = self.weights, self.bounds, self.per_point
        for o in range(self.n_options):
            benefit = 0.0
            base = o * n_c
            for c in range(n_c):
                low, high = bounds[c]
                p = perf[base + c]
                benefit += weights[c] * (low if p < low else high if p > high else p) \
                    * per_point[c]
            risk = 0.0
            for cost, groups in self.events[o]:
                stay_clear = 1.0
                for group in groups:
                    stay_clear *= 1.0 - max(fired[r] for r in group)
                risk += (1.0 - stay_clear) * cost
            out.append(benefit - self.risk_aversion * risk)
        return out

    def ranking(self, values: Mapping[str, Any]) -> list[str]:
        """Option ids best first; ties broken by id like the full engine."""
        scores = self.scores(values)
        order = sorted(range(self.n_options), key=lambda i: (-scores[i], self.option_ids[i]))
        return [self.option_ids[i] for i in order]


def rank_many(scorer: BatchScorer, value_sets: Iterable[Mapping[str, Any]]
              ) -> list[Sequence[str]]:
    """Rankings for many resolved factor-value sets (levels as their order)."""
    return [scorer.ranking(values) for values in value_sets]
