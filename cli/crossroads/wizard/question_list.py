"""The wizard's question list for one pack, in the order asked, and the defaults a
starting scenario gives each question (its values, judgements or weights, and where a
value came from).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace
from typing import Any, assert_never

from crossroads.core.model import Factor, FactorValue, Pack, Scenario
from crossroads.wizard.priority_questions import (
    MAX_PAIRWISE_CRITERIA,
    method_question,
    pairwise_question,
    priority_question,
    snapped_ratio,
)
from crossroads.wizard.questions import (
    NO_DEFAULT,
    Question,
    QuestionKind,
    Topic,
    factor_question,
    risk_aversion_question,
    scenario_questions,
    with_off_scale_choice,
)


def build_questions(pack: Pack, start: Scenario | None,
                    today: _dt.date | None = None) -> list[Question]:
    """Every question, in the order asked, with defaults taken from *start* when given."""
    questions = scenario_questions(today or _dt.date.today())
    questions += [factor_question(pack, f) for f in _by_group(pack)]
    criteria = list(pack.criteria.values())
    if 2 <= len(criteria) <= MAX_PAIRWISE_CRITERIA:
        questions.append(method_question(pack))
    questions += [priority_question(c) for c in criteria]
    if 2 <= len(criteria) <= MAX_PAIRWISE_CRITERIA:
        pairs = [(a, b) for i, a in enumerate(criteria) for b in criteria[i + 1:]]
        questions += [pairwise_question(a, b, snapped_ratio(a.weight, b.weight), n, len(pairs))
                      for n, (a, b) in enumerate(pairs, start=1)]
    questions.append(risk_aversion_question(pack))
    if start is None:
        return questions
    return [_start_default(q, start, pack) for q in questions]


def _by_group(pack: Pack) -> list[Factor]:
    """Factors grouped (groups in order of first appearance), declaration order within."""
    groups: dict[str, list[Factor]] = {}
    for factor in pack.factors.values():
        groups.setdefault(factor.group, []).append(factor)
    return [f for members in groups.values() for f in members]


def start_value(question: Question, start: Scenario, pack: Pack | None = None) -> Any:
    """The starting scenario's answer to *question*, or NO_DEFAULT when it says nothing."""
    match question.topic:
        case Topic.PRIORITY_METHOD:
            return "pairwise" if start.judgements and not start.priorities else "ratings"
        case Topic.PAIRWISE:
            return _start_ratio(question.pair, start, pack)
        case Topic.SUBJECT:
            return start.subject or NO_DEFAULT
        case Topic.AS_OF:
            return start.as_of or NO_DEFAULT
        case Topic.TITLE:
            return start.title or NO_DEFAULT
        case Topic.RISK_AVERSION:
            return NO_DEFAULT if start.risk_aversion is None else float(start.risk_aversion)
        case Topic.FACTOR:
            given: FactorValue | None = start.factors.get(question.subject_id)
            if given is None:
                return NO_DEFAULT
            return float(given.value) if question.kind is QuestionKind.NUMBER and isinstance(
                given.value, int | float) and not isinstance(given.value, bool) else given.value
        case Topic.PRIORITY:
            weight = start.priorities.get(question.subject_id)
            return NO_DEFAULT if weight is None else float(weight)
        case Topic.STEP:
            return NO_DEFAULT
        case _:
            assert_never(question.topic)


def _start_ratio(pair: tuple[str, str], start: Scenario, pack: Pack | None) -> Any:
    """The start's judgement of a pair (either way round), else its weights' ratio."""
    a, b = pair
    for first, second, ratio in ((j.a, j.b, j.ratio) for j in start.judgements):
        if (first, second) == (a, b):
            return float(ratio)
        if (first, second) == (b, a):
            return 1 / float(ratio)
    if not start.priorities or pack is None:
        return NO_DEFAULT
    weight_a = start.priorities.get(a, pack.criteria[a].weight)
    weight_b = start.priorities.get(b, pack.criteria[b].weight)
    return snapped_ratio(weight_a, weight_b)


def _start_default(question: Question, start: Scenario, pack: Pack | None = None) -> Question:
    value = start_value(question, start, pack)
    if value is NO_DEFAULT:
        return question
    changed = replace(question, default=value, default_from=None)
    if question.kind is QuestionKind.SELECT:
        changed = with_off_scale_choice(changed, value)
    given = start.factors.get(question.subject_id) if question.topic is Topic.FACTOR else None
    if given is not None and (given.source or given.has_range or given.note):
        # Where the offered answer came from is half of deciding whether to keep it.
        span = f" (range {question.show(given.low)} to {question.show(given.high)})" \
            if given.has_range and question.kind is QuestionKind.NUMBER else \
            f" (range {given.low} to {given.high})" if given.has_range else ""
        lines = [f"In {start.id}: {question.title_of(value)}{span}"
                 + (f"; {given.source}" if given.source else "")]
        if given.note:
            lines.append(f"Note: {given.note}")
        changed = replace(changed, help="\n".join(filter(None, [question.help, *lines])))
    return changed
