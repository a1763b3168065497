"""Drafts: the answers of an unfinished wizard run, kept so ``--resume`` can continue.

A draft is a small YAML file in the working directory, rewritten atomically after every
answer, so even a closed terminal loses at most the question being asked.  It is removed
once the scenario is saved.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from crossroads.core.errors import InputError
from crossroads.io.files import write_atomic
from crossroads.io.yamldoc import display_path, load_yaml

DRAFT_FORMAT = "crossroads.wizard-draft/1"
DRAFT_NAME = ".crossroads-wizard.draft.yaml"


def default_draft_path() -> Path:
    return Path.cwd() / DRAFT_NAME


@dataclass
class Draft:
    """Where the wizard was: which pack, which starting scenario, the answers so far."""

    pack: str
    start: str | None = None
    answers: dict[str, Any] = field(default_factory=dict)

    def to_text(self) -> str:
        answers = {k: v.isoformat() if isinstance(v, _dt.date) else v
                   for k, v in self.answers.items()}
        data = {"format": DRAFT_FORMAT, "pack": self.pack, "start": self.start,
                "answers": answers}
        return ("# An unfinished `crossroads wizard` run; continue it with "
                "`crossroads wizard --resume`.\n"
                + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=88))


# Drafts that could not be written and were warned about: the draft is saved after every
# answer, and one warning per run is enough.
_warned: set[Path] = set()


def save_draft(draft: Draft, path: Path) -> Path:
    """Write *draft* to *path*; when that fails (a read-only folder, a full disk) say so
    once on stderr, since the analyst would otherwise learn it only on --resume, and
    raise as before."""
    try:
        return write_atomic(path, draft.to_text(), force=True)
    except (InputError, OSError) as error:
        if path not in _warned:
            _warned.add(path)
            why = error.problems[0].message if isinstance(error, InputError) else (
                error.strerror or str(error))
            sys.stderr.write(f"warning: cannot keep a wizard draft at {display_path(path)} "
                             f"({why}); an interrupted run cannot be resumed\n")
        raise


def load_draft(path: Path) -> Draft:
    """Read a draft back; answers are re-checked against the questions by the flow."""
    if not path.is_file():
        raise InputError.single(display_path(path), "no unfinished wizard run to resume here",
                                "run `crossroads wizard` without --resume to start one")
    doc = load_yaml(path)
    data = doc.data
    if not isinstance(data, dict) or data.get("format") != DRAFT_FORMAT:
        raise InputError.single(doc.at(()), f"not a wizard draft ({DRAFT_FORMAT})",
                                "delete it and start again with `crossroads wizard`")
    answers = data.get("answers") or {}
    if not isinstance(answers, dict) or not isinstance(data.get("pack"), str):
        raise InputError.single(doc.at(()), "the draft is damaged",
                                "delete it and start again with `crossroads wizard`")
    start = data.get("start")
    return Draft(data["pack"], str(start) if start else None,
                 {str(k): v for k, v in answers.items()})


def remove_draft(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
