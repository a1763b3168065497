"""The briefing's sections after the bottom line: options, reasons, risks, signposts, annex.

Each function turns part of a scored result into the plain rows of
:mod:`crossroads.report.briefing.model`; :mod:`crossroads.report.briefing.build`
assembles them.
"""

from __future__ import annotations

from collections import Counter

from crossroads.core.engine import OptionResult, Result
from crossroads.core.estimative import estimate_text, likelihood_words, percent_text
from crossroads.core.model import Basis, Reference, RiskRule, Rule, SourceKind
from crossroads.core.reasons import main_drag, positive_contributions, top_reasons
from crossroads.core.values import risk_unit
from crossroads.core.yardstick import Yardstick, yardstick_legend
from crossroads.report.briefing.model import (
    AssumptionRow,
    OptionReasons,
    OptionRow,
    Reason,
    Rejected,
    RiskRow,
    Signpost,
    Source,
)
from crossroads.report.wording import (
    clean,
    criterion_title,
    driver_now,
    driver_value,
    factor_text,
    number,
    option_title,
    range_text,
    sentence,
    sources_text,
    threshold_text,
    value_text,
)
from crossroads.robustness.summary import Driver, Robustness

#: How many options get their reasons quoted, and how many reasons each.
REASON_OPTIONS = 2
REASONS_PER_OPTION = 3
#: Key drivers shown from a robustness run (largest swing first).
MAX_DRIVERS = 5


def top_reason(option: OptionResult) -> str:
    return clean(next(iter(top_reasons(option, count=1)), ""))


def option_rows(result: Result, robustness: Robustness | None) -> tuple[OptionRow, ...]:
    spreads = {s.option: s for s in robustness.options} if robustness else {}
    rows = []
    for o in result.options:
        spread = spreads.get(o.id)
        rows.append(OptionRow(
            rank=o.rank, id=o.id, title=clean(o.title), score=number(o.score),
            band=f"{number(spread.low)} to {number(spread.high)}" if spread else "",
            first=percent_text(spread.first) if spread else "",
            top_reason=top_reason(o) or "—",
            main_drag=clean(main_drag(o, result.risk_aversion)) or "—"))
    return tuple(rows)


def option_reasons(result: Result, option: OptionResult) -> OptionReasons:
    reasons = tuple(
        Reason(criterion=criterion_title(result, c.criterion), because=clean(c.because),
               source=clean(c.source), rule=c.rule)
        for c in positive_contributions(option)[:REASONS_PER_OPTION])
    return OptionReasons(option.rank, clean(option.title), reasons)


def rejected(result: Result, recommended: str) -> tuple[Rejected, ...]:
    """One line per option not recommended: what sinks it, or that it simply does less."""
    leader = option_title(result, recommended)
    out = []
    for o in result.options:
        if o.id == recommended:
            continue
        drag = clean(main_drag(o, result.risk_aversion))
        reason = sentence(drag) if drag else \
            f"Nothing counts against it, but it adds less value than {leader}."
        out.append(Rejected(clean(o.title), reason))
    return tuple(out)


def risk_rows(result: Result, option_ids: tuple[str, ...]) -> tuple[RiskRow, ...]:
    """The risks of the options a reader is choosing between (the recommended one, and the
    other of a close call); the others' main risks are under "Why not the others"."""
    rows = []
    for option in (result.option(o) for o in option_ids):
        titles = Counter(r.title for r in option.risks)
        for risk in sorted(option.risks, key=lambda r: (-r.expected, r.id)):
            # One risk can be two events (triggers with different impacts): the trigger's
            # reason tells the reader why the same title appears twice.
            name = risk.title if titles[risk.title] == 1 or not risk.because else \
                f"{risk.title}: {risk.because[0]}"
            rows.append(RiskRow(
                option=clean(option.title), risk=clean(name), likelihood=risk.likelihood,
                words=likelihood_words(risk.likelihood), estimate=estimate_text(risk.likelihood),
                impact=risk.impact, mitigation=clean(risk.mitigation)))
    return tuple(rows)


