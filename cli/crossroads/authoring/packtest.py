"""Pack unit tests (like `opa test`): YAML files beside a pack, run against the engine.

A test file (``format: crossroads.packtest/1``) lists tests; each names a scenario (a file
relative to the test file, a shipped scenario id, or an inline mapping of ``factors``,
``priorities`` and ``risk_aversion``), optional ``set:`` overrides, and expectations::

    expect:
      leader: economic-partnerships              # the top-ranked option
      rank: {targeted-sanctions: 5}              # an option's rank
      score: {diplomatic-engagement: [0.5, 2]}   # a number, or [low, high]
      likelihood: {political-backlash: {targeted-sanctions: [0.4, 1]}}
      fires: [econ-alt-routes]                   # rules or risk rules that must fire
      not_fires: [backlash-csto]                 # ... and that must not

A pack's test files are those its ``tests:`` key lists, else ``tests.yaml`` and
``*.tests.yaml`` in its directory.  Failures say what was expected, what came out, and the
contributions that explain the difference.  :func:`coverage` reports which rules and risk
rules fired across the tests and the shipped scenarios of the pack.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crossroads.core.errors import InputError, Location, Problem, ProblemCollector
from crossroads.core.factors import suggest, value_problem
from crossroads.core.model import FactorValue, Pack, RiskRule, Rule, Scenario, SourceKind
from crossroads.io.reader import Reader
from crossroads.io.yamldoc import Doc, PathKey, display_path, load_yaml

TEST_FORMAT = "crossroads.packtest/1"
TEST_FILE = "tests.yaml"
EXPECTATION_KINDS = ("leader", "rank", "score", "likelihood", "fires", "not_fires")
_TEST_KEYS = ("id", "description", "scenario", "set", "priorities", "risk_aversion", "expect")
_SCORE_TOLERANCE = 1e-9  # an exact expected score is met within rounding


@dataclass(frozen=True)
class Expectation:
    """One thing a test expects: kind, what it is about, the expected value, where."""

    kind: str
    subject: str  # option id, rule id, or "risk/option" for likelihoods
    expected: Any  # option id, rank, or (low, high)
    location: Location


@dataclass(frozen=True)
class PackTest:
    id: str
    description: str
    scenario: Scenario
    expectations: tuple[Expectation, ...]
    location: Location


@dataclass(frozen=True)
class Failure:
    """An unmet expectation: the headline (expected vs actual) and the explanation."""

    expectation: Expectation | None
    message: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    test: PackTest
    failures: tuple[Failure, ...]
    fired_rules: frozenset[str] = frozenset()
    fired_risk_rules: frozenset[str] = frozenset()

    @property
    def passed(self) -> bool:
        return not self.failures


@dataclass
class Coverage:
    """Which rules and risk rules fired, and where (test ids or scenario ids)."""

    pack: Pack
    rules: dict[str, list[str]] = field(default_factory=dict)
    risk_rules: dict[str, list[str]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)  # shipped scenarios that failed

    @property
    def total(self) -> int:
        return len(self.pack.rules) + len(self.pack.risk_rules)

    @property
    def fired(self) -> int:
        return sum(1 for r in self.pack.rules if self.rules.get(r.id)) + \
            sum(1 for r in self.pack.risk_rules if self.risk_rules.get(r.id))

    @property
    def percent(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.fired / self.total

    @property
    def never_fired(self) -> list[tuple[str, str, Location]]:
        """(kind, id, location) of every rule and risk rule that never fired."""
        out = [("rule", r.id, r.location) for r in self.pack.rules if not self.rules.get(r.id)]
        out += [("risk rule", r.id, r.location) for r in self.pack.risk_rules
                if not self.risk_rules.get(r.id)]
        return out


@dataclass
class PackTestRun:
    pack: Pack
    files: list[Path]
    outcomes: list[Outcome]
    coverage: Coverage | None = None

    @property
    def failed(self) -> int:
        return sum(1 for o in self.outcomes if not o.passed)


# -- loading ---------------------------------------------------------------------------------

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
    from crossroads.io.loader import PACK_FILE

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
            if r.mapping(path, entry, required=("id", "expect"), optional=_TEST_KEYS,
                         what="test") is None:
                continue
            ident = r.identifier((*path, "id"), entry.get("id"), what="test id") or "?"
            if ident in seen:
                r.error((*path, "id"), f"duplicate test id {ident!r}", "give each test a unique id")
            seen.add(ident)
            scenario = self._scenario(path, entry, ident)
            expectations = self._expectations((*path, "expect"), entry.get("expect"))
            if scenario is not None:
                tests.append(PackTest(ident, r.text((*path, "description"),
                                                    entry.get("description"), what="description"),
                                      scenario, tuple(expectations), r.at(path)))
        return tests

    # -- the scenario ------------------------------------------------------------------------
    def _scenario(self, path: PathKey, entry: dict[str, Any], ident: str) -> Scenario | None:
        r = self.r
        raw = entry.get("scenario")
        base: Scenario | None
        if raw is None or isinstance(raw, dict):
            base = self._inline((*path, "scenario"), raw or {}, ident)
        elif isinstance(raw, str):
            base = self._scenario_file((*path, "scenario"), raw)
        else:
            r.error((*path, "scenario"), "scenario must be a file name or a mapping",
                    "e.g. `scenario: ../../scenarios/kazakhstan-2025.yaml`")
            return None
        if base is None:
            return None
        factors = dict(base.factors)
        factors.update(self._values((*path, "set"), entry.get("set")))
        priorities = dict(base.priorities)
        priorities.update(self._priorities((*path, "priorities"), entry.get("priorities")))
        risk_aversion = base.risk_aversion
        if entry.get("risk_aversion") is not None:
            risk_aversion = r.number((*path, "risk_aversion"), entry["risk_aversion"],
                                     what="risk_aversion", low=0)
        from dataclasses import replace

        return replace(base, factors=factors, priorities=priorities, risk_aversion=risk_aversion)

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
        from crossroads.io.resources import shipped_scenarios
        from crossroads.io.scenario_file import load_scenario

        target = self.path.parent / name
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

    def _values(self, path: PathKey, raw: Any) -> dict[str, FactorValue]:
        if raw is None:
            return {}
        if self.r.mapping(path, raw, optional=raw.keys() if isinstance(raw, dict) else (),
                          what="factor values") is None:
            return {}
        out = {}
        for name, value in raw.items():
            where = (*path, name)
            if name not in self.pack.factors:
                self.problems.add(self.doc.key_at(where), f"unknown factor {name!r}",
                                  suggest(name, self.pack.factors) or
                                  "run `crossroads rules list --factors`")
                continue
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
        if raw is None:
            return {}
        if self.r.mapping(path, raw, optional=raw.keys() if isinstance(raw, dict) else (),
                          what="priorities") is None:
            return {}
        out = {}
        for name, value in raw.items():
            if name not in self.pack.criteria:
                self.problems.add(self.doc.key_at((*path, name)), f"unknown criterion {name!r}",
                                  suggest(name, self.pack.criteria) or
                                  f"criteria: {', '.join(self.pack.criteria)}")
                continue
            weight = self.r.number((*path, name), value, what=f"priority of {name}", low=0)
            if weight is not None:
                out[name] = weight
        return out

    # -- expectations -----------------------------------------------------------------------
    def _expectations(self, path: PathKey, raw: Any) -> list[Expectation]:
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
        return out

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


# -- running ---------------------------------------------------------------------------------

def run_pack_tests(pack: Pack, *, with_coverage: bool = False) -> PackTestRun:
    """Load and run every test of *pack* (and, for coverage, score its shipped scenarios)."""
    tests = load_pack_tests(pack)
    outcomes = [run_test(pack, test) for test in tests]
    run = PackTestRun(pack, pack_test_files(pack), outcomes)
    if with_coverage:
        run.coverage = coverage(pack, outcomes)
    return run


def run_test(pack: Pack, test: PackTest) -> Outcome:
    """Score the test's scenario and check each expectation."""
    from crossroads.core.engine import resolve_factors, score

    try:
        values, _, _ = resolve_factors(pack, test.scenario)
        result = score(pack, test.scenario)
    except InputError as exc:
        return Outcome(test, (Failure(None, "the test's scenario cannot be scored",
                                      tuple(p.render() for p in exc.problems)),))
    rules, risk_rules = fired(pack, values)
    checker = _Checker(pack, result, values, rules | risk_rules)
    failures = [f for e in test.expectations if (f := checker.check(e)) is not None]
    return Outcome(test, tuple(failures), frozenset(rules), frozenset(risk_rules))


