"""Declared directions in pack tests (`monotone:`): a sweep that passes, one that fails and
names the value where the score first moves the wrong way, and bad declarations."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, TINY_PACK, Run
from crossroads.authoring.monotone import sweep_values
from crossroads.authoring.packtest import load_pack_tests
from crossroads.core.errors import InputError
from crossroads.io.loader import load_pack

# In the tiny pack, option a gains min(4, 10x) sovereignty points once x > 0.3 under medium
# pressure or more, while its backlash risk 0.2x * 2 grows with x everywhere: below 0.3 the
# score can only fall as x grows.
HEADER = """\
format: crossroads.packtest/1
pack: tiny
tests:
"""


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    target = tmp_path / "tiny"
    shutil.copytree(TINY_PACK, target)
    return target


def write(pack_dir: Path, body: str) -> None:
    (pack_dir / "tests.yaml").write_text(HEADER + body, encoding="utf-8")


def test_declared_directions_that_hold_pass(pack_dir: Path, cli: Callable[..., Run]) -> None:
    write(pack_dir, """\
  - id: directions
    scenario: {factors: {x: 0.5, pressure: medium}}
    expect:
      monotone:
        - {option: a, factor: x, direction: increasing, range: [0.31, 0.4]}
        - {option: b, factor: pressure, direction: increasing}
        - {option: b, factor: csto, direction: increasing}
""")
    result = cli("rules", "test", pack_dir, "-v")
    assert result.code == 0, result.out
    assert "tiny: 1 test, 1 passed, 0 failed" in result.out


def test_a_wrong_direction_reports_the_first_violating_value(
        pack_dir: Path, cli: Callable[..., Run]) -> None:
    write(pack_dir, """\
  - id: directions
    scenario: {factors: {x: 0.5, pressure: medium}}
    expect:
      monotone:
        - {option: a, factor: x, direction: increasing}
""")
    result = cli("rules", "test", pack_dir)
    assert result.code == 1
    # The grid starts at 0 in steps of 0.005; the risk grows from the first step on.
    out = result.out
    assert "'a' is declared increasing in x, but its score falls from 0.0000 at x=0 to -" in out
    assert "at x=0.005 (scenario 'test:directions')" in out
    assert "risk back: expected 0.0000 -> 0.00" in out
    assert "tests.yaml:8:11:" in result.out  # the monotone entry's own position


def test_a_decreasing_declaration_reports_where_the_score_jumps_up(
        pack_dir: Path, cli: Callable[..., Run]) -> None:
    write(pack_dir, """\
  - id: directions
    scenario: {factors: {pressure: medium}}
    expect:
      monotone:
        - {option: b, factor: x, direction: decreasing}
""")
    result = cli("rules", "test", pack_dir)
    assert result.code == 1
    assert "its score rises from" in result.out
    assert "at x=0.3 to" in result.out and "at x=0.305" in result.out
    assert "rule r1 on econ:" in result.out


def test_shipped_scenarios_are_swept(cli: Callable[..., Run], tmp_path: Path) -> None:
    """`scenarios: shipped` sweeps every shipped scenario of the pack (here: its first)."""
    pack = tmp_path / "pe"
    shutil.copytree(ROOT / "rules" / "partner-engagement", pack)
    shutil.copy(ROOT / "rules" / "central-asia-factors.yaml", tmp_path)
    (pack / "tests.yaml").write_text("""\
format: crossroads.packtest/1
pack: partner-engagement
tests:
  - id: sanctions-never-gain-from-migrant-exposure
    expect:
      monotone:
        - {option: targeted-sanctions, factor: remittances_share_russia,
           direction: increasing, scenarios: shipped}
""", encoding="utf-8")
    result = cli("rules", "test", pack)
    assert result.code == 1
    assert "'targeted-sanctions' is declared increasing in remittances_share_russia" in \
        result.out
    assert "(scenario 'kazakhstan-2025" in result.out or "(scenario '" in result.out


@pytest.mark.parametrize(("entry", "message"), [
    ("{option: a, factor: status, direction: increasing}", "status is a choice"),
    ("{option: a, factor: x, direction: upwards}", "direction must be increasing or decreasing"),
    ("{option: a, factor: pressure, direction: increasing, range: [0, 1]}",
     "range applies to number factors"),
    ("{option: a, factor: x, direction: increasing, range: [0, 2]}", "upper bound"),
    ("{option: zz, factor: x, direction: increasing}", "unknown option 'zz'"),
    ("{option: a, factor: x, direction: increasing, scenarios: [nowhere]}",
     "no such scenario 'nowhere'"),
])
def test_bad_declarations_are_located_input_errors(pack_dir: Path, entry: str,
                                                   message: str) -> None:
    write(pack_dir, f"""\
  - id: bad
    scenario: {{factors: {{x: 0.5}}}}
    expect:
      monotone:
        - {entry}
""")
    with pytest.raises(InputError) as caught:
        load_pack_tests(load_pack(pack_dir))
    rendered = "\n".join(p.render() for p in caught.value.problems)
    assert message in rendered
    assert "tests.yaml:8:" in rendered


def test_sweep_values_cover_every_level_and_a_fine_grid() -> None:
    pack = load_pack(TINY_PACK)
    assert sweep_values(pack.factors["pressure"]) == ["low", "medium", "high"]
    assert sweep_values(pack.factors["csto"]) == [False, True]
    grid = sweep_values(pack.factors["x"])
    assert grid[0] == 0 and grid[-1] == 1 and len(grid) == 201
    assert sweep_values(pack.factors["x"], (0.2, 0.4))[-1] == 0.4
