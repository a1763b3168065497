"""The one sanitiser for text that reaches a terminal.

Packs, scenarios, log rows and file names are untrusted.  Raw, their text could clear
the screen, write the clipboard (OSC 52), hide a link (OSC 8), reorder what the analyst
reads (bidi overrides) or, through rich markup, restyle output and crash the renderer.
Everything shown goes through :func:`visible`: control characters and bidi controls are
replaced by a visible escape such as ``\\x1b`` or ``\\u202e``, and rich never interprets
markup in data.  Three entry points cover every path to the terminal:

* ``report.console.SafeConsole`` for rich renderings (markup off, every text segment
  made visible);
* :class:`SafeStream`, installed over stdout and stderr by ``crossroads.app.main`` for
  plain writes (``typer.echo``, error messages, CSV, Markdown);
* :func:`safe` and :func:`visible` for the few places (panel titles, wizard prompts) that
  build their own renderables or hand text to another library.
"""

from __future__ import annotations

import dataclasses
import errno
import re
from collections.abc import Callable, Iterable
from typing import IO, TYPE_CHECKING, Any

from crossroads.core.errors import OutputClosedByReader, OutputError

if TYPE_CHECKING:  # rich is imported only when something is rendered (fast --help)
    from rich.text import Text

# C0 controls except tab and newline, DEL, C1 controls, and the Unicode bidi controls
# (embeddings, overrides, isolates, marks) that change the order text is displayed in.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                     "\u2066-\u2069\ufeff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """*text* with every control and bidi character replaced by a visible escape."""
    return UNSAFE.sub(_escape, text)


# Besides the controls above, what XML 1.0 cannot hold at all: CR kept raw would be folded
# by parsers, lone surrogates and the noncharacters U+FFFE and U+FFFF are not characters.
_NOT_XML = re.compile("[\r\ud800-\udfff\ufffe\uffff]")


def document_text(text: str) -> str:
    """*text* as it may go into a written document (Markdown, HTML, PDF, Word XML): what
    the terminal would be shown (:func:`visible`), and nothing XML cannot hold."""
    return _NOT_XML.sub(_escape, visible(text))


def clean_strings(value: Any, clean: Callable[[str], str]) -> Any:
    """*value* (dataclasses, named tuples, tuples, lists, dicts of them) with *clean*
    applied to every string in it: a whole model made safe before a layout reads it."""
    if isinstance(value, str):
        return clean(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: clean_strings(getattr(value, f.name), clean)
                   for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        items = [clean_strings(item, clean) for item in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, list):
        return [clean_strings(item, clean) for item in value]
    if isinstance(value, dict):
        return {clean_strings(k, clean): clean_strings(v, clean) for k, v in value.items()}
    return value


# A completion candidate every shell typer supports takes as one literal word: bash reads
# the candidates unquoted (globbing), zsh evals them, PowerShell splits on ":::", fish
# splits lines.  Letters and digits of any script and a few inert punctuation marks only.
_SHELL_WORD = re.compile(r"[^\W_]?[\w.,%+=@/-]*", re.UNICODE)


def shell_words(candidates: Iterable[str]) -> list[str]:
    """The completion candidates that are plain words, in order; any other candidate
    (a pack's label holding ``$(...)``, a quote, a backslash, a space) is not offered:
    the user can still type it, but Tab never hands it to the shell's evaluation."""
    return [word for word in candidates if word and _SHELL_WORD.fullmatch(word)]


def safe(text: str, style: str = "") -> Text:
    """A rich Text of untrusted *text*: never parsed as markup, controls made visible."""
    from rich.text import Text  # lazily: --help loads this module and must not load rich

    return Text(visible(text), style=style)


class SafeStream:
    """A text stream wrapper that makes control characters visible in everything written."""

    def __init__(self, stream: IO[str] | None, *, clean: bool = True) -> None:
        self.raw_stream = stream
        # clean=False is for SafeConsole, which cleans data itself and writes its own
        # colour codes; the stream then only turns write failures into OutputError.
        self.clean = clean

    def write(self, text: str) -> int:
        # OutputError, not OSError: click would turn a broken pipe into a silent exit 1.
        if self.raw_stream is None:  # started with the stream closed (`>&-`)
            raise OutputError("output closed: standard output is not open")
        out = visible(text) if self.clean else text
        try:
            try:
                self.raw_stream.write(out)
            except UnicodeEncodeError:  # PYTHONIOENCODING=ascii, a Latin-1 terminal
                encoding = getattr(self.raw_stream, "encoding", None) or "ascii"
                self.raw_stream.write(out.encode(encoding, "backslashreplace")
                                      .decode(encoding))
        except (OSError, ValueError) as error:
            raise _output_error(error) from None
        return len(text)

    def isatty(self) -> bool:
        return self.raw_stream is not None and self.raw_stream.isatty()

    def flush(self) -> None:
        if self.raw_stream is not None:
            try:
                self.raw_stream.flush()
            except (OSError, ValueError) as error:
                raise _output_error(error) from None

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw_stream, name)


class TrimmedStream(SafeStream):
    """Piped output without the spaces rich pads each line with: a trailing blank is
    never content, and a file or ``diff`` should not carry them."""

    def __init__(self, stream: IO[str] | None, *, clean: bool = True) -> None:
        super().__init__(stream, clean=clean)
        self.pending = ""  # trailing blanks of an unfinished line, written if text follows

    def write(self, text: str) -> int:
        lines = (self.pending + text).split("\n")
        last = lines.pop()
        kept = last.rstrip(" ")
        self.pending = last[len(kept):]
        out = "".join(line.rstrip(" ") + "\n" for line in lines) + kept
        if out:
            super().write(out)
        return len(text)


def _output_error(error: OSError | ValueError) -> OutputError:
    if isinstance(error, BrokenPipeError) or getattr(error, "errno", None) == errno.EPIPE:
        return OutputClosedByReader("output closed early (the reading program stopped)")
    if isinstance(error, ValueError):
        return OutputError("output closed")
    return OutputError(f"cannot write output: {error.strerror or error}")


def raw_stream(stream: Any) -> Any:
    """The stream under a :class:`SafeStream` (rich writes its own style codes to it)."""
    return getattr(stream, "raw_stream", stream)
