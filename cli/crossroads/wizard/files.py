"""Files the wizard reads and writes besides the scenario: names typed at its prompts,
and the briefing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from crossroads.core.errors import InputError
from crossroads.io.scenario_file import load_scenario
from crossroads.report.briefing import BRIEFING_FORMATS, format_for, suffixes_text
from crossroads.report.briefing import write_briefing as write_briefing_file
from crossroads.services.briefing import score_with_robustness
from crossroads.wizard.values import AnswerError

if TYPE_CHECKING:
    from crossroads.core.engine import Result


def briefing_choices() -> tuple[tuple[str, str], ...]:
    """(label, suffix) for each briefing format, as `crossroads brief -o` knows them."""
    return tuple((f"{f.label} ({f.suffixes[0]})", f.suffixes[0]) for f in BRIEFING_FORMATS)


def scenario_file(text: str) -> str:
    """A path that loads as a scenario: a wrong one is asked again, not reported later."""
    path = Path(text.strip()).expanduser()
    if not path.is_file():
        raise AnswerError(f"no such file: {text.strip()}")
    try:
        load_scenario(path)
    except InputError as error:
        raise AnswerError(error.problems[0].render().splitlines()[0]) from None
    return str(path)


def new_file_name(text: str) -> str:
    path = Path(text.strip()).expanduser()
    if not text.strip():
        raise AnswerError("type a file name")
    if path.is_dir():
        raise AnswerError(f"{text.strip()} is a directory; add a file name")
    if not path.parent.is_dir():
        raise AnswerError(f"the folder {path.parent} does not exist")
    return str(path)


def briefing_name(text: str) -> str:
    """A new file name whose suffix tells the briefing writer the format."""
    name = new_file_name(text)
    try:
        format_for(Path(name))  # the same suffixes `crossroads brief -o` accepts
    except InputError:
        raise AnswerError(f"name the briefing {suffixes_text()}: the suffix picks the "
                          "format") from None
    return name


def write_briefing(result: Result, path: Path, overwrite: bool) -> Path:
    """The same briefing `crossroads brief FILE -o PATH` writes, robustness included."""
    _, robustness = score_with_robustness(result.pack, result.scenario)
    return write_briefing_file(result, path, force=overwrite, robustness=robustness)
