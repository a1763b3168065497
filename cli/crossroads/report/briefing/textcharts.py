"""Charts and score bars as plain text, for Markdown and the terminal.

Readable without colour (``NO_COLOR=1``, paper, a screen reader's braille line): negative
values grow left from a visible zero line ``│``, positive ones right, so the worst option
never looks like the best.  Whiskers ``├──┤`` mark a 5–95% range, ``◆`` a break-even,
``┊`` (and ``▲`` on the axis) the base case.
"""

from __future__ import annotations

from crossroads.services.briefing_model import Chart

WIDTH = 36  # plot cells
LABEL_WIDTH = 30


def _col(position: float, width: int) -> int:
    return min(width - 1, max(0, round(position * (width - 1))))


def diverging_bar(start: float, end: float, zero: float | None, width: int = WIDTH,
                  low: float | None = None, high: float | None = None) -> str:
    """One row: a bar between *start* and *end* (fractions of the width), the zero line,
    and an optional whisker from *low* to *high*."""
    cells = [" "] * width
    if low is not None and high is not None:
        a, b = _col(low, width), _col(high, width)
        for i in range(a, b + 1):
            cells[i] = "─"
        cells[a], cells[b] = "├", "┤"
    a, b = _col(start, width), _col(end, width)
    zero_col = _col(zero, width) if zero is not None else None
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


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def text_chart(chart: Chart, width: int = WIDTH, label_width: int = LABEL_WIDTH) -> list[str]:
    """*chart* as lines of monospaced text, axis and tick labels included."""
    lines = []
    for bar in chart.bars:
        row = list(diverging_bar(bar.start, bar.end, chart.zero, width, bar.low, bar.high))
        if chart.reference is not None and row[_col(chart.reference, width)] == " ":
            row[_col(chart.reference, width)] = "┊"
        if bar.mark is not None:
            row[_col(bar.mark, width)] = "◆"
        if chart.key == "drivers":
            value = f"{bar.start_label} … {bar.end_label}"
            if bar.mark_label:
                value += f"; ◆ {bar.mark_label}"
        else:
            value = bar.value
        lines.append(f"{_fit(bar.label, label_width):>{label_width}} {''.join(row)} {value}")
    axis = ["─"] * width
    labels = [" "] * (width + 12)
    for tick in chart.ticks:
        col = _col(tick.at, width)
        axis[col] = "┴"
        begin = max(0, min(col - len(tick.label) // 2, width + 12 - len(tick.label)))
        if all(c == " " for c in labels[max(0, begin - 1):begin + len(tick.label) + 1]):
            labels[begin:begin + len(tick.label)] = list(tick.label)
    if chart.reference is not None:
        # Bars usually cover the base case in their own rows: mark it on the axis too.
        axis[_col(chart.reference, width)] = "▲"
    pad = " " * (label_width + 1)
    lines.append(pad + "".join(axis))
    lines.append((pad + "".join(labels)).rstrip())
    lines.append(pad + chart.axis_title)
    if chart.reference is not None:
        lines.append(pad + f"▲ ┊ {chart.reference_label}")
    return lines
