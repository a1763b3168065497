"""The briefing as plain data, before any format: what a reader sees, in the order they see it.

Markdown, HTML, PDF and Word renderers lay out this one model, so every format says the
same thing with the same words and numbers.  Everything that needs a judgement (which
reasons to quote, what sinks an option, what the bottom line says) is decided by
:mod:`crossroads.report.briefing.build`, once; this module only names the parts.

Page plan the renderers follow: page 1 holds the title question, the what-if box, the
bottom line, the key judgements and chart (a); page 2 the options, charts (b) and (c),
risks and signposts, and for a panel where it differs; page 3 opens with what to find out
before deciding, then the annex (assumptions, sources, method) follows.
"""

from __future__ import annotations

from dataclasses import dataclass

from crossroads.report.briefing.find_out import FindOutSection
from crossroads.report.briefing.panel import PanelSection
from crossroads.report.what_if import Change

PAPERS = ("a4", "letter")

#: The key under every score: scores mean nothing to a reader without it.
SCORE_KEY = "Scores are points on a common value scale; higher is better, below zero does harm."


@dataclass(frozen=True, slots=True)
class Header:
    title: str  # the decision question, ending "(what-if)" when the inputs were changed
    question: str  # the question alone
    what_if: bool
    scenario: str  # the scenario's own name, for the subtitle
    subject: str
    as_of: str  # ISO date, or "" when the scenario has none
    perspective: str  # whose decision this is (the pack's perspective)
    author: str
    classification: str


@dataclass(frozen=True, slots=True)
class BottomLine:
    """The bottom line up front, one sentence per job; robustness and confidence apart."""

    # "recommend", "close call" (two options share the lead), "base-case leader" (no draws)
    verdict: str
    option_id: str
    option: str  # the recommended (or first-named) option's title
    alternative_id: str  # the other option of a close call, else ""
    alternative: str  # its title
    recommendation: str  # "Recommend X." / "Close call between X and Y."
    reason: str  # why, in one sentence, in words
    robustness: str  # how often it comes first across the inputs' range ("" without draws)
    robustness_words: str  # the yardstick's word for that frequency, e.g. "unlikely"
    robustness_note: str  # what the frequency is not (one line, "" without draws)
    yardstick: str  # whose words: "US ICD 203" or the UK PHIA yardstick
    confidence: str  # ICD 203 analytic confidence: "high", "moderate" or "low"
    confidence_basis: str  # the sources and reasoning the confidence judges
    confidence_change: str  # what-if: why the confidence differs from the file's ("" if not)
    watch: str  # the main thing that would change the answer
    summary: str  # the option's summary from the pack
    rests_on: str = ""  # when the lead rests on a single rule, the sentence that says so
    panel: str = ""  # a panel's briefing: whether the panel agrees, or how it is split

    @property
    def statement(self) -> str:
        """The first sentence of the briefing."""
        return self.recommendation


@dataclass(frozen=True, slots=True)
class OptionRow:
    rank: int
    id: str
    title: str
    score: str
    band: str  # "1.07 to 2.21" (5–95% of the draws), "" without draws
    first: str  # "62%" of draws ranked first, "" without draws
    top_reason: str
    main_drag: str


@dataclass(frozen=True, slots=True)
class Reason:
    criterion: str
    because: str
    source: str  # the quote or reference the rule encodes ("" if none)
    rule: str


@dataclass(frozen=True, slots=True)
class OptionReasons:
    rank: int
    option: str
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Rejected:
    """Why an option other than the recommended one is not chosen."""

    option: str
    reason: str


@dataclass(frozen=True, slots=True)
class RiskRow:
    option: str
    risk: str
    likelihood: float
    words: str  # ICD 203 expression
    estimate: str  # words and number, e.g. "likely (60%)"
    impact: int
    mitigation: str


@dataclass(frozen=True, slots=True)
class Signpost:
    """A key driver to watch: where to see it move and the value that flips the answer."""

    factor: str
    indicator: str  # what to watch and where ("" when the pack does not say)
    now: str
    range: str
    break_even: str  # "" when the leader holds across the whole range
    consequence: str  # "Economic partnerships would lead", or "no change within the range"


