"""The bottom line: what to do, why, how often it comes first, confidence, what would change it.

Each sentence that states a fact of the analysis is worded from a claim of
:mod:`crossroads.services.briefing_claims` that holds; a claim that does not hold is not
written.  Robustness is said as a frequency a reader cannot mistake for the chance that
the policy is right ("across the plausible range of the inputs, it comes first in 43 of
100 cases"), with the yardstick's word for that frequency and a line on what it is not.
"""

from __future__ import annotations

from crossroads.core.confidence import Confidence, judge_confidence
from crossroads.core.engine import Result
from crossroads.core.model import SourceKind
from crossroads.core.words import count_of
from crossroads.core.yardstick import Yardstick
from crossroads.report.briefing.model import BottomLine
from crossroads.report.wording import (
    SOURCE_WORDS,
    clean,
    criterion_title,
    driver_now,
    factor_label,
    factor_text,
    inline,
    listing,
    move_text,
    option_title,
    sentence,
    sources_text,
)
from crossroads.robustness.precision import precision_warning, robustness_words
from crossroads.robustness.recommendation import (
    RELATION_WORDS,
    WITHIN_NOISE,
    Recommendation,
    recommend,
)
from crossroads.robustness.summary import Driver, Robustness
from crossroads.services import briefing_claims as claims

_ORDER = ("n/a", "low", "moderate", "high")

#: What the first-place frequency is not, said once under it.
FREQUENCY_NOTE = ("This frequency shows how the ranking holds up as the inputs vary within "
                  "their plausible ranges; it is not the probability that the policy "
                  "succeeds or that the recommendation is right.")


def cases_text(share: float) -> str:
    """A share as cases of 100: "43 of 100", "fewer than 1 of 100", "more than 99 of 100"."""
    count = round(share * 100)
    if share > 0 and count == 0:
        return "fewer than 1 of 100"
    if share < 1 and count == 100:
        return "more than 99 of 100"
    return f"{count} of 100"


def recommendation_of(result: Result, robustness: Robustness | None) -> Recommendation | None:
    """What the draws support (recomputed from the shares for an older summary)."""
    if robustness is None:
        return None
    if robustness.recommendation is None and robustness.options:
        return recommend({s.option: s.first for s in robustness.options},
                         [o.id for o in result.options], robustness.draws)
    return robustness.recommendation


def verdict(result: Result, robustness: Robustness | None) -> tuple[str, str, str]:
    """("recommend", "close call" or "base-case leader", the option named first, the other
    option of a close call): the decision rule of :mod:`crossroads.robustness.recommendation`.
    Without draws nothing is recommended: the bottom line names the base-case leader."""
    rec = recommendation_of(result, robustness)
    if rec is None:
        return "base-case leader", result.leader.id, ""
    return ("close call" if rec.close_call else "recommend"), rec.modal, rec.other or ""


# -- confidence -----------------------------------------------------------------------------

def judgement_of(result: Result, robustness: Robustness | None) -> Confidence:
    if robustness is not None and robustness.judgement is not None:
        return robustness.judgement
    return judge_confidence(result)


def confidence(result: Result, robustness: Robustness | None = None) -> tuple[str, str]:
    """Analytic confidence (ICD 203: on sources and reasoning) and the sentence behind it."""
    judgement = judgement_of(result, robustness)
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


def confidence_change(result: Result, baseline: Result | None) -> str:
    """One line when the what-if's changes alone move the confidence, else ""."""
    if baseline is None:
        return ""
    now, before = judge_confidence(result), judge_confidence(baseline)
    if now.level == before.level:
        return ""
    was = {i.name: i for i in before.inputs}
    moved = [f"{i.name} {_direction(was[i.name].grade, i.grade)}"
             f" from {was[i.name].grade} to {i.grade} (in the file "
             f"{clean(was[i.name].detail)}; here {clean(i.detail)})"
             for i in now.inputs if i.name in was and i.grade != was[i.name].grade]
    # The cause, when it is one: a fact the file cites, set for this run without a
    # citation, no longer counts as sourced.
    unsourced = [o.subject for o in result.scenario.overrides
                 if _cited(baseline, o.subject) and not _cited(result, o.subject)]
    why = ""
    if unsourced and any(i.startswith("sourced facts") for i in moved):
        which = listing([factor_label(result, f) for f in unsourced])
        why = (f"; {which}, set for this run without a cited source, no longer counts as "
               "sourced")
    return (f"Confidence is {now.level} here but {before.level} at the file's values: "
            + "; ".join(moved) + why + ".")


