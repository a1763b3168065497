"""A briefing as an editable Word document (.docx), written with python-docx.

Same model and page plan as the PDF: page 1 the question, the what-if box, the bottom
line, chart (a), key judgements and why not the others; page 2 the options, charts (c)
and (b), signposts and risks; the annex on its own page.  Headings use Word's own heading
styles and tables are real tables, so a ministry can edit and restyle it; the charts are
PNG pictures drawn from the same SVG as the PDF; the classification banner sits in every
page's header and footer.
"""

from __future__ import annotations

import copy
import io
import zipfile
from functools import cache
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree  # type: ignore[import-untyped]

from crossroads.report.briefing.find_out import TITLE as FIND_OUT
from crossroads.report.briefing.model import SCORE_KEY, Briefing, Chart, Table
from crossroads.report.briefing.pdf import chart_pngs
from crossroads.report.briefing.tables import (
    DEFAULTS_HEADING,
    assumptions_table,
    defaults_lines,
    find_out_table,
    options_table,
    panel_table,
    risks_table,
    signposts_table,
)
from crossroads.report.key_assumptions import HEADING as RESTS_ON

ACCENT = RGBColor(0x1F, 0x4E, 0x79)
MUTED = RGBColor(0x5B, 0x66, 0x75)
AMBER = RGBColor(0xB0, 0x7D, 0x12)
FONT = "Calibri"  # on every Word installation; the document stays editable anywhere
PAPER = {"a4": (Mm(210), Mm(297)), "letter": (Mm(215.9), Mm(279.4))}
CHART_WIDTH = Mm(170)  # the PDF's size: chart text prints at 8 pt or more

Doc = Any  # python-docx's Document is a factory function, not a class to annotate with


def _shade(tc: Any, fill: str) -> None:
    """Background colour of a table cell's XML element (python-docx has no API for it)."""
    properties = tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _page_field(paragraph: Any, code: str) -> None:
    run = paragraph.add_run()
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), code)
    run._r.append(field)


def _text(paragraph: Any, text: str, *, bold: bool = False, size: float | None = None,
          colour: RGBColor | None = None) -> Any:
    """Append a run to *paragraph*, built as XML: python-docx's run and font setters
    search the run's children on every call, and a briefing has over a thousand runs."""
    run = etree.SubElement(paragraph._p, _W_R)
    if bold or size or colour is not None:
        properties = etree.SubElement(run, _W_RPR)  # children in the schema's order
        if bold:
            etree.SubElement(properties, _W_B)
        if colour is not None:
            etree.SubElement(properties, _W_COLOR).set(_W_VAL, str(colour))
        if size:
            etree.SubElement(properties, _W_SZ).set(_W_VAL, str(round(size * 2)))
    element = etree.SubElement(run, _W_T)
    element.text = text
    if text != text.strip():
        element.set(_XML_SPACE, "preserve")
    return run


_W_R, _W_RPR, _W_B, _W_COLOR, _W_SZ, _W_T, _W_VAL = (
    qn(f"w:{tag}") for tag in ("r", "rPr", "b", "color", "sz", "t", "val"))
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _para(doc: Doc, style_id: str = "", text: str = "") -> Any:
    """A paragraph in the style with *style_id* (set directly: looking a style up by name
    scans every style in python-docx, and a briefing has dozens of paragraphs)."""
    paragraph = doc.add_paragraph(text)
    if style_id:
        paragraph._p.style = style_id
    return paragraph


def _heading(doc: Doc, text: str, level: int) -> Any:
    return _para(doc, "Title" if level == 0 else f"Heading{level}", text)


#: Parts of the default template a briefing never changes after :func:`_template`.
_FIXED_PARTS = ("/word/styles.xml", "/word/stylesWithEffects.xml", "/word/theme/theme1.xml",
                "/word/fontTable.xml", "/word/settings.xml", "/word/webSettings.xml",
                "/word/numbering.xml", "/docProps/app.xml")


