"""The panel's wording, as a reviewer read it: each sentence true of what is printed
around it and of the analysis beneath it (issue 23's review).

Where the weights are said to be, which criteria are heaviest (ties together, no 0%),
whose value "(scenario: …)" is, who reads a fact otherwise in `sensitivity --panel`, why
an analyst's first option differs between their stated values and their draws, a panel
of one spoken of as one analyst, and the pooled draws' verdict labelled as theirs.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, Run
from crossroads.io.resources import scenarios_dir
from crossroads.services.inputs import load_inputs
from crossroads.services.panel import PanelAnalysis, panel_for

SCENARIO = "kyrgyzstan-2025"
SHIPPED_PANEL = scenarios_dir() / "panels" / SCENARIO
DRAWS = "2000"
ZERO_BUT_ONE = {"sovereignty-support": 1, "regional-stability": 0, "economic-ties": 0,
                "partner-influence": 0, "democratic-governance": 0, "escalation-control": 0}


def flat(text: str) -> str:
    return " ".join(text.split())


def ok(run: Run) -> str:
    assert run.code == 0, run.err
    return run.out


def copy_panel(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(SHIPPED_PANEL / name, folder / name)
    return folder


def judgement(folder: Path, name: str, priorities: dict[str, float]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    given = ", ".join(f"{c}: {w}" for c, w in priorities.items())
    path = folder / f"{name.lower().replace(' ', '-')}.yaml"
    path.write_text(f"format: crossroads.judgements/1\nanalyst: {name}\n"
                    f"pack: partner-engagement\npriorities: {{{given}}}\n", encoding="utf-8")
    return path


def shipped() -> PanelAnalysis:
    inputs = load_inputs(SCENARIO)
    return panel_for(inputs.pack, inputs.scenario, [SHIPPED_PANEL])


def row_of(table: str, analyst: str) -> str:
    """An analyst's row of a table printed wide enough not to wrap."""
    return next(line for line in table.splitlines() if line.strip().startswith(analyst))


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")


# -- 1. explain: the weights are where the sentence says ------------------------------------

def test_explain_points_at_the_weights_where_they_are_printed(
        cli: Callable[..., Run]) -> None:
    out = ok(cli("explain", SCENARIO, "diplomatic-engagement", "--panel", SCENARIO,
                 "--no-log"))
    said = flat(out).index("the weights below are 4 analysts' weights combined")
    assert flat(out).index("weights (normalised)") > said
    markdown = ok(cli("explain", SCENARIO, "diplomatic-engagement", "--panel", SCENARIO,
                      "-f", "markdown", "--no-log"))
    said = flat(markdown).index("the weights above are 4 analysts' weights combined")
    assert flat(markdown).index("| Weight |") < said


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_the_assumptions_check_says_whose_view_without_pointing_at_absent_weights(
        fmt: str, cli: Callable[..., Run]) -> None:
    out = flat(ok(cli("explain", SCENARIO, "--assumptions", "--panel", SCENARIO,
                      "-f", fmt, "--no-log")))
    assert "weights (normalised)" not in out  # the check prints no weights ...
    assert "weights above" not in out and "weights below" not in out  # ... nor says so
    assert "the panel's combined view: 4 analysts' weights combined" in out


# -- 2. heaviest criteria: ties together, never a 0% ----------------------------------------

def test_tied_heaviest_criteria_are_shown_together(cli: Callable[..., Run],
                                                  wide: None) -> None:
    analysis = shipped()
    security = next(m for m in analysis.members if m.analyst.name == "Security policy desk")
    top = max(security.result.weights.values())
    tied = [analysis.group.pack.criteria[c].title
            for c, w in security.result.weights.items() if f"{w:.0%}" == f"{top:.0%}"]
    assert len(tied) == 3  # the reviewer's case: three criteria at 25%
    row = row_of(ok(cli("panel", SCENARIO, "--panel", SCENARIO, "--draws", "0",
                        "--no-log")), "Security policy desk")
    assert all(title in row for title in tied)
    assert f"{top:.0%} each" in row


