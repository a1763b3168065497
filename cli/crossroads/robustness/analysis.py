"""How robust is a recommendation?  Monte Carlo over weights and facts, one-way ranges,
weight stability intervals.

Method (documented for users in the README, section "robustness"):

* **Weights** (SMAA-2, Lahdelma & Salminen 2001): with no priorities in the scenario,
  weight vectors are drawn uniformly on the simplex (Dirichlet(1, ..., 1)); with
  priorities (direct or AHP) they are drawn from a Dirichlet centred on them,
  ``alpha = CONCENTRATION * w``, so the mean is ``w`` and each weight's standard deviation
  is ``sqrt(w (1 - w) / (CONCENTRATION + 1))``.  Criteria given weight 0 stay at 0.
* **Facts**: each number factor with a range in the scenario is drawn uniformly within it;
  each level factor with a range uniformly over the labels from low to high.  The rules are
  re-evaluated for every draw.
* **Outputs**: rank acceptability (share of draws with each option at each rank), the
  chance the recommended option stays first, pairwise winning probabilities, a one-way
  (tornado) analysis of each uncertain factor with its break-even value, and how far each
  weight can move (others rescaled proportionally) before the leader changes.

Draws come from ``numpy.random.default_rng(seed)`` in a fixed order, so the same seed
gives the same numbers, whatever the chunk size.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from crossroads.core.engine import Result, resolve_factors, score
from crossroads.core.errors import Problem
from crossroads.core.model import Factor, Pack, Scenario
from crossroads.robustness.breakeven import (
    OneWay,
    WeightInterval,
    one_way_analysis,
    vector_values,
    weight_stability,
)
from crossroads.robustness.summary import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    Driver,
    OptionSpread,
    Robustness,
)
from crossroads.robustness.vectorised import FloatArray, VectorScorer, ranks

SCHEMA = "crossroads.sensitivity/1"
# Dirichlet concentration around stated priorities: a weight of 0.25 then has a standard
# deviation of about 0.06 (90% of draws within roughly 0.15-0.35).
CONCENTRATION = 50.0
#: The 5-95% score bands come from the first this many draws (the draws are independent,
#: so these are a random sample), keeping memory flat however many draws are asked for.
BAND_SAMPLE = 20_000
BAND_PERCENTILES = (5.0, 95.0)
CHUNK = 2_500  # draws evaluated together; bounds memory at options x criteria x CHUNK floats
# Confidence in the recommendation from the leader's first-rank acceptability.
CONFIDENCE_THRESHOLDS = ((0.90, "high"), (0.70, "moderate"), (0.0, "low"))

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Sensitivity:
    """The full result of a sensitivity run (see the module docstring for the method)."""

    scenario: str
    pack: str
    pack_version: str
    draws: int
    seed: int
    vary_weights: bool
    vary_facts: bool
    weight_model: str  # "dirichlet" around priorities, "uniform" on the simplex, or "fixed"
    concentration: float | None
    options: tuple[str, ...]  # in the order of the base ranking
    titles: dict[str, str]
    base_scores: dict[str, float]
    base_weights: dict[str, float]
    leader: str
    acceptability: dict[str, list[float]]  # option → share at rank 1, 2, ...
    pairwise_wins: dict[str, dict[str, float]]  # P(row option ranks above column option)
    mean_scores: dict[str, float]
    uncertain_factors: tuple[str, ...]
    one_way: tuple[OneWay, ...]  # largest swing first
    weight_intervals: tuple[WeightInterval, ...]
    engine_seconds: float
    base: Result  # the scenario scored at its stated values (what the draws vary around)
    tied_first: float = 0.0  # share of draws in which the leader is first only by id order
    # Each option's 5th and 95th percentile score over the draws (see BAND_SAMPLE).
    score_bands: dict[str, tuple[float, float]] = field(default_factory=dict)
    notes: tuple[str, ...] = field(default=())

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Warnings from scoring the base scenario (the draws add none)."""
        return self.base.warnings

    @property
    def first_rank_acceptability(self) -> float:
        return self.acceptability[self.leader][0]

    @property
    def support(self) -> float:
        """First-rank acceptability with exact ties for first counted as half a win.

        The engine breaks exact ties by option id, which says nothing about the options;
        a pack that scores two options identically must not read as a confident choice.
        """
        return self.first_rank_acceptability - self.tied_first / 2

    @property
    def confidence(self) -> str:
        return confidence_label(self.support)

    @property
    def likelihood_words(self) -> str:
        return estimative_words(self.support)


