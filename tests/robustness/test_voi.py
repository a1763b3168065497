"""Value of information: EVPI and EVPPI by regression agree with brute force and hand sums.

Every tolerance is a multiple of the estimate's own Monte-Carlo standard error (or of the
brute-force run's), never a count of decimal places.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from crossroads.core.engine import score
from crossroads.core.model import Pack, Scenario
from crossroads.io.loader import load_pack
from crossroads.io.scenario_file import load_scenario
from crossroads.robustness.analysis import CONCENTRATION, analyse, draw_weights
from crossroads.robustness.breakeven import vector_values
from crossroads.robustness.vectorised import VectorScorer
from crossroads.robustness.voi import value_of_information, who_judges_value
from crossroads.robustness.voi_inputs import UncertainInput
from crossroads.robustness.voi_result import InputValue, ValueOfInformation
from crossroads.services.inputs import load_inputs

# -- synthetic draws with values known in closed form ------------------------------------


def synthetic(draws: int, seed: int) -> tuple[np.ndarray, list[UncertainInput]]:
    """Option a is worth 1 + u; option b is worth 3 if the yes/no input holds, else 0.

    With P(yes) = 0.3 and u ~ U(-1, 1): E[a] = 1 > E[b] = 0.9, so a is chosen now.
    EVPI = E[max(0, b - a)] = 0.3 x 2 = 0.6 (b - a = 2 - u > 0 whenever yes, < 0 otherwise);
    EVPPI(yes/no) = 0.3 x max(0, E[b - a | yes]) = 0.6, the whole EVPI;
    EVPPI(u) = E[max(0, 0.9 - 1 - u)] = ∫ from -1 to -0.1 of (-0.1 - u) du / 2 = 0.2025;
    an input that moves neither option (w) is worth nothing.
    """
    rng = np.random.default_rng(seed)
    yes = rng.uniform(size=draws) < 0.3
    u = rng.uniform(-1, 1, draws)
    w = rng.uniform(0, 5, draws)
    scores = np.stack([1 + u, 3.0 * yes], axis=1)
    return scores, [UncertainInput("judged:yes", "Yes or no", "judged", "", yes.astype(float),
                                   discrete=True),
                    UncertainInput("fact:u", "U", "facts", "", u),
                    UncertainInput("fact:w", "W", "facts", "", w)]


def by_id(voi: ValueOfInformation, item: str) -> InputValue:
    return next(i for i in voi.inputs if i.id == item)


def test_evpi_and_each_evppi_match_their_closed_forms_within_monte_carlo_error() -> None:
    scores, inputs = synthetic(20_000, seed=3)
    voi = value_of_information(scores, ["a", "b"], inputs)
    assert voi.decision == "a"
    assert abs(voi.evpi - 0.6) < 4 * voi.evpi_standard_error
    decisive, continuous = by_id(voi, "judged:yes"), by_id(voi, "fact:u")
    assert abs(decisive.evppi - 0.6) < 4 * decisive.standard_error
    assert abs(continuous.evppi - 0.2025) < 4 * continuous.standard_error
    assert continuous.method == "P-spline" and decisive.method == "group means"
    # Knowing u changes the choice when u < -0.1, 45% of the time, always to b.
    assert abs(continuous.change_chance - 0.45) < 0.03 and continuous.switch_to == "b"
    assert decisive.switch_to == "b" and not decisive.negligible


def test_the_worked_example_of_the_docs_gives_the_numbers_it_states() -> None:
    """docs/explanation/value-of-information.md: four draws, checkable by hand."""
    act = np.array([1.0, 0.0, 0.0, 0.0])
    u = np.array([-0.5, 0.5, -0.5, 0.5])
    scores = np.stack([1 + u, 3 * act], axis=1)
    voi = value_of_information(scores, ["a", "b"], [
        UncertainInput("judged:act", "Act", "judged", "", act, discrete=True),
        UncertainInput("judged:u", "U", "judged", "", u, discrete=True)])
    assert voi.decision == "a" and voi.evpi == pytest.approx(0.625)
    assert by_id(voi, "judged:act").evppi == pytest.approx(0.625)
    assert by_id(voi, "judged:u").evppi == pytest.approx(0.5)
    assert by_id(voi, "judged:act").change_chance == pytest.approx(0.25)
    assert by_id(voi, "judged:u").change_chance == pytest.approx(0.5)
    assert by_id(voi, "judged:u").switch_to == "b"


def test_a_yes_no_input_gets_its_exact_value_by_conditioning_on_it() -> None:
    """Exact conditioning: the EVPPI is the sum, over yes and no, of the share of draws
    times the best option's mean gain there, computed here by hand from the same draws."""
    scores, inputs = synthetic(5_000, seed=11)
    yes = inputs[0].values > 0.5
    difference = scores[:, 1] - scores[:, 0]
    by_hand = sum(part.mean() * max(difference[part].mean(), 0.0) for part in (yes, ~yes))
    voi = value_of_information(scores, ["a", "b"], inputs)
    assert by_id(voi, "judged:yes").evppi == pytest.approx(by_hand, rel=1e-9)


