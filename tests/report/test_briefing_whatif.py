"""What-if runs say so in every format and in the terminal; Word export; bars without colour."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import docx
import pypdf
import pytest
from docx.oxml.ns import qn

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


#: The README's what-if: the file holds 95%, the what-if 60%.
README = ("kazakhstan-2025", "--set", "oil_exports_via_russia=0.6")
BANNER = "WHAT-IF, not the scenario file: --set oil_exports_via_russia=0.6"


def test_what_if_pdf_has_the_banner_on_every_page_and_compares_with_the_file(
        cli: Callable[..., Run], tmp_path: Path) -> None:
    target = tmp_path / "what-if.pdf"
    run = cli("brief", *README, "--draws", "2000", "-o", target)
    assert run.code == 0, run.err
    reader = pypdf.PdfReader(io.BytesIO(target.read_bytes()))
    assert len(reader.pages) == 3
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert "\u200b" not in text
        # Copyable as typed: the command in the banner pastes back into a shell.
        assert BANNER in text, f"page {number} has no what-if banner"
    page_one = _flat(reader.pages[0].extract_text())
    assert _flat("How should a partner government engage Kazakhstan in 2025? (what-if)") \
        in page_one
    # The comparison with the file: what changed, and what it does to the leader.
    for row in ("Oil exports transiting Russia 95% 60% --set oil_exports_via_russia=0.6",
                "Leader at the stated values", "Leader's score",
                "Leader's lead over the next option"):
        assert _flat(row) in page_one, row
    # A confidence moved by the override alone is explained in a line; one that did not
    # move is not.
    row = re.search(r"Confidence(high|moderate|low)(high|moderate|low)", page_one)
    assert row is not None
    explained = _flat(f"Confidence is {row.group(2)} here but {row.group(1)} at the file's "
                      "values") in page_one
    assert explained == (row.group(1) != row.group(2))
    if explained and row.group(1) == "moderate" and "sourcedfacts" in page_one:
        assert _flat("Oil exports transiting Russia, set for this run without a cited source") \
            in page_one


def test_what_if_markdown_html_and_terminal_list_every_override(
        cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    md = cli("brief", *WHAT_IF, "--draws", "500")
    assert md.code == 0, md.err
    plain = md.out.replace("\\", "")
    assert "(what-if)" in plain.split("\n# ")[1].splitlines()[0]
    # The banner opens each of the three parts (where a printed page would begin).
    assert plain.count("> **WHAT-IF, not the scenario file: " + "; ".join(FLAGS)) == 3
    for row in ("| Oil exports transiting Russia | 95% | 95% | --set oil_exports_via_russia=0.95 |",
                "| Russian pressure | high | severe | --set russian_pressure=severe |",
                "| Priority of Economic ties |"):
        assert row in plain, row
    html = tmp_path / "what-if.html"
    assert cli("brief", *WHAT_IF, "--draws", "500", "-o", html).code == 0
    page = html.read_text(encoding="utf-8")
    assert page.count('class="banner"') == 3 and "@top-left" in page
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
    assert "(what-if)" in run.out
    assert "| Russian pressure | high | high | \\--set russian\\_pressure=high |" in run.out


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
    # The Word file carries the same bottom line as the Markdown of the same run, as a
    # heading (in Word's navigation pane).
    markdown = cli("brief", *WHAT_IF, "--draws", "1000", "--no-log").out
    verdict = next(line for line in markdown.splitlines() if line.startswith("**Recommend")
                   or line.startswith("**Close call"))
    assert f"Bottom line: {verdict.split('**')[1]}" in headings
    assert "Oil exports transiting Russia" in cells and "--set russian_pressure=severe" in cells
    assert len(document.inline_shapes) == 2  # how often first, what drives the answer
    for shape in document.inline_shapes:  # alt text for every picture
        assert shape._inline.docPr.get("descr"), "a chart without alt text"
    for table in document.tables:  # the head row repeats on every page
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert len(document.tables) >= 5
    assert "\u200b" not in body + cells
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert section.header.paragraphs[1].text.startswith("WHAT-IF, not the scenario file: ")
    assert section.footer.paragraphs[0].text == "OFFICIAL-SENSITIVE"


def test_a_confidence_lowered_by_the_overrides_alone_is_explained_in_one_line() -> None:
    """Setting cited facts to new values without a citation lowers the confidence because
    they no longer count as sourced: the briefing says so in one line."""
    from crossroads.core.engine import score
    from crossroads.core.model import SourceKind
    from crossroads.io.overrides import with_command_line
    from crossroads.report.briefing.build import build_briefing
    from crossroads.services.inputs import load_inputs

    inputs = load_inputs("kazakhstan-2025")
    cited = [f for f, v in inputs.scenario.factors.items() if v.source_kind == SourceKind.CITED]
    assert len(cited) >= 4
    def other(factor: str) -> str:
        value = inputs.scenario.factors[factor].value
        if isinstance(value, bool):
            return str(not value).lower()
        if isinstance(value, float):
            return f"{value * 0.9:.3f}"
        return next(x for x in inputs.pack.factors[factor].labels if x != value)
    sets = [f"{f}={other(f)}" for f in cited]
    what_if = with_command_line(inputs.pack, inputs.scenario, sets, [], None)
    result, baseline = score(inputs.pack, what_if), score(inputs.pack, inputs.scenario)
    brief = build_briefing(result, baseline=baseline)
    assert brief.what_if is not None
    before, after = brief.what_if.outcome.rows[-1][1:]  # type: ignore[union-attr]
    line = brief.bottom_line.confidence_change
    assert before != after
    if line:
        assert line.startswith(f"Confidence is {after} here but {before} at the file's values")
        assert "set for this run without a cited source, no longer counts as sourced" in line
    assert line
