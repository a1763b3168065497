"""The parsed-YAML cache: same documents as parsing, and never trusted past the checks."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT
from crossroads.core.errors import InputError
from crossroads.io.doccache import cache_dir, load_doc
from crossroads.io.loader import load_pack
from crossroads.io.scenario_file import load_scenario
from crossroads.io.yamldoc import load_yaml


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests corrupt and tamper with cache entries: never the session's shared cache,
    which later tests read (and in whatever order the tests run)."""
    monkeypatch.setenv("CROSSROADS_CACHE_DIR", str(tmp_path / "cache"))


def test_a_cached_document_equals_a_fresh_parse() -> None:
    path = ROOT / "scenarios" / "kazakhstan-2025.yaml"
    first, second = load_doc(path), load_doc(path)  # the second comes from the cache
    fresh = load_yaml(path)
    assert list((cache_dir() or Path()).glob("doc-*.json"))
    for doc in (first, second):
        assert (doc.data, doc.positions, doc.key_positions, doc.styles) == (
            fresh.data, fresh.positions, fresh.key_positions, fresh.styles)
    assert load_scenario(path) == load_scenario(path)


def test_a_tampered_cache_entry_cannot_smuggle_an_expression_past_the_checks(
        write: Callable[[str, str], Path]) -> None:
    pack_dir = ROOT / "tests" / "data" / "tiny-pack"
    load_pack(pack_dir)
    directory = cache_dir()
    assert directory is not None
    for entry in directory.glob("doc-*.json"):
        stored = json.loads(entry.read_text(encoding="utf-8"))
        text = json.dumps(stored["data"])
        if '"when"' in text:  # a rules file: make every condition call something forbidden
            stored["data"] = json.loads(text.replace('"when": "', '"when": "__import__(1) or '))
            entry.write_text(json.dumps(stored), encoding="utf-8")
    with pytest.raises(InputError):
        load_pack(pack_dir)


def test_a_corrupt_cache_entry_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    path = ROOT / "scenarios" / "kazakhstan-2025.yaml"
    load_doc(path)
    directory = cache_dir()
    assert directory is not None
    for entry in directory.glob("doc-*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert load_doc(path).data == load_yaml(path).data
    monkeypatch.setenv("CROSSROADS_CACHE_DIR", "off")
    assert cache_dir() is None