def _cited(result: Result, factor: str) -> bool:
    given = result.scenario.factors.get(factor)
    return given is not None and given.source_kind == SourceKind.CITED


def _direction(before: str, after: str) -> str:
    return "fall" if _ORDER.index(after) < _ORDER.index(before) else "rise"


# -- why ------------------------------------------------------------------------------------

def reason(result: Result, first: str, other: str) -> str:
    """Why: what the recommended option does most for; in a close call, where each of the
    two named options outdoes the other (never the same criterion twice)."""
    if not other:
        claim = claims.does_most_for(result, first)
        if claim is None:
            return "No rule adds value to it on any criterion; the others fare worse."
        return (f"It does most for {inline(result, criterion_title(result, claim.criterion))}: "
                f"{inline(result, sentence(claim.because))}")
    return " ".join(_versus(result, a, b) for a, b in ((first, other), (other, first)))


def _versus(result: Result, option: str, other: str) -> str:
    name, other_name = option_title(result, option), option_title(result, other)
    claim = claims.does_more_than(result, option, other)
    if claim is None:
        return f"{name} does no more than {other_name} on any criterion."
    criterion = inline(result, criterion_title(result, claim.criterion))
    if claim.harm:
        return (f"{other_name} does more harm than {name} to {criterion}: "
                f"{inline(result, sentence(claim.because))}")
    return (f"{name} does more than {other_name} for {criterion}: "
            f"{inline(result, sentence(claim.because))}")


# -- how often first ------------------------------------------------------------------------

def _varied(robustness: Robustness) -> str:
    varied = robustness.varied
    if varied and set(varied) >= set(SOURCE_WORDS):
        return "every source of uncertainty"
    return sources_text(robustness) or "the uncertain inputs"


def frequency(result: Result, robustness: Robustness, first: str, other: str,
              also: tuple[tuple[str, float], ...], yardstick: Yardstick,
              scope: str = "") -> tuple[str, str]:
    """(the sentences on how often the named options come first, the yardstick's word).
    *scope* says around what the draws were made, when a reader could take them for
    others (a panel's: "around the panel's combined weights")."""
    main = claims.first_share(robustness, first)
    if main is None or not main.holds(result, robustness):
        return "", ""
    name = option_title(result, first)
    word = robustness_words(main.share, robustness.draws, yardstick)
    around = f" {scope}" if scope else ""
    text = (f"Across the plausible range of the inputs{around} ({robustness.draws:,} draws of "
            f"{_varied(robustness)}), {name} comes first in {cases_text(main.share)} cases. "
            f"{yardstick.name_in_words} word for that frequency: {word}.")
    for option, versus in ([(other, first)] if other else []) + [(o, other) for o, _ in also]:
        text += " " + _compared(result, robustness, option, versus)
    warning = precision_warning(main.share, robustness.draws)
    return text + (f" {warning}" if warning else ""), word


def _compared(result: Result, robustness: Robustness, option: str, versus: str) -> str:
    share = claims.first_share(robustness, option)
    comparison = claims.share_comparison(robustness, option, versus)
    if share is None or not comparison.holds(result, robustness):
        return ""
    noise = f" ({WITHIN_NOISE})" if comparison.relation == "same" else ""
    at_values = "; it leads at the scenario's own values" if option == result.leader.id else ""
    return (f"{option_title(result, option)} comes first in {cases_text(share.share)}, "
            f"{RELATION_WORDS[comparison.relation]} {option_title(result, versus)}{noise}"
            f"{at_values}.")


