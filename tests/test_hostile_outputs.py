"""Each written format escapes what it cannot hold (issue 25, item 7).

The corpus (tests/hostile/p2-7-*) drives the commands; these tests pin the one escaping
function of each format on the characters that broke it, and the wizard's prompts.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree  # type: ignore[import-untyped]
from prompt_toolkit.application.current import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from crossroads.io.reader import one_line
from crossroads.report.escaping import csv_cell, csv_writer, json_text
from crossroads.report.safe_text import UNSAFE, document_text
from crossroads.wizard.prompt import Prompter
from crossroads.wizard.questions import QuestionKind, step_question

HOSTILE = "a\x00b\x01\x1b[2J\x7f\x85\x9b31m\u202eevil\u2066\ufeff\ufffe\uffff\ud800\r\n"


def test_json_text_is_valid_json_with_nothing_raw_and_the_same_text() -> None:
    text = json_text({"title": HOSTILE, "n": [1, 2.5]})
    assert json.loads(text) == {"title": HOSTILE, "n": [1, 2.5]}
    assert not UNSAFE.search(text)
    assert "\\x" not in text  # \x escapes are not JSON
    with pytest.raises(ValueError):
        json_text({"x": float("nan")})


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1+cmd|' /C calc'!A0",
                                  "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(cell: str) -> None:
    assert csv_cell(cell) == ("'" + cell).replace("\r", "\n")
    buffer = io.StringIO()
    csv_writer(buffer).writerow(["id", cell, -0.3, "-0.30", "12%"])
    csv_writer(buffer).writerow(["next", "row"])
    rows = list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
    assert rows[0] == ["id", csv_cell(cell), "-0.3", "-0.30", "12%"]  # numbers stay numbers
    assert rows[1] == ["next", "row"]


def test_document_text_holds_only_what_xml_can() -> None:
    clean = document_text(HOSTILE)
    etree.fromstring(f"<t>{clean.replace('&', '&amp;').replace('<', '&lt;')}</t>".encode())
    assert "\\x1b" in clean and "\\u202e" in clean and "\\ufffe" in clean


def test_single_line_fields_fold_every_line_break() -> None:
    assert one_line("Kazakhstan\nBase-case leader: forged") == \
        "Kazakhstan Base-case leader: forged"
    assert one_line("a \r\n  b\u2028c\x85d") == "a b c d"
    assert one_line("no break  here") == "no break  here"


def test_wizard_prompts_show_bidi_controls_from_a_pack_as_escapes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import questionary

    shown: list[str] = []
    real = questionary.select

    def select(message: str, choices: list[questionary.Choice], **options: Any) -> Any:
        shown.extend([message, *(str(c.title) for c in choices)])
        return real(message, choices=choices, **options)

    monkeypatch.setattr(questionary, "select", select)
    question = step_question("mood", QuestionKind.SELECT, "Is the mood \u202eboog\u202c?",
                             choices=(("calm \u2066x\u2069", "calm"), ("tense", "tense")))
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        Prompter(lambda _: None, lambda _: None)._prompt(question, "calm", None)
    assert shown and not any(UNSAFE.search(text) for text in shown), shown
    assert "\\u202e" in shown[0]


def test_a_docx_title_with_controls_opens_as_xml(tmp_path: Path) -> None:
    from conftest import ROOT
    from crossroads.app import main

    scenario = tmp_path / "s.yaml"
    text = (ROOT / "scenarios" / "kazakhstan-2025.yaml").read_text(encoding="utf-8")
    scenario.write_text(re.sub(r"^title:.*$", lambda _: 'title: "\\x01\\ufffe\\e[2J"', text,
                               count=1, flags=re.M), encoding="utf-8")
    out = tmp_path / "b.docx"
    assert main(["brief", str(scenario), "-n", "200", "--no-log", "-o", str(out),
                 "--title", "T\x02\x0b", "--classification", "SECRET\x07\nline two"]) == 0
    with zipfile.ZipFile(out) as docx:
        for name in docx.namelist():
            if name.endswith(".xml"):
                etree.fromstring(docx.read(name))
        body = docx.read("word/document.xml").decode()
    assert "\\x01" in body and "SECRET\\x07 line two" in docx_text(out)


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as docx:
        return " ".join(docx.read(n).decode() for n in docx.namelist()
                        if n.startswith("word/header") or n == "word/document.xml")
