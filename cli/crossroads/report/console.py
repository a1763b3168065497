"""The one place a rich Console is made, so colour, width and box rules live together.

On a terminal: colour and the terminal's width.  Piped or redirected: no colour, no box
drawing (tables become plain aligned columns, panels plain text), and the width of
``$COLUMNS`` when set (else 120, wide enough for the reasons column), so a pager, ``grep``
or a file gets text, not line art.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from rich.console import Console, ConsoleRenderable, RenderHook
from rich.panel import Panel
from rich.table import Table

PIPED_WIDTH = 120


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
        from rich.console import Group

        return Group(*parts)
    elif hasattr(renderable, "renderables"):
        for child in renderable.renderables:
            _plain(child)
    return renderable


def _plain_cells(cells: Sequence[Any]) -> None:
    for cell in cells:
        _plain(cell)


def console(stderr: bool = False) -> Console:
    out = Console(stderr=stderr, highlight=False, soft_wrap=False)
    if out.is_terminal:
        return out
    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() and int(columns) > 20 else PIPED_WIDTH
    piped = Console(stderr=stderr, highlight=False, soft_wrap=False, width=width,
                    color_system=None)
    piped.push_render_hook(_PlainBoxes())
    return piped