def fired(pack: Pack, values: Mapping[str, Any]) -> tuple[set[str], set[str]]:
    """Ids of the rules and of the risk rules whose condition holds for *values*."""

    def holds(when: Any) -> bool:
        return when is None or bool(when(values))

    return ({r.id for r in pack.rules if holds(r.when)},
            {r.id for r in pack.risk_rules if holds(r.when)})


class _Checker:
    def __init__(self, pack: Pack, result: Any, values: Mapping[str, Any],
                 fired_ids: set[str]) -> None:
        from crossroads.core.engine import Result

        self.pack = pack
        self.result: Result = result
        self.values = values
        self.fired = fired_ids

    def check(self, e: Expectation) -> Failure | None:
        handler = getattr(self, f"check_{e.kind}")
        failure: Failure | None = handler(e)
        return failure

    def check_leader(self, e: Expectation) -> Failure | None:
        leader = self.result.leader
        if leader.id == e.expected:
            return None
        expected = self.result.option(e.expected)
        return Failure(e, f"expected leader {e.expected!r}, got {leader.id!r} "
                       f"(score {leader.score:.4f} vs {expected.score:.4f}, "
                       f"{expected.id!r} ranks {expected.rank})",
                       _difference(leader, expected))

    def check_rank(self, e: Expectation) -> Failure | None:
        option = self.result.option(e.subject)
        if option.rank == e.expected:
            return None
        there = self.result.options[e.expected - 1]
        return Failure(e, f"expected {e.subject!r} at rank {e.expected}, got rank "
                       f"{option.rank} ({there.id!r} holds rank {e.expected})",
                       _difference(there, option))

    def check_score(self, e: Expectation) -> Failure | None:
        option = self.result.option(e.subject)
        low, high = e.expected
        if low - _SCORE_TOLERANCE <= option.score <= high + _SCORE_TOLERANCE:
            return None
        want = f"{low:g}" if low == high else f"in [{low:g}, {high:g}]"
        return Failure(e, f"expected score of {e.subject!r} {want}, got {option.score:.4f}",
                       _breakdown(option))

    def check_likelihood(self, e: Expectation) -> Failure | None:
        risk_id, option_id = e.subject.split("/", 1)
        option = self.result.option(option_id)
        found = next((r for r in option.risks if r.id == risk_id), None)
        likelihood = found.likelihood if found else 0.0
        low, high = e.expected
        if low - _SCORE_TOLERANCE <= likelihood <= high + _SCORE_TOLERANCE:
            return None
        want = f"{low:g}" if low == high else f"in [{low:g}, {high:g}]"
        details = []
        for rr in self.pack.risk_rules:
            if rr.risk != risk_id or option_id not in rr.applies_to:
                continue
            if rr.id in self.fired:
                details.append(f"{rr.id} fired: likelihood {rr.likelihood.text} = "
                               f"{float(rr.likelihood(self.values)):.4g}")
            else:
                details.append(f"{rr.id} did not fire: when {_when_text(rr.when)} "
                               f"({self._reads(rr.when)})")
        if not details:
            details.append(f"no risk rule links {risk_id!r} to {option_id!r}")
        got = f"{likelihood:.4f}" if found else "0 (the risk did not occur)"
        return Failure(e, f"expected likelihood of {risk_id!r} for {option_id!r} {want}, "
                       f"got {got}", tuple(details))

    def check_fires(self, e: Expectation) -> Failure | None:
        return self._firing(e, should=True)

    def check_not_fires(self, e: Expectation) -> Failure | None:
        return self._firing(e, should=False)

    def _firing(self, e: Expectation, *, should: bool) -> Failure | None:
        did = e.subject in self.fired
        if did == should:
            return None
        everything: tuple[Rule | RiskRule, ...] = (*self.pack.rules, *self.pack.risk_rules)
        rule = next(r for r in everything if r.id == e.subject)
        verb = "to fire" if should else "not to fire"
        outcome = "it did not" if should else "it did"
        return Failure(e, f"expected {e.subject!r} {verb}, {outcome}",
                       (f"when {_when_text(rule.when)}", f"with {self._reads(rule.when)}"))

    def _reads(self, when: Any) -> str:
        from crossroads.authoring.intervals import describe_values

        if when is None:
            return "no factors"
        return describe_values({n: self.values[n] for n in when.factors}, self.pack.factors) \
            or "no factors"


