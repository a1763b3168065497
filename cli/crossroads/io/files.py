"""Writing output files safely: never a partial file, never a silent overwrite."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from crossroads.core.errors import InputError
from crossroads.io.yamldoc import display_path


def check_writable(path: Path, *, force: bool) -> None:
    """Refuse to replace an existing file unless the user said --force.

    Only regular files are ever replaced: --force never turns a device, FIFO or socket
    into a YAML file, and a dangling symbolic link (which could point anywhere) counts as
    an existing file.
    """
    shown = display_path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as error:  # a name too long, a loop of links, a path through a file
        raise InputError.single(shown, f"cannot write: {error.strerror or error}",
                                "choose a shorter, ordinary file name") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise InputError.single(shown, "is a directory", "give a file name")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise InputError.single(shown, "is not a regular file (a device, FIFO or socket)",
                                "write to an ordinary file")
    if info is None and path.is_symlink() and not force:
        raise InputError.single(shown, "is a symbolic link to a file that does not exist",
                                "pass --force to replace the link, or choose another name")
    if (info is not None or path.is_symlink()) and not force:
        raise InputError.single(display_path(path), "already exists",
                                "pass --force to overwrite it, or choose another name")
    if not path.parent.exists():
        raise InputError.single(display_path(path), "its directory does not exist",
                                f"create {display_path(path.parent)} first")


def _mode_for(path: Path) -> int:
    """The permission bits for a file written at *path*: those of the regular file it
    replaces, else what the umask gives a new file."""
    try:
        info = path.stat()
    except OSError:
        info = None
    if info is not None and stat.S_ISREG(info.st_mode):
        return stat.S_IMODE(info.st_mode) & 0o777
    return 0o666 & ~_umask()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomic(path: Path, data: str | bytes, *, force: bool = False) -> Path:
    """Write *data* to a temporary file beside *path*, then rename it into place.

    A crash or Ctrl-C leaves either the old file or the new one, never half of either.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with open_atomic(path, force=force, text=False) as handle:
        handle.write(payload)
    return Path(path)


@contextlib.contextmanager
def open_atomic(path: Path, *, force: bool = False, text: bool = True) -> Iterator[IO[Any]]:
    """A handle on a temporary file beside *path*, renamed into place when the block ends
    without error (and removed when it does not), so output too large to hold in memory
    can be written as it is produced and still never leave half a file."""
    path = Path(path)
    check_writable(path, force=force)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise _cannot_write(path, error) from error
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would,
        # or the replaced file's own: a briefing kept 0600 stays 0600 when rewritten.
        os.fchmod(fd, _mode_for(path))
        mode = "w" if text else "wb"
        with os.fdopen(fd, mode, encoding="utf-8" if text else None) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if not force and (path.exists() or path.is_symlink()):  # appeared while writing
            raise InputError.single(display_path(path), "already exists",
                                    "pass --force to overwrite it")
        Path(tmp).replace(path)
    except OSError as error:  # unwritable directory, full disk, a file system without temp files
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
        raise _cannot_write(path, error) from error
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
        raise


PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def write_private(path: Path, text: str) -> bool:
    """Write crossroads' own file (a cache entry) readable by its owner only, in a folder
    created owner-only, atomically; False when it cannot be written (a cache only saves
    time, so the caller carries on).  A folder of someone else's is not used (what is
    written there could be read or replaced); our own, made open by an older version, is
    made owner-only again."""
    try:
        path.parent.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        info = path.parent.lstat()
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            return False
        if info.st_mode & 0o077:
            path.parent.chmod(PRIVATE_DIR)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:  # mkstemp: already 0600
            handle.write(text)
        Path(tmp).replace(path)  # readers never see half a file
    except OSError:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        return False
    return True


def _cannot_write(path: Path, error: OSError) -> InputError:
    return InputError.single(display_path(path), f"cannot write: {error.strerror or error}",
                             "check that the directory is writable and has space")
