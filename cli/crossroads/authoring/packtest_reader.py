"""Reading pack test files: scenarios, overrides and expectations, each checked and located."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from crossroads.authoring.packtest_model import (
    EXPECTATION_KINDS,
    TEST_FILE,
    TEST_FORMAT,
    TEST_KEYS,
    Expectation,
    Monotone,
    PackTest,
)
from crossroads.core.errors import InputError, Location, ProblemCollector
from crossroads.core.factors import FactorKind, suggest, value_problem
from crossroads.core.model import FactorValue, Pack, RiskRule, Rule, Scenario, SourceKind
from crossroads.io.confine import YAML_SUFFIXES, Outside, confined
from crossroads.io.loader import PACK_FILE
from crossroads.io.reader import Reader
from crossroads.io.resources import shipped_scenarios
from crossroads.io.scenario_file import load_scenario
from crossroads.io.yamldoc import Doc, PathKey, load_yaml

_MONOTONE_KEYS = ("option", "factor", "direction", "scenarios", "range")
_DIRECTIONS = ("increasing", "decreasing")
SHIPPED = "shipped"  # `scenarios: shipped` sweeps every shipped scenario of the pack


@dataclass(frozen=True)
class _Overrides:
    """A test's `set:`, `priorities:` and `risk_aversion:`, read once, applied to each scenario."""

    factors: dict[str, FactorValue]
    priorities: dict[str, float]
    risk_aversion: float | None

    def apply(self, base: Scenario) -> Scenario:
        return replace(base, factors={**base.factors, **self.factors},
                       priorities={**base.priorities, **self.priorities},
                       risk_aversion=base.risk_aversion if self.risk_aversion is None
                       else self.risk_aversion)


def pack_test_files(pack: Pack) -> list[Path]:
    """The pack's test files: its ``tests:`` list, else the conventional names."""
    if pack.tests:
        return list(pack.tests)
    found = []
    default = pack.directory / TEST_FILE
    if default.is_file():
        found.append(default)
    found += sorted(pack.directory.glob("*.tests.yaml"))
    return found


def load_pack_tests(pack: Pack) -> list[PackTest]:
    """Parse every test file of *pack*; raises :class:`InputError` with all problems."""
    problems = ProblemCollector()
    tests: list[PackTest] = []
    for path in pack_test_files(pack):
        if not path.is_file():
            problems.add(_tests_entry(pack, path), f"test file {path.name!r} does not exist",
                         "`tests:` paths are relative to the directory of pack.yaml")
            continue
        try:
            tests += _TestFileReader(pack, load_yaml(path), path, problems).read()
        except InputError as exc:
            problems.extend(exc.problems)
    problems.problems.sort(key=lambda p: (p.location.file, p.location.line, p.location.column))
    problems.raise_if_errors()
    return tests


def _tests_entry(pack: Pack, path: Path) -> Location:
    """Where pack.yaml's `tests:` key names *path* (for a precise error)."""
    doc = load_yaml(pack.directory / PACK_FILE)
    for i, name in enumerate(doc.data.get("tests") or []):
        if isinstance(name, str) and pack.directory / name == path:
            return doc.at(("tests", i))
    return pack.location


