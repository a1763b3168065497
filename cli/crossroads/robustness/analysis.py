"""How robust is a recommendation?  Monte Carlo over every source of uncertainty, one-way
ranges, weight stability intervals.  Users' documentation: docs/explanation/robustness.md.

Sources varied (all by default; :mod:`crossroads.robustness.sources` has the details):

* **weights** (SMAA-2, Lahdelma & Salminen 2001): with no priorities, uniform on the
  simplex (Dirichlet(1, ..., 1)); with priorities (direct or AHP) a Dirichlet centred on
  them, ``alpha = CONCENTRATION * w``, so each weight's standard deviation is
  ``sqrt(w (1 - w) / (CONCENTRATION + 1))``.  Criteria given weight 0 stay at 0.
* **facts**: each number factor with a range drawn uniformly within it; each level factor
  with a range uniformly over the labels from low to high.
* **points**, **risks** (likelihoods and impacts), **risk aversion** and **judgement
  factors** (level factors without a range or a cited source, ± one level).

Outputs: rank acceptability, pairwise wins, the recommendation (the option first in the
most draws, a close call when that is not the base-case leader or no option is first in
more than half the draws), the same run without default ranges, each source's share of the
variance of the base-case leader's margin (one source varied at a time), one-way ranges
with break-even values and weight stability.  Draws come from generators seeded from
``seed``, one per source, so a source's draws do not depend on which others are varied.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

import numpy as np

from crossroads.core.confidence import judge_confidence
from crossroads.core.engine import score
from crossroads.core.estimative import likelihood_words, percent_text
from crossroads.core.inputs import MOVABLE_KINDS
from crossroads.core.model import Factor, FactorNature, Pack, Scenario
from crossroads.robustness.assumptions import KeyAssumptions, check_assumptions, modal_option
from crossroads.robustness.breakeven import (
    OneWay,
    judgement_one_way,
    one_way_analysis,
    risk_aversion_one_way,
    vector_values,
    weight_stability,
)
from crossroads.robustness.consistency import Consistency, ConstraintCheck
from crossroads.robustness.defaults import DEFAULT_DRAWS, DEFAULT_SEED
from crossroads.robustness.memory import MAX_CHUNK, check_memory, chunk_size
from crossroads.robustness.recommendation import recommend, with_stated_only
from crossroads.robustness.result import (
    PRECISION,
    Sensitivity,
    SourceShare,
    draws_for_precision,
)
from crossroads.robustness.sources import (
    SOURCES,
    Plan,
    draw_judgements,
    draw_perturbation,
    held_factors,
    judgement_factors,
    risk_aversion_range,
)
from crossroads.robustness.tally import Tally
from crossroads.robustness.vectorised import FloatArray, Perturbation, VectorScorer, ranks
from crossroads.robustness.voi import with_not_valued
from crossroads.robustness.voi_inputs import Drawn
from crossroads.robustness.what_if_batch import DrawBatch

__all__ = ["CONCENTRATION", "analyse", "estimative_words"]

# Dirichlet concentration around stated priorities: a weight of 0.25 then has a standard
# deviation of about 0.06 (90% of draws within roughly 0.15-0.35).
CONCENTRATION = 50.0
CHUNK = MAX_CHUNK  # draws evaluated together at most; robustness.memory may choose fewer

SHARE_DRAWS = 2_000  # draws of each one-source run behind the variance shares
ASSUMPTION_DRAWS = 2_000  # draws each variant of the key assumptions check is scored on

Progress = Callable[[int, int], None]


def estimative_words(probability: float) -> str:
    """The ICD 203 phrase for a probability, e.g. 0.85 → "very likely"."""
    return likelihood_words(probability)


class _Inputs:
    """Everything one scenario's runs share: the base scores and the compiled scorer."""

    def __init__(self, pack: Pack, scenario: Scenario,
                 scorer: VectorScorer | None = None) -> None:
        self.pack, self.scenario = pack, scenario
        self.base = score(pack, scenario)  # validates everything and fixes the leader
        self.values = self.base.values
        # Compiling the pack costs ~20 ms; views of one pack (a panel) share the compiled one.
        self.scorer = scorer or VectorScorer(pack)
        self.leader = self.scorer.option_ids.index(self.base.leader.id)
        self.base_w = np.array([self.base.weights[c] for c in self.scorer.criterion_ids])
        self.has_priorities = bool(scenario.priorities or scenario.judgements)
        self.uncertain = uncertain_factors(pack, scenario)
        # Ranges of measured facts are the "facts" source; a judged factor's stated doubt
        # (a range or p_wrong) is the "judgement_factors" source.
        self.measured = [f for f in self.uncertain if f.nature != FactorNature.JUDGED]
        self.judged_ranges = [f for f in self.uncertain if f.nature == FactorNature.JUDGED]
        self.judgement = judgement_factors(pack, scenario)
        self.held = held_factors(pack, scenario)
        self.constraints = ConstraintCheck(pack, self.values)
        self.consistency: Consistency | None = None  # of the last full run's draws

    def draw(self, plan: Plan, draws: int, seed: int, concentration: float
             ) -> tuple[FloatArray, dict[str, Any], Perturbation, Consistency]:
        rng_w, rng_f, rng_p, rng_j = (np.random.default_rng(s) for s in
                                      np.random.SeedSequence(seed).spawn(4))
        if plan.has("weights"):
            weights = (draw_weights(rng_w, self.base_w, draws, concentration)
                       if self.has_priorities else
                       draw_uniform_weights(rng_w, len(self.base_w), draws))
        else:
            weights = np.broadcast_to(self.base_w, (draws, len(self.base_w)))
        values: dict[str, Any] = vector_values(self.pack, self.values)

        def varied_values(count: int) -> dict[str, Any]:
            out: dict[str, Any] = {}
            if plan.has("facts"):
                out.update(draw_facts(rng_f, self.pack, self.scenario, self.measured, count))
            if plan.has("judgement_factors"):
                out.update(draw_facts(rng_j, self.pack, self.scenario, self.judged_ranges,
                                      count))
                out.update(draw_judgements(rng_j, self.scenario, self.judgement, self.values,
                                           count))
            return out

        drawn = varied_values(draws)
        values.update(drawn)
        stated = vector_values(self.pack, self.values)
        consistency = self.constraints.enforce(
            values, {name: stated[name] for name in drawn}, draws, varied_values)
        perturbation = draw_perturbation(rng_p, self.pack, self.scenario, self.scorer,
                                         self.base.risk_aversion, draws, plan)
        return weights, values, perturbation, consistency

    def run(self, plan: Plan, draws: int, seed: int, concentration: float,
            progress: Progress | None = None) -> Tally:
        weights, values, perturbation, consistency = self.draw(plan, draws, seed,
                                                               concentration)
        options = self.scorer.option_ids
        tally = Tally(len(options), self.leader, consistency)
        # Measured facts with a range are "facts"; every other drawn factor is judged.
        tally.drawn = Drawn(self.pack, self.scenario, np.asarray(weights), values, perturbation,
                            tuple(self.scorer.criterion_ids), tuple(self.scorer.event_kinds),
                            frozenset(f.id for f in self.measured), draws)
        step = min(CHUNK, chunk_size(self.pack))
        for start in range(0, draws, step):
            stop = min(draws, start + step)
            scores = self.scorer.scores(
                _slice(values, draws, start, stop), np.ascontiguousarray(weights[start:stop]),
                self.base.risk_aversion, _slice_perturbation(perturbation, start, stop))
            tally.add(scores, ranks(scores, options))
            if progress is not None:
                progress(stop, draws)
        return tally


