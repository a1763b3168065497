"""Bars as plain text on a diverging axis: negative values grow left from a zero line.

Readable without colour (``NO_COLOR=1``, paper): the worst option never looks like the
best.  Used by the terminal tables and the text charts of Markdown briefings.
"""

from __future__ import annotations

WIDTH = 36  # plot cells


def column(position: float, width: int) -> int:
    return min(width - 1, max(0, round(position * (width - 1))))


def diverging_bar(start: float, end: float, zero: float | None, width: int = WIDTH,
                  low: float | None = None, high: float | None = None) -> str:
    """One row: a bar between *start* and *end* (fractions of the width), the zero line,
    and an optional whisker from *low* to *high*."""
    cells = [" "] * width
    if low is not None and high is not None:
        a, b = column(low, width), column(high, width)
        for i in range(a, b + 1):
            cells[i] = "─"
        cells[a], cells[b] = "├", "┤"
    a, b = column(start, width), column(end, width)
    zero_col = column(zero, width) if zero is not None else None
    if end - start > 1e-9:
        # The cell at the zero line belongs to the zero line: a bar fills from the next one.
        if zero_col is not None and a == zero_col and b > a:
            a += 1
        if zero_col is not None and b == zero_col and a < b:
            b -= 1
        for i in range(a, b + 1):
            cells[i] = "█"
    if zero_col is not None:
        cells[zero_col] = "│"
    return "".join(cells)


def score_bar(score: float, span: float, width: int = 21) -> str:
    """A score on a symmetric axis (−span to +span) with the zero line in the middle."""
    if span <= 0:
        span = 1.0
    zero = 0.5
    at = min(1.0, max(0.0, 0.5 + score / (2 * span)))
    return diverging_bar(min(zero, at), max(zero, at), zero, width)
