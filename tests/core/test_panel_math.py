"""Group AHP arithmetic: aggregation keeps reciprocity, the dissent measures match hand
computations, and AIJ equals AIP where Forman & Peniwati say it must."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crossroads.core.ahp import ahp
from crossroads.core.panel import (
    aggregate_judgements,
    aggregate_priorities,
    beyond_scale,
    consensus_band,
    consensus_indicator,
    geometric_consistency_index,
    kendall_band,
    kendalls_w,
    matrix_from_weights,
    row_geometric_mean,
)

SAATY = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9]


def reciprocal(n: int, upper: list[float]) -> list[list[float]]:
    m = [[1.0] * n for _ in range(n)]
    values = iter(upper)
    for i in range(n):
        for j in range(i + 1, n):
            m[i][j] = next(values)
            m[j][i] = 1 / m[i][j]
    return m


@st.composite
def panels(draw: st.DrawFn) -> tuple[list[list[list[float]]], list[float]]:
    n = draw(st.integers(3, 6))
    k = draw(st.integers(1, 5))
    pairs = n * (n - 1) // 2
    matrices = [reciprocal(n, draw(st.lists(st.sampled_from(SAATY), min_size=pairs,
                                            max_size=pairs))) for _ in range(k)]
    voting = draw(st.lists(st.floats(0.1, 10), min_size=k, max_size=k))
    return matrices, voting


@settings(max_examples=60, deadline=None)
@given(panels())
def test_the_geometric_mean_of_reciprocal_matrices_is_reciprocal(
        panel: tuple[list[list[list[float]]], list[float]]) -> None:
    matrices, voting = panel
    merged = aggregate_judgements(matrices, voting)
    n = len(merged)
    for i in range(n):
        assert merged[i][i] == pytest.approx(1.0)
        for j in range(n):
            assert merged[i][j] * merged[j][i] == pytest.approx(1.0, rel=1e-12)
            lows = min(m[i][j] for m in matrices)
            highs = max(m[i][j] for m in matrices)
            assert lows * (1 - 1e-12) <= merged[i][j] <= highs * (1 + 1e-12)


@settings(max_examples=60, deadline=None)
@given(panels())
def test_aij_and_aip_coincide_with_row_geometric_mean_weights(
        panel: tuple[list[list[list[float]]], list[float]]) -> None:
    # Forman & Peniwati (1998): with priorities from the row geometric mean, aggregating
    # the judgements (weighted geometric mean of entries) and aggregating the priorities
    # (weighted geometric mean of the vectors, renormalised) give the same weights.
    matrices, voting = panel
    aij = row_geometric_mean(aggregate_judgements(matrices, voting))
    aip = aggregate_priorities([row_geometric_mean(m) for m in matrices], voting,
                               geometric=True)
    assert aij == pytest.approx(aip, rel=1e-9)


def test_saatys_apple_and_orange_example() -> None:
    # Saaty's published worked example for combining a group's judgements ("Combining group
    # members' judgments", Decision Lens blog, June 2007, after Aczél & Saaty 1983,
    # J. Math. Psych. 27:93-102): three people say an apple is 2, 3 and 4 times larger
    # than an orange.  The group judgement is the geometric mean, the cube root of 24,
    # and its reciprocal is what the reciprocal judgements combine to; the arithmetic
    # mean would give 3 one way and 13/36 (not 1/3) the other.
    matrices = [[[1, r], [1 / r, 1]] for r in (2, 3, 4)]
    merged = aggregate_judgements(matrices, [1, 1, 1])
    assert merged[0][1] == pytest.approx(24 ** (1 / 3))  # 2.884
    assert merged[1][0] == pytest.approx(1 / 24 ** (1 / 3))
    # The published foil: the arithmetic means, 3 and 13/36, are not reciprocal.
    assert math.fsum((2, 3, 4)) / 3 * (math.fsum((1 / 2, 1 / 3, 1 / 4)) / 3) != \
        pytest.approx(1.0)
    assert merged[0][1] * merged[1][0] == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(panels())
def test_both_aggregations_keep_the_pareto_principle(
        panel: tuple[list[list[list[float]]], list[float]]) -> None:
    # The Pareto principle Forman & Peniwati (1998) weigh the methods by: when every
    # member prefers i to j, so does the group: for AIJ on the judgements (geometric
    # mean), for AIP on the priorities (arithmetic mean of the members' weights).
    matrices, voting = panel
    merged = aggregate_judgements(matrices, voting)
    vectors = [row_geometric_mean(m) for m in matrices]
    combined = aggregate_priorities(vectors, voting)
    n = len(merged)
    for i in range(n):
        for j in range(n):
            if all(m[i][j] >= 1 for m in matrices):
                assert merged[i][j] >= 1 - 1e-12
            if all(v[i] >= v[j] for v in vectors):
                assert combined[i] >= combined[j] - 1e-12


def test_a_panel_of_one_is_that_analyst() -> None:
    matrix = reciprocal(3, [3, 5, 1 / 3])
    merged = aggregate_judgements([matrix], [2.0])
    for row, expected in zip(merged, matrix, strict=True):
        assert row == pytest.approx(expected)
    assert aggregate_priorities([[0.5, 0.3, 0.2]], [1.0]) == pytest.approx([0.5, 0.3, 0.2])


def test_two_analysts_combine_to_the_geometric_mean_of_their_judgements() -> None:
    # One says A is 3x B, the other 5x (equal votes): the panel says sqrt(15) = 3.873.
    merged = aggregate_judgements([[[1, 3], [1 / 3, 1]], [[1, 5], [1 / 5, 1]]], [1, 1])
    assert merged[0][1] == pytest.approx(math.sqrt(15))
    assert merged[1][0] == pytest.approx(1 / math.sqrt(15))
    # Votes 3:1 weight the first: 3^0.75 * 5^0.25 = 3.408.
    weighted = aggregate_judgements([[[1, 3], [1 / 3, 1]], [[1, 5], [1 / 5, 1]]], [3, 1])
    assert weighted[0][1] == pytest.approx(3 ** 0.75 * 5 ** 0.25)


def test_consistent_priorities_become_a_matrix_whose_eigenvector_is_them() -> None:
    weights, cr = ahp(matrix_from_weights([0.5, 0.3, 0.2]))
    assert weights == pytest.approx([0.5, 0.3, 0.2])
    assert cr == pytest.approx(0.0, abs=1e-9)


def test_kendalls_w_by_hand() -> None:
    # Three analysts rank four options 1-2-3-4, 2-1-3-4, 1-3-2-4 (scores: higher first).
    # Rank sums 4, 6, 8, 12; mean 7.5; S = 12.25 + 2.25 + 0.25 + 20.25 = 35;
    # W = 12 * 35 / (3^2 * (4^3 - 4)) = 420 / 540 = 0.7778.
    rows = [[4, 3, 2, 1], [3, 4, 2, 1], [4, 2, 3, 1]]
    assert kendalls_w(rows) == pytest.approx(420 / 540)
    assert kendall_band(kendalls_w(rows)) == "substantial"
    assert kendalls_w([[3, 2, 1]] * 4) == pytest.approx(1.0)
    assert kendalls_w([[3, 2, 1], [1, 2, 3]]) == pytest.approx(0.0)
    assert math.isnan(kendalls_w([[3, 2, 1]]))


def test_kendalls_w_with_ties_uses_mid_ranks_and_the_correction() -> None:
    # Two analysts, three options; the second ties the last two (ranks 1, 2.5, 2.5).
    # Rank sums 2, 4.5, 5.5; mean 4; S = 4 + 0.25 + 2.25 = 6.5; ties term T = 2^3 - 2 = 6;
    # W = 12 * 6.5 / (4 * 24 - 2 * 6) = 78 / 84.
    assert kendalls_w([[3, 2, 1], [3, 1, 1]]) == pytest.approx(78 / 84)


def test_goepel_consensus_by_hand() -> None:
    # Two analysts over two criteria, (0.75, 0.25) and (0.25, 0.75).
    # H_alpha = -(0.75 ln 0.75 + 0.25 ln 0.25) = 0.562335; H_gamma = ln 2 = 0.693147;
    # H_beta = 0.130812; exp(-H_beta) = 0.877380.  With M = 9, n = 2: H_alpha_min =
    # -0.9 ln 0.9 - 0.1 ln 0.1 = 0.325083, cor = 2 / e^0.325083 = 1.444935, 1/cor = 0.692072;
    # S* = (0.877380 - 0.692072) / (1 - 0.692072) = 0.60179.
    s = consensus_indicator([[0.75, 0.25], [0.25, 0.75]])
    assert s == pytest.approx(0.60179, abs=5e-5)
    assert consensus_band(s) == "low"
    assert consensus_indicator([[0.5, 0.3, 0.2]] * 3) == pytest.approx(1.0)
    assert consensus_band(1.0) == "very high"


def test_geometric_consistency_index_by_hand() -> None:
    assert geometric_consistency_index(matrix_from_weights([0.6, 0.3, 0.1])) == \
        pytest.approx(0.0, abs=1e-12)
    # Three criteria, a12 = 3, a13 = 5, a23 = 1/3: the cycle a12 * a23 / a13 = 1/5, and the
    # row geometric means spread it evenly, each log error being +-ln(5)/3, so
    # GCI = 2 / (2 * 1) * 3 * (ln 5 / 3)^2 = ln(5)^2 / 3 = 0.8634 (above 0.31: inconsistent).
    matrix = reciprocal(3, [3, 5, 1 / 3])
    assert geometric_consistency_index(matrix) == pytest.approx(math.log(5) ** 2 / 3)


def test_priorities_enter_aij_within_saatys_scale() -> None:
    # A zero weight, or one more than 9 times below the largest, has a ratio no pairwise
    # judgement can give: it enters as 9, the top of the scale.
    matrix = matrix_from_weights([0.6, 0.4, 0.0])
    assert max(max(row) for row in matrix) == pytest.approx(9.0)
    assert matrix[0][2] == pytest.approx(9.0) and matrix[2][0] == pytest.approx(1 / 9)
    assert matrix[0][1] == pytest.approx(1.5)  # ratios within the scale are kept
    assert beyond_scale([0.6, 0.4, 0.0]) == [2]
    assert beyond_scale([0.5, 0.3, 0.2]) == []


def test_the_consensus_formula_can_fall_below_zero_with_zero_weights() -> None:
    # Goepel's rescaling assumes weights a 1-9 scale can give: two analysts who each put
    # everything on a different criterion go past its floor (the caller shows 0%).
    assert consensus_indicator([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]) < 0
