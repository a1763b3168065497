"""Scenarios as plain data (the ``crossroads.scenario/1`` file format) and back.

:func:`scenario_to_dict` gives exactly what a scenario YAML file holds, as JSON- and
YAML-safe values (dates as ISO text), so the decision log can store the scenario as
scored, the wizard can save one, and :func:`scenario_from_dict` can rebuild it later
through the same checks a file goes through.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from crossroads.core.errors import Location
from crossroads.core.model import FactorValue, Scenario, derive_source_kind
from crossroads.io.scenario_file import SCENARIO_FORMAT, scenario_from_doc
from crossroads.io.yamldoc import Doc


def plain_data(value: Any) -> Any:
    """*value* with dates as ISO text and tuples as lists, recursively (JSON/YAML safe)."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_data(v) for v in value]
    return value


def factor_value_to_data(given: FactorValue) -> Any:
    """A factor entry as written in a scenario: the bare value unless it has more to say."""
    if not given.states_doubt and not given.source and not given.note and not given.cites \
            and given.source_kind == derive_source_kind(given.source, given.cites):
        return plain_data(given.value)
    entry: dict[str, Any] = {"value": plain_data(given.value)}
    if given.has_range:
        entry["range"] = [plain_data(given.low), plain_data(given.high)]
    if given.p_wrong is not None:
        entry["p_wrong"] = given.p_wrong
    if given.source:
        entry["source"] = given.source
    if given.note:
        entry["note"] = given.note
    if given.source_kind != derive_source_kind(given.source, given.cites):
        entry["source_kind"] = given.source_kind.value
    if given.cites:
        entry["cites"] = list(given.cites)
    return entry


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario as the mapping a ``crossroads.scenario/1`` file would contain."""
    data: dict[str, Any] = {
        "format": SCENARIO_FORMAT,
        "id": scenario.id,
        "title": scenario.title,
        "subject": scenario.subject,
    }
    if scenario.as_of is not None:
        data["as_of"] = scenario.as_of.isoformat()
    if scenario.pack:
        data["pack"] = ({"id": scenario.pack, "version": scenario.pack_version}
                        if scenario.pack_version else scenario.pack)
    data["factors"] = {name: factor_value_to_data(given)
                       for name, given in scenario.factors.items()}
    if scenario.priorities:
        data["priorities"] = dict(scenario.priorities)
    if scenario.judgements:
        data["pairwise"] = [[j.a, j.b, j.ratio] for j in scenario.judgements]
    if scenario.risk_aversion is not None:
        data["risk_aversion"] = scenario.risk_aversion
    if scenario.notes:
        data["notes"] = scenario.notes
    if scenario.question:
        data["question"] = scenario.question
    return data


def scenario_from_dict(data: dict[str, Any], origin: str) -> Scenario:
    """Rebuild a scenario from :func:`scenario_to_dict` output, checked like a file.

    *origin* names where the data came from (e.g. ``history run 3f2a…``) in error messages.
    """
    # No file positions: problems are reported against the origin itself.
    return scenario_from_doc(Doc(origin, data, positions={(): Location(origin)}))
