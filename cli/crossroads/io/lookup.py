"""Finding packs and scenarios by id or path, and a scenario seen through another pack.

Changing a scenario's facts, weights or risk aversion is :mod:`crossroads.io.overrides`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from crossroads.core.errors import InputError
from crossroads.core.factors import suggest
from crossroads.core.model import Override, Pack, Scenario
from crossroads.io.confine import named_pack
from crossroads.io.loader import load_pack
from crossroads.io.resources import DEFAULT_PACK, shipped_packs, shipped_scenarios
from crossroads.io.scenario_file import load_scenario
from crossroads.io.yamldoc import STDIN


def find_pack(ref: str | Path | None = None, scenario: Scenario | None = None) -> Pack:
    """Load a pack by shipped id or path; default: the scenario's pack, else the default."""
    named_in_file = not ref and scenario is not None and bool(scenario.pack)
    ref = ref or (scenario.pack if scenario and scenario.pack else DEFAULT_PACK)
    path = Path(ref)
    shipped = shipped_packs()
    if str(ref) in shipped and not path.exists():
        return load_pack(shipped[str(ref)])
    if path.exists():
        if named_in_file and named_pack(path) is None:  # e.g. `pack: /etc/passwd`
            where = scenario.path if scenario is not None and scenario.path else "scenario"
            raise InputError.single(str(where), f"`pack: {ref}` names no pack (a shipped id, "
                                    "or a folder holding pack.yaml)",
                                    "name a shipped pack, or the folder of a pack")
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
    if not path.exists():
        # Only a name that is no file is looked up among the shipped scenarios (listing
        # them costs more than reading a small scenario: `compare` of a folder reads many).
        shipped = shipped_scenarios()
        if str(ref) in shipped:
            path = shipped[str(ref)]
        elif not str(ref).endswith((".yaml", ".yml")):
            hint = suggest(str(ref), shipped) or "run `crossroads scenarios list`"
            raise InputError.single(str(ref), "no such scenario file or shipped scenario id",
                                    hint)
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
