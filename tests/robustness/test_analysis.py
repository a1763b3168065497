"""Sensitivity analysis: acceptability, reproducibility, dominance, ties, break-even values."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import crossroads.core.inputs
from conftest import DATA, Run
from crossroads.core.engine import score
from crossroads.core.model import Pack, Scenario
from crossroads.io.loader import load_pack
from crossroads.io.overrides import with_overrides
from crossroads.io.scenario_file import load_scenario
from crossroads.report.sensitivity_data import as_dict
from crossroads.robustness.analysis import analyse, estimative_words
from crossroads.robustness.breakeven import rescaled_weights
from crossroads.robustness.result import Sensitivity, summarise
from crossroads.robustness.summary import Robustness
from crossroads.services.briefing import score_with_robustness

ROBUST_PACK = DATA / "robust-pack"
SCENARIOS = DATA / "robust-scenarios"


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(ROBUST_PACK)


def scenario(name: str) -> Scenario:
    return load_scenario(SCENARIOS / f"{name}.yaml")


def leader_with(pack: Pack, base: Scenario, factor: str, value: object) -> str:
    """Re-score the scenario with one factor set, as `--set factor=value` would."""
    changed = with_overrides(pack, base, {factor: value})
    return score(pack, changed).leader.id


def count_factor_resolutions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Wrap ``resolve_factors`` wherever a crossroads module holds it; returns the calls."""
    original = crossroads.core.inputs.resolve_factors
    calls: list[str] = []

    def counting(pack: Pack, scenario: Scenario) -> object:
        calls.append(scenario.id)
        return original(pack, scenario)

    holders = [name for name, module in sys.modules.items() if name.startswith("crossroads.")
               and getattr(module, "resolve_factors", None) is original]
    assert "crossroads.core.engine" in holders  # where scoring looks it up
    for name in holders:
        monkeypatch.setattr(sys.modules[name], "resolve_factors", counting)
    return calls


