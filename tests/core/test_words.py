"""Counts read as English: "1 factor", "2 factors"."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from conftest import Run
from crossroads.core.words import count_of


def test_count_of_agrees_with_the_count() -> None:
    assert count_of(1, "factor") == "1 factor"
    assert count_of(0, "factor") == "0 factors"
    assert count_of(3, "risk rule") == "3 risk rules"
    assert count_of(2, "analysis", "analyses") == "2 analyses"


def test_validate_never_says_one_with_a_plural(cli: Callable[..., Run], tmp_path: Path
                                               ) -> None:
    assert cli("rules", "new", "demo", "--dir", tmp_path).code == 0
    out = cli("rules", "validate", tmp_path / "demo").out
    assert re.search(r"\b1 [a-z]+( rule)?,", out), out  # the scaffold has a single something
    assert not re.search(r"\b1 [a-z ]+s\b", out), out
