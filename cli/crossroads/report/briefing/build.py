"""Decide what a briefing says: the title question, the what-if box, the bottom line.

:func:`build_briefing` turns a scored result (and its robustness summary, when the draws
were run) into the format-neutral :class:`~crossroads.report.briefing.model.Briefing`;
the sections after the bottom line come from :mod:`crossroads.report.briefing.sections`
and the charts from :mod:`crossroads.report.briefing.geometry`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from crossroads.core.engine import Result
from crossroads.core.estimative import likelihood_words, percent_text
from crossroads.core.reasons import positive_contributions
from crossroads.core.yardstick import Yardstick
from crossroads.report import key_assumptions
from crossroads.report.briefing import sections
from crossroads.report.briefing.bottom import bottom_line, recommendation_of
from crossroads.report.briefing.find_out import METHOD as FIND_OUT_METHOD
from crossroads.report.briefing.find_out import find_out_section
from crossroads.report.briefing.geometry import driver_chart, first_rank_chart, score_chart
from crossroads.report.briefing.model import PAPERS, BottomLine, Briefing, Header
from crossroads.report.briefing.panel import (
    bottom_sentence,
    frequency_scope,
    method_line,
    panel_files,
    panel_section,
)
from crossroads.report.briefing.whatif import scenario_changed, what_if_section
from crossroads.report.panel_members import readers_of
from crossroads.report.what_if import WHAT_IF, changes
from crossroads.report.wording import (
    clean,
    criterion_title,
    fill_question,
    inline,
    sentence,
    value_text,
)
from crossroads.robustness.assumptions import base_case_assumptions
from crossroads.robustness.summary import Robustness

if TYPE_CHECKING:
    from crossroads.services.panel import PanelAnalysis

#: Reasons for the recommended option among page 1's key judgements (the options table
#: gives each option's top reason; the annex-free pages have room for two).
JUDGEMENT_REASONS = 2


def build_briefing(
    result: Result,
    *,
    title: str | None = None,
    author: str | None = None,
    classification: str | None = None,
    paper: str = "a4",
    robustness: Robustness | None = None,
    yardstick: Yardstick | str = Yardstick.ICD203,
    baseline: Result | None = None,
    panel: PanelAnalysis | None = None,
) -> Briefing:
    """Decide what the briefing says about *result*; the renderers only lay it out.

    *baseline* is the same scenario scored at the file's own values: a what-if briefing
    compares itself with it.  *yardstick* picks the words for how often an option comes
    first (ICD 203 or the UK PHIA yardstick).  *panel*: the panel whose combined view
    *result* is (its scenario scored), for a bottom line that says whether the panel
    agrees and a section on where it differs."""
    yardstick = Yardstick(yardstick)
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, got {paper!r}")
    if not result.options:
        raise ValueError("a briefing needs at least one scored option")
    if robustness is not None and robustness.leader != result.leader.id:
        raise ValueError(f"the robustness run recommends {robustness.leader!r} but this "
                         f"result recommends {result.leader.id!r}: they come from different "
                         "inputs")
    if panel is not None and [(o.id, o.score) for o in panel.group.options] != \
            [(o.id, o.score) for o in result.options]:
        raise ValueError("the panel's combined view and this result differ: they come from "
                         "different inputs")
    check = (robustness.key_assumptions if robustness is not None
             else base_case_assumptions(result))
    titles = {o.id: o.title for o in result.options}
    bottom = bottom_line(result, robustness, yardstick,
                         baseline if scenario_changed(result) else None,
                         frequency_scope(panel) if panel is not None else "")
    rec = recommendation_of(result, robustness)
    stated = rec.stated_note(titles) if rec is not None else ""
    bottom = replace(bottom, rests_on=key_assumptions.rests_on_rule(check, titles),
                     reason=f"{bottom.reason} {stated}".strip(),
                     panel=bottom_sentence(panel) if panel is not None else "")
    drivers = robustness.drivers[:sections.MAX_DRIVERS] if robustness else ()
    runner = result.options[1].score if len(result.options) > 1 else result.leader.score
    # Page 1 shows how often each option comes first; when one option always does (or
    # no draws were run) it shows the scores with their ranges instead.  The 5–95% ranges
    # are also a column of the options table, so the score chart is not repeated.
    first = first_rank_chart(result, robustness, bottom.option_id) if robustness else None
    if first is not None and panel is not None:
        first = replace(first, title=f"{first.title} {frequency_scope(panel)}")
    charts = [c for c in (
        first if first is not None else score_chart(result, robustness, bottom.option_id),
        driver_chart(result, drivers, result.leader.score - runner)) if c is not None]
    pack, scenario = result.pack, result.scenario
    identifiers = [("Rule pack", f"{pack.id} {pack.version}"), ("Pack digest", pack.digest),
                   ("Scenario", scenario.id + (f" ({scenario.path.name})" if scenario.path
                                               else ""))]
    if robustness:
        identifiers.append(("Robustness draws", f"{robustness.draws:,}, seed {robustness.seed}"))
    if panel is not None:
        identifiers.append(("Panel files", panel_files(panel)))
    # A panel's combined scenario carries the panel's files in its notes, for the decision
    # log; the briefing says them in the annex, and its notes are the scenario's own.
    notes = panel.members[0].result.scenario.notes if panel is not None else scenario.notes
    return Briefing(
        header=header(result, title, author, classification),
        changes=changes(result),
        bottom_line=bottom,
        judgements=judgements(result, bottom.option_id),
        rejected=sections.rejected(result, bottom.option_id),
        context=tuple(p for p in (clean(p) for p in notes.split("\n\n")) if p),
        options=sections.option_rows(result, robustness),
        reasons=tuple(sections.option_reasons(result, o)
                      for o in result.options[:sections.REASON_OPTIONS]),
        risks=sections.risk_rows(result, _chosen(result, bottom)),
        signposts=sections.signposts(result, drivers),
        charts=tuple(charts),
        assumptions=sections.assumption_rows(result, {s_id: n for n, s_id in enumerate(
            sections.cited_sources(result), start=1)}),
        filled_in=sections.filled_in(result),
        robustness_run=robustness is not None,
        bibliography=sections.bibliography(result),
        facts_note=sections.facts_note(result),
        method=sections.method(result, robustness, yardstick) + (
            (FIND_OUT_METHOD,) if robustness and robustness.value_of_information else ()) + (
            (method_line(panel),) if panel is not None else ()),
        identifiers=tuple(identifiers),
        paper=paper,
        what_if=what_if_section(result, baseline),
        # A subject outside the pack's applies_to is said on page 1, where a reader of
        # the briefing (not only of the terminal's warnings) sees it.
        notices=tuple(n for n in (pack.outside_warning(scenario.subject),) if n),
        # A fact the check moves may be one an analyst on the panel already reads so.
        rests_on=tuple(key_assumptions.lines(
            check, titles, pack, key_assumptions.BRIEFING_LIMIT,
            readers_of(panel) if panel is not None else None)),
        find_out=find_out_section(result, robustness),
        panel=panel_section(panel, result) if panel is not None else None,
    )



def _chosen(result: Result, bottom: BottomLine) -> tuple[str, ...]:
    """The options the reader is choosing between: the recommended one, and in a close call
    the other one too."""
    if bottom.alternative_id:
        return bottom.option_id, bottom.alternative_id
    return (bottom.option_id,)


# -- title and what-if box -------------------------------------------------------------------

def question(result: Result) -> str:
    """The decision question: the scenario's own, else the pack's, filled in."""
    scenario, pack = result.scenario, result.pack
    template = clean(scenario.question) or clean(pack.question)
    # "Kazakhstan (Қазақстан)" reads as "Kazakhstan" inside a sentence.
    subject = re.sub(r"\s*\([^)]*\)\s*$", "", clean(scenario.subject)) or scenario.id
    year = str(scenario.as_of.year) if scenario.as_of else ""
    if not template:
        return f"Which course of action for {subject}{f' in {year}' if year else ''}?"
    return fill_question(template, subject, year)


def header(result: Result, title: str | None, author: str | None,
           classification: str | None) -> Header:
    scenario = result.scenario
    asked = clean(title) or question(result)
    what_if = bool(scenario.overrides)
    return Header(
        title=f"{asked} {WHAT_IF}" if what_if else asked,
        question=asked,
        what_if=what_if,
        scenario=clean(scenario.title) or scenario.id,
        subject=clean(scenario.subject),
        as_of=value_text(scenario.as_of) if scenario.as_of else "",
        # A subject outside the pack's `applies_to:` is said where the perspective is.
        perspective=". Caution: ".join(filter(None, (clean(result.pack.perspective), clean(
            result.pack.outside_warning(scenario.subject))))),
        author=clean(author),
        classification=clean(classification),
    )


# -- bottom line -----------------------------------------------------------------------------

def judgements(result: Result, recommended: str) -> tuple[str, ...]:
    """Key judgements for page 1: the recommended option's strongest reasons and main risk."""
    option = result.option(recommended)
    out = []
    seen: set[str] = set()
    for c in positive_contributions(option):
        if c.because and c.because not in seen:
            seen.add(c.because)
            out.append(f"{criterion_title(result, c.criterion)}: {sentence(c.because)}")
        if len(out) == JUDGEMENT_REASONS:
            break
    risk = max(option.risks, key=lambda r: (r.expected, r.id), default=None)
    if risk is not None:
        mitigation = f" Mitigation: {sentence(risk.mitigation)}" if risk.mitigation else ""
        out.append(f"Main risk: {inline(result, risk.title)} is "
                   f"{likelihood_words(risk.likelihood)} ({percent_text(risk.likelihood)}), "
                   f"impact {risk.impact} of 5.{mitigation}")
    return tuple(out)
