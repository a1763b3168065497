"""Score many scenarios of one pack at once: the vectorised engine over in-memory variants.

:func:`crossroads.core.engine.score` explains one scenario, every contribution traced;
a script that sweeps a fact or compares thousands of variants needs their scores.
:func:`score_many` checks each scenario as ``score`` does (the same located errors), then
evaluates every rule once over all scenarios with
:class:`~crossroads.robustness.vectorised.VectorScorer`.  Its scores agree with ``score``
to rounding (tests check 1e-9); :meth:`Scores.result` gives the full explanation of any
one of them.

Variants made from one scenario share most of their facts (the same objects), so each
stated fact is checked once per batch, not once per variant.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from crossroads.core.engine import Result, score
from crossroads.core.errors import EvaluationError, ProblemCollector
from crossroads.core.inputs import check_factor_value, resolve_weights, unknown_factors
from crossroads.core.model import FactorKind, FactorValue, Pack, Scenario
from crossroads.robustness.vectorised import FloatArray, Perturbation, VectorScorer, ranks


@dataclass(frozen=True)
class Scores:
    """The scores of many scenarios under one pack (see :func:`score_many`)."""

    pack: Pack
    scenarios: tuple[Scenario, ...]
    options: tuple[str, ...]  # option ids, in the pack's order (the columns of `scores`)
    scores: FloatArray  # shape (scenarios, options)

    def __len__(self) -> int:
        return len(self.scenarios)

    @property
    def leaders(self) -> list[str]:
        """Each scenario's first option; exact ties go to the smaller id, as in ``score``."""
        first = np.argmin(ranks(self.scores, list(self.options)), axis=1)
        return [self.options[i] for i in first]

    def ranking(self, index: int) -> list[tuple[str, float]]:
        """(option, score) of scenario *index*, best first, ties by option id."""
        row = self.scores[index]
        order = sorted(range(len(self.options)), key=lambda i: (-row[i], self.options[i]))
        return [(self.options[i], float(row[i])) for i in order]

    def result(self, index: int) -> Result:
        """The full, explained result of scenario *index* (scored again by the engine)."""
        return score(self.pack, self.scenarios[index])


def score_many(pack: Pack, scenarios: Sequence[Scenario]) -> Scores:
    """Score every scenario in *scenarios* under *pack*, all at once.

    Raises the :class:`~crossroads.core.errors.InputError` that ``score`` would, listing
    every bad fact of every scenario, and the engine's located error if a rule cannot be
    evaluated for one of them.
    """
    batch = tuple(scenarios)
    scorer = VectorScorer(pack)
    if not batch:
        return Scores(pack, batch, tuple(scorer.option_ids), np.zeros((0, len(pack.options))))
    values = _factor_values(pack, batch)
    weights = _weights(pack, batch, scorer.criterion_ids)
    aversion = np.array([pack.risk_aversion if s.risk_aversion is None else s.risk_aversion
                         for s in batch], dtype=float)
    try:
        table = scorer.scores(values, weights, 0.0, Perturbation(risk_aversion=aversion))
    except EvaluationError:
        # Say which scenario and which rule, as `score` does: the first that fails.
        for scenario in batch:
            score(pack, scenario)
        raise
    return Scores(pack, batch, tuple(scorer.option_ids), table)


def _factor_values(pack: Pack, batch: tuple[Scenario, ...]) -> dict[str, Any]:
    """Each factor's internal value per scenario: an array, or one value shared by all."""
    problems = ProblemCollector()
    checked: dict[int, Any] = {}  # id of a stated fact → its internal value
    columns: dict[str, list[Any]] = {name: [] for name in pack.factors}
    for scenario in batch:
        unknown_factors(pack, scenario, problems)
        for factor in pack.factors.values():
            given = scenario.factors.get(factor.id)
            columns[factor.id].append(factor.to_internal(factor.default) if given is None
                                      else _checked(factor, given, checked, problems))
    problems.raise_if_errors()
    values: dict[str, Any] = {}
    for name, column in columns.items():
        first = column[0]
        if all(v == first and type(v) is type(first) for v in column):
            values[name] = first  # the same in every scenario: one scalar, as the draws do
        elif pack.factors[name].kind == FactorKind.LEVEL:
            values[name] = np.array(column, dtype=float)  # levels' order, as floats
        else:
            values[name] = np.array(column)
    return values


def _checked(factor: Any, given: FactorValue, checked: dict[int, Any],
             problems: ProblemCollector) -> Any:
    key = id(given)  # the batch holds every scenario, so ids are not reused meanwhile
    if key not in checked:
        before = len(problems.problems)
        check_factor_value(factor, given, problems)
        checked[key] = None if len(problems.problems) > before else \
            factor.to_internal(given.value)
    return checked[key]


def _weights(pack: Pack, batch: tuple[Scenario, ...], criteria: list[str]) -> FloatArray:
    """Normalised weights per scenario, shape (scenarios, criteria)."""
    seen: dict[Any, list[float]] = {}
    rows = []
    for scenario in batch:
        key = (tuple(scenario.priorities.items()), scenario.judgements)
        row = seen.get(key)
        if row is None:
            weights, _ = resolve_weights(pack, scenario)
            row = seen[key] = [weights[c] for c in criteria]
        rows.append(row)
    return np.array(rows, dtype=float)
