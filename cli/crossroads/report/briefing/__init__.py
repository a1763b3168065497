"""Printable briefings: a scored result as Markdown, self-contained HTML, PDF or Word.

The library entry points are :func:`render_briefing` (text or bytes in memory) and
:func:`write_briefing` (a file, format from its suffix, written atomically).  Both build
one format-neutral :class:`~crossroads.report.briefing.model.Briefing` first, so the
formats always agree; the modules beside this one lay it out.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crossroads.core.engine import Result
from crossroads.core.errors import InputError
from crossroads.core.yardstick import Yardstick
from crossroads.io.files import check_writable, write_atomic
from crossroads.io.reader import one_line
from crossroads.io.yamldoc import display_path
from crossroads.report.briefing.build import build_briefing
from crossroads.report.briefing.model import PAPERS, Briefing
from crossroads.report.safe_text import clean_strings, document_text
from crossroads.robustness.summary import Robustness

if TYPE_CHECKING:
    from crossroads.services.panel import PanelAnalysis


@dataclass(frozen=True, slots=True)
class BriefingFormat:
    """One briefing format: what `brief -o` and the wizard offer, and who lays it out."""

    name: str
    label: str  # as the wizard offers it
    suffixes: tuple[str, ...]  # the first is the one offered
    renderer: str  # "module:function" beside this one; imported only when used


#: Every briefing format, in the order they are offered: adding one is one line here
#: (and its renderer module).  `brief -o`, the wizard and the error hints read this.
BRIEFING_FORMATS = (
    BriefingFormat("markdown", "Markdown", (".md", ".markdown"), "markdown:render_markdown"),
    BriefingFormat("html", "HTML, prints cleanly", (".html", ".htm"), "html:render_html"),
    BriefingFormat("pdf", "PDF", (".pdf",), "pdf:render_pdf"),
    BriefingFormat("docx", "Word, editable", (".docx",), "word:render_docx"),
)
#: File suffix → format name.
FORMATS = {suffix: f.name for f in BRIEFING_FORMATS for suffix in f.suffixes}


def suffixes_text() -> str:
    """".md, .html or .pdf": the offered suffixes, for messages."""
    offered = [f.suffixes[0] for f in BRIEFING_FORMATS]
    return ", ".join(offered[:-1]) + " or " + offered[-1] if len(offered) > 1 else offered[0]


def format_for(path: Path) -> str:
    """The briefing format a file name asks for; a clear error for anything else."""
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputError.single(display_path(Path(path)), "cannot tell the briefing format from "
                                f"the suffix {Path(path).suffix or '(none)'!r}",
                                f"name the file {suffixes_text()}")
    return fmt


def check_paper(paper: str) -> None:
    """Refuse a paper size the layouts do not know."""
    if paper not in PAPERS:
        raise InputError.single("--paper", f"unknown paper size {paper!r}",
                                f"use one of: {', '.join(PAPERS)}")


def check_yardstick(yardstick: str) -> None:
    """Refuse a yardstick the briefing does not know."""
    names = [y.value for y in Yardstick]
    if yardstick not in names:
        raise InputError.single("--yardstick", f"unknown yardstick {yardstick!r}",
                                f"use one of: {', '.join(names)}")


def render(brief: Briefing, fmt: str) -> str | bytes:
    """Lay out an already-built briefing in *fmt* (a name in :data:`BRIEFING_FORMATS`)."""
    found = next((f for f in BRIEFING_FORMATS if f.name == fmt), None)
    if found is None:
        names = ", ".join(f.name for f in BRIEFING_FORMATS)
        raise ValueError(f"unknown briefing format {fmt!r}: use {names}")
    module, function = found.renderer.split(":")
    # Each layout imports its own heavy tools (typst for PDF) only when it is chosen.
    lay_out: Any = getattr(importlib.import_module(f"{__name__}.{module}"), function)
    # A file is sanitised as standard output is (no raw ESC in b.md), and Word's XML gets
    # nothing XML cannot hold: one cleaning of the whole model, before any layout.
    out: str | bytes = lay_out(clean_strings(brief, document_text))
    return out


def render_briefing(
    result: Result,
    fmt: str,
    *,
    title: str | None = None,
    author: str | None = None,
    classification: str | None = None,
    paper: str = "a4",
    robustness: Robustness | None = None,
    yardstick: str = "icd203",
    baseline: Result | None = None,
    panel: PanelAnalysis | None = None,
) -> str | bytes:
    """The briefing for *result* in *fmt*: text for Markdown and HTML, bytes for PDF and
    Word.  *baseline*: the scenario scored at the file's own values, which a what-if
    compares itself with; *yardstick*: "icd203" or "phia", the words for frequencies;
    *panel*: the panel whose combined view *result* is (see
    :func:`crossroads.services.briefing.panel_with_robustness`)."""
    check_paper(paper)
    check_yardstick(yardstick)
    # --title, --author and --classification are printed on one line each.
    title, author, classification = (None if text is None else one_line(text)
                                     for text in (title, author, classification))
    brief = build_briefing(result, title=title, author=author, classification=classification,
                           paper=paper, robustness=robustness, yardstick=yardstick,
                           baseline=baseline, panel=panel)
    return render(brief, fmt)


def write_briefing(
    result: Result,
    path: Path,
    *,
    title: str | None = None,
    author: str | None = None,
    classification: str | None = None,
    paper: str = "a4",
    force: bool = False,
    robustness: Robustness | None = None,
    yardstick: str = "icd203",
    baseline: Result | None = None,
    panel: PanelAnalysis | None = None,
) -> Path:
    """Write the briefing for *result* to *path*; the suffix (.md, .html, .pdf, .docx) picks
    the
    format.  Refuses to replace an existing file unless *force*; never leaves half a file.
    """
    path = Path(path)
    fmt = format_for(path)
    check_writable(path, force=force)  # fail before the work of laying out a PDF
    data = render_briefing(result, fmt, title=title, author=author,
                           classification=classification, paper=paper, robustness=robustness,
                           yardstick=yardstick, baseline=baseline, panel=panel)
    return write_atomic(path, data, force=force)