def signposts(result: Result, drivers: tuple[Driver, ...]) -> tuple[Signpost, ...]:
    """For each key driver: what to watch, where it stands, and the value that flips it."""
    out = []
    for d in drivers:
        if d.swing <= 1e-9:
            continue
        factor = result.pack.factors.get(d.factor)
        now = driver_now(result, d.factor)
        crosses = d.break_even is not None and d.new_leader
        out.append(Signpost(
            factor=clean(d.label) or d.factor,
            indicator=clean(factor.indicator) if factor else "",
            now=driver_value(result, d.factor, now) if now is not None else "—",
            range=range_text(result, d.factor, d.low, d.high),
            break_even=threshold_text(result, d.factor, d.break_even, now) if crosses else "",
            consequence=(f"{option_title(result, d.new_leader or '')} would lead" if crosses
                         else "no change within the range")))
    return tuple(out)


def assumption_rows(result: Result, numbers: dict[str, int] | None = None
                    ) -> tuple[AssumptionRow, ...]:
    """One row per factor; *numbers* (source id → annex number) gives each row the
    numbers of the sources behind its value."""
    numbers = numbers or {}
    rows = []
    for f in result.factors:
        span = range_text(result, f.id, f.low, f.high) if f.low is not None else ""
        source = clean(f.source) or ("pack default" if f.defaulted else "not given")
        cites = tuple(sorted({numbers[i] for i in _fact_cites(result, f.id) if i in numbers}))
        rows.append(AssumptionRow(clean(f.label) or f.id, factor_text(result, f.id, f.value),
                                  span, source, f.defaulted, cites))
    return tuple(rows)


def filled_in(result: Result) -> tuple[str, ...]:
    """Gaps the engine filled that are not factor values: mostly weights from the pack."""
    out = []
    for a in result.assumptions:
        if a.subject in result.pack.factors:
            continue
        if a.subject in result.pack.criteria:
            subject = f"Weight of {criterion_title(result, a.subject)}"
        else:
            subject = a.subject[:1].upper() + a.subject[1:]
        out.append(f"{subject}: {value_text(a.value)} ({a.reason}).")
    return tuple(out)


def reference_text(ref: Reference) -> str:
    """One bibliography entry without its address: publisher, “title”, date."""
    parts = [clean(ref.publisher), f"“{clean(ref.title)}”" if ref.title else "",
             clean(ref.date)]
    return ", ".join(p for p in parts if p) + "."


def _named_ids(result: Result, text: str) -> list[str]:
    """Bibliography ids a free-text source names ("pack sources: reuters-2024-…")."""
    return [i for i in result.pack.sources if i in text]


def _fact_cites(result: Result, factor_id: str) -> list[str]:
    """The bibliography ids behind a scenario's value of *factor_id* ([] for a default)."""
    given = result.scenario.factors.get(factor_id)
    if given is None or any(o.subject == factor_id for o in result.scenario.overrides):
        return []
    return [*given.cites, *(i for i in _named_ids(result, given.source)
                            if i not in given.cites)]


def cited_sources(result: Result) -> list[str]:
    """The bibliography ids the facts and rules used for this scenario cite, in the order a
    reader meets them: the facts (the assumptions table), then the rules that fired."""
    pack = result.pack
    order: list[str] = []
    for f in result.factors:
        order += _fact_cites(result, f.id)
    fired = {c.rule for o in result.options for c in o.contributions if c.kind == "rule"}
    fired |= {r for o in result.options for k in o.risks for r in k.rules}
    articles = [i for i, ref in pack.sources.items() if ref.text is not None]
    rules: tuple[Rule | RiskRule, ...] = (*pack.rules, *pack.risk_rules)
    for rule in rules:
        if rule.id not in fired:
            continue
        if rule.basis == Basis.ARTICLE:
            order += articles
        order += _named_ids(result, rule.source)
    return list(dict.fromkeys(order))


def bibliography(result: Result) -> tuple[Source, ...]:
    """The numbered Sources annex: only what the facts and rules used here cite."""
    pack = result.pack
    if not pack.sources:
        return (Source(1, sentence(pack.source_title), ""),) if pack.source_title else ()
    return tuple(Source(n, reference_text(pack.sources[i]), clean(pack.sources[i].url))
                 for n, i in enumerate(cited_sources(result), start=1))