def _when_text(when: Any) -> str:
    return "(always)" if when is None else f"`{when.text}`"


def _weighted_by_criterion(option: Any) -> dict[str, list[tuple[str, float]]]:
    out: dict[str, list[tuple[str, float]]] = {}
    for c in option.contributions:
        out.setdefault(c.criterion, []).append((c.rule, c.value))
    return out


def _difference(ahead: Any, behind: Any) -> tuple[str, ...]:
    """Where the score gap between two options comes from, criterion by criterion."""
    lines = [f"{ahead.id} {ahead.score:+.4f} vs {behind.id} {behind.score:+.4f}: "
             f"gap {ahead.score - behind.score:.4f}"]
    a, b = _weighted_by_criterion(ahead), _weighted_by_criterion(behind)
    for criterion in sorted(set(a) | set(b)):
        sa = sum(v for _, v in a.get(criterion, []))
        sb = sum(v for _, v in b.get(criterion, []))
        if math.isclose(sa, sb, abs_tol=1e-12):
            continue
        lines.append(f"{criterion}: {ahead.id} {sa:+.4f} ({_rules(a.get(criterion, []))}) vs "
                     f"{behind.id} {sb:+.4f} ({_rules(b.get(criterion, []))})")
    if not math.isclose(ahead.risk, behind.risk, abs_tol=1e-12):
        lines.append(f"expected risk: {ahead.id} {ahead.risk:.4f} ({_risks(ahead)}) vs "
                     f"{behind.id} {behind.risk:.4f} ({_risks(behind)})")
    return tuple(lines)