def confidence_label(first_rank: float) -> str:
    """high ≥ 0.90 > moderate ≥ 0.70 > low, from the share of draws the leader stays first."""
    for threshold, label in CONFIDENCE_THRESHOLDS:
        if first_rank >= threshold:
            return label
    return CONFIDENCE_THRESHOLDS[-1][1]


def estimative_words(probability: float) -> str:
    """The ICD 203 phrase for a probability, e.g. 0.85 → "very likely".

    One scale for the whole tool: the briefing's (boundary values lean toward even chance).
    """
    from crossroads.core.estimative import likelihood_words

    return likelihood_words(probability)


def analyse(
    pack: Pack,
    scenario: Scenario,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    *,
    vary_weights: bool = True,
    vary_facts: bool = True,
    concentration: float = CONCENTRATION,
    progress: Progress | None = None,
) -> Sensitivity:
    """Run the sensitivity analysis of *scenario* (raises InputError on bad input)."""
    if draws < 1:
        raise ValueError("draws must be at least 1")
    base = score(pack, scenario)  # validates everything and fixes the leader
    values, _, _ = resolve_factors(pack, scenario)
    weights = base.weights
    risk_aversion = base.risk_aversion
    scorer = VectorScorer(pack)
    options = scorer.option_ids
    leader = base.leader.id
    uncertain = uncertain_factors(pack, scenario)
    base_w = np.array([weights[c] for c in scorer.criterion_ids])
    has_priorities = bool(scenario.priorities or scenario.judgements)

    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    notes: list[str] = []
    if vary_weights:
        weight_model = "dirichlet" if has_priorities else "uniform"
        drawn_w = (draw_weights(rng, base_w, draws, concentration) if has_priorities
                   else draw_uniform_weights(rng, len(base_w), draws))
    else:
        weight_model = "fixed"
        drawn_w = np.broadcast_to(base_w, (draws, len(base_w)))
    drawn_values: dict[str, Any] = vector_values(pack, values)
    if vary_facts:
        drawn_values.update(draw_facts(rng, pack, scenario, uncertain, draws))
        if not uncertain:
            notes.append("no factor has a range in the scenario: facts were not varied")

    tally = _Tally(len(options), options.index(leader))
    for start in range(0, draws, CHUNK):
        stop = min(draws, start + CHUNK)
        chunk_values = {k: (v[start:stop] if isinstance(v, np.ndarray) and v.ndim == 1
                            and v.shape[0] == draws else v) for k, v in drawn_values.items()}
        scores = scorer.scores(chunk_values, np.ascontiguousarray(drawn_w[start:stop]),
                               risk_aversion)
        tally.add(scores, ranks(scores, options))
        if progress is not None:
            progress(stop, draws)
    engine_seconds = time.perf_counter() - started
    if tally.tied:
        notes.append(f"in {tally.tied / draws:.1%} of the draws the recommended option was exactly "
                     "tied for first and led only by option id; those count half for the "
                     "confidence")

    order = [o.id for o in base.options]
    index = {o: i for i, o in enumerate(options)}
    one_way = tuple(sorted(
        (one_way_analysis(pack, scenario, values, weights, risk_aversion, leader, f, scorer)
         for f in uncertain), key=lambda d: (-d.swing, d.factor)))
    return Sensitivity(
        scenario=scenario.id, pack=pack.id, pack_version=pack.version, draws=draws, seed=seed,
        vary_weights=vary_weights, vary_facts=vary_facts, weight_model=weight_model,
        concentration=concentration if weight_model == "dirichlet" else None,
        options=tuple(order), titles={o.id: o.title for o in base.options},
        base_scores={o.id: o.score for o in base.options}, base_weights=dict(weights),
        leader=leader,
        acceptability={o: [float(x) for x in tally.at_rank[index[o]] / draws] for o in order},
        pairwise_wins={a: {b: float(tally.wins[index[a], index[b]] / draws)
                           for b in order if b != a} for a in order},
        mean_scores={o: float(tally.score_sum[index[o]] / draws) for o in order},
        uncertain_factors=tuple(f.id for f in uncertain),
        one_way=one_way,
        weight_intervals=weight_stability(pack, values, weights, risk_aversion, leader),
        engine_seconds=engine_seconds, base=base, tied_first=tally.tied / draws, notes=tuple(notes),
        score_bands={o: tally.band(index[o]) for o in order},
    )


