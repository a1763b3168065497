"""Writing output files safely: never a partial file, never a silent overwrite."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from crossroads.core.errors import InputError
from crossroads.io.yamldoc import display_path


def check_writable(path: Path, *, force: bool) -> None:
    """Refuse to replace an existing file unless the user said --force."""
    if path.is_dir():
        raise InputError.single(display_path(path), "is a directory", "give a file name")
    if path.exists() and not force:
        raise InputError.single(display_path(path), "already exists",
                                "pass --force to overwrite it, or choose another name")
    if not path.parent.exists():
        raise InputError.single(display_path(path), "its directory does not exist",
                                f"create {display_path(path.parent)} first")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomic(path: Path, data: str | bytes, *, force: bool = False) -> Path:
    """Write *data* to a temporary file beside *path*, then rename it into place.

    A crash or Ctrl-C leaves either the old file or the new one, never half of either.
    """
    path = Path(path)
    check_writable(path, force=force)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        _write_and_rename(path, payload, force=force)
    except OSError as error:  # unwritable directory, full disk, a file system without temp files
        raise InputError.single(display_path(path), f"cannot write: {error.strerror or error}",
                                "check that the directory is writable and has space") from error
    return path


def _write_and_rename(path: Path, payload: bytes, *, force: bool) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if not force and path.exists():  # appeared while we were writing
            raise InputError.single(display_path(path), "already exists",
                                    "pass --force to overwrite it")
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
        raise