@cache
def _template() -> tuple[Doc, dict[str, bytes]]:
    """python-docx's default document with the briefing's styles, parsed once per process
    (parsing it takes longer than laying out a briefing), and the serialised XML of the
    parts no briefing changes.  Each briefing works on a deep copy of the parsed XML."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    for level in (1, 2):
        style = doc.styles[f"Heading {level}"]
        style.font.name = FONT
        style.font.color.rgb = ACCENT
        style.font.size = Pt(13 if level == 1 else 11)
    fixed = {str(part.partname): part.blob for part in doc.part.package.iter_parts()
             if str(part.partname) in _FIXED_PARTS}
    return doc, fixed


def _save(doc: Doc, fixed: dict[str, bytes]) -> bytes:
    """The .docx bytes: python-docx's package layout, with the unchanged parts written
    from their cached XML and light compression (the text compresses well at level 1)."""
    package = doc.part.package
    parts = list(package.iter_parts())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        types = _ContentTypesItem.from_parts(parts)  # type: ignore[no-untyped-call]
        z.writestr(CONTENT_TYPES_URI.membername, types.blob)
        z.writestr(PACKAGE_URI.rels_uri.membername, package.rels.xml)
        for part in parts:
            name = str(part.partname)
            z.writestr(part.partname.membername, fixed.get(name) or part.blob)
            if len(part.rels):
                z.writestr(part.partname.rels_uri.membername, part.rels.xml)
    return out.getvalue()


def _setup(doc: Doc, brief: Briefing) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = PAPER[brief.paper]
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin = section.bottom_margin = Mm(18)
    banner = brief.header.classification
    for part in (section.header, section.footer):
        paragraph = part.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if banner:
            _text(paragraph, banner, bold=True, size=8)
    if brief.what_if is not None:  # every page's header says it is a what-if
        paragraph = section.header.add_paragraph()
        _text(paragraph, brief.what_if.banner, bold=True, size=9, colour=AMBER)
    footer = section.footer.add_paragraph()
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _text(footer, "Page ", size=8, colour=MUTED)
    _page_field(footer, "PAGE")
    _text(footer, " of ", size=8, colour=MUTED)
    _page_field(footer, "NUMPAGES")


def _table(doc: Doc, table: Table | None, size: float = 8.5) -> None:
    """A model table (the same rows as every format); its head row repeats on every page."""
    if table is None:
        return
    rows = [table.head, *table.rows]
    # Built whole and filled through its XML rows: python-docx's add_row and cell lookups
    # recompute the grid on every call.
    grid = doc.add_table(rows=len(rows), cols=len(table.head))
    grid._tbl.tblStyle_val = "TableGrid"
    for n, (tr, texts) in enumerate(zip(grid._tbl.tr_lst, rows, strict=True)):
        if n == 0:
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            tr.get_or_add_trPr().append(header)
        for i, (tc, text) in enumerate(zip(tr.tc_lst, texts, strict=True)):
            if n == 0:
                _shade(tc, "E8EDF2")
            paragraph = Paragraph(tc.p_lst[0], grid)
            if i in table.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _text(paragraph, text, bold=n == 0 or n - 1 == table.lead, size=size)
    doc.add_paragraph()


def _chart(doc: Doc, chart: Chart | None, pngs: dict[str, bytes]) -> None:
    if chart is None or chart.key not in pngs:
        return
    _text(doc.add_paragraph(), chart.title, bold=True)
    picture = _para(doc)
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    shape = picture.add_run().add_picture(io.BytesIO(pngs[chart.key]), width=CHART_WIDTH)
    # Alt text: what a screen reader says for the picture (Word's "Description").
    shape._inline.docPr.set("descr", f"{chart.title}. {chart.caption}")
    shape._inline.docPr.set("title", chart.title)
    _text(doc.add_paragraph(), chart.caption, size=8.5, colour=MUTED)


def render_docx(brief: Briefing) -> bytes:
    """Lay out *brief* as a .docx document and return its bytes."""
    template, fixed = _template()
    doc = copy.deepcopy(template)
    _setup(doc, brief)
    pngs = chart_pngs(brief)
    _front(doc, brief, pngs)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _second(doc, brief, pngs)
    doc.add_section(WD_SECTION.NEW_PAGE)
    _annex(doc, brief)
    return _save(doc, fixed)


def _front(doc: Doc, brief: Briefing, pngs: dict[str, bytes]) -> None:
    h, bl = brief.header, brief.bottom_line
    _heading(doc, h.title, 0)
    meta = [x for x in (h.scenario, h.subject) if x]
    meta += [f"as of {h.as_of}"] if h.as_of else []
    meta += [f"by {h.author}"] if h.author else []
    _text(doc.add_paragraph(), " · ".join(meta), colour=MUTED)
    if h.perspective:
        _text(doc.add_paragraph(), f"For: {h.perspective}", colour=MUTED)
    if brief.what_if is not None:
        _heading(doc, "What-if: changed from the scenario file", 1)
        _table(doc, brief.what_if.changes)
        _table(doc, brief.what_if.outcome)
        if bl.confidence_change:
            doc.add_paragraph(bl.confidence_change)
    if defaults_lines(brief):
        _text(doc.add_paragraph(), DEFAULTS_HEADING, bold=True, size=9, colour=AMBER)
        for line in defaults_lines(brief):
            _text(_para(doc, "ListBullet"), line, size=9)
    # The bottom line is a heading: it shows in Word's navigation pane and outline.
    _heading(doc, f"Bottom line: {bl.recommendation}", 1)
    doc.add_paragraph(bl.reason)
    if bl.panel:
        paragraph = doc.add_paragraph()
        _text(paragraph, "Panel. ", bold=True, colour=ACCENT)
        _text(paragraph, bl.panel)
    for notice in brief.notices:
        _text(doc.add_paragraph(), notice, bold=True)
    if bl.rests_on:
        paragraph = doc.add_paragraph()
        _text(paragraph, "What the lead rests on. ", bold=True)
        _text(paragraph, bl.rests_on)
    if bl.robustness:
        paragraph = doc.add_paragraph()
        _text(paragraph, "How often first. ", bold=True, colour=ACCENT)
        _text(paragraph, bl.robustness)
        _text(doc.add_paragraph(), bl.robustness_note, size=9, colour=MUTED)
    paragraph = doc.add_paragraph()
    _text(paragraph, f"Confidence: {bl.confidence}. ", bold=True, colour=ACCENT)
    _text(paragraph, bl.confidence_basis)
    paragraph = doc.add_paragraph()
    _text(paragraph, "What would change it. ", bold=True)
    _text(paragraph, bl.watch)
    _chart(doc, brief.charts[0] if brief.charts else None, pngs)
    if brief.judgements:
        _heading(doc, "Key judgements", 1)
        for judgement in brief.judgements:
            _para(doc, "ListBullet", judgement)
    if brief.rejected:
        _heading(doc, "Why not the others", 1)
        for r in brief.rejected:
            paragraph = _para(doc, "ListBullet")
            _text(paragraph, f"{r.option}. ", bold=True)
            _text(paragraph, r.reason)
    if brief.rests_on:
        _heading(doc, RESTS_ON, 1)
        _para(doc, text=brief.rests_on[0])
        for line in brief.rests_on[1:]:
            _para(doc, "ListBullet", line)


def _second(doc: Doc, brief: Briefing, pngs: dict[str, bytes]) -> None:
    _heading(doc, "Options compared", 1)
    _table(doc, options_table(brief), size=8)
    _text(_para(doc), SCORE_KEY, size=8.5, colour=MUTED)
    for chart in brief.charts[1:]:
        _chart(doc, chart, pngs)
    if brief.signposts:
        _heading(doc, "Signposts: what to watch", 1)
        _table(doc, signposts_table(brief))
    _heading(doc, "Risks", 1)
    if brief.risks:
        _table(doc, risks_table(brief))
    else:
        doc.add_paragraph("No risk rule fires for the options chosen between in this scenario.")
    if brief.panel is not None:
        _panel(doc, brief)
    if brief.find_out is not None:
        _heading(doc, FIND_OUT, 1)
        doc.add_paragraph(brief.find_out.lead)
        _table(doc, find_out_table(brief))
    if brief.context:
        _heading(doc, "Scenario notes", 1)
        for paragraph in brief.context:
            doc.add_paragraph(paragraph)


def _panel(doc: Doc, brief: Briefing) -> None:
    """Where the panel differs: how it was combined, each dissent, who judges, the rounds."""
    panel = brief.panel
    assert panel is not None
    _heading(doc, panel.title, 1)
    if panel.lead:
        doc.add_paragraph(panel.lead)
    for line in panel.dissent:
        _para(doc, "ListBullet", line)
    for line in (panel.across_views, panel.rounds, *panel.notes):
        if line:
            doc.add_paragraph(line)
    _table(doc, panel_table(brief))


def _annex(doc: Doc, brief: Briefing) -> None:
    _heading(doc, "Annex: assumptions", 1)
    _table(doc, assumptions_table(brief), size=7.5)
    for line in brief.filled_in:
        _para(doc, "ListBullet", line)
    _heading(doc, "Sources", 1)
    for source in brief.bibliography:
        paragraph = doc.add_paragraph()
        _text(paragraph, f"{source.number}. ", bold=True, size=9)
        _text(paragraph, source.text + (f" {source.url}" if source.url else ""), size=9)
    doc.add_paragraph(brief.facts_note)
    _heading(doc, "Method", 1)
    for line in brief.method:
        _text(doc.add_paragraph(), line, size=9, colour=MUTED)
    for what, value in brief.identifiers:
        paragraph = doc.add_paragraph()
        _text(paragraph, f"{what}: ", bold=True, size=9)
        _text(paragraph, value, size=9)
