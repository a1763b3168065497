"""Reading the value-model and uncertainty fields of packs and scenarios.

Criterion ``anchors:`` (what points mean in words), a rule's or risk rule's relative
``uncertainty:``, the pack's ``uncertainty:`` block and a ``risk_aversion_range``.  Kept
apart from the loader so each stays one job; problems are recorded at their YAML position.
"""

from __future__ import annotations

from typing import Any

from crossroads.core.model import Uncertainty
from crossroads.io.reader import Reader
from crossroads.io.yamldoc import PathKey

UNCERTAINTY_KEYS = ("points", "likelihood", "impact", "risk_aversion")


def read_anchors(r: Reader, path: PathKey, raw: Any, low: float, high: float
                 ) -> tuple[tuple[float, str], ...]:
    """``anchors: {-10: "...", 10: "..."}``: points on the scale and what they mean."""
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        r.error(path, "anchors must map points to what they mean",
                f'e.g. `anchors: {{{low:g}: "worst plausible", {high:g}: "best plausible"}}`')
        return ()
    out = []
    for key, meaning in raw.items():
        where = (*path, key)
        at = _points(key)
        if at is None:
            r.error(where, f"anchor {key!r} must be a number of points on the scale",
                    f"use points between {low:g} and {high:g}")
            continue
        if not low <= at <= high:
            r.error(where, f"anchor {at:g} lies outside the scale [{low:g}, {high:g}]",
                    "move the anchor inside the scale, or widen the scale")
            continue
        text = r.text(where, meaning, what="anchor", required=True)
        if text:
            out.append((at, text))
    return tuple(sorted(out))


def _points(key: Any) -> float | None:
    """An anchor's key as points (YAML mapping keys may arrive as text)."""
    if isinstance(key, bool):
        return None
    try:
        value = float(key)
    except (TypeError, ValueError):
        return None
    return value if value == value and abs(value) != float("inf") else None


def read_relative(r: Reader, path: PathKey, raw: Any) -> float | None:
    """A relative uncertainty in [0, 1): 0.3 varies a number by ×U(0.7, 1.3)."""
    if raw is None:
        return None
    return r.number(path, raw, what="uncertainty", low=0, high=0.95)


def read_range(r: Reader, path: PathKey, raw: Any, what: str) -> tuple[float, float] | None:
    """``[low, high]`` with 0 <= low <= high."""
    if raw is None:
        return None
    if (isinstance(raw, list) and len(raw) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in raw)
            and 0 <= raw[0] <= raw[1]):
        return float(raw[0]), float(raw[1])
    r.error(path, f"{what} must be [low, high] with 0 <= low <= high", "e.g. `[0.5, 2]`")
    return None


def read_uncertainty(r: Reader, path: PathKey, raw: Any) -> Uncertainty:
    """The pack's ``uncertainty:`` block; keys left out keep the documented defaults."""
    if raw is None:
        return Uncertainty()
    data = r.mapping(path, raw, optional=UNCERTAINTY_KEYS, what="uncertainty") or {}
    default = Uncertainty()
    values: dict[str, Any] = {}
    for key in ("points", "likelihood", "impact"):
        if key in data:
            got = read_relative(r, (*path, key), data[key])
            values[key] = getattr(default, key) if got is None else got
    if "risk_aversion" in data:
        values["risk_aversion"] = read_range(r, (*path, "risk_aversion"),
                                             data["risk_aversion"], "risk_aversion")
    return Uncertainty(**values, declared=tuple(k for k in UNCERTAINTY_KEYS if k in data))
