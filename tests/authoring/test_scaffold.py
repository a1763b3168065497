"""`crossroads rules new`: the scaffolded pack validates, lints clean and tests green."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, Run
from crossroads.authoring.lint import lint_pack
from crossroads.authoring.packtest import run_pack_tests
from crossroads.authoring.schema import HEADER
from crossroads.io.loader import load_pack
from crossroads.io.yamldoc import load_yaml


def test_new_pack_is_green_out_of_the_box(tmp_path: Path, cli: Callable[..., Run]) -> None:
    made = cli("rules", "new", "caucasus-energy", "--dir", tmp_path)
    assert made.code == 0, made.err
    pack_dir = tmp_path / "caucasus-energy"
    assert sorted(p.name for p in pack_dir.iterdir()) == ["pack.yaml", "tests.yaml"]
    assert "next: edit" in made.out

    assert cli("rules", "validate", pack_dir).code == 0
    lint = cli("rules", "lint", "--strict", pack_dir)
    assert lint.code == 0, lint.out
    assert "0 warnings" in lint.out
    tested = cli("rules", "test", pack_dir, "--fail-under", "100")
    assert tested.code == 0, tested.out
    assert "2 tests, 2 passed, 0 failed" in tested.out

    pack = load_pack(pack_dir)
    assert pack.id == "caucasus-energy"
    assert (len(pack.factors), len(pack.criteria), len(pack.options), len(pack.rules),
            len(pack.risks), len(pack.risk_rules)) == (1, 1, 1, 1, 1, 1)
    assert lint_pack(pack) == []
    run = run_pack_tests(pack, with_coverage=True)
    assert run.failed == 0 and run.coverage is not None and run.coverage.percent == 100.0


def test_new_pack_names_the_shipped_schemas(tmp_path: Path) -> None:
    from crossroads.authoring.scaffold import new_pack

    pack_file, tests_file = new_pack("demo", tmp_path)
    for path, schema in ((pack_file, "pack.schema.json"), (tests_file, "packtest.schema.json")):
        first = path.read_text().splitlines()[0]
        assert first.startswith(HEADER)
        target = (path.parent / first[len(HEADER):]).resolve()
        assert target == (ROOT / "rules" / "schema" / schema).resolve()
        validator = jsonschema.Draft202012Validator(json.loads(target.read_text()))
        assert list(validator.iter_errors(load_yaml(path).data)) == []


def test_new_refuses_bad_names_and_existing_packs(tmp_path: Path,
                                                  cli: Callable[..., Run]) -> None:
    bad = cli("rules", "new", "My Pack", "--dir", tmp_path)
    assert bad.code == 2
    assert "'My Pack' is not a valid pack id" in bad.err
    assert cli("rules", "new", "demo", "--dir", tmp_path).code == 0
    (tmp_path / "demo" / "pack.yaml").write_text("# my edits\n")
    again = cli("rules", "new", "demo", "--dir", tmp_path)
    assert again.code == 2
    assert "already exists and is not empty" in again.err
    assert (tmp_path / "demo" / "pack.yaml").read_text() == "# my edits\n"
    assert cli("rules", "new", "demo", "--dir", tmp_path, "--force").code == 0
    assert "format: crossroads.pack/1" in (tmp_path / "demo" / "pack.yaml").read_text()
    missing = cli("rules", "new", "demo", "--dir", tmp_path / "nowhere")
    assert missing.code == 2
    assert "no such directory" in missing.err


def test_a_pack_directory_that_cannot_be_created_is_a_clear_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from crossroads.authoring.scaffold import new_pack
    from crossroads.core.errors import InputError

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(InputError, match="cannot create it: Permission denied"):
        new_pack("locked", tmp_path)
