"""The one rule for paths named inside files: they stay in the folder the file belongs to.

Packs, scenarios, pack tests and wizard drafts come from colleagues.  A path written in
one (`include:`, `tests:`, a pack test's `scenario:`, a source's `text:`) is resolved
from the folder of the file that names it, links followed, and must land:

- inside the **folder that holds the packs** (a pack's directory's parent, so packs may
  share a factor catalogue), or inside the shipped packs and scenarios;
- on a file of the kind expected there (a ``.yaml`` file, a ``.txt``/``.md`` text).

A scenario's or draft's ``pack:`` names a pack: a shipped id, or a directory holding
``pack.yaml`` (or that file itself); anything else is refused from ``stat`` alone, before
a byte is read.  The analyst's own scenarios may keep their packs anywhere (the wizard
writes the path the analyst chose), so ``pack:`` is confined by kind, not by folder.
Paths typed on the command line are the user's own and are not confined.  A file of the
right name that holds something else is refused by its reader without echoing it.
"""

from __future__ import annotations

from pathlib import Path

from crossroads.io.resources import rules_dir, scenarios_dir

YAML_SUFFIXES = (".yaml", ".yml")
TEXT_SUFFIXES = (".txt", ".md")
PACK_FILE = "pack.yaml"


class Outside(Exception):
    """A named path that the rule refuses: what is wrong and how to fix it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def packs_folder(pack_file: Path) -> Path:
    """The folder that holds the pack whose ``pack.yaml`` (or included file) is *pack_file*."""
    return pack_file.resolve().parent.parent


def confined(name: str, *, base: Path, root: Path, suffixes: tuple[str, ...],
             what: str) -> Path:
    """*name*, written in a file in folder *base*, resolved; it must lie inside *root* (or
    the shipped data) and end in one of *suffixes*, else :class:`Outside`."""
    target = (base / name).resolve()
    allowed = (root.resolve(), rules_dir().resolve(), scenarios_dir().resolve())
    if not any(target.is_relative_to(folder) for folder in allowed):
        raise Outside(f"{what} must name a file inside the folder that holds the packs "
                      f"({root.name or root}/); {name!r} is outside it",
                      f"move the file under {root.name or root}/ and name it relative to "
                      "this file")
    if not target.name.endswith(suffixes):
        raise Outside(f"{what} must name a {' or '.join(suffixes)} file, not {target.name!r}",
                      f"name a {suffixes[0]} file")
    return target


def named_pack(path: Path) -> Path | None:
    """The ``pack.yaml`` that *path* (from a scenario's or draft's ``pack:``) names: a
    directory holding one, or the file itself; None when it names no pack."""
    if path.is_dir():
        candidate = path / PACK_FILE
        return candidate if candidate.is_file() else None
    if path.name == PACK_FILE and path.is_file():
        return path
    return None
