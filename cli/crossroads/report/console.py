"""The one place a rich Console is made, so colour, width and safety rules live together."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.text import Text

from crossroads.report.safe_text import UNSAFE, SafeStream, raw_stream, visible


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


def console(stderr: bool = False) -> Console:
    # Wide enough for the reasons column when piped; colour only on a real terminal.
    # SafeConsole cleans data text itself, so it writes to the stream under SafeStream
    # (which would otherwise make rich's own colour codes visible).
    stream: Any = SafeStream(raw_stream(sys.stderr if stderr else sys.stdout), clean=False)
    return SafeConsole(file=stream, highlight=False, soft_wrap=False,
                       width=None if Console().is_terminal else 120)
