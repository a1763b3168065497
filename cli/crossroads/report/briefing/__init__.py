"""Printable briefings: a scored result as Markdown, self-contained HTML, PDF or Word.

The library entry points are :func:`render_briefing` (text or bytes in memory) and
:func:`write_briefing` (a file, format from its suffix, written atomically).  Both build
one format-neutral :class:`~crossroads.services.briefing_model.Briefing` first, so the
formats always agree; the modules beside this one lay it out.
"""

from __future__ import annotations

from pathlib import Path

from crossroads.core.engine import Result
from crossroads.core.errors import InputError
from crossroads.io.files import check_writable, write_atomic
from crossroads.io.yamldoc import display_path
from crossroads.robustness.summary import Robustness
from crossroads.services.briefing_build import build_briefing
from crossroads.services.briefing_model import PAPERS, Briefing

#: File suffix → format name.
FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
           ".pdf": "pdf", ".docx": "docx"}


def format_for(path: Path) -> str:
    """The briefing format a file name asks for; a clear error for anything else."""
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputError.single(display_path(Path(path)), "cannot tell the briefing format from "
                                f"the suffix {Path(path).suffix or '(none)'!r}",
                                "name the file .md, .html, .pdf or .docx")
    return fmt


def check_paper(paper: str) -> None:
    """Refuse a paper size the layouts do not know."""
    if paper not in PAPERS:
        raise InputError.single("--paper", f"unknown paper size {paper!r}",
                                f"use one of: {', '.join(PAPERS)}")


def render(brief: Briefing, fmt: str) -> str | bytes:
    """Lay out an already-built briefing in *fmt* ("markdown", "html", "pdf" or "docx")."""
    if fmt == "markdown":
        from crossroads.report.briefing.markdown import render_markdown

        return render_markdown(brief)
    if fmt == "html":
        from crossroads.report.briefing.html import render_html

        return render_html(brief)
    if fmt == "pdf":
        from crossroads.report.briefing.pdf import render_pdf

        return render_pdf(brief)
    if fmt == "docx":
        from crossroads.report.briefing.word import render_docx

        return render_docx(brief)
    raise ValueError(f"unknown briefing format {fmt!r}: use markdown, html, pdf or docx")


def render_briefing(
    result: Result,
    fmt: str,
    *,
    title: str | None = None,
    author: str | None = None,
    classification: str | None = None,
    paper: str = "a4",
    robustness: Robustness | None = None,
) -> str | bytes:
    """The briefing for *result* in *fmt*: text for Markdown and HTML, bytes for PDF and
    Word."""
    check_paper(paper)
    brief = build_briefing(result, title=title, author=author, classification=classification,
                           paper=paper, robustness=robustness)
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
) -> Path:
    """Write the briefing for *result* to *path*; the suffix (.md, .html, .pdf, .docx) picks
    the
    format.  Refuses to replace an existing file unless *force*; never leaves half a file.
    """
    path = Path(path)
    fmt = format_for(path)
    check_writable(path, force=force)  # fail before the work of laying out a PDF
    data = render_briefing(result, fmt, title=title, author=author,
                           classification=classification, paper=paper, robustness=robustness)
    return write_atomic(path, data, force=force)
