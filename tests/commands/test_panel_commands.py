"""`--panel` on score, explain, sensitivity and compare: each scores the panel's combined
view, says whether the panel agrees and who dissents, records the panel's files in the
decision log, and refuses bad combinations with a located error (exit 2)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run
from crossroads.core.engine import score
from crossroads.io.panel_file import load_panel
from crossroads.io.resources import scenarios_dir
from crossroads.services.inputs import load_inputs
from crossroads.services.panel import analyse_panel
from crossroads.services.panel_explain import views_of_option, weight_gaps

SHIPPED = "kyrgyzstan-2025"
FILES = ("security-desk.yaml", "trade-desk.yaml", "human-rights-desk.yaml",
         "embassy-bishkek.yaml")
DISSENTERS = ("Embassy in Bishkek", "Human rights desk")
SOLO = {"sovereignty-support": 1, "regional-stability": 2, "economic-ties": 3,
        "partner-influence": 4, "democratic-governance": 5, "escalation-control": 6}


def judgement(path: Path, name: str, priorities: dict[str, float], *,
              pack: str = "partner-engagement", extra: str = "") -> Path:
    given = ", ".join(f"{c}: {w}" for c, w in priorities.items())
    path.write_text(f"format: crossroads.judgements/1\nanalyst: {name}\npack: {pack}\n"
                    f"priorities: {{{given}}}\n{extra}", encoding="utf-8")
    return path


@pytest.fixture
def narrow(monkeypatch: pytest.MonkeyPatch) -> None:
    """An 80-column terminal, as analysts' often are."""
    monkeypatch.setenv("COLUMNS", "80")


def as_json(run: Run) -> dict:
    assert run.code == 0, run.err
    return json.loads(run.out)


def scores(data: dict) -> list[tuple[str, int, float]]:
    return [(o["id"], o["rank"], o["score"]) for o in data["options"]]


# -- score ------------------------------------------------------------------------------

def test_a_one_analyst_panel_scores_exactly_as_the_scenario_with_their_priorities(
        tmp_path: Path, cli: Callable[..., Run]) -> None:
    solo = judgement(tmp_path / "solo.yaml", "Solo", SOLO)
    weights = [arg for c, w in SOLO.items() for arg in ("--weights", f"{c}={w}")]
    alone = as_json(cli("score", SHIPPED, *weights, "-f", "json", "--no-log"))
    for method in ("priorities", "judgements"):
        panel = as_json(cli("score", SHIPPED, "--panel", solo, "--method", method,
                            "-f", "json", "--no-log"))
        assert scores(panel) == scores(alone)
        assert panel["weights"] == alone["weights"]
        assert panel["panel"]["agrees"] is True
        assert [a["name"] for a in panel["panel"]["analysts"]] == ["Solo"]
    table = cli("score", SHIPPED, "--panel", solo, "--no-log")
    assert "Solo's own view" in table.out and "agrees" not in table.out


def test_score_with_the_shipped_panel_ranks_the_combined_view_and_names_each_dissenter(
        cli: Callable[..., Run], narrow: None) -> None:
    plain = as_json(cli("score", SHIPPED, "-f", "json", "--no-log"))
    data = as_json(cli("score", SHIPPED, "--panel", SHIPPED, "-f", "json", "--no-log"))
    # Backward compatible: every key of the single-analyst contract is still there.
    assert set(plain) <= set(data) and data["schema"] == plain["schema"]
    panel = data["panel"]
    assert panel["method"] == "priorities" and panel["agrees"] is False
    assert data["base_case_leader"] == panel["leader"]
    assert {d["analyst"] for d in panel["dissent"]} == set(DISSENTERS)
    assert 0 <= panel["kendall_w"] <= 1 and 0 <= panel["consensus"] <= 1
    assert math.isclose(sum(a["share"] for a in panel["analysts"]), 1.0)
    for analyst in panel["analysts"]:
        assert sorted(analyst["ranks"].values()) == list(range(1, len(data["options"]) + 1))
        first = min(analyst["ranks"], key=analyst["ranks"].__getitem__)
        assert analyst["leader"] == first
        assert analyst["file"].endswith(FILES) and len(analyst["sha256"]) == 64
    for d in panel["dissent"]:
        mine = next(a for a in panel["analysts"] if a["name"] == d["analyst"])
        assert d["recommends"] == mine["leader"] != panel["leader"]
    # The combined weights differ from the scenario's own: the panel's were scored.
    assert data["weights"] != plain["weights"]

    table = cli("score", SHIPPED, "--panel", SHIPPED, "--no-log")
    assert table.code == 0, table.err
    flat = " ".join(table.out.split())
    assert "The panel is split" in flat
    for name in DISSENTERS:
        assert f"{name} (" in flat and "puts Diplomatic engagement first" in flat
    assert max(len(line) for line in table.out.splitlines()) <= 80


