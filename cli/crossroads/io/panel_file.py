"""Judgement files: one analyst's priorities and judged facts, and a panel of them.

A panel is a folder of judgement files (or a list of them), one per analyst, so a panel
can be gathered by email or in a shared folder::

    format: crossroads.judgements/1
    analyst: Security desk            # a name, unique on the panel
    role: Ministry security desk      # optional
    voting_weight: 1                  # optional, > 0; the panel's weights are normalised
    pack: partner-engagement
    priorities: {sovereignty: 5, ...} # or `pairwise:` as in a scenario
    factors:                          # optional: this analyst's view of judged facts
      russian_pressure: {value: severe, range: [high, severe]}
    rationale: Why this desk weighs things as it does.

Structure is checked here, every problem located; whether the criteria and facts fit the
pack is checked when the panel meets its pack (:mod:`crossroads.services.panel`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from crossroads.core.errors import InputError, Location, ProblemCollector
from crossroads.core.model import FactorValue, Judgement
from crossroads.core.panel import Analyst
from crossroads.io.pairwise import parse_pairwise
from crossroads.io.reader import Reader
from crossroads.io.scenario_file import read_factor_value
from crossroads.io.yamldoc import parse_yaml, read_text

JUDGEMENTS_FORMAT = "crossroads.judgements/1"
JUDGEMENT_SUFFIXES = (".yaml", ".yml")
MAX_ANALYSTS = 200  # far above any real panel; bounds the work a hostile folder can cause
_KEYS = ("format", "analyst", "role", "voting_weight", "pack", "scenario", "priorities",
         "pairwise", "factors", "rationale")


def load_judgements(path: Path) -> Analyst:
    """Read one analyst's judgement file."""
    return judgements_from_text(read_text(path, "give a judgement file or a folder of them"),
                                str(path))


def judgements_from_text(text: str, path: str) -> Analyst:
    """One analyst's judgements from the text of their file (*path* names it in errors)."""
    doc = parse_yaml(text, path)
    problems = ProblemCollector()
    r = Reader(doc, problems)
    data = r.mapping((), doc.data, required=("format", "analyst", "pack"), optional=_KEYS,
                     what="judgement file") or {}
    if data:
        r.format_version(data, JUDGEMENTS_FORMAT)
    name = r.text(("analyst",), data.get("analyst"), what="analyst name").strip()
    if "analyst" in data and not name:
        r.error(("analyst",), "the analyst's name is empty", "name the analyst or the desk")
    voting = 1.0
    if data.get("voting_weight") is not None:
        # Checked here rather than with the reader's bounds, whose "[0, inf]" would
        # contradict the rule that 0 is refused too.
        number = r.number(("voting_weight",), data["voting_weight"], what="voting_weight")
        if number is not None and number <= 0:
            r.error(("voting_weight",), f"voting_weight must be above 0, got {number:g}",
                    "give a positive weight, or remove the analyst from the panel")
        elif number is not None:
            voting = number
    priorities: dict[str, float] = {}
    raw = data.get("priorities") or {}
    if r.mapping(("priorities",), raw, optional=raw.keys() if isinstance(raw, dict) else (),
                 what="priorities") is not None:
        for criterion, value in raw.items():
            weight = r.number(("priorities", criterion), value,
                              what=f"priority of {criterion}", low=0)
            if weight is not None:
                priorities[str(criterion)] = weight
    judgements: tuple[Judgement, ...] = ()
    if data.get("pairwise") is not None:
        judgements = parse_pairwise(r, ("pairwise",), data["pairwise"])
        if priorities:
            r.error(("pairwise",), "give either `priorities` or `pairwise`, not both",
                    "remove one of them")
    elif data and "priorities" not in data and set(data) <= set(_KEYS):
        # (With an unknown key, most often a misspelt `priorities:`, that error says it.)
        r.error((), "the judgement file gives no priorities",
                "add `priorities:` (criterion: importance) or `pairwise:` comparisons")
    factors = _factors(r, data.get("factors"))
    pack = r.text(("pack",), data.get("pack"), what="pack")
    scenario = r.text(("scenario",), data.get("scenario"), what="scenario")
    places: dict[str, Location] = {key: doc.key_at((key,))
                                   for key in ("analyst", "pack", "scenario", "priorities",
                                               "pairwise") if key in data}
    places.update({f"priorities.{c}": doc.key_at(("priorities", c)) for c in priorities})
    role = r.text(("role",), data.get("role"), what="role")
    rationale = r.text(("rationale",), data.get("rationale"), what="rationale")
    problems.raise_if_errors()
    return Analyst(name=name, role=role, voting_weight=voting, priorities=priorities,
                   judgements=judgements, factors=factors, rationale=rationale, pack=pack,
                   location=r.at(()),
                   digest=hashlib.sha256(text.encode("utf-8")).hexdigest(), path=path,
                   scenario=scenario, places=places)


def _factors(r: Reader, raw: object) -> dict[str, FactorValue]:
    """An analyst's own readings, in the grammar of a scenario's facts (value, range,
    p_wrong, source, note)."""
    if raw is None:
        return {}
    if r.mapping(("factors",), raw, optional=raw.keys() if isinstance(raw, dict) else (),
                 what="factors") is None or not isinstance(raw, dict):
        return {}
    return {str(name): read_factor_value(r, ("factors", name), value)
            for name, value in raw.items()}


def panel_files(refs: Sequence[Path]) -> list[Path]:
    """The judgement files named: files as given, folders expanded to their YAML files
    (``.yaml`` or ``.yml`` in any case); other files in a folder are not judgements."""
    files: list[Path] = []
    for ref in refs:
        if ref.is_dir():
            files.extend(sorted(p for p in ref.iterdir()
                                if p.suffix.lower() in JUDGEMENT_SUFFIXES and p.is_file()))
        else:
            files.append(ref)
    return files


def load_panel(refs: Sequence[Path]) -> tuple[Analyst, ...]:
    """Every analyst of the panel, checked for duplicate names; a located error for each
    file that is wrong (all of them reported at once)."""
    files = panel_files(refs)
    problems = ProblemCollector()
    if not files:
        shown = ", ".join(str(r) for r in refs) or "(nothing)"
        problems.add(Location(shown), "the panel has no judgement files",
                     "give a folder holding one YAML judgement file per analyst")
    if len(files) > MAX_ANALYSTS:
        problems.add(Location(str(refs[0])), f"the panel has {len(files)} judgement files, "
                     f"more than {MAX_ANALYSTS}", "split the panel, or check the folder")
    named: dict[Path, Path] = {}
    for file in files:
        real = file.resolve()
        if real in named:
            problems.add(Location(str(file)), "this judgement file is given twice "
                         f"(also as {named[real]})", "name each file once")
        named[real] = file
    problems.raise_if_errors()
    analysts: list[Analyst] = []
    for file in files:
        try:
            analysts.append(load_judgements(file))
        except InputError as error:
            problems.extend(error.problems)
    seen: dict[str, Analyst] = {}
    for analyst in analysts:
        key = analyst.name.casefold()
        if key in seen:
            problems.add(analyst.at("analyst"), f"analyst {analyst.name!r} appears twice on the "
                         f"panel (also in {seen[key].location.file})",
                         "give each analyst one judgement file, or rename one")
        seen[key] = analyst
    problems.raise_if_errors()
    return tuple(analysts)
