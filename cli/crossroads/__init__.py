"""crossroads: score policy options from YAML rule packs, explain every number, brief.

The public API is imported on first use (PEP 562), so that ``crossroads --help`` does not
pay for the YAML loader and the engine.
"""

from __future__ import annotations

import importlib

from crossroads._version import __version__

# Not typing.TYPE_CHECKING: importing typing costs the `crossroads --help` fast path a
# tenth of its time, and type checkers treat this name the same way.
TYPE_CHECKING = False

_EXPORTS = {
    "CrossroadsError": "crossroads.core.errors",
    "InputError": "crossroads.core.errors",
    "Result": "crossroads.core.engine",
    "score": "crossroads.core.engine",
    "find_pack": "crossroads.io.lookup",
    "find_scenario": "crossroads.io.lookup",
    "with_overrides": "crossroads.io.lookup",
    "load_pack": "crossroads.io.loader",
    "load_scenario": "crossroads.io.scenario_file",
    "render_briefing": "crossroads.report.briefing",
    "write_briefing": "crossroads.report.briefing",
    "ahp": "crossroads.core.ahp",
    "analyse": "crossroads.robustness.analysis",
    "summarise": "crossroads.robustness.result",
    "compare": "crossroads.services.compare",
}

__all__ = [
    "CrossroadsError",
    "InputError",
    "Result",
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
    "summarise",
    "with_overrides",
    "write_briefing",
]

if TYPE_CHECKING:
    from typing import Any

    from crossroads.core.ahp import ahp
    from crossroads.core.engine import Result, score
    from crossroads.core.errors import CrossroadsError, InputError
    from crossroads.io.loader import load_pack
    from crossroads.io.lookup import find_pack, find_scenario, with_overrides
    from crossroads.io.scenario_file import load_scenario
    from crossroads.report.briefing import render_briefing, write_briefing
    from crossroads.robustness.analysis import analyse
    from crossroads.robustness.result import summarise
    from crossroads.services.compare import compare


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'crossroads' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
