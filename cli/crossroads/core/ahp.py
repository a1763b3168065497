"""Criterion weights from pairwise judgements: Saaty's Analytic Hierarchy Process (AHP).

An analyst who finds "sovereignty matters three times as much as the economy" easier to
say than "sovereignty 0.6, economy 0.2" gives judgements on Saaty's 1-9 scale; the
weights are the principal eigenvector of the reciprocal judgement matrix, and the
consistency ratio (CR) says how far the judgements contradict each other (Saaty 1980:
CR above 0.10 deserves a second look).

Scenario format (key ``pairwise``), one judgement per item, in either spelling::

    pairwise:
      - [sovereignty, economic-resilience, 3]        # sovereignty matters 3x as much
      - {a: economic-resilience, b: regional-stability, ratio: 1/2}

``ratio`` is how much more *a* matters than *b*: 1 (equal) to 9 (extremely more), or a
fraction 1/9 .. 1 for less.  Every pair of the pack's criteria must be judged once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from crossroads.core.errors import Location, Problem
from crossroads.core.factors import suggest
from crossroads.core.model import Judgement

__all__ = ["AhpResult", "Judgement", "ahp", "show_consistency_ratio",
           "weights_from_judgements"]

# Saaty's random consistency index by matrix size (Saaty 1980, table 1.7); n <= 2 is
# always consistent.
RANDOM_INDEX = {3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49}
CR_THRESHOLD = 0.10  # Saaty's rule of thumb for acceptable inconsistency
MIN_RATIO, MAX_RATIO = 1 / 9, 9.0


@dataclass(frozen=True, slots=True)
class AhpResult:
    """Weights derived from judgements, with their consistency."""

    weights: dict[str, float]
    consistency_ratio: float
    lambda_max: float
    worst: Judgement | None  # the judgement that contradicts the others most
    suggested_ratio: float | None  # what the other judgements imply for `worst`
    # Every judgement as far off as `worst` (worst first). With three criteria a single
    # contradiction spreads evenly over all three pairs, so "the" worst is a tie that
    # only the last floating-point digits would break; the tie is reported instead.
    tied: tuple[Judgement, ...] = ()
    tied_suggested: tuple[float, ...] = ()  # what the others imply for each of `tied`


def ahp(matrix: Sequence[Sequence[float]]) -> tuple[list[float], float]:
    """Principal-eigenvector weights (summing to 1) and Saaty's consistency ratio.

    *matrix* is a positive reciprocal matrix: ``matrix[i][j]`` is how much more item i
    matters than item j, and ``matrix[j][i] == 1 / matrix[i][j]``.
    """
    weights, lambda_max = _principal(matrix)
    return weights, consistency_ratio(lambda_max, len(weights))


def consistency_ratio(lambda_max: float, n: int) -> float:
    """CR = CI / RI with CI = (lambda_max - n) / (n - 1); 0 for n <= 2."""
    if n <= 2:
        return 0.0
    if n not in RANDOM_INDEX:
        raise ValueError(f"AHP consistency is defined here for 3 to 10 items, got {n}")
    index = (lambda_max - n) / (n - 1)
    return max(0.0, index / RANDOM_INDEX[n])


def _principal(matrix: Sequence[Sequence[float]]) -> tuple[list[float], float]:
    import numpy as np  # lazily: every score loads this module; only AHP needs numpy

    a = np.asarray(matrix, dtype=float)
    n = a.shape[0]
    if a.shape != (n, n) or n == 0:
        raise ValueError("a pairwise matrix must be square and non-empty")
    if np.any(a <= 0) or not np.allclose(a * a.T, 1.0):
        raise ValueError("a pairwise matrix must be positive and reciprocal (a[j][i] = 1/a[i][j])")
    values, vectors = np.linalg.eig(a)
    # Perron-Frobenius: a positive matrix has one real, largest eigenvalue whose
    # eigenvector can be chosen positive.
    index = int(np.argmax(values.real))
    vector = np.abs(vectors[:, index].real)
    vector = vector / vector.sum()
    return [float(v) for v in vector], float(values[index].real)


# Two judgements are equally at odds when their log errors agree to this relative
# tolerance: far below any difference an analyst could mean, far above rounding noise.
TIE_TOLERANCE = 1e-9


def most_inconsistent(matrix: Sequence[Sequence[float]], weights: Sequence[float]
                      ) -> tuple[int, int, float]:
    """The judgement furthest from what the weights imply: (i, j, implied ratio).

    Distance is measured on Saaty's log scale, ``|log(a_ij * w_j / w_i)|``, so a
    judgement of 5 where 1/5 is implied counts as far off as 1/5 where 5 is implied.
    Among judgements tied within ``TIE_TOLERANCE`` the first pair in criteria order
    wins, so the answer does not depend on the floating-point build.
    """
    return inconsistency_ranking(matrix, weights)[0]


def inconsistency_ranking(matrix: Sequence[Sequence[float]], weights: Sequence[float]
                          ) -> list[tuple[int, int, float]]:
    """Every pair tied for most inconsistent, in criteria order: (i, j, implied ratio)."""
    n = len(weights)
    if n < 2:
        return [(0, 1, 1.0)]
    errors = {(i, j): abs(math.log(matrix[i][j] * weights[j] / weights[i]))
              for i in range(n) for j in range(i + 1, n)}
    worst_error = max(errors.values())
    slack = TIE_TOLERANCE * max(worst_error, 1.0)
    return [(i, j, weights[i] / weights[j]) for (i, j), error in errors.items()
            if error >= worst_error - slack]


def weights_from_judgements(
    judgements: Sequence[Judgement], criteria: Sequence[str], where: Location
) -> tuple[AhpResult | None, list[Problem]]:
    """AHP weights over *criteria* (all of them) from the judgements, or the problems."""
    problems: list[Problem] = []
    index = {c: i for i, c in enumerate(criteria)}
    n = len(criteria)
    matrix = [[1.0] * n for _ in range(n)]
    given: dict[tuple[int, int], Judgement] = {}
    for j in judgements:
        unknown = [c for c in (j.a, j.b) if c not in index]
        for name in unknown:
            hint = suggest(name, criteria) or f"criteria: {', '.join(criteria)}"
            problems.append(Problem(j.location, f"unknown criterion {name!r} in pairwise", hint))
        if unknown:
            continue
        i, k = index[j.a], index[j.b]
        matrix[i][k], matrix[k][i] = j.ratio, 1.0 / j.ratio
        given[(min(i, k), max(i, k))] = j
    if problems:
        return None, problems
    missing = [f"{criteria[i]} vs {criteria[k]}" for i in range(n) for k in range(i + 1, n)
               if (i, k) not in given]
    if missing:
        shown = "; ".join(missing[:6]) + (f"; and {len(missing) - 6} more" if len(missing) > 6
                                           else "")
        problems.append(Problem(where, f"pairwise judgements must compare every pair of the "
                                f"pack's {n} criteria; missing: {shown}",
                                "add a judgement for each missing pair (1 if they matter "
                                "equally), or give `priorities` instead"))
        return None, problems
    if n > max(RANDOM_INDEX):
        problems.append(Problem(where, f"AHP is supported for up to {max(RANDOM_INDEX)} "
                                f"criteria; this pack has {n}", "give `priorities` instead"))
        return None, problems
    weights, lambda_max = _principal(matrix)
    cr = consistency_ratio(lambda_max, n)
    worst: Judgement | None = None
    suggested: float | None = None
    tied: tuple[Judgement, ...] = ()
    tied_suggested: tuple[float, ...] = ()
    if n >= 3:
        ranking = inconsistency_ranking(matrix, weights)
        tied = tuple(given[(i, k)] for i, k, _ in ranking)
        # Express each implied ratio in the judgement's own direction (a over b).
        tied_suggested = tuple(implied if index[j.a] == i else 1.0 / implied
                               for j, (i, _, implied) in zip(tied, ranking, strict=True))
        worst, suggested = tied[0], tied_suggested[0]
    return AhpResult(dict(zip(criteria, weights, strict=True)), cr, lambda_max, worst,
                     suggested, tied, tied_suggested), problems


def inconsistency_warning(result: AhpResult, where: Location) -> Problem | None:
    """A warning (not an error) when the consistency ratio exceeds Saaty's 0.10."""
    if result.consistency_ratio <= CR_THRESHOLD or result.worst is None:
        return None
    w = result.worst
    implied = f"{result.suggested_ratio:.2g}" if result.suggested_ratio is not None else "?"
    if len(result.tied) > 1:
        named = ", ".join(f"{t.a} vs {t.b} = {_show_ratio(t.ratio)}" for t in result.tied)
        culprit = f"these {len(result.tied)} are equally at odds: {named}"
        hint = (f"revising any one of them helps; for {w.a} vs {w.b} the others imply "
                f"about {implied}")
    else:
        culprit = f"the most inconsistent is {w.a} vs {w.b} = {_show_ratio(w.ratio)}"
        hint = f"the weights from all the judgements imply about {implied}; revisit that " \
            "comparison"
    return Problem(
        w.location,
        f"pairwise judgements are inconsistent (consistency ratio "
        f"{show_consistency_ratio(result.consistency_ratio)} > {CR_THRESHOLD:.2f}); {culprit}",
        hint,
        severity="warning", code="ahp-inconsistent",
    )


def show_consistency_ratio(ratio: float) -> str:
    """The ratio to two decimals, or more where two would round onto the threshold and
    contradict the verdict beside it ("CR 0.10, above 0.10")."""
    above = ratio > CR_THRESHOLD
    for decimals in range(2, 7):
        shown = f"{ratio:.{decimals}f}"
        if (float(shown) > CR_THRESHOLD) == above:
            return shown
    return f"{ratio:.6f}".rstrip("0") + ("+" if above else "")


def _show_ratio(value: float) -> str:
    if value >= 1:
        return f"{value:g}"
    return f"1/{1 / value:g}"
