"""`crossroads wizard` as a command: unattended runs, no terminal, the printed command."""

from __future__ import annotations

import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run

DATA = Path(__file__).parent.parent / "data" / "wizard"
PACK = DATA / "grouped-pack"
TINY_PACK = Path(__file__).parent.parent / "data" / "tiny-pack"
CLI_DIR = Path(__file__).resolve().parents[2] / "cli"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_without_a_terminal_it_says_how_to_run_unattended(cli: Callable[..., Run]) -> None:
    run = cli("wizard", "--pack", PACK)
    assert run.code == 2
    assert "stdin: error: is not a terminal, so the wizard cannot ask questions" in run.err
    assert "--defaults --subject NAME" in run.err and "--from FILE" in run.err
    assert "Traceback" not in run.err


def test_from_a_file_without_a_terminal_takes_the_files_answers(
        cli: Callable[..., Run], tmp_path: Path) -> None:
    run = cli("wizard", "--pack", TINY_PACK, "--from", DATA / "tiny-start.yaml", "-o", "t.yaml")
    assert run.code == 0, run.err
    assert "Base-case leader: B" in run.out
    assert "  crossroads score t.yaml" in run.out
    assert (tmp_path / "t.yaml").read_text(encoding="utf-8").count("x: {value: 0.4") == 1


def test_defaults_without_a_subject_names_the_question(cli: Callable[..., Run]) -> None:
    run = cli("wizard", "--pack", PACK, "--defaults")
    assert run.code == 2
    assert run.err == ("--defaults: error: Which country or actor is this scenario about? "
                       "(subject) has no default\n  hint: give it with --subject\n")


def test_the_printed_command_writes_the_same_file(
        cli: Callable[..., Run], tmp_path: Path) -> None:
    first = cli("wizard", "--pack", PACK, "--defaults", "--subject", "Қазақстан",
                "--title", "Kazakhstan: what if, 2025", "--set", "trade_share=18%",
                "--set", "treaty=yes", "-w", "economy=4", "-r", "0.5", "-o", "k.yaml")
    assert first.code == 0, first.err
    lines = first.out.splitlines()
    command = lines[lines.index("Write the same file without prompts:") + 1].strip()
    words = shlex.split(command)
    assert words[:2] == ["crossroads", "wizard"]
    assert "--set" in words and "trade_share=0.18" in words
    written = (tmp_path / "k.yaml").read_bytes()
    assert "subject: Қазақстан\n".encode() in written
    (tmp_path / "k.yaml").unlink()
    again = cli(*words[1:])
    assert again.code == 0, again.err
    assert (tmp_path / "k.yaml").read_bytes() == written


def test_an_existing_output_is_refused_before_any_question(
        cli: Callable[..., Run], tmp_path: Path) -> None:
    (tmp_path / "k.yaml").write_text("keep\n", encoding="utf-8")
    run = cli("wizard", "--pack", PACK, "--defaults", "--subject", "X", "-o", "k.yaml")
    assert run.code == 2
    assert "k.yaml: error: already exists" in run.err
    assert run.out == ""  # refused up front: nothing scored, nothing written
    assert (tmp_path / "k.yaml").read_text(encoding="utf-8") == "keep\n"


def test_resume_without_a_draft_is_a_clear_error(cli: Callable[..., Run]) -> None:
    run = cli("wizard", "--resume", "--defaults")
    assert run.code == 2
    assert "no unfinished wizard run to resume here" in run.err


@pytest.mark.slow
def test_help_does_not_import_the_prompt_library() -> None:
    probe = ("import sys\nfrom crossroads.app import main\nmain(['wizard', '--help'])\n"
             "print(sorted(m for m in ('questionary', 'prompt_toolkit', 'rich') "
             "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env={"PYTHONPATH": str(CLI_DIR), "PATH": "/usr/bin:/bin"},
                          check=True)
    assert "--defaults" in done.stdout
    assert done.stdout.rstrip().endswith("[]")
