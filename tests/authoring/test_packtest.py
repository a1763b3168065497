"""`crossroads rules test`: YAML pack tests, failure explanations, coverage and its gate."""

from __future__ import annotations

import math
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, TINY_PACK, Run
from crossroads.authoring.packtest import load_pack_tests, run_pack_tests
from crossroads.core.errors import InputError
from crossroads.io.loader import load_pack
from crossroads.io.resources import shipped_packs

PASSING = """\
format: crossroads.packtest/1
pack: tiny
tests:
  - id: pressure-favours-a
    description: High pressure and a large x fire r1 and the backlash rule.
    scenario:
      factors: {x: 0.9, pressure: high}
    expect:
      leader: a
      rank: {b: 2}
      score: {a: [5.17, 5.18], b: [1.04, 1.05]}
      likelihood: {back: {a: 0.5, b: 0.18}}
      fires: [r1, rr1, rr2]
      not_fires: [r2]
  - id: membership-fires-r2
    scenario: {factors: {status: member}}
    set: {x: 0.1}
    expect:
      leader: b
      fires: [r2]
      not_fires: [r1, rr1]
"""


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    target = tmp_path / "tiny"
    shutil.copytree(TINY_PACK, target)
    return target


def write_tests(pack_dir: Path, text: str, name: str = "tests.yaml") -> Path:
    path = pack_dir / name
    path.write_text(text, encoding="utf-8")
    return path


def test_passing_tests(pack_dir: Path, cli: Callable[..., Run]) -> None:
    write_tests(pack_dir, PASSING)
    result = cli("rules", "test", pack_dir, "-v")
    assert result.code == 0, result.out
    assert "PASS pressure-favours-a" in result.out
    assert "PASS membership-fires-r2" in result.out
    assert "tiny: 2 tests, 2 passed, 0 failed" in result.out


