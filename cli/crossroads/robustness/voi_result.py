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

    @property
    def negligible_below(self) -> float:
        """The value (units) under which an EVPI or EVPPI is called negligible."""
        return NEGLIGIBLE_SHARE * self.swing

    @property
    def negligible(self) -> bool:
        """True when even perfect knowledge of everything would be worth next to nothing."""
        return self.evpi < self.negligible_below

    @property
    def worth_finding_out(self) -> tuple[InputValue, ...]:
        """The single inputs with a non-negligible value, largest first."""
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
                "method": i.method, "residual_z": i.residual_z,
                **({"members": list(i.members)} if i.members else {})}

    return {"draws": voi.draws, "decision": voi.decision, "evpi": voi.evpi,
            "evpi_standard_error": voi.evpi_standard_error, "evpi_share_of_swing": voi.evpi_share,
            "swing": voi.swing, "negligible_below": voi.negligible_below,
            "negligible": voi.negligible, "inputs": [item(i) for i in voi.inputs],
            "groups": [item(g) for g in voi.groups], "notes": list(voi.notes)}
