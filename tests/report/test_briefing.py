"""Briefings: the three formats agree, print safely, and the CLI writes them carefully."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import docx
import pypdf
import pytest

from conftest import TINY_PACK, Run
from crossroads import find_pack, find_scenario, load_pack, load_scenario, score
from crossroads.core.confidence import Confidence, ConfidenceInput
from crossroads.core.engine import Result
from crossroads.core.errors import InputError
from crossroads.core.estimative import SCALE
from crossroads.io.resources import shipped_scenarios
from crossroads.report.briefing import render_briefing, write_briefing
from crossroads.report.briefing.build import build_briefing
from crossroads.robustness.recommendation import recommend
from crossroads.robustness.summary import Driver, OptionSpread, Robustness

LONG_WORD = "X" * 500
HOSTILE_TITLE = "Қазақстан <script>alert(1)</script> #1 *bold* a|b $5 @home <x> ]"
ZWSP = "\u200b"
UZBEKISTAN = "O\u02bbzbekiston"  # with the Uzbek turned comma, as printed


def tiny_scenario(write: Callable[[str, str], Path], title: str = "Tiny case",
                  notes: str = "Short note.") -> Path:
    # Title and notes go through YAML double-quoted strings (JSON escapes are valid there).
    import json

    return write("case.yaml", f"""
        format: crossroads.scenario/1
        id: tiny-case
        title: {json.dumps(title, ensure_ascii=False)}
        subject: {UZBEKISTAN}
        as_of: 2025-06-30
        pack: tiny
        factors:
          x: {{value: 0.6, range: [0.4, 0.8], source: "national statistics, 2024"}}
          pressure: high
        priorities: {{sov: 3, econ: 2}}
        notes: {json.dumps(notes, ensure_ascii=False)}
        """)


def tiny_result(path: Path) -> Result:
    return score(load_pack(TINY_PACK), load_scenario(path))


def pdf_text(data: bytes) -> tuple[str, int, pypdf.PdfReader]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return text.replace(ZWSP, ""), len(reader.pages), reader


def flat(text: str) -> str:
    """PDF text with line breaks and break marks removed, for finding wrapped words."""
    return re.sub(r"\s+", "", text)


# -- model -------------------------------------------------------------------------------

def test_title_is_the_decision_question_and_bottom_line_has_no_raw_score(
        write: Callable[[str, str], Path]) -> None:
    result = tiny_result(tiny_scenario(write))
    brief = build_briefing(result)
    # The tiny pack declares no question: a plain one built from the subject and year.
    assert brief.header.title == f"Which course of action for {UZBEKISTAN} in 2025?"
    assert brief.header.scenario == "Tiny case" and not brief.header.what_if
    bl = brief.bottom_line
    # No draws, no recommendation: the bottom line names the base-case leader.
    assert bl.verdict == "base-case leader"
    assert bl.recommendation.startswith(f"Base-case leader: {result.leader.title} ")
    assert "Recommend" not in bl.recommendation
    assert bl.option == result.leader.title
    assert not bl.robustness and "No robustness analysis" in bl.watch
    prose = " ".join([bl.recommendation, bl.reason, bl.confidence_basis, bl.watch,
                      *brief.judgements, *(r.reason for r in brief.rejected)])
    for o in result.options:
        assert f"{o.score:.2f}" not in prose.replace("−", "-")
    assert bl.confidence in ("high", "moderate", "low")
    assert not brief.robustness_run and not brief.signposts and brief.chart("first") is None


def test_pack_question_fills_subject_and_year_and_scenario_overrides_it() -> None:
    scenario = find_scenario("kazakhstan-2025")
    pack = find_pack(None, scenario)
    result = score(pack, scenario)
    assert build_briefing(result).header.title == \
        "How should a partner government engage Kazakhstan in 2025?"
    own = replace(scenario, question="Should {subject} hedge harder?")
    assert build_briefing(score(pack, own)).header.title == "Should Kazakhstan hedge harder?"


def test_risks_carry_icd_203_words(write: Callable[[str, str], Path]) -> None:
    brief = build_briefing(tiny_result(tiny_scenario(write)))
    # Option A: backlash fired twice at different impacts (3 and 2): two events, each
    # with its own likelihood, never one event at the larger impact.
    assert [(r.option, r.estimate) for r in brief.risks] == [
        ("A", "roughly even chance (50%)"), ("A", "very unlikely (12%)")]


def robustness_for(result: Result, first: float = 0.87) -> Robustness:
    leader, other = result.leader.id, result.options[1].id
    return Robustness(
        draws=2000, seed=7, leader=leader, first_rank_acceptability=first,
        confidence="moderate",
        drivers=(
            Driver("x", "Trade share", 0.4, 0.8, -0.2, 1.4, 0.47, other),
            Driver("pressure", "Pressure", "medium", "high", 0.9, 1.1, None, None),
        ),
        options=(OptionSpread(leader, first, 0.2, 2.0),
                 OptionSpread(other, 1 - first, -0.5, 1.5)),
        judgement=Confidence("moderate", (ConfidenceInput(
            "sourced facts", "moderate", "2 of 4 factors (50%) cite a source"),)))


def test_robustness_gives_words_signposts_and_charts(write: Callable[[str, str], Path]) -> None:
    result = tiny_result(tiny_scenario(write))
    robustness = robustness_for(result)
    brief = build_briefing(result, robustness=robustness)
    bl = brief.bottom_line
    assert bl.verdict == "recommend"
    assert bl.robustness_words == "very likely"
    assert "(2,000 draws of the uncertain inputs), A comes first in 87 of 100 cases" \
        in bl.robustness
    assert "word for that frequency: very likely" in bl.robustness
    assert "not the probability that the policy succeeds" in bl.robustness_note
    # ICD 203: the likelihood sentence and the confidence sentence stay apart.
    assert bl.confidence not in bl.robustness and bl.robustness_words not in bl.confidence_basis
    assert "trade share fell from 0.6 to 0.47: B would then lead" in bl.watch
    assert [(s.factor, s.break_even, s.consequence) for s in brief.signposts] == [
        ("Trade share", "0.47", "B would lead"),
        ("Pressure", "", "no change within the range")]
    # The 5–95% ranges are a column of the options table: no separate score chart.
    assert [c.key for c in brief.charts] == ["first", "drivers"]
    tornado = brief.chart("drivers")
    assert tornado is not None and tornado.bars[0].mark == tornado.zero
    assert tornado.bars[0].mark_label == "flips at 0.47"
    assert [o.first for o in brief.options[:2]] == ["87%", "13%"]
    assert brief.options[0].band == "0.20 to 2.00"

    md = render_briefing(result, "markdown", robustness=robustness)
    html = render_briefing(result, "html", robustness=robustness)
    pdf = render_briefing(result, "pdf", robustness=robustness)
    assert isinstance(md, str) and isinstance(html, str) and isinstance(pdf, bytes)
    for text in (md, html, pdf_text(pdf)[0]):
        for words in ("How often each option comes first", "What drives the answer",
                      "5–95% range", "Signposts", "0.47"):
            assert words in text, words
        assert "Confidence: moderate" in text or "CONFIDENCE: MODERATE" in text


def test_close_call_names_both_options(write: Callable[[str, str], Path]) -> None:
    result = tiny_result(tiny_scenario(write))
    brief = build_briefing(result, robustness=robustness_for(result, first=0.48))
    bl = brief.bottom_line
    assert bl.verdict == "close call"
    assert {bl.option, bl.alternative} == {result.options[0].title, result.options[1].title}
    assert bl.recommendation == f"Close call between {bl.option} and {bl.alternative}."
    assert {bl.option_id, bl.alternative_id} == {result.options[0].id, result.options[1].id}


def test_a_modal_option_that_is_not_the_base_case_leader_is_named_beside_it(
        write: Callable[[str, str], Path]) -> None:
    result = tiny_result(tiny_scenario(write))
    leader, other = result.leader.id, result.options[1].id
    split = replace(robustness_for(result, first=0.46), recommendation=recommend(
        {leader: 0.46, other: 0.54}, [leader, other]))
    bl = build_briefing(result, robustness=split).bottom_line
    assert (bl.verdict, bl.option_id, bl.alternative_id) == ("close call", other, leader)
    assert "; it leads at the scenario's own values" in bl.robustness
    # ICD 203: the confidence sentence carries no likelihood word.
    assert not any(word in bl.confidence_basis for word in SCALE)


def test_why_not_the_others_names_what_sinks_each(write: Callable[[str, str], Path]) -> None:
    result = tiny_result(tiny_scenario(write))
    brief = build_briefing(result)
    assert [r.option for r in brief.rejected] == [o.title for o in result.options[1:]]
    assert all(r.reason.endswith(".") for r in brief.rejected)
    assert brief.options[0].main_drag.startswith("Risk: Backlash")


def test_robustness_from_another_run_is_refused(write: Callable[[str, str], Path]) -> None:
    result = tiny_result(tiny_scenario(write))
    wrong = Robustness(10, 1, result.options[1].id, 0.5, "low", ())
    with pytest.raises(ValueError, match="different inputs"):
        build_briefing(result, robustness=wrong)


def test_robustness_without_break_even_says_the_leader_holds(
        write: Callable[[str, str], Path]) -> None:
    result = tiny_result(tiny_scenario(write))
    steady = Robustness(500, 1, result.leader.id, 0.99, "high", (
        Driver("x", "X", 0.4, 0.8, 0.5, 0.9, None, None),))
    brief = build_briefing(result, robustness=steady)
    assert brief.bottom_line.watch.startswith("No single uncertain fact")


# -- hostile text ------------------------------------------------------------------------

class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture
def hostile(write: Callable[[str, str], Path]) -> Result:
    notes = (f"Watch <script>alert(1)</script> and #hash, *stars*, a|pipe, $x$, @someone, "
             f"<b>tag</b>, ]bracket[ and {LONG_WORD}.\n\n- looks like a list\n\n1. and this"
             "\n\n---")
    return tiny_result(tiny_scenario(write, HOSTILE_TITLE, notes))


def test_hostile_text_in_html_is_escaped(hostile: Result) -> None:
    html = render_briefing(hostile, "html", classification='SECRET "x" </style><script>')
    assert isinstance(html, str)
    assert "<script>" not in html and "</style><script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    parser = _Tags()
    parser.feed(html)
    assert "script" not in parser.tags and "b" in parser.tags  # <b> only from our own markup
    assert parser.tags.count("style") == 1
    shown = "".join(parser.text)
    assert HOSTILE_TITLE in shown
    assert LONG_WORD in shown
    assert "overflow-wrap: anywhere" in html  # the long word wraps on screen and paper


def test_hostile_text_in_markdown_keeps_tables_and_shows_literally(hostile: Result) -> None:
    md = render_briefing(hostile, "markdown")
    assert isinstance(md, str)
    assert "<script>" not in md and "<b>" not in md
    title_line = md.splitlines()[2]  # the scenario's name, in the subtitle under the question
    assert r"\<script\>" in title_line and r"a\|b" in title_line
    assert r"\$5" in title_line and r"\*bold\*" in title_line and r"\]" in title_line
    assert LONG_WORD in md
    assert r"\- looks like a list" in md and r"1\. and this" in md
    assert "\n\\---\n" in md  # a paragraph of dashes stays text, not a horizontal rule
    # Every table row has exactly as many unescaped pipes as its header.
    for block in re.findall(r"(?:^\|.*\|\n)+", md, flags=re.M):
        rows = block.splitlines()
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) == 1, rows


def test_hostile_text_in_pdf_compiles_and_reads_back(hostile: Result) -> None:
    pdf = render_briefing(hostile, "pdf")
    assert isinstance(pdf, bytes)
    text, pages, reader = pdf_text(pdf)
    assert 2 <= pages <= 4
    assert flat(HOSTILE_TITLE) in flat(text)  # the subtitle may wrap
    assert "<script>alert(1)</script> and #hash, *stars*, a|pipe, $x$, @someone" in text
    assert LONG_WORD in flat(text)
    assert reader.metadata is not None and reader.metadata.title == \
        f"Which course of action for {UZBEKISTAN} in 2025?"


def test_long_runs_reach_the_pdf_without_hidden_break_marks(hostile: Result) -> None:
    """A zero-width space inside a pasted URL or command breaks it (issue 20: `--set
    x=0\u200b.6` pasted gave "must be a number")."""
    text, _, _ = pdf_text(render_briefing(hostile, "pdf"))
    assert ZWSP not in text


# -- formats, paper, fonts ---------------------------------------------------------------

def test_pdf_is_reproducible_and_uses_only_shipped_fonts(
        write: Callable[[str, str], Path]) -> None:
    result = tiny_result(tiny_scenario(write))
    first = render_briefing(result, "pdf", author="A. Analyst", classification="OFFICIAL")
    assert first == render_briefing(result, "pdf", author="A. Analyst",
                                    classification="OFFICIAL")
    assert isinstance(first, bytes)
    text, pages, reader = pdf_text(first)
    assert UZBEKISTAN in text and "OFFICIAL" in text and "A. Analyst" in text
    assert f"Page 1 of {pages}" in text
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("SourceSansPro" in name for name in fonts), fonts


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_paper_sizes(write: Callable[[str, str], Path], paper: str,
                     size: tuple[int, int]) -> None:
    pdf = render_briefing(tiny_result(tiny_scenario(write)), "pdf", paper=paper)
    assert isinstance(pdf, bytes)
    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size
    html = render_briefing(tiny_result(tiny_scenario(write)), "html", paper=paper)
    assert f"size: {'A4' if paper == 'a4' else 'letter'};" in str(html)


def test_unknown_paper_and_format_are_input_errors(write: Callable[[str, str], Path],
                                                   tmp_path: Path) -> None:
    result = tiny_result(tiny_scenario(write))
    with pytest.raises(InputError, match="unknown paper size"):
        render_briefing(result, "pdf", paper="legal")
    with pytest.raises(InputError, match=r"name the file \.md, \.html, \.pdf or \.docx"):
        write_briefing(result, tmp_path / "brief.odt")


def test_write_briefing_picks_format_by_suffix_and_refuses_to_overwrite(
        write: Callable[[str, str], Path], tmp_path: Path) -> None:
    result = tiny_result(tiny_scenario(write))
    md = write_briefing(result, tmp_path / "b.md", title="Custom title")
    html = write_briefing(result, tmp_path / "b.html")
    pdf = write_briefing(result, tmp_path / "b.pdf")
    assert md.read_text(encoding="utf-8").startswith("# Custom title\n")
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert pdf.read_bytes().startswith(b"%PDF-")
    before = pdf.read_bytes()
    with pytest.raises(InputError, match="already exists"):
        write_briefing(result, pdf, title="Another")
    assert pdf.read_bytes() == before
    write_briefing(result, pdf, title="Another", force=True)
    assert "Another" in pdf_text(pdf.read_bytes())[0]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


# -- CLI ---------------------------------------------------------------------------------

def test_cli_prints_markdown_without_output_file(
        cli: Callable[..., Run], write: Callable[[str, str], Path]) -> None:
    run = cli("brief", tiny_scenario(write), "--pack", TINY_PACK, "--author", "Desk officer")
    assert run.code == 0, run.err
    assert run.out.startswith(f"# Which course of action for {UZBEKISTAN} in 2025?\n")
    assert "Tiny case" in run.out and "by Desk officer" in run.out
    assert "## Bottom line" in run.out


def test_cli_writes_pdf_and_refuses_existing_file_without_force(
        cli: Callable[..., Run], write: Callable[[str, str], Path], tmp_path: Path) -> None:
    scenario = tiny_scenario(write)
    target = tmp_path / "brief.pdf"
    first = cli("brief", scenario, "--pack", TINY_PACK, "-o", target, "--paper", "letter",
                "--classification", "OFFICIAL", "--title", "Meeting note")
    assert first.code == 0, first.err
    assert "wrote" in first.err
    text, pages, _ = pdf_text(target.read_bytes())
    assert "Meeting note" in text and pages <= 3
    assert flat("Across the plausible range of the inputs") in flat(text)  # draws by default
    again = cli("brief", scenario, "--pack", TINY_PACK, "-o", target)
    assert again.code == 2
    assert "already exists" in again.err and "--force" in again.err
    forced = cli("brief", scenario, "--pack", TINY_PACK, "-o", target, "--force",
                 "--set", "pressure=low")
    assert forced.code == 0, forced.err
    assert "Meeting note" not in pdf_text(target.read_bytes())[0]


@pytest.mark.parametrize(("args", "message"), [
    (("-o", "brief.txt"), "cannot tell the briefing format"),
    (("--paper", "legal"), "unknown paper size 'legal'"),
    (("-o", "missing-dir/brief.md"), "its directory does not exist"),
    (("--set", "nonsense=1"), "unknown factor 'nonsense'"),
])
def test_cli_bad_input_exits_2_with_a_message(
        cli: Callable[..., Run], write: Callable[[str, str], Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    run = cli("brief", tiny_scenario(write), "--pack", TINY_PACK, *args)
    assert run.code == 2
    assert message in run.err
    assert "Traceback" not in run.err


def test_cli_runs_the_robustness_analysis_unless_told_not_to(
        cli: Callable[..., Run], write: Callable[[str, str], Path]) -> None:
    scenario = tiny_scenario(write)
    robust = cli("brief", scenario, "--pack", TINY_PACK, "--draws", "500", "--seed", "3")
    assert robust.code == 0, robust.err
    assert "### What drives the answer" in robust.out and "500 draws" in robust.out
    assert "**How often first.**" in robust.out
    assert "500, seed 3" in robust.out
    plain = cli("brief", scenario, "--pack", TINY_PACK, "--no-robustness")
    assert plain.code == 0, plain.err
    assert "What drives the answer" not in plain.out and "How often first" not in plain.out
    assert "No robustness analysis was run" in plain.out


def test_cli_robustness_defaults_match_the_sensitivity_command() -> None:
    from crossroads.commands import brief
    from crossroads.robustness.defaults import DEFAULT_DRAWS, DEFAULT_SEED

    assert (brief.DEFAULT_DRAWS, brief.DEFAULT_SEED) == (DEFAULT_DRAWS, DEFAULT_SEED)


# -- every shipped scenario --------------------------------------------------------------

SHIPPED = sorted(shipped_scenarios())


@pytest.mark.slow
@pytest.mark.skipif(not SHIPPED, reason="no shipped scenarios in this checkout yet")
@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_every_shipped_scenario_briefs_in_all_formats(scenario_id: str) -> None:
    from crossroads.services.briefing import score_with_robustness

    scenario = find_scenario(scenario_id)
    pack = find_pack(None, scenario)
    # As `crossroads brief` prints them: with the robustness sections, the longest form.
    result, robustness = score_with_robustness(pack, scenario, 2_000)
    md = render_briefing(result, "markdown", robustness=robustness)
    assert isinstance(md, str)
    _reads_like_a_submission(md, result, robustness)
    html = render_briefing(result, "html", robustness=robustness)
    pdf = render_briefing(result, "pdf", robustness=robustness, classification="OFFICIAL")
    assert isinstance(md, str) and isinstance(html, str) and isinstance(pdf, bytes)
    leader = result.leader.title
    assert leader in md.replace("\\", "") and leader in html.replace("&#x27;", "'")
    brief = build_briefing(result, robustness=robustness)
    text, pages, reader = pdf_text(pdf)
    assert pages == 3, f"{scenario_id}: {pages} pages"
    letter = render_briefing(result, "pdf", robustness=robustness, paper="letter")
    assert pdf_text(bytes(letter))[1] == 3, f"{scenario_id} on Letter"
    assert ZWSP not in text and ZWSP not in html and ZWSP not in md
    page_one = flat(reader.pages[0].extract_text())
    # Page 1: the question, the bottom line and the first chart; the annex is page 3.
    for expected in (brief.header.title, brief.bottom_line.recommendation,
                     brief.charts[0].title, brief.charts[0].axis_title):
        assert flat(expected) in page_one, expected
    assert re.search(r"^Annex$", reader.pages[2].extract_text(), flags=re.M)
    assert not any(re.search(r"^Annex$", p.extract_text(), flags=re.M)
                   for p in reader.pages[:2])
    # No page is under half full except the last (the footer, below 50 pt, not counted).
    for number, page in enumerate(reader.pages[:-1], start=1):
        assert _lowest_text(page) < float(page.mediabox.height) / 2, (scenario_id, number)
    # Every source address in the annex is a link a reader can click.
    uris = {str(a.get_object()["/A"]["/URI"]) for a in reader.pages[2].get("/Annots", [])
            if a.get_object().get("/A", {}).get("/URI")}
    assert {s.url for s in brief.bibliography if s.url} <= uris, uris
    document = docx.Document(io.BytesIO(bytes(render_briefing(result, "docx",
                                                              robustness=robustness))))
    body = "\n".join(p.text for p in document.paragraphs)
    assert ZWSP not in body
    assert brief.header.title in body
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert f"Bottom line: {brief.bottom_line.recommendation}" in headings
    assert len(document.tables) + len(document.inline_shapes) >= 3


def _lowest_text(page: pypdf.PageObject) -> float:
    """The lowest baseline of body text on *page*, in points from the bottom edge."""
    heights: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        y = cm[3] * tm[5] + cm[5]
        if text.strip() and y > 50:
            heights.append(y)
    page.extract_text(visitor_text=visit)
    return min(heights)


def _reads_like_a_submission(md: str, result: Result, robustness: Robustness) -> None:
    """What a senior reader would stumble on: computer plurals, six-digit numbers, a
    likelihood and a confidence word in one sentence, a bottom line the draws contradict."""
    body = md.split("## Annex")[0]
    assert "(s)" not in body
    assert not re.search(r"\d\.\d{4,}", body), re.search(r".{40}\d\.\d{4,}.{10}", body)
    bottom = body.split("## Bottom line")[1].split("###")[0]
    likelihood = re.compile(r"\b(" + "|".join(sorted(SCALE, key=len, reverse=True)) + r")\b")
    for sentence in re.split(r"(?<=[.:])\s+", bottom):
        if re.search(r"\bconfidence\b", sentence, flags=re.I):
            assert not likelihood.search(sentence.lower()), sentence
    shares = {s.option: s.first for s in robustness.options}
    modal = max(shares, key=lambda o: shares[o])
    brief = build_briefing(result, robustness=robustness)
    assert brief.bottom_line.option_id == modal
    if brief.bottom_line.verdict == "close call":
        assert brief.bottom_line.alternative in brief.bottom_line.recommendation
        assert not brief.bottom_line.reason.startswith("It ")


def test_one_option_and_only_negative_scores(write: Callable[[str, str], Path]) -> None:
    pack_dir = write("solo/pack.yaml", """
        format: crossroads.pack/1
        id: solo
        version: "0.1"
        title: Solo
        factors:
          - {id: x, type: number, label: X, min: 0, max: 1, default: 0.5}
        criteria:
          - {id: c, title: Cost, scale: [-5, 5]}
        options:
          - {id: only, title: The only way, source: "q"}
        rules:
          - id: r
            effects: [{option: only, criterion: c, points: -2}]
            because: It costs.
        """).parent
    scenario = write("solo.yaml", """
        format: crossroads.scenario/1
        id: solo-case
        title: Solo case
        subject: Nowhere
        pack: solo
        """)
    result = score(load_pack(pack_dir), load_scenario(scenario))
    brief = build_briefing(result)
    assert brief.bottom_line.recommendation == \
        "Base-case leader: The only way, the only option the pack offers."
    scores = brief.chart("scores")
    assert scores is not None and scores.zero == 1.0 and scores.bars[0].start == 0.0
    assert brief.reasons[0].reasons == ()
    assert brief.filled_in == ("Priorities: pack defaults (the scenario gives no priorities).",)
    assert any("default weight" in c.what for c in brief.changes)
    for fmt in ("markdown", "html"):
        assert "No rule adds value to it on any criterion" in str(render_briefing(result, fmt))
    text, pages, _ = pdf_text(bytes(render_briefing(result, "pdf")))
    assert flat("The only way") in flat(text)  # the bottom line wraps on the page
    assert flat("No rule adds value to it on any criterion") in flat(text)
    assert pages <= 3


# -- golden file -------------------------------------------------------------------------

GOLDEN = Path(__file__).parent.parent / "data" / "briefing"


def test_markdown_matches_golden_file() -> None:
    """The whole Markdown briefing, robustness sections included, against a reviewed copy.

    After an intended change, regenerate with CROSSROADS_UPDATE_GOLDEN=1 and review the diff.
    """
    result = score(load_pack(TINY_PACK), load_scenario(GOLDEN / "tiny-case.yaml"))
    text = render_briefing(result, "markdown", author="Desk officer",
                           classification="OFFICIAL", robustness=robustness_for(result))
    # The digest changes with any edit to the shared tiny pack; the layout is what we pin.
    text = str(text).replace(result.pack.digest, "sha256:<digest>")
    golden = GOLDEN / "tiny-case.md"
    if os.environ.get("CROSSROADS_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_long_classification_and_title_stay_out_of_the_running_heads(hostile: Result) -> None:
    classification = "TOP SECRET//NOFORN <x> #$@ " * 10
    pdf = render_briefing(hostile, "pdf", classification=classification)
    text, pages, _ = pdf_text(bytes(pdf))
    assert flat(classification) in flat(text)  # in full once, under the title
    assert text.count("TOP SECRET//NOFORN <x> #$@ TOP SECRET//NOFORN <x> #$@ TOP…") == pages * 2
    assert 2 <= pages <= 4


def test_a_long_scenario_is_set_a_step_smaller_to_stay_at_three_pages(
        write: Callable[[str, str], Path]) -> None:
    """A scenario whose notes overflow three pages at full size is laid out again at 95%
    or 90% text (charts unchanged); page_count reads the pages typst wrote."""
    from crossroads.report.briefing.build import build_briefing as build
    from crossroads.report.briefing.pdf import _compiler, briefing_payload, page_count

    result = tiny_result(tiny_scenario(write))
    short = bytes(render_briefing(result, "pdf"))
    assert page_count(short) == pdf_text(short)[1]
    line = "A note on the scenario, long enough to fill part of the second page. " * 3
    for paragraphs in range(40, 200, 4):
        longer = replace(result, scenario=replace(result.scenario,
                                                  notes="\n\n".join([line] * paragraphs)))
        full = _compiler().compile(format="pdf",
                                   sys_inputs={"data": briefing_payload(build(longer))})
        if page_count(full) > 3:
            break
    pdf = bytes(render_briefing(longer, "pdf"))
    assert page_count(full) == 4 and page_count(pdf) == pdf_text(pdf)[1] == 3


def test_a_subject_outside_the_packs_applies_to_is_said_on_page_one(
        write: Callable[[str, str], Path]) -> None:
    scenario = write("outside.yaml", """
        format: crossroads.scenario/1
        id: ruritania-2026
        title: Ruritania, early 2026
        subject: Ruritania
        as_of: 2026-01-15
        pack: partner-engagement
        factors:
          russian_pressure: high
        """)
    result = score(find_pack(None, load_scenario(scenario)), load_scenario(scenario))
    brief = build_briefing(result)
    assert len(brief.notices) == 1 and "Ruritania is not among them" in brief.notices[0]
    assert brief.notices[0] in str(render_briefing(result, "markdown")).replace("\\", "")
    page_one = flat(pdf_text(bytes(render_briefing(result, "pdf")))[2].pages[0].extract_text())
    assert flat("Ruritania is not among them") in page_one
