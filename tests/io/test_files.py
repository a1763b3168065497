"""Output files are written whole, never over an existing file without force."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from crossroads.core.errors import InputError
from crossroads.io.files import write_atomic


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="already exists"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "mine"
    write_atomic(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]  # no temporary left


def test_new_files_get_the_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = write_atomic(tmp_path / "scenario.yaml", "x: 1\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="its directory does not exist"):
        write_atomic(tmp_path / "nope" / "out.md", "x")


def test_a_failed_write_is_a_clear_error_and_leaves_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(InputError, match="cannot write: No space left on device"):
        write_atomic(tmp_path / "brief.md", "text")
    assert list(tmp_path.iterdir()) == []
