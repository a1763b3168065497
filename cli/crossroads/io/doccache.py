"""Parsed YAML documents cached as plain JSON in the user cache directory.

Parsing a pack's YAML with positions is about a third of loading it.  A parsed
:class:`~crossroads.io.yamldoc.Doc` is plain data (values, line/column positions, scalar
styles), so it is stored as JSON keyed by the SHA-256 of the file's text and the
crossroads version.  Only the parse is skipped: the loader still validates every value
and compiles and checks every expression from the cached data, so a cache file that
someone else wrote can say no more than a YAML file could.  Nothing executable is
stored.  An entry is read by the same guarded read as any input (a regular file, under
a size cap), its nesting is bounded and every field checked; any unreadable, stale or
odd entry is ignored and the file parsed again.  A cache that cannot be written is
skipped silently (it only saves time).

A cache is a copy that outlives the run, and scenarios may be classified: only pack
files are cached.  A user's scenario is cached only when ``CROSSROADS_CACHE_SCENARIOS=1``
opts in (it saves well under a millisecond of parsing; the YAML import it may spare is
about 15 ms).  Entries are 0600 in a 0700 folder.

The directory is ``$CROSSROADS_CACHE_DIR``, else ``$XDG_CACHE_HOME/crossroads``, else
``~/.cache/crossroads``; ``CROSSROADS_CACHE_DIR=off`` turns the cache off.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from crossroads._version import __version__
from crossroads.core.errors import InputError, Location
from crossroads.io.files import write_private
from crossroads.io.yamldoc import (
    MAX_DEPTH,
    STDIN_PATHS,
    Doc,
    display_path,
    parse_yaml,
    read_bytes,
    read_text,
)

CACHE_FORMAT = 2
# A marker no YAML key can start with in a cached file (such documents are not cached).
_TAG = "\x00"
# A cached parse is larger than its YAML (positions, styles); entries past this are odd.
_ENTRY_CAP = 50_000_000


def scenarios_opted_in() -> bool:
    """Whether the user asked for scenarios to be cached too (off by default)."""
    return os.environ.get("CROSSROADS_CACHE_SCENARIOS", "").strip().lower() in {"1", "yes",
                                                                                 "true", "on"}


def cache_dir() -> Path | None:
    """Where parsed documents are kept, or None when caching is off."""
    chosen = os.environ.get("CROSSROADS_CACHE_DIR")
    if chosen:
        return None if chosen == "off" else Path(chosen)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "crossroads"


def load_doc(path: Path, missing_hint: str = "check the spelling of the path", *,
             cache: bool = True) -> Doc:
    """Like :func:`~crossroads.io.yamldoc.load_yaml`, reusing a cached parse of the same
    text; *cache* False reads and parses without looking at or writing the cache."""
    text = read_text(path, missing_hint)
    shown = "stdin" if str(path) in STDIN_PATHS else display_path(path)
    directory = cache_dir() if cache and str(path) not in STDIN_PATHS else None
    if directory is None:
        return parse_yaml(text, shown)
    digest = hashlib.sha256(f"{__version__}\n{CACHE_FORMAT}\n{text}".encode()).hexdigest()
    entry = directory / f"doc-{digest}.json"
    cached = _read(entry, digest, shown)
    if cached is not None:
        return cached
    doc = parse_yaml(text, shown)  # problems raise here and are never cached
    _write(directory, entry, digest, doc)
    return doc


def _read(entry: Path, digest: str, shown: str) -> Doc | None:
    try:
        raw = read_bytes(entry, cap=_ENTRY_CAP)
    except InputError:
        return None  # missing, not a regular file, too large
    try:
        stored = json.loads(raw)
        if not isinstance(stored, dict) or stored.get("digest") != digest:
            return None
        doc = Doc(shown, _decode(stored["data"], 0))
        for key, line, column in stored["positions"]:
            doc.positions[_key(key)] = Location(shown, _count(line), _count(column))
        for key, line, column in stored["key_positions"]:
            doc.key_positions[_key(key)] = Location(shown, _count(line), _count(column))
        for key, style in stored["styles"]:
            if style not in _STYLES:
                return None
            doc.styles[_key(key)] = style
    except (ValueError, KeyError, TypeError, RecursionError, _Uncacheable):
        return None  # half-written or foreign: parse the YAML instead
    return doc


_STYLES = (None, "", '"', "'", "|", ">")


def _key(parts: Any) -> tuple[str | int, ...]:
    if not isinstance(parts, list) or len(parts) > MAX_DEPTH + 1 or not all(
            isinstance(p, str) or (isinstance(p, int) and not isinstance(p, bool))
            for p in parts):
        raise _Uncacheable
    return tuple(parts)


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 1 << 31:
        raise _Uncacheable
    return value


def _write(directory: Path, entry: Path, digest: str, doc: Doc) -> None:
    try:
        data = _encode(doc.data)
    except _Uncacheable:
        return
    stored = {
        "digest": digest,
        "data": data,
        "positions": [[list(k), at.line, at.column] for k, at in doc.positions.items()],
        "key_positions": [[list(k), at.line, at.column] for k, at in doc.key_positions.items()],
        "styles": [[list(k), style] for k, style in doc.styles.items()],
    }
    write_private(entry, json.dumps(stored, separators=(",", ":")))


class _Uncacheable(Exception):
    """A value JSON cannot carry exactly (e.g. a non-text mapping key)."""


def _encode(value: Any) -> Any:
    if isinstance(value, dict):
        if not all(isinstance(k, str) and not k.startswith(_TAG) for k in value):
            raise _Uncacheable
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, _dt.datetime):
        return {_TAG + "datetime": value.isoformat()}
    if isinstance(value, _dt.date):
        return {_TAG + "date": value.isoformat()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise _Uncacheable


def _decode(value: Any, depth: int) -> Any:
    if depth > MAX_DEPTH + 1:
        raise _Uncacheable  # deeper than any YAML the parser lets through
    if isinstance(value, dict):
        if len(value) == 1:
            ((key, text),) = value.items()
            if key == _TAG + "date":
                return _dt.date.fromisoformat(text)
            if key == _TAG + "datetime":
                return _dt.datetime.fromisoformat(text)
        return {k: _decode(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v, depth + 1) for v in value]
    return value