def test_a_criterion_weighed_zero_is_never_among_the_heaviest(
        tmp_path: Path, cli: Callable[..., Run], wide: None) -> None:
    folder = tmp_path / "two"
    judgement(folder, "Single minded", ZERO_BUT_ONE)
    shutil.copy(SHIPPED_PANEL / "security-desk.yaml", folder)
    out = ok(cli("panel", SCENARIO, "--panel", folder, "--draws", "0", "--no-log"))
    row = row_of(out, "Single minded")
    assert "Support for sovereignty 100%" in row
    assert not re.search(r"(?<![\d.])0%", row.split("Support for sovereignty")[1])


def test_equal_weights_are_said_to_be_equal_not_listed_one_by_one() -> None:
    from crossroads.report.panel_members import heaviest_text

    analysis = shipped()
    criteria = list(analysis.group.pack.criteria)
    text = heaviest_text(analysis, dict.fromkeys(criteria, 1 / len(criteria)))
    assert text == f"all {len(criteria)} equal, {1 / len(criteria):.0%} each"
    # One heaviest, then a long tie: the tie is counted, not named past the column.
    rest = (1 - 0.4) / (len(criteria) - 1)
    text = heaviest_text(analysis, {criteria[0]: 0.4, **dict.fromkeys(criteria[1:], rest)})
    assert text.startswith(analysis.group.pack.criteria[criteria[0]].title)
    assert f"{len(criteria) - 1} others {rest:.0%} each" in text


# -- 3. the value in brackets is the scenario's ---------------------------------------------

def test_a_read_fact_names_the_scenarios_value_as_the_scenarios(
        cli: Callable[..., Run]) -> None:
    stated = load_inputs(SCENARIO).scenario.factors["russian_pressure"].value
    for fmt in ("table", "markdown"):
        out = flat(ok(cli("panel", SCENARIO, "--panel", SCENARIO, "--draws", "0",
                          "-f", fmt, "--no-log")))
        assert f"Russian pressure as high (scenario: {stated})" in out
        assert "(file:" not in out
    briefing = flat(ok(cli("brief", SCENARIO, "--panel", SCENARIO, "--draws", "300",
                           "--no-log")))
    assert f"(scenario: {stated})" in briefing and "(file: medium)" not in briefing


def test_the_contract_documents_reads_file_as_the_scenarios_value(
        cli: Callable[..., Run]) -> None:
    data = json.loads(ok(cli("panel", SCENARIO, "--panel", SCENARIO, "--draws", "0",
                             "-f", "json", "--no-log")))
    read = next(r for d in data["dissent"] for r in d["reads"])
    assert set(read) == {"factor", "theirs", "file"}  # the contract's names are kept
    assert read["file"] == load_inputs(SCENARIO).scenario.factors[read["factor"]].value
    contract = flat((ROOT / "docs/reference/json-contracts.md").read_text(encoding="utf-8"))
    assert re.search(r"`file` \(the scenario's value", contract)


# -- 4 and 5. sensitivity --panel: who reads what, stated values against draws ----------------

def test_sensitivity_names_who_reads_a_fact_otherwise_and_where_it_counts(
        cli: Callable[..., Run]) -> None:
    out = flat(ok(cli("sensitivity", SCENARIO, "--panel", SCENARIO, "-n", DRAWS,
                      "--no-log")))
    section = out[out.index("Panel of 4: who judges"):]
    assert "Embassy in Bishkek reads Russian pressure as high (scenario: medium)" in section
    assert "enter the who-judges draws" in section
    assert "the combined view, uses the scenario's" in section


def test_no_reading_line_when_every_analyst_reads_the_facts_as_the_scenario(
        tmp_path: Path, cli: Callable[..., Run]) -> None:
    folder = copy_panel(tmp_path / "p", "security-desk.yaml", "trade-desk.yaml")
    out = flat(ok(cli("sensitivity", SCENARIO, "--panel", folder, "-n", "300",
                      "--no-log")))
    assert "Read otherwise than the scenario" not in out


