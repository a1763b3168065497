"""Factor kinds and what each kind means for a value: its type, its domain, its display.

One place answers "is this a valid value of that factor?" and "what do rules see?", so
the loader, the engine, pack tests and the wizard all agree.  A :class:`FactorKind` is a
``StrEnum``: it compares equal to the spelling used in pack files (``"level"``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from crossroads.core.limits import MAX_MAGNITUDE

if TYPE_CHECKING:
    from crossroads.core.model import Factor


class FactorKind(StrEnum):
    """The four kinds of scenario variable a pack can declare."""

    NUMBER = "number"    # a real number, optionally bounded, with a unit
    LEVEL = "level"      # ordered labels: none < low < medium < high
    CHOICE = "choice"    # unordered labels
    BOOLEAN = "boolean"  # true or false

    @property
    def is_ordered(self) -> bool:
        """Whether values can be compared with < and > (and drawn from a range)."""
        return self in (FactorKind.NUMBER, FactorKind.LEVEL)

    @property
    def has_labels(self) -> bool:
        return self in (FactorKind.LEVEL, FactorKind.CHOICE)


FACTOR_KINDS: tuple[str, ...] = tuple(kind.value for kind in FactorKind)


class FactorNature(StrEnum):
    """What kind of thing a factor is, which decides whether and how robustness draws vary it.

    The pack's factor catalogue declares it (``nature:``); see docs/reference/pack-format.md.
    """

    FIXED = "fixed"        # a legal or structural fact (treaty membership): never varied
    MEASURED = "measured"  # a number or level read from a source: varied within its range
    JUDGED = "judged"      # an analyst's reading: varied only as the scenario states

    @classmethod
    def implied_by(cls, kind: FactorKind) -> FactorNature:
        """The nature of a factor whose pack does not declare one (documented, and none of
        them varies anything the scenario does not state): numbers are measured, levels
        judged, yes/no and choice factors fixed."""
        if kind == FactorKind.NUMBER:
            return cls.MEASURED
        if kind == FactorKind.LEVEL:
            return cls.JUDGED
        return cls.FIXED


FACTOR_NATURES: tuple[str, ...] = tuple(nature.value for nature in FactorNature)


def suggest(word: str, choices: Iterable[str]) -> str:
    """A "did you mean ...?" hint for a misspelt name, or "" when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


def value_problem(factor: Factor, value: Any) -> tuple[str, str] | None:
    """(message, hint) when *value* is not a valid value of *factor*, else None."""
    kind = factor.kind
    if kind == FactorKind.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            return (f"{factor.id} must be a number, got {value!r}",
                    f"write a number{bounds_text(factor)}")
        if not abs(value) <= MAX_MAGNITUDE:  # also catches ±inf
            return (f"{factor.id} = {value} is not a finite number within ±{MAX_MAGNITUDE:g}",
                    f"write an ordinary number{bounds_text(factor)}")
        low, high = factor.minimum, factor.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            hint = f"use a value{bounds_text(factor)}"
            if (low, high) == (0, 1) and 1 < value <= 100:  # a share typed as a percentage
                hint += f"; for {value:g} percent write {value:g}% or {value / 100:g}"
            return (f"{factor.id} = {value} is out of range{bounds_text(factor)}", hint)
        return None
    if kind == FactorKind.BOOLEAN:
        if not isinstance(value, bool):
            return f"{factor.id} must be true or false, got {value!r}", "write `true` or `false`"
        return None
    if not isinstance(value, str) or value not in factor.labels:
        close = suggest(str(value), factor.labels)
        return (f"{value!r} is not a {kind} of {factor.id}",
                (close + " " if close else "") + f"use one of: {', '.join(factor.labels)}")
    return None


def bounds_text(factor: Factor) -> str:
    """" between 0 and 1 share" for a bounded number factor, else ""."""
    low = "" if factor.minimum is None else f"{factor.minimum:g}"
    high = "" if factor.maximum is None else f"{factor.maximum:g}"
    if not low and not high:
        return ""
    unit = f" {factor.unit}" if factor.unit else ""
    return f" between {low or '-inf'} and {high or 'inf'}{unit}"


def to_internal(factor: Factor, value: Any) -> Any:
    """The value rules see: level labels become their order (0 = lowest), numbers floats."""
    if factor.kind == FactorKind.LEVEL:
        return factor.labels.index(value)
    if factor.kind == FactorKind.NUMBER:
        return float(value)
    return value


def share_percent(value: Any, unit: str) -> str | None:
    """A share as people read it ("15.8%", "14% of GDP"), or None when *unit* is no share.

    "share" is a fraction of a whole; "share of GDP" keeps what it is a share of.  Files
    and JSON keep the fraction: this is only how a person is shown it.
    """
    unit = " ".join(unit.split())
    if not (unit == "share" or unit.startswith("share ")) or isinstance(value, bool) \
            or not isinstance(value, int | float):
        return None
    return f"{100 * value:.3g}%{unit[len('share'):]}"