def analyse(
    pack: Pack,
    scenario: Scenario,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    *,
    vary_weights: bool = True,
    vary_facts: bool = True,
    sources: Iterable[str] | None = None,
    shares: bool = True,
    concentration: float = CONCENTRATION,
    progress: Progress | None = None,
    assumptions: bool = True,
    value_of_information: bool = True,
) -> Sensitivity:
    """Run the sensitivity analysis of *scenario* (raises InputError on bad input).

    *sources* limits what is varied (default: all of :data:`SOURCES`); ``vary_weights``
    and ``vary_facts`` remove those two.  *shares* runs one source at a time for the
    variance shares (``SHARE_DRAWS`` draws each).  *assumptions* runs the key
    assumptions check on the recommended option (:mod:`crossroads.robustness.assumptions`);
    *value_of_information* adds the EVPI and each input's EVPPI
    (:mod:`crossroads.robustness.voi`) from the first ``BAND_SAMPLE`` draws.
    """
    if draws < 1:
        raise ValueError("draws must be at least 1")
    check_memory(pack, draws)
    chosen = set(SOURCES if sources is None else sources)
    unknown = chosen - set(SOURCES)
    if unknown:
        raise ValueError(f"unknown uncertainty source(s): {', '.join(sorted(unknown))}")
    if not vary_weights:
        chosen.discard("weights")
    if not vary_facts:
        chosen.discard("facts")
    inputs = _Inputs(pack, scenario)
    base, scorer = inputs.base, inputs.scorer
    options, leader = scorer.option_ids, base.leader.id

    started = time.perf_counter()
    tally = inputs.run(Plan(frozenset(chosen)), draws, seed, concentration, progress)
    engine_seconds = time.perf_counter() - started
    stated = inputs.run(Plan(frozenset(chosen), defaults=False), draws, seed, concentration)
    voi = tally.value_of_information(
        options, [scorer.option_ids.index(o.id) for o in base.options]
    ) if value_of_information else None

    notes: list[str] = []
    if "facts" in chosen and not inputs.measured:
        notes.append("no measured fact has a range in the scenario: facts were not varied")
    consistency = tally.consistency
    if consistency.redrawn:
        notes.append(f"{percent_text(consistency.redrawn)} of the draws broke one of the "
                     "pack's constraints and were drawn again"
                     + (f"; {percent_text(consistency.fallback)} took the stated values"
                        if consistency.fallback else ""))
    if tally.tied:
        notes.append(f"in {tally.tied / draws:.1%} of the draws the base-case leader was "
                     "exactly tied for first and led only by option id; those count half")
    order = [o.id for o in base.options]
    index = {o: i for i, o in enumerate(options)}
    acceptability = {o: [float(x) for x in tally.at_rank[index[o]] / draws] for o in order}
    first = {o: acceptability[o][0] for o in order}
    stated_first = {o: float(stated.at_rank[index[o], 0] / draws) for o in order}
    weight_model = ("fixed" if "weights" not in chosen
                    else "dirichlet" if inputs.has_priorities else "uniform")
    result = Sensitivity(
        scenario=scenario.id, pack=pack.id, pack_version=pack.version, draws=draws, seed=seed,
        vary_weights="weights" in chosen, vary_facts="facts" in chosen,
        weight_model=weight_model,
        concentration=concentration if weight_model == "dirichlet" else None,
        options=tuple(order), titles={o.id: o.title for o in base.options},
        base_scores={o.id: o.score for o in base.options}, base_weights=dict(base.weights),
        leader=leader, acceptability=acceptability,
        pairwise_wins={a: {b: float(tally.wins[index[a], index[b]] / draws)
                           for b in order if b != a} for a in order},
        mean_scores={o: float(tally.score_sum[index[o]] / draws) for o in order},
        uncertain_factors=tuple(f.id for f in inputs.uncertain),
        one_way=tuple(sorted(
            [*(one_way_analysis(pack, scenario, inputs.values, base.weights,
                                base.risk_aversion, leader, f, scorer)
               for f in inputs.uncertain),
             *(judgement_one_way(pack, inputs.values, base.weights, base.risk_aversion,
                                 leader, f, scorer) for f in _flipped(inputs, chosen)),
             *_risk_aversion_one_way(inputs, chosen)],
            key=lambda d: (-d.swing, d.factor))),
        weight_intervals=weight_stability(pack, inputs.values, base.weights,
                                          base.risk_aversion, leader),
        engine_seconds=engine_seconds, base=base, tied_first=tally.tied / draws,
        score_bands={o: tally.band(index[o]) for o in order},
        recommendation=recommend(first, order, draws), judgement=judge_confidence(base),
        sources=_source_shares(inputs, chosen, min(draws, SHARE_DRAWS), seed, concentration)
        if shares else _unmeasured(inputs, chosen),
        judgement_factors=tuple(f.id for f in [*inputs.judged_ranges, *inputs.judgement])
        if "judgement_factors" in chosen else (), stated_only=stated_first,
        held_factors=tuple(f.id for f in inputs.held), consistency=consistency,
        stated_recommendation=recommend(stated_first, order, draws),
        value_of_information=voi)
    # Honest headline: when the draws varying only what the files state recommend another
    # option, the bottom line is a close call naming both, and the defaults that differ.
    result = replace(result, recommendation=with_stated_only(
        recommend(first, order, draws), recommend(stated_first, order, draws), first,
        [s.source for s in result.sources if s.included and s.uses_defaults]))
    if assumptions:
        result = replace(result, key_assumptions=_key_assumptions(
            inputs, Plan(frozenset(chosen)), draws, seed, concentration, result.recommended,
            order))
    if not result.precise:
        share = result.acceptability[result.recommended][0]
        notes.append(f"too few draws for ±{PRECISION:.0%} precision: the first-place share "
                     f"{share:.3f} has a standard error of {result.standard_error:.3f}; run "
                     f"at least {draws_for_precision(share):,} draws")
    if voi is not None:
        voi = with_not_valued(voi, result.one_way, result.held_factors, result.key_assumptions
                              .linchpins if result.key_assumptions is not None else ())
    return replace(result, notes=tuple(notes), value_of_information=voi)


