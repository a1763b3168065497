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
      monotone:                                  # declared directions, checked by a sweep
        - {option: economic-partnerships, factor: oil_exports_via_russia,
           direction: increasing, scenarios: shipped}

A pack's test files are those its ``tests:`` key lists, else ``tests.yaml`` and
``*.tests.yaml`` in its directory.  Failures say what was expected, what came out, and the
contributions that explain the difference.  :func:`coverage` reports which rules and risk
rules fired across the tests and the shipped scenarios of the pack.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from crossroads.authoring.packtest_checks import Checker, fired
from crossroads.authoring.packtest_model import (
    EXPECTATION_KINDS,
    TEST_FILE,
    TEST_FORMAT,
    Coverage,
    Expectation,
    Failure,
    Monotone,
    Outcome,
    PackTest,
    PackTestRun,
)
from crossroads.authoring.packtest_reader import load_pack_tests, pack_test_files
from crossroads.core.engine import score
from crossroads.core.errors import InputError, Location, Problem
from crossroads.core.inputs import resolve_factors
from crossroads.core.model import Pack
from crossroads.io.resources import shipped_scenarios
from crossroads.io.scenario_file import load_scenario
from crossroads.io.yamldoc import display_path

__all__ = ["EXPECTATION_KINDS", "TEST_FILE", "TEST_FORMAT", "Coverage", "Expectation",
           "Failure", "Monotone", "Outcome", "PackTest", "PackTestRun", "coverage", "fired",
           "load_pack_tests", "pack_test_files", "run_pack_tests", "run_test"]


# -- running ---------------------------------------------------------------------------------

def run_pack_tests(pack: Pack, *, with_coverage: bool = False,
                   progress: Callable[[int, int], None] | None = None) -> PackTestRun:
    """Load and run every test of *pack* (and, for coverage, score its shipped scenarios);
    *progress* hears ``(done, total)`` after each test."""
    tests = load_pack_tests(pack)
    outcomes = []
    for test in tests:
        outcomes.append(run_test(pack, test))
        if progress is not None:
            progress(len(outcomes), len(tests))
    run = PackTestRun(pack, pack_test_files(pack), outcomes)
    if with_coverage:
        run.coverage = coverage(pack, outcomes)
    return run


def run_test(pack: Pack, test: PackTest) -> Outcome:
    """Score the test's scenario and check each expectation."""
    try:
        values, _, _ = resolve_factors(pack, test.scenario)
        result = score(pack, test.scenario)
    except InputError as exc:
        return Outcome(test, (Failure(None, "the test's scenario cannot be scored",
                                      tuple(p.render() for p in exc.problems)),))
    rules, risk_rules = fired(pack, values)
    checker = Checker(pack, result, values, rules | risk_rules)
    failures = [f for e in test.expectations if (f := checker.check(e)) is not None]
    return Outcome(test, tuple(failures), frozenset(rules), frozenset(risk_rules))


# -- coverage --------------------------------------------------------------------------------

def coverage(pack: Pack, outcomes: Iterable[Outcome]) -> Coverage:
    """Rules and risk rules fired by the tests and by the shipped scenarios of *pack*."""
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