@dataclass(frozen=True, slots=True)
class AssumptionRow:
    factor: str
    value: str
    range: str  # "low–high", or ""
    source: str
    defaulted: bool
    cites: tuple[int, ...] = ()  # numbers of the Sources annex entries behind the value


@dataclass(frozen=True, slots=True)
class Source:
    """One numbered entry of the Sources annex: a work the facts or rules used here cite."""

    number: int
    text: str  # publisher, “title”, date
    url: str  # "" when the entry has no address


@dataclass(frozen=True, slots=True)
class Table:
    """A table every format lays out alike: the same heads, rows and order everywhere."""

    key: str
    head: tuple[str, ...]
    numeric: tuple[int, ...]  # columns aligned right
    rows: tuple[tuple[str, ...], ...]
    lead: int | None = None  # the row of the recommended option, shown bold


@dataclass(frozen=True, slots=True)
class WhatIf:
    """How the what-if differs from the scenario file: what was changed, what it does."""

    banner: str  # one line for every page's header: this is a what-if, changed from the file
    changes: Table  # what was changed: file value, what-if value
    # The resulting change (leader, scores, margin, confidence); None when the briefing was
    # built without the file's own result to compare with.
    outcome: Table | None


@dataclass(frozen=True, slots=True)
class Tick:
    at: float  # position across the plot, 0 = left edge, 1 = right edge
    label: str


@dataclass(frozen=True, slots=True)
class Bar:
    """One row of a horizontal chart; positions are fractions of the plot width."""

    label: str
    start: float
    end: float
    value: str  # the number printed beside the bar
    tone: str  # "lead", "pos", "neg" or "muted"
    low: float | None = None  # a whisker (5–95% range), if any
    high: float | None = None
    start_label: str = ""  # text at the bar's ends (the factor's values, in a tornado)
    end_label: str = ""
    mark: float | None = None  # a marked point (break-even), if any
    mark_label: str = ""


@dataclass(frozen=True, slots=True)
class Chart:
    key: str  # "first", "drivers" or "scores"
    title: str
    caption: str  # one line: what the chart shows
    axis_title: str
    ticks: tuple[Tick, ...]
    zero: float | None  # the zero line's position, drawn across the plot, if any
    bars: tuple[Bar, ...]
    reference: float | None = None  # a second line (the base-case margin), if any
    reference_label: str = ""


@dataclass(frozen=True, slots=True)
class Briefing:
    header: Header
    changes: tuple[Change, ...]  # the what-if box: overrides, then defaults filled in
    bottom_line: BottomLine
    judgements: tuple[str, ...]  # key judgements on page 1, one sentence each
    rejected: tuple[Rejected, ...]  # why not the others
    context: tuple[str, ...]  # the scenario's notes, one entry per paragraph
    options: tuple[OptionRow, ...]
    reasons: tuple[OptionReasons, ...]
    risks: tuple[RiskRow, ...]
    signposts: tuple[Signpost, ...]
    charts: tuple[Chart, ...]  # first-rank shares, key drivers, score ranges (those with data)
    assumptions: tuple[AssumptionRow, ...]
    filled_in: tuple[str, ...]  # weights and other gaps the engine filled
    robustness_run: bool
    bibliography: tuple[Source, ...]  # the works the facts and rules used here cite
    facts_note: str  # how many facts have a cited source
    method: tuple[str, ...]
    identifiers: tuple[tuple[str, str], ...]  # (what, id): pack, digest, scenario, seed
    paper: str
    what_if: WhatIf | None = None  # the banner and the comparison with the file's values
    notices: tuple[str, ...] = ()  # warnings a reader must see on page 1 (e.g. applies_to)
    # "What this rests on": the key assumptions check, opening sentence then linchpins
    # (report/key_assumptions.py).
    rests_on: tuple[str, ...] = ()
    find_out: FindOutSection | None = None  # what is worth finding out (with draws only)
    panel: PanelSection | None = None  # a panel's agreement and dissent (--panel only)

    def chart(self, key: str) -> Chart | None:
        """The chart named *key*, or None when the briefing has no data for it."""
        return next((c for c in self.charts if c.key == key), None)
