"""Validation as a report: every problem of a pack or scenario, as data, never raised.

`crossroads rules validate` and `crossroads scenarios validate` print these problems; the
loader raises them, this module collects them so that many files can be checked in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from crossroads.authoring.lint_scenario import scenario_warnings
from crossroads.authoring.packtest import load_pack_tests
from crossroads.core.constraints import constraint_warnings
from crossroads.core.errors import InputError, Problem
from crossroads.core.factors import suggest
from crossroads.core.inputs import resolve_weights
from crossroads.core.model import Pack, Scenario
from crossroads.io.loader import load_pack
from crossroads.io.lookup import find_pack
from crossroads.io.resources import shipped_packs
from crossroads.io.scenario_file import load_scenario
from crossroads.io.yamldoc import display_path


@dataclass
class CheckReport:
    """What was checked (a file or pack directory) and the problems found in it."""

    target: str
    problems: list[Problem] = field(default_factory=list)
    pack: Pack | None = None
    scenario: Scenario | None = None

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.is_error)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if not p.is_error)


def resolve_pack_path(ref: str | Path) -> Path:
    """A pack directory from a path (directory or its pack.yaml) or a shipped pack id."""
    path = Path(ref)
    if path.exists():
        return path.parent if path.is_file() else path
    shipped = shipped_packs()
    if str(ref) in shipped:
        return shipped[str(ref)]
    hint = suggest(str(ref), shipped) or f"shipped packs: {', '.join(shipped) or 'none'}"
    raise InputError.single(str(ref), "no such pack (neither a path nor a shipped pack id)",
                            hint)


def check_pack(ref: str | Path) -> CheckReport:
    """Load a pack and its test files; report every problem found."""
    report = CheckReport(str(ref))
    try:
        directory = resolve_pack_path(ref)
        report.target = display_path(directory)
        report.pack = load_pack(directory)
    except InputError as exc:
        report.problems.extend(_in_file_order(list(exc.problems)))
        return report
    try:
        load_pack_tests(report.pack)
    except InputError as exc:
        report.problems.extend(exc.problems)
    return report


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    """Problems sorted by file, line and column (stable: same place keeps its order)."""
    return sorted(problems, key=lambda p: (p.location.file, p.location.line, p.location.column))


def check_scenario(path: str | Path, pack_ref: str | None = None, *,
                   packs: dict[str, Pack] | None = None) -> CheckReport:
    """Check a scenario's structure, then its values and priorities against its pack.

    Broken pack constraints are reported as warnings naming the factors involved, and so
    are facts sourced after ``as_of``, unsourced range bounds and undated ratings.
    *packs* (pack reference → loaded pack) lets a batch of scenarios load each pack once.
    """
    report = CheckReport(display_path(path))
    try:
        scenario = load_scenario(path)
    except InputError as exc:
        report.problems.extend(exc.problems)
        return report
    report.scenario = scenario
    if not scenario.pack and not pack_ref:
        report.problems.append(Problem(
            scenario.location, "the scenario names no pack",
            "add `pack: <pack id>` or pass --pack"))
        return report
    ref = pack_ref or scenario.pack
    try:
        pack = packs[ref] if packs is not None and ref in packs else find_pack(ref)
    except InputError as exc:  # an unknown pack id, or the pack's own files are broken
        report.problems.extend(exc.problems)
        return report
    if packs is not None:
        packs[ref] = pack
    report.pack = pack
    try:
        report.problems.extend(constraint_warnings(pack, scenario))
    except InputError as exc:
        report.problems.extend(exc.problems)
    try:
        resolve_weights(pack, scenario)
    except InputError as exc:
        report.problems.extend(exc.problems)
    report.problems.extend(scenario_warnings(pack, scenario))
    return report
