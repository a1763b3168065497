"""Probabilities in the estimative words of US Intelligence Community Directive 203.

ICD 203 pairs seven expressions with ranges that touch at their ends: almost no chance
1-5%, very unlikely 5-20%, unlikely 20-45%, roughly even chance 45-55%, likely 55-80%,
very likely 80-95%, almost certain 95-99%.  The directive does not say which word a
value *on* a boundary takes, nor what to call values below 1% or above 99%.  We decide:

* a boundary value takes the word nearer to even chance (5% is "very unlikely", 20% is
  "unlikely", 45% and 55% are "roughly even chance", 80% is "likely", 95% is "very
  likely"), so the scale is symmetric: ``words(p) == mirror(words(1 - p))``;
* below 1% is still "almost no chance" and above 99% still "almost certain" (the
  scale's ends are open); the number shown beside the word says "<1%" or ">99%".

Probabilities are rounded to four decimals first, so that 1 - 0.8 lands on 20% exactly.
"""

from __future__ import annotations

import math

ALMOST_NO_CHANCE = "almost no chance"
VERY_UNLIKELY = "very unlikely"
UNLIKELY = "unlikely"
ROUGHLY_EVEN = "roughly even chance"
LIKELY = "likely"
VERY_LIKELY = "very likely"
ALMOST_CERTAIN = "almost certain"

#: The words from least to most likely.
SCALE = (ALMOST_NO_CHANCE, VERY_UNLIKELY, UNLIKELY, ROUGHLY_EVEN, LIKELY, VERY_LIKELY,
         ALMOST_CERTAIN)

# Upper bounds of the lower half (exclusive) and lower bounds of the upper half
# (exclusive): boundary values fall toward the middle of the scale.
_BELOW_EVEN = ((0.05, ALMOST_NO_CHANCE), (0.20, VERY_UNLIKELY), (0.45, UNLIKELY))
_ABOVE_EVEN = ((0.95, ALMOST_CERTAIN), (0.80, VERY_LIKELY), (0.55, LIKELY))


def likelihood_words(probability: float) -> str:
    """The ICD 203 expression for *probability* (a number in [0, 1])."""
    if not (math.isfinite(probability) and 0.0 <= probability <= 1.0):
        raise ValueError(f"probability must be within [0, 1], got {probability!r}")
    p = round(probability, 4)
    for bound, word in _BELOW_EVEN:
        if p < bound:
            return word
    for bound, word in _ABOVE_EVEN:
        if p > bound:
            return word
    return ROUGHLY_EVEN


def percent_text(probability: float) -> str:
    """A probability as a whole percentage; the open ends read "<1%" and ">99%"."""
    if 0.0 < probability < 0.01:
        return "<1%"
    if 0.99 < probability < 1.0:
        return ">99%"
    return f"{round(probability * 100):d}%"


def estimate_text(probability: float) -> str:
    """Word and number together, e.g. "likely (60%)"."""
    return f"{likelihood_words(probability)} ({percent_text(probability)})"