# -- what would change it -------------------------------------------------------------------

def _moved(result: Result, driver: Driver) -> str:
    factor = result.pack.factors.get(driver.factor)
    now = driver_now(result, driver.factor)
    if factor is not None and factor.kind == "boolean":  # a flip, not a move
        return (f"were {factor_text(result, driver.factor, driver.break_even)} instead of "
                f"{factor_text(result, driver.factor, now)}")
    return move_text(result, driver.factor, now, driver.break_even)


def _watch_where(result: Result, driver: Driver) -> str:
    factor = result.pack.factors.get(driver.factor)
    return f" Watch: {sentence(factor.indicator)}" if factor and factor.indicator else ""


def watch(result: Result, robustness: Robustness | None, recommended: str) -> str:
    """What would hand the lead to another option, never to the recommended one."""
    if robustness is None:
        return "No robustness analysis was run, so nothing here says what would change it."
    def label(driver: Driver) -> str:
        return inline(result, clean(driver.label) or driver.factor)

    found = claims.would_change(result, robustness, recommended)
    firm = claims.also_leads(result, robustness, recommended)
    parts = []
    if found is not None:
        claim, driver = found
        new = option_title(result, claim.new_leader)
        if claim.holder == recommended:
            parts.append(f"It would change if {label(driver)} {_moved(result, driver)}: "
                         f"{new} would then lead.{_watch_where(result, driver)}")
        else:
            parts.append(f"At the scenario's own values {option_title(result, claim.holder)} "
                         f"leads; it would lose that lead to {new} if {label(driver)} "
                         f"{_moved(result, driver)}.{_watch_where(result, driver)}")
    else:
        parts.append("No single uncertain fact or judgement, moved across its range (a "
                     "judgement factor one level, a yes/no fact flipped), hands the lead to "
                     "another option.")
    if firm is not None:
        _, driver = firm
        parts.append(f"If {label(driver)} {_moved(result, driver)}, "
                     f"{option_title(result, recommended)} would lead at the scenario's own "
                     "values too.")
    return " ".join(parts)


# -- the whole bottom line ------------------------------------------------------------------

def bottom_line(result: Result, robustness: Robustness | None,
                yardstick: Yardstick = Yardstick.ICD203,
                baseline: Result | None = None, scope: str = "") -> BottomLine:
    kind, first, other = verdict(result, robustness)
    rec = recommendation_of(result, robustness)
    also = rec.also if rec is not None and kind == "close call" else ()
    name = option_title(result, first)
    if kind == "base-case leader":
        recommendation = (f"Base-case leader: {name}" + (
            ", the only option the pack offers." if len(result.options) == 1 else
            " (no robustness analysis was run, so nothing is recommended)."))
    elif len(result.options) == 1:
        recommendation = f"Recommend {name}, the only option the pack offers."
    elif kind == "close call":
        named = [name, option_title(result, other), *(option_title(result, o) for o, _ in also)]
        recommendation = f"Close call between {listing(named)}."
    else:
        recommendation = f"Recommend {name}."
    robust_text, word = ("", "")
    if robustness is not None and robustness.options:
        robust_text, word = frequency(result, robustness, first, other, also, yardstick,
                                      scope)
    label, basis = confidence(result, robustness)
    summary = result.pack.options[first].summary if first in result.pack.options else ""
    return BottomLine(
        verdict=kind, option_id=first, option=name, alternative_id=other,
        alternative=option_title(result, other) if other else "",
        recommendation=recommendation, reason=reason(result, first, other),
        robustness=robust_text, robustness_words=word,
        robustness_note=FREQUENCY_NOTE if robust_text else "",
        yardstick=yardstick.name_in_words,
        confidence=label, confidence_basis=basis,
        confidence_change=confidence_change(result, baseline),
        watch=watch(result, robustness, first), summary=clean(summary))
