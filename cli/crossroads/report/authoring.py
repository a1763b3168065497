"""Plain-text reports for the authoring commands (validate, lint, test, coverage).

Lines follow the compiler convention ``path:line:col: severity: message [CODE]`` so that
editors and CI annotate them; no colour, so output is the same in a pipe or a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable

from crossroads.authoring.packtest import Coverage, Outcome, PackTestRun
from crossroads.core.errors import Problem
from crossroads.core.words import count_of


def problem_lines(problems: Iterable[Problem]) -> list[str]:
    return [p.render() for p in problems]


def outcome_lines(outcome: Outcome, *, verbose: bool = False) -> list[str]:
    test = outcome.test
    if outcome.passed:
        return [f"{test.location}: PASS {test.id}"] if verbose else []
    lines = [f"{test.location}: FAIL {test.id}"]
    for failure in outcome.failures:
        where = f"{failure.expectation.location}: " if failure.expectation else ""
        lines.append(f"  {where}{failure.message}")
        lines += [f"      {detail}" for detail in failure.details]
    return lines


def run_lines(run: PackTestRun, *, verbose: bool = False) -> list[str]:
    lines: list[str] = []
    for outcome in run.outcomes:
        lines += outcome_lines(outcome, verbose=verbose)
    total = len(run.outcomes)
    if not run.files:
        lines.append(f"{run.pack.id}: no test files (add tests.yaml beside pack.yaml)")
    else:
        lines.append(f"{run.pack.id}: {count_of(total, 'test')}, "
                     f"{total - run.failed} passed, {run.failed} failed")
    return lines


def coverage_lines(cov: Coverage) -> list[str]:
    pack = cov.pack
    fired_rules = sum(1 for r in pack.rules if cov.rules.get(r.id))
    fired_risk = sum(1 for r in pack.risk_rules if cov.risk_rules.get(r.id))
    tests = sum(1 for s in cov.sources if s.startswith("test "))
    scenarios = len(cov.sources) - tests
    lines = [f"{pack.id}: coverage {cov.percent:.1f}% ({cov.fired}/{cov.total}): rules "
             f"{fired_rules}/{len(pack.rules)}, risk rules {fired_risk}/{len(pack.risk_rules)} "
             f"over {count_of(tests, 'test')} and "
             f"{count_of(scenarios, 'shipped scenario')}"]
    for kind, ident, location in cov.never_fired:
        lines.append(f"{location}: never fired: {kind} {ident!r}")
    lines += [p.render() for p in cov.skipped]
    return lines