def fact_kinds(result: Result) -> dict[SourceKind, int]:
    """How many of the scenario's own fact values are cited, judged, unverified, unsourced."""
    counts = dict.fromkeys(SourceKind, 0)
    for f in result.factors:
        if f.defaulted:
            continue
        given = result.scenario.factors.get(f.id)
        counts[given.source_kind if given else SourceKind.NOT_GIVEN] += 1
    return counts


def facts_note(result: Result) -> str:
    scenario = result.scenario
    counts = fact_kinds(result)
    given = sum(counts.values())
    defaulted = len(result.factors) - given
    where = f" ({scenario.path.name})" if scenario.path else ""
    as_of = f", as of {value_text(scenario.as_of)}" if scenario.as_of else ""
    kinds = [f"{counts[SourceKind.CITED]} cite a source",
             f"{counts[SourceKind.ANALYST]} are analyst judgement"]
    if counts[SourceKind.UNVERIFIED]:
        kinds.append(f"{counts[SourceKind.UNVERIFIED]} are unverified")
    if counts[SourceKind.NOT_GIVEN]:
        kinds.append(f"{counts[SourceKind.NOT_GIVEN]} give no source")
    text = (f"Facts: {given} values in scenario {scenario.id}{where}{as_of}; "
            + ", ".join(kinds))
    return text + (f"; {defaulted} more are pack defaults." if defaulted else ".")


def risk_rule_text(result: Result) -> str:
    """The pack's risk price in words: what a certain impact-5 event costs."""
    scale = result.pack.risk_scale
    return (f"an impact-5 event that is certain costs {percent_text(scale)} of the full value "
            f"swing ({risk_unit(result.pack) * 5:g} of its 20 value units; the pack's "
            f"risk_scale {scale:g}), each impact level a fifth of that")


def method(result: Result, robustness: Robustness | None,
           yardstick: Yardstick = Yardstick.ICD203) -> tuple[str, ...]:
    weights = ", ".join(f"{criterion_title(result, k)} {percent_text(v)}"
                        for k, v in sorted(result.weights.items(), key=lambda kv: -kv[1]))
    lines = [
        "Score = benefit − risk aversion × expected risk. Each criterion's points (capped at "
        "its declared scale) become value on one common scale, every scale spanning 20 value "
        "units from worst to best anchor, so weights are swing weights; benefit is the "
        "weighted sum. A risk event has one impact (1–5); "
        f"{risk_rule_text(result)}. Triggers of one event combine "
        "as 1 − Π(1 − p), the largest within a group that shares a cause.",
        f"Weights (normalised): {weights}. Risk aversion: {result.risk_aversion:g}.",
    ]
    if robustness is None:
        lines.append("No robustness analysis was run (--no-robustness): the briefing cannot "
                     "say how often the recommendation stays first.")
    else:
        varied = sources_text(robustness) or "the uncertain inputs"
        lines.append(
            f"Robustness: {robustness.draws:,} draws (seed {robustness.seed}) of {varied}; "
            "the option first in the most draws is "
            "recommended, a close call when that is not the base-case leader or no option is "
            "first in more than half of them. Key drivers move one factor at a time.")
    # What each criterion's worst and best ends mean is the pack's text, printed by
    # `crossroads explain`; the three-page briefing names where to find it.
    if any(c.worst_anchor or c.best_anchor for c in result.pack.criteria.values()):
        lines.append("What each criterion's worst and best ends mean, the swing its weight "
                     "prices: crossroads explain SCENARIO OPTION.")
    risk_words = "" if yardstick is Yardstick.ICD203 else (
        " Risk likelihoods keep the ICD 203 words (almost no chance <5%, very unlikely "
        "5–20%, unlikely 20–45%, roughly even chance 45–55%, likely 55–80%, very likely "
        "80–95%, almost certain >95%).")
    lines.append(yardstick_legend(yardstick) + risk_words + " Analytic confidence is a "
                 "separate judgement on the sources and the reasoning, never a probability: "
                 "the lowest grade of cited facts, article-backed rules, pairwise consistency "
                 "and judgement factors that decide.")
    return tuple(lines)
