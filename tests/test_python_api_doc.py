"""docs/reference/python-api.md runs as written: its ``pycon`` examples are a doctest.

Every block is run in order in one namespace, in a scratch folder, and its printed
output compared with the page, so no number on the page can drift from the code.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

from conftest import ROOT

PAGE = ROOT / "docs" / "reference" / "python-api.md"
BLOCK = re.compile(r"^```pycon\n(.*?)^```", re.M | re.S)


def test_every_example_on_the_python_api_page_prints_what_the_page_says(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    blocks = BLOCK.findall(PAGE.read_text(encoding="utf-8"))
    assert len(blocks) >= 8, "the page lost its examples"
    test = doctest.DocTestParser().get_doctest("\n".join(blocks), {}, PAGE.name, str(PAGE), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report: list[str] = []
    runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)
    assert runner.tries >= 40  # every example ran
    assert (tmp_path / "kazakhstan.pdf").is_file()
