"""Names keep their capitals when a label runs into a sentence ("if Russian pressure fell")."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import Run
from crossroads.report.wording import lower_first


@pytest.mark.parametrize(("scenario", "expected"), [
    ("uzbekistan-2025-government", "Russian pressure rose"),
    ("tajikistan-2025", "Russian pressure rose"),
])
def test_what_would_change_it_keeps_names_capitalised(cli: Callable[..., Run], scenario: str,
                                                      expected: str) -> None:
    run = cli("brief", scenario, "--draws", "500", "--no-log")
    assert run.code == 0, run.err
    assert expected in run.out
    assert "if russia" not in run.out and "if russian" not in run.out


def test_names_the_pack_never_writes_in_lower_case_keep_their_capital() -> None:
    """"russia shuts the export pipeline" (issue 20): no rule for capitals knows "Russia";
    the pack's prose, which never writes it in lower case, does."""
    from crossroads.io.lookup import find_pack
    from crossroads.report.wording import prose_names

    names = prose_names(find_pack("sovereignty-strategy", None))
    assert {"Russia", "Moscow", "China"} <= names and "Trade" not in names
    assert lower_first("Russia shuts the export pipeline", names) == \
        "Russia shuts the export pipeline"
    assert lower_first("Escalation control", names) == "escalation control"


def test_only_names_keep_their_capital() -> None:
    assert lower_first("Trade share") == "trade share"
    assert lower_first("The more of its oil crosses Russia") == "the more of its oil crosses Russia"
    for name in ("Russian pressure", "Russia's share of foreign trade", "EU's share",
                 "CSTO membership", "Chinese engagement", "Turkish and Gulf engagement",
                 "Eurasian Economic Union membership"):
        assert lower_first(name) == name


def test_no_shipped_briefing_lowercases_a_name() -> None:
    """Issue 20 found "russia shuts the export pipeline" in a key judgement."""
    import re

    from crossroads.io.lookup import shipped_scenarios
    from crossroads.report.briefing import render_briefing
    from crossroads.services.briefing import score_with_robustness
    from crossroads.services.inputs import load_inputs

    for scenario_id in sorted(shipped_scenarios()):
        inputs = load_inputs(scenario_id)
        result, robustness = score_with_robustness(inputs.pack, inputs.scenario, draws=300)
        text = str(render_briefing(result, "markdown", robustness=robustness))
        found = re.search(r".{30}\b(russia|russian|moscow|china|kremlin)\b", text)
        assert found is None, (scenario_id, found.group(0) if found else "")
