"""Guarded access to the decision-log file: what it may be, who may read it, what a row is.

A log records briefings that may be classified, and it may be edited, archived read-only
or replaced by something that is not a file at all.  So: a new log is created private
(mode 0600); only a regular file is ever opened (a FIFO at the path would hang SQLite);
read commands open the log read-only, so an archived log can still be browsed.  What a
log someone else made may hold (triggers, edited rows) is :mod:`crossroads.log.guard`'s.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import sys
from pathlib import Path
from urllib.parse import quote

from crossroads.core.words import count_of
from crossroads.log.guard import harden

PRIVATE_MODE = 0o600


def regular_file_problem(path: Path) -> str | None:
    """Why *path* cannot be a log (not a regular file), or None when it can (or is absent)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"cannot use it: {error.strerror or error}"
    if stat.S_ISREG(info.st_mode):
        return None
    if stat.S_ISDIR(info.st_mode):
        return "is a directory"
    return "is not a regular file (a device, FIFO or socket)"


def create_private(path: Path) -> None:
    """Create an empty log file readable by its owner only (no-op when it exists)."""
    with contextlib.suppress(FileExistsError):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)
        os.close(fd)


def connect_read_only(path: Path, timeout: float) -> sqlite3.Connection:
    """A read-only connection; falls back to ``immutable`` for a log nobody may write.

    SQLite in WAL mode needs a writable ``-shm`` file even to read; an archived log in a
    read-only folder has none, and is by definition not being written, so it is opened
    as immutable.
    """
    uri = "file:" + quote(str(path.resolve()))
    try:
        db = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=timeout,
                             isolation_level=None)
        harden(db)
        db.execute("PRAGMA user_version").fetchone()
        return db
    except sqlite3.OperationalError as error:
        if "locked" in str(error).lower() or os.access(path.parent, os.W_OK):
            raise
    db = sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, timeout=timeout,
                         isolation_level=None)
    harden(db)
    return db


def warn_skipped(path: Path, skipped: list[tuple[str, str]]) -> None:
    """One warning line on stderr for the rows a read had to leave out."""
    if not skipped:
        return
    first_id, why = skipped[0]
    more = f" (and {len(skipped) - 1} more)" if len(skipped) > 1 else ""
    sys.stderr.write(f"warning: {path}: skipped {count_of(len(skipped), 'damaged run record')}: "
                     f"{first_id[:12]!r}: {why}{more}\n")