def _key_assumptions(inputs: _Inputs, plan: Plan, draws: int, seed: int, concentration: float,
                     recommended: str, order: list[str]) -> KeyAssumptions:
    """The key assumptions check over a sample of the run's draws (same seed and plan).

    A sample of :data:`ASSUMPTION_DRAWS` keeps the check fast; when its most frequent
    first option is not the recommended one (a close call the sample reads the other
    way), the check uses the run's own draws, which recommend it by construction.
    """
    for size in dict.fromkeys((min(draws, ASSUMPTION_DRAWS), draws)):
        weights, values, perturbation, _ = inputs.draw(plan, size, seed, concentration)
        batch = DrawBatch(inputs.scorer, values, np.ascontiguousarray(weights),
                          inputs.base.risk_aversion, perturbation)
        if modal_option(batch, order) == recommended or size == draws:
            break
    return check_assumptions(inputs.pack, inputs.scenario, inputs.values, batch, recommended,
                             order)


def _flipped(inputs: _Inputs, chosen: set[str]) -> list[Factor]:
    """Factors the one-way analysis moves besides those with a range: the judged yes/no and
    level factors, one level either way or flipped.  Fixed facts never move (Kazakhstan
    exporting oil, Turkmenistan's neutrality are not uncertainties), nor do measured facts
    without a range: "what would change it" names only what is in doubt."""
    if "judgement_factors" not in chosen:
        return []
    ranged = {f.id for f in inputs.uncertain}
    return [f for f in inputs.pack.factors.values() if f.nature == FactorNature.JUDGED
            and f.kind in MOVABLE_KINDS and f.id not in ranged]


