"""JSON Schemas: committed files equal the generated ones and accept every shipped file."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import ROOT, Run
from crossroads.authoring.schema import (
    FILES,
    HEADER,
    SCHEMA_DIR,
    all_schemas,
    render,
    schema_file_for,
)
from crossroads.io.yamldoc import load_yaml

SCHEMAS = ROOT / "rules" / SCHEMA_DIR
SHIPPED = sorted([*(ROOT / "rules").rglob("*.yaml"), *(ROOT / "scenarios").glob("*.yaml")])


def plain(value: Any) -> Any:
    """YAML data as an editor's JSON view sees it (dates are strings)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("name", sorted(FILES.values()))
def test_committed_schema_equals_generated(name: str) -> None:
    committed = (SCHEMAS / name).read_text(encoding="utf-8")
    assert committed == render(all_schemas()[name]), \
        "run `crossroads rules schema -o rules/schema --force`"
    jsonschema.Draft202012Validator.check_schema(json.loads(committed))


def test_there_are_shipped_files_to_check() -> None:
    kinds = {schema_file_for(load_yaml(p).data.get("format")) for p in SHIPPED}
    assert {FILES["pack"], FILES["scenario"], FILES["packtest"]} <= kinds


@pytest.mark.parametrize("path", SHIPPED, ids=[str(p.relative_to(ROOT)) for p in SHIPPED])
def test_shipped_file_validates_and_names_its_schema(path: Path) -> None:
    data = load_yaml(path).data
    name = schema_file_for(data.get("format"))
    assert name, f"{path} has no known format"
    errors = sorted(validator(name).iter_errors(plain(data)), key=str)
    assert [f"{list(e.absolute_path)}: {e.message}" for e in errors] == []
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(HEADER), f"{path} does not start with the schema comment"
    target = (path.parent / first[len(HEADER):]).resolve()
    assert target == (SCHEMAS / name).resolve()


@pytest.mark.parametrize(("name", "doc", "complaint"), [
    ("pack.schema.json", {"format": "crossroads.pack/1", "id": "p", "version": "1",
                          "title": "t", "rules": [{"id": "r", "effects": [], "becuase": "x"}]},
     "Additional properties are not allowed ('becuase' was unexpected)"),
    ("pack.schema.json", {"format": "crossroads.pack/1", "id": "p", "version": "1",
                          "title": "t", "factors": [{"id": "f", "type": "level",
                                                     "label": "F", "default": "a"}]},
     "'levels' is a required property"),
    ("pack.schema.json", {"format": "crossroads.pack/1", "rules": [], "title": "only"},
     "is not valid under any of the given schemas"),
    ("pack.schema.json", {"format": "crossroads.pack/1", "id": "p", "version": "1",
                          "title": "t", "risk_rules": [{"id": "r", "risk": "k",
                                                        "applies_to": [], "likelihood": 2,
                                                        "impact": 3}]},
     "is not valid under any of the given schemas"),
    ("scenario.schema.json", {"format": "crossroads.scenario/1", "id": "s", "title": "t",
                              "subject": "x", "as_of": "2025-13-45"},
     "is not a 'date'"),
    ("packtest.schema.json", {"format": "crossroads.packtest/1",
                              "tests": [{"id": "t", "expect": {"winner": "a"}}]},
     "Additional properties are not allowed ('winner' was unexpected)"),
])
def test_schemas_reject_what_the_loader_rejects(name: str, doc: dict[str, Any],
                                                complaint: str) -> None:
    messages = [e.message for e in validator(name).iter_errors(doc)]
    messages += [c.message for e in validator(name).iter_errors(doc) for c in e.context or []]
    assert any(complaint in m for m in messages), messages


def test_schema_command_writes_and_refuses_to_overwrite(tmp_path: Path,
                                                        cli: Callable[..., Run]) -> None:
    out = tmp_path / "schemas"
    result = cli("rules", "schema", "-o", out)
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES.values())
    assert (out / "pack.schema.json").read_text() == (SCHEMAS / "pack.schema.json").read_text()
    again = cli("rules", "schema", "-o", out)
    assert again.code == 2
    assert "already exists" in again.err and "--force" in again.err
    assert cli("rules", "schema", "-o", out, "--force").code == 0


def test_a_schema_directory_that_cannot_be_created_is_a_clear_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from crossroads.authoring.schema import write_schemas
    from crossroads.core.errors import InputError

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(InputError, match="cannot create it: Permission denied"):
        write_schemas(tmp_path / "new" / "schemas")