def test_score_csv_adds_whether_the_panel_agrees_and_each_analysts_rank(
        cli: Callable[..., Run]) -> None:
    run = cli("score", SHIPPED, "--panel", SHIPPED, "-f", "csv", "--no-log")
    assert run.code == 0, run.err
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(run.out)))
    assert len(rows) == 7
    assert {r["panel_agrees"] for r in rows} == {"no"}
    analysts = [k for k in rows[0] if k.startswith("rank:")]
    assert len(analysts) == 4
    for column in analysts:
        assert sorted(int(r[column]) for r in rows) == list(range(1, 8))
    economic = next(r for r in rows if r["option"] == "economic-partnerships")
    assert economic["rank"] == "1" and economic["rank:Human rights desk"] != "1"


def test_score_markdown_adds_the_panels_block(cli: Callable[..., Run]) -> None:
    run = cli("score", SHIPPED, "--panel", SHIPPED, "-f", "markdown", "--no-log")
    assert run.code == 0, run.err
    assert "### Panel of 4" in run.out and "**The panel is split" in run.out
    assert sum(line.startswith("- ") for line in run.out.splitlines()) == 2


def test_a_panel_of_analysts_who_agree_says_so(tmp_path: Path, cli: Callable[..., Run]
                                             ) -> None:
    folder = tmp_path / "panel"
    folder.mkdir()
    for name in ("A", "B"):
        judgement(folder / f"{name}.yaml", name, SOLO)
    data = as_json(cli("score", SHIPPED, "--panel", folder, "-f", "json", "--no-log"))
    assert data["panel"]["agrees"] is True and data["panel"]["dissent"] == []
    assert "The panel agrees" in data["panel"]["bottom_line"]


# -- bad input, through every command ----------------------------------------------------

COMMANDS = (("score", SHIPPED), ("explain", SHIPPED), ("sensitivity", SHIPPED, "-n", "50"),
            ("compare", SHIPPED, "kazakhstan-2025"))


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_weights_conflict_with_a_panel(command: tuple[str, ...], cli: Callable[..., Run]
                                       ) -> None:
    run = cli(*command, "--panel", SHIPPED, "--weights", "economic-ties=5", "--no-log")
    assert run.code == 2 and "--weights conflicts with --panel" in run.err
    assert "Traceback" not in run.err


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_method_without_a_panel_is_an_error(command: tuple[str, ...],
                                            cli: Callable[..., Run]) -> None:
    run = cli(*command, "--method", "judgements", "--no-log")
    assert run.code == 2 and "--method needs --panel" in run.err


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_missing_panel_is_a_located_error(command: tuple[str, ...], tmp_path: Path,
                                            cli: Callable[..., Run]) -> None:
    missing = tmp_path / "no-such-panel"
    run = cli(*command, "--panel", missing, "--no-log")
    assert run.code == 2 and "no-such-panel" in run.err and "Traceback" not in run.err


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_panel_for_another_pack_is_a_located_error(
        command: tuple[str, ...], tmp_path: Path, cli: Callable[..., Run]) -> None:
    other = judgement(tmp_path / "other.yaml", "Other", SOLO, pack="sovereignty-strategy")
    run = cli(*command, "--panel", other, "--no-log")
    assert run.code == 2, run.out
    assert "other.yaml" in run.err and "'sovereignty-strategy'" in run.err


