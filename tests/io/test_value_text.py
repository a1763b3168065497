"""One grammar for values: `score --set`, `--weights` and the wizard read text alike."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from conftest import DATA, Run
from crossroads import load_pack, load_scenario
from crossroads.core.model import SourceKind
from crossroads.io.overrides import with_command_line
from crossroads.io.value_text import (
    Stated,
    ValueTextError,
    parse_value,
    parse_weight,
    stated_text,
)
from crossroads.wizard.values import number_parser

TINY = DATA / "tiny-pack"
SHARE_WITH_RANGE = "oil_exports_via_russia=0.6 (0.5..0.7) src: IMF"


def test_score_set_takes_a_range_and_a_source_as_the_wizard_does(
        cli: Callable[..., Run]) -> None:
    run = cli("score", "kazakhstan-2025", "-f", "json", "--no-log", "--set", SHARE_WITH_RANGE)
    assert run.code == 0, run.err
    given = json.loads(run.out)["factors"]["oil_exports_via_russia"]
    assert (given["value"], given["low"], given["high"], given["source"]) == (
        0.6, 0.5, 0.7, "IMF")
    # The wizard's answer to the same text is the same value, range and source.
    pack = load_pack(TINY)
    answer = number_parser(pack, pack.factors["x"])("0.6 (0.5..0.7) src: IMF")
    assert answer == {"value": 0.6, "low": 0.5, "high": 0.7, "source": "IMF"}


def test_a_set_range_is_what_the_draws_vary(cli: Callable[..., Run]) -> None:
    run = cli("sensitivity", "kazakhstan-2025", "-n", "200", "-f", "json", "--no-log",
              "--set", SHARE_WITH_RANGE, "--set", "oil_exports_via_russia=0.6")
    # The later --set wins: a plain value has no range, so the factor is not drawn.
    assert run.code == 0, run.err
    assert "oil_exports_via_russia" not in json.loads(run.out)["uncertain_factors"]
    ranged = cli("sensitivity", "kazakhstan-2025", "-n", "200", "-f", "json", "--no-log",
                 "--set", SHARE_WITH_RANGE)
    assert "oil_exports_via_russia" in json.loads(ranged.out)["uncertain_factors"]


def test_a_cited_source_on_the_command_line_is_cited_and_a_bare_value_is_the_analysts() -> None:
    pack = load_pack(TINY)
    scenario = load_scenario(DATA / "robust-scenarios" / "threshold.yaml")
    changed = with_command_line(pack, scenario, sets=["x=0.4 (0.3..0.5) src: IMF DOTS 2024",
                                                      "pressure=medium (low..high)"])
    x, pressure = changed.factors["x"], changed.factors["pressure"]
    assert (x.value, x.low, x.high, x.source, x.source_kind) == (
        0.4, 0.3, 0.5, "IMF DOTS 2024", SourceKind.CITED)
    assert (pressure.value, pressure.low, pressure.high, pressure.source_kind) == (
        "medium", "low", "high", SourceKind.ANALYST)


@pytest.mark.parametrize(("factor", "text", "stated"), [
    ("x", "0.3", Stated(0.3)),
    ("x", "30%", Stated(0.3)),
    ("x", "0.2-0.4", Stated(pytest.approx(0.3), 0.2, 0.4)),
    ("x", "0.25 (0.3..0.19) source: customs", Stated(0.25, 0.19, 0.3, "customs")),
    ("pressure", "medium (high..low)", Stated("medium", "low", "high")),
    ("pressure", "high src: press", Stated("high", None, None, "press")),
    ("csto", "yes", Stated(True)),
    ("status", "observer", Stated("observer")),
])
def test_values_ranges_and_sources_parse(factor: str, text: str, stated: Stated) -> None:
    pack = load_pack(TINY)
    assert parse_value(pack.factors[factor], text) == stated


@pytest.mark.parametrize("text", ["0.25 (0.19..0.3) src: IMF", "medium (low..high) src: A B",
                                  "0.3", "low"])
def test_what_is_shown_parses_back(text: str) -> None:
    pack = load_pack(TINY)
    factor = pack.factors["x" if text[0].isdigit() else "pressure"]
    assert stated_text(parse_value(factor, text)) == text


@pytest.mark.parametrize(("factor", "text", "message", "hint"), [
    ("x", "lots", "'lots' is not a number (0 to 1)", "e.g. 0.3"),
    ("x", "25", "25 is out of range (0 to 1)", "write 25% or 0.25"),
    ("x", "0.9 (0.1..0.3)", "0.9 is outside its range 0.1 to 0.3", "widen the range"),
    ("x", "0.2 (low..high)", "'low..high' is not a range such as 0.19-0.30", "low..high"),
    ("pressure", "low..high", "give the level itself before its range, e.g. medium (low..high)",
     ""),
    ("pressure", "medium (low..huge)", "'huge' is not a level of pressure", "use one of: low,"),
    ("csto", "perhaps", "csto must be true or false", "write `true` or `false`"),
])
def test_bad_text_says_what_is_wrong_and_what_to_type(factor: str, text: str, message: str,
                                                      hint: str) -> None:
    pack = load_pack(TINY)
    with pytest.raises(ValueTextError) as caught:
        parse_value(pack.factors[factor], text)
    assert caught.value.message.startswith(message)
    assert hint in caught.value.hint


def test_a_bad_set_is_located_at_the_flag_with_its_hint(cli: Callable[..., Run]) -> None:
    run = cli("score", "kazakhstan-2025", "--no-log",
              "--set", "oil_exports_via_russia=0.9 (0.1..0.3) src: IMF")
    assert run.code == 2 and "Traceback" not in run.err
    assert run.err.startswith("--set oil_exports_via_russia=0.9 (0.1..0.3) src: IMF: error: "
                              "0.9 is outside its range 0.1 to 0.3")
    assert "hint: give a value inside the range" in run.err


@pytest.mark.parametrize("text", ["nan", "inf", "-1", "three"])
def test_a_weight_is_a_finite_number_zero_or_more(text: str) -> None:
    with pytest.raises(ValueTextError, match="must be a number, zero or more"):
        parse_weight(text)
    assert parse_weight(" 0 ") == 0.0 and parse_weight("2.5") == 2.5
