"""Results as plain, versioned data: the JSON contract (``crossroads.score/2``).

Version 2 (issue 11) adds ``base_case_leader`` (no draws, so no recommendation),
``value_model`` (value units per point of each criterion's scale, the cost of one impact
level), ``confidence`` (the ICD 203 judgement on sources and reasoning), each
contribution's ``per_point`` and each risk event's ``group``-combined ``rules``.  A risk id
may now appear twice for one option: triggers with different impacts are different events.
Later, additively: ``overrides``, every change the command line made to the scenario's
files (empty for a run of the files as they are: not a what-if).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from crossroads.core.confidence import judge_confidence
from crossroads.core.engine import OptionResult, Result
from crossroads.core.errors import InputError
from crossroads.core.values import VALUE_SWING, risk_unit, value_per_point
from crossroads.report.escaping import json_text

SCORE_SCHEMA = "crossroads.score/2"


def plain(value: Any) -> Any:
    """Dates as ISO text; everything else as is."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def result_to_dict(result: Result) -> dict[str, Any]:
    pack, scenario = result.pack, result.scenario
    return {
        "schema": SCORE_SCHEMA,
        "risk_aversion": result.risk_aversion,
        "pack": {"id": pack.id, "version": pack.version, "digest": pack.digest},
        "scenario": {
            "id": scenario.id,
            "title": scenario.title,
            "subject": scenario.subject,
            "as_of": plain(scenario.as_of),
        },
        "weights": dict(result.weights),
        "overrides": [
            {"subject": o.subject, "value": plain(o.value), "origin": o.origin,
             "note": o.note}
            for o in result.scenario.overrides
        ],
        "base_case_leader": result.leader.id,
        "value_model": {
            "value_swing": VALUE_SWING,
            "per_point": {c.id: value_per_point(c) for c in pack.criteria.values()},
            "risk_unit": risk_unit(pack),
        },
        "confidence": confidence_to_dict(result),
        "factors": {
            f.id: {"value": plain(f.value), "low": plain(f.low), "high": plain(f.high),
                   "source": f.source, "defaulted": f.defaulted}
            for f in result.factors
        },
        "assumptions": [
            {"subject": a.subject, "value": plain(a.value), "reason": a.reason}
            for a in result.assumptions
        ],
        "options": [option_to_dict(o) for o in result.options],
    }


def option_to_dict(option: OptionResult) -> dict[str, Any]:
    return {
        "id": option.id,
        "title": option.title,
        "rank": option.rank,
        "score": option.score,
        "benefit": option.benefit,
        "risk": option.risk,
        "criteria": dict(option.criteria),
        "contributions": [
            {"rule": c.rule, "option": c.option, "criterion": c.criterion, "points": c.points,
             "weight": c.weight, "value": c.value, "because": c.because, "source": c.source,
             "kind": c.kind, "per_point": c.per_point}
            for c in option.contributions
        ],
        "risks": [
            {"id": r.id, "title": r.title, "likelihood": r.likelihood, "impact": r.impact,
             "expected": r.expected, "rules": list(r.rules), "mitigation": r.mitigation}
            for r in option.risks
        ],
    }


def confidence_to_dict(result: Result) -> dict[str, Any]:
    judgement = judge_confidence(result)
    return {"level": judgement.level,
            "inputs": [{"name": i.name, "grade": i.grade, "detail": i.detail}
                       for i in judgement.inputs],
            "deciding_judgement_factors": list(judgement.deciding_judgements)}


def to_json(data: Any) -> str:
    try:
        # allow_nan=False: NaN and Infinity are not JSON; emitting them would break readers.
        return json_text(data) + "\n"
    except ValueError as error:
        raise InputError.single("--format json", f"a result is not a finite number ({error})",
                                "check the pack's points and the scenario's values") from None
