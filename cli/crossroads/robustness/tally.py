"""Running counts over the draws of one robustness run, kept chunk by chunk."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from crossroads.robustness.consistency import Consistency
from crossroads.robustness.vectorised import FloatArray
from crossroads.robustness.voi import drawn_value_of_information
from crossroads.robustness.voi_inputs import Drawn
from crossroads.robustness.voi_result import ValueOfInformation

#: The 5-95% score bands come from the first this many draws (the draws are independent,
#: so these are a random sample), keeping memory flat however many draws are asked for.
BAND_SAMPLE = 20_000
BAND_PERCENTILES = (5.0, 95.0)


class Tally:
    """Running counts over chunks of draws: ranks, pairwise wins, scores, ties, margins."""

    def __init__(self, options: int, leader: int, consistency: Consistency) -> None:
        self.leader = leader
        self.consistency = consistency
        self.at_rank = np.zeros((options, options))  # option x rank
        self.wins = np.zeros((options, options))  # row option ranked above column option
        self.score_sum = np.zeros(options)
        self.tied = 0  # draws where the leader is first only by the id tie-break
        self.count = 0
        self.margin_sum = 0.0  # the base-case leader's score minus the best other's
        self.margin_sq = 0.0
        self.sample: list[FloatArray] = []  # the first BAND_SAMPLE draws' scores
        self.sampled = 0
        self.drawn: Drawn | None = None  # what the run drew (the value of information's inputs)

    def add(self, scores: FloatArray, rank: npt.NDArray[np.intp]) -> None:
        for position in range(scores.shape[1]):
            self.at_rank[:, position] += (rank == position).sum(axis=0)
        self.wins += (rank[:, :, None] < rank[:, None, :]).sum(axis=0)
        self.score_sum += scores.sum(axis=0)
        self.count += scores.shape[0]
        if self.sampled < BAND_SAMPLE:
            kept = scores[:BAND_SAMPLE - self.sampled]
            self.sample.append(kept.copy())
            self.sampled += kept.shape[0]
        if scores.shape[1] > 1:
            first = rank[:, self.leader] == 0
            others = np.delete(scores, self.leader, axis=1).max(axis=1)
            self.tied += int((first & (others == scores[:, self.leader])).sum())
            margin = scores[:, self.leader] - others
            self.margin_sum += float(margin.sum())
            self.margin_sq += float((margin * margin).sum())

    def value_of_information(self, option_ids: list[str], order: list[int]
                             ) -> ValueOfInformation | None:
        """EVPI and each input's EVPPI over the sampled draws (None without draws)."""
        if self.drawn is None or not self.sample:
            return None
        return drawn_value_of_information(self.drawn, np.concatenate(self.sample),
                                          option_ids, order)

    def band(self, option: int) -> tuple[float, float]:
        """The option's 5th and 95th percentile score over the sampled draws."""
        scores = np.concatenate([chunk[:, option] for chunk in self.sample])
        low, high = np.percentile(scores, BAND_PERCENTILES)
        return float(low), float(high)

    @property
    def margin_variance(self) -> float:
        if self.count < 2:
            return 0.0
        mean = self.margin_sum / self.count
        return max(self.margin_sq / self.count - mean * mean, 0.0)