def test_previous_needs_one_scenario(cli: Callable[..., Run]) -> None:
    run = cli("score", SHIPPED, "kazakhstan-2025", "--panel", SHIPPED, "--previous",
              SHIPPED, "--no-log")
    assert run.code == 2 and "--previous" in run.err


def test_set_changes_the_shared_facts_under_the_panel(cli: Callable[..., Run]) -> None:
    base = as_json(cli("score", SHIPPED, "--panel", SHIPPED, "-f", "json", "--no-log"))
    moved = as_json(cli("score", SHIPPED, "--panel", SHIPPED, "--set",
                        "russian_pressure=high", "-f", "json", "--no-log"))
    assert moved["factors"]["russian_pressure"]["value"] == "high"
    assert base["factors"]["russian_pressure"]["value"] != "high"
    assert moved["overrides"] and scores(moved) != scores(base)


# -- explain --------------------------------------------------------------------------

def test_each_analysts_score_is_the_panels_plus_their_weight_gaps() -> None:
    """The explanation's arithmetic holds: on the scenario's facts, an analyst's score
    for an option is the combined score plus the effect of each of their weight gaps."""
    inputs = load_inputs(SHIPPED)
    panel = analyse_panel(inputs.pack, inputs.scenario,
                          load_panel([scenarios_dir() / "panels" / SHIPPED]))
    checked = 0
    for index, member in enumerate(panel.members):
        for option in panel.group.options:
            gaps = weight_gaps(panel, index, option.id)
            # The embassy reads a fact otherwise: the rest of its score is that reading.
            facts = next(v for v in views_of_option(panel, option.id)
                         if v.analyst == member.analyst.name).facts_effect
            if not member.analyst.factors:
                assert facts == 0.0
            assert member.result.option(option.id).score == pytest.approx(
                option.score + math.fsum(g.effect for g in gaps) + facts, abs=1e-9)
            checked += 1
    assert checked >= 28
    embassy = next(v for v in views_of_option(panel, "diplomatic-engagement")
                   if v.analyst == "Embassy in Bishkek")
    assert embassy.facts_effect > 0.3  # reading Russian pressure high lifts diplomacy
    views = views_of_option(panel, panel.leader)
    assert [v.own_facts for v in views] == [bool(m.analyst.factors) for m in panel.members]
    assert all(len(v.gaps) <= 2 for v in views)


def test_explain_with_a_panel_explains_the_combined_numbers_and_each_analyst(
        cli: Callable[..., Run], narrow: None) -> None:
    data = as_json(cli("explain", SHIPPED, "diplomatic-engagement", "--panel", SHIPPED,
                       "-f", "json", "--no-log"))
    scored = as_json(cli("score", SHIPPED, "--panel", SHIPPED, "-f", "json", "--no-log"))
    assert [o["id"] for o in data["options"]] == ["diplomatic-engagement"]
    assert data["weights"] == scored["weights"]  # the panel's weights
    views = data["panel"]["options"]["diplomatic-engagement"]
    own = {a["name"]: a for a in scored["panel"]["analysts"]}
    for view in views:
        assert view["score"] == own[view["analyst"]]["scores"]["diplomatic-engagement"]
        assert view["rank"] == own[view["analyst"]]["ranks"]["diplomatic-engagement"]
    table = cli("explain", SHIPPED, "diplomatic-engagement", "--panel", SHIPPED, "--no-log")
    assert table.code == 0, table.err
    flat = " ".join(table.out.split())
    assert "panel's combined numbers" in flat and "Human rights desk" in flat
    assert max(len(line) for line in table.out.splitlines()) <= 80
    markdown = cli("explain", SHIPPED, "--panel", SHIPPED, "-f", "markdown", "--no-log")
    assert markdown.code == 0 and "## Each analyst's view" in markdown.out
    # CSV: the combined view's contributions, which add up to its scores.
    csv_run = cli("explain", SHIPPED, "--panel", SHIPPED, "-f", "csv", "--no-log")
    assert csv_run.code == 0 and csv_run.out.startswith("option,kind,")


