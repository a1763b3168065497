"""The briefing's charts as SVG, drawn here: inline in HTML, vector in the PDF (typst
places the SVG), and rasterised by typst to PNG for Word.  No plotting library, no
network, no system library.

Every chart has its labels on the left, a plot with gridlines and tick labels, an axis
title under it, and (for diverging charts) a dark zero line; the chart's title and its
one-line caption are set by each renderer around the picture.
"""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape

from crossroads.report.briefing.model import Bar, Chart

WIDTH = 640
LABEL_WIDTH = 200  # the option or factor names
VALUE_WIDTH = 56  # the number printed after each bar
FONT = "Source Sans Pro"
INK, MUTED, GRID = "#1d2733", "#5b6675", "#d5dbe3"
TONES = {"lead": "#1f4e79", "pos": "#7fa7c9", "neg": "#c0714f", "muted": "#9aa5b1"}
LABEL_CHARS = 34  # characters per label line before it wraps to a second line


def _x(v: str | float) -> str:
    return escape(str(v), {'"': "&quot;"})


def _lines(text: str, limit: int = LABEL_CHARS) -> list[str]:
    """*text* in at most two lines of about *limit* characters, cut with "…" past that."""
    if len(text) <= limit:
        return [text]
    cut = text.rfind(" ", 0, limit + 1)
    cut = cut if cut > limit // 2 else limit
    first, rest = text[:cut].rstrip(), text[cut:].lstrip()
    if len(rest) > limit:
        rest = rest[:limit - 1].rstrip() + "…"
    return [first, rest]


class _Canvas:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def text(self, x: float, y: float, text: str, *, size: float = 11, anchor: str = "start",
             fill: str = INK, weight: str = "normal") -> None:
        self.parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" text-anchor="{anchor}" '
            f'fill="{fill}" font-weight="{weight}">{_x(text)}</text>')

    def line(self, x1: float, y1: float, x2: float, y2: float, *, stroke: str = INK,
             width: float = 1.0, dash: str = "") -> None:
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                          f'stroke="{stroke}" stroke-width="{width:g}"{dashed}/>')

    def rect(self, x: float, y: float, w: float, h: float, fill: str) -> None:
        self.parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 1.0):.1f}" '
                          f'height="{h:.1f}" fill="{fill}"/>')

    def diamond(self, x: float, y: float, r: float, fill: str) -> None:
        self.parts.append(f'<path d="M{x:.1f} {y - r:.1f} L{x + r:.1f} {y:.1f} L{x:.1f} '
                          f'{y + r:.1f} L{x - r:.1f} {y:.1f} Z" fill="{fill}" '
                          f'stroke="#fff" stroke-width="1"/>')


def chart_svg(chart: Chart) -> str:
    """*chart* as a standalone SVG document (it scales to its container's width)."""
    tornado = chart.key == "drivers"
    row = 26 if tornado else 20
    top = 18 if chart.reference is not None else 6
    # A tornado prints the factor's values at the bar ends: room on both sides.
    x0 = LABEL_WIDTH + (52 if tornado else 8)
    x1 = WIDTH - (52 if tornado else VALUE_WIDTH)
    plot_bottom = top + row * len(chart.bars)
    height = plot_bottom + 34

    def at(position: float) -> float:
        return x0 + position * (x1 - x0)

    c = _Canvas()
    for tick in chart.ticks:
        c.line(at(tick.at), top, at(tick.at), plot_bottom, stroke=GRID)
        c.text(at(tick.at), plot_bottom + 13, tick.label, size=10, anchor="middle", fill=MUTED)
    c.line(x0, plot_bottom, x1, plot_bottom, stroke=MUTED, width=0.8)
    c.text((x0 + x1) / 2, plot_bottom + 28, chart.axis_title, size=10.5, anchor="middle",
           fill=MUTED)
    for i, bar in enumerate(chart.bars):
        _bar(c, bar, top + i * row, row, at, x1, tornado)
    if chart.zero is not None:
        c.line(at(chart.zero), top - 2, at(chart.zero), plot_bottom, width=1.4)
    if chart.reference is not None:
        c.line(at(chart.reference), top - 4, at(chart.reference), plot_bottom, stroke=MUTED,
               dash="3 2")
        c.text(at(chart.reference), top - 7, chart.reference_label, size=9.5, anchor="middle",
               fill=MUTED)
    body = "".join(c.parts)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
            f'width="{WIDTH}" height="{height}" font-family="{FONT}" role="img" '
            f'aria-label="{_x(chart.title)}"><title>{_x(chart.title)}</title>{body}</svg>')


def _bar(c: _Canvas, bar: Bar, y: float, row: float, at: Callable[[float], float], x1: float,
         tornado: bool) -> None:
    middle = y + (11 if tornado else row / 2)
    label = _lines(bar.label)
    weight = "bold" if bar.tone == "lead" else "normal"
    if tornado:
        name = bar.label if len(bar.label) <= LABEL_CHARS else \
            bar.label[:LABEL_CHARS - 1].rstrip() + "…"
        c.text(LABEL_WIDTH - 6, middle + 4, name, size=11, anchor="end", weight=weight)
        c.text(LABEL_WIDTH - 6, middle + 17, (f"◆ {bar.mark_label}" if bar.mark_label
                                            else "leader holds"), size=9.5, anchor="end",
               fill=MUTED)
    elif len(label) == 1:
        c.text(LABEL_WIDTH - 6, middle + 4, label[0], size=11, anchor="end", weight=weight)
    else:
        c.text(LABEL_WIDTH - 6, middle - 1.5, label[0], size=10, anchor="end", weight=weight)
        c.text(LABEL_WIDTH - 6, middle + 9, label[1], size=10, anchor="end", weight=weight)
    height = 12
    c.rect(at(bar.start), middle - height / 2, at(bar.end) - at(bar.start), height,
           TONES.get(bar.tone, TONES["muted"]))
    if bar.low is not None and bar.high is not None:
        c.line(at(bar.low), middle, at(bar.high), middle, width=1.3)
        for end in (bar.low, bar.high):
            c.line(at(end), middle - 4.5, at(end), middle + 4.5, width=1.3)
    if tornado:
        c.text(at(bar.start) - 4, middle + 4, bar.start_label, size=9.5, anchor="end",
               fill=MUTED)
        c.text(at(bar.end) + 4, middle + 4, bar.end_label, size=9.5, fill=MUTED)
        if bar.mark is not None:
            c.diamond(at(bar.mark), middle, 5.5, INK)
    else:
        c.text(x1 + 6, middle + 4, bar.value, size=10.5, weight=weight)
