"""Results as plain, versioned data: the JSON contract (``crossroads.score/1``)."""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Sequence
from typing import Any

from crossroads.core.engine import OptionResult, Result
from crossroads.core.errors import InputError

SCORE_SCHEMA = "crossroads.score/1"
COMPARISON_SCHEMA = "crossroads.comparison/1"


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
             "kind": c.kind}
            for c in option.contributions
        ],
        "risks": [
            {"id": r.id, "title": r.title, "likelihood": r.likelihood, "impact": r.impact,
             "expected": r.expected, "rules": list(r.rules), "mitigation": r.mitigation}
            for r in option.risks
        ],
    }


def comparison_to_dict(results: Sequence[Result]) -> dict[str, Any]:
    return {"schema": COMPARISON_SCHEMA, "results": [result_to_dict(r) for r in results]}


def to_json(data: Any) -> str:
    try:
        # allow_nan=False: NaN and Infinity are not JSON; emitting them would break readers.
        return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    except ValueError as error:
        raise InputError.single("--format json", f"a result is not a finite number ({error})",
                                "check the pack's points and the scenario's values") from None