def _risk_aversion_one_way(inputs: _Inputs, chosen: set[str]) -> list[OneWay]:
    """Risk aversion across the range the draws use, when it is varied and can move."""
    stated = inputs.base.risk_aversion
    (low, high), _ = risk_aversion_range(inputs.pack, inputs.scenario, stated)
    if "risk_aversion" not in chosen or high <= low:
        return []
    return [risk_aversion_one_way(inputs.pack, inputs.values, inputs.base.weights, stated,
                                  inputs.base.leader.id, low, high)]


def _uses_defaults(inputs: _Inputs, source: str) -> bool:
    pack, declared = inputs.pack, inputs.pack.uncertainty.declared
    if source == "points":
        return "points" not in declared and any(r.uncertainty is None for r in pack.rules)
    if source == "risks":
        return "impact" not in declared or ("likelihood" not in declared and any(
            r.uncertainty is None for r in pack.risk_rules))
    if source == "risk_aversion":
        return not risk_aversion_range(pack, inputs.scenario, inputs.base.risk_aversion)[1]
    return False


def _unmeasured(inputs: _Inputs, chosen: set[str]) -> tuple[SourceShare, ...]:
    return tuple(SourceShare(s, s in chosen, _uses_defaults(inputs, s), 0.0, 0.0)
                 for s in SOURCES)


