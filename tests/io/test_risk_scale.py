"""A pack may declare what a certain impact-5 risk event costs (`risk_scale:`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import TINY_PACK
from crossroads.core.errors import InputError
from crossroads.core.values import risk_unit
from crossroads.io.loader import load_pack


def _copy_with(tmp_path: Path, line: str) -> Path:
    target = tmp_path / "pack"
    target.mkdir()
    for file in TINY_PACK.iterdir():
        if file.is_file():
            (target / file.name).write_bytes(file.read_bytes())
    main = target / "pack.yaml"
    main.write_text(main.read_text(encoding="utf-8").replace(
        "\nid:", f"\n{line}\nid:", 1), encoding="utf-8")
    return target


def test_a_declared_risk_scale_sets_the_cost_of_a_risk(tmp_path: Path) -> None:
    default = risk_unit(load_pack(TINY_PACK))
    doubled = risk_unit(load_pack(_copy_with(tmp_path, "risk_scale: 0.4")))
    assert doubled == 2 * default


def test_a_risk_scale_outside_zero_to_one_is_refused_at_its_line(
        tmp_path: Path, write: Callable[[str, str], Path]) -> None:
    try:
        load_pack(_copy_with(tmp_path, "risk_scale: 3"))
    except InputError as error:
        assert any("risk_scale" in p.message and p.location.line for p in error.problems)
    else:
        raise AssertionError("risk_scale: 3 was accepted")
