"""The numpy path must give the engine's numbers: expressions, performance, risks, scores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from conftest import DATA, TINY_PACK
from crossroads.core.engine import evaluate, score
from crossroads.core.expr import compile_expression
from crossroads.core.expr_vector import compile_vector
from crossroads.core.inputs import resolve_factors, resolve_weights
from crossroads.core.model import Pack
from crossroads.io.loader import load_pack
from crossroads.io.scenario_file import load_scenario
from crossroads.robustness.vectorised import VectorScorer, ranks

ROBUST_PACK = DATA / "robust-pack"
SCENARIOS = DATA / "robust-scenarios"


def random_values(pack: Pack, rng: np.random.Generator, draws: int) -> dict[str, Any]:
    """Every number and level factor drawn across its whole range (levels as floats)."""
    out: dict[str, Any] = {}
    for f in pack.factors.values():
        if f.kind == "number":
            low = f.minimum if f.minimum is not None else -3.0
            high = f.maximum if f.maximum is not None else 3.0
            out[f.id] = rng.uniform(low, high, draws)
        elif f.kind == "level":
            out[f.id] = rng.integers(0, len(f.labels), draws).astype(float)
    return out


def scalar_values(pack: Pack, vector: dict[str, Any], fixed: dict[str, Any], d: int
                  ) -> dict[str, Any]:
    values = dict(fixed)
    for k, v in vector.items():
        values[k] = int(v[d]) if pack.factors[k].kind == "level" else float(v[d])
    return values


@pytest.mark.parametrize("text", [
    'x > 0.3 and p >= "medium"',
    'not (x > 0.3) or p == "extreme"',
    "0.2 < x <= 0.8",
    'p in ["medium", "high"]',
    'p not in ["low"]',
    'case in ["tie", "mixed"] and not flag',
    '2 if p >= "high" else -1',
    "min(4, 10 * x) - max(y, 0, x)",
    "clamp(y * 3, -1, 2.5) + abs(y)",
    "round(x * 7, 1) ** 2 + round(y)",
    "sqrt(x) + log(1 + x)",
    "x // 0.25 + x % 0.25 - y / 2",
    "-y + +x",
    "flag == false",
])
def test_vector_expressions_match_scalar(text: str) -> None:
    pack = load_pack(ROBUST_PACK)
    kind = "number" if any(s in text for s in ("min(", "clamp", "round", "sqrt", "//", "-y",
                                               " if ")) else "bool"
    expr, problems = compile_expression(text, kind, pack.factors, pack.location)
    assert expr is not None, problems
    vector_fn = compile_vector(expr, pack.factors)
    rng = np.random.default_rng(3)
    draws = 300
    values = random_values(pack, rng, draws)
    fixed = {"case": "mixed", "flag": False}
    got = np.broadcast_to(np.asarray(vector_fn({**fixed, **values})), (draws,))
    for d in range(draws):
        want = expr.fn(scalar_values(pack, values, fixed, d))
        assert got[d] == pytest.approx(want, abs=1e-12), (d, text)


@pytest.mark.parametrize("pack_dir", [ROBUST_PACK, TINY_PACK])
def test_vector_scores_equal_engine_scores(pack_dir: Path) -> None:
    pack = load_pack(pack_dir)
    scorer = VectorScorer(pack)
    rng = np.random.default_rng(11)
    draws = 400
    values = random_values(pack, rng, draws)
    weights = rng.dirichlet(np.ones(len(pack.criteria)), draws)
    for fixed in ({"case": "mixed", "flag": False, "status": "member", "csto": False},
                  {"case": "mixed", "flag": True, "status": "none", "csto": True},
                  {"case": "dominant", "flag": False, "status": "observer", "csto": False}):
        fixed = {k: v for k, v in fixed.items() if k in pack.factors}
        scores = scorer.scores({**fixed, **values}, weights, 1.5)
        order = ranks(scores, scorer.option_ids)
        for d in range(0, draws, 7):
            w = dict(zip(scorer.criterion_ids, weights[d], strict=True))
            ranked = evaluate(pack, scalar_values(pack, values, fixed, d), w, 1.5)
            for option in ranked:
                i = scorer.option_ids.index(option.id)
                assert scores[d, i] == pytest.approx(option.score, abs=1e-9)
                assert order[d, i] == option.rank - 1


def test_vector_path_agrees_with_score_on_a_scenario() -> None:
    pack = load_pack(ROBUST_PACK)
    scenario = load_scenario(SCENARIOS / "mixed.yaml")
    values, _, _ = resolve_factors(pack, scenario)
    weights, _ = resolve_weights(pack, scenario)
    result = score(pack, scenario)
    scorer = VectorScorer(pack)
    vector = {k: float(v) if pack.factors[k].kind == "level" else v for k, v in values.items()}
    got = scorer.scores(vector, np.array([[weights[c] for c in scorer.criterion_ids]]),
                        result.risk_aversion)[0]
    for option in result.options:
        assert got[scorer.option_ids.index(option.id)] == pytest.approx(option.score, abs=1e-9)


def test_ties_rank_by_option_id_like_the_engine() -> None:
    scores = np.array([[1.0, 2.0, 2.0], [0.0, 0.0, 0.0]])
    assert ranks(scores, ["c", "b", "a"]).tolist() == [[2, 1, 0], [2, 1, 0]]


# Texts the scalar parser accepts only because it parses inside brackets (issue 25, item 6),
# and texts both must refuse.  The vector compiler must accept exactly the same set.
ACCEPTANCE_CORPUS = [
    "x >= 0.5\nand y < 0.2",  # a two-line `when: |` block
    "x >= 0.5 # a comment\n",  # a comment, then a newline
    "x > 0.5) or (x < 0.2",  # balanced only inside the wrapper
    "  x > 0.1  ",
    "(x > 0.1",
    "x > 0.1)",
    "x >",
    "import os",
    "x > 0.1; y",
    "x > 0.1\n  # trailing comment only",
    "x\n>\n0.5",
    "lambda: 1",
]


@pytest.mark.parametrize("text", ACCEPTANCE_CORPUS)
def test_vector_and_scalar_accept_the_same(text: str) -> None:
    pack = load_pack(ROBUST_PACK)
    expr, _ = compile_expression(text, "bool", pack.factors, pack.location)
    if expr is None:
        return  # refused by the scalar parser: never reaches the vector compiler
    vector_fn = compile_vector(expr, pack.factors)  # must not raise SyntaxError
    rng = np.random.default_rng(5)
    values = random_values(pack, rng, 50)
    got = np.broadcast_to(np.asarray(vector_fn({"case": "mixed", "flag": False, **values})),
                          (50,))
    for d in range(50):
        assert bool(got[d]) == expr.fn(scalar_values(pack, values, {"case": "mixed",
                                                                     "flag": False}, d))
