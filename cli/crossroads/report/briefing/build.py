"""Decide what a briefing says: the title question, the what-if box, the bottom line.

:func:`build_briefing` turns a scored result (and its robustness summary, when the draws
were run) into the format-neutral :class:`~crossroads.report.briefing.model.Briefing`;
the sections after the bottom line come from :mod:`crossroads.report.briefing.sections`
and the charts from :mod:`crossroads.report.briefing.geometry`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from crossroads.core.confidence import judge_confidence
from crossroads.core.engine import Result
from crossroads.core.estimative import likelihood_words, percent_text
from crossroads.core.reasons import positive_contributions
from crossroads.core.words import count_of
from crossroads.report import key_assumptions
from crossroads.report.briefing import sections as sections
from crossroads.report.briefing.find_out import METHOD as FIND_OUT_METHOD
from crossroads.report.briefing.find_out import find_out_section
from crossroads.report.briefing.geometry import driver_chart, first_rank_chart, score_chart
from crossroads.report.briefing.model import PAPERS, BottomLine, Briefing, Header
from crossroads.report.what_if import WHAT_IF, changes
from crossroads.report.wording import (
    SOURCE_WORDS,
    clean,
    criterion_title,
    driver_now,
    factor_label,
    factor_text,
    fill_question,
    listing,
    lower_first,
    move_text,
    option_title,
    sentence,
    sources_text,
    value_text,
)
from crossroads.robustness.assumptions import base_case_assumptions
from crossroads.robustness.precision import precision_warning, robustness_words
from crossroads.robustness.recommendation import Recommendation, recommend
from crossroads.robustness.summary import Robustness


def build_briefing(
    result: Result,
    *,
    title: str | None = None,
    author: str | None = None,
    classification: str | None = None,
    paper: str = "a4",
    robustness: Robustness | None = None,
) -> Briefing:
    """Decide what the briefing says about *result*; the renderers only lay it out."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, got {paper!r}")
    if not result.options:
        raise ValueError("a briefing needs at least one scored option")
    if robustness is not None and robustness.leader != result.leader.id:
        raise ValueError(f"the robustness run recommends {robustness.leader!r} but this "
                         f"result recommends {result.leader.id!r}: they come from different "
                         "inputs")
    check = (robustness.key_assumptions if robustness is not None
             else base_case_assumptions(result))
    titles = {o.id: o.title for o in result.options}
    bottom = bottom_line(result, robustness)
    rec = _recommendation(result, robustness)
    stated = rec.stated_note(titles) if rec is not None else ""
    bottom = replace(bottom, rests_on=key_assumptions.rests_on_rule(check, titles),
                     reason=f"{bottom.reason} {stated}".strip())
    drivers = robustness.drivers[:sections.MAX_DRIVERS] if robustness else ()
    runner = result.options[1].score if len(result.options) > 1 else result.leader.score
    charts = [c for c in (
        first_rank_chart(result, robustness, bottom.option_id) if robustness else None,
        driver_chart(result, drivers, result.leader.score - runner),
        score_chart(result, robustness, bottom.option_id)) if c is not None]
    pack, scenario = result.pack, result.scenario
    identifiers = [("Rule pack", f"{pack.id} {pack.version}"), ("Pack digest", pack.digest),
                   ("Scenario", scenario.id + (f" ({scenario.path.name})" if scenario.path
                                               else ""))]
    if robustness:
        identifiers.append(("Robustness draws", f"{robustness.draws:,}, seed {robustness.seed}"))
    return Briefing(
        header=header(result, title, author, classification),
        changes=changes(result),
        bottom_line=bottom,
        judgements=judgements(result, bottom.option_id),
        rejected=sections.rejected(result, bottom.option_id),
        context=tuple(p for p in (clean(p) for p in scenario.notes.split("\n\n")) if p),
        options=sections.option_rows(result, robustness),
        reasons=tuple(sections.option_reasons(result, o)
                      for o in result.options[:sections.REASON_OPTIONS]),
        risks=sections.risk_rows(result, _chosen(result, bottom)),
        signposts=sections.signposts(result, drivers),
        charts=tuple(charts),
        assumptions=sections.assumption_rows(result),
        filled_in=sections.filled_in(result),
        robustness_run=robustness is not None,
        bibliography=sections.bibliography(result),
        facts_note=sections.facts_note(result),
        method=sections.method(result, robustness) + (
            (FIND_OUT_METHOD,) if robustness and robustness.value_of_information else ()),
        identifiers=tuple(identifiers),
        paper=paper,
        rests_on=tuple(key_assumptions.lines(check, titles, pack,
                                             key_assumptions.BRIEFING_LIMIT)),
        find_out=find_out_section(result, robustness),
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

def verdict(result: Result, robustness: Robustness | None) -> tuple[str, str, str]:
    """("recommend", "close call" or "base-case leader", the option named first, the other
    option of a close call): the decision rule of :mod:`crossroads.robustness.recommendation`.

    Without draws nothing is recommended: the bottom line names the base-case leader.
    """
    rec = _recommendation(result, robustness)
    if rec is None:
        return "base-case leader", result.leader.id, ""
    return ("close call" if rec.close_call else "recommend"), rec.modal, rec.other or ""


def _also(result: Result, robustness: Robustness | None) -> tuple[tuple[str, float], ...]:
    """Further options of a close call, first about as often as the second one named."""
    rec = _recommendation(result, robustness)
    return rec.also if rec is not None else ()


def _recommendation(result: Result, robustness: Robustness | None) -> Recommendation | None:
    """What the draws support (recomputed from the shares for an older summary)."""
    if robustness is None:
        return None
    if robustness.recommendation is None and robustness.options:
        return recommend({s.option: s.first for s in robustness.options},
                         [o.id for o in result.options], robustness.draws)
    return robustness.recommendation


def confidence(result: Result, robustness: Robustness | None = None) -> tuple[str, str]:
    """Analytic confidence (ICD 203: on sources and reasoning) and the sentence behind it."""
    judgement = robustness.judgement if robustness is not None and robustness.judgement \
        else judge_confidence(result)
    limits = [_limit(result, i.name, i.detail, judgement.deciding_judgements)
              for i in judgement.weakest]
    if not limits:
        return judgement.level, "Judged on the sources and the reasoning."
    return judgement.level, ("Judged on the sources and the reasoning, and limited by "
                             + "; and by ".join(limits) + ".")


def _limit(result: Result, name: str, detail: str, deciding: tuple[str, ...]) -> str:
    """One input that holds the confidence down, in words a reader can check."""
    if name == "judgement factors that decide" and deciding:
        change = "changes" if len(deciding) == 1 else "change"
        return (f"{count_of(len(deciding), 'judgement factor')} held on the analyst's word that "
                f"{change} the base-case leader when moved one level or flipped: "
                + listing([factor_label(result, f) for f in deciding]))
    return f"{name}: {clean(detail)}"


def _reason(result: Result, option_id: str, named: bool = False) -> str:
    """Why *option_id*, in one sentence; *named* puts its name where "It" would be
    ambiguous (a close call speaks of two options)."""
    option = result.option(option_id)
    subject = option_title(result, option_id) if named else "It"
    best = next(iter(positive_contributions(option)), None)
    if best is None or not best.because:
        return f"No rule speaks strongly for {subject if named else 'it'}; the others fare worse."
    return (f"{subject} does most for {lower_first(criterion_title(result, best.criterion))}: "
            f"{lower_first(sentence(best.because))}")


def _watch(result: Result, robustness: Robustness | None) -> str:
    if robustness is None:
        return "No robustness analysis was run, so nothing here says what would change it."
    for d in robustness.drivers:
        if d.break_even is None or not d.new_leader:
            continue
        factor = result.pack.factors.get(d.factor)
        where = f" Watch: {sentence(lower_first(factor.indicator))}" if factor and \
            factor.indicator else ""
        now = driver_now(result, d.factor)
        if factor is not None and factor.kind == "boolean":  # a flip, not a move
            moved = (f"were {factor_text(result, d.factor, d.break_even)} instead of "
                     f"{factor_text(result, d.factor, now)}")
        else:
            moved = move_text(result, d.factor, now, d.break_even)
        return (f"It would change if {lower_first(clean(d.label) or d.factor)} {moved}: "
                f"{option_title(result, d.new_leader)} would then lead.{where}")
    return ("No single uncertain fact or judgement, moved across its range (a judgement "
            "factor one level, a yes/no fact flipped), changes the answer.")


def bottom_line(result: Result, robustness: Robustness | None) -> BottomLine:
    kind, first, other = verdict(result, robustness)
    also = _also(result, robustness) if kind == "close call" else ()
    name, other_name = option_title(result, first), option_title(result, other) if other else ""
    if kind == "base-case leader":
        recommendation = (f"Base-case leader: {name}" + (
            ", the only option the pack offers." if len(result.options) == 1 else
            " (no robustness analysis was run, so nothing is recommended)."))
    elif len(result.options) == 1:
        recommendation = f"Recommend {name}, the only option the pack offers."
    elif kind == "close call":
        named = [name, other_name, *(option_title(result, o) for o, _ in also)]
        recommendation = f"Close call between {listing(named)}."
    else:
        recommendation = f"Recommend {name}."
    robust_text, words = "", ""
    if robustness is not None and robustness.options:
        shares = {s.option: s.first for s in robustness.options}
        words = robustness_words(shares[first], robustness.draws)
        varied = robustness.varied
        what = ("every source of uncertainty" if set(varied) >= set(SOURCE_WORDS) else
                f"{sources_text(robustness)}" if varied else "the uncertain inputs")
        robust_text = (f"{name} ranks first in {percent_text(shares[first])} of "
                       f"{robustness.draws:,} draws of {what}: {words} to come out on top.")
        if other:
            robust_text += (f" {other_name} ranks first in {percent_text(shares[other])}"
                            + (", and leads at the scenario's own values." if
                               other == result.leader.id else "."))
        for option, share in also:
            robust_text += (f" {option_title(result, option)} ranks first in "
                            f"{percent_text(share)}: as often as {other_name}, within "
                            "sampling noise.")
        warning = precision_warning(shares[first], robustness.draws)
        if warning:
            robust_text += f" {warning}"
    label, basis = confidence(result, robustness)
    summary = result.pack.options[first].summary if first in result.pack.options else ""
    return BottomLine(
        verdict=kind, option_id=first, option=name, alternative_id=other,
        alternative=other_name,
        recommendation=recommendation, reason=" ".join(
            [_reason(result, first, named=bool(other))]
            + ([_reason(result, other, named=True)] if other else [])),
        robustness=robust_text, robustness_words=words, confidence=label,
        confidence_basis=basis, watch=_watch(result, robustness), summary=clean(summary))


def judgements(result: Result, recommended: str) -> tuple[str, ...]:
    """Key judgements for page 1: the recommended option's strongest reasons and main risk."""
    option = result.option(recommended)
    out = []
    seen: set[str] = set()
    for c in positive_contributions(option):
        if c.because and c.because not in seen:
            seen.add(c.because)
            out.append(f"{criterion_title(result, c.criterion)}: {sentence(c.because)}")
        if len(out) == sections.REASONS_PER_OPTION:
            break
    risk = max(option.risks, key=lambda r: (r.expected, r.id), default=None)
    if risk is not None:
        mitigation = f" Mitigation: {sentence(risk.mitigation)}" if risk.mitigation else ""
        out.append(f"Main risk: {lower_first(clean(risk.title))} is "
                   f"{likelihood_words(risk.likelihood)} ({percent_text(risk.likelihood)}), "
                   f"impact {risk.impact} of 5.{mitigation}")
    return tuple(out)
