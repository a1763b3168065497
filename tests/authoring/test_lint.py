"""`crossroads rules lint`: each check fires on its fixture, at its position, with its code.

``tests/data/lint-packs/<CODE-what>/`` holds a valid pack with exactly one finding (the
``clean`` pack has none; ``silenced`` silences its findings per rule and pack-wide).
"""

from __future__ import annotations

import ast
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, Run
from crossroads.authoring.conditions import condition_boxes
from crossroads.authoring.domains import Interval
from crossroads.authoring.intervals import interval_of
from crossroads.authoring.lint import CODES, lint_pack
from crossroads.authoring.verdicts import analyse_condition
from crossroads.core.errors import Location
from crossroads.core.expr import compile_expression
from crossroads.core.model import Factor
from crossroads.io.loader import load_pack
from crossroads.io.resources import shipped_packs

LINT = sorted(p for p in (DATA / "lint-packs").iterdir() if p.is_dir())


@pytest.mark.parametrize("pack_dir", LINT, ids=[p.name for p in LINT])
def test_each_lint_pack_gives_exactly_its_finding(pack_dir: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(pack_dir)
    # These fixtures predate `basis:`; source lint (CR111-CR113) has its own tests. They
    # also share two rules that both read `pressure` for one option and criterion, which
    # is CR125's finding: it is counted only in the packs made for it.
    found = [p for p in lint_pack(load_pack("."))
             if (p.code != "CR111" or pack_dir.name.startswith("CR111"))
             and (p.code != "CR125" or "CR125" in pack_dir.name)]
    text = "".join(p.render() + "\n" for p in found)
    expected = pack_dir / "expected.txt"
    if os.environ.get("CROSSROADS_REGEN"):
        expected.write_text(text, encoding="utf-8")
    assert text == expected.read_text(encoding="utf-8")
    code = pack_dir.name.split("-")[0]
    if code in CODES:  # ok-CRnnn-… packs are near misses: they must not warn
        assert found, f"{pack_dir.name} should warn"
        assert {p.code for p in found} == {code}
        assert all(p.severity == ("info" if code == "CR122" else "warning") for p in found)
    else:
        assert found == []


def test_every_code_has_a_fixture() -> None:
    covered = {p.name.split("-")[0] for p in LINT}
    assert set(CODES) <= covered


@pytest.mark.parametrize("pack", sorted(shipped_packs()))
def test_shipped_packs_lint_clean(pack: str) -> None:
    found = lint_pack(load_pack(shipped_packs()[pack]))
    # Info findings (CR122, possible double counting) ask for a look, not a fix.
    assert [p.render() for p in found if p.severity != "info"] == []


def test_lint_cli_exit_codes(cli: Callable[..., Run]) -> None:
    noisy = DATA / "lint-packs" / "CR103-never-true"
    result = cli("rules", "lint", noisy)
    assert result.code == 0
    assert ": warning: rule 'diversify-when-dependent'" in result.out
    assert "[CR103]" in result.out
    assert cli("rules", "lint", "--strict", noisy).code == 1
    assert cli("rules", "lint", "--strict", DATA / "lint-packs" / "clean").code == 0
    broken = cli("rules", "lint", DATA / "invalid-packs" / "unknown-factor")
    assert broken.code == 2
    assert "unknown factor 'trade_shar'" in broken.out


# -- the analysis underneath -----------------------------------------------------------------

def factors() -> dict[str, Factor]:
    where = Location("f.yaml", 1, 1)
    return {
        "x": Factor("x", "number", "X", "", "", "g", 0.5, where, minimum=0.0, maximum=1.0),
        "y": Factor("y", "number", "Y", "", "", "g", 1.0, where, minimum=0.0, maximum=10.0),
        "free": Factor("free", "number", "F", "", "", "g", 0.0, where),
        "p": Factor("p", "level", "P", "", "", "g", "low", where,
                    labels=("low", "medium", "high")),
        "q": Factor("q", "level", "Q", "", "", "g", "low", where,
                    labels=("low", "medium", "high")),
        "s": Factor("s", "choice", "S", "", "", "g", "none", where,
                    labels=("member", "observer", "none")),
        "b": Factor("b", "boolean", "B", "", "", "g", False, where),
    }


def compiled(text: str, kind: str = "bool") -> Any:
    expr, problems = compile_expression(text, kind, factors(), Location("f.yaml", 1, 1))  # type: ignore[arg-type]
    assert not problems, problems
    return expr


def possible(text: str, positive: bool = True) -> bool:
    expr = compiled(text)
    return analyse_condition(expr.tree, expr.fn, factors(), expr.factors,
                             positive=positive).possible


@pytest.mark.parametrize("text", [
    "x > 0.8 and x < 0.2", "p > 'high'", "p < 'low'", "0.2 < x < 0.1", "x > 1",
    "s == 'member' and s != 'member'", "b and not b", "not (x <= 1)",
    "p in ['low'] and p >= 'medium'", "x + y > 11", "x * y > 9.99 and x < 0.9",
    "(x > 0.5 if b else x < 0.2) and x == 0.3", "x != 0.5 and x >= 0.5 and x <= 0.5",
])
def test_never_true(text: str) -> None:
    assert not possible(text)


@pytest.mark.parametrize("text", [
    "x > 0.8 or x < 0.2", "p >= 'high'", "0.2 < x < 0.8", "s in ['member', 'observer']",
    "b or x > 2", "not (b and x > 0.5)", "x * y > 9.5", "p > q", "free > 1e9",
])
def test_can_be_true(text: str) -> None:
    assert possible(text)


@pytest.mark.parametrize("text", [
    "x >= 0", "b or not b", "p <= 'high'", "x <= 1 and y >= 0", "x + y >= 0",
    "s in ['member', 'observer', 'none']", "not (x > 0.8 and x < 0.2)",
])
def test_always_true(text: str) -> None:
    assert not possible(text, positive=False)


def test_level_against_level_is_decided_by_sampling() -> None:
    expr = compiled("p > q and q > p")
    verdict = analyse_condition(expr.tree, expr.fn, factors(), expr.factors)
    assert not verdict.possible and verdict.sampled and verdict.samples > 0
    expr = compiled("p > q")
    verdict = analyse_condition(expr.tree, expr.fn, factors(), expr.factors)
    assert verdict.possible and verdict.sampled
    assert verdict.witness is not None and verdict.witness["p"] > verdict.witness["q"]


def test_boxes_narrow_each_factor() -> None:
    boxes = condition_boxes(ast.parse("x > 0.3 and p >= 'medium' or b", mode="eval").body,
                            factors())
    assert len(boxes) == 2
    first: Mapping[str, Any] = boxes[0].domains
    assert first["x"] == Interval(0.3, 1.0, lo_open=True)
    assert first["p"] == frozenset({1, 2})
    assert boxes[1].domains == {"b": frozenset({True})}


@pytest.mark.parametrize(("text", "low", "high"), [
    ("clamp(x * 3, 0, 1)", 0.0, 1.0),
    ("min(4, 10 * x)", 0.0, 4.0),
    ("max(0.1, x - 0.5)", 0.1, 0.5),
    ("x ** 2 - 0.5", -0.5, 0.5),
    ("-y / 2", -5.0, 0.0),
    ("abs(x - 0.75)", 0.0, 0.75),
    ("round(y / 3)", 0.0, 3.0),
    ("sqrt(y) + 1", 1.0, 10**0.5 + 1),
    ("(0.2 if b else 0.4) * x", 0.0, 0.4),
])
def test_interval_arithmetic(text: str, low: float, high: float) -> None:
    span = interval_of(compiled(text, "number").tree, factors())
    assert span.lo == pytest.approx(low)
    assert span.hi == pytest.approx(high)


def test_interval_of_unbounded_factor_and_division_by_zero() -> None:
    assert interval_of(compiled("free * 0.1", "number").tree, factors()).hi == float("inf")
    span = interval_of(compiled("1 / x", "number").tree, factors())
    assert span.lo == float("-inf") and span.hi == float("inf")


def test_pack_wide_silence_for_one_subject(write: Callable[[str, str], Path]) -> None:
    base = (DATA / "lint-packs" / "CR101-unread-factor" / "pack.yaml").read_text()
    one = write("a/pack.yaml", base.replace(
        "title: One lint finding per pack\n",
        "title: T\nsilence: ['CR101:gdp_growth', CR111, CR125]\n"))
    assert lint_pack(load_pack(one.parent)) == []
    other = write("b/pack.yaml", base.replace(
        "title: One lint finding per pack\n",
        "title: T\nsilence: ['CR101:member', CR111, CR125]\n"))
    assert [p.code for p in lint_pack(load_pack(other.parent))] == ["CR101"]


def test_bisection_removes_the_dependency_over_estimate() -> None:
    from crossroads.authoring.domains import Box
    from crossroads.authoring.intervals import refined_interval

    expr = compiled("x - x + 0.5", "number")
    plain = interval_of(expr.tree, factors())
    assert (plain.lo, plain.hi) == (-0.5, 1.5)
    narrow = refined_interval(expr.tree, factors(), Box(), expr.factors)
    assert narrow.within(0.0, 1.0)
    assert narrow.lo == pytest.approx(0.5, abs=0.05) and narrow.hi == pytest.approx(0.5, abs=0.05)


def test_likelihood_that_only_looks_out_of_range_is_not_flagged(
        write: Callable[[str, str], Path]) -> None:
    base = (DATA / "lint-packs" / "clean" / "pack.yaml").read_text()
    text = base.replace('likelihood: "clamp(trade_share + 0.2, 0, 1)"',
                        'likelihood: "trade_share - trade_share + 0.5"')
    assert text != base
    assert lint_pack(load_pack(write("p/pack.yaml", text).parent)) == []
    worse = base.replace('likelihood: "clamp(trade_share + 0.2, 0, 1)"',
                         'likelihood: "0.9 + 0.2 * trade_share * trade_share"')
    found = lint_pack(load_pack(write("q/pack.yaml", worse).parent))
    assert [p.code for p in found] == ["CR105"]
    assert "is 1.1 when pressure = 'high', trade_share = 1" in found[0].message