def test_explain_assumptions_with_a_panel_checks_the_combined_view(
        cli: Callable[..., Run]) -> None:
    data = as_json(cli("explain", SHIPPED, "--assumptions", "--panel", SHIPPED,
                       "-f", "json", "--no-log"))
    assert data["key_assumptions"]["basis"] == "base case"
    assert data["panel"]["leader"] == data["base_case_leader"]
    for fmt in ("table", "markdown", "csv"):
        run = cli("explain", SHIPPED, "--assumptions", "--panel", SHIPPED, "-f", fmt,
                  "--no-log")
        assert run.code == 0, run.err


# -- sensitivity ------------------------------------------------------------------------

def test_sensitivity_with_a_panel_labels_both_first_place_shares(
        cli: Callable[..., Run], narrow: None) -> None:
    data = as_json(cli("sensitivity", SHIPPED, "--panel", SHIPPED, "-n", "2000",
                       "-f", "json", "--no-log"))
    panel = data["panel"]
    around, across = panel["around_combined_weights"], panel["across_analysts"]
    assert around["recommended"] == data["recommendation"]["recommended"]
    assert across["draws"] == 2000 and math.isclose(sum(across["first"].values()), 1.0)
    assert set(across["by_analyst"]) == {a["name"] for a in panel["analysts"]}
    assert 0 <= across["who_judges_share"] <= 1
    assert panel["differs"] == (around["recommended"] != across["recommended"])
    table = cli("sensitivity", SHIPPED, "--panel", SHIPPED, "-n", "2000", "--no-log")
    flat = " ".join(table.out.split())
    assert "Around the panel's combined weights" in flat
    assert "Across the analysts' views" in flat and "who judges accounts for" in flat
    assert max(len(line) for line in table.out.splitlines()) <= 80
    for fmt in ("csv", "markdown"):
        run = cli("sensitivity", SHIPPED, "--panel", SHIPPED, "-n", "500", "-f", fmt,
                  "--no-log")
        assert run.code == 0 and "who-judges" in run.out.lower().replace(" ", "-")


def test_sensitivity_says_plainly_when_the_pooled_views_put_another_option_first(
        tmp_path: Path, cli: Callable[..., Run]) -> None:
    # Three desks, each weighing one criterion nine times the others: two of them put
    # quiet bilateral work first, but their combined weights put the economy first.
    folder = tmp_path / "panel"
    folder.mkdir()
    criteria = ("sovereignty-support", "regional-stability", "economic-ties",
                "partner-influence", "democratic-governance", "escalation-control")
    for heavy in ("sovereignty-support", "regional-stability", "escalation-control"):
        judgement(folder / f"{heavy}.yaml", heavy,
                  {c: 9 if c == heavy else 1 for c in criteria})
    data = as_json(cli("sensitivity", SHIPPED, "--panel", folder, "-n", "2000", "-f", "json",
                       "--no-log"))
    panel = data["panel"]
    assert panel["around_combined_weights"]["recommended"] == "economic-partnerships"
    assert panel["across_analysts"]["recommended"] == "quiet-bilateral"
    assert panel["differs"] is True
    table = cli("sensitivity", SHIPPED, "--panel", folder, "-n", "2000", "--no-log")
    flat = " ".join(table.out.split())
    assert ("The two differ: around the combined weights Economic partnerships and "
            "alternative routes comes first most often, but across the analysts' own "
            "views Quiet bilateral agreements (baseline) does.") in flat


# -- compare ----------------------------------------------------------------------------

