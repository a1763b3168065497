"""How precise a first-place share is, and which likelihood word it supports.

A share seen in *n* draws is an estimate.  Its standard error uses Agresti-Coull (two
successes and two failures added, p̃ = (s + 2) / (n + 4)), so 10 out of 10 draws does not
claim a standard error of zero; the 95% interval is p̃ ± 2 standard errors, clipped to
[0, 1].  The likelihood word follows the interval, not the point estimate alone: when the
whole interval lies in one ICD 203 band that band's word is used, else the word of the
interval's point nearest to even chance.  So "10 of 10 draws" reads "likely", not
"almost certain", and a large run keeps the word its share shows except within a standard
error or two of a band's edge.  Pure arithmetic, no numpy.
"""

from __future__ import annotations

from crossroads.core.yardstick import Yardstick, words_for

#: Standard error above which the first-place share is flagged as imprecise.
PRECISION = 0.01
#: Standard errors either side of p̃ in the interval the word is chosen from (about 95%).
Z = 2.0


def agresti_coull_error(share: float, draws: int) -> float:
    """Standard error of a share seen in *draws* draws, two successes and failures added."""
    n = draws + 4
    p = (share * draws + 2) / n
    return float((p * (1 - p) / n) ** 0.5)


def interval(share: float, draws: int) -> tuple[float, float]:
    """The Agresti-Coull 95% interval of a share seen in *draws* draws, within [0, 1]."""
    centre = (share * draws + 2) / (draws + 4)
    half = Z * agresti_coull_error(share, draws)
    return max(0.0, centre - half), min(1.0, centre + half)


def robustness_words(share: float, draws: int, yardstick: Yardstick = Yardstick.ICD203) -> str:
    """The word (ICD 203 unless *yardstick* says otherwise) the share supports given how
    many draws it rests on."""
    share = min(max(share, 0.0), 1.0)
    low, high = interval(share, draws)
    if words_for(low, yardstick) == words_for(high, yardstick):
        return words_for(share, yardstick)
    return words_for(min(max(0.5, low), high), yardstick)


def draws_for_precision(share: float, precision: float = PRECISION) -> int:
    """The fewest draws giving a standard error of at most *precision* at *share*."""
    low, high = 1, 1
    while agresti_coull_error(share, high) > precision:
        low, high = high, high * 2
    while low < high:
        middle = (low + high) // 2
        if agresti_coull_error(share, middle) > precision:
            low = middle + 1
        else:
            high = middle
    return high


def precision_warning(share: float, draws: int) -> str:
    """A sentence of its own when *draws* are too few for :data:`PRECISION`, else ""."""
    error = agresti_coull_error(share, draws)
    if error <= PRECISION:
        return ""
    low, high = interval(share, draws)
    return (f"Too few draws for a precise answer: with {draws:,} draws the first-place share "
            f"has a standard error of {error:.3f} (95% interval {low:.0%}–{high:.0%}), so the "
            f"likelihood word is read from the interval; run at least "
            f"{draws_for_precision(share):,} draws.")
