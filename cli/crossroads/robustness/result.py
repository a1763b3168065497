"""The result of a sensitivity run: what the draws say, kept apart from how they were drawn."""

from __future__ import annotations

from dataclasses import dataclass, field

from crossroads.core.confidence import Confidence
from crossroads.core.engine import Result
from crossroads.core.errors import Problem
from crossroads.robustness.assumptions import KeyAssumptions
from crossroads.robustness.breakeven import OneWay, WeightInterval
from crossroads.robustness.consistency import Consistency
from crossroads.robustness.precision import (
    PRECISION,
    agresti_coull_error,
    draws_for_precision,
    robustness_words,
)
from crossroads.robustness.recommendation import Recommendation
from crossroads.robustness.summary import Driver, OptionSpread, Robustness
from crossroads.robustness.voi_result import ValueOfInformation


@dataclass(frozen=True, slots=True)
class SourceShare:
    """One source of uncertainty: whether it was varied, on defaults, its variance share."""

    source: str  # weights | facts | points | risks | risk_aversion | judgement_factors
    included: bool
    uses_defaults: bool  # the range comes (partly) from a documented default
    variance: float  # variance of the base-case leader's margin when varied alone
    share: float  # variance / sum over included sources (0 when none varies)


@dataclass(frozen=True)
class Sensitivity:
    """The full result of a sensitivity run (see :mod:`crossroads.robustness.analysis`)."""

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
    leader: str  # the base-case leader (first at the stated values)
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
    recommendation: Recommendation | None = None
    judgement: Confidence | None = None  # ICD 203 confidence on sources and reasoning
    sources: tuple[SourceShare, ...] = ()
    judgement_factors: tuple[str, ...] = ()  # judged factors varied as the scenario states
    # Measured or judged factors held at one value: the scenario states no doubt about them.
    held_factors: tuple[str, ...] = ()
    consistency: Consistency | None = None  # draws redrawn to respect the constraints
    key_assumptions: KeyAssumptions | None = None  # the recommendation's linchpins
    # First-place shares of the same draws without any default range (stated ones only).
    stated_only: dict[str, float] = field(default_factory=dict)
    stated_recommendation: Recommendation | None = None
    # EVPI and each input's EVPPI: what is worth finding out before deciding.
    value_of_information: ValueOfInformation | None = None

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Warnings from scoring the base scenario (the draws add none)."""
        return self.base.warnings

    @property
    def first_rank_acceptability(self) -> float:
        """Share of draws in which the base-case leader ranks first."""
        return self.acceptability[self.leader][0]

    @property
    def recommended(self) -> str:
        """The option the draws support: first in the most draws."""
        return self.recommendation.modal if self.recommendation else self.leader

    @property
    def support(self) -> float:
        """The recommended option's first-place share, exact ties for first counted half.

        The engine breaks exact ties by option id, which says nothing about the options;
        a pack that scores two options identically must not read as a robust choice.
        """
        share = self.acceptability[self.recommended][0]
        return share - self.tied_first / 2 if self.recommended == self.leader else share

    @property
    def robustness(self) -> str:
        """ICD 203 likelihood words for the recommended option staying first, read from the
        share's 95% interval (see :mod:`crossroads.robustness.precision`)."""
        return robustness_words(self.support, self.draws)

    @property
    def confidence(self) -> str:
        """The ICD 203 confidence level (sources and reasoning; never from the draws)."""
        return self.judgement.level if self.judgement else "low"

    @property
    def standard_error(self) -> float:
        """Standard error of the recommended option's first-place share.

        Agresti-Coull (two successes and two failures added), so that a share of 100% in
        10 draws does not claim a standard error of zero.
        """
        return agresti_coull_error(self.acceptability[self.recommended][0], self.draws)

    @property
    def precise(self) -> bool:
        return self.standard_error <= PRECISION

    @property
    def varied(self) -> tuple[str, ...]:
        """The sources of uncertainty that moved the draws, in :data:`SOURCES` order.

        A source chosen but with nothing to vary (no measured fact with a range, no
        judgement with a stated doubt) moved no draw: a report must not say it did.
        """
        measured = set(self.uncertain_factors) - set(self.judgement_factors)
        idle = set() if measured else {"facts"}
        if not self.judgement_factors:
            idle.add("judgement_factors")
        return tuple(s.source for s in self.sources if s.included and s.source not in idle)


def summarise(result: Sensitivity) -> Robustness:
    """The small summary a briefing renders: how sure, the key drivers, what was varied."""
    drivers = tuple(
        Driver(d.factor, d.label, d.low, d.high, d.margin_low, d.margin_high, d.break_even,
               d.new_leader)
        for d in result.one_way)
    spreads = tuple(
        OptionSpread(o, result.acceptability[o][0], *result.score_bands.get(
            o, (result.base_scores[o], result.base_scores[o])))
        for o in result.options)
    return Robustness(result.draws, result.seed, result.leader,
                      result.first_rank_acceptability, result.confidence, drivers, spreads,
                      robustness=result.robustness, recommendation=result.recommendation,
                      judgement=result.judgement, varied=result.varied,
                      key_assumptions=result.key_assumptions,
                      value_of_information=result.value_of_information)


__all__ = ["PRECISION", "Sensitivity", "SourceShare", "agresti_coull_error", "draws_for_precision",
           "summarise"]