def test_failures_show_expected_actual_and_why(pack_dir: Path, cli: Callable[..., Run],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    write_tests(pack_dir, PASSING.replace("leader: a", "leader: b")
                .replace("score: {a: [5.17, 5.18]", "score: {a: [1, 2]")
                .replace("b: 0.18}", "b: 0.5}")
                .replace("not_fires: [r2]", "not_fires: [r1]")
                .replace("fires: [r2]", "fires: [r2, rr1]"))
    monkeypatch.chdir(pack_dir)
    result = cli("rules", "test", ".")
    assert result.code == 1
    out = result.out
    assert "tests.yaml:4:5: FAIL pressure-favours-a" in out
    assert ("tests.yaml:9:15: expected leader 'b', got 'a' (score 5.1787 vs 1.0453, 'b' ranks 2)"
            in out)
    # the criterion-by-criterion explanation of the gap
    assert "a +5.1787 vs b +1.0453: gap 4.1333" in out
    assert "sov: a +5.3333 (r1 +5.3333) vs b +0.0000 (no rule)" in out
    assert ("expected risk (likelihood*impact*risk unit): a 1.4880 "
            "(back 0.5*3*0.8 + back 0.18*2*0.8) vs b 0.2880 (back 0.18*2*0.8)") in out
    assert "expected score of 'a' in [1, 2], got 5.1787" in out
    assert "r1: sov +4 points * 2 value/point * weight 0.6667 = +5.3333" in out
    assert "risk back: likelihood 0.5 * impact 3 * risk unit 0.8 = 1.2000 (from rr1)" in out
    assert "expected likelihood of 'back' for 'b' 0.5, got 0.1800" in out
    assert "rr2 fired: likelihood 0.2 * x = 0.18" in out
    assert "expected 'r1' not to fire, it did" in out
    assert "with pressure = 'high', x = 0.9" in out
    assert "FAIL membership-fires-r2" in out
    assert "expected 'rr1' to fire, it did not" in out
    assert 'when `pressure == "high"`' in out
    assert "tiny: 2 tests, 0 passed, 2 failed" in out



def _failing_output(pack_dir: Path, cli: Callable[..., Run]) -> str:
    # risk aversion 1.5, so the printed score equation shows the factor it multiplies by
    write_tests(pack_dir, PASSING.replace("leader: a", "leader: b")
                .replace("score: {a: [5.17, 5.18]", "score: {a: [1, 2]")
                .replace("    expect:\n      leader: b", "    risk_aversion: 1.5\n    expect:\n"
                         "      leader: b", 1))
    result = cli("rules", "test", pack_dir)
    assert result.code == 1
    assert "risk aversion 1.5 * risk" in result.out
    return result.out


def test_printed_arithmetic_multiplies_out(pack_dir: Path, cli: Callable[..., Run]) -> None:
    """Every equation a failure prints holds for the numbers it prints (issue 10): a risk
    costs likelihood × impact × risk unit, not likelihood × impact."""
    out = _failing_output(pack_dir, cli)
    number = r"([-+]?\d+(?:\.\d+)?)"
    rules = re.findall(rf"{number} points \* {number} value/point \* weight {number} = "
                       rf"{number}", out)
    risks = re.findall(rf"likelihood {number} \* impact {number} \* risk unit {number} = "
                       rf"{number}", out)
    totals = re.findall(rf"benefit {number} - risk aversion {number} \* risk {number} = "
                        rf"{number}", out)
    sums = re.findall(rf"{number} \(((?:\w+ {number}\*{number}\*{number}(?: \+ )?)+)\)", out)
    assert rules and risks and totals and len(sums) == 2, out

    def close(got: float, want: float) -> bool:
        return math.isclose(got, want, rel_tol=1e-3, abs_tol=1e-4)

    for *factors, shown in [*rules, *risks]:
        assert close(math.prod(float(f) for f in factors), float(shown)), (factors, shown)
    for benefit, aversion, risk, shown in totals:
        assert close(float(benefit) - float(aversion) * float(risk), float(shown))
    for shown, terms, *_ in sums:
        products = [math.prod(float(f) for f in term.split()[1].split("*"))
                    for term in terms.split(" + ")]
        assert close(sum(products), float(shown)), (shown, terms)


def test_rank_failure_names_who_holds_the_rank(pack_dir: Path, cli: Callable[..., Run]) -> None:
    write_tests(pack_dir, PASSING.replace("rank: {b: 2}", "rank: {b: 1}"))
    result = cli("rules", "test", pack_dir)
    assert result.code == 1
    assert "expected 'b' at rank 1, got rank 2 ('a' holds rank 1)" in result.out


def test_scenario_file_and_overrides(pack_dir: Path, cli: Callable[..., Run]) -> None:
    (pack_dir / "scenarios").mkdir()
    (pack_dir / "scenarios" / "member.yaml").write_text(
        "format: crossroads.scenario/1\nid: member\ntitle: M\nsubject: S\npack: tiny\n"
        "factors: {status: member, x: 0.9}\npriorities: {sov: 1, econ: 1}\n")
    write_tests(pack_dir, """\
format: crossroads.packtest/1
tests:
  - id: from-file
    scenario: scenarios/member.yaml
    set: {pressure: high}
    priorities: {econ: 3}
    expect:
      fires: [r1, r2, rr1]
      score: {b: [5.21, 5.22]}
""")
    result = cli("rules", "test", pack_dir)
    assert result.code == 0, result.out


def test_bad_test_files_are_input_errors(pack_dir: Path, cli: Callable[..., Run],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    write_tests(pack_dir, """\
format: crossroads.packtest/1
pack: other
tests:
  - id: t
    scenario: {factors: {x: 2, presure: high}}
    expect:
      leader: c
      rank: {a: 9}
      score: {a: [3, 1]}
      fires: [r9]
      likelihood: {back: {a: 1.5}}
  - id: t
    scenario: missing.yaml
    expect: {}
""")
    monkeypatch.chdir(pack_dir)
    result = cli("rules", "test", ".")
    assert result.code == 2
    err = result.err
    assert "tests.yaml:2:7: error: these tests are for pack 'other', not 'tiny'" in err
    assert "tests.yaml:5:32: error: unknown factor 'presure'" in err
    assert "tests.yaml:7:15: error: unknown option 'c'" in err
    assert "tests.yaml:8:17: error: rank must be a whole number from 1 to 2" in err
    assert "tests.yaml:9:18: error: empty range [3, 1]" in err
    assert "tests.yaml:10:15: error: unknown rule or risk rule 'r9'" in err
    assert "tests.yaml:11:30: error: expected value 1.5 is outside [0, 1]" in err
    assert "tests.yaml:12:9: error: duplicate test id 't'" in err
    assert "tests.yaml:13:15: error: no such scenario 'missing.yaml'" in err
    assert "tests.yaml:14:13: error: a test needs at least one expectation" in err
    lines = [line.split(": error")[0] for line in err.splitlines() if ": error: " in line]
    assert lines == sorted(lines, key=lambda s: tuple(int(n) for n in s.split(":")[1:]))
    # the same problems make `rules validate` fail
    assert cli("rules", "validate", ".").code == 2


def test_bad_values_fail_the_test_with_the_engine_message(pack_dir: Path,
                                                          cli: Callable[..., Run]) -> None:
    (pack_dir / "bad.yaml").write_text(
        "format: crossroads.scenario/1\nid: bad\ntitle: B\nsubject: S\nfactors: {x: 2}\n")
    write_tests(pack_dir, """\
format: crossroads.packtest/1
tests:
  - id: out-of-range
    scenario: bad.yaml
    expect: {leader: a}
""")
    result = cli("rules", "test", pack_dir)
    assert result.code == 1
    assert "the test's scenario cannot be scored" in result.out
    assert "bad.yaml:5:14: error: x = 2 is out of range between 0 and 1" in result.out


def test_inline_values_are_checked_when_the_file_loads(pack_dir: Path,
                                                       cli: Callable[..., Run]) -> None:
    write_tests(pack_dir, """\
format: crossroads.packtest/1
tests:
  - id: wrong-values
    scenario: {factors: {x: 2, pressure: extreme}}
    set: {csto: "yes"}
    expect: {leader: a}
""")
    result = cli("rules", "validate", pack_dir)
    assert result.code == 2
    assert "tests.yaml:4:29: error: x = 2 is out of range between 0 and 1" in result.out
    assert "tests.yaml:4:42: error: 'extreme' is not a level of pressure" in result.out
    assert "tests.yaml:5:17: error: csto must be true or false, got 'yes'" in result.out


def test_tests_key_and_named_files(pack_dir: Path) -> None:
    write_tests(pack_dir, PASSING, "more.tests.yaml")
    assert [t.id for t in load_pack_tests(load_pack(pack_dir))] == [
        "pressure-favours-a", "membership-fires-r2"]
    text = (pack_dir / "pack.yaml").read_text()
    (pack_dir / "pack.yaml").write_text(text.replace("title: Tiny\n",
                                                     "title: Tiny\ntests: [none.yaml]\n"))
    # an explicit `tests:` list wins over the conventional names
    with pytest.raises(InputError) as caught:
        load_pack_tests(load_pack(pack_dir))
    [problem] = caught.value.problems
    assert (problem.location.line, problem.location.column) == (5, 9)
    assert problem.message == "test file 'none.yaml' does not exist"


def test_coverage_lists_rules_never_fired_and_gates(pack_dir: Path,
                                                    cli: Callable[..., Run]) -> None:
    write_tests(pack_dir, PASSING.split("  - id: membership-fires-r2")[0])
    run = run_pack_tests(load_pack(pack_dir), with_coverage=True)
    assert run.coverage is not None
    assert run.coverage.fired == 3 and run.coverage.total == 4
    assert run.coverage.percent == 75.0
    assert [n[1] for n in run.coverage.never_fired] == ["r2"]
    result = cli("rules", "test", pack_dir, "--coverage")
    assert result.code == 0
    assert "tiny: coverage 75.0% (3/4): rules 1/2, risk rules 2/2" in result.out
    assert "pack.yaml:23:5: never fired: rule 'r2'" in result.out
    gated = cli("rules", "test", pack_dir, "--fail-under", "80")
    assert gated.code == 1
    assert "coverage 75.0% is below --fail-under 80%" in gated.err
    assert cli("rules", "test", pack_dir, "--fail-under", "75").code == 0


def test_no_test_files(pack_dir: Path, cli: Callable[..., Run]) -> None:
    result = cli("rules", "test", pack_dir)
    assert result.code == 0
    assert "no test files" in result.out


@pytest.mark.slow
@pytest.mark.parametrize("pack", sorted(shipped_packs()))
def test_shipped_packs_pass_their_tests_with_90_percent_coverage(pack: str) -> None:
    run = run_pack_tests(load_pack(shipped_packs()[pack]), with_coverage=True)
    assert run.outcomes, f"{pack} ships no tests"
    failures = [f.message for o in run.outcomes for f in o.failures]
    assert failures == []
    assert run.coverage is not None
    assert run.coverage.percent >= 90.0, run.coverage.never_fired
    # the tests alone, without the shipped scenarios, also cover most of the pack
    tests_only = {r for o in run.outcomes for r in o.fired_rules | o.fired_risk_rules}
    pack_obj = run.pack
    assert len(tests_only) >= 0.9 * (len(pack_obj.rules) + len(pack_obj.risk_rules))


@pytest.mark.slow
def test_cli_over_all_shipped_packs(cli: Callable[..., Run]) -> None:
    result = cli("rules", "test", "--fail-under", "90")
    assert result.code == 0, result.out + result.err
    assert (ROOT / "rules").is_dir()
