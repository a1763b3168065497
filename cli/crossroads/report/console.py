"""The one place a rich Console is made, so colour, width and box rules live together.

On a terminal: colour and the terminal's width.  Piped or redirected: no colour, no box
drawing (tables become plain aligned columns, panels plain text), and the width of
``$COLUMNS`` when set (else 120, wide enough for the reasons column), so a pager, ``grep``
or a file gets text, not line art.  Every console is a :class:`SafeConsole`: data text
never reaches the terminal as markup or control sequences.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import (
    Console,
    ConsoleOptions,
    ConsoleRenderable,
    Group,
    RenderableType,
    RenderHook,
)
from rich.panel import Panel
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from crossroads.report.safe_text import UNSAFE, SafeStream, TrimmedStream, raw_stream, visible

PIPED_WIDTH = 120


class SafeConsole(Console):
    """A Console that never interprets markup in strings and shows controls visibly."""

    def render_str(self, text: str, **kwargs: Any) -> Text:
        kwargs["markup"] = False
        return super().render_str(visible(text), **kwargs)

    def render(self, renderable: RenderableType, options: ConsoleOptions | None = None
               ) -> Iterable[Segment]:
        # A backstop for Text objects built from data: rich emits its own escape codes
        # for styles later, from segment styles, so only the text itself is cleaned.
        for segment in super().render(renderable, options):
            if segment.control or not UNSAFE.search(segment.text):
                yield segment
            else:
                yield Segment(visible(segment.text), segment.style, segment.control)


def _stream(stderr: bool, piped: bool = False) -> Any:
    # SafeConsole cleans data text itself, so it writes under SafeStream's cleaning (which
    # would make rich's own colour codes visible) but keeps its OutputError on failure.
    kind = TrimmedStream if piped else SafeStream
    return kind(raw_stream(sys.stderr if stderr else sys.stdout), clean=False)


class _PlainBoxes(RenderHook):
    """Strips the box drawing from tables and panels about to be printed."""

    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[Any]:
        return [_plain(r) for r in renderables]


def _plain(renderable: Any) -> Any:
    if isinstance(renderable, Table):
        renderable.box = None
        renderable.show_edge = False
        for row in renderable.columns:
            _plain_cells(row._cells)
    elif isinstance(renderable, Panel):
        inner = _plain(renderable.renderable)
        title = renderable.title
        parts: list[Any] = [title, inner] if title else [inner]
        if renderable.subtitle:
            parts.append(renderable.subtitle)
        return Group(*parts)
    elif hasattr(renderable, "renderables"):
        for child in renderable.renderables:
            _plain(child)
    return renderable


def _plain_cells(cells: Sequence[Any]) -> None:
    for cell in cells:
        _plain(cell)


# The widest layout drawn: rendering work grows with the width, and COLUMNS=1000000000
# must not make a table take minutes.
MAX_WIDTH = 1_000


def console(stderr: bool = False) -> Console:
    columns = os.environ.get("COLUMNS", "").strip()
    given = int(columns) if columns.isascii() and columns.isdigit() and len(columns) < 12 \
        else None
    out = SafeConsole(file=_stream(stderr), highlight=False, soft_wrap=False,
                      width=MAX_WIDTH if given is not None and given > MAX_WIDTH else None)
    if out.is_terminal:
        return out
    width = min(given, MAX_WIDTH) if given is not None and given > 20 else PIPED_WIDTH
    piped = SafeConsole(file=_stream(stderr, piped=True), highlight=False, soft_wrap=False,
                        width=width, color_system=None)
    piped.push_render_hook(_PlainBoxes())
    return piped
