"""A panel of analysts on a shipped scenario: the combined view, each view, the dissent,
and every kind of bad judgement file reported where it is."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import Run
from crossroads.core.engine import score
from crossroads.core.errors import InputError
from crossroads.core.panel import Aggregation
from crossroads.io.panel_file import load_panel
from crossroads.io.resources import scenarios_dir
from crossroads.services.inputs import load_inputs
from crossroads.services.panel import analyse_panel, member_scenario

SHIPPED_PANEL = scenarios_dir() / "panels" / "kyrgyzstan-2025"


def judgement(name: str, body: str = "", *, pack: str = "partner-engagement",
              priorities: str = ("sovereignty-support: 5, regional-stability: 4, "
                                 "economic-ties: 4, partner-influence: 3, "
                                 "democratic-governance: 2, escalation-control: 2")) -> str:
    return (f"format: crossroads.judgements/1\nanalyst: {name}\npack: {pack}\n"
            f"priorities: {{{priorities}}}\n{body}")


def test_the_shipped_panel_is_split_and_names_each_dissenter_with_reasons() -> None:
    inputs = load_inputs("kyrgyzstan-2025")
    panel = analyse_panel(inputs.pack, inputs.scenario, load_panel([SHIPPED_PANEL]))
    assert len(panel.members) == 4
    # The embassy, which reads Russian pressure higher, and the human rights desk, which
    # weighs democratic governance above the economy, do not put the trade desk's
    # favourite first: a split, not a consensus. (The security desk's lead for quiet
    # work rested on `quiet-high-exposure`, removed in the second knowledge review: job-
    # creating partnerships put no migrant at risk, so it now agrees with the trade desk.)
    assert not panel.agrees
    leaders = {m.analyst.name: m.leader for m in panel.members}
    assert leaders["Trade and connectivity desk"] == panel.leader
    assert leaders["Embassy in Bishkek"] != panel.leader
    assert leaders["Human rights desk"] != panel.leader
    for d in panel.dissent:
        member = next(m for m in panel.members if m.analyst.name == d.analyst)
        # The reason given is true of their view: their option does beat the panel's.
        assert member.result.option(d.recommends).score - \
            member.result.option(d.over).score == pytest.approx(d.margin)
        assert d.margin > 0
        assert d.differs_on and d.rationale
    # Votes are shares of the panel (the embassy counts 1.5).
    assert math.fsum(m.share for m in panel.members) == pytest.approx(1.0)
    assert 0 <= panel.kendall_w <= 1 and 0 <= panel.consensus <= 1


def test_a_panel_of_one_gives_exactly_the_single_analyst_result(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text(judgement("Solo", priorities=(
        "sovereignty-support: 1, regional-stability: 2, economic-ties: 3, "
        "partner-influence: 4, democratic-governance: 5, escalation-control: 6")),
        encoding="utf-8")
    inputs = load_inputs("kyrgyzstan-2025")
    analysts = load_panel([tmp_path])
    for method in Aggregation:
        panel = analyse_panel(inputs.pack, inputs.scenario, analysts, method)
        alone = score(inputs.pack, member_scenario(inputs.scenario, analysts[0]))
        assert [(o.id, o.score) for o in panel.group.options] == \
            [(o.id, o.score) for o in alone.options]
        assert panel.agrees and "a panel of one" in panel.notes[0]


def test_identical_analysts_agree_completely_and_combine_to_their_view(tmp_path: Path
                                                                       ) -> None:
    for name in ("A", "B", "C"):
        (tmp_path / f"{name}.yaml").write_text(judgement(name), encoding="utf-8")
    inputs = load_inputs("kyrgyzstan-2025")
    single = score(inputs.pack, member_scenario(inputs.scenario,
                                                load_panel([tmp_path])[0]))
    for method in Aggregation:
        panel = analyse_panel(inputs.pack, inputs.scenario, load_panel([tmp_path]), method)
        assert panel.agrees and panel.consensus == pytest.approx(1.0)
        assert panel.kendall_w == pytest.approx(1.0)
        assert panel.group.weights == pytest.approx(single.weights)
        assert panel.leader == single.leader.id


@pytest.mark.parametrize(("files", "message"), [
    ({"a.yaml": judgement("A", pack="other-pack")}, "are for pack 'other-pack'"),
    ({"a.yaml": judgement("A"), "b.yaml": judgement("a")}, "appears twice on the panel"),
    ({"a.yaml": judgement("A", priorities="sovereignty-support: 5")},
     "gives no priority for: regional-stability"),
    ({"a.yaml": judgement("A", priorities=(
        "sovereignty-support: 5, regional-stability: 4, economic-ties: 4, "
        "partner-influence: 3, democratic-governance: 2, escalation-control: 2, "
        "morale: 3"))}, "weighs a criterion the pack does not have: morale"),
    ({"a.yaml": judgement("A", "voting_weight: 0\n")}, "voting_weight must be above 0"),
    ({"a.yaml": judgement("A", "voting_weight: -1\n")}, "voting_weight"),
    ({"a.yaml": judgement("A", "factors: {mood: {value: high}}\n")},
     "unknown factor 'mood'"),
    ({"a.yaml": judgement("A", "factors: {csto_status: {value: none}}\n")},
     "csto_status is a fixed fact, shared by the panel"),
    ({}, "the panel has no judgement files"),
])
def test_bad_judgement_files_are_located_errors_with_exit_2(
        tmp_path: Path, cli: Callable[..., Run], files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    run = cli("panel", "kyrgyzstan-2025", "--panel", tmp_path)
    assert run.code == 2, run.err
    assert message in run.err
    assert "Traceback" not in run.err
    if files:
        assert str(tmp_path) in run.err  # names the file


def test_the_panel_command_prints_the_split_memo(cli: Callable[..., Run]) -> None:
    run = cli("panel", "kyrgyzstan-2025", "--panel", "kyrgyzstan-2025")
    assert run.code == 0, run.err
    assert "The panel is split" in run.out
    assert "Where the panel differs" in run.out
    assert "Embassy in Bishkek" in run.out and "recommends Diplomatic engagement" in run.out
    data = json.loads(cli("panel", "kyrgyzstan-2025", "--panel", "kyrgyzstan-2025",
                          "-f", "json").out)
    assert data["schema"] == "crossroads.panel/1" and not data["agrees"]
    assert {a["name"] for a in data["analysts"]} >= {"Embassy in Bishkek",
                                                      "Human rights desk"}
    assert all(len(a["sha256"]) == 64 for a in data["analysts"])
    md = cli("panel", "kyrgyzstan-2025", "--panel", "kyrgyzstan-2025", "-f", "markdown").out
    assert "### Where the panel differs" in md


def test_an_unknown_method_is_a_clear_error(cli: Callable[..., Run]) -> None:
    run = cli("panel", "kyrgyzstan-2025", "--panel", "kyrgyzstan-2025", "--method", "vote")
    assert run.code == 2 and "choose priorities or judgements" in run.err


def test_the_judgements_method_combines_pairwise_and_priorities_desks() -> None:
    inputs = load_inputs("kyrgyzstan-2025")
    analysts = load_panel([SHIPPED_PANEL])
    assert any(a.judgements for a in analysts) and any(a.priorities for a in analysts)
    aij = analyse_panel(inputs.pack, inputs.scenario, analysts, Aggregation.JUDGEMENTS)
    aip = analyse_panel(inputs.pack, inputs.scenario, analysts, Aggregation.PRIORITIES)
    assert math.fsum(aij.group.weights.values()) == pytest.approx(1.0)
    # Different rules, close answers: no criterion's weight moves by more than 5 points.
    for criterion, weight in aip.group.weights.items():
        assert aij.group.weights[criterion] == pytest.approx(weight, abs=0.05)


def test_an_analysts_view_of_a_judged_fact_enters_their_own_ranking_only() -> None:
    inputs = load_inputs("kyrgyzstan-2025")
    embassy = next(a for a in load_panel([SHIPPED_PANEL]) if "Embassy" in a.name)
    seen = member_scenario(inputs.scenario, embassy)
    assert seen.factors["russian_pressure"].value == "high"
    assert inputs.scenario.factors["russian_pressure"].value == "medium"
    panel = analyse_panel(inputs.pack, inputs.scenario, load_panel([SHIPPED_PANEL]))
    dissent = next(d for d in panel.dissent if d.analyst == embassy.name)
    assert ("russian_pressure", "high", "medium") in dissent.reads
    with pytest.raises(InputError):
        analyse_panel(inputs.pack, inputs.scenario, [replace(embassy, pack="x")])


def test_a_delphi_round_reports_whether_consensus_rose(tmp_path: Path,
                                                       cli: Callable[..., Run]) -> None:
    import shutil

    round2 = tmp_path / "round2"
    shutil.copytree(SHIPPED_PANEL, round2)
    # After seeing the spread, the human rights desk moves toward the median.
    desk = round2 / "human-rights-desk.yaml"
    text = desk.read_text(encoding="utf-8")
    start = text.index("priorities:")
    end = text.index("rationale:")
    desk.write_text(text[:start] + (
        "priorities:\n  democratic-governance: 3\n  sovereignty-support: 4\n"
        "  partner-influence: 2\n  regional-stability: 3\n  economic-ties: 2\n"
        "  escalation-control: 2\n") + text[end:], encoding="utf-8")
    run = cli("panel", "kyrgyzstan-2025", "--panel", round2, "--previous", SHIPPED_PANEL,
              "-f", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["previous_round"]["revised"] == ["Human rights desk"]
    assert data["previous_round"]["consensus_rose"] is True
    assert data["consensus"] > data["previous_round"]["consensus"]
    log = tmp_path / "log.sqlite3"
    table = cli("panel", "kyrgyzstan-2025", "--panel", round2, "--previous", SHIPPED_PANEL,
                "--draws", "0", "--log", log)
    assert "Since the previous round, Human rights desk revised their weights; consensus " \
        "on the weights rose from" in " ".join(table.out.split())
    # The decision log keeps each round: the previous round's combined view, named as
    # such with its own files, and this round's.
    listed = cli("history", "list", "--log", log, "-f", "json")
    assert listed.code == 0, listed.err
    runs = json.loads(listed.out)["runs"]
    assert len(runs) == 2
    shown = [json.dumps(json.loads(cli("history", "show", r["id"], "--log", log, "-f",
                                       "json").out)) for r in runs]
    earlier = next(t for t in shown if "Previous Delphi round: panel of 4" in t)
    later = next(t for t in shown if t is not earlier)
    assert str(SHIPPED_PANEL / "human-rights-desk.yaml") in earlier
    assert str(round2 / "human-rights-desk.yaml") in later and "Previous Delphi" not in later


def test_the_spread_for_a_delphi_round_names_no_one(cli: Callable[..., Run]) -> None:
    run = cli("panel", "kyrgyzstan-2025", "--panel", "kyrgyzstan-2025", "--spread",
              "-f", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["schema"] == "crossroads.panel-spread/1" and data["analysts"] == 4
    for row in data["spread"]:
        assert row["low"] <= row["median"] <= row["high"]
    for name in ("Embassy", "desk", "Bishkek"):
        assert name not in run.out


def test_who_judges_is_a_source_of_uncertainty_with_its_variance_share() -> None:
    from crossroads.services.panel_draws import allocate, panel_robustness

    assert allocate(10, [0.5, 0.3, 0.2]) == [5, 3, 2]
    assert sum(allocate(10_000, [1 / 3] * 3)) == 10_000
    inputs = load_inputs("kyrgyzstan-2025")
    panel = analyse_panel(inputs.pack, inputs.scenario, load_panel([SHIPPED_PANEL]))
    r = panel_robustness(inputs.pack, inputs.scenario, panel, 4000, 11)
    assert math.fsum(r.first.values()) == pytest.approx(1.0)
    # The trade desk's own draws favour the combined leader (economic partnerships) more
    # than the human rights desk's: who judges matters, so its variance share is not 0.
    trade = r.by_analyst["Trade and connectivity desk"][panel.leader]
    rights = r.by_analyst["Human rights desk"][panel.leader]
    assert trade > rights + 0.1
    assert 0.02 < r.who_judges < 1
    # Identical analysts: who judges explains nothing.
    same = replace(panel, members=tuple(replace(m, analyst=replace(
        panel.members[3].analyst, name=f"A{k}"), share=0.25)
        for k, m in enumerate(panel.members)))
    alike = panel_robustness(inputs.pack, inputs.scenario, same, 4000, 11)
    assert alike.who_judges < 0.01


def test_who_judges_has_a_value_of_information_that_identical_analysts_do_not() -> None:
    from crossroads.services.panel_draws import panel_robustness

    inputs = load_inputs("kyrgyzstan-2025")
    panel = analyse_panel(inputs.pack, inputs.scenario, load_panel([SHIPPED_PANEL]))
    r = panel_robustness(inputs.pack, inputs.scenario, panel, 4000, 11)
    assert r.who_judges_value is not None
    value = r.who_judges_value.inputs[0]
    assert 0.0 <= value.evppi <= r.who_judges_value.evpi
    # The trade desk's view keeps the combined leader best on average.
    assert r.view_leaders["Trade and connectivity desk"] == panel.leader
    same = replace(panel, members=tuple(replace(m, analyst=replace(
        panel.members[3].analyst, name=f"A{k}"), share=0.25)
        for k, m in enumerate(panel.members)))
    alike = panel_robustness(inputs.pack, inputs.scenario, same, 4000, 11)
    assert alike.who_judges_value is not None and alike.who_judges_value.inputs[0].negligible
    assert len(set(alike.view_leaders.values())) == 1


def test_the_decision_log_keeps_the_panel_run_and_rerun_reproduces_it(
        tmp_path: Path, cli: Callable[..., Run]) -> None:
    log = tmp_path / "log.sqlite3"
    run = cli("panel", "kyrgyzstan-2025", "--panel", "kyrgyzstan-2025", "--method",
              "judgements", "--draws", "0", "--log", log)
    assert run.code == 0, run.err
    shown = cli("history", "show", "latest", "--log", log, "-f", "json")
    assert shown.code == 0, shown.err
    record = json.loads(shown.out)
    text = json.dumps(record)
    for name in ("security-desk.yaml", "trade-desk.yaml", "human-rights-desk.yaml",
                 "embassy-bishkek.yaml"):
        assert name in text  # each judgement file named, with its digest
    assert "combined by aggregation of individual judgements (AIJ)" in text
    rerun = cli("history", "rerun", "latest", "--log", log)
    assert rerun.code == 0, rerun.err
    assert "Result unchanged" in rerun.out


def test_every_problem_of_every_judgement_file_is_reported_at_once(
        tmp_path: Path, cli: Callable[..., Run]) -> None:
    (tmp_path / "a.yaml").write_text(
        "format: crossroads.judgements/1\nanalyst: A\npack: partner-engagement\n"
        "pairwise:\n  - [economic-ties, sovereignty-support, 2]\n"
        "  - [economic-ties, morale, 3]\nfactors:\n  russian_pressure: {value: extreme}\n",
        encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        "format: crossroads.judgements/1\nanalyst: B\npack: [1, 2]\npriorities: 3\n",
        encoding="utf-8")
    # First the files' structure (every file), then how they fit the pack (every file).
    run = cli("panel", "kyrgyzstan-2025", "--panel", tmp_path, "--no-log")
    assert run.code == 2
    assert "b.yaml:4:" in run.err and "b.yaml:3:" in run.err
    assert "gives no priorities" not in run.err  # the wrong `priorities:` is reported once
    (tmp_path / "b.yaml").unlink()
    run = cli("panel", "kyrgyzstan-2025", "--panel", tmp_path, "--no-log")
    assert run.code == 2
    assert "a.yaml:6:5: error: unknown criterion 'morale' in pairwise" in run.err
    assert "a.yaml:8:" in run.err and "'extreme' is not a level of russian_pressure" in run.err


def copy_panel(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "panel"
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text((SHIPPED_PANEL / name).read_text(encoding="utf-8"),
                                   encoding="utf-8")
    return folder


def test_a_dissent_that_comes_from_the_facts_says_so_not_the_weights() -> None:
    inputs = load_inputs("kyrgyzstan-2025")
    panel = analyse_panel(inputs.pack, inputs.scenario, load_panel([SHIPPED_PANEL]))
    for d in panel.dissent:
        member = next(m for m in panel.members if m.analyst.name == d.analyst)
        on_stated = score(inputs.pack, replace(member_scenario(inputs.scenario, member.analyst),
                                               factors=inputs.scenario.factors)).leader.id
        # "facts" is said exactly when the analyst's weights alone would back the leader.
        assert (d.driver == "facts") == (on_stated == panel.leader and bool(d.reads))
    assert panel.dissent_share == pytest.approx(
        math.fsum(m.share for m in panel.members if m.leader != panel.leader))


def test_when_every_analyst_dissents_the_bottom_line_does_not_call_it_a_split(
        tmp_path: Path, cli: Callable[..., Run]) -> None:
    folder = copy_panel(tmp_path, "embassy-bishkek.yaml", "human-rights-desk.yaml")
    data = json.loads(cli("panel", "kyrgyzstan-2025", "--panel", folder, "-f", "json",
                          "--draws", "0", "--no-log").out)
    if len(data["dissent"]) == len(data["analysts"]):
        assert data["bottom_line"].startswith("No analyst backs the combined leader")
    else:
        assert "split" in data["bottom_line"] or "agrees" in data["bottom_line"]
    assert data["dissent_share"] == pytest.approx(
        math.fsum(d["share"] for d in data["dissent"]))


def test_a_panel_of_one_says_nothing_about_who_judges(tmp_path: Path,
                                                      cli: Callable[..., Run]) -> None:
    folder = copy_panel(tmp_path, "human-rights-desk.yaml")
    run = cli("panel", "kyrgyzstan-2025", "--panel", folder, "--draws", "500", "--no-log")
    assert run.code == 0, run.err
    flat = " ".join(run.out.split())
    assert "One analyst:" in flat and "who judges" not in flat
    assert "Knowing which analyst" not in flat
    # The draws' verdict, said as this analyst's view's, not as a group's recommendation.
    assert "Across this analyst's view, " in flat and "Recommend " not in flat
    data = json.loads(cli("panel", "kyrgyzstan-2025", "--panel", folder, "-f", "json",
                          "--draws", "0", "--no-log").out)
    assert data["kendall_w"] is None and data["consensus"] is None


def test_rounds_name_who_joined_and_who_left(tmp_path: Path, cli: Callable[..., Run]) -> None:
    before = copy_panel(tmp_path / "a", "embassy-bishkek.yaml", "trade-desk.yaml",
                        "security-desk.yaml")
    after = copy_panel(tmp_path / "b", "trade-desk.yaml", "human-rights-desk.yaml")
    run = cli("panel", "kyrgyzstan-2025", "--panel", after, "--previous", before,
              "--draws", "0", "--no-log", "-f", "json")
    data = json.loads(run.out)["previous_round"]
    assert data["joined"] == ["Human rights desk"]
    assert sorted(data["left"]) == ["Embassy in Bishkek", "Security policy desk"]


def test_judgements_for_another_scenario_are_refused_at_their_line(
        tmp_path: Path, cli: Callable[..., Run]) -> None:
    folder = copy_panel(tmp_path, "trade-desk.yaml", "security-desk.yaml")
    run = cli("panel", "tajikistan-2025", "--panel", folder, "--no-log")
    assert run.code == 2
    assert "trade-desk.yaml:7:1: error: Trade and connectivity desk's judgements were " \
        "given for scenario 'kyrgyzstan-2025', not 'tajikistan-2025'" in run.err


def test_pack_and_criterion_problems_point_at_their_line(tmp_path: Path,
                                                         cli: Callable[..., Run]) -> None:
    text = (SHIPPED_PANEL / "security-desk.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text.replace("  democratic-governance: 1",
                                                  "  democratic-governanse: 1"),
                                     encoding="utf-8")
    (tmp_path / "b.YAML").write_text(judgement("B", pack="other-pack"), encoding="utf-8")
    run = cli("panel", "kyrgyzstan-2025", "--panel", tmp_path, "--no-log")
    assert run.code == 2
    line = text.splitlines().index("  democratic-governance: 1") + 1
    assert f"a.yaml:{line}:3: error: Security policy desk weighs a criterion the pack " \
        "does not have: democratic-governanse" in run.err
    assert "democratic-governance" in run.err  # the suggestion
    assert "b.YAML:3:1: error: B's judgements are for pack 'other-pack'" in run.err
    twice = cli("panel", "kyrgyzstan-2025", "--panel", tmp_path / "a.yaml", "--panel",
                tmp_path / "a.yaml", "--no-log")
    assert twice.code == 2 and "this judgement file is given twice" in twice.err


def test_a_panel_kept_beside_its_scenario_needs_no_flag(tmp_path: Path,
                                                       cli: Callable[..., Run]) -> None:
    # The judgement files in panels/<scenario id>/ next to the scenario file are its panel.
    scenario = tmp_path / "kyrgyzstan-2025.yaml"
    scenario.write_text((scenarios_dir() / "kyrgyzstan-2025.yaml").read_text(encoding="utf-8"),
                        encoding="utf-8")
    (tmp_path / "panels").mkdir()
    copy_panel(tmp_path / "panels" / "x", "security-desk.yaml", "trade-desk.yaml")
    (tmp_path / "panels" / "x" / "panel").rename(tmp_path / "panels" / "kyrgyzstan-2025")
    run = cli("panel", scenario, "--draws", "0", "--no-log")
    assert run.code == 0, run.err
    assert "panel of 2" in run.out
    # Without such a folder, or from standard input, the panel must be named.
    alone = tmp_path / "alone"
    alone.mkdir()
    moved = scenario.rename(alone / scenario.name)
    run = cli("panel", moved, "--no-log")
    assert run.code == 2 and "no folder panels/kyrgyzstan-2025/ beside" in run.err
    assert "--panel PATH" in run.err


def test_weights_beyond_saatys_scale_are_said_not_silently_floored(
        tmp_path: Path) -> None:
    inputs = load_inputs("kyrgyzstan-2025")
    folder = copy_panel(tmp_path, "security-desk.yaml", "trade-desk.yaml")
    desk = folder / "security-desk.yaml"
    desk.write_text(desk.read_text(encoding="utf-8").replace(
        "democratic-governance: 1", "democratic-governance: 0"), encoding="utf-8")
    analysts = load_panel([folder])
    aij = analyse_panel(inputs.pack, inputs.scenario, analysts, Aggregation.JUDGEMENTS)
    assert any("Security policy desk's priorities put Democratic governance more than 9 "
               "times below" in note for note in aij.notes)
    # Combining priorities needs no ratio, so no such note.
    aip = analyse_panel(inputs.pack, inputs.scenario, analysts, Aggregation.PRIORITIES)
    assert not any("more than 9 times" in note for note in aip.notes)


def test_a_consensus_below_its_scale_is_shown_as_zero_with_a_note(tmp_path: Path) -> None:
    inputs = load_inputs("kyrgyzstan-2025")
    criteria = list(inputs.pack.criteria)
    for k, name in enumerate(("a", "b")):
        lines = "".join(f"  {c}: {5 if i == k else 0}\n" for i, c in enumerate(criteria))
        (tmp_path / f"{name}.yaml").write_text(
            f"format: crossroads.judgements/1\nanalyst: {name}\npack: partner-engagement\n"
            f"priorities:\n{lines}", encoding="utf-8")
    panel = analyse_panel(inputs.pack, inputs.scenario, load_panel([tmp_path]))
    assert panel.consensus == 0.0
    assert any("below the 0% its scale assumes" in note for note in panel.notes)


def test_a_round_that_revises_only_a_reading_of_the_facts_says_so(tmp_path: Path) -> None:
    # The embassy comes round to the scenario's reading of Russian pressure: no weight
    # moved, but its dissent, and a third of the votes with it, is gone.
    from crossroads.services.panel import panel_for

    inputs = load_inputs("kyrgyzstan-2025")
    round2 = copy_panel(tmp_path, "security-desk.yaml", "trade-desk.yaml",
                        "human-rights-desk.yaml", "embassy-bishkek.yaml")
    embassy = round2 / "embassy-bishkek.yaml"
    text = embassy.read_text(encoding="utf-8")
    embassy.write_text(text[:text.index("factors:")] + text[text.index("rationale:"):],
                       encoding="utf-8")
    change = panel_for(inputs.pack, inputs.scenario, [round2], "priorities",
                       [SHIPPED_PANEL]).previous
    assert change is not None
    assert change.revised == () and change.revised_readings == ("Embassy in Bishkek",)
    assert change.dissent_after < change.dissent_before
    assert change.dissent_before - change.dissent_after == pytest.approx(1.5 / 4.5)


def test_each_judgement_problem_is_told_once_at_its_own_line(
        tmp_path: Path, cli: Callable[..., Run]) -> None:
    def run_with(text: str) -> str:
        (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
        run = cli("panel", "kyrgyzstan-2025", "--panel", tmp_path, "--no-log")
        assert run.code == 2 and "Traceback" not in run.err
        return run.err

    # A negative vote: the message states the rule (above 0), not a range that admits 0.
    err = run_with(judgement("A", "voting_weight: -1\n"))
    assert "a.yaml:5:16: error: voting_weight must be above 0, got -1" in err
    assert "[0, inf]" not in err
    # A missing criterion points at `priorities:` (line 4), not at the file's first line.
    err = run_with(judgement("A", priorities="sovereignty-support: 5"))
    assert "a.yaml:4:1: error: A gives no priority for: regional-stability" in err
    # A misspelt criterion is one error, with the suggestion, not also a missing one.
    err = run_with(judgement("A", priorities=(
        "sovereignty-support: 5, regional-stability: 4, economic-ties: 4, "
        "partner-influence: 3, democratic-governanse: 2, escalation-control: 2")))
    assert "did you mean 'democratic-governance'?" in err
    assert "gives no priority for" not in err
    # A misspelt `priorities:` key is one error, not also "gives no priorities".
    err = run_with(judgement("A").replace("priorities:", "prioritys:"))
    assert "unknown key 'prioritys'" in err and "gives no priorities" not in err
    # A missing pair points at `pairwise:`.
    err = run_with("format: crossroads.judgements/1\nanalyst: A\npack: partner-engagement\n"
                   "pairwise:\n  - [economic-ties, sovereignty-support, 2]\n")
    assert "a.yaml:4:1: error: pairwise judgements must compare every pair" in err


def test_the_confidence_weighs_the_panels_pairwise_consistency(tmp_path: Path) -> None:
    # The trade desk compares in pairs: its consistency grades the combined view's
    # confidence, as one analyst's consistency ratio grades a single scenario's.
    from crossroads.core.confidence import judge_confidence

    inputs = load_inputs("kyrgyzstan-2025")

    def pairwise_input(folder: Path, method: Aggregation) -> tuple[str, str]:
        group = analyse_panel(inputs.pack, inputs.scenario, load_panel([folder]),
                              method).group
        found = next(i for i in judge_confidence(group).inputs
                     if i.name == "pairwise consistency")
        return found.grade, found.detail

    grade, detail = pairwise_input(SHIPPED_PANEL, Aggregation.PRIORITIES)
    assert grade == "high" and "Trade and connectivity desk" in detail
    folder = copy_panel(tmp_path, "security-desk.yaml", "trade-desk.yaml")
    desk = folder / "trade-desk.yaml"
    # Economic ties 5x regional stability, regional stability 5x sovereignty, and yet
    # sovereignty 5x economic ties: a cycle no consistent weights can give.
    text = desk.read_text(encoding="utf-8")
    text = text.replace("[economic-ties, regional-stability, 3]",
                        "[economic-ties, regional-stability, 5]")
    text = text.replace("[economic-ties, sovereignty-support, 2]",
                        "[sovereignty-support, economic-ties, 9]")
    text = text.replace("[sovereignty-support, regional-stability, 2]",
                        "[regional-stability, sovereignty-support, 9]")
    desk.write_text(text, encoding="utf-8")
    for method in Aggregation:
        grade, detail = pairwise_input(folder, method)
        assert grade == "low", (method, detail)
        assert "Trade and connectivity desk" in detail
    # Without anyone comparing in pairs, there is nothing to grade.
    only = copy_panel(tmp_path / "b", "security-desk.yaml", "human-rights-desk.yaml")
    assert pairwise_input(only, Aggregation.PRIORITIES)[0] == "n/a"
