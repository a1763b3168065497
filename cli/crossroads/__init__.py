"""crossroads: score policy options from YAML rule packs, explain every number, brief.

The public API for scripts (documented in docs/reference/python-api.md, whose examples
the test suite runs).  Names are imported on first use (PEP 562), so that
``crossroads --help`` does not pay for the YAML loader and the engine.
"""

from __future__ import annotations

import importlib

from crossroads._version import __version__

# Not typing.TYPE_CHECKING: importing typing costs the `crossroads --help` fast path a
# tenth of its time, and type checkers treat this name the same way.
TYPE_CHECKING = False

_EXPORTS = {
    # errors
    "CrossroadsError": "crossroads.core.errors",
    "InputError": "crossroads.core.errors",
    "Problem": "crossroads.core.errors",
    # what is loaded
    "Pack": "crossroads.core.model",
    "Scenario": "crossroads.core.model",
    "FactorValue": "crossroads.core.model",
    "Override": "crossroads.core.model",
    "find_pack": "crossroads.io.lookup",
    "find_scenario": "crossroads.io.lookup",
    "load_pack": "crossroads.io.loader",
    "load_scenario": "crossroads.io.scenario_file",
    # what-if
    "Stated": "crossroads.io.value_text",
    "with_overrides": "crossroads.io.overrides",
    # scoring
    "Result": "crossroads.core.engine",
    "OptionResult": "crossroads.core.engine",
    "Contribution": "crossroads.core.engine",
    "score": "crossroads.core.engine",
    "Scores": "crossroads.robustness.batch",
    "score_many": "crossroads.robustness.batch",
    "ahp": "crossroads.core.ahp",
    # robustness
    "Sensitivity": "crossroads.robustness.result",
    "Robustness": "crossroads.robustness.summary",
    "analyse": "crossroads.robustness.analysis",
    "summarise": "crossroads.robustness.result",
    # many scenarios side by side
    "ScenarioRanking": "crossroads.services.compare",
    "compare": "crossroads.services.compare",
    # briefings
    "render_briefing": "crossroads.report.briefing",
    "write_briefing": "crossroads.report.briefing",
}

__all__ = [
    "Contribution",
    "CrossroadsError",
    "FactorValue",
    "InputError",
    "OptionResult",
    "Override",
    "Pack",
    "Problem",
    "Result",
    "Robustness",
    "Scenario",
    "ScenarioRanking",
    "Scores",
    "Sensitivity",
    "Stated",
    "__version__",
    "ahp",
    "analyse",
    "compare",
    "find_pack",
    "find_scenario",
    "load_pack",
    "load_scenario",
    "render_briefing",
    "score",
    "score_many",
    "summarise",
    "with_overrides",
    "write_briefing",
]

if TYPE_CHECKING:
    from typing import Any

    from crossroads.core.ahp import ahp
    from crossroads.core.engine import Contribution, OptionResult, Result, score
    from crossroads.core.errors import CrossroadsError, InputError, Problem
    from crossroads.core.model import FactorValue, Override, Pack, Scenario
    from crossroads.io.loader import load_pack
    from crossroads.io.lookup import find_pack, find_scenario
    from crossroads.io.overrides import with_overrides
    from crossroads.io.scenario_file import load_scenario
    from crossroads.io.value_text import Stated
    from crossroads.report.briefing import render_briefing, write_briefing
    from crossroads.robustness.analysis import analyse
    from crossroads.robustness.batch import Scores, score_many
    from crossroads.robustness.result import Sensitivity, summarise
    from crossroads.robustness.summary import Robustness
    from crossroads.services.compare import ScenarioRanking, compare


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'crossroads' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
