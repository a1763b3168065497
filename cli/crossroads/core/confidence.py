"""Analytic confidence (ICD 203): a judgement on the sources and the reasoning.

ICD 203 keeps confidence apart from likelihood: how *likely* the recommended option is to
stay first is a probability (the robustness run's share of draws), while *confidence*
says how well the inputs behind the analysis are founded.  So confidence here is derived
from four documented inputs and never from a probability:

1. **Sourced facts**: share of the pack's factors whose scenario value names a cited
   source (``source_kind: cited``). high >= 60 %, moderate >= 30 %, else low.
2. **Article-backed rules**: share of the rules that gave points to the base-case leader
   or the runner-up that the source article backs, weighted by how far the quote supports
   the rule (the quote review's ``support:``): full counts 1, partial or not reviewed
   counts one half, an analyst rule (or one with no stated basis) 0.  A verbatim quote is
   not stronger evidence than what it says.  high >= 50 %, moderate >= 25 %, else low.
3. **Consistency of pairwise judgements** (AHP only): consistency ratio <= 0.10 high,
   <= 0.20 moderate, else low.  Direct priorities: not applicable.  A panel's combined
   view: the least consistent analyst who compared in pairs, by their geometric
   consistency index (within its threshold high, up to twice it moderate, else low);
   under AIJ the worse of that and the merged matrix's ratio.
4. **Judgement factors that decide**: level and yes/no factors the pack declares
   ``judged`` whose value cites no source (the analyst's word) and that change the
   base-case leader when moved one level (a yes/no one: when flipped).  None high,
   one or two moderate, three or more low.

The confidence is the lowest of the grades: a chain of reasoning is as good as its weakest
link.  Each input is reported with its value so that a reader can check the judgement.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from crossroads.core.engine import Result, evaluate
from crossroads.core.inputs import is_judgement, judgement_moves, resolve_weights_judged
from crossroads.core.model import Basis, Pack, QuoteSupport, Rule, Scenario, SourceKind
from crossroads.core.words import count_of

HIGH, MODERATE, LOW = "high", "moderate", "low"
_ORDER = (LOW, MODERATE, HIGH)


@dataclass(frozen=True, slots=True)
class ConfidenceInput:
    """One input of the judgement, its grade and the numbers behind it."""

    name: str  # "sourced facts", "article-backed rules", "pairwise consistency", ...
    grade: str  # high | moderate | low | "n/a"
    detail: str  # e.g. "4 of 25 factors (16%) cite a source"


@dataclass(frozen=True, slots=True)
class Confidence:
    """The ICD 203 confidence level with the inputs it was derived from."""

    level: str
    inputs: tuple[ConfidenceInput, ...]
    deciding_judgements: tuple[str, ...] = ()  # factor ids

    @property
    def weakest(self) -> tuple[ConfidenceInput, ...]:
        return tuple(i for i in self.inputs if i.grade == self.level)


def _grade(value: float, high: float, moderate: float) -> str:
    return HIGH if value >= high else MODERATE if value >= moderate else LOW


def judge_confidence(result: Result) -> Confidence:
    """The confidence judgement for a scored scenario (see the module docstring)."""
    pack, scenario = result.pack, result.scenario
    inputs = [_sourced_facts(pack, scenario), _article_rules(result)]
    _, _, judged = resolve_weights_judged(pack, scenario)
    if judged is not None:
        ratio = judged.consistency_ratio
        grade = HIGH if ratio <= 0.10 else MODERATE if ratio <= 0.20 else LOW
        combined = ConfidenceInput("pairwise consistency", grade,
                                   f"consistency ratio {ratio:.3f}")
        if scenario.panel_consistency:  # a panel's merged judgements (AIJ): the worse
            members = _panel_consistency(scenario.panel_consistency)
            if _ORDER.index(members.grade) < _ORDER.index(grade):
                combined = members
        inputs.append(combined)
    elif scenario.panel_consistency:
        inputs.append(_panel_consistency(scenario.panel_consistency))
    else:
        inputs.append(ConfidenceInput("pairwise consistency", "n/a",
                                      "priorities given directly, no pairwise judgements"))
    deciding = deciding_judgements(result)
    grade = HIGH if not deciding else MODERATE if len(deciding) <= 2 else LOW
    inputs.append(ConfidenceInput(
        "judgement factors that decide", grade,
        f"{count_of(len(deciding), 'judgement')} on the analyst's word "
        f"{'changes' if len(deciding) == 1 else 'change'} the base-case leader when moved one "
        "level or flipped" + (f": {', '.join(deciding)}" if deciding else "")))
    graded = [i.grade for i in inputs if i.grade in _ORDER]
    level = min(graded, key=_ORDER.index)
    return Confidence(level, tuple(inputs), tuple(deciding))


def _panel_consistency(analysts: tuple[tuple[str, float, float], ...]) -> ConfidenceInput:
    """A panel's combined priorities: graded on the least consistent analyst who gave
    pairwise comparisons.  GCI grows roughly in proportion to CR, so within its threshold
    (Aguarón & Moreno-Jiménez's match for CR 0.10) is high, up to twice it (about CR 0.20)
    moderate, beyond that low, as for one analyst's consistency ratio."""
    name, gci, limit = max(analysts, key=lambda a: a[1] / a[2])
    grade = HIGH if gci <= limit else MODERATE if gci <= 2 * limit else LOW
    who = (f"the one analyst who compared in pairs, {name}," if len(analysts) == 1
           else f"the least consistent of {len(analysts)} analysts who compared in pairs, "
                f"{name},")
    return ConfidenceInput("pairwise consistency", grade,
                           f"{who} has a geometric consistency index of {gci:.2f} "
                           f"(threshold {limit:.2f})")


def _sourced_facts(pack: Pack, scenario: Scenario) -> ConfidenceInput:
    total = len(pack.factors)
    cited = sum(1 for f in pack.factors if (given := scenario.factors.get(f)) is not None
                and given.source_kind == SourceKind.CITED)
    share = cited / total if total else 0.0
    return ConfidenceInput("sourced facts", _grade(share, 0.6, 0.3),
                           f"{cited} of {total} factors ({share:.0%}) cite a source")


def _article_rules(result: Result) -> ConfidenceInput:
    top = {o.id for o in result.options[:2]}
    fired = {c.rule for o in result.options if o.id in top for c in o.contributions
             if c.kind == "rule"}
    rules = [r for r in result.pack.rules if r.id in fired]
    backed = math.fsum(_article_weight(r) for r in rules)
    share = backed / len(rules) if rules else 0.0
    partial = sum(1 for r in rules if r.basis == Basis.ARTICLE and _article_weight(r) < 1)
    counted = f"{backed:g} of {len(rules)} rules behind the two leading options ({share:.0%})"
    how = (f"; {partial} of those quotes {'supports' if partial == 1 else 'support'} only "
           f"part of {'its' if partial == 1 else 'their'} rule and "
           f"{'counts' if partial == 1 else 'count'} half" if partial else "")
    return ConfidenceInput("article-backed rules", _grade(share, 0.5, 0.25),
                           f"{counted} are backed by the source article{how}")


def _article_weight(rule: Rule) -> float:
    """An article rule counts by its quote's support (unreviewed: partial); others 0."""
    if rule.basis != Basis.ARTICLE:
        return 0.0
    return (rule.support or QuoteSupport.PARTIAL).weight


def deciding_judgements(result: Result) -> list[str]:
    """Judged level or yes/no factors on the analyst's word (no cited source) whose
    one-level move, or flip, changes the leader."""
    pack, scenario, values = result.pack, result.scenario, result.values
    leader = result.leader.id
    return [factor.id for factor in pack.factors.values() if is_judgement(factor, scenario)
            and any(_leader(pack, {**values, factor.id: moved}, result) != leader
                    for moved in judgement_moves(factor, values[factor.id]))]


def _leader(pack: Pack, values: dict[str, Any], result: Result) -> str:
    return evaluate(pack, values, result.weights, result.risk_aversion)[0].id
