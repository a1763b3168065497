"""The numpy scorer gives the engine's scores on generated packs and scenarios.

Robustness runs score thousands of draws through :class:`VectorScorer`; ``score`` and
``explain`` go through the scalar engine.  A difference between the two (a cap on one
side only, a risk combined differently, a weight applied twice) would make the draws
disagree with the table the analyst reads, so every generated pack is scored both ways
over a batch of generated scenarios, one draw each.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from crossroads.core.engine import evaluate
from crossroads.core.inputs import resolve_factors, resolve_weights
from crossroads.robustness.vectorised import VectorScorer, ranks
from generated import build_pack, build_scenario, factor_values, packs


@given(packs(), st.lists(factor_values, min_size=1, max_size=6),
       st.dictionaries(st.sampled_from(["c0", "c1", "c2", "c3"]), st.integers(0, 9)),
       st.sampled_from([0.0, 0.5, 1.0, 2.5]))
def test_vector_scores_equal_engine_scores(document: dict[str, Any],
                                           scenarios: list[dict[str, Any]],
                                           priorities: dict[str, int],
                                           risk_aversion: float) -> None:
    pack = build_pack(document)
    priorities = {c: float(p) for c, p in priorities.items() if c in pack.criteria}
    if priorities and not any(priorities.values()):
        priorities = {}  # all-zero priorities are refused; the pack's weights apply
    scorer = VectorScorer(pack)
    resolved, weights, engine = [], [], []
    for values in scenarios:
        scenario = build_scenario(values, priorities, risk_aversion)
        factors, _, _ = resolve_factors(pack, scenario)
        w, _ = resolve_weights(pack, scenario)
        resolved.append(factors)
        weights.append([w[c] for c in scorer.criterion_ids])
        engine.append(evaluate(pack, factors, w, risk_aversion))
    batch = {"x": np.array([f["x"] for f in resolved], dtype=float),
             "level": np.array([f["level"] for f in resolved], dtype=float),  # level order
             "flag": np.array([f["flag"] for f in resolved], dtype=bool)}
    got = scorer.scores(batch, np.array(weights), risk_aversion)
    order = ranks(got, scorer.option_ids)
    assert got.shape == (len(scenarios), len(pack.options))
    for d, ranked in enumerate(engine):
        size = max(1.0, *(abs(o.score) for o in ranked))
        for option in ranked:
            i = scorer.option_ids.index(option.id)
            assert abs(got[d, i] - option.score) <= 1e-9 * size, (d, option.id)
        scores = sorted(o.score for o in ranked)
        if all(b - a > 1e-9 * size for a, b in pairwise(scores)):
            for option in ranked:  # no near-tie: the two orders must agree exactly
                assert order[d, scorer.option_ids.index(option.id)] == option.rank - 1
