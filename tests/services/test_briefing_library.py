"""The library and the command line write the same briefing from the same analysis."""

from __future__ import annotations

from collections.abc import Callable

from conftest import Run
from crossroads import analyse, find_pack, find_scenario, render_briefing, score, summarise

SCENARIO = "kazakhstan-2025"
DRAWS, SEED = 800, 7


def test_summarise_then_render_briefing_is_the_briefing_brief_prints(
        cli: Callable[..., Run]) -> None:
    scenario = find_scenario(SCENARIO)
    pack = find_pack(scenario.pack)
    robustness = summarise(analyse(pack, scenario, draws=DRAWS, seed=SEED))
    from_library = render_briefing(score(pack, scenario), "markdown", robustness=robustness)
    run = cli("brief", SCENARIO, "--draws", str(DRAWS), "--seed", str(SEED), "--no-log")
    assert run.code == 0, run.err
    assert from_library == run.out
    # The draws' sources are named, as the command names them, not "the uncertain inputs".
    assert "the uncertain inputs" not in from_library
    assert "draws of every source of uncertainty" in from_library
