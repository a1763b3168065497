"""The scenario's ``pairwise`` list read from YAML into AHP judgements, each located."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from crossroads.core.ahp import MAX_RATIO, MIN_RATIO, Judgement
from crossroads.io.reader import Reader
from crossroads.io.yamldoc import PathKey


def parse_pairwise(reader: Reader, path: PathKey, raw: Any) -> tuple[Judgement, ...]:
    """Read the scenario's ``pairwise`` list, reporting malformed items at their position."""
    judgements: list[Judgement] = []
    seen: dict[frozenset[str], PathKey] = {}
    for index, item in enumerate(reader.items(path, raw, what="pairwise")):
        where = (*path, index)
        if isinstance(item, list):
            if len(item) != 3:
                reader.error(where, "a judgement must be [criterion_a, criterion_b, ratio]",
                             "e.g. `- [sovereignty, economic-resilience, 3]`")
                continue
            a, b, ratio_raw = item
            ratio_path: PathKey = (*where, 2)
        elif isinstance(item, dict):
            if reader.mapping(where, item, required=("a", "b", "ratio"),
                              what="pairwise judgement") is None or \
                    not {"a", "b", "ratio"} <= item.keys():
                continue
            a, b, ratio_raw = item["a"], item["b"], item["ratio"]
            ratio_path = (*where, "ratio")
        else:
            reader.error(where, "a judgement must be [criterion_a, criterion_b, ratio] or "
                         "{a: ..., b: ..., ratio: ...}",
                         "e.g. `- [sovereignty, economic-resilience, 3]`")
            continue
        if not isinstance(a, str) or not isinstance(b, str):
            reader.error(where, "the first two items of a judgement must be criterion ids")
            continue
        if a == b:
            reader.error(where, f"{a!r} is compared with itself", "compare two different criteria")
            continue
        ratio = _ratio(reader, ratio_path, ratio_raw)
        if ratio is None:
            continue
        key = frozenset((a, b))
        if key in seen:
            first = reader.at(seen[key])
            reader.error(where, f"{a!r} and {b!r} are compared twice (first at line "
                         f"{first.line})", "keep one judgement per pair")
            continue
        seen[key] = where
        judgements.append(Judgement(a, b, ratio, reader.at(where)))
    return tuple(judgements)


def _ratio(reader: Reader, path: PathKey, raw: Any) -> float | None:
    value: float | None = None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        value = float(raw)
    elif isinstance(raw, str):
        try:
            value = float(Fraction(raw.strip()))
        except (ValueError, ZeroDivisionError, OverflowError):  # 1e999: not a ratio
            value = None
    if value is None or not math.isfinite(value):
        reader.error(path, f"ratio must be a number such as 3 or 1/3, got {raw!r}",
                     "use Saaty's scale: 1 equal, 3 moderately, 5 strongly, 7 very strongly, "
                     "9 extremely more important")
        return None
    if not MIN_RATIO - 1e-9 <= value <= MAX_RATIO + 1e-9:
        reader.error(path, f"ratio {raw} is outside Saaty's scale 1/9 .. 9",
                     "use 1..9 when a matters more, 1/9..1 when it matters less")
        return None
    return value
