"""`crossroads rules validate` / `scenarios validate`: every defect at its exact position.

``tests/data/invalid-packs/<defect>/`` holds one broken pack per defect and the exact
report it must produce (``expected.txt``: ``pack.yaml:line:col: error: message`` plus the
hint).  Set ``CROSSROADS_REGEN=1`` to rewrite the expected files after a deliberate change
(then read the diff).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import DATA, ROOT, TINY_PACK, Run
from crossroads.authoring.check import check_pack, check_scenario
from crossroads.io.resources import shipped_packs, shipped_scenarios

INVALID = sorted(p for p in (DATA / "invalid-packs").iterdir() if p.is_dir())


def rendered(problems: list) -> str:  # type: ignore[type-arg]
    return "".join(p.render() + "\n" for p in problems)


@pytest.mark.parametrize("pack_dir", INVALID, ids=[p.name for p in INVALID])
def test_each_invalid_pack_reports_its_defect_exactly(pack_dir: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(pack_dir)
    report = check_pack(".")
    assert report.errors >= 1
    assert report.pack is None
    expected = pack_dir / "expected.txt"
    if os.environ.get("CROSSROADS_REGEN"):
        expected.write_text(rendered(report.problems), encoding="utf-8")
    assert rendered(report.problems) == expected.read_text(encoding="utf-8")


def test_the_invalid_pack_folder_covers_the_dangerous_cases() -> None:
    names = {p.name for p in INVALID}
    assert {"malformed-yaml", "unknown-factor", "wrong-type", "unknown-level",
            "duplicate-rule-id", "object-tag", "dunder-import", "attribute-access",
            "huge-power"} <= names
    assert len(names) >= 20


def test_five_defects_are_all_reported_in_one_run(cli: Callable[..., Run],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA / "invalid-packs" / "five-defects")
    result = cli("rules", "validate", ".")
    assert result.code == 2
    errors = [line for line in result.out.splitlines() if ": error: " in line]
    assert [e.split(": error: ")[0] for e in errors] == [
        "pack.yaml:16:11", "pack.yaml:18:77", "pack.yaml:21:9", "pack.yaml:32:23",
        "pack.yaml:35:13"]
    assert "5 errors" in result.err


def test_validate_many_packs_reports_each(cli: Callable[..., Run]) -> None:
    result = cli("rules", "validate", TINY_PACK, DATA / "invalid-packs" / "unknown-level",
                 "no-such-pack")
    assert result.code == 2
    assert "ok: tiny 1.0" in result.out
    assert "unknown label 'meduim' for 'pressure'" in result.out
    assert "no-such-pack: error: no such pack" in result.out


def test_validate_accepts_the_pack_file_itself(cli: Callable[..., Run]) -> None:
    result = cli("rules", "validate", TINY_PACK / "pack.yaml")
    assert result.code == 0, result.out
    assert "ok: tiny" in result.out


@pytest.mark.parametrize("pack", sorted(shipped_packs()))
def test_shipped_packs_validate(cli: Callable[..., Run], pack: str) -> None:
    result = cli("rules", "validate", pack)
    assert result.code == 0, result.out
    assert f"ok: {pack}" in result.out


def test_validate_without_arguments_checks_every_shipped_pack(cli: Callable[..., Run]) -> None:
    result = cli("rules", "validate")
    assert result.code == 0, result.out
    assert result.out.count(": ok: ") == len(shipped_packs())


# -- scenarios ---------------------------------------------------------------------------

SCENARIO = """\
format: crossroads.scenario/1
id: t
title: T
subject: Testland
pack: {pack}
factors:
  x: {x}
  pressure: {pressure}
priorities: {{sov: 2}}
"""


def test_shipped_scenarios_validate(cli: Callable[..., Run]) -> None:
    paths = list(shipped_scenarios().values())
    result = cli("scenarios", "validate", *paths)
    assert result.code == 0, result.out
    assert result.out.count(": ok: scenario") == len(paths)


def test_scenario_values_are_checked_against_the_pack(
        write: Callable[[str, str], Path], cli: Callable[..., Run]) -> None:
    path = write("s.yaml", SCENARIO.format(pack=TINY_PACK, x=1.5, pressure="hihg"))
    result = cli("scenarios", "validate", path)
    assert result.code == 2
    lines = [line for line in result.out.splitlines() if ": error: " in line]
    assert lines == [
        f"{path}:7:6: error: x = 1.5 is out of range between 0 and 1",
        f"{path}:8:13: error: 'hihg' is not a level of pressure",
    ]
    assert "did you mean 'high'?" in result.out


def test_scenario_priorities_name_real_criteria(write: Callable[[str, str], Path]) -> None:
    path = write("s.yaml", SCENARIO.format(pack=TINY_PACK, x=0.5, pressure="low")
                 .replace("{sov: 2}", "{sovereignty: 2}"))
    report = check_scenario(path)
    assert [p.message for p in report.problems] == [
        "unknown criterion 'sovereignty' in priorities"]


def test_scenario_structure_errors_come_first(write: Callable[[str, str], Path],
                                              cli: Callable[..., Run]) -> None:
    path = write("s.yaml", "format: crossroads.scenario/1\nid: Bad Id\ntitle: T\n")
    result = cli("scenarios", "validate", path)
    assert result.code == 2
    assert f"{path}:1:1: error: scenario is missing the required key 'subject'" in result.out
    assert f"{path}:2:5: error: scenario id 'Bad Id' is not a valid id" in result.out


def test_scenario_with_an_unknown_pack(write: Callable[[str, str], Path],
                                       cli: Callable[..., Run]) -> None:
    path = write("s.yaml", SCENARIO.format(pack="no-such-pack", x=0.5, pressure="low"))
    result = cli("scenarios", "validate", path)
    assert result.code == 2
    assert "no-such-pack: error: no such pack" in result.out


def test_scenario_checked_against_another_pack(cli: Callable[..., Run]) -> None:
    scenario = ROOT / "scenarios" / "kazakhstan-2025.yaml"
    result = cli("scenarios", "validate", scenario, "--pack", TINY_PACK)
    assert result.code == 2
    assert "for pack 'tiny'" in result.out


def test_scenarios_of_one_pack_load_it_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import crossroads.io.lookup
    from crossroads.core.model import Pack

    loads: list[Path] = []
    real = crossroads.io.lookup.load_pack

    def counting(path: Path) -> Pack:
        loads.append(Path(path))
        return real(path)

    monkeypatch.setattr(crossroads.io.lookup, "load_pack", counting)
    packs: dict[str, Pack] = {}
    same_pack = [p for p in sorted(shipped_scenarios().values())
                 if "partner-engagement" in p.read_text(encoding="utf-8")][:3]
    assert len(same_pack) == 3
    reports = [check_scenario(path, packs=packs) for path in same_pack]
    assert [r.errors for r in reports] == [0, 0, 0]
    assert {r.pack.id for r in reports if r.pack} == {"partner-engagement"}
    assert len(loads) == 1