def test_a_dissent_that_does_not_hold_across_the_analysts_draws_is_explained(
        cli: Callable[..., Run]) -> None:
    args = ("sensitivity", SCENARIO, "--panel", SCENARIO, "-n", DRAWS, "--no-log")
    panel = json.loads(ok(cli(*args, "-f", "json")))["panel"]
    by_analyst = panel["across_analysts"]["by_analyst"]
    turned = [d["analyst"] for d in panel["dissent"]
              if max(by_analyst[d["analyst"]].items(), key=lambda kv: kv[1])[0]
              != d["recommends"]]
    assert turned, "the shipped panel has a dissenter whose draws favour the leader"
    out = flat(ok(cli(*args)))
    table = out.index("Each analyst's own view, over their share of the draws")
    said = out.index("need not hold across their own ranges")
    assert said > table
    assert all(name in out[said:] for name in turned)
    markdown = flat(ok(cli(*args, "-f", "markdown")))
    assert "need not hold across their own ranges" in markdown


# -- 6. a panel of one is one analyst ------------------------------------------------------

@pytest.mark.parametrize("command", [("panel", "--draws", "500"), ("score",),
                                     ("sensitivity", "-n", "500")],
                         ids=lambda c: c[0])
def test_a_panel_of_one_is_not_spoken_of_as_a_group(
        command: tuple[str, ...], tmp_path: Path, cli: Callable[..., Run]) -> None:
    folder = copy_panel(tmp_path / "one", "human-rights-desk.yaml")
    name, *rest = command
    out = flat(ok(cli(name, SCENARIO, "--panel", folder, *rest, "--no-log")))
    assert "Combined by" not in out
    assert "the analysts' views" not in out and "split by vote" not in out
    if name != "score":  # score runs no draws
        assert "Across this analyst's view and the plausible range of the other inputs" \
            in out


def test_a_panel_of_ones_briefing_still_has_no_panel_section(
        tmp_path: Path, cli: Callable[..., Run]) -> None:
    folder = copy_panel(tmp_path / "one", "human-rights-desk.yaml")
    out = flat(ok(cli("brief", SCENARIO, "--panel", folder, "--draws", "300", "--no-log")))
    assert "Where the panel" not in out and "Combined by" not in out


# -- 7. the pooled draws' verdict is theirs; no brackets in brackets -------------------------

def test_the_pooled_verdict_is_labelled_as_the_draws_across_the_analysts_views(
        cli: Callable[..., Run]) -> None:
    out = ok(cli("panel", SCENARIO, "--panel", SCENARIO, "--draws", DRAWS, "--no-log"))
    text = flat(out)
    assert "The panel is split" in text
    assert not any(line.startswith("Recommend") for line in out.splitlines())
    # The sentence before says how often the combined leader comes first across the
    # analysts' views; when the pooled draws put it first most often too, saying it again
    # would be a second verdict, so only a different answer or a close call is said.
    pooled = re.search(r"Across the analysts' views, (.+?) comes first most often", text)
    assert pooled is None or "Economic partnerships" not in pooled.group(1)
    assert re.search(r"Economic partnerships and alternative routes comes first in \d+% of "
                     r"them", text)


def test_no_bracket_opens_inside_another_in_the_panels_sentences(
        cli: Callable[..., Run]) -> None:
    out = flat(ok(cli("panel", SCENARIO, "--panel", SCENARIO, "--draws", DRAWS,
                      "--no-log")))
    assert "Knowing which analyst's view is right" in out
    depth = 0
    for char in out:
        depth += {"(": 1, ")": -1}.get(char, 0)
        assert depth <= 1, "a bracket inside a bracket"


# -- 8. docs: where the run's judgement files are, and every field of previous_round ---------

def test_the_decision_log_keeps_the_files_where_the_how_to_says(
        tmp_path: Path, cli: Callable[..., Run]) -> None:
    log = tmp_path / "log.jsonl"
    ok(cli("score", SCENARIO, "--panel", SCENARIO, "--log", log))
    run = json.loads(ok(cli("history", "show", "latest", "--log", log, "-f", "json")))
    notes = run["runs"][0]["scenario"]["notes"]
    assert all(path.name in notes for path in SHIPPED_PANEL.glob("*.yaml"))
    how_to = flat((ROOT / "docs/how-to/panel.md").read_text(encoding="utf-8"))
    assert "`history show RUN -f json`" in how_to and "`scenario.notes`" in how_to


