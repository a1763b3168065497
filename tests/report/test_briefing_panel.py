"""A panel's briefing (`brief --panel`): the bottom line says whether the panel agrees,
"Where the panel differs" names each dissenter's recommendation in every format, the
Delphi round is reported, and the decision log keeps (and reruns) the combined view."""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import docx
import pypdf
import pytest

from conftest import Run
from crossroads.io.resources import scenarios_dir
from crossroads.services.inputs import load_inputs
from crossroads.services.panel import PanelAnalysis, panel_for

SHIPPED_PANEL = scenarios_dir() / "panels" / "kyrgyzstan-2025"
SCENARIO = "kyrgyzstan-2025"
DRAWS = "2000"  # enough for every sentence the section writes; quick


def analysed(*refs: str | Path, previous: tuple[str | Path, ...] = ()) -> PanelAnalysis:
    """The panel as the services see it: what the briefing must be true of."""
    inputs = load_inputs(SCENARIO)
    return panel_for(inputs.pack, inputs.scenario, refs, previous=previous)


def copy_panel(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(SHIPPED_PANEL / name, folder / name)
    return folder


def flat(text: str) -> str:
    return " ".join(text.split())


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def text_of(path: Path) -> str:
    """What a reader of the file sees, as one line of words."""
    if path.suffix == ".pdf":
        reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
        return flat(" ".join(page.extract_text() for page in reader.pages))
    if path.suffix == ".docx":
        document = docx.Document(str(path))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return flat(" ".join([p.text for p in document.paragraphs] + cells))
    if path.suffix == ".html":
        parser = _Text()
        parser.feed(path.read_text(encoding="utf-8"))
        return flat(" ".join(parser.parts))
    return flat(path.read_text(encoding="utf-8").replace("\\", ""))


def panel_line(markdown: str) -> str:
    """The bottom line's sentence on the panel (Markdown)."""
    return next(line for line in markdown.splitlines() if line.startswith("**Panel.**"))


# -- every format -----------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".md", ".html", ".pdf", ".docx"])
def test_every_format_says_where_the_panel_differs_and_names_each_dissenter(
        cli: Callable[..., Run], tmp_path: Path, suffix: str) -> None:
    panel = analysed("kyrgyzstan-2025")
    assert panel.dissent, "the shipped panel is split"
    target = tmp_path / f"k{suffix}"
    run = cli("brief", SCENARIO, "--panel", "kyrgyzstan-2025", "--draws", DRAWS,
              "-o", target, "--no-log")
    assert run.code == 0, run.err
    text = text_of(target)
    titles = {o.id: o.title for o in panel.group.options}
    assert "Where the panel differs" in text
    for d in panel.dissent:
        # The split memo's line: who, what they recommend instead, over what, and why.
        who = f"{d.analyst} ({d.role})" if d.role else d.analyst
        assert f"{who} recommends {titles[d.recommends]} over {titles[d.over]}" in text
    for m in panel.members:  # the table: every analyst, with their vote share
        assert m.analyst.name in text and f"{m.share:.0%}" in text
    assert "Kendall's W" in text and "Goepel's S*" in text
    assert panel.method.label in text
    if suffix == ".pdf":
        assert len(pypdf.PdfReader(str(target)).pages) == 3


def test_the_word_document_has_the_section_heading_and_a_table_of_the_analysts(
        cli: Callable[..., Run], tmp_path: Path) -> None:
    panel = analysed("kyrgyzstan-2025")
    target = tmp_path / "k.docx"
    assert cli("brief", SCENARIO, "--panel", "kyrgyzstan-2025", "--draws", DRAWS, "-o",
               target, "--no-log").code == 0
    document = docx.Document(str(target))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Where the panel differs" in headings
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Analyst")
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    titles = {o.id: o.title for o in panel.group.options}
    assert [(r[0], r[3]) for r in rows] == [(m.analyst.name, titles[m.leader])
                                            for m in panel.members]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_panel_briefing_with_a_delphi_round_stays_three_pages(
        cli: Callable[..., Run], tmp_path: Path, paper: str) -> None:
    round2 = revised_round(tmp_path / "round2")
    target = tmp_path / "k.pdf"
    run = cli("brief", SCENARIO, "--panel", round2, "--previous", "kyrgyzstan-2025",
              "--method", "judgements", "--paper", paper, "-o", target, "--no-log")
    assert run.code == 0, run.err
    assert len(pypdf.PdfReader(str(target)).pages) == 3


# -- the bottom line ------------------------------------------------------------------------

def test_a_split_panel_is_called_split_with_its_dissenters_and_their_votes(
        cli: Callable[..., Run]) -> None:
    panel = analysed("kyrgyzstan-2025")
    run = cli("brief", SCENARIO, "--panel", "kyrgyzstan-2025", "--draws", DRAWS, "--no-log")
    assert run.code == 0, run.err
    line = panel_line(run.out)
    dissenters = [m for m in panel.members if m.leader != panel.leader]
    share = sum(m.share for m in dissenters)
    assert "split" in line and "agrees" not in line
    assert f"{len(dissenters)} of the {len(panel.members)} analysts" in line
    assert f"{share:.0%} of the votes" in line


def test_a_panel_that_agrees_is_said_to_agree_and_has_no_split_memo(
        cli: Callable[..., Run], tmp_path: Path) -> None:
    folder = copy_panel(tmp_path / "agree", "security-desk.yaml", "trade-desk.yaml")
    panel = analysed(folder)
    # What the sentence claims, checked on the analysis: each view puts the leader first.
    assert {m.leader for m in panel.members} == {panel.leader}
    run = cli("brief", SCENARIO, "--panel", folder, "--draws", DRAWS, "--no-log")
    assert run.code == 0, run.err
    line = panel_line(run.out)
    assert "agrees" in line and "split" not in line and "2 analysts" in line
    assert "## Where the panel stands" in run.out
    assert "Where the panel differs" not in run.out and " recommends " not in run.out


def test_a_panel_of_one_is_not_called_a_panel_that_agrees(
        cli: Callable[..., Run], tmp_path: Path) -> None:
    folder = copy_panel(tmp_path / "one", "human-rights-desk.yaml")
    run = cli("brief", SCENARIO, "--panel", folder, "--draws", DRAWS, "--no-log")
    assert run.code == 0, run.err
    line = panel_line(run.out)
    assert "One analyst" in line and "Human rights desk" in line
    assert "agree" not in line and "split" not in line
    assert "who judges" not in run.out and "Kendall" not in run.out
    # The headline's draws are around that one analyst's weights, and it says so.
    assert "around the analyst's own weights" in run.out
    assert "combined weights" not in run.out


def test_the_two_first_place_frequencies_say_what_each_is_over(
        cli: Callable[..., Run]) -> None:
    run = cli("brief", SCENARIO, "--panel", "kyrgyzstan-2025", "--draws", DRAWS, "--no-log")
    assert run.code == 0, run.err
    headline = next(x for x in run.out.splitlines() if x.startswith("**How often first"))
    assert "around the panel's combined weights" in headline
    assert "analysts' own views" not in headline
    section = run.out.split("## Where the panel differs")[1].split("\n## ")[0]
    across = next(x for x in section.splitlines() if x.startswith("Across "))
    assert "analysts' own views" in across and "split among them by vote" in across
    assert re.search(r"who judges accounts for \d+% of the variance", across)
    assert "combined weights" not in across


# -- Delphi rounds ------------------------------------------------------------------------------

def revised_round(folder: Path) -> Path:
    """The shipped panel after one round: the human rights desk moves toward the median."""
    shutil.copytree(SHIPPED_PANEL, folder)
    desk = folder / "human-rights-desk.yaml"
    text = desk.read_text(encoding="utf-8")
    start, end = text.index("priorities:"), text.index("rationale:")
    desk.write_text(text[:start] + (
        "priorities:\n  democratic-governance: 3\n  sovereignty-support: 4\n"
        "  partner-influence: 2\n  regional-stability: 3\n  economic-ties: 2\n"
        "  escalation-control: 2\n") + text[end:], encoding="utf-8")
    return folder


@pytest.mark.parametrize("direction", ["rose", "fell"])
def test_previous_round_makes_the_briefing_say_whether_consensus_rose(
        cli: Callable[..., Run], tmp_path: Path, direction: str) -> None:
    revised = revised_round(tmp_path / "round2")
    now, before = (revised, SHIPPED_PANEL) if direction == "rose" else (SHIPPED_PANEL, revised)
    change = analysed(now, previous=(before,)).previous
    assert change is not None and change.consensus_rose == (direction == "rose")
    run = cli("brief", SCENARIO, "--panel", now, "--previous", before, "--draws", DRAWS,
              "--no-log")
    assert run.code == 0, run.err
    said = flat(run.out)
    assert f"consensus on the weights {direction} from {change.consensus_before:.0%} to " \
        f"{change.consensus_after:.0%}" in said
    assert "Human rights desk revised their weights" in said


# -- without a panel, and bad options --------------------------------------------------------------

def test_without_panel_the_briefing_says_nothing_of_a_panel(cli: Callable[..., Run]) -> None:
    run = cli("brief", SCENARIO, "--draws", DRAWS, "--no-log")
    assert run.code == 0, run.err
    assert "panel" not in run.out.lower()
    assert "**Panel.**" not in run.out and "## Where the panel" not in run.out


@pytest.mark.parametrize(("args", "message"), [
    (("--method", "judgements"), "--method needs --panel"),
    (("--previous", "kyrgyzstan-2025"), "--previous needs --panel"),
    (("--panel", "kyrgyzstan-2025", "--weights", "economic-ties=5"),
     "--weights and --panel both set the weights"),
    (("--panel", "kyrgyzstan-2025", "--method", "median"), "unknown method 'median'"),
    (("--panel", "no-such-panel-folder"), "no-such-panel-folder"),
])
def test_panel_options_misused_are_exit_2_with_a_message(
        cli: Callable[..., Run], args: tuple[str, ...], message: str) -> None:
    run = cli("brief", SCENARIO, *args, "--no-log")
    assert run.code == 2, run.out
    assert message in run.err and "Traceback" not in run.err


# -- what-if and the decision log -----------------------------------------------------------------

def test_a_panel_what_if_compares_with_the_same_panel_at_the_files_values(
        cli: Callable[..., Run]) -> None:
    at_file = analysed("kyrgyzstan-2025")
    run = cli("brief", SCENARIO, "--panel", "kyrgyzstan-2025", "--set",
              "russian_pressure=high", "--draws", DRAWS, "--no-log")
    assert run.code == 0, run.err
    row = next(x for x in run.out.splitlines() if x.startswith("| Leader at the stated"))
    assert row.split("|")[2].strip() == at_file.group.leader.title


def test_the_decision_log_names_each_judgement_file_and_rerun_reproduces_the_brief(
        cli: Callable[..., Run], tmp_path: Path) -> None:
    log = tmp_path / "log.sqlite3"
    run = cli("brief", SCENARIO, "--panel", "kyrgyzstan-2025", "--draws", DRAWS,
              "-o", tmp_path / "k.md", "--log", log)
    assert run.code == 0, run.err
    shown = cli("history", "show", "latest", "--log", log, "-f", "json")
    assert shown.code == 0, shown.err
    recorded = json.loads(shown.out)["runs"][0]
    assert recorded["command"] == "brief"
    notes = recorded["scenario"]["notes"]  # the combined scenario names the panel's files
    for path in sorted(SHIPPED_PANEL.glob("*.yaml")):
        assert path.name in notes
    rerun = cli("history", "rerun", "latest", "--log", log)
    assert rerun.code == 0, rerun.err
    assert "Result unchanged" in rerun.out
