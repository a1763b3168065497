"""The briefing's tables, made once for every format: PDF, HTML, Word and Markdown show the
same heads, the same columns and the same rows in the same order."""

from __future__ import annotations

from crossroads.report.briefing.find_out import HEADS
from crossroads.report.briefing.model import Briefing, Table
from crossroads.report.briefing.panel import HEADS as PANEL_HEADS


def options_table(brief: Briefing) -> Table:
    """The ranking at the stated values with each option's top reason; with draws, the
    range of 90% of its scores and how often it comes first.  (What counts against each
    option is page 1's "Why not the others".)"""
    lead = next((i for i, o in enumerate(brief.options)
                 if o.id == brief.bottom_line.option_id), None)
    if brief.robustness_run:
        return Table("options", ("#", "Option", "Score", "5–95% range", "First in",
                                 "Top reason for"), (0, 2, 3, 4),
                     tuple((str(o.rank), o.title, o.score, o.band or "—", o.first or "—",
                            o.top_reason) for o in brief.options), lead)
    return Table("options", ("#", "Option", "Score", "Top reason for"), (0, 2),
                 tuple((str(o.rank), o.title, o.score, o.top_reason)
                       for o in brief.options), lead)


def signposts_table(brief: Briefing) -> Table | None:
    if not brief.signposts:
        return None
    return Table("signposts", ("Key driver", "What to watch, and where", "Now", "Break-even",
                               "Then"), (),
                 tuple((s.factor, s.indicator or "no indicator declared", s.now,
                        s.break_even or "—", s.consequence) for s in brief.signposts))


def risks_table(brief: Briefing) -> Table | None:
    if not brief.risks:
        return None
    return Table("risks", ("Option", "Risk", "Likelihood", "Impact", "Mitigation"), (3,),
                 tuple((k.option, k.risk, k.estimate, f"{k.impact}/5", k.mitigation)
                       for k in brief.risks))


def find_out_table(brief: Briefing) -> Table | None:
    """The inputs worth finding out before deciding (issue 24), None when there are none."""
    if brief.find_out is None or not brief.find_out.rows:
        return None
    return Table("find_out", HEADS, (1, 2), brief.find_out.rows)


def panel_table(brief: Briefing) -> Table | None:
    """Each analyst of a panel: role, share of the votes, the option first on their view."""
    if brief.panel is None or not brief.panel.members:
        return None
    return Table("panel", PANEL_HEADS, (2,), brief.panel.members)


def source_marks(numbers: tuple[int, ...]) -> str:
    """"[1]", "[1, 3]": the Sources annex entries behind a value."""
    return f"[{', '.join(str(n) for n in numbers)}]" if numbers else ""


def assumptions_table(brief: Briefing) -> Table:
    """Every factor with its value, range and source; the source's annex numbers first."""
    def source(a_source: str, cites: tuple[int, ...]) -> str:
        marks = source_marks(cites)
        return f"{marks} {a_source}" if marks else a_source
    return Table("assumptions", ("Factor", "Value", "Range", "Source"), (),
                 tuple((a.factor, a.value, a.range or "—", source(a.source, a.cites))
                       for a in brief.assumptions))


#: The heading of page 1's note on the gaps the pack's defaults filled.
DEFAULTS_HEADING = "Filled in from pack defaults"


def defaults_lines(brief: Briefing) -> tuple[str, ...]:
    """What the pack's defaults filled in (facts and priorities the scenario lacks)."""
    return tuple(c.what for c in brief.changes if c.origin == "pack default")