def test_a_sensitivity_run_resolves_the_factors_once(pack: Pack,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Scoring resolves the factors; the draws and the confidence judgement reuse them
    (issue 10: one run resolved them three times)."""
    calls = count_factor_resolutions(monkeypatch)
    result = analyse(pack, scenario("mixed"), draws=200, seed=1)
    assert calls == [result.scenario]
    calls.clear()
    score_with_robustness(pack, scenario("mixed"), draws=200, seed=1)
    assert calls == [result.scenario]


def test_acceptability_rows_and_columns_sum_to_one(pack: Pack) -> None:
    result = analyse(pack, scenario("mixed"), draws=3000, seed=5)
    n = len(result.options)
    for option in result.options:
        assert len(result.acceptability[option]) == n
        assert sum(result.acceptability[option]) == pytest.approx(1.0, abs=1e-12)
    for rank in range(n):
        assert sum(result.acceptability[o][rank] for o in result.options) == \
            pytest.approx(1.0, abs=1e-12)
    # Pairwise winning probabilities are complementary (no two options share a rank).
    a, b = result.options[:2]
    assert result.pairwise_wins[a][b] + result.pairwise_wins[b][a] == pytest.approx(1.0)
    assert result.first_rank_acceptability == result.acceptability[result.leader][0]


def test_same_seed_same_numbers_other_seed_other_numbers(pack: Pack) -> None:
    first = as_dict(analyse(pack, scenario("mixed"), draws=2000, seed=42))
    again = as_dict(analyse(pack, scenario("mixed"), draws=2000, seed=42))
    other = as_dict(analyse(pack, scenario("mixed"), draws=2000, seed=43))
    for data in (first, again, other):
        data.pop("engine_seconds")
    assert first == again
    assert first["options"] != other["options"]


def test_chunking_does_not_change_the_numbers(pack: Pack, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    whole = analyse(pack, scenario("mixed"), draws=1000, seed=9)
    monkeypatch.setattr("crossroads.robustness.analysis.CHUNK", 128)
    chunked = analyse(pack, scenario("mixed"), draws=1000, seed=9)
    assert chunked.acceptability == whole.acceptability
    assert chunked.pairwise_wins == whole.pairwise_wins


def test_a_dominant_option_is_first_in_every_draw(pack: Pack) -> None:
    result = analyse(pack, scenario("dominant"), draws=4000, seed=1, sources=("weights", "facts"))
    assert result.leader == "a"
    assert result.first_rank_acceptability == 1.0
    assert result.robustness == "almost certain"
    # Robustness is not confidence: the fixture's facts cite no source, so confidence is low.
    assert result.confidence == "low"
    assert result.recommendation is not None and not result.recommendation.close_call
    assert result.pairwise_wins["a"] == {"b": 1.0, "c": 1.0}


def test_a_tie_by_construction_splits_about_evenly(pack: Pack) -> None:
    # Option a scores only on c1, option b only on c2, equally; with no priorities the
    # weights are uniform on the simplex, so each leads in half of the draws.
    result = analyse(pack, scenario("tie"), draws=20_000, seed=2, sources=("weights",))
    assert result.weight_model == "uniform"
    assert result.acceptability["a"][0] == pytest.approx(0.5, abs=0.015)  # 4 sd at 20,000
    assert result.acceptability["a"][0] + result.acceptability["b"][0] == 1.0
    assert result.acceptability["c"][2] == 1.0
    assert result.robustness == "roughly even chance"
    # A split of the draws is a close call that names both options.
    rec = result.recommendation
    assert rec is not None and rec.close_call
    assert {rec.modal, rec.other} == {"a", "b"}
    assert rec.statement(result.titles).startswith("Close call between Option ")


def test_facts_only_and_weights_only(pack: Pack) -> None:
    facts = analyse(pack, scenario("threshold"), draws=4000, seed=3, vary_weights=False,
                    sources=("weights", "facts"))
    assert facts.weight_model == "fixed"
    # x ~ U(0.2, 0.9), p uniform over low/medium/high.  Below high, a leads when x >= 0.5
    # (P = 4/7); at high, b gains 3 points and a carries an extra risk, so a never leads.
    assert facts.first_rank_acceptability == pytest.approx(2 / 3 * 4 / 7, abs=0.025)
    weights = analyse(pack, scenario("threshold"), draws=4000, seed=3, vary_facts=False,
                      sources=("weights", "facts"))
    assert weights.weight_model == "dirichlet"
    assert weights.concentration == 50.0
    # Facts fixed at x = 0.7, p = medium: a gets 7 on c1 and b gets 5, whatever the weights.
    assert weights.first_rank_acceptability == 1.0


def test_number_break_even_is_verified_by_rescoring(pack: Pack) -> None:
    base = scenario("threshold")
    result = analyse(pack, base, draws=500, seed=4)
    driver = next(d for d in result.one_way if d.factor == "x")
    assert driver.break_even == pytest.approx(0.5, abs=1e-12)
    assert driver.new_leader == "b"
    assert leader_with(pack, base, "x", driver.last_held) == "a"
    assert leader_with(pack, base, "x", driver.break_even) == "b"
    assert leader_with(pack, base, "x", 0.5 + 1e-9) == "a"
    assert leader_with(pack, base, "x", 0.5 - 1e-9) == "b"
    assert driver.margin_low < 0 < driver.margin_high
    # a: 10x on c1 (weight 0.6) minus risk 0.6x; b: 5 on c1 minus the same risk.
    assert driver.margin_high == pytest.approx(0.6 * (9 - 5))
    assert driver.margin_low == pytest.approx(0.6 * (2 - 5))


def test_level_break_even_is_verified_by_rescoring(pack: Pack) -> None:
    base = scenario("threshold")
    result = analyse(pack, base, draws=500, seed=4)
    driver = next(d for d in result.one_way if d.factor == "p")
    assert (driver.break_even, driver.last_held, driver.new_leader) == ("high", "medium", "b")
    assert leader_with(pack, base, "p", "medium") == "a"
    assert leader_with(pack, base, "p", "high") == "b"


def test_drivers_are_sorted_by_swing_and_summarised_for_briefings(pack: Pack) -> None:
    result = analyse(pack, scenario("mixed"), draws=500, seed=4)
    swings = [d.swing for d in result.one_way]
    assert swings == sorted(swings, reverse=True)
    summary = summarise(result)
    assert isinstance(summary, Robustness)
    assert summary.leader == result.leader
    assert summary.first_rank_acceptability == result.first_rank_acceptability
    assert summary.confidence == result.confidence
    assert [d.factor for d in summary.drivers] == [d.factor for d in result.one_way]
    assert [d.swing for d in summary.drivers] == swings


def test_weight_stability_bounds_are_where_the_leader_changes(pack: Pack) -> None:
    base = scenario("threshold")
    result = analyse(pack, base, draws=200, seed=4)
    weights = result.base_weights
    c1 = next(w for w in result.weight_intervals if w.criterion == "c1")
    # a: 7 on c1, risk 0.42; b: 5 on c1, the same risk; c: nothing. So a leads while
    # 2 * w1 > 0, and at w1 = 0 all tie on benefit and c wins on risk (id order a<b<c
    # would keep a, but a and b carry risk): c takes over just below 0.
    assert c1.upper == 1.0 and c1.above is None
    assert 0.0 <= c1.lower < weights["c1"]
    for interval in result.weight_intervals:
        for bound, who, step in ((interval.lower, interval.below, -1e-9),
                                 (interval.upper, interval.above, 1e-9)):
            if who is None:
                continue
            inside = rescaled_weights(weights, interval.criterion, bound - step)
            outside = rescaled_weights(weights, interval.criterion, bound + step)
            assert _leader_under(pack, base, inside) == result.leader
            assert _leader_under(pack, base, outside) == who


def _leader_under(pack: Pack, base: Scenario, weights: dict[str, float]) -> str:
    return score(pack, with_overrides(pack, base, weights=weights)).leader.id


@pytest.mark.parametrize(("share", "words"), [
    (1.0, "almost certain"), (0.90, "very likely"), (0.80, "likely"), (0.55, "roughly even chance"),
    (0.3, "unlikely"), (0.1, "very unlikely"), (0.01, "almost no chance"),
])
def test_robustness_words_follow_icd_203(share: float, words: str) -> None:
    assert estimative_words(share) == words


def test_cli_sensitivity_json(cli: Callable[..., Run]) -> None:
    run = cli("sensitivity", SCENARIOS / "threshold.yaml", "--pack", ROBUST_PACK,
              "--draws", "2000", "--seed", "7", "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["schema"] == "crossroads.sensitivity/3"
    assert data["draws"] == 2000 and data["seed"] == 7
    assert data["leader"] == "a"
    assert {o["id"] for o in data["options"]} == {"a", "b", "c"}
    assert data["one_way"][0]["break_even"] is not None
    again = json.loads(cli("sensitivity", SCENARIOS / "threshold.yaml", "--pack", ROBUST_PACK,
                           "--draws", "2000", "--seed", "7", "--format", "json").out)
    assert again["options"] == data["options"]


def test_cli_sensitivity_table_says_what_would_change(cli: Callable[..., Run]) -> None:
    run = cli("sensitivity", SCENARIOS / "threshold.yaml", "--pack", ROBUST_PACK,
              "--draws", "1000")
    assert run.code == 0, run.err
    assert "Rank acceptability" in run.out
    assert "X share falls below 0.5 (now 0.7): Option B overtakes Option A" in run.out
    assert "Pressure rises to high (now medium): Option B overtakes Option A" in run.out
    assert "Weight stability" in run.out


def test_cli_sensitivity_warns_about_inconsistent_judgements(cli: Callable[..., Run]) -> None:
    run = cli("sensitivity", SCENARIOS / "ahp.yaml", "--pack", ROBUST_PACK, "--draws", "500",
              "--format", "json")
    assert run.code == 0
    assert "warning: pairwise judgements are inconsistent" in run.err
    assert json.loads(run.out)["weight_model"] == "dirichlet"


@pytest.mark.parametrize("args", [
    ("--weights-only", "--facts-only"),
    ("--draws", "0"),
    ("--format", "html"),  # markdown is a format since the review fixes
])
def test_cli_sensitivity_bad_options(cli: Callable[..., Run], args: tuple[str, ...]) -> None:
    run = cli("sensitivity", SCENARIOS / "threshold.yaml", "--pack", ROBUST_PACK, *args)
    assert run.code == 2
    assert "Traceback" not in run.err


def test_bad_scenario_exits_2_with_position(cli: Callable[..., Run],
                                            write: Callable[[str, str], Path]) -> None:
    path = write("s.yaml", """
        format: crossroads.scenario/1
        id: s
        title: T
        subject: S
        pack: robust
        factors:
          x: {value: 0.5, range: [0.6, 0.9]}
        """)
    run = cli("sensitivity", path, "--pack", ROBUST_PACK)
    assert run.code == 2
    assert "s.yaml:7:" in run.err and "outside its range" in run.err


def test_result_type(pack: Pack) -> None:
    assert isinstance(analyse(pack, scenario("tie"), draws=10, seed=1), Sensitivity)


def test_exact_ties_do_not_read_as_confidence(write: Callable[[str, str], Path]) -> None:
    # In the tiny pack with x = 0.5 and pressure low, options a and b score exactly the
    # same: a is "first" in every draw only because the engine breaks ties by id.
    pack = load_pack(DATA / "tiny-pack")
    path = write("t.yaml", """
        format: crossroads.scenario/1
        id: t
        title: T
        subject: S
        pack: tiny
        factors:
          x: 0.5
        """)
    result = analyse(pack, load_scenario(path), draws=500, seed=1, sources=("weights", "facts"))
    assert result.first_rank_acceptability == 1.0
    assert result.tied_first == 1.0
    assert result.support == 0.5
    assert result.robustness == "roughly even chance"
    assert any("exactly tied" in note for note in result.notes)


def test_cli_defaults_are_the_library_defaults() -> None:
    import inspect

    from crossroads.commands.robustness import sensitivity
    from crossroads.robustness.analysis import CONCENTRATION
    from crossroads.robustness.defaults import DEFAULT_DRAWS, DEFAULT_SEED

    defaults = {name: p.default for name, p in inspect.signature(sensitivity).parameters.items()}
    assert (defaults["draws"], defaults["seed"], defaults["concentration"]) == \
        (DEFAULT_DRAWS, DEFAULT_SEED, CONCENTRATION)


def test_concentration_tightens_the_weight_draws(pack: Pack, cli: Callable[..., Run]) -> None:
    loose = analyse(pack, scenario("ahp"), draws=3000, seed=8, sources=("weights",),
                    concentration=5)
    tight = analyse(pack, scenario("ahp"), draws=3000, seed=8, sources=("weights",),
                    concentration=500)
    assert tight.first_rank_acceptability > loose.first_rank_acceptability
    run = cli("sensitivity", SCENARIOS / "mixed.yaml", "--pack", ROBUST_PACK, "--draws", "100",
              "--concentration", "500", "--format", "json")
    assert json.loads(run.out)["concentration"] == 500


def test_progress_reports_every_chunk(pack: Pack) -> None:
    seen: list[tuple[int, int]] = []
    analyse(pack, scenario("mixed"), draws=6000, seed=1,
            progress=lambda done, total: seen.append((done, total)))
    assert seen == [(2500, 6000), (5000, 6000), (6000, 6000)]


def test_a_rule_failing_in_some_draws_is_reported_with_its_position(
        cli: Callable[..., Run], write: Callable[[str, str], Path]) -> None:
    # log(x - 0.5) is fine at the scenario's value (0.7) but undefined below 0.5, which the
    # range allows: the draws that hit it must name the rule, not crash or go quiet.
    pack_dir = write("pack/pack.yaml", """
        format: crossroads.pack/1
        id: fragile
        version: "1.0"
        title: Fragile
        factors:
          - {id: x, type: number, label: X, min: 0, max: 1, default: 0.7}
        criteria:
          - {id: c1, title: C1, scale: [-5, 5]}
        options:
          - {id: a, title: A, source: "t"}
          - {id: b, title: B, source: "t"}
        rules:
          - id: divide
            effects:
              - {option: a, criterion: c1, points: "log(x - 0.5)"}
        """).parent
    path = write("s.yaml", """
        format: crossroads.scenario/1
        id: s
        title: T
        subject: S
        pack: fragile
        factors:
          x: {value: 0.7, range: [0.2, 0.9]}
        """)
    run = cli("sensitivity", path, "--pack", pack_dir, "--draws", "200")
    assert run.code == 2
    assert "Traceback" not in run.err
    assert "pack.yaml:15:44: error: rule 'divide': points `log(x - 0.5)` failed in a " \
           "sensitivity draw: result is not finite (e.g. at x = 0." in run.err
