"""Scenario consistency: a pack's constraints between factors, and warnings that name them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run
from crossroads.authoring.check import check_scenario
from crossroads.core.errors import InputError
from crossroads.io.loader import load_pack

PACK = """\
format: crossroads.pack/1
id: eaeu
version: "1"
title: Constraints
factors:
  - {id: eaeu_status, type: choice, label: EAEU, choices: [member, observer, none], default: none}
  - {id: trade_share_russia, type: number, label: Trade share, min: 0, max: 1, default: 0.2}
  - {id: pressure, type: level, label: Pressure, levels: [low, medium, high], default: low}
criteria:
  - {id: sov, title: Sovereignty, scale: [-1, 1]}
options:
  - {id: a, title: A}
rules:
  - id: r
    when: trade_share_russia > 0.1 or pressure == "high" or eaeu_status == "member"
    effects: [{option: a, criterion: sov, points: 1}]
    because: b
    source: s
constraints:
  - id: members-trade-with-russia
    when: not (eaeu_status == "member" and trade_share_russia == 0)
    message: an EAEU member cannot have a Russia trade share of zero
  - id: pressure-needs-ties
    when: pressure < "high" or trade_share_russia > 0.05
    message: high pressure without trade ties is unlikely
    factors: [pressure, trade_share_russia]
"""

SCENARIO = """\
format: crossroads.scenario/1
id: s
title: S
subject: Testland
pack: {pack}
factors:
  eaeu_status: member
  trade_share_russia: {share}
"""


@pytest.fixture
def pack_dir(write: Callable[[str, str], Path]) -> Path:
    return write("eaeu/pack.yaml", PACK).parent


def test_constraints_load_with_their_factors(pack_dir: Path) -> None:
    pack = load_pack(pack_dir)
    assert [c.id for c in pack.constraints] == ["members-trade-with-russia",
                                                 "pressure-needs-ties"]
    assert pack.constraints[0].factors == ("eaeu_status", "trade_share_russia")
    assert pack.constraints[1].factors == ("pressure", "trade_share_russia")


def test_broken_constraint_warns_naming_both_factors(pack_dir: Path,
                                                     write: Callable[[str, str], Path],
                                                     cli: Callable[..., Run]) -> None:
    scenario = write("s.yaml", SCENARIO.format(pack=pack_dir, share=0))
    result = cli("scenarios", "validate", scenario)
    assert result.code == 0  # a warning, not an error
    assert (f"{scenario}:7:16: warning: inconsistent facts: eaeu_status = 'member', "
            "trade_share_russia = 0: an EAEU member cannot have a Russia trade share of zero "
            "(constraint 'members-trade-with-russia' of pack 'eaeu') [CR201]") in result.out
    assert "ok: scenario s for pack eaeu (1 warning)" in result.out
    scored = cli("score", scenario, "--format", "json")
    assert scored.code == 0
    assert "warning: inconsistent facts: eaeu_status = 'member', trade_share_russia = 0" \
        in scored.err
    assert scored.out.startswith("{")


def test_consistent_scenario_has_no_warning(pack_dir: Path, write: Callable[[str, str], Path],
                                            cli: Callable[..., Run]) -> None:
    scenario = write("s.yaml", SCENARIO.format(pack=pack_dir, share=0.3))
    assert check_scenario(scenario).problems == []
    assert "warning" not in cli("score", scenario, "--format", "json").err


def test_defaults_are_named_as_defaults(pack_dir: Path, write: Callable[[str, str], Path],
                                        cli: Callable[..., Run]) -> None:
    scenario = write("s.yaml", SCENARIO.format(pack=pack_dir, share=0.01)
                     .replace("eaeu_status: member", "pressure: high"))
    report = check_scenario(scenario)
    assert [p.message for p in report.problems] == [
        "inconsistent facts: pressure = 'high', trade_share_russia = 0.01: high pressure "
        "without trade ties is unlikely (constraint 'pressure-needs-ties' of pack 'eaeu')"]
    result = cli("score", scenario, "--pack", pack_dir, "--set", "trade_share_russia=0.5",
                 "--format", "json")
    assert "warning" not in result.err  # the override makes the facts consistent


def test_constraint_errors_are_located(write: Callable[[str, str], Path]) -> None:
    bad = PACK.replace("message: an EAEU member", "mesage: an EAEU member") \
        .replace("factors: [pressure, trade_share_russia]", "factors: [pressure, trade]")
    path = write("bad/pack.yaml", bad)
    with pytest.raises(InputError) as caught:
        load_pack(path.parent)
    messages = [(p.location.line, p.location.column, p.message) for p in caught.value.problems]
    assert messages == [
        (22, 5, "unknown key 'mesage' in constraint 'members-trade-with-russia'"),
        (20, 5, "constraint 'members-trade-with-russia' is missing the required key 'message'"),
        (26, 25, "unknown factor 'trade'"),
    ]


def test_lint_flags_constraints_that_cannot_hold_or_cannot_break(
        write: Callable[[str, str], Path]) -> None:
    from crossroads.authoring.lint import lint_pack

    text = PACK + """\
  - id: vacuous
    when: trade_share_russia <= 1
    message: always met
  - id: impossible
    when: trade_share_russia > 1
    message: never met