def _rules(items: list[tuple[str, float]]) -> str:
    return ", ".join(f"{rule} {value:+.4f}" for rule, value in items) or "no rule"


def _risks(option: Any) -> str:
    return ", ".join(f"{r.id} {r.likelihood:.2f}*{r.impact}" for r in option.risks) or "none"


def _breakdown(option: Any) -> tuple[str, ...]:
    lines = [f"{c.rule}: {c.criterion} {c.points:+g} points * weight {c.weight:.3f} = "
             f"{c.value:+.4f}" for c in option.contributions]
    if not lines:
        lines.append("no rule gave it points")
    for r in option.risks:
        lines.append(f"risk {r.id}: likelihood {r.likelihood:.3f} * impact {r.impact} = "
                     f"{r.expected:.4f} (from {', '.join(r.rules)})")
    lines.append(f"benefit {option.benefit:.4f} - risk aversion * risk {option.risk:.4f} = "
                 f"{option.score:.4f}")
    return tuple(lines)


# -- coverage --------------------------------------------------------------------------------

def coverage(pack: Pack, outcomes: Iterable[Outcome]) -> Coverage:
    """Rules and risk rules fired by the tests and by the shipped scenarios of *pack*."""
    from crossroads.core.engine import resolve_factors
    from crossroads.io.resources import shipped_scenarios
    from crossroads.io.scenario_file import load_scenario

    report = Coverage(pack)
    for outcome in outcomes:
        report.sources.append(f"test {outcome.test.id}")
        _record(report, outcome.test.id, outcome.fired_rules, outcome.fired_risk_rules)
    for name, path in shipped_scenarios().items():
        try:
            scenario = load_scenario(path)
            if scenario.pack != pack.id:
                continue
            values, _, _ = resolve_factors(pack, scenario)
            rules, risk_rules = fired(pack, values)
        except InputError as exc:
            report.skipped.append(Problem(
                exc.problems[0].location if exc.problems else Location(display_path(path)),
                f"scenario {name!r} left out of coverage: "
                f"{exc.problems[0].message if exc.problems else 'invalid'}",
                severity="warning"))
            continue
        report.sources.append(f"scenario {name}")
        _record(report, f"scenario {name}", rules, risk_rules)
    return report


def _record(report: Coverage, source: str, rules: Iterable[str], risk_rules: Iterable[str]
            ) -> None:
    for rule in rules:
        report.rules.setdefault(rule, []).append(source)
    for risk_rule in risk_rules:
        report.risk_rules.setdefault(risk_rule, []).append(source)
