"""A panel of analysts: combining several people's priorities, and measuring how far apart
they are.

Two ways to combine, after Forman & Peniwati (1998), "Aggregating individual judgments
and priorities with the AHP", European Journal of Operational Research 108(1):165-169:

- **AIJ**, aggregating individual judgements: the voting-weighted geometric mean of each
  pairwise entry, ``a_ij = prod_k a_ij^(k) ** w_k``.  Only the geometric mean keeps the
  combined matrix reciprocal (``a_ji = 1 / a_ij``).  Fits a team that acts as one unit
  and merges its judgements before deriving priorities.
- **AIP**, aggregating individual priorities: the voting-weighted mean of each analyst's
  normalised weights.  Fits separate individuals (desks, embassies) each with their own
  view, where the group's answer is a compromise of complete views.

An analyst who gives priorities rather than pairwise comparisons is turned into the
consistent matrix ``a_ij = w_i / w_j`` for AIJ, so both kinds of analyst can sit on one
panel.

How far apart the panel is:

- Kendall's W (coefficient of concordance) on the analysts' rankings of the options,
  ``W = 12 S / (m^2 (n^3 - n))`` with ties given mid-ranks (and the usual tie
  correction), banded slight < 0.2 <= fair < 0.4 <= moderate < 0.6 <= substantial < 0.8
  <= almost perfect.
- Goepel's AHP consensus indicator S* on the analysts' weight vectors (Goepel 2013,
  "Implementing the Analytic Hierarchy Process as a standard method for multi-criteria
  decision making in corporate enterprises", ISAHP proceedings; BPMSG AHP-OS), from the
  Shannon entropies of the individual and mean vectors, banded very low < 50% <= low <
  62.5% <= moderate < 75% <= high < 87.5% <= very high.
- The geometric consistency index GCI (Aguarón & Moreno-Jiménez 2003) of each
  analyst's own pairwise matrix, with its thresholds 0.31 (n = 3), 0.35 (n = 4), 0.37.

Pure arithmetic on plain numbers: no files, no scoring.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from crossroads.core.errors import Location
from crossroads.core.model import FactorValue, Judgement

__all__ = [
    "Aggregation",
    "Analyst",
    "aggregate_judgements",
    "aggregate_priorities",
    "beyond_scale",
    "consensus_band",
    "consensus_indicator",
    "gci_threshold",
    "geometric_consistency_index",
    "kendall_band",
    "kendalls_w",
    "matrix_from_weights",
    "row_geometric_mean",
]

SAATY_MAX = 9  # the top of Saaty's scale, M in Goepel's formula


class Aggregation(enum.Enum):
    """How a panel's views are combined into one set of weights."""

    JUDGEMENTS = "judgements"  # AIJ: geometric mean of each pairwise entry
    PRIORITIES = "priorities"  # AIP: weighted mean of each analyst's weights

    @property
    def label(self) -> str:
        return {Aggregation.JUDGEMENTS: "aggregation of individual judgements (AIJ)",
                Aggregation.PRIORITIES: "aggregation of individual priorities (AIP)"}[self]


@dataclass(frozen=True)
class Analyst:
    """One member of a panel: who they are and what they judged.

    Either *priorities* (criterion -> importance) or *judgements* (pairwise comparisons)
    is given, never both; *factors* holds their own value or range for judged facts.
    """

    name: str
    role: str
    voting_weight: float
    priorities: Mapping[str, float]
    judgements: tuple[Judgement, ...]
    factors: Mapping[str, FactorValue]
    rationale: str
    pack: str
    location: Location
    digest: str = ""  # SHA-256 of the file's text, for the decision log
    path: str = ""
    scenario: str = ""  # the scenario the judgements were given for, when the file says
    # Where each key was written ("pack", "analyst", "scenario", "priorities.<criterion>"),
    # so problems found against the pack point at the line, not the top of the file.
    places: Mapping[str, Location] = field(default_factory=dict)

    def at(self, key: str) -> Location:
        return self.places.get(key, self.location)


