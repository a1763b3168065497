"""What a robustness analysis tells a briefing: how sure, and what would change the answer.

Kept apart from the analysis itself so that reports can depend on these small types
without importing numpy or the sampling code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from crossroads.core.confidence import Confidence
from crossroads.robustness.recommendation import Recommendation
from crossroads.robustness.voi_result import ValueOfInformation

if TYPE_CHECKING:  # numpy comes with it; a summary is read without it
    from crossroads.robustness.assumptions import KeyAssumptions



@dataclass(frozen=True, slots=True)
class Driver:
    """One uncertain factor moved alone across its range (one-way / tornado analysis)."""

    factor: str  # factor id
    label: str
    low: Any  # the range tested (scenario values, labels for level factors)
    high: Any
    margin_low: float  # the leader's score margin over the best other option at `low`
    margin_high: float  # ... and at `high`
    break_even: Any | None  # the factor value at which the leader changes, if it does
    new_leader: str | None  # the option that leads beyond the break-even value

    @property
    def swing(self) -> float:
        return abs(self.margin_high - self.margin_low)


@dataclass(frozen=True, slots=True)
class OptionSpread:
    """How one option fares across the draws: how often it ranks first, how wide its score."""

    option: str  # option id
    first: float  # share of draws in which it ranks first
    low: float  # 5th percentile of its score over the draws
    high: float  # 95th percentile


@dataclass(frozen=True, slots=True)
class Robustness:
    """Summary of a sensitivity run for one scenario."""

    draws: int
    seed: int
    leader: str  # the base-case leader: first at the scenario's own values
    first_rank_acceptability: float  # share of draws in which the base-case leader is first
    confidence: str  # ICD 203 confidence (sources and reasoning), never from the draws
    drivers: tuple[Driver, ...]  # largest swing first
    options: tuple[OptionSpread, ...] = ()  # in the base ranking's order
    robustness: str = ""  # ICD 203 likelihood words: the recommended option stays first
    recommendation: Recommendation | None = None  # what the draws support (modal option)
    judgement: Confidence | None = None  # the inputs behind `confidence`
    # The sources of uncertainty the draws actually varied (source names, in the order
    # reports list them); a chart caption names them.
    varied: tuple[str, ...] = ()
    key_assumptions: KeyAssumptions | None = None  # what the recommendation rests on
    # EVPI and each input's EVPPI: what is worth finding out before deciding.
    value_of_information: ValueOfInformation | None = None