def test_every_previous_round_field_is_documented(tmp_path: Path,
                                                  cli: Callable[..., Run]) -> None:
    before = copy_panel(tmp_path / "a", "embassy-bishkek.yaml", "trade-desk.yaml")
    data = json.loads(ok(cli("panel", SCENARIO, "--panel", SHIPPED_PANEL, "--previous",
                             before, "--draws", "0", "-f", "json", "--no-log")))
    contract = (ROOT / "docs/reference/json-contracts.md").read_text(encoding="utf-8")
    section = contract[contract.index("## panel"):contract.index("### The panel in score")]
    assert data["previous_round"]
    for key in data["previous_round"]:
        assert f"`{key}`" in section, key


def test_a_round_that_only_revises_a_reading_of_the_facts_says_who_and_what_it_did(
        tmp_path: Path, cli: Callable[..., Run]) -> None:
    before = copy_panel(tmp_path / "a", *(p.name for p in SHIPPED_PANEL.glob("*.yaml")))
    after = copy_panel(tmp_path / "b", *(p.name for p in SHIPPED_PANEL.glob("*.yaml")))
    embassy = after / "embassy-bishkek.yaml"
    text = embassy.read_text(encoding="utf-8")
    embassy.write_text(text[:text.index("factors:")] + text[text.index("rationale:"):],
                       encoding="utf-8")  # the embassy comes round to the scenario's reading
    args = ("panel", SCENARIO, "--panel", after, "--previous", before, "--draws", "0",
            "--no-log")
    data = json.loads(ok(cli(*args, "-f", "json")))
    assert data["previous_round"]["revised_readings"] == ["Embassy in Bishkek"]
    assert data["previous_round"]["dissent_share"] > data["dissent_share"]
    out = flat(ok(cli(*args)))
    assert "no analyst revised" not in out
    assert "Embassy in Bishkek revised their reading of the facts" in out
    assert (f"dissenting from the combined leader went from "
            f"{data['previous_round']['dissent_share']:.0%} to "
            f"{data['dissent_share']:.0%}") in out


# -- the second review ------------------------------------------------------------------------

def test_a_yes_no_reading_is_said_yes_or_no_not_true_or_false(
        tmp_path: Path, cli: Callable[..., Run]) -> None:
    folder = copy_panel(tmp_path / "p", "security-desk.yaml", "trade-desk.yaml")
    desk = folder / "security-desk.yaml"
    desk.write_text(desk.read_text(encoding="utf-8").replace(
        "rationale:", "factors:\n  recent_pressure_event: true\nrationale:"), encoding="utf-8")
    analysis = panel_for(load_inputs(SCENARIO).pack, load_inputs(SCENARIO).scenario,
                         [folder])
    assert any(d.reads for d in analysis.dissent), "the reading must make a dissent"
    out = flat(ok(cli("panel", SCENARIO, "--panel", folder, "--draws", "0", "--no-log")))
    assert "Recent coercive act by Russia as yes (scenario: no)" in out
    assert "True" not in out and "False" not in out


def test_a_round_whose_dissenters_change_says_who_dissents_now(
        tmp_path: Path, cli: Callable[..., Run]) -> None:
    # The human rights desk comes round, the security desk now dissents on a reading of
    # the facts: the dissenting share may hold, but the dissenters are not the same.
    folder = copy_panel(tmp_path / "r2", "security-desk.yaml", "trade-desk.yaml",
                        "human-rights-desk.yaml", "embassy-bishkek.yaml")
    desk = folder / "human-rights-desk.yaml"
    desk.write_text(desk.read_text(encoding="utf-8").replace(
        "democratic-governance: 5", "democratic-governance: 2"), encoding="utf-8")
    security = folder / "security-desk.yaml"
    security.write_text(security.read_text(encoding="utf-8").replace(
        "rationale:", "factors:\n  recent_pressure_event: true\nrationale:"), encoding="utf-8")
    inputs = load_inputs(SCENARIO)
    change = panel_for(inputs.pack, inputs.scenario, [folder], "priorities",
                       [SHIPPED_PANEL]).previous
    assert change is not None
    assert set(change.dissenters_before) != set(change.dissenters_after)
    out = flat(ok(cli("panel", SCENARIO, "--panel", folder, "--previous", SHIPPED_PANEL,
                      "--draws", "0", "--no-log")))
    assert "Since the previous round, Human rights desk revised their weights; Security " \
        "policy desk revised their reading of the facts" in out
    assert "dissenting now: " in out and "before: Embassy in Bishkek and Human rights desk" \
        in out


