"""Finding packs and scenarios by id or path, and applying command-line overrides."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path
from typing import Any

from crossroads.core.errors import InputError, Location, ProblemCollector
from crossroads.core.factors import suggest
from crossroads.core.model import FactorValue, Override, Pack, Scenario, derive_source_kind
from crossroads.io.loader import load_pack
from crossroads.io.resources import DEFAULT_PACK, shipped_packs, shipped_scenarios
from crossroads.io.scenario_file import load_scenario
from crossroads.io.value_text import ValueTextError, parse_value, parse_weight
from crossroads.io.yamldoc import STDIN


def find_pack(ref: str | Path | None = None, scenario: Scenario | None = None) -> Pack:
    """Load a pack by shipped id or path; default: the scenario's pack, else the default."""
    ref = ref or (scenario.pack if scenario and scenario.pack else DEFAULT_PACK)
    path = Path(ref)
    shipped = shipped_packs()
    if str(ref) in shipped and not path.exists():
        return load_pack(shipped[str(ref)])
    if path.exists():
        return load_pack(path)
    hint = suggest(str(ref), shipped) or f"shipped packs: {', '.join(shipped) or 'none'}"
    raise InputError.single(str(ref), "no such pack (neither a shipped id nor a path)", hint)


def find_scenario(ref: str | Path) -> Scenario:
    """Load a scenario by path, by the id of a shipped scenario, or from standard input
    (``-``: a pipe, a redirected file or a here-document, under the same size cap)."""
    if str(ref) == STDIN:
        return load_scenario(Path(STDIN))
    path = Path(ref)
    if len(path.name.encode()) > 255 or len(str(path).encode()) > 4095:  # ENAMETOOLONG
        raise InputError.single(str(ref)[:60] + "...", "file name is too long",
                                "give the path of a scenario file")
    shipped = shipped_scenarios()
    if not path.exists() and str(ref) in shipped:
        path = shipped[str(ref)]
    elif not path.exists() and not str(ref).endswith((".yaml", ".yml")):
        hint = suggest(str(ref), shipped) or "run `crossroads scenarios list`"
        raise InputError.single(str(ref), "no such scenario file or shipped scenario id", hint)
    return load_scenario(path)


def under_pack(pack: Pack, scenario: Scenario) -> Scenario:
    """*scenario* scored under a pack the user chose instead of the scenario's own.

    Priorities name the criteria of the scenario's own pack; under another pack's
    perspective only the shared ones apply, the rest take that pack's defaults.  Pairwise
    judgements cannot be mixed with defaults: they apply only if every criterion they
    name is one of this pack's (AHP then asks for any missing pair).
    """
    if not scenario.pack or pack.id == scenario.pack:
        return scenario
    shared = {k: v for k, v in scenario.priorities.items() if k in pack.criteria}
    judged = {name for j in scenario.judgements for name in (j.a, j.b)}
    judgements = scenario.judgements if judged <= set(pack.criteria) else ()
    origin = f"--pack {pack.id}"
    overrides = [Override("pack", pack.id, origin,
                          f"scored under {pack.id} instead of the scenario's {scenario.pack}")]
    if scenario.judgements and not judgements:
        overrides.append(Override(
            "pairwise", "dropped", origin,
            f"{len(scenario.judgements)} pairwise judgements dropped: they name criteria "
            f"{pack.id} lacks"))
    return replace(scenario, priorities=shared, judgements=judgements,
                   priority_locations={k: v for k, v in scenario.priority_locations.items()
                                       if k in shared},
                   overrides=(*scenario.overrides, *overrides))


def parse_assignment(text: str, option: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise InputError.single(option, f"expected NAME=VALUE, got {text!r}",
                                f"e.g. {option} trade_share_russia=0.2")
    return name.strip(), value.strip()


def same_value(old: Any, new: Any) -> bool:
    """Whether a ``--set`` value restates the file's: numbers by value (``3`` is ``3.0``,
    and ``18.6%`` is ``0.186`` though the division leaves a trace in the last digit),
    anything else only if equal and of the same type (``True`` is not ``1``)."""
    numbers = (int, float)
    if (isinstance(old, numbers) and isinstance(new, numbers)
            and not isinstance(old, bool) and not isinstance(new, bool)):
        return math.isclose(old, new, rel_tol=1e-12, abs_tol=1e-15)
    return type(old) is type(new) and bool(old == new)


def with_overrides(
    pack: Pack,
    scenario: Scenario,
    sets: list[str] | None = None,
    weights: list[str] | None = None,
    risk_aversion: float | None = None,
) -> Scenario:
    """A copy of *scenario* with ``--set``, ``--weights`` and ``--risk-aversion`` applied."""
    problems = ProblemCollector()
    factors = dict(scenario.factors)
    overrides = list(scenario.overrides)
    for text in sets or []:
        name, raw = parse_assignment(text, "--set")
        if name not in pack.factors:
            problems.add(Location("--set"), f"unknown factor {name!r}",
                         suggest(name, pack.factors) or "run `crossroads rules list --factors`")
            continue
        where = Location(f"--set {text}")
        try:
            given = parse_value(pack.factors[name], raw)
        except ValueTextError as error:
            problems.add(where, error.message, error.hint)
            continue
        old = factors.get(name)
        # An explicit value replaces the file's range too: the user said what it is.
        if old is not None and given.plain and same_value(old.value, given.value):
            # Restating the file's value: the fact keeps its source and citations (the
            # override is still recorded below, so the run says it is a what-if).
            factors[name] = replace(old, location=where, low=None, high=None, p_wrong=None)
        else:
            source = given.source or "command line"
            factors[name] = FactorValue(given.value, where, given.low, given.high,
                                        source=source, note=old.note if old else "",
                                        source_kind=derive_source_kind(source))
        overrides.append(Override(name, factors[name].value, f"--set {text}",
                                  "" if old is None else f"file value {old.value!r}"))
    priorities = dict(scenario.priorities)
    located = dict(scenario.priority_locations)
    for text in weights or []:
        name, raw = parse_assignment(text, "--weights")
        if name not in pack.criteria:
            problems.add(Location("--weights"), f"unknown criterion {name!r}",
                         suggest(name, pack.criteria) or f"criteria: {', '.join(pack.criteria)}")
            continue
        try:
            value = parse_weight(raw)
        except ValueTextError as error:
            problems.add(Location("--weights"), f"weight of {name!r} {error.message}",
                         error.hint)
            continue
        priorities[name] = value
        located[name] = Location(f"--weights {text}")
        overrides.append(Override(name, value, f"--weights {text}", "priority"))
    if risk_aversion is not None and risk_aversion < 0:
        problems.add(Location("--risk-aversion"), "risk aversion must be zero or more",
                     "0 ignores risks, 1 is neutral, 2 weighs them double")
    problems.raise_if_errors()
    judgements = scenario.judgements
    if judgements and weights:
        # Direct weights and AHP judgements are on different scales and cannot be mixed:
        # the weights given win, and the run says that the judgements were set aside.
        judgements = ()
        overrides.append(Override(
            "pairwise", "dropped", "--weights",
            f"{len(scenario.judgements)} pairwise judgements dropped: --weights gives "
            "priorities directly; criteria without one take the pack default"))
    if risk_aversion is not None:
        overrides.append(Override("risk_aversion", risk_aversion,
                                  f"--risk-aversion {risk_aversion:g}"))
    return replace(
        scenario, factors=factors, priorities=priorities, judgements=judgements,
        priority_locations=located, overrides=tuple(overrides),
        risk_aversion=scenario.risk_aversion if risk_aversion is None else risk_aversion,
    )
