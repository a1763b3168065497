"""`brief --help` promises what `brief` does (issue 20: it promised "one to three pages"
when every PDF had four, and "confidence from the score margin alone" for
--no-robustness, which judges confidence on the sources)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pypdf

from conftest import Run


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_help_promises_three_pages_and_the_pdf_has_three(cli: Callable[..., Run],
                                                         tmp_path: Path) -> None:
    help_text = _flat(cli("brief", "--help").out)
    assert "three-page briefing" in help_text and "one-to-three" not in help_text
    target = tmp_path / "b.pdf"
    assert cli("brief", "uzbekistan-2025", "--draws", "500", "-o", target).code == 0
    assert len(pypdf.PdfReader(str(target)).pages) == 3


def test_no_robustness_does_what_its_help_says(cli: Callable[..., Run]) -> None:
    help_text = _flat(cli("brief", "--help").out)
    assert "score margin" not in help_text
    assert "names the base-case leader without recommending" in help_text
    run = cli("brief", "kazakhstan-2025", "--no-robustness", "--no-log")
    assert run.code == 0, run.err
    assert "**Base-case leader: " in run.out and "Recommend" not in run.out.split("##")[1]
    assert "How often first" not in run.out and "What drives the answer" not in run.out
    assert "Judged on the sources and the reasoning" in run.out  # confidence still judged


def test_yardstick_does_what_its_help_says(cli: Callable[..., Run]) -> None:
    help_text = _flat(cli("brief", "--help").out)
    assert "--yardstick" in help_text and "PHIA" in help_text and "ICD 203" in help_text
    phia = cli("brief", "kyrgyzstan-2025", "--draws", "2000", "--yardstick", "phia",
               "--no-log")
    assert phia.code == 0, phia.err
    line = next(x for x in phia.out.splitlines() if x.startswith("**How often first"))
    assert "UK PHIA probability yardstick (2025) word for that frequency:" in line
    assert "ICD 203 word" not in line
    assert "Frequency words follow the UK PHIA probability yardstick" in phia.out
    bad = cli("brief", "kyrgyzstan-2025", "--yardstick", "nato", "--no-log")
    assert bad.code == 2 and "unknown yardstick 'nato'" in bad.err and "Traceback" not in bad.err
