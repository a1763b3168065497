"""A scenario and its pack, found and overridden as the command line asks.

Every command that scores (score, explain, compare, sensitivity, brief) loads its inputs
here, so the overrides apply the same way everywhere and the pack's consistency
constraints are checked exactly once per scenario.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from crossroads.core.constraints import constraint_warnings
from crossroads.core.errors import InputError, Problem
from crossroads.core.model import Pack, Scenario
from crossroads.io.lookup import find_pack, find_scenario, under_pack
from crossroads.io.overrides import with_command_line

STDIN = "-"  # a scenario argument that reads the scenario from standard input
SCENARIO_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Inputs:
    """What a command scores, and the warnings about the facts (broken constraints)."""

    pack: Pack
    scenario: Scenario
    warnings: tuple[Problem, ...]
    # The scenario before the command line's --set, --weights and --risk-aversion: what
    # a what-if briefing compares itself with.
    file_scenario: Scenario | None = None


def load_inputs(
    scenario_ref: str,
    pack_ref: str | None = None,
    sets: Sequence[str] = (),
    weights: Sequence[str] = (),
    risk_aversion: float | None = None,
    *,
    packs: MutableMapping[str, Pack] | None = None,
    check_constraints: bool = True,
) -> Inputs:
    """Find the scenario and its pack, apply the overrides, check the constraints.

    *packs* (pack reference → loaded pack) lets a batch of scenarios load each pack once.
    Without *check_constraints* the warnings are left to the caller, which can check
    them on the values scoring resolves anyway
    (:func:`~crossroads.core.constraints.warnings_at`).
    """
    scenario = find_scenario(scenario_ref)
    key = pack_ref or scenario.pack or ""
    pack = packs.get(key) if packs is not None else None
    if pack is None:
        pack = find_pack(pack_ref, scenario)
        if packs is not None:
            packs[key] = pack
    if pack_ref:
        scenario = under_pack(pack, scenario)
    as_filed = scenario
    scenario = with_command_line(pack, scenario, sets, weights, risk_aversion)
    warnings = _inconsistencies(pack, scenario) if check_constraints else []
    return Inputs(pack, scenario, (*_outside(pack, scenario), *warnings), as_filed)


def _outside(pack: Pack, scenario: Scenario) -> list[Problem]:
    """A subject the pack was not written for (its `applies_to:`): worth knowing before
    a briefing calls it "a Central Asian state"."""
    warning = pack.outside_warning(scenario.subject)
    if not warning:
        return []
    return [Problem(scenario.location, warning, "score it with a pack written for this "
                    "subject, or read its questions and wording with care", "warning", "")]


def _inconsistencies(pack: Pack, scenario: Scenario) -> list[Problem]:
    if not pack.constraints:
        return []
    try:
        return constraint_warnings(pack, scenario)
    except InputError:
        return []  # invalid values: scoring reports them with their positions


def is_directory(ref: str) -> bool:
    """Whether *ref* names a directory of scenarios (a directory named like a scenario
    file is a mistake, reported as one when it is read)."""
    # os.path.isdir: a name the system refuses (too long, bad bytes) is simply not a
    # directory here; reading it as a file then reports the problem with its location.
    return (ref != STDIN and os.path.isdir(ref)  # noqa: PTH112
            and Path(ref).suffix not in SCENARIO_SUFFIXES)


def expand(refs: Sequence[str]) -> list[str]:
    """Scenario references with directories replaced by their YAML files (sorted)."""
    out: list[str] = []
    for ref in refs:
        path = Path(ref)
        if is_directory(ref):
            # Every *.yaml entry but folders: a FIFO or a device link named like a
            # scenario is reported when read ("not a regular file"), never skipped quietly.
            found = sorted(str(p) for p in path.iterdir()
                           if p.suffix in SCENARIO_SUFFIXES and not p.is_dir())
            if not found:
                raise InputError.single(ref, "directory holds no scenario files (*.yaml)",
                                        "pass scenario files or a directory of them")
            out.extend(found)
        else:
            out.append(ref)
    return out
