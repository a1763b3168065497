"""Charts and score bars as plain text, for Markdown and the terminal.

Readable without colour (``NO_COLOR=1``, paper, a screen reader's braille line): negative
values grow left from a visible zero line ``│``, positive ones right, so the worst option
never looks like the best.  Whiskers ``├──┤`` mark a 5–95% range, ``◆`` a break-even,
``┊`` (and ``▲`` on the axis) the base case.
"""

from __future__ import annotations

from crossroads.report.briefing.model import Chart
from crossroads.report.textbars import WIDTH, column, diverging_bar, score_bar

__all__ = ["diverging_bar", "score_bar", "text_chart"]

LABEL_WIDTH = 30


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def text_chart(chart: Chart, width: int = WIDTH, label_width: int = LABEL_WIDTH) -> list[str]:
    """*chart* as lines of monospaced text, axis and tick labels included."""
    lines = []
    for bar in chart.bars:
        row = list(diverging_bar(bar.start, bar.end, chart.zero, width, bar.low, bar.high))
        if chart.reference is not None and row[column(chart.reference, width)] == " ":
            row[column(chart.reference, width)] = "┊"
        if bar.mark is not None:
            row[column(bar.mark, width)] = "◆"
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
        col = column(tick.at, width)
        axis[col] = "┴"
        begin = max(0, min(col - len(tick.label) // 2, width + 12 - len(tick.label)))
        if all(c == " " for c in labels[max(0, begin - 1):begin + len(tick.label) + 1]):
            labels[begin:begin + len(tick.label)] = list(tick.label)
    if chart.reference is not None:
        # Bars usually cover the base case in their own rows: mark it on the axis too.
        axis[column(chart.reference, width)] = "▲"
    pad = " " * (label_width + 1)
    lines.append(pad + "".join(axis))
    lines.append((pad + "".join(labels)).rstrip())
    lines.append(pad + chart.axis_title)
    if chart.reference is not None:
        lines.append(pad + f"▲ ┊ {chart.reference_label}")
    return lines
