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

#: The SVG's width in user units; the PDF places it at this many points, so every font
#: size below is its printed size in points (none under 8.5: readable beside 10 pt text).
WIDTH = 500
LABEL_WIDTH = 178  # the option or factor names
VALUE_WIDTH = 44  # the number printed after each bar
LABEL_SIZE, SMALL_SIZE = 9.0, 8.5
FONT = "Source Sans Pro"
INK, MUTED, GRID = "#1d2733", "#5b6675", "#d5dbe3"
TONES = {"lead": "#1f4e79", "pos": "#7fa7c9", "neg": "#c0714f", "muted": "#9aa5b1"}
LABEL_CHARS = 36  # characters per label line (at 9 pt) before it wraps to a second line


def _x(v: str | float) -> str:
    return escape(str(v), {'"': "&quot;"})


def _lines(text: str, limit: int = LABEL_CHARS) -> list[str]:
    """*text* in at most two lines of about *limit* characters, cut with "…" only past
    that (a label that fits in two lines is never cut)."""
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
        # Drawn last, over the zero and "today" lines: a tornado's value labels and
        # break-even marks, which those lines would otherwise strike through.
        self.top: list[str] = []

    def text(self, x: float, y: float, text: str, *, size: float = 11, anchor: str = "start",
             fill: str = INK, weight: str = "normal", over_lines: bool = False) -> None:
        # Over the lines, a white outline painted under the glyphs keeps them legible.
        halo = (' stroke="#fff" stroke-width="3" stroke-linejoin="round" '
                'paint-order="stroke"') if over_lines else ""
        (self.top if over_lines else self.parts).append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" text-anchor="{anchor}" '
            f'fill="{fill}" font-weight="{weight}"{halo}>{_x(text)}</text>')

    def line(self, x1: float, y1: float, x2: float, y2: float, *, stroke: str = INK,
             width: float = 1.0, dash: str = "") -> None:
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                          f'stroke="{stroke}" stroke-width="{width:g}"{dashed}/>')

    def rect(self, x: float, y: float, w: float, h: float, fill: str) -> None:
        self.parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 1.0):.1f}" '
                          f'height="{h:.1f}" fill="{fill}"/>')

    def diamond(self, x: float, y: float, r: float, fill: str) -> None:
        self.top.append(f'<path d="M{x:.1f} {y - r:.1f} L{x + r:.1f} {y:.1f} L{x:.1f} '
                          f'{y + r:.1f} L{x - r:.1f} {y:.1f} Z" fill="{fill}" '
                          f'stroke="#fff" stroke-width="1"/>')


def chart_svg(chart: Chart) -> str:
    """*chart* as a standalone SVG document (it scales to its container's width)."""
    tornado = chart.key == "drivers"
    # Rows tighten for a long list of options, so page 1 keeps room for the judgements.
    row = 20 if len(chart.bars) <= 7 else 17
    # A tornado row holds the factor's name (one or two lines) and where it flips.
    rows = [(10 + 10 * len(_lines(b.label))) if tornado else row for b in chart.bars]
    top = 18 if chart.reference is not None else 6
    # A tornado prints the factor's values at the bar ends: room on both sides.
    x0 = LABEL_WIDTH + (46 if tornado else 8)
    x1 = WIDTH - (46 if tornado else VALUE_WIDTH)
    plot_bottom = top + sum(rows)
    height = plot_bottom + 30

    def at(position: float) -> float:
        return x0 + position * (x1 - x0)

    c = _Canvas()
    for tick in chart.ticks:
        c.line(at(tick.at), top, at(tick.at), plot_bottom, stroke=GRID)
        c.text(at(tick.at), plot_bottom + 11, tick.label, size=SMALL_SIZE, anchor="middle",
               fill=MUTED)
    c.line(x0, plot_bottom, x1, plot_bottom, stroke=MUTED, width=0.8)
    c.text((x0 + x1) / 2, plot_bottom + 24, chart.axis_title, size=SMALL_SIZE,
           anchor="middle", fill=MUTED)
    for i, bar in enumerate(chart.bars):
        _bar(c, bar, top + sum(rows[:i]), rows[i], at, x1, tornado)
    if chart.zero is not None:
        c.line(at(chart.zero), top - 2, at(chart.zero), plot_bottom, width=1.4)
    if chart.reference is not None:
        c.line(at(chart.reference), top - 4, at(chart.reference), plot_bottom, stroke=MUTED,
               dash="3 2")
        c.text(at(chart.reference), top - 7, chart.reference_label, size=SMALL_SIZE,
               anchor="middle", fill=MUTED)
    body = "".join(c.parts + c.top)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
            f'width="{WIDTH}" height="{height}" font-family="{FONT}" role="img" '
            f'aria-label="{_x(chart.title)}"><title>{_x(chart.title)}</title>{body}</svg>')


def _bar(c: _Canvas, bar: Bar, y: float, row: float, at: Callable[[float], float], x1: float,
         tornado: bool) -> None:
    middle = y + (10 if tornado else row / 2)
    label = _lines(bar.label)
    weight = "bold" if bar.tone == "lead" else "normal"
    right = LABEL_WIDTH - 6
    if tornado:  # the factor's name on one or two lines; ◆ on the bar marks where it flips
        # (the value is the signposts table's break-even, printed beside the chart)
        first = middle + 3 - (5 if len(label) > 1 else 0)
        for n, line in enumerate(label):
            c.text(right, first + n * 10, line, size=LABEL_SIZE, anchor="end", weight=weight)
    elif len(label) == 1:
        c.text(right, middle + 3, label[0], size=LABEL_SIZE, anchor="end", weight=weight)
    else:
        c.text(right, middle - 1.5, label[0], size=SMALL_SIZE, anchor="end", weight=weight)
        c.text(right, middle + 7.5, label[1], size=SMALL_SIZE, anchor="end", weight=weight)
    height = 11
    c.rect(at(bar.start), middle - height / 2, at(bar.end) - at(bar.start), height,
           TONES.get(bar.tone, TONES["muted"]))
    if bar.low is not None and bar.high is not None:
        c.line(at(bar.low), middle, at(bar.high), middle, width=1.2)
        for end in (bar.low, bar.high):
            c.line(at(end), middle - 4, at(end), middle + 4, width=1.2)
    if tornado:
        # A break-even diamond on a bar's end pushes that end's label clear of it.
        def clear(end: float) -> float:
            return 6 if bar.mark is not None and abs(at(bar.mark) - at(end)) < 6 else 0
        c.text(at(bar.start) - 4 - clear(bar.start), middle + 3, bar.start_label,
               size=SMALL_SIZE, anchor="end", fill=MUTED, over_lines=True)
        c.text(at(bar.end) + 4 + clear(bar.end), middle + 3, bar.end_label, size=SMALL_SIZE,
               fill=MUTED, over_lines=True)
        if bar.mark is not None:
            c.diamond(at(bar.mark), middle, 5, INK)
    else:
        c.text(x1 + 5, middle + 3, bar.value, size=LABEL_SIZE, weight=weight)