def test_identical_rankings_are_complete_agreement_not_almost(
        tmp_path: Path, cli: Callable[..., Run]) -> None:
    folder = tmp_path / "same"
    for name in ("a", "b"):
        copy_panel(folder, "security-desk.yaml")
        (folder / "security-desk.yaml").rename(folder / f"{name}.yaml")
        path = folder / f"{name}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "analyst: Security policy desk", f"analyst: Desk {name}"), encoding="utf-8")
    out = flat(ok(cli("panel", SCENARIO, "--panel", folder, "--draws", "0", "--no-log")))
    assert "Kendall's W 1.00 (complete)" in out


def test_a_negligible_value_of_knowing_who_is_right_is_not_said_to_change_nothing(
        cli: Callable[..., Run]) -> None:
    data = json.loads(ok(cli("panel", SCENARIO, "--panel", SCENARIO, "--draws", DRAWS,
                             "-f", "json", "--no-log")))
    value = data["robustness"]["who_judges_value"]["inputs"][0]
    out = flat(ok(cli("panel", SCENARIO, "--panel", SCENARIO, "--draws", DRAWS, "--no-log")))
    # On the shipped panel, knowing who is right would change the choice in some draws,
    # by too little to count: the sentence gives the worth, not "would not change".
    assert value["negligible"] and value["change_chance"] > 0
    assert "would not change the choice" not in out
    assert "not worth settling before choosing" in out


def test_what_the_lead_rests_on_says_who_on_the_panel_already_reads_the_fact_so(
        cli: Callable[..., Run]) -> None:
    # The check moves Russian pressure one level up, to high: the embassy already reads
    # it as high, and a minister should see that beside "on the analyst's word".
    out = ok(cli("brief", SCENARIO, "--panel", SCENARIO, "--draws", DRAWS, "--no-log"))
    rests = flat(out.split("## What this rests on")[1].split("\n## ")[0])
    assert "Russian pressure one level up (high)" in rests
    assert "On the panel, Embassy in Bishkek reads it as high." in rests
    alone = ok(cli("brief", SCENARIO, "--draws", DRAWS, "--no-log"))
    assert "On the panel" not in alone


def test_a_yes_no_reading_in_the_sensitivity_panel_section_says_yes_or_no(
        tmp_path: Path, cli: Callable[..., Run]) -> None:
    folder = copy_panel(tmp_path / "p", "security-desk.yaml", "trade-desk.yaml")
    desk = folder / "security-desk.yaml"
    desk.write_text(desk.read_text(encoding="utf-8").replace(
        "rationale:", "factors:\n  recent_pressure_event: true\nrationale:"), encoding="utf-8")
    out = flat(ok(cli("sensitivity", SCENARIO, "--panel", folder, "--draws", "500",
                      "--no-log")))
    assert "Recent coercive act by Russia as yes (scenario: no)" in out
    assert "as True" not in out


def test_a_split_beside_high_agreement_is_explained_in_the_briefing_too(
        cli: Callable[..., Run]) -> None:
    # "The panel is split" and "Kendall's W 0.89 (almost perfect)" side by side read as a
    # contradiction unless the briefing says what W measures.
    out = flat(ok(cli("brief", SCENARIO, "--panel", SCENARIO, "--draws", DRAWS,
                      "--no-log")))
    assert "The panel is split" in out
    assert re.search(r"Kendall's W 0\.\d\d \((substantial|almost perfect)\) — the analysts "
                     r"order the options much alike, but not all put the same one first", out)
