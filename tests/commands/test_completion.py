"""Shell completion offers what analysts type: scenario, pack and option ids, factors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from crossroads.commands.common import (
    complete_criteria,
    complete_factors,
    complete_options,
    complete_packs,
    complete_scenarios,
)


def ctx(**params: Any) -> Any:
    return SimpleNamespace(params=params)


def test_scenario_and_pack_ids() -> None:
    assert "kazakhstan-2025" in complete_scenarios("kaz")
    assert all(s.startswith("kaz") for s in complete_scenarios("kaz"))
    assert complete_packs("partner") == ["partner-engagement"]


def test_set_completes_factor_then_its_labels() -> None:
    given = ctx(scenarios=["kazakhstan-2025"], pack=None)
    assert "trade_share_russia=" in complete_factors(given, "trade_")
    assert all(c.endswith("=") for c in complete_factors(given, ""))
    labels = complete_factors(given, "russian_pressure=")
    assert "russian_pressure=severe" in labels
    assert complete_factors(given, "russian_pressure=sev") == ["russian_pressure=severe"]


def test_option_and_criterion_ids_follow_the_chosen_pack() -> None:
    given = ctx(scenario="kazakhstan-2025", pack="partner-engagement")
    assert "economic-partnerships" in complete_options(given, "econ")
    assert complete_criteria(given, "") and all(c.endswith("=") for c in
                                                complete_criteria(given, ""))
    assert complete_options(ctx(scenario="atlantis", pack=None), "") == []


@pytest.mark.slow
def test_the_shell_gets_the_completions() -> None:
    """Through typer's completion protocol, as bash would ask."""
    env = {**os.environ, "_CROSSROADS_COMPLETE": "complete_bash",
           "COMP_WORDS": "crossroads score kazakhstan-2025 --set trade_", "COMP_CWORD": "4"}
    script = Path(sys.executable).with_name("crossroads")
    if not script.exists():
        pytest.skip("the crossroads script is not installed beside this Python")
    done = subprocess.run([str(script)], env=env, capture_output=True, text=True, check=False)
    assert "trade_share_russia=" in done.stdout, done.stdout + done.stderr
