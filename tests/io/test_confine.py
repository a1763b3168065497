"""The one rule for paths named inside files (issue 25, item 2)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, Run
from crossroads.io.confine import YAML_SUFFIXES, Outside, confined, named_pack


def test_a_named_path_stays_in_the_folder_that_holds_the_packs(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    (packs / "mine").mkdir(parents=True)
    (packs / "shared.yaml").write_text("x: 1\n", encoding="utf-8")
    base = packs / "mine"
    assert confined("../shared.yaml", base=base, root=packs, suffixes=YAML_SUFFIXES,
                    what="include") == (packs / "shared.yaml").resolve()
    for name in ("../../secret.yaml", "/etc/passwd.yaml", "../shared.txt"):
        with pytest.raises(Outside):
            confined(name, base=base, root=packs, suffixes=YAML_SUFFIXES, what="include")


def test_a_link_out_of_the_packs_folder_is_outside(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    (tmp_path / "secret.yaml").write_text("k: v\n", encoding="utf-8")
    (packs / "leak.yaml").symlink_to(tmp_path / "secret.yaml")
    with pytest.raises(Outside):
        confined("leak.yaml", base=packs, root=packs, suffixes=YAML_SUFFIXES, what="include")


def test_shipped_scenarios_may_be_named_from_anywhere(tmp_path: Path) -> None:
    shipped = ROOT / "scenarios" / "kazakhstan-2025.yaml"
    assert confined(str(shipped), base=tmp_path, root=tmp_path, suffixes=YAML_SUFFIXES,
                    what="scenario") == shipped.resolve()


def test_a_pack_named_in_a_scenario_must_be_a_pack(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("TOPSECRET\n", encoding="utf-8")
    assert named_pack(tmp_path / "secret.txt") is None
    assert named_pack(tmp_path) is None
    assert named_pack(ROOT / "rules" / "partner-engagement") is not None


@pytest.mark.parametrize("content", ["TOPSECRET-pw123\n", "password: TOPSECRET-pw123\n",
                                     "- TOPSECRET-pw123\n", "format: TOPSECRET-pw123\n"])
def test_not_the_expected_kind_never_echoes(content: str, tmp_path: Path,
                                           cli: Callable[..., Run]) -> None:
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(content, encoding="utf-8")
    for argv in (["scenarios", "validate", str(wrong)], ["rules", "validate", str(wrong)]):
        run = cli(*argv)
        assert run.code == 2
        assert "TOPSECRET" not in run.out + run.err