def _normalised(weights: Sequence[float]) -> list[float]:
    total = math.fsum(weights)
    if not total > 0 or any(w < 0 or not math.isfinite(w) for w in weights):
        raise ValueError("weights must be finite, non-negative and not all zero")
    return [w / total for w in weights]


def matrix_from_weights(weights: Sequence[float]) -> list[list[float]]:
    """The consistent pairwise matrix ``a_ij = w_i / w_j`` that priorities imply.

    A pairwise judgement cannot say more than Saaty's 9, and a zero weight has no finite
    ratio at all: weights below a ninth of the largest are raised to it, so every entry
    stays within what an analyst could have answered (:func:`beyond_scale` tells when).
    """
    top = max(weights)
    floored = [max(w, top / SAATY_MAX) for w in weights]
    return [[wi / wj for wj in floored] for wi in floored]


def beyond_scale(weights: Sequence[float]) -> list[int]:
    """The positions of weights under a ninth of the largest: ratios no pairwise judgement
    on Saaty's scale can give, which :func:`matrix_from_weights` caps at 9."""
    top = max(weights)
    return [i for i, w in enumerate(weights) if w < top / SAATY_MAX]


def aggregate_judgements(matrices: Sequence[Sequence[Sequence[float]]],
                         voting: Sequence[float]) -> list[list[float]]:
    """AIJ: the voting-weighted geometric mean of each entry of the analysts' matrices."""
    if not matrices or len(matrices) != len(voting):
        raise ValueError("one voting weight per matrix, and at least one matrix")
    share = _normalised(voting)
    n = len(matrices[0])
    return [[math.exp(math.fsum(s * math.log(m[i][j]) for s, m in zip(share, matrices,
                                                                         strict=True)))
             for j in range(n)] for i in range(n)]


def aggregate_priorities(vectors: Sequence[Sequence[float]], voting: Sequence[float],
                         *, geometric: bool = False) -> list[float]:
    """AIP: the voting-weighted mean of the analysts' normalised weight vectors.

    Arithmetic by default (Forman & Peniwati's choice for individuals acting separately);
    ``geometric=True`` takes the weighted geometric mean, renormalised, which equals AIJ
    when every analyst's weights are the row geometric means of their matrix.
    """
    if not vectors or len(vectors) != len(voting):
        raise ValueError("one voting weight per vector, and at least one vector")
    share = _normalised(voting)
    unit = [_normalised(v) for v in vectors]
    n = len(unit[0])
    if geometric:
        logs = [math.fsum(s * math.log(max(v[i], 1e-300)) for s, v in zip(share, unit,
                                                                           strict=True))
                for i in range(n)]
        return _normalised([math.exp(x) for x in logs])
    return _normalised([math.fsum(s * v[i] for s, v in zip(share, unit, strict=True))
                        for i in range(n)])


def row_geometric_mean(matrix: Sequence[Sequence[float]]) -> list[float]:
    """Weights as the normalised geometric mean of each row (Crawford & Williams 1985)."""
    n = len(matrix)
    return _normalised([math.exp(math.fsum(math.log(x) for x in row) / n) for row in matrix])


def geometric_consistency_index(matrix: Sequence[Sequence[float]],
                                weights: Sequence[float] | None = None) -> float:
    """GCI = 2 / ((n-1)(n-2)) * sum over i<j of ln^2(a_ij w_j / w_i); 0 for n <= 2."""
    n = len(matrix)
    if n <= 2:
        return 0.0
    w = list(weights) if weights is not None else row_geometric_mean(matrix)
    total = math.fsum(math.log(matrix[i][j] * w[j] / w[i]) ** 2
                      for i in range(n) for j in range(i + 1, n))
    return 2 * total / ((n - 1) * (n - 2))


