"""The briefing's three charts as geometry every renderer can draw the same way.

(a) how often each option ranks first across the draws; (b) a tornado of the key
drivers, the recommended option's lead moved by one factor at a time, with the
break-even marked; (c) each option's score with its 5–95% range on one diverging axis
through zero.  Positions are fractions of the plot width, so SVG, typst, PNG and text
renderers only scale them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from crossroads.core.engine import Result
from crossroads.core.estimative import percent_text
from crossroads.report.briefing.model import Bar, Chart, Tick
from crossroads.report.wording import (
    clean,
    driver_now,
    driver_value,
    number,
    option_title,
    signed,
    threshold_text,
)
from crossroads.robustness.summary import Driver, Robustness


def nice_span(low: float, high: float, ticks: int = 5) -> tuple[float, float, float]:
    """An axis from a round number to a round number that covers [low, high]: (lo, hi, step)."""
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError("axis limits must be finite")
    if high - low < 1e-9:
        low, high = low - 1.0, high + 1.0
    raw = (high - low) / max(ticks - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step, step


def _ticks(lo: float, hi: float, step: float, label: str = "{:g}") -> tuple[Tick, ...]:
    count = round((hi - lo) / step)
    out = []
    for i in range(count + 1):
        value = lo + i * step
        value = 0.0 if abs(value) < step * 1e-6 else value
        out.append(Tick(i / count, label.format(value).replace("-", "−")))
    return tuple(out)


class _Scale:
    def __init__(self, values: Sequence[float], include_zero: bool = True) -> None:
        points = [*values, 0.0] if include_zero else list(values)
        self.lo, self.hi, self.step = nice_span(min(points), max(points))

    def at(self, value: float) -> float:
        return (value - self.lo) / (self.hi - self.lo)

    def ticks(self) -> tuple[Tick, ...]:
        return _ticks(self.lo, self.hi, self.step)


#: Above this share of first places the chart would be one full bar and empty rows: the
#: bottom line's sentence says it all, and the score chart leads page 1 instead.
ONE_SIDED = 0.99


def first_rank_chart(result: Result, robustness: Robustness, recommended: str
                     ) -> Chart | None:
    """(a) How often each option comes first, in the order of the ranking (the options
    table's order), or None when one option comes first in more than 99% of the draws."""
    if any(s.first > ONE_SIDED for s in robustness.options):
        return None
    spreads = sorted(robustness.options, key=lambda s: result.option(s.option).rank)
    bars = tuple(
        Bar(label=option_title(result, s.option), start=0.0, end=s.first,
            value=percent_text(s.first),
            tone="lead" if s.option == recommended else "muted")
        for s in spreads)
    return Chart(
        key="first",
        title="How often each option comes first across the plausible range of the inputs",
        # What the draws vary is said once, in the bottom line's sentence above the chart.
        caption=(f"Share of the {robustness.draws:,} draws in which each option ranks first, "
                 "options in the order of their scores at the stated values."),
        axis_title="Share of draws in which the option ranks first",
        ticks=tuple(Tick(p / 100, f"{p}%") for p in (0, 25, 50, 75, 100)),
        zero=None,
        bars=bars,
    )


def score_chart(result: Result, robustness: Robustness | None, recommended: str) -> Chart:
    """(c) Each option's score, with its 5–95% range over the draws when there are draws."""
    bands = {s.option: (s.low, s.high) for s in robustness.options} if robustness else {}
    values = [o.score for o in result.options] + [v for b in bands.values() for v in b]
    scale = _Scale(values)
    zero = scale.at(0.0)
    bars = []
    for o in result.options:
        at = scale.at(o.score)
        low, high = bands.get(o.id, (None, None))
        bars.append(Bar(
            label=clean(o.title), start=min(zero, at), end=max(zero, at), value=number(o.score),
            tone="lead" if o.id == recommended else "pos" if o.score >= 0 else "neg",
            low=scale.at(low) if low is not None else None,
            high=scale.at(high) if high is not None else None))
    caption = ("Each option's score at the scenario's values (bar) and the range of 90% of the "
               "draws (line, 5th to 95th percentile); left of zero an option does more harm "
               "than good." if bands else
               "Each option's score at the scenario's values; left of zero an option does more "
               "harm than good.")
    return Chart(key="scores", title="Score of each option, with its range",
                 caption=caption, axis_title="Score (points on a common value scale)",
                 ticks=scale.ticks(), zero=zero, bars=tuple(bars))


def driver_chart(result: Result, drivers: Sequence[Driver], base_margin: float) -> Chart | None:
    """(b) Tornado: the recommended option's lead as each key factor crosses its range."""
    moving = [d for d in drivers if d.swing > 1e-9]
    if not moving:
        return None
    scale = _Scale([base_margin, *(m for d in moving for m in (d.margin_low, d.margin_high))])
    zero = scale.at(0.0)
    bars = []
    for d in moving:
        low_text = driver_value(result, d.factor, d.low)
        high_text = driver_value(result, d.factor, d.high)
        left_is_low = d.margin_low <= d.margin_high
        left, right = sorted((d.margin_low, d.margin_high))
        crosses = d.break_even is not None and d.new_leader
        now = driver_now(result, d.factor)
        bars.append(Bar(
            label=clean(d.label) or d.factor, start=scale.at(left), end=scale.at(right),
            value=f"{signed(d.margin_low)} to {signed(d.margin_high)}",
            tone="neg" if left < 0 else "pos",
            start_label=low_text if left_is_low else high_text,
            end_label=high_text if left_is_low else low_text,
            mark=zero if crosses else None,
            mark_label=(f"flips at {threshold_text(result, d.factor, d.break_even, now)}"
                        if crosses else "")))
    return Chart(
        key="drivers", title="What drives the answer",
        caption=("The base-case leader's lead over the next best as each input alone crosses "
                 "its range "
                 "(values at the bar ends); left of zero another option leads; ◆: the "
                 "signposts' break-even."),
        axis_title="Lead over the next-best option (points)",
        ticks=scale.ticks(), zero=zero, bars=tuple(bars),
        reference=scale.at(base_margin), reference_label="today")