"""
    # The fixture predates `basis:` (CR111) and its threshold has no rationale (CR123):
    # neither is what this test is about.
    found = [p for p in lint_pack(load_pack(write("lint/pack.yaml", text).parent))
             if p.code not in ("CR111", "CR123")]
    assert [(p.code, p.location.line, p.message) for p in found] == [
        ("CR104", 28, "constraint 'vacuous': `when: trade_share_russia <= 1` is always true "
                      "over the factor ranges"),
        ("CR103", 31, "constraint 'impossible': `when: trade_share_russia > 1` can never be "
                      "true: no values satisfy it (trade_share_russia in [0, 1])"),
    ]


def test_shipped_catalogue_declares_constraints() -> None:
    from crossroads.io.resources import shipped_packs

    for path in shipped_packs().values():
        pack = load_pack(path)
        ids = {c.id for c in pack.constraints}
        assert "eaeu-members-trade-with-russia" in ids
        eaeu = next(c for c in pack.constraints if c.id == "eaeu-members-trade-with-russia")
        assert eaeu.factors == ("eaeu_status", "trade_share_russia")


def test_score_warns_for_inconsistent_overrides(cli: Callable[..., Run]) -> None:
    result = cli("score", "kazakhstan-2025", "--set", "eaeu_status=member",
                 "--set", "trade_share_russia=0", "--format", "json")
    assert result.code == 0
    assert "warning: inconsistent facts: eaeu_status = 'member', trade_share_russia = 0" \
        in result.err
    assert "[CR201]" in result.err


def test_a_pack_default_in_a_broken_constraint_is_named_as_the_default(
        write: Callable[[str, str], Path]) -> None:
    # Found by mutation testing: no test had a default value inside a broken constraint.
    pack_dir = write("zero/pack.yaml", PACK.replace("max: 1, default: 0.2", "max: 1, default: 0"))
    scenario = write("s.yaml", "format: crossroads.scenario/1\nid: s\ntitle: S\nsubject: T\n"
                     f"pack: {pack_dir}\nfactors:\n  eaeu_status: member\n")
    (problem,) = check_scenario(scenario).problems
    assert problem.message == (
        "inconsistent facts: eaeu_status = 'member', trade_share_russia = 0 (pack default): "
        "an EAEU member cannot have a Russia trade share of zero (constraint "
        "'members-trade-with-russia' of pack 'eaeu')")
    assert (problem.location.line, problem.location.column) == (7, 16)  # the member line
    assert problem.hint == ("check eaeu_status and trade_share_russia; the pack expects "
                            '`not (eaeu_status == "member" and trade_share_russia == 0)`')
    pressured = write("d.yaml", "format: crossroads.scenario/1\nid: d\ntitle: D\n"
                               f"subject: T\npack: {pack_dir}\nfactors:\n  pressure: high\n")
    (problem,) = check_scenario(pressured).problems
    assert "trade_share_russia = 0 (pack default): high pressure" in problem.message
    assert problem.location.line == 7 and problem.location.file.endswith("d.yaml")
