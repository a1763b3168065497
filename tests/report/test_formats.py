"""The format registry: every command's --format comes from one table, and every entry draws."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import DATA, Run
from crossroads.commands.registry import TOP, Entry, Group, build
from crossroads.report.briefing import BRIEFING_FORMATS, FORMATS, format_for
from crossroads.report.formats import RENDERERS, formats, renderer
from crossroads.wizard.files import briefing_choices

# Which kind of result each command that prints results draws.
COMMAND_KINDS = {
    ("score",): "score", ("explain",): "explain", ("compare",): "compare",
    ("sensitivity",): "sensitivity", ("rules", "list"): "packs",
    ("scenarios", "list"): "scenarios", ("history", "list"): "runs",
    ("history", "show"): "run", ("history", "rerun"): "rerun", ("history", "diff"): "diff",
    ("history", "export"): "export", ("panel",): "panel",
}


@pytest.mark.parametrize(("kind", "fmt"), [(k, f) for k, table in RENDERERS.items()
                                           for f in table])
def test_every_registered_renderer_exists(kind: str, fmt: str) -> None:
    assert callable(renderer(kind, fmt))


def _format_param(path: tuple[str, ...]) -> object:
    command = build(path[0], TOP[path[0]])
    if len(path) == 2:
        command = command.commands[path[1]]
    return next(p for p in command.params if p.name == "output_format"
                or p.name == "export_format")


@pytest.mark.parametrize("path", list(COMMAND_KINDS))
def test_each_command_offers_exactly_its_registered_formats(path: tuple[str, ...]) -> None:
    param = _format_param(path)
    names = formats(COMMAND_KINDS[path])
    assert param.metavar == "|".join(names)  # type: ignore[attr-defined]
    assert param.default == names[0]  # type: ignore[attr-defined]


def test_every_command_with_a_format_option_is_in_the_table() -> None:
    for name, item in TOP.items():
        commands = {(name,): item} if isinstance(item, Entry) else {
            (name, sub): entry for sub, entry in item.commands.items()}
        assert isinstance(item, Entry | Group)
        for path in commands:
            command = build(path[0], TOP[path[0]])
            if len(path) == 2:
                command = command.commands[path[1]]
            if any("--format" in p.opts for p in command.params):
                assert path in COMMAND_KINDS, path


def test_an_unknown_format_is_a_usage_error(cli: Callable[..., Run]) -> None:
    run = cli("rules", "list", "--format", "csv")
    assert run.code == 2
    assert "'csv' is not one of table, json" in run.err


def test_list_commands_print_json(cli: Callable[..., Run]) -> None:
    packs = json.loads(cli("rules", "list", "-f", "json", "--factors").out)
    assert packs["schema"] == "crossroads.packs/1"
    assert "partner-engagement" in [p["id"] for p in packs["packs"]]
    assert "trade_share_russia" in [f["id"] for f in packs["factors"]]
    scenarios = json.loads(cli("scenarios", "list", "-f", "json").out)
    assert scenarios["schema"] == "crossroads.scenarios/1"
    assert "kazakhstan-2025" in [s["id"] for s in scenarios["scenarios"]]


def test_sensitivity_csv_agrees_with_its_json(cli: Callable[..., Run]) -> None:
    args = ("sensitivity", DATA / "robust-scenarios" / "threshold.yaml", "--pack",
            DATA / "robust-pack", "-n", "300", "--no-log")
    data = json.loads(cli(*args, "-f", "json").out)
    rows = list(csv.DictReader(io.StringIO(cli(*args, "-f", "csv").out)))
    leader = data["options"][0]
    first = next(r for r in rows if r["section"] == "option" and r["id"] == leader["id"]
                 and r["measure"] == "share_rank_1")
    assert float(first["value"]) == pytest.approx(leader["rank_acceptability"][0], abs=1e-6)
    drivers = {r["id"] for r in rows if r["section"] == "driver"}
    assert drivers == {d["factor"] for d in data["one_way"]}


def test_briefing_formats_are_one_list(tmp_path: Path) -> None:
    assert [suffix for _, suffix in briefing_choices()] == [
        f.suffixes[0] for f in BRIEFING_FORMATS]
    for f in BRIEFING_FORMATS:
        for suffix in f.suffixes:
            assert FORMATS[suffix] == f.name == format_for(tmp_path / f"b{suffix}")


def test_piped_tables_are_plain_columns(cli: Callable[..., Run]) -> None:
    for args in (("compare", "kazakhstan-2025", "uzbekistan-2025"), ("scenarios", "list"),
                 ("rules", "list")):
        out = cli(*args).out
        assert out.strip() and not set("┃━╇│╭╰┏┡") & set(out), args
