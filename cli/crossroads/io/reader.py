"""Small helpers that check plain YAML data and report problems at their YAML position."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

from crossroads.core.errors import Location, ProblemCollector
from crossroads.core.factors import suggest
from crossroads.io.yamldoc import Doc, PathKey

FACTOR_ID = re.compile(r"^[a-z][a-z0-9_]*$")
ITEM_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
# Unknown keys reported one by one (each with a did-you-mean); the rest as one count, so
# a file of 200,000 stray keys is refused in a moment with a readable message.
MAX_UNKNOWN_KEYS = 20
# Line breaks, with the spaces around them: a title is printed on one line, and a title
# holding a newline could print a second, forged line ("Base-case leader: ...").
_LINE_BREAK = re.compile("\\s*[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+\\s*")


def one_line(text: str) -> str:
    """*text* with every line break (and the spaces around it) folded into one space."""
    return _LINE_BREAK.sub(" ", text).strip() if _LINE_BREAK.search(text) else text


class Reader:
    """Reads typed values out of a :class:`Doc`, recording problems instead of raising."""

    def __init__(self, doc: Doc, problems: ProblemCollector) -> None:
        self.doc = doc
        self.problems = problems

    def at(self, path: PathKey) -> Location:
        return self.doc.at(path)

    def error(self, path: PathKey, message: str, hint: str = "") -> None:
        self.problems.add(self.at(path), message, hint)

    def mapping(
        self,
        path: PathKey,
        value: Any,
        *,
        required: Iterable[str] = (),
        optional: Iterable[str] = (),
        what: str = "entry",
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            # A whole file that is not a mapping is not the kind of file expected: its
            # content is never echoed (it may be any file a colleague's path named).
            got = _kind(value) if path else _kind(value, echo=False)
            self.error(path, f"{what} must be a mapping of keys to values, got {got}",
                       "write `key: value` lines" if path else "is this the right file?")
            return None
        required = tuple(required)
        allowed = set(required) | set(optional)
        unknown = [key for key in value if key not in allowed]
        if not path and "format" in required and unknown and not _ours(value.get("format")):
            # No crossroads format and keys of something else: another kind of file,
            # whose keys and values are not repeated back (they may be secrets).
            self.error(path, f"not a crossroads {what} (no `format: crossroads...` line, "
                       f"and {len(unknown):,} keys crossroads does not read)",
                       "is this the right file?")
            return None
        for key in unknown[:MAX_UNKNOWN_KEYS]:
            hint = suggest(key, allowed) or f"allowed keys: {', '.join(sorted(allowed))}"
            self.problems.add(self.doc.key_at((*path, key)), f"unknown key {key!r} in {what}",
                              hint)
        if len(unknown) > MAX_UNKNOWN_KEYS:
            rest = unknown[MAX_UNKNOWN_KEYS:]
            self.problems.add(self.doc.key_at((*path, rest[0])),
                              f"{len(rest):,} more unknown keys in {what}",
                              f"allowed keys: {', '.join(sorted(allowed))}")
        for key in required:
            if key not in value:
                self.error(path, f"{what} is missing the required key {key!r}",
                           f"add `{key}: ...`")
        return value

    def text(self, path: PathKey, value: Any, *, what: str, required: bool = False,
             line: bool = False) -> str:
        """Text at *path*; *line* folds line breaks (a field printed on one line)."""
        if value is None:
            if required:
                self.error(path, f"{what} must not be empty", f"give a {what}")
            return ""
        if isinstance(value, bool | dict | list):
            self.error(path, f"{what} must be text, got {_kind(value)}", "write plain text")
            return ""
        return one_line(str(value)) if line else str(value)

    def identifier(self, path: PathKey, value: Any, *, what: str, pattern: re.Pattern[str] = ITEM_ID
                   ) -> str | None:
        if not isinstance(value, str) or not pattern.match(value):
            rule = ("lower-case letters, digits and _" if pattern is FACTOR_ID
                    else "lower-case letters, digits, '-', '_' and '.'")
            self.error(path, f"{what} {value!r} is not a valid id", f"use {rule}")
            return None
        return value

    def number(self, path: PathKey, value: Any, *, what: str, low: float | None = None,
               high: float | None = None) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(path, f"{what} must be a number, got {_kind(value)}", "write e.g. 0.5")
            return None
        if not math.isfinite(value):
            self.error(path, f"{what} must be finite", "write a finite number")
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.error(path, f"{what} {value} is outside {_span(low, high)}",
                       f"use a value in {_span(low, high)}")
            return None
        return float(value)

    def items(self, path: PathKey, value: Any, *, what: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(path, f"{what} must be a list, got {_kind(value)}", "start items with `- `")
            return []
        return value

    def string_list(self, path: PathKey, value: Any, *, what: str) -> tuple[str, ...]:
        out = []
        for i, item in enumerate(self.items(path, value, what=what)):
            if isinstance(item, str) and item:
                out.append(item)
            else:
                self.error((*path, i), f"{what} items must be text, got {_kind(item)}")
        return tuple(out)

    def format_version(self, data: dict[str, Any], expected: str) -> None:
        """Every file names its format; refuse other kinds and versions clearly."""
        found = data.get("format")
        if found == expected:
            return
        kind = expected.rsplit("/", 1)[0]
        if found is None:
            self.error((), f"missing `format: {expected}`", f"add `format: {expected}` at the top")
        elif isinstance(found, str) and found.startswith(kind + "/"):
            self.error(("format",), f"format {found!r} is not supported by this crossroads "
                       f"(it reads {expected!r})", "upgrade crossroads or convert the file")
        else:
            shown = repr(found) if _ours(found) else "another kind of file"
            self.error(("format",), f"expected format {expected!r}, found {shown}",
                       "is this the right kind of file?")


def _ours(found: Any) -> bool:
    """Whether a ``format:`` value names a crossroads format (any kind or version)."""
    return isinstance(found, str) and found.startswith("crossroads.")


def _kind(value: Any, *, echo: bool = True) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a true/false value ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})" if echo else "a number"
    if isinstance(value, str):
        return f"text ({value!r})" if echo and len(value) < 40 else "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _span(low: float | None, high: float | None) -> str:
    lo = "-inf" if low is None else f"{low:g}"
    hi = "inf" if high is None else f"{high:g}"
    return f"[{lo}, {hi}]"