class _Tally:
    """Running counts over chunks of draws: ranks, pairwise wins, score sums, ties."""

    def __init__(self, options: int, leader: int) -> None:
        self.leader = leader
        self.at_rank = np.zeros((options, options))  # option x rank
        self.wins = np.zeros((options, options))  # row option ranked above column option
        self.score_sum = np.zeros(options)
        self.tied = 0  # draws where the leader is first only by the id tie-break
        self.sample: list[FloatArray] = []  # the first BAND_SAMPLE draws' scores
        self.sampled = 0

    def add(self, scores: FloatArray, rank: npt.NDArray[np.intp]) -> None:
        for position in range(scores.shape[1]):
            self.at_rank[:, position] += (rank == position).sum(axis=0)
        self.wins += (rank[:, :, None] < rank[:, None, :]).sum(axis=0)
        self.score_sum += scores.sum(axis=0)
        if self.sampled < BAND_SAMPLE:
            kept = scores[:BAND_SAMPLE - self.sampled]
            self.sample.append(kept.copy())
            self.sampled += kept.shape[0]
        if scores.shape[1] > 1:
            first = rank[:, self.leader] == 0
            others = np.delete(scores, self.leader, axis=1).max(axis=1)
            self.tied += int((first & (others == scores[:, self.leader])).sum())

    def band(self, option: int) -> tuple[float, float]:
        """The option's 5th and 95th percentile score over the sampled draws."""
        scores = np.concatenate([chunk[:, option] for chunk in self.sample])
        low, high = np.percentile(scores, BAND_PERCENTILES)
        return float(low), float(high)


def uncertain_factors(pack: Pack, scenario: Scenario) -> list[Factor]:
    """Number and level factors to which the scenario gives a range, in pack order."""
    out = []
    for factor in pack.factors.values():
        given = scenario.factors.get(factor.id)
        if given is not None and given.has_range and factor.kind in ("number", "level"):
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


# -- summary for briefings -----------------------------------------------------------------

def summarise(result: Sensitivity) -> Robustness:
    """The small summary a briefing renders (key drivers, what would change the answer)."""
    drivers = tuple(
        Driver(d.factor, d.label, d.low, d.high, d.margin_low, d.margin_high, d.break_even,
               d.new_leader)
        for d in result.one_way)
    spreads = tuple(
        OptionSpread(o, result.acceptability[o][0], *result.score_bands.get(
            o, (result.base_scores[o], result.base_scores[o])))
        for o in result.options)
    return Robustness(result.draws, result.seed, result.leader,
                      result.first_rank_acceptability, result.confidence, drivers, spreads)


def as_dict(result: Sensitivity) -> dict[str, Any]:
    """The JSON contract ``crossroads.sensitivity/1``."""
    return {
        "schema": SCHEMA,
        "scenario": result.scenario,
        "pack": {"id": result.pack, "version": result.pack_version},
        "draws": result.draws,
        "seed": result.seed,
        "vary": {"weights": result.vary_weights, "facts": result.vary_facts},
        "weight_model": result.weight_model,
        "concentration": result.concentration,
        "leader": result.leader,
        "first_rank_acceptability": result.first_rank_acceptability,
        "tied_first": result.tied_first,
        "confidence": result.confidence,
        "likelihood_words": result.likelihood_words,
        "base_weights": result.base_weights,
        "options": [
            {"id": o, "title": result.titles[o], "base_score": result.base_scores[o],
             "mean_score": result.mean_scores[o], "rank_acceptability": result.acceptability[o],
             "wins_against": result.pairwise_wins[o]}
            for o in result.options],
        "uncertain_factors": list(result.uncertain_factors),
        "one_way": [
            {"factor": d.factor, "label": d.label, "kind": d.kind, "base": d.base,
             "low": d.low, "high": d.high, "margin_low": d.margin_low,
             "margin_high": d.margin_high, "swing": d.swing, "break_even": d.break_even,
             "last_held": d.last_held, "new_leader": d.new_leader}
            for d in result.one_way],
        "weight_stability": [
            {"criterion": w.criterion, "title": w.title, "weight": w.weight,
             "lower": w.lower, "upper": w.upper, "leader_below": w.below,
             "leader_above": w.above}
            for w in result.weight_intervals],
        "engine_seconds": result.engine_seconds,
        "notes": list(result.notes),
    }

