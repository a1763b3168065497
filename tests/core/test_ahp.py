"""AHP priorities: published worked examples, consistency, and pairwise judgements in scenarios."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest

from conftest import DATA, Run
from crossroads.core.ahp import RANDOM_INDEX, ahp, consistency_ratio, most_inconsistent
from crossroads.core.engine import score
from crossroads.io.loader import load_pack
from crossroads.io.scenario_file import load_scenario

ROBUST_PACK = DATA / "robust-pack"


def matrix(text: str) -> list[list[float]]:
    return [[float(Fraction(cell)) for cell in row.split()] for row in text.strip().splitlines()]


# Saaty, T. L. (1990). "How to make a decision: The Analytic Hierarchy Process".
# European Journal of Operational Research 48(1), 9-26: the house-buying example, criteria
# (1) size of house, (2) transportation, (3) neighbourhood, (4) age, (5) yard, (6) modern
# facilities, (7) general condition, (8) financing.  Published: lambda_max = 9.669,
# C.I. = 0.238, C.R. = 0.169, priorities .173 .054 .188 .018 .031 .036 .167 .333.
HOUSE = matrix("""
1   5   3   7   6   6   1/3 1/4
1/5 1   1/3 5   3   3   1/5 1/7
1/3 3   1   6   3   4   6   1/5
1/7 1/5 1/6 1   1/3 1/4 1/7 1/8
1/6 1/3 1/3 3   1   1/2 1/5 1/6
1/6 1/3 1/4 4   2   1   1/5 1/6
3   5   1/6 7   5   5   1   1/2
4   7   5   8   6   6   2   1
""")

# Same paper, third level: the three houses A, B, C compared on "size of house".
# Published priorities A .754, B .181, C .065 (lambda_max 3.136).
HOUSE_SIZE = matrix("""
1   6   8
1/6 1   4
1/8 1/4 1
""")


def test_saaty_1990_house_criteria() -> None:
    weights, cr = ahp(HOUSE)
    assert [round(w, 3) for w in weights] == [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167,
                                              0.333]
    assert round(cr, 3) == 0.169
    lambda_max = 8 + cr * RANDOM_INDEX[8] * 7
    assert round(lambda_max, 3) == 9.669


def test_saaty_1990_house_size_of_three_houses() -> None:
    weights, cr = ahp(HOUSE_SIZE)
    assert [round(w, 3) for w in weights] == [0.754, 0.181, 0.065]
    assert round(3 + cr * RANDOM_INDEX[3] * 2, 3) == 3.136


def test_consistent_judgements_recover_the_weights_exactly() -> None:
    true = [0.5, 0.25, 0.15, 0.1]
    weights, cr = ahp([[a / b for b in true] for a in true])
    assert weights == pytest.approx(true, abs=1e-12)
    assert cr == pytest.approx(0.0, abs=1e-9)


def test_two_criteria_are_always_consistent() -> None:
    weights, cr = ahp([[1, 3], [1 / 3, 1]])
    assert weights == pytest.approx([0.75, 0.25])
    assert cr == 0.0
    assert consistency_ratio(2.0, 2) == 0.0


def test_not_reciprocal_is_refused() -> None:
    with pytest.raises(ValueError, match="reciprocal"):
        ahp([[1, 3], [3, 1]])


def test_most_inconsistent_names_the_contradicting_judgement() -> None:
    # Consistent with weights 8:4:2:1 except one judgement: item 1 over item 3 given as
    # 1/4 where the others imply 4.
    true = [8.0, 4.0, 2.0, 1.0]
    m = [[a / b for b in true] for a in true]
    m[0][2], m[2][0] = 1 / 4, 4.0
    weights, cr = ahp(m)
    assert cr > 0.10
    i, j, implied = most_inconsistent(m, weights)
    assert (i, j) == (0, 2)
    assert implied == pytest.approx(weights[0] / weights[2])


def test_scenario_judgements_become_the_weights(write: Callable[[str, str], Path]) -> None:
    pack = load_pack(ROBUST_PACK)
    path = write("s.yaml", """
        format: crossroads.scenario/1
        id: s
        title: T
        subject: S
        pack: robust
        pairwise:
          - [c1, c2, 2]
          - {a: c1, b: c3, ratio: 4}
          - [c2, c3, 2]
        """)
    result = score(pack, load_scenario(path))
    assert result.weights == pytest.approx({"c1": 4 / 7, "c2": 2 / 7, "c3": 1 / 7})
    assert not result.warnings
    assert any(a.value == "AHP" for a in result.assumptions)


def test_inconsistent_judgements_warn_on_stderr_and_still_score(cli: Callable[..., Run]
                                                                ) -> None:
    run = cli("score", DATA / "robust-scenarios" / "ahp.yaml", "--pack", ROBUST_PACK)
    assert run.code == 0
    # Three criteria: the contradiction is spread evenly, so all three are named as a tie.
    assert "ahp.yaml:10:5: warning: pairwise judgements are inconsistent (consistency ratio " \
           "0.14 > 0.10); these 3 are equally at odds: c1 vs c2 = 3" in run.err
    assert "Base-case leader:" in run.out


def test_weights_option_overrides_the_judgements(cli: Callable[..., Run]) -> None:
    run = cli("score", DATA / "robust-scenarios" / "ahp.yaml", "--pack", ROBUST_PACK,
              "--weights", "c1=1")
    assert run.code == 0
    assert "inconsistent" not in run.err


@pytest.mark.parametrize(
    ("lines", "where", "message"),
    [
        pytest.param("  - [c1, c2]\n", "s.yaml:7:5", "a judgement must be [criterion_a, "
                     "criterion_b, ratio]", id="short"),
        pytest.param("  - [c1, c2, 12]\n", "s.yaml:7:14", "outside Saaty's scale", id="scale"),
        pytest.param("  - [c1, c2, lots]\n", "s.yaml:7:14", "ratio must be a number",
                     id="not-a-number"),
        pytest.param("  - [c1, c1, 3]\n", "s.yaml:7:5", "compared with itself", id="self"),
        pytest.param("  - [c1, c2, 3]\n  - [c2, c1, 1/3]\n", "s.yaml:8:5",
                     "'c2' and 'c1' are compared twice (first at line 7)", id="twice"),
        pytest.param("  - {a: c1, b: c2, ratoi: 3}\n", "s.yaml:7:", "unknown key 'ratoi'",
                     id="mapping-typo"),
        pytest.param("  - [c1, c2, 3]\n  - [c1, c3, 3]\n", "s.yaml:1:1",
                     "missing: c2 vs c3", id="incomplete"),
        pytest.param("  - [c1, c2, 3]\n  - [c1, c3, 3]\n  - [c2, c4, 3]\n", "s.yaml:9:5",
                     "unknown criterion 'c4' in pairwise", id="unknown-criterion"),
        pytest.param("  - [c1, c2, 3]\npriorities: {c1: 1}\n", "s.yaml:7:3", "give either "
                     "`priorities` or `pairwise`, not both", id="both"),
    ],
)
def test_bad_pairwise_judgements(cli: Callable[..., Run], write: Callable[[str, str], Path],
                                 lines: str, where: str, message: str) -> None:
    path = write("s.yaml", "format: crossroads.scenario/1\nid: s\ntitle: T\nsubject: S\n"
                 "pack: robust\npairwise:\n" + lines)
    run = cli("score", path, "--pack", ROBUST_PACK)
    assert run.code == 2, run
    assert "Traceback" not in run.err
    assert where in run.err and message in run.err, run.err
    assert "hint:" in run.err


def test_a_contradiction_spread_over_three_pairs_is_a_tie_whatever_the_last_digits() -> None:
    from crossroads.core.ahp import inconsistency_ranking

    # Sov 3x Econ, Sov 5x Stab, Stab 3x Econ: with three criteria the eigenvector is the
    # row geometric mean, so all three log errors are equal in exact arithmetic.
    matrix = [[1, 3, 5], [1 / 3, 1, 1 / 3], [1 / 5, 3, 1]]
    weights, _ = ahp(matrix)
    for noise in (0.0, 1e-15, -1e-15, 3e-14):
        nudged = [w * (1 + noise * k) for k, w in enumerate(weights)]
        assert [(i, j) for i, j, _ in inconsistency_ranking(matrix, nudged)] == \
            [(0, 1), (0, 2), (1, 2)]


def test_a_real_outlier_among_four_criteria_is_named_alone() -> None:
    from crossroads.core.ahp import inconsistency_ranking

    # Consistent weights 8:4:2:1 except one judgement reversed (c1 vs c4 = 1/8).
    w = [8, 4, 2, 1]
    matrix = [[w[i] / w[j] for j in range(4)] for i in range(4)]
    matrix[0][3], matrix[3][0] = 1 / 8, 8
    weights, _ = ahp(matrix)
    assert [(i, j) for i, j, _ in inconsistency_ranking(matrix, weights)] == [(0, 3)]


@pytest.mark.parametrize(("ratio", "shown"), [(0.1004, "0.1004"), (0.1, "0.10"),
                                              (0.0996, "0.10"), (0.25, "0.25"),
                                              (0.1049, "0.105")])
def test_the_shown_ratio_never_contradicts_the_verdict(ratio: float, shown: str) -> None:
    from crossroads.core.ahp import CR_THRESHOLD, show_consistency_ratio

    assert show_consistency_ratio(ratio) == shown
    assert (float(show_consistency_ratio(ratio)) > CR_THRESHOLD) == (ratio > CR_THRESHOLD)
