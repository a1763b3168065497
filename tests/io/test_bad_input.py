"""Every kind of bad input exits 2 with file:line:col, what is wrong and a fix; no traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import TINY_PACK, Run

SCENARIO = """\
format: crossroads.scenario/1
id: bad
title: Bad input
subject: Testland
pack: tiny
factors:
  x: 0.5
  pressure: high
"""


def scenario_with(line: str) -> str:
    return SCENARIO + line + "\n"


def check(run: Run, where: str, message: str) -> None:
    assert run.code == 2, run
    assert "Traceback" not in run.err + run.out
    assert where in run.err, run.err
    assert message in run.err, run.err
    assert "hint:" in run.err, run.err


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        pytest.param(SCENARIO + "  csto: [true\n", "s.yaml:10:1", "malformed YAML",
                     id="malformed-yaml"),
        pytest.param(scenario_with("  csot: true"), "s.yaml:9:9", "unknown factor 'csot'",
                     id="unknown-factor"),
        pytest.param(scenario_with("  csto: maybe"), "s.yaml:9:9", "must be true or false",
                     id="wrong-type-boolean"),
        pytest.param(SCENARIO.replace("x: 0.5", "x: lots"), "s.yaml:7:6", "must be a number",
                     id="wrong-type-number"),
        pytest.param(SCENARIO.replace("pressure: high", "pressure: hihg"), "s.yaml:8:13",
                     "'hihg' is not a level of pressure", id="unknown-level"),
        pytest.param(SCENARIO.replace("x: 0.5", "x: 1.7"), "s.yaml:7:6", "out of range",
                     id="out-of-range"),
        pytest.param(SCENARIO.replace("x: 0.5", "x: {value: 0.9, range: [0.1, 0.5]}"),
                     "s.yaml:7:14", "lies outside its range", id="value-outside-range"),
        pytest.param(SCENARIO.replace("x: 0.5", "x: {value: 0.3, range: [0.5, 0.1]}"),
                     "s.yaml:7:14", "x: the range [0.5, 0.1] is reversed",
                     id="reversed-range"),
        pytest.param(SCENARIO + "notes: !!python/object/apply:os.system ['true']\n",
                     "s.yaml:9:8", "tag 'tag:yaml.org,2002:python/object/apply:os.system' is "
                     "not allowed", id="python-object-tag"),
        pytest.param(SCENARIO + "title: again\n", "s.yaml:9:1", "duplicate key 'title'",
                     id="duplicate-key"),
        pytest.param(SCENARIO.replace("format: crossroads.scenario/1", "format: crossroads"
                     ".scenario/9"), "s.yaml:1:9", "is not supported", id="future-format"),
        pytest.param(SCENARIO + "priorities: {sov: -1}\n", "s.yaml:9:19", "outside [0, inf]",
                     id="negative-weight"),
        pytest.param(SCENARIO + "priorities: {sov: 0, econ: 0}\n", "s.yaml:1:1",
                     "all criterion weights are zero", id="all-zero-weights"),
        pytest.param(SCENARIO + "colour: blue\n", "s.yaml:9:1", "unknown key 'colour'",
                     id="unknown-key"),
        pytest.param(SCENARIO + "notes: &a [*a]\n", "s.yaml:9:8",
                     "a YAML alias refers to the value that contains it", id="recursive-alias"),
        pytest.param(SCENARIO + "notes: " + "[" * 500 + "]" * 500 + "\n", "s.yaml:9:",
                     "nested more than 100 levels deep", id="deep-nesting"),
        pytest.param(SCENARIO + "".join(
            f"n{i}: &n{i} [{', '.join([f'*n{i - 1}' if i else 'x'] * 9)}]\n" for i in range(7)),
            "s.yaml:", "more than 250,000 values", id="alias-expansion"),
    ],
)
def test_bad_scenario(cli: Callable[..., Run], write: Callable[[str, str], Path], text: str,
                      where: str, message: str) -> None:
    path = write("s.yaml", text)
    check(cli("score", path, "--pack", TINY_PACK), where, message)


def test_a_missing_id_is_reported_once(cli: Callable[..., Run],
                                       write: Callable[[str, str], Path]) -> None:
    run = cli("score", write("s.yaml", SCENARIO.replace("id: bad\n", "")), "--pack", TINY_PACK)
    check(run, "s.yaml:1:1", "scenario is missing the required key 'id'")
    assert run.err.count("error:") == 1, run.err


def test_all_problems_reported_at_once(cli: Callable[..., Run],
                                       write: Callable[[str, str], Path]) -> None:
    text = SCENARIO.replace("x: 0.5", "x: 7").replace("pressure: high", "pressure: hgh")
    run = cli("score", write("s.yaml", text + "  csot: true\n"), "--pack", TINY_PACK)
    assert run.code == 2
    assert "3 errors" in run.err
    for where in ("s.yaml:7:6", "s.yaml:8:13", "s.yaml:9:9"):
        assert where in run.err


def _pack_with(tmp: Path, old: str, new: str) -> Path:
    text = (TINY_PACK / "pack.yaml").read_text(encoding="utf-8")
    assert old in text
    (tmp / "pack").mkdir()
    (tmp / "pack" / "pack.yaml").write_text(text.replace(old, new), encoding="utf-8")
    return tmp / "pack"


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        pytest.param('points: "min(4, 10 * x)"', "points: \"__import__('os').system('ls')\"",
                     "pack.yaml:20:46", "calls are limited", id="dunder-import"),
        pytest.param('points: "min(4, 10 * x)"', 'points: "x.__class__"',
                     "pack.yaml:20:46", "attribute access", id="attribute-access"),
        pytest.param('likelihood: "0.2 * x"', 'likelihood: "x ** 999999"',
                     "pack.yaml:30:65", "powers must have a constant exponent", id="huge-power"),
        pytest.param('when: x > 0.3 and pressure >= "medium"',
                     'when: x > 0.3 and presure >= "medium"', "pack.yaml:18:23",
                     "unknown factor 'presure'", id="unknown-factor-in-rule"),
        pytest.param('pressure >= "medium"', 'pressure >= "mediun"', "pack.yaml:18:35",
                     "unknown label 'mediun'", id="unknown-level-in-rule"),
        pytest.param("- id: r2", "- id: r1", "pack.yaml:23:9", "duplicate rule id 'r1'",
                     id="duplicate-rule-id"),
        pytest.param("{id: b, title: B", "{id: a, title: B", "pack.yaml:15:10",
                     "duplicate option id 'a'", id="duplicate-option-id"),
        pytest.param("impact: 3}", "impact: 9}", "pack.yaml:29:97", "impact must be a whole",
                     id="impact-out-of-range"),
        pytest.param("default: 0.5}", "default: 2}", "pack.yaml:6:62", "out of range",
                     id="default-out-of-range"),
        pytest.param("criterion: econ", "criterion: ecnon", "pack.yaml:21:38",
                     "unknown criterion 'ecnon'", id="unknown-criterion"),
    ],
)
def test_bad_pack(cli: Callable[..., Run], write: Callable[[str, str], Path], tmp_path: Path,
                  old: str, new: str, where: str, message: str) -> None:
    pack = _pack_with(tmp_path, old, new)
    scenario = write("s.yaml", SCENARIO)
    check(cli("score", scenario, "--pack", pack), where, message)


def test_missing_file(cli: Callable[..., Run], tmp_path: Path) -> None:
    run = cli("score", tmp_path / "nope.yaml")
    check(run, "nope.yaml", "no such file")


def test_directory_instead_of_file(cli: Callable[..., Run], tmp_path: Path) -> None:
    (tmp_path / "dir.yaml").mkdir()
    check(cli("score", tmp_path / "dir.yaml"), "dir.yaml", "is a directory")


def test_non_utf8_bytes(cli: Callable[..., Run], tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(SCENARIO.replace("Testland", "Tashk\xe9nt").encode("latin-1"))
    check(cli("score", path, "--pack", TINY_PACK), "latin1.yaml:4:15", "not valid UTF-8")


def test_unknown_pack(cli: Callable[..., Run], write: Callable[[str, str], Path]) -> None:
    check(cli("score", write("s.yaml", SCENARIO), "--pack", "partner-engagment"),
          "partner-engagment", "no such pack")


def test_bad_override(cli: Callable[..., Run], write: Callable[[str, str], Path]) -> None:
    scenario = write("s.yaml", SCENARIO)
    check(cli("score", scenario, "--pack", TINY_PACK, "--set", "x=lots"), "--set x=lots",
          "'lots' is not a number (0 to 1)")
    check(cli("score", scenario, "--pack", TINY_PACK, "--set", "pressur=high"), "--set",
          "did you mean 'pressure'")
    check(cli("score", scenario, "--pack", TINY_PACK, "--weights", "sov"), "--weights",
          "expected NAME=VALUE")
    for value in ("nan", "inf", "-1"):
        check(cli("score", scenario, "--pack", TINY_PACK, "--weights", f"sov={value}"),
              "--weights: error", f"weight of 'sov' must be a number, zero or more, got "
              f"'{value}'")


def test_runtime_failure_names_rule_file_and_scenario(
        cli: Callable[..., Run], write: Callable[[str, str], Path], tmp_path: Path) -> None:
    pack = _pack_with(tmp_path, 'points: "min(4, 10 * x)"', 'points: "1 / x"')
    text = (pack / "pack.yaml").read_text(encoding="utf-8")
    (pack / "pack.yaml").write_text(text.replace("when: x > 0.3 and", "when: x >= 0 and"),
                                    encoding="utf-8")
    scenario = write("s.yaml", SCENARIO)
    assert cli("score", scenario, "--pack", pack).code == 0
    run = cli("score", scenario, "--pack", pack, "--set", "x=0")
    check(run, "pack.yaml:20:45", "rule 'r1': points `1 / x` failed for scenario 'bad'")
    assert "ZeroDivisionError" in run.err