def _source_shares(inputs: _Inputs, chosen: set[str], draws: int, seed: int,
                   concentration: float) -> tuple[SourceShare, ...]:
    """Variance of the base-case leader's margin with each source varied alone."""
    variances = {s: inputs.run(Plan(frozenset({s})), draws, seed, concentration).margin_variance
                 if s in chosen else 0.0 for s in SOURCES}
    total = sum(variances.values())
    return tuple(SourceShare(s, s in chosen, _uses_defaults(inputs, s), variances[s],
                             variances[s] / total if total > 0 else 0.0) for s in SOURCES)


def _slice(values: dict[str, Any], draws: int, start: int, stop: int) -> dict[str, Any]:
    return {k: (v[start:stop] if isinstance(v, np.ndarray) and v.ndim == 1
                and v.shape[0] == draws else v) for k, v in values.items()}


def _slice_perturbation(p: Perturbation, start: int, stop: int) -> Perturbation:
    def cut(a: FloatArray | None) -> FloatArray | None:
        return None if a is None else a[..., start:stop]
    return Perturbation(cut(p.points), cut(p.likelihood), cut(p.impact), cut(p.risk_aversion))


def uncertain_factors(pack: Pack, scenario: Scenario) -> list[Factor]:
    """Number and level factors to which the scenario gives a range, in pack order."""
    out = []
    for factor in pack.factors.values():
        given = scenario.factors.get(factor.id)
        if given is not None and given.has_range and factor.kind.is_ordered:
            out.append(factor)
    return out


def draw_weights(rng: np.random.Generator, centre: FloatArray, draws: int,
                 concentration: float = CONCENTRATION) -> FloatArray:
    """Dirichlet weight vectors with mean *centre*; criteria weighted 0 stay at 0."""
    positive = centre > 0
    out = np.zeros((draws, centre.shape[0]))
    if positive.sum() == 1:
        out[:, positive] = 1.0
    else:
        out[:, positive] = rng.dirichlet(concentration * centre[positive] /
                                         centre[positive].sum(), draws)
    return out


def draw_uniform_weights(rng: np.random.Generator, criteria: int, draws: int) -> FloatArray:
    """Weight vectors uniform on the simplex (SMAA-2's "no preference information")."""
    return rng.dirichlet(np.ones(criteria), draws)


def draw_facts(rng: np.random.Generator, pack: Pack, scenario: Scenario,
               factors: list[Factor], draws: int) -> dict[str, FloatArray]:
    """Values of the uncertain factors for each draw (levels as float ordinals)."""
    out: dict[str, FloatArray] = {}
    for factor in factors:
        given = scenario.factors[factor.id]
        low, high = factor.to_internal(given.low), factor.to_internal(given.high)
        if factor.kind == "number":
            out[factor.id] = rng.uniform(low, high, draws)
        else:
            out[factor.id] = rng.integers(low, high + 1, draws).astype(float)
    return out


def view_draws(pack: Pack, scenario: Scenario, draws: int, seed: int,
               concentration: float = CONCENTRATION, scorer: VectorScorer | None = None
               ) -> tuple[dict[str, float], FloatArray]:
    """The share of draws in which each option comes first, every source varied, and the
    scores of the first ``BAND_SAMPLE`` draws (draws x options, in pack option order).

    The light run a mixture of views needs (a panel's analysts): no stated-only rerun,
    one-way ranges, break-evens or variance shares, just the draws and their tally.
    *scorer*, the pack compiled once, saves recompiling it for each view.
    """
    inputs = _Inputs(pack, scenario, scorer)
    tally = inputs.run(Plan(frozenset(SOURCES)), draws, seed, concentration)
    return ({o: float(tally.at_rank[i, 0] / draws)
             for i, o in enumerate(inputs.scorer.option_ids)}, np.concatenate(tally.sample))


def first_place_shares(pack: Pack, scenario: Scenario, draws: int, seed: int,
                       concentration: float = CONCENTRATION,
                       scorer: VectorScorer | None = None) -> dict[str, float]:
    """The share of draws in which each option comes first (see :func:`view_draws`)."""
    return view_draws(pack, scenario, draws, seed, concentration, scorer)[0]
