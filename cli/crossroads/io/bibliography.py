"""A pack's ``sources:`` bibliography read from YAML: who published what, when, and where.

Rules and scenario facts cite entries by id, so a briefing can print a real bibliography
instead of repeating free-text citations.  ``text:`` names a local copy of the full text
(relative to the pack directory) that quotes can be checked against.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from crossroads.core.model import Reference
from crossroads.io.confine import TEXT_SUFFIXES, Outside, confined
from crossroads.io.reader import ITEM_ID, Reader
from crossroads.io.yamldoc import PathKey

_KEYS = ("id", "title", "publisher", "date", "url", "text")


def read_sources(r: Reader, path: PathKey, raw: Any, directory: Path) -> dict[str, Reference]:
    """The bibliography entries under *path*, each checked and located."""
    sources: dict[str, Reference] = {}
    for i, entry in enumerate(r.items(path, raw, what="sources")):
        where = (*path, i)
        if r.mapping(where, entry, required=("id", "title", "publisher", "date"),
                     optional=_KEYS, what="source") is None:
            continue
        ident = r.identifier((*where, "id"), entry.get("id"), what="source id", pattern=ITEM_ID)
        if ident is None:
            continue
        if ident in sources:
            r.error((*where, "id"), f"duplicate source id {ident!r}", "give each one a unique id")
            continue
        date = entry.get("date")
        if isinstance(date, _dt.date):
            date = date.isoformat()
        text_path = None
        if entry.get("text") is not None:
            name = r.text((*where, "text"), entry["text"], what="text")
            try:  # a copy of the source beside the packs, never a file elsewhere on disk
                text_path = confined(name, base=directory, root=directory.resolve().parent,
                                     suffixes=TEXT_SUFFIXES, what="a source's text") \
                    if name else None
            except Outside as outside:
                r.error((*where, "text"), outside.message, outside.hint)
        sources[ident] = Reference(
            ident, r.text((*where, "title"), entry.get("title"), what="title", required=True),
            r.text((*where, "publisher"), entry.get("publisher"), what="publisher"),
            r.text((*where, "date"), str(date) if date is not None else None, what="date"),
            r.at(where), r.text((*where, "url"), entry.get("url"), what="url"), text_path)
    return sources
