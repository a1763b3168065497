"""Every report names the same top reason for an option, even when two rules tie."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from conftest import TINY_PACK
from crossroads.core.engine import Result, score
from crossroads.io.loader import load_pack
from crossroads.io.scenario_file import load_scenario
from crossroads.report.briefing.build import build_briefing
from crossroads.report.compare import score_to_csv
from crossroads.report.tables import top_reason
from crossroads.report.terminal import render_score

TINY = TINY_PACK / "pack.yaml"
# Two rules that always fire and give option `a` exactly the same points; the rule id
# that sorts first ("a-tie") is the top reason.
TIED_RULES = """\
  - id: z-tie
    effects: [{option: a, criterion: econ, points: 5}]
    because: zeta reason
  - id: a-tie
    effects: [{option: a, criterion: econ, points: 5}]
    because: alpha reason
"""


def tied_result(tmp_path: Path) -> Result:
    text = TINY.read_text(encoding="utf-8").replace("rules:\n", "rules:\n" + TIED_RULES, 1)
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "pack.yaml").write_text(text, encoding="utf-8")
    scenario = tmp_path / "s.yaml"
    scenario.write_text("format: crossroads.scenario/1\nid: s\ntitle: S\nsubject: T\n"
                        "pack: tiny\nfactors: {}\n", encoding="utf-8")
    return score(load_pack(tmp_path / "pack"), load_scenario(scenario))


def test_tied_rules_give_the_same_top_reason_everywhere(tmp_path: Path) -> None:
    result = tied_result(tmp_path)
    tied = [c.value for c in result.option("a").contributions if c.rule.endswith("-tie")]
    assert len(tied) == 2 and tied[0] == tied[1]

    assert top_reason(result, "a") == "alpha reason"
    assert "alpha reason" in score_to_csv(result) and "zeta reason" not in score_to_csv(result)
    [row] = [o for o in build_briefing(result).options if o.id == "a"]
    assert row.top_reason == "alpha reason"
    screen = io.StringIO()
    render_score(result, Console(file=screen, width=200, color_system=None))
    assert "alpha reason" in screen.getvalue() and "zeta reason" not in screen.getvalue()