def test_an_input_that_cannot_change_the_decision_is_worth_nothing() -> None:
    scores, inputs = synthetic(20_000, seed=5)
    voi = value_of_information(scores, ["a", "b"], inputs)
    idle = by_id(voi, "fact:w")
    assert idle.negligible
    assert idle.evppi < 3 * idle.standard_error + 1e-12
    assert voi.inputs[-1].id == "fact:w"  # ranked last


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_evpi_bounds_every_evppi_and_none_is_negative(seed: int) -> None:
    scores, inputs = synthetic(3_000, seed)
    voi = value_of_information(scores, ["a", "b"], inputs)
    for item in voi.inputs:
        assert 0.0 <= item.evppi <= voi.evpi


def test_a_clear_decision_has_negligible_evpi_and_nothing_worth_finding_out() -> None:
    rng = np.random.default_rng(2)
    u = rng.uniform(-1, 1, 5_000)
    scores = np.stack([5 + u, u], axis=1)  # a leads by 5 whatever u is
    voi = value_of_information(scores, ["a", "b"],
                               [UncertainInput("fact:u", "U", "facts", "", u)])
    assert voi.evpi == 0.0 and voi.negligible and not voi.worth_finding_out


# -- a small pack against brute-force nested Monte Carlo ---------------------------------

PACK = """
format: crossroads.pack/1
id: voi
version: "1.0"
title: Value of information fixture
factors:
  - {id: x, type: number, label: Market access, min: 0, max: 1, default: 0.5,
     indicator: "Customs statistics"}
  - {id: z, type: number, label: Common shock, min: 0, max: 1, default: 0.5}
criteria:
  - {id: sov, title: Sovereignty, scale: [-10, 10], weight: 1}
  - {id: econ, title: Economy, scale: [-10, 10], weight: 1}
options:
  - {id: a, title: Trade push, source: test}
  - {id: b, title: Security first, source: test}
  - {id: c, title: Balance, source: test}
rules:
  - id: access-pays
    effects: [{option: a, criterion: econ, points: "10 * x - 5"}]
  - id: security
    effects: [{option: b, criterion: sov, points: 2}]
  - id: balance
    effects:
      - {option: c, criterion: sov, points: 1}
      - {option: c, criterion: econ, points: 1}
  - id: shock-hits-all
    effects: [{options: [a, b, c], criterion: econ, points: "3 * z"}]
"""

SCENARIO = """
format: crossroads.scenario/1
id: voi-test
title: Fixture
subject: Test
pack: voi
priorities: {sov: 1, econ: 1}
factors:
  x: {value: 0.55, low: 0.2, high: 0.9, source: "test"}
  z: {value: 0.5, low: 0.0, high: 1.0, source: "test"}
"""


@pytest.fixture(scope="module")
def fixture(tmp_path_factory: pytest.TempPathFactory) -> tuple[Pack, Scenario]:
    root: Path = tmp_path_factory.mktemp("voi")
    (root / "voi").mkdir()
    (root / "voi" / "pack.yaml").write_text(PACK, encoding="utf-8")
    (root / "voi-test.yaml").write_text(SCENARIO, encoding="utf-8")
    return load_pack(root / "voi"), load_scenario(root / "voi-test.yaml")


