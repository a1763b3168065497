"""A briefing as PDF, laid out by typst with the fonts shipped inside this package.

The briefing model travels to the typst template as JSON (``sys.inputs``), so pack and
scenario text is never parsed as typst markup and needs no escaping.  System fonts and
typst's embedded fonts are switched off: only the fonts in ``report/briefing/fonts`` are used, so
the same briefing produces the same PDF on every machine.
"""

from __future__ import annotations

import dataclasses
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from crossroads.core.errors import CrossroadsError
from crossroads.report.briefing.charts import WIDTH, chart_svg
from crossroads.report.briefing.model import SCORE_KEY, Briefing
from crossroads.report.briefing.tables import (
    assumptions_table,
    defaults_lines,
    find_out_table,
    options_table,
    panel_table,
    risks_table,
    signposts_table,
)

_HERE = Path(__file__).resolve().parent
FONT_DIR = _HERE / "fonts"
TEMPLATE = _HERE / "templates" / "briefing.typ"
CHART_TEMPLATE = _HERE / "templates" / "charts.typ"
#: Resolution of chart pictures for Word: sharp when printed at 16 cm wide.
CHART_PPI = 150
#: Width of a chart on the page, in points: one SVG unit is one point, so the chart's
#: smallest text (8.5 units) prints at 8.5 pt.
CHART_POINTS = WIDTH
_PAPER_NAMES = {"a4": "a4", "letter": "us-letter"}

# Running heads and feet hold one line each: the title and the classification repeated
# there are shortened (in full on the first page and in the document's metadata).
FOOTER_TITLE = 40
MARGIN_CLASSIFICATION = 60


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut[limit // 2:]:  # end on a word when there is one nearby
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip() + "…"


class PdfRenderError(CrossroadsError):
    """typst could not lay out the briefing (a broken install or a bug, not bad input)."""


def _plain(value: Any) -> Any:
    """The model as JSON-ready values, in one pass (``dataclasses.asdict`` deep-copies
    every leaf, and took longer than this whole step).  Text goes to typst as it is: no
    break marks, so what a reader copies from the PDF (a URL, a command, an id) works."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


#: Pages a briefing is laid out to fill at most (issue 20): the answer, the evidence, the
#: annex.  A scenario whose text overflows them is laid out again a step smaller.
PAGES = 3
#: Text scales tried in turn (charts keep their print size: their text stays >= 8 pt).
TEXT_SCALES = (1.0, 0.95, 0.9)
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page\b(?!s)")


def page_count(pdf: bytes) -> int:
    """Pages of a PDF typst wrote (its page objects are plain dictionaries)."""
    return len(_PAGE_OBJECT.findall(pdf))


def briefing_payload(brief: Briefing, text_scale: float = 1.0) -> str:
    """The JSON the typst template reads: the model, plus what typst needs spelled out."""
    data = _plain(brief)
    data["score_key"] = SCORE_KEY
    # Charts travel as SVG text, drawn by charts.py; typst places them as vector images at
    # their print size, so their text keeps the size charts.py gives it.
    data["svg"] = {chart.key: chart_svg(chart) for chart in brief.charts}
    data["chart_width"] = {chart.key: CHART_POINTS for chart in brief.charts}
    data["tables"] = {
        "options": _plain(options_table(brief)),
        "signposts": _plain(signposts_table(brief)),
        "risks": _plain(risks_table(brief)),
        "assumptions": _plain(assumptions_table(brief)),
        "find_out": _plain(find_out_table(brief)),
        "panel": _plain(panel_table(brief)),
    }
    data["defaults"] = list(defaults_lines(brief))
    data["text_scale"] = text_scale
    data["paper_name"] = _PAPER_NAMES[brief.paper]
    data["document_title"] = brief.header.title
    data["footer_title"] = _shorten(brief.header.title, FOOTER_TITLE)
    data["margin_classification"] = _shorten(brief.header.classification,
                                             MARGIN_CLASSIFICATION)
    return json.dumps(data, ensure_ascii=False)


@cache
def _compiler(template: Path = TEMPLATE) -> Any:
    """One typst compiler per template and process: its memoised layout makes later
    briefings ~8x faster.

    Only the fonts shipped in this package are visible to it (no system fonts, none of
    typst's own), so the output does not depend on the machine.
    """
    import typst

    if not any(FONT_DIR.glob("*.ttf")):
        raise PdfRenderError(f"the briefing fonts are missing from {FONT_DIR}; "
                             "reinstall crossroads")
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                        font_paths=[str(FONT_DIR)])
    return typst.Compiler(str(template), root=str(template.parent), font_paths=fonts,
                          ignore_system_fonts=True)


def chart_pngs(brief: Briefing) -> dict[str, bytes]:
    """Each chart of *brief* as a PNG (for Word), rasterised by typst from the same SVG
    the PDF and the HTML show, with the shipped fonts."""
    import typst

    if not brief.charts:
        return {}
    svgs = json.dumps([chart_svg(chart) for chart in brief.charts])
    try:
        pages = _compiler(CHART_TEMPLATE).compile(format="png", ppi=CHART_PPI,
                                                   sys_inputs={"svgs": svgs})
    except typst.TypstError as error:
        raise PdfRenderError(f"typst could not draw the charts: {error.message}") from error
    pages = pages if isinstance(pages, list) else [pages]
    return {chart.key: png for chart, png in zip(brief.charts, pages, strict=True)}


def render_pdf(brief: Briefing) -> bytes:
    """Lay out *brief* as a PDF document and return its bytes: in :data:`PAGES` pages when
    a step smaller text (down to 90%) gets it there, else at full size and longer."""
    import typst

    first = b""
    for scale in TEXT_SCALES:
        try:
            pdf = _compiler().compile(format="pdf",
                                      sys_inputs={"data": briefing_payload(brief, scale)})
        except typst.TypstError as error:
            raise PdfRenderError(f"typst could not lay out the briefing: {error.message}"
                                 ) from error
        if not isinstance(pdf, bytes):  # pragma: no cover - typst returns bytes
            raise PdfRenderError("typst returned no PDF")
        if page_count(pdf) <= PAGES:
            return pdf
        first = first or pdf
    # Too long at any scale: the full-size layout reads best, however many pages it takes.
    return first
