"""Parsed YAML documents cached as plain JSON in the user cache directory.

Parsing a pack's YAML with positions is about a third of loading it.  A parsed
:class:`~crossroads.io.yamldoc.Doc` is plain data (values, line/column positions, scalar
styles), so it is stored as JSON keyed by the SHA-256 of the file's text and the
crossroads version.  Only the parse is skipped: the loader still validates every value
and compiles and checks every expression from the cached data, so a cache file that
someone else wrote can say no more than a YAML file could.  Nothing executable is
stored.  Any unreadable, stale or odd cache entry is ignored and the file parsed again;
a cache that cannot be written is skipped silently (it only saves time).

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
from crossroads.core.errors import Location
from crossroads.io.yamldoc import Doc, display_path, parse_yaml, read_text

CACHE_FORMAT = 1
# A marker no YAML key can start with in a cached file (such documents are not cached).
_TAG = "\x00"


def cache_dir() -> Path | None:
    """Where parsed documents are kept, or None when caching is off."""
    chosen = os.environ.get("CROSSROADS_CACHE_DIR")
    if chosen:
        return None if chosen == "off" else Path(chosen)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "crossroads"


def load_doc(path: Path, missing_hint: str = "check the spelling of the path") -> Doc:
    """Like :func:`~crossroads.io.yamldoc.load_yaml`, reusing a cached parse of the same text."""
    text = read_text(path, missing_hint)
    shown = display_path(path)
    directory = cache_dir()
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
        stored = json.loads(entry.read_text(encoding="utf-8"))
        if stored["digest"] != digest:
            return None
        doc = Doc(shown, _decode(stored["data"]))
        for key, line, column in stored["positions"]:
            doc.positions[tuple(key)] = Location(shown, int(line), int(column))
        for key, line, column in stored["key_positions"]:
            doc.key_positions[tuple(key)] = Location(shown, int(line), int(column))
        for key, style in stored["styles"]:
            doc.styles[tuple(key)] = None if style is None else str(style)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, half-written or foreign: parse the YAML instead
    return doc


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
    try:
        directory.mkdir(parents=True, exist_ok=True)
        partial = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps(stored, separators=(",", ":")), encoding="utf-8")
        partial.replace(entry)  # readers never see half a file
    except OSError:
        return


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


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if len(value) == 1:
            ((key, text),) = value.items()
            if key == _TAG + "date":
                return _dt.date.fromisoformat(text)
            if key == _TAG + "datetime":
                return _dt.datetime.fromisoformat(text)
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value
