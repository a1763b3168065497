"""The briefing as plain data, before any format: what a reader sees, in the order they see it.

Markdown, HTML and PDF renderers lay out this one model, so the three formats always say
the same thing, with the same numbers formatted the same way.  Everything that needs a
judgement (which reasons to quote, which risks to list, what the confidence label is)
is decided here, once.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

from crossroads.core.confidence import judge_confidence
from crossroads.core.engine import Assumption, OptionResult, Result
from crossroads.core.estimative import estimate_text, likelihood_words, percent_text
from crossroads.core.reasons import positive_contributions, top_reasons
from crossroads.robustness.summary import Driver, Robustness

#: How many options get their reasons quoted, and how many reasons each.
REASON_OPTIONS = 2
REASONS_PER_OPTION = 3
#: Risks are listed for the options a reader is choosing between.
RISK_OPTIONS = 3
#: Key drivers shown from a robustness run (largest swing first).
MAX_DRIVERS = 5

PAPERS = ("a4", "letter")


@dataclass(frozen=True, slots=True)
class Header:
    title: str
    subject: str
    as_of: str  # ISO date, or "" when the scenario has none
    author: str
    classification: str
    pack_id: str
    pack_version: str
    pack_title: str
    scenario_id: str
    perspective: str


@dataclass(frozen=True, slots=True)
class BottomLine:
    option_id: str
    option: str  # the recommended option's title
    score: str
    runner_up: str  # "" when the pack has a single option
    margin: str  # the leader's score minus the runner-up's
    confidence: str  # ICD 203 confidence: "high", "moderate", "low" (sources, reasoning)
    confidence_basis: str  # where the label comes from (never a likelihood word)
    summary: str  # option summary from the pack, if any
    # From a robustness run: the recommendation the draws support (close call names both)
    # and, as its own sentence, how often the recommended option stays first.
    recommendation: str = ""
    robustness: str = ""

    @property
    def statement(self) -> str:
        """The first sentence of the briefing (base-case leader when no draws were run)."""
        if self.recommendation:
            return f"{self.recommendation} {self.robustness}".strip()
        if not self.runner_up:
            return (f"Base-case leader: {self.option}, the only option the pack offers "
                    f"(score {self.score}).")
        if self.margin == _number(0.0):
            return (f"{self.option} and {self.runner_up} are tied at {self.score}; "
                    f"{self.option} is listed first only by its id. Treat them as equal.")
        return (f"Base-case leader: {self.option}, score {self.score}, {self.margin} ahead of "
                f"{self.runner_up} (no robustness run, so no recommendation).")


@dataclass(frozen=True, slots=True)
class OptionRow:
    rank: int
    id: str
    title: str
    score: str
    benefit: str
    risk: str
    share: float  # the score as a share of the largest absolute score, in [-1, 1]
    bar_from: float  # where the score's bar starts and ends, as fractions of the chart
    bar_to: float  # width; the zero line is at Briefing.bar_axis
    top_reason: str


@dataclass(frozen=True, slots=True)
class Reason:
    criterion: str
    value: str  # the contribution to the score, e.g. "+1.08"
    detail: str  # "3 points × weight 36%"
    because: str
    source: str  # the quote or reference the rule encodes ("" if none)
    rule: str


@dataclass(frozen=True, slots=True)
class OptionReasons:
    rank: int
    option: str
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class RiskRow:
    option: str
    risk: str
    likelihood: float
    words: str  # ICD 203 expression
    estimate: str  # words and number, e.g. "likely (60%)"
    impact: int
    expected: str
    mitigation: str


@dataclass(frozen=True, slots=True)
class AssumptionRow:
    factor: str  # label
    value: str
    range: str  # "low–high", or ""
    source: str
    defaulted: bool


@dataclass(frozen=True, slots=True)
class DriverRow:
    factor: str
    range: str
    margin_low: str
    margin_high: str
    swing: str
    break_even: str  # "" when the leader holds across the whole range
    new_leader: str


@dataclass(frozen=True, slots=True)
class Briefing:
    header: Header
    bottom_line: BottomLine
    context: tuple[str, ...]  # the scenario's notes, one entry per paragraph
    options: tuple[OptionRow, ...]
    bar_axis: float  # where zero lies across the chart width (0 = left edge)
    reasons: tuple[OptionReasons, ...]
    risks: tuple[RiskRow, ...]
    assumptions: tuple[AssumptionRow, ...]
    other_assumptions: tuple[str, ...]  # weights and other gaps the engine filled
    drivers: tuple[DriverRow, ...]  # empty unless a robustness run was given
    changes: tuple[str, ...]  # "what would change this recommendation"
    robustness_run: bool
    sources: tuple[str, ...]
    method: tuple[str, ...]
    paper: str


# -- building ----------------------------------------------------------------------------

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
    pack, scenario = result.pack, result.scenario
    header = Header(
        title=(_clean(title) or _clean(scenario.title)
               or f"{_clean(scenario.subject) or scenario.id}: options"),
        subject=_clean(scenario.subject),
        as_of=_value_text(scenario.as_of) if scenario.as_of else "",
        author=_clean(author),
        classification=_clean(classification),
        pack_id=pack.id,
        pack_version=pack.version,
        pack_title=_clean(pack.title),
        scenario_id=scenario.id,
        perspective=_clean(pack.perspective),
    )
    drivers = robustness.drivers[:MAX_DRIVERS] if robustness else ()
    reasons = tuple(_option_reasons(result, o) for o in result.options[:REASON_OPTIONS])
    return Briefing(
        header=header,
        bottom_line=_bottom_line(result, robustness),
        context=tuple(p for p in (_clean(p) for p in scenario.notes.split("\n\n")) if p),
        options=_option_rows(result),
        bar_axis=_bar_axis(result),
        reasons=reasons,
        risks=_risk_rows(result),
        assumptions=_assumption_rows(result),
        other_assumptions=tuple(_other_assumption(result, a)
                                for a in result.assumptions if a.subject not in pack.factors),
        drivers=tuple(_driver_row(result, d) for d in drivers),
        changes=_changes(result, robustness) if robustness else (),
        robustness_run=robustness is not None,
        sources=_sources(result, reasons),
        method=_method(result, robustness),
        paper=paper,
    )


def _bottom_line(result: Result, robustness: Robustness | None) -> BottomLine:
    leader = result.leader
    runner = result.options[1] if len(result.options) > 1 else None
    margin = leader.score - runner.score if runner else 0.0
    judgement = robustness.judgement if robustness and robustness.judgement \
        else judge_confidence(result)
    weakest = judgement.weakest
    basis = ("ICD 203 judgement on sources and reasoning, limited by "
             + "; ".join(f"{i.name} ({_clean(i.detail)})" for i in weakest) + "."
             if weakest else "ICD 203 judgement on sources and reasoning.")
    recommendation = stays = ""
    rec = robustness.recommendation if robustness else None
    if robustness is not None and rec is not None:
        titles = {o.id: _clean(o.title) for o in result.options}
        recommendation = rec.statement(titles)
        share = rec.modal_share
        stays = (f"Robustness: {likelihood_words(share)} to stay first ({percent_text(share)} "
                 f"of {robustness.draws:,} draws).")
    summary = result.pack.options[leader.id].summary if leader.id in result.pack.options else ""
    return BottomLine(
        option_id=leader.id,
        option=_clean(leader.title),
        score=_number(leader.score),
        runner_up=_clean(runner.title) if runner else "",
        margin=_number(margin),
        confidence=judgement.level,
        confidence_basis=basis,
        summary=_clean(summary),
        recommendation=recommendation,
        robustness=stays,
    )


def _bar_span(result: Result) -> tuple[float, float]:
    # The chart runs from the lowest score (or zero) to the highest (or zero), so that
    # negative scores grow leftwards from a common zero line.
    low = min(0.0, *(o.score for o in result.options))
    high = max(0.0, *(o.score for o in result.options))
    return low, (high if high > low else low + 1.0)


def _bar_axis(result: Result) -> float:
    low, high = _bar_span(result)
    return -low / (high - low)


def _option_rows(result: Result) -> tuple[OptionRow, ...]:
    largest = max(abs(o.score) for o in result.options) or 1.0
    low, high = _bar_span(result)
    axis = _bar_axis(result)
    rows = []
    for o in result.options:
        end = (o.score - low) / (high - low)
        rows.append(OptionRow(o.rank, o.id, _clean(o.title), _number(o.score), _number(o.benefit),
                              _number(o.risk), o.score / largest, min(axis, end),
                              max(axis, end), _top_reason(o)))
    return tuple(rows)


def _top_reason(option: OptionResult) -> str:
    return _clean(next(iter(top_reasons(option, count=1)), ""))


def _option_reasons(result: Result, option: OptionResult) -> OptionReasons:
    reasons = tuple(
        Reason(
            criterion=_criterion_title(result, c.criterion),
            value=_signed(c.value),
            detail=f"{c.points:g} points × weight {percent_text(c.weight)}",
            because=_clean(c.because),
            source=_clean(c.source),
            rule=c.rule,
        )
        for c in positive_contributions(option)[:REASONS_PER_OPTION])
    return OptionReasons(option.rank, _clean(option.title), reasons)


def _risk_rows(result: Result) -> tuple[RiskRow, ...]:
    rows = []
    for option in result.options[:RISK_OPTIONS]:
        for risk in sorted(option.risks, key=lambda r: (-r.expected, r.id)):
            rows.append(RiskRow(
                option=_clean(option.title),
                risk=_clean(risk.title),
                likelihood=risk.likelihood,
                words=likelihood_words(risk.likelihood),
                estimate=estimate_text(risk.likelihood),
                impact=risk.impact,
                expected=_number(risk.expected),
                mitigation=_clean(risk.mitigation),
            ))
    return tuple(rows)


def _assumption_rows(result: Result) -> tuple[AssumptionRow, ...]:
    rows = []
    for f in result.factors:
        value = factor_text(result, f.id, f.value)
        span = range_text(result, f.id, f.low, f.high) if f.low is not None else ""
        source = _clean(f.source) or ("pack default" if f.defaulted else "not given")
        rows.append(AssumptionRow(_clean(f.label) or f.id, value, span, source, f.defaulted))
    return tuple(rows)


def _other_assumption(result: Result, assumption: Assumption) -> str:
    """A gap the engine filled that is not a factor: mostly weights taken from the pack."""
    if assumption.subject in result.pack.criteria:
        subject = f"Weight of {_criterion_title(result, assumption.subject)}"
    else:
        subject = assumption.subject[:1].upper() + assumption.subject[1:]
    return f"{subject}: {_value_text(assumption.value)} ({assumption.reason})."


def _driver_row(result: Result, driver: Driver) -> DriverRow:
    return DriverRow(
        factor=_clean(driver.label) or driver.factor,
        range=range_text(result, driver.factor, driver.low, driver.high),
        margin_low=_signed(driver.margin_low),
        margin_high=_signed(driver.margin_high),
        swing=_number(driver.swing),
        break_even=(factor_text(result, driver.factor, driver.break_even)
                    if driver.break_even is not None else ""),
        new_leader=_option_title(result, driver.new_leader) if driver.new_leader else "",
    )


def _changes(result: Result, robustness: Robustness) -> tuple[str, ...]:
    current = {f.id: f for f in result.factors}
    lines = []
    for d in robustness.drivers:
        if d.break_even is None or not d.new_leader:
            continue
        now = current.get(d.factor)
        now_text = f" (now {factor_text(result, d.factor, now.value)})" if now else ""
        lines.append(
            f"{_clean(d.label) or d.factor} at {factor_text(result, d.factor, d.break_even)}"
            f"{now_text}: "
            f"{_option_title(result, d.new_leader)} would lead instead of "
            f"{_option_title(result, result.leader.id)}.")
    if not lines:
        lines.append(f"No single uncertain factor, moved across its stated range, changes the "
                     f"base-case leader, {_option_title(result, result.leader.id)}.")
    return tuple(lines)


def _sources(result: Result, reasons: tuple[OptionReasons, ...]) -> tuple[str, ...]:
    # Per-factor sources already sit beside each value under Assumptions; here the reader
    # gets where the knowledge and the facts come from, in a few lines.
    pack, scenario = result.pack, result.scenario
    knowledge = f"Knowledge: rule pack {_clean(pack.title) or pack.id} ({pack.id} {pack.version})"
    if pack.source_title:
        knowledge += f", encoding {_clean(pack.source_title)}"
    given = [f for f in result.factors if not f.defaulted]
    cited = sum(1 for f in given if _clean(f.source))
    defaulted = len(result.factors) - len(given)
    where = f" ({scenario.path.name})" if scenario.path else ""
    as_of = f", as of {_value_text(scenario.as_of)}" if scenario.as_of else ""
    facts = (f"Facts: scenario {scenario.id}{where}{as_of}: {len(given)} factor values, "
             f"{cited} with a cited source (see Assumptions)")
    facts += f"; {defaulted} taken from pack defaults." if defaulted else "."
    out = [knowledge + ".", facts]
    if any(r.source for group in reasons for r in group.reasons):
        out.append("The quotations under “Why the leading options” are the passages each "
                   "rule encodes.")
    return tuple(out)


def _method(result: Result, robustness: Robustness | None) -> tuple[str, ...]:
    weights = ", ".join(f"{_criterion_title(result, k)} {percent_text(v)}"
                        for k, v in sorted(result.weights.items(), key=lambda kv: -kv[1]))
    lines = [
        "Score = benefit − risk aversion × expected risk. Each criterion's points (capped at "
        "its declared scale) become value on one common scale, every scale spanning 20 value "
        "units from worst to best anchor, so weights are swing weights; benefit is the "
        "weighted sum. A risk event has one impact (1–5); an impact-5 event that is certain "
        "costs a full swing of an average-weight criterion. Triggers of one event combine "
        "as 1 − Π(1 − p), the largest within a group that shares a cause.",
        f"Weights (normalised): {weights}. Risk aversion: {result.risk_aversion:g}.",
        f"Pack {result.pack.id} {result.pack.version}, digest {result.pack.digest}; "
        f"scenario {result.scenario.id}.",
    ]
    lines.append("Confidence (ICD 203) judges the sources and reasoning, never the draws: "
                 "share of facts with a cited source, share of the leading options' rules "
                 "backed by the article, pairwise consistency, and judgement factors that "
                 "decide; the lowest of these grades.")
    if robustness is not None:
        lines.append(
            f"Robustness: {robustness.draws:,} draws (seed {robustness.seed}) of the weights, "
            "uncertain facts, rule points, risk likelihoods and impacts, risk aversion and "
            "judgement factors (± one level); the recommended option is the one first in "
            "the most draws, a close call when that is not the base-case leader or no option "
            "is first in more than half of them.")
    anchored = [c for c in result.pack.criteria.values() if c.worst_anchor or c.best_anchor]
    lines += [f"{_clean(c.title)}: from “{_clean(c.worst_anchor) or f'{c.scale_min:g}'}” to "
              f"“{_clean(c.best_anchor) or f'{c.scale_max:g}'}”." for c in anchored]
    lines.append("Likelihood words follow US ICD 203 (almost no chance <5%, very unlikely "
                 "5–20%, unlikely 20–45%, roughly even chance 45–55%, likely 55–80%, very "
                 "likely 80–95%, almost certain >95%; boundaries fall toward even chance).")
    return tuple(lines)


# -- formatting shared by all renderers --------------------------------------------------

def _clean(text: object) -> str:
    """Collapse runs of whitespace: pack and scenario text arrives with YAML line breaks."""
    return " ".join(str(text).split()) if text is not None else ""


def _number(value: float) -> str:
    # A true minus sign reads better in print; "-0.00" would look like an error.
    text = f"{value:.2f}"
    if text in ("-0.00", "0.00"):
        return "0.00"
    return text.replace("-", "−")


def _signed(value: float) -> str:
    text = _number(value)
    return text if text.startswith("−") or text == "0.00" else "+" + text


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}".replace("-", "−")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if value is None:
        return "—"
    return _clean(value)


def range_text(result: Result, factor_id: str, low: Any, high: Any) -> str:
    """A range with its unit once: "18–21%", "0.1–0.4% of GDP", "medium–very high"."""
    low_text, high_text = factor_text(result, factor_id, low), factor_text(result, factor_id, high)
    # Both ends carry the same unit suffix after the number: keep it only on the upper end.
    number = re.compile(r"^[−\d.]+")
    low_number, high_number = number.match(low_text), number.match(high_text)
    if low_number and high_number and \
            low_text[low_number.end():] == high_text[high_number.end():]:
        return f"{low_number.group(0)}–{high_text}"
    return f"{low_text}–{high_text}"


def factor_text(result: Result, factor_id: str, value: Any) -> str:
    """A factor value as a reader expects it: shares as percentages, labels with spaces."""
    factor = result.pack.factors.get(factor_id)
    if factor is None or value is None or isinstance(value, bool):
        return _value_text(value)
    if factor.kind in ("level", "choice"):
        return _value_text(value).replace("_", " ")
    if factor.kind != "number" or not isinstance(value, int | float):
        return _value_text(value)
    unit = _clean(factor.unit)
    if unit == "share" or unit.startswith("share "):
        # "share" is a fraction of a whole; "share of GDP" keeps what it is a share of.
        return f"{value * 100:.3g}%{unit[len('share'):]}".replace("-", "−")
    number = _value_text(float(value))
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def _criterion_title(result: Result, criterion_id: str) -> str:
    criterion = result.pack.criteria.get(criterion_id)
    return _clean(criterion.title) if criterion and criterion.title else criterion_id


def _option_title(result: Result, option_id: str) -> str:
    try:
        return _clean(result.option(option_id).title)
    except KeyError:
        return option_id

