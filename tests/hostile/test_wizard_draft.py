"""Class 9: a wizard draft that cannot be written is said once on stderr, not lost silently."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from crossroads.core.errors import InputError
from crossroads.wizard import drafts
from crossroads.wizard.drafts import DRAFT_NAME, Draft, save_draft


def _unwritable(tmp_path: Path, how: str) -> Path:
    if how == "read-only folder":
        if os.geteuid() == 0:
            pytest.skip("root writes into read-only folders")
        folder = tmp_path / "archive"
        folder.mkdir()
        folder.chmod(0o500)
        return folder / DRAFT_NAME
    if how == "folder is a file":  # stands in for a read-only folder when run as root
        (tmp_path / "archive").write_text("", encoding="utf-8")
        return tmp_path / "archive" / DRAFT_NAME
    (tmp_path / DRAFT_NAME).mkdir()  # a directory where the draft file should go
    return tmp_path / DRAFT_NAME


@pytest.mark.parametrize("how", ["read-only folder", "folder is a file", "directory in the way"])
def test_an_unwritable_draft_warns_once(tmp_path: Path, how: str,
                                        capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(drafts, "_warned", set())
    path = _unwritable(tmp_path, how)
    draft = Draft("partner-engagement", "kazakhstan-2025", {"risk_aversion": 0.5})
    for _answer in range(3):  # the wizard saves after every answer
        with pytest.raises(InputError):
            save_draft(draft, path)
    err = capsys.readouterr().err
    assert err.count("warning: cannot keep a wizard draft") == 1, err
    assert DRAFT_NAME in err and "cannot be resumed" in err


def test_a_writable_draft_says_nothing(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = save_draft(Draft("partner-engagement"), tmp_path / DRAFT_NAME)
    assert path.is_file() and capsys.readouterr().err == ""
