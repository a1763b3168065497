"""What the value of information says, as plain data (no numpy), and its JSON form.

Computed by :mod:`crossroads.robustness.voi`; rendered by the sensitivity reports and the
briefing ("What to find out before deciding").  Values are in the model's value units
(the criteria's common swing is :data:`~crossroads.core.values.VALUE_SWING`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Below this share of the criteria's common swing a value of information is negligible:
#: 0.25% of the swing is 0.05 value units, a quarter of what one rule point on a
#: [-10, 10] criterion carrying a fifth of the weight is worth (0.2 units; the shipped
#: packs state effects in whole points, with one half-point rule).  An expected gain
#: below that is not worth a study.
NEGLIGIBLE_SHARE = 0.0025
#: An estimate must also stand this many standard errors clear of zero to count.
SIGNIFICANCE = 2.0
#: Fewer draws than this value nothing: the regression's fit check needs 30 draws in each
#: tenth of an input's range (:data:`crossroads.robustness.voi.MIN_BIN` times
#: ``CHECK_BINS``), and a standard error from fewer draws is itself too unsure to judge an
#: estimate by.  Reports say the draws are too few and how many to run.
MIN_DRAWS = 300

#: Why nothing is listed as worth finding out (``ValueOfInformation.verdict``), or that
#: something is; an input's :attr:`InputValue.negligible_reason` uses the middle two.
TOO_FEW_DRAWS = "too few draws"
BELOW_THRESHOLD = "below threshold"
WITHIN_NOISE = "within noise"
WORTH = "worth"


@dataclass(frozen=True, slots=True)
class InputValue:
    """The expected value of partial perfect information (EVPPI) of one input or group."""

    id: str  # "fact:<factor>", "judged:<factor>", "weight:<criterion>", "group:weights", …
    label: str
    source: str  # facts | judged | weights | points | risks | risk_aversion | group | …
    indicator: str  # what to read or whom to ask to find it out
    evppi: float  # value units
    standard_error: float  # Monte Carlo (draws and regression) standard error
    share: float  # evppi as a share of the common swing
    change_chance: float  # share of draws in which knowing it changes the best option
    switch_to: str | None  # the option it most often changes the decision to
    gain_if_changed: float  # the expected gain in the draws where the decision changes
    negligible: bool
    method: str  # "P-spline", "group means" or "linear"
    residual_z: float  # largest |z| of binned residual means: the smoother's fit check
    members: tuple[str, ...] = ()  # a group's inputs

    @property
    def negligible_reason(self) -> str:
        """Why the value is negligible: :data:`BELOW_THRESHOLD` (the estimate is under the
        threshold), :data:`WITHIN_NOISE` (within two standard errors of zero), or ""."""
        if self.share < NEGLIGIBLE_SHARE:
            return BELOW_THRESHOLD
        if self.evppi < SIGNIFICANCE * self.standard_error:
            return WITHIN_NOISE
        return ""


@dataclass(frozen=True, slots=True)
class NotValued:
    """An input the scenario states without doubt that would change the leader if moved:
    it is held in the draws, so it has no value of information, yet it decides."""

    factor: str
    label: str
    new_leader: str  # the option that leads once it moves


@dataclass(frozen=True, slots=True)
class ValueOfInformation:
    """EVPI of the decision and EVPPI of each uncertain input, ranked."""

    draws: int
    decision: str  # the option best on expected value now (what the values are measured from)
    evpi: float  # value units
    evpi_standard_error: float
    evpi_share: float  # of the common swing
    swing: float  # the criteria's common swing, value units
    inputs: tuple[InputValue, ...]  # largest EVPPI first
    groups: tuple[InputValue, ...] = ()
    notes: tuple[str, ...] = field(default=())
    seconds: float = 0.0  # engine time of the regressions
    # Held inputs (no stated doubt) that would change the base-case leader moved alone.
    not_valued: tuple[NotValued, ...] = ()

    @property
    def negligible_below(self) -> float:
        """The value (units) under which an EVPI or EVPPI is called negligible."""
        return NEGLIGIBLE_SHARE * self.swing

    @property
    def verdict(self) -> str:
        """:data:`TOO_FEW_DRAWS` (under :data:`MIN_DRAWS`: nothing can be valued),
        :data:`BELOW_THRESHOLD` (the EVPI is under :attr:`negligible_below`),
        :data:`WITHIN_NOISE` (the EVPI is within two standard errors of zero) or
        :data:`WORTH` (something may be worth finding out)."""
        if self.draws < MIN_DRAWS:
            return TOO_FEW_DRAWS
        if self.evpi < self.negligible_below:
            return BELOW_THRESHOLD
        if self.evpi < SIGNIFICANCE * self.evpi_standard_error:
            return WITHIN_NOISE
        return WORTH

    @property
    def negligible(self) -> bool:
        """True when nothing can be listed as worth finding out (see :attr:`verdict`)."""
        return self.verdict != WORTH

    @property
    def worth_finding_out(self) -> tuple[InputValue, ...]:
        """The single inputs with a non-negligible value, largest first (none when the
        draws are too few to value anything)."""
        if self.draws < MIN_DRAWS:
            return ()
        return tuple(i for i in self.inputs if not i.negligible)


def voi_dict(voi: ValueOfInformation | None) -> dict[str, Any] | None:
    """The ``value_of_information`` object of the sensitivity JSON contract."""
    if voi is None:
        return None

    def item(i: InputValue) -> dict[str, Any]:
        return {"id": i.id, "label": i.label, "source": i.source, "indicator": i.indicator,
                "evppi": i.evppi, "standard_error": i.standard_error, "share_of_swing": i.share,
                "change_chance": i.change_chance, "switch_to": i.switch_to,
                "gain_if_changed": i.gain_if_changed, "negligible": i.negligible,
                "negligible_reason": i.negligible_reason or None,
                "method": i.method, "residual_z": i.residual_z,
                **({"members": list(i.members)} if i.members else {})}

    return {"draws": voi.draws, "decision": voi.decision, "evpi": voi.evpi,
            "evpi_standard_error": voi.evpi_standard_error, "evpi_share_of_swing": voi.evpi_share,
            "swing": voi.swing, "negligible_below": voi.negligible_below,
            "negligible": voi.negligible, "verdict": voi.verdict, "min_draws": MIN_DRAWS,
            "inputs": [item(i) for i in voi.inputs],
            "groups": [item(g) for g in voi.groups],
            "not_valued": [{"factor": n.factor, "label": n.label, "new_leader": n.new_leader}
                           for n in voi.not_valued],
            "notes": list(voi.notes)}