def nested_evppi(pack: Pack, scenario: Scenario, factor: str, outer: int, inner: int,
                 seed: int) -> tuple[float, float, float]:
    """Brute force: for each of *outer* values of the factor, *inner* draws of the rest
    (weights around the priorities, the other ranged fact); EVPPI = mean over the outer
    values of the best option's inner mean, less the best overall mean.  The outer values
    are the midpoints of an even grid over the range (a quadrature of the outer expectation
    of the uniform draw); the inner draws are the same for every outer value (common
    random numbers).  Returns the estimate, the outer values' standard error as if they
    were random (an upper bound on the grid's error) and the inner means' standard error
    (the scale of the upward bias of a max of noisy means)."""
    rng = np.random.default_rng(seed)
    scorer = VectorScorer(pack)
    base = vector_values(pack, score(pack, scenario).values)
    ranges = {f: (v.low, v.high) for f, v in scenario.factors.items()}
    rest = {f: rng.uniform(low, high, inner) for f, (low, high) in ranges.items()}
    weights = draw_weights(rng, np.array([0.5, 0.5]), inner, CONCENTRATION)
    means, spread = [], 0.0
    low, high = ranges[factor]
    for theta in low + (np.arange(outer) + 0.5) / outer * (high - low):
        scores = scorer.scores(base | rest | {factor: np.full(inner, theta)}, weights, 1.0)
        means.append(scores.mean(axis=0))
        spread = max(spread, float(scores.std(axis=0).max()))
    table = np.array(means)  # (outer, options)
    # Each outer value's gain over the option best overall (its mean is the estimate).
    gains = table.max(axis=1) - table[:, int(table.mean(axis=0).argmax())]
    return (float(gains.mean()), float(gains.std(ddof=1) / np.sqrt(outer)),
            spread / np.sqrt(inner))


@pytest.mark.parametrize("factor", ["x", "z"])
def test_evppi_by_regression_agrees_with_nested_monte_carlo(
        fixture: tuple[Pack, Scenario], factor: str) -> None:
    pack, scenario = fixture
    voi = analyse(pack, scenario, draws=20_000, seed=7, sources=("weights", "facts"),
                  shares=False).value_of_information
    assert voi is not None
    item = by_id(voi, f"fact:{factor}")
    brute, brute_error, inner_error = nested_evppi(pack, scenario, factor, outer=400,
                                                   inner=5_000, seed=9)
    # Within four of the regression estimate's standard errors, plus the inner means'
    # standard error (the nested estimate's bias from a max of noisy means).
    assert brute_error >= 0.0
    allowance = 4 * item.standard_error + inner_error
    assert abs(item.evppi - brute) < allowance
    assert 0.0 <= item.evppi <= voi.evpi


def test_the_fixture_ranks_the_deciding_fact_first_and_the_common_shock_as_nothing(
        fixture: tuple[Pack, Scenario]) -> None:
    """x decides between the trade push and the others; z moves every option alike."""
    pack, scenario = fixture
    voi = analyse(pack, scenario, draws=10_000, seed=3, sources=("weights", "facts"),
                  shares=False).value_of_information
    assert voi is not None and not voi.negligible
    assert voi.inputs[0].id == "fact:x" and not voi.inputs[0].negligible
    assert voi.inputs[0].indicator == "Customs statistics"
    assert by_id(voi, "fact:z").negligible


def test_shipped_scenarios_keep_evpi_above_every_evppi() -> None:
    for name in ("tajikistan-2025", "uzbekistan-2025-government"):
        loaded = load_inputs(name, None, (), (), None)
        pack, scenario = loaded.pack, loaded.scenario
        voi = analyse(pack, scenario, draws=4_000, seed=1, shares=False).value_of_information
        assert voi is not None
        for item in (*voi.inputs, *voi.groups):
            assert 0.0 <= item.evppi <= voi.evpi


def test_who_judges_is_worth_the_gain_under_the_views_that_would_change_the_choice() -> None:
    """A panel: the trade desk (vote 0.75) sees a worth 1 and b worth 0; the rights desk
    (0.25) sees a worth 0 and b worth 2.  Choosing now: a (0.75 against 0.5).  Knowing the
    rights desk is right would switch to b for a gain of 2, a quarter of the time: 0.5."""
    rng = np.random.default_rng(4)
    noise = rng.normal(0, 0.1, (4_000, 2))
    trade = np.array([1.0, 0.0]) + noise[:3_000]
    rights = np.array([0.0, 2.0]) + noise[3_000:]
    voi, leaders = who_judges_value([("Trade desk", 0.75, trade), ("Rights desk", 0.25, rights)],
                                    ["a", "b"], [0, 1])
    item = voi.inputs[0]
    assert voi.decision == "a" and leaders == {"Trade desk": "a", "Rights desk": "b"}
    assert abs(item.evppi - 0.5) < 4 * item.standard_error + 0.01
    assert item.change_chance == pytest.approx(0.25) and item.switch_to == "b"
    assert item.evppi <= voi.evpi