def test_compare_with_a_panel_says_where_it_agrees_and_when_it_was_given_elsewhere(
        cli: Callable[..., Run]) -> None:
    data = as_json(cli("compare", SHIPPED, "kazakhstan-2025", "--panel", SHIPPED,
                       "-f", "json", "--no-log"))
    mine, other = data["scenarios"]
    assert mine["panel"]["given_for"] == [] and mine["panel"]["agrees"] is False
    assert other["panel"]["given_for"] == [SHIPPED]
    alone = as_json(cli("score", SHIPPED, "--panel", SHIPPED, "-f", "json", "--no-log"))
    assert [(o["id"], o["score"]) for o in mine["options"]] == \
        [(o["id"], o["score"]) for o in alone["options"]]
    table = cli("score", SHIPPED, "kazakhstan-2025", "--panel", SHIPPED, "--no-log")
    assert table.code == 0, table.err
    flat = " ".join(table.out.split())
    assert ("the panel's judgements were given for kyrgyzstan-2025; applied to "
            "kazakhstan-2025") in flat
    assert "Embassy in Bishkek: Diplomatic engagement" in flat
    csv_run = cli("compare", SHIPPED, "kazakhstan-2025", "--panel", SHIPPED, "-f", "csv",
                  "--no-log")
    assert csv_run.code == 0 and "applied to kazakhstan-2025" in csv_run.err
    markdown = cli("compare", SHIPPED, "kazakhstan-2025", "--panel", SHIPPED,
                   "-f", "markdown", "--no-log")
    assert markdown.code == 0 and "applied to kazakhstan-2025" in markdown.out


def test_a_panel_applied_to_another_scenario_sets_its_fact_readings_aside() -> None:
    # The embassy reads Russian pressure in Kyrgyzstan as high: that is no reading of
    # Kazakhstan, so on Kazakhstan its own view keeps Kazakhstan's facts, and the note
    # says whose reading was set aside.
    from crossroads.services.panel_compare import compare_with_panel, given_for_note

    rows = compare_with_panel([SHIPPED, "kazakhstan-2025"], [SHIPPED], "priorities")
    here, there = rows
    embassy = next(m for m in there.analysis.members
                   if m.analyst.name == "Embassy in Bishkek")
    assert embassy.analyst.factors == {}
    kazakhstan = load_inputs("kazakhstan-2025")
    own = score(kazakhstan.pack, kazakhstan.scenario)
    assert embassy.result.values["russian_pressure"] == own.values["russian_pressure"]
    assert "Embassy in Bishkek's reading of Russian pressure (high) set aside" in \
        given_for_note(there)
    # On the scenario the panel was given for, the reading stands.
    home = next(m for m in here.analysis.members if m.analyst.name == "Embassy in Bishkek")
    assert "russian_pressure" in home.analyst.factors and not here.set_aside


def test_a_single_score_still_refuses_a_panel_given_for_another_scenario(
        cli: Callable[..., Run]) -> None:
    run = cli("score", "kazakhstan-2025", "--panel", SHIPPED, "--no-log")
    assert run.code == 2 and "were given for scenario 'kyrgyzstan-2025'" in run.err


# -- the decision log --------------------------------------------------------------------

@pytest.mark.parametrize("command", [("score",), ("sensitivity", "-n", "300"),
                                     ("explain",)], ids=lambda c: c[0])
def test_the_log_names_each_judgement_file_and_rerun_reproduces(
        command: tuple[str, ...], tmp_path: Path, cli: Callable[..., Run]) -> None:
    log = tmp_path / "log.sqlite3"
    run = cli(command[0], SHIPPED, *command[1:], "--panel", SHIPPED, "--log", log)
    assert run.code == 0, run.err
    text = json.dumps(as_json(cli("history", "show", "latest", "--log", log, "-f", "json")))
    for name in FILES:
        assert name in text
    rerun = cli("history", "rerun", "latest", "--log", log)
    assert rerun.code == 0, rerun.err
    assert "Result unchanged" in rerun.out


# -- cost ------------------------------------------------------------------------------

def test_score_without_a_panel_imports_no_panel_module() -> None:
    code = ("import sys\nfrom crossroads.app import main\n"
            "main(['score', 'kyrgyzstan-2025', '--no-log', '-f', 'json'])\n"
            "print(sorted(m for m in sys.modules if 'panel' in m and 'crossroads' in m))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
