"""`score` of a what-if says so in markdown, JSON and CSV, not only in the terminal."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from conftest import Run

WHAT_IF = ("kazakhstan-2025", "--set", "russian_pressure=severe", "-w", "economic-ties=1")


def test_markdown_title_says_what_if_and_lists_every_change(cli: Callable[..., Run]) -> None:
    run = cli("score", *WHAT_IF, "-f", "markdown")
    assert run.code == 0, run.err
    lines = run.out.replace("\\", "").splitlines()
    assert lines[0] == "## Kazakhstan, mid-2025 baseline (what-if)"
    bullets = [line for line in lines if line.startswith("- ")]
    assert bullets == [
        "- Russian pressure set to severe (file: high) (--set russian_pressure=severe)",
        "- Priority of Economic ties set to 1 (relative weight) (--weights economic-ties=1)"]


def test_markdown_of_the_files_as_they_are_is_no_what_if(cli: Callable[..., Run]) -> None:
    run = cli("score", "kazakhstan-2025", "-f", "markdown")
    assert run.code == 0, run.err
    assert "(what-if)" not in run.out and "What-if" not in run.out


def test_json_lists_the_overrides_and_stays_version_2(cli: Callable[..., Run]) -> None:
    data = json.loads(cli("score", *WHAT_IF, "-f", "json").out)
    assert data["schema"] == "crossroads.score/2"
    assert data["overrides"] == [
        {"subject": "russian_pressure", "value": "severe",
         "origin": "--set russian_pressure=severe", "note": "file value 'high'"},
        {"subject": "economic-ties", "value": 1.0, "origin": "--weights economic-ties=1",
         "note": "priority"}]
    assert json.loads(cli("score", "kazakhstan-2025", "-f", "json").out)["overrides"] == []


def test_csv_keeps_the_shared_columns_and_carries_no_marker(cli: Callable[..., Run]) -> None:
    # Documented choice: the CSV of a what-if has the baseline's columns (one scenario or
    # many alike); its scores are the what-if's.
    what_if = list(csv.DictReader(io.StringIO(cli("score", *WHAT_IF, "-f", "csv").out)))
    base = list(csv.DictReader(io.StringIO(cli("score", "kazakhstan-2025", "-f", "csv").out)))
    assert list(what_if[0]) == list(base[0])
    assert [r["score"] for r in what_if] != [r["score"] for r in base]