def gci_threshold(n: int) -> float:
    """Aguarón & Moreno-Jiménez's GCI thresholds, matching Saaty's CR 0.10 (0.05, 0.08)."""
    return 0.31 if n == 3 else 0.35 if n == 4 else 0.37


def _mid_ranks(scores: Sequence[float]) -> list[float]:
    """Rank 1 for the highest score; tied scores share the mean of their ranks."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    ranks = [0.0] * len(scores)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and scores[order[end + 1]] == scores[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def kendalls_w(score_rows: Sequence[Sequence[float]]) -> float:
    """Kendall's coefficient of concordance of m analysts over n options.

    *score_rows* holds one row per analyst of their scores for the options (higher is
    better; equal scores are ties and get mid-ranks, with Kendall's tie correction).
    1 is complete agreement, 0 none.  Undefined (nan) for fewer than two analysts or two
    options, and when every analyst ties every option.
    """
    m = len(score_rows)
    n = len(score_rows[0]) if m else 0
    if m < 2 or n < 2:
        return math.nan
    ranks = [_mid_ranks(row) for row in score_rows]
    sums = [math.fsum(r[i] for r in ranks) for i in range(n)]
    mean = m * (n + 1) / 2
    s = math.fsum((total - mean) ** 2 for total in sums)
    ties = 0.0
    for r in ranks:
        counts: dict[float, int] = {}
        for value in r:
            counts[value] = counts.get(value, 0) + 1
        ties += math.fsum(t ** 3 - t for t in counts.values())
    denominator = m * m * (n ** 3 - n) - m * ties
    return math.nan if denominator <= 0 else 12 * s / denominator


def kendall_band(w: float) -> str:
    """The conventional words for a value of Kendall's W."""
    if math.isnan(w):
        return "undefined"
    for limit, word in ((0.2, "slight"), (0.4, "fair"), (0.6, "moderate"),
                        (0.8, "substantial")):
        if w < limit:
            return word
    # W is 1 only when every ranking is the same; "almost" would then understate it.
    return "complete" if w >= 1 - 1e-9 else "almost perfect"


def _entropy(vector: Sequence[float]) -> float:
    return -math.fsum(p * math.log(p) for p in vector if p > 0)


def consensus_indicator(vectors: Sequence[Sequence[float]]) -> float:
    """Goepel's AHP consensus indicator S* (0 to 1) of the analysts' weight vectors.

    H_alpha is the mean entropy of the individual vectors, H_gamma the entropy of their
    mean, H_beta = H_gamma - H_alpha; S* rescales exp(-H_beta) between its least value
    for n criteria on a scale up to M = 9 (1 / cor) and 1 (everyone identical).

    The floor assumes weights a 1-9 scale can give; analysts who give a criterion zero,
    or weights more than 9 apart, can push the formula below 0.  It is returned as
    computed: the caller decides how to show it (see :func:`consensus_band`).
    """
    if not vectors:
        raise ValueError("no weight vectors")
    unit = [_normalised(v) for v in vectors]
    n = len(unit[0])
    if n < 2:
        return 1.0
    mean = [math.fsum(v[i] for v in unit) / len(unit) for i in range(n)]
    h_alpha = math.fsum(_entropy(v) for v in unit) / len(unit)
    h_beta = _entropy(mean) - h_alpha
    big = SAATY_MAX / (n + SAATY_MAX - 1)
    small = 1 / (n + SAATY_MAX - 1)
    h_alpha_min = -big * math.log(big) - (n - 1) * small * math.log(small)
    cor = n / math.exp(h_alpha_min)
    return (math.exp(-h_beta) - 1 / cor) / (1 - 1 / cor)


def consensus_band(s_star: float) -> str:
    """Goepel's words for the consensus indicator."""
    for limit, word in ((0.5, "very low"), (0.625, "low"), (0.75, "moderate"),
                        (0.875, "high")):
        if s_star < limit:
            return word
    return "very high"
