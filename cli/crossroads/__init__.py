"""crossroads: score policy options from YAML rule packs, explain every number, brief.

The public API is imported on first use (PEP 562), so that ``crossroads --help`` does not
pay for the YAML loader and the engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "CrossroadsError": "crossroads.errors",
    "InputError": "crossroads.errors",
    "Result": "crossroads.engine",
    "score": "crossroads.engine",
    "find_pack": "crossroads.api",
    "find_scenario": "crossroads.api",
    "with_overrides": "crossroads.api",
    "load_pack": "crossroads.loader",
    "load_scenario": "crossroads.loader",
    "render_briefing": "crossroads.briefing",
    "write_briefing": "crossroads.briefing",
    "ahp": "crossroads.weights",
    "analyse": "crossroads.sensitivity",
    "summarise": "crossroads.sensitivity",
    "compare": "crossroads.comparison",
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
    from crossroads.api import find_pack, find_scenario, with_overrides
    from crossroads.briefing import render_briefing, write_briefing
    from crossroads.comparison import compare
    from crossroads.engine import Result, score
    from crossroads.errors import CrossroadsError, InputError
    from crossroads.loader import load_pack, load_scenario
    from crossroads.sensitivity import analyse, summarise
    from crossroads.weights import ahp


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'crossroads' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