class _TestFileReader:
    def __init__(self, pack: Pack, doc: Doc, path: Path, problems: ProblemCollector) -> None:
        self.pack = pack
        self.doc = doc
        self.path = path
        self.problems = problems
        self.r = Reader(doc, problems)

    def read(self) -> list[PackTest]:
        r = self.r
        data = r.mapping((), self.doc.data, required=("format", "tests"),
                         optional=("pack",), what="pack test file") or {}
        if not data:
            return []
        r.format_version(data, TEST_FORMAT)
        if "pack" in data and data["pack"] != self.pack.id:
            r.error(("pack",), f"these tests are for pack {data['pack']!r}, not "
                    f"{self.pack.id!r}", "fix `pack:` or move the file")
        tests, seen = [], set()
        for i, entry in enumerate(r.items(("tests",), data.get("tests"), what="tests")):
            path: PathKey = ("tests", i)
            if r.mapping(path, entry, required=("id", "expect"), optional=TEST_KEYS,
                         what="test") is None:
                continue
            ident = r.identifier((*path, "id"), entry.get("id"), what="test id") or "?"
            if ident in seen:
                r.error((*path, "id"), f"duplicate test id {ident!r}", "give each test a unique id")
            seen.add(ident)
            overrides = self._overrides(path, entry)
            base = self._base_scenario(path, entry, ident)
            scenario = None if base is None else overrides.apply(base)
            expectations = self._expectations((*path, "expect"), entry.get("expect"), overrides)
            if scenario is not None:
                tests.append(PackTest(ident, r.text((*path, "description"),
                                                    entry.get("description"), what="description"),
                                      scenario, tuple(expectations), r.at(path)))
        return tests

    # -- the scenario ------------------------------------------------------------------------
    def _base_scenario(self, path: PathKey, entry: dict[str, Any], ident: str
                       ) -> Scenario | None:
        r = self.r
        raw = entry.get("scenario")
        if raw is None or isinstance(raw, dict):
            return self._inline((*path, "scenario"), raw or {}, ident)
        if isinstance(raw, str):
            return self._scenario_file((*path, "scenario"), raw)
        r.error((*path, "scenario"), "scenario must be a file name or a mapping",
                "e.g. `scenario: kazakhstan-2025` (a shipped id) or a file beside the pack")
        return None

    def _overrides(self, path: PathKey, entry: dict[str, Any]) -> _Overrides:
        risk_aversion = None
        if entry.get("risk_aversion") is not None:
            risk_aversion = self.r.number((*path, "risk_aversion"), entry["risk_aversion"],
                                          what="risk_aversion", low=0)
        return _Overrides(self._values((*path, "set"), entry.get("set")),
                          self._priorities((*path, "priorities"), entry.get("priorities")),
                          risk_aversion)

    def _inline(self, path: PathKey, raw: dict[str, Any], ident: str) -> Scenario:
        self.r.mapping(path, raw, optional=("factors", "priorities", "risk_aversion"),
                       what="inline scenario")
        risk_aversion = None
        if raw.get("risk_aversion") is not None:
            risk_aversion = self.r.number((*path, "risk_aversion"), raw["risk_aversion"],
                                          what="risk_aversion", low=0)
        return Scenario(
            id=f"test:{ident}", title=ident, subject="", as_of=None, pack=self.pack.id,
            pack_version=self.pack.version,
            factors=self._values((*path, "factors"), raw.get("factors")),
            priorities=self._priorities((*path, "priorities"), raw.get("priorities")),
            risk_aversion=risk_aversion, notes="", location=self.r.at(path), path=self.path)

    def _scenario_file(self, path: PathKey, name: str) -> Scenario | None:
        """A scenario file (its values are checked against the pack when the test runs)."""
        try:  # the shipped scenarios, or a file in the folder that holds the packs
            target = confined(name, base=self.path.parent,
                              root=self.pack.directory.resolve().parent,
                              suffixes=YAML_SUFFIXES, what="a test's scenario")
        except Outside as outside:
            if name.endswith(YAML_SUFFIXES):
                self.r.error(path, outside.message, outside.hint)
                return None
            target = self.path.parent / name  # not a file name: a shipped id, if any
        if not target.is_file():
            shipped = shipped_scenarios()
            if name not in shipped:
                hint = suggest(name, shipped) or \
                    "give a path relative to the test file or a shipped scenario id"
                self.r.error(path, f"no such scenario {name!r}", hint)
                return None
            target = shipped[name]
        try:
            return load_scenario(target)
        except InputError as exc:
            self.problems.extend(exc.problems)
            return None

    def _known_entries(self, path: PathKey, raw: Any, what: str, known: Mapping[str, Any],
                       noun: str, hint: str) -> Iterator[tuple[str, Any]]:
        """The entries of the mapping at *path* whose names are in *known*; each other
        name is reported as an unknown *noun*, with a did-you-mean or *hint*."""
        if raw is None or self.r.mapping(
                path, raw, optional=raw.keys() if isinstance(raw, dict) else (),
                what=what) is None:
            return
        for name, value in raw.items():
            if name in known:
                yield name, value
            else:
                self.problems.add(self.doc.key_at((*path, name)), f"unknown {noun} {name!r}",
                                  suggest(name, known) or hint)

    def _values(self, path: PathKey, raw: Any) -> dict[str, FactorValue]:
        out = {}
        for name, value in self._known_entries(path, raw, "factor values", self.pack.factors,
                                               "factor", "run `crossroads rules list --factors`"):
            where = (*path, name)
            if isinstance(value, dict):
                self.r.mapping(where, value, required=("value",), optional=("source", "note"),
                               what=f"factor {name!r}")
                value = value.get("value")
            problem = value_problem(self.pack.factors[name], value)
            if problem:
                self.r.error(where, *problem)
                continue
            out[name] = FactorValue(value, self.r.at(where), source="pack test",
                                     source_kind=SourceKind.ANALYST)
        return out

    def _priorities(self, path: PathKey, raw: Any) -> dict[str, float]:
        out = {}
        for name, value in self._known_entries(
                path, raw, "priorities", self.pack.criteria, "criterion",
                f"criteria: {', '.join(self.pack.criteria)}"):
            weight = self.r.number((*path, name), value, what=f"priority of {name}", low=0)
            if weight is not None:
                out[name] = weight
        return out

    # -- expectations -----------------------------------------------------------------------
    def _expectations(self, path: PathKey, raw: Any, overrides: _Overrides
                      ) -> list[Expectation]:
        r = self.r
        if r.mapping(path, raw, optional=EXPECTATION_KINDS, what="expect") is None:
            return []
        if not raw:
            r.error(path, "a test needs at least one expectation",
                    f"expect one of: {', '.join(EXPECTATION_KINDS)}")
        out: list[Expectation] = []
        pack = self.pack
        if "leader" in raw:
            option = self._known((*path, "leader"), raw["leader"], pack.options, "option")
            if option:
                out.append(Expectation("leader", option, option, r.at((*path, "leader"))))
        for option, rank in self._pairs((*path, "rank"), raw.get("rank"), pack.options, "option"):
            where = (*path, "rank", option)
            if isinstance(rank, bool) or not isinstance(rank, int) or \
                    not 1 <= rank <= len(pack.options):
                r.error(where, f"rank must be a whole number from 1 to {len(pack.options)}",
                        "1 = the leading option")
                continue
            out.append(Expectation("rank", option, rank, r.at(where)))
        for option, span in self._pairs((*path, "score"), raw.get("score"), pack.options,
                                        "option"):
            bounds = self._span((*path, "score", option), span, None, None)
            if bounds:
                out.append(Expectation("score", option, bounds, r.at((*path, "score", option))))
        for risk, by_option in self._pairs((*path, "likelihood"), raw.get("likelihood"),
                                           pack.risks, "risk"):
            for option, span in self._pairs((*path, "likelihood", risk), by_option,
                                            pack.options, "option"):
                where = (*path, "likelihood", risk, option)
                bounds = self._span(where, span, 0.0, 1.0)
                if bounds:
                    out.append(Expectation("likelihood", f"{risk}/{option}", bounds, r.at(where)))
        known_rules: dict[str, Rule | RiskRule] = {x.id: x for x in pack.rules}
        known_rules.update({x.id: x for x in pack.risk_rules})
        for kind in ("fires", "not_fires"):
            for i, rule in enumerate(r.string_list((*path, kind), raw.get(kind), what=kind)):
                found = self._known((*path, kind, i), rule, known_rules, "rule or risk rule")
                if found:
                    out.append(Expectation(kind, found, kind == "fires",
                                           r.at((*path, kind, i))))
        for i, item in enumerate(r.items((*path, "monotone"), raw.get("monotone"),
                                         what="monotone")):
            where = (*path, "monotone", i)
            spec = self._monotone(where, item, overrides)
            if spec is not None:
                out.append(Expectation("monotone", f"{spec.option}/{spec.factor}", spec,
                                       r.at(where)))
        return out

    def _monotone(self, path: PathKey, raw: Any, overrides: _Overrides) -> Monotone | None:
        """One declared direction: option, factor, direction, and optionally scenarios, range."""
        r = self.r
        if r.mapping(path, raw, required=("option", "factor", "direction"),
                     optional=_MONOTONE_KEYS, what="monotone expectation") is None:
            return None
        option = self._known((*path, "option"), raw.get("option"), self.pack.options, "option")
        name = self._known((*path, "factor"), raw.get("factor"), self.pack.factors, "factor")
        direction = raw.get("direction")
        if direction not in _DIRECTIONS:
            r.error((*path, "direction"), f"direction must be increasing or decreasing, got "
                    f"{direction!r}", "increasing: the score never falls as the factor grows")
            return None
        if option is None or name is None:
            return None
        factor = self.pack.factors[name]
        if factor.kind == FactorKind.CHOICE:
            r.error((*path, "factor"), f"{name} is a choice: its values have no order",
                    "declare directions on number, level or boolean factors")
            return None
        span = None
        if raw.get("range") is not None:
            if factor.kind != FactorKind.NUMBER:
                r.error((*path, "range"), f"range applies to number factors; {name} is a "
                        f"{factor.kind}", "remove `range:` (every level is swept)")
                return None
            span = self._span((*path, "range"), raw["range"], factor.minimum, factor.maximum)
            if span is None:
                return None
        elif factor.kind == FactorKind.NUMBER and (factor.minimum is None or
                                                   factor.maximum is None):
            r.error(path, f"{name} has no declared bounds to sweep",
                    "give `range: [low, high]`")
            return None
        scenarios = self._sweep_scenarios((*path, "scenarios"), raw.get("scenarios"), overrides)
        if scenarios is None:
            return None
        return Monotone(option, name, direction == "increasing", scenarios, span)

    def _sweep_scenarios(self, path: PathKey, raw: Any, overrides: _Overrides
                         ) -> tuple[Scenario, ...] | None:
        """The scenarios a direction is checked over (empty: the test's own)."""
        if raw is None:
            return ()
        if raw == SHIPPED:
            found = []
            for target in shipped_scenarios().values():
                try:
                    scenario = load_scenario(target)
                except InputError as exc:
                    self.problems.extend(exc.problems)
                    return None
                if scenario.pack == self.pack.id:
                    found.append(overrides.apply(scenario))
            if not found:
                self.r.error(path, f"no shipped scenario uses pack {self.pack.id!r}",
                             "name scenarios in a list instead")
                return None
            return tuple(found)
        names = self.r.string_list(path, raw, what="scenarios")
        loaded = [self._scenario_file((*path, i), name) for i, name in enumerate(names)]
        if not names or None in loaded:
            return None  # the problem is already recorded
        return tuple(overrides.apply(s) for s in loaded if s is not None)

    def _known(self, path: PathKey, value: Any, known: Mapping[str, Any], what: str
               ) -> str | None:
        if isinstance(value, str) and value in known:
            return value
        self.r.error(path, f"unknown {what} {value!r}",
                     suggest(str(value), known) or f"known: {', '.join(sorted(known))}")
        return None

    def _pairs(self, path: PathKey, raw: Any, known: Mapping[str, Any], what: str
               ) -> Iterable[tuple[str, Any]]:
        if raw is None:
            return []
        if self.r.mapping(path, raw, optional=raw.keys() if isinstance(raw, dict) else (),
                          what=path[-1] if isinstance(path[-1], str) else "expectation") is None:
            return []
        out = []
        for key, value in raw.items():
            if key not in known:
                self.problems.add(self.doc.key_at((*path, key)), f"unknown {what} {key!r}",
                                  suggest(key, known) or f"known: {', '.join(sorted(known))}")
                continue
            out.append((key, value))
        return out

    def _span(self, path: PathKey, raw: Any, low: float | None, high: float | None
              ) -> tuple[float, float] | None:
        """A number (exact) or [low, high]."""
        if isinstance(raw, list):
            if len(raw) == 2:
                a = self.r.number((*path, 0), raw[0], what="lower bound", low=low, high=high)
                b = self.r.number((*path, 1), raw[1], what="upper bound", low=low, high=high)
                if a is not None and b is not None:
                    if a > b:
                        self.r.error(path, f"empty range [{a:g}, {b:g}]", "write [low, high]")
                        return None
                    return a, b
                return None
            self.r.error(path, "a range must be [low, high]", "e.g. [0.4, 0.8]")
            return None
        value = self.r.number(path, raw, what="expected value", low=low, high=high)
        return None if value is None else (value, value)
