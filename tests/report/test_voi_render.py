"""What to find out before deciding, as the analyst reads it: sensitivity and briefing."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import docx
import pypdf

from conftest import Run


def test_a_clear_decision_says_plainly_that_nothing_is_worth_finding_out(
        cli: Callable[..., Run]) -> None:
    """Kazakhstan's economic partnerships lead in every draw: no input could change it."""
    data = json.loads(cli("sensitivity", "kazakhstan-2025", "-n", "3000", "--format", "json",
                          "--no-log").out)
    voi = data["value_of_information"]
    assert voi["negligible"] and voi["evpi"] < voi["negligible_below"]
    assert not [i for i in voi["inputs"] if not i["negligible"]]
    text = cli("brief", "kazakhstan-2025", "-n", "3000", "--no-log").out
    assert "## What to find out before deciding" in text
    assert "Nothing is worth finding out before deciding" in text


def test_a_close_call_names_what_to_find_out_in_every_sensitivity_format(
        cli: Callable[..., Run]) -> None:
    """Tajikistan is a close call: some inputs are worth finding out, each with a reading."""
    data = json.loads(cli("sensitivity", "tajikistan-2025", "-n", "4000", "--format", "json",
                          "--no-log").out)
    voi = data["value_of_information"]
    worth = [i for i in voi["inputs"] if not i["negligible"]]
    assert not voi["negligible"] and worth
    assert all(0 <= i["evppi"] <= voi["evpi"] and i["indicator"] and i["switch_to"]
               for i in worth)
    assert [i["evppi"] for i in voi["inputs"]] == sorted(
        (i["evppi"] for i in voi["inputs"]), reverse=True)
    markdown = cli("sensitivity", "tajikistan-2025", "-n", "4000", "--format", "markdown",
                   "--no-log").out
    assert "### What to find out before deciding" in markdown
    assert worth[0]["label"] in markdown and "| Where to look |" in markdown
    rows = list(csv.DictReader(io.StringIO(cli(
        "sensitivity", "tajikistan-2025", "-n", "4000", "--format", "csv", "--no-log").out)))
    assert {r["measure"] for r in rows if r["section"] == "evpi"} >= {"evpi", "negligible"}
    assert any(r["section"] == "evppi" and r["id"] == worth[0]["id"] for r in rows)
    brief = cli("brief", "tajikistan-2025", "-n", "4000", "--no-log").out
    section = brief[brief.index("## What to find out before deciding"):]
    assert section.splitlines()[2].startswith("Knowing every uncertain input exactly")
    assert worth[0]["label"] in section


def test_every_briefing_format_carries_the_section(tmp_path: Path) -> None:
    from crossroads.report.briefing import write_briefing
    from crossroads.services.briefing import score_with_robustness
    from crossroads.services.inputs import load_inputs

    loaded = load_inputs("tajikistan-2025", None, (), (), None)
    result, robustness = score_with_robustness(loaded.pack, loaded.scenario, 3000, 1)
    voi = robustness.value_of_information
    assert voi is not None and voi.worth_finding_out
    first = voi.worth_finding_out[0].label
    html = write_briefing(result, tmp_path / "b.html", robustness=robustness).read_text(
        encoding="utf-8")
    assert "What to find out before deciding</h2>" in html and first in html
    document = docx.Document(str(write_briefing(result, tmp_path / "b.docx",
                                                robustness=robustness)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "What to find out before deciding" in headings
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert first in cells
    pdf = pypdf.PdfReader(str(write_briefing(result, tmp_path / "b.pdf",
                                             robustness=robustness)))
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in pdf.pages).replace(
        "\u200b", ""))
    assert "Whattofindoutbeforedeciding" in text
