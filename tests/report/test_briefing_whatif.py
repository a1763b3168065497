"""What-if runs say so in every format and in the terminal; Word export; bars without colour."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import docx
import pypdf
import pytest

from conftest import Run
from crossroads.report.briefing.textcharts import diverging_bar, score_bar

WHAT_IF = ("kazakhstan-2025", "--set", "oil_exports_via_russia=0.95",
           "--set", "russian_pressure=severe", "-w", "economic-ties=1")
CHANGES = ("Oil exports transiting Russia set to 95% (file: ",
           "Russian pressure set to severe (file: high)",
           "Priority of Economic ties set to 1")
FLAGS = ("--set oil_exports_via_russia=0.95", "--set russian_pressure=severe",
         "--weights economic-ties=1")


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("\u200b", ""))


def test_what_if_pdf_says_so_on_page_one(cli: Callable[..., Run], tmp_path: Path) -> None:
    target = tmp_path / "what-if.pdf"
    run = cli("brief", *WHAT_IF, "--draws", "2000", "-o", target)
    assert run.code == 0, run.err
    reader = pypdf.PdfReader(io.BytesIO(target.read_bytes()))
    page_one = _flat(reader.pages[0].extract_text())
    assert _flat("How should a partner government engage Kazakhstan in 2025? (what-if)") \
        in page_one
    assert _flat("What-if: changed from the scenario file").upper() in page_one.upper()
    for line in (*CHANGES, *FLAGS):
        assert _flat(line) in page_one, line
    assert 3 <= len(reader.pages) <= 4


def test_what_if_markdown_and_terminal_list_every_override(cli: Callable[..., Run],
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    md = cli("brief", *WHAT_IF, "--draws", "500")
    assert md.code == 0, md.err
    assert md.out.splitlines()[0].endswith("(what-if)")
    plain = md.out.replace("\\", "")
    for line in (*CHANGES, *FLAGS):
        assert line in plain, line
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")
    term = cli("score", *WHAT_IF)
    assert term.code == 0, term.err
    assert "(what-if)" in term.out and "WHAT-IF: CHANGED FROM THE SCENARIO FILE" in term.out
    for line in (*CHANGES, *FLAGS):
        assert line in term.out, line


def test_a_value_equal_to_the_files_is_still_listed(cli: Callable[..., Run]) -> None:
    run = cli("brief", "kazakhstan-2025", "--set", "russian_pressure=high", "--no-robustness")
    assert run.code == 0, run.err
    assert "(what-if)" in run.out.splitlines()[0]
    assert "Russian pressure set to high (file: high)" in run.out


def test_terminal_bars_diverge_from_zero_without_colour(cli: Callable[..., Run],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    run = cli("score", "kazakhstan-2025")
    assert run.code == 0, run.err
    assert "\x1b[" not in run.out
    lines = run.out.splitlines()
    header = next(line for line in lines if "Top reason for" in line)
    left = header.index("−")  # the bar column's heading: "−         0         +"
    rows = {}
    for line in lines:
        for name in ("Economic", "Targeted"):
            if re.match(rf"\d+ +{name}", line):
                rows[name] = line[left:left + 21]
    best, worst = rows["Economic"], rows["Targeted"]
    # The best option's bar grows right of the zero line, the worst one's left of it.
    assert best.index("|") == worst.index("|") == 10
    assert best[11] == "█" and best[9] == " "
    assert worst[9] == "█" and worst[11] == " "
    assert "Main drag" in run.out and "Top reason for" in run.out


def test_text_bars_put_negatives_left_of_the_zero_line() -> None:
    assert score_bar(-1.0, 1.0, 5) == "██│  "
    assert score_bar(1.0, 1.0, 5) == "  │██"
    assert score_bar(0.0, 1.0, 5) == "  │  "
    assert diverging_bar(0.0, 0.5, None, 5, low=0.0, high=1.0) == "███─┤"


def test_docx_is_editable_with_banner_tables_and_charts(cli: Callable[..., Run],
                                                        tmp_path: Path) -> None:
    target = tmp_path / "brief.docx"
    run = cli("brief", *WHAT_IF, "--draws", "1000", "-o", target, "--classification",
              "OFFICIAL-SENSITIVE")
    assert run.code == 0, run.err
    document = docx.Document(str(target))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "How should a partner government engage Kazakhstan in 2025? (what-if)" in body
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert {"Key judgements", "Why not the others", "Options compared", "Risks"} <= set(headings)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    # The Word file carries the same bottom line as the Markdown of the same run.
    markdown = cli("brief", *WHAT_IF, "--draws", "1000", "--no-log").out
    verdict = next(line for line in markdown.splitlines() if line.startswith("**Recommend")
                   or line.startswith("**Close call"))
    assert verdict.split("**")[1] in cells
    for line in CHANGES:
        assert line in cells, line
    assert len(document.inline_shapes) == 3  # the three charts
    assert len(document.tables) >= 5
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert section.footer.paragraphs[0].text == "OFFICIAL-SENSITIVE"
