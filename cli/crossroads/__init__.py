"""crossroads: score policy options from YAML rule packs, explain every number, brief."""

from __future__ import annotations

from crossroads.api import find_pack, find_scenario, with_overrides
from crossroads.engine import Result, score
from crossroads.errors import CrossroadsError, InputError
from crossroads.loader import load_pack, load_scenario

__version__ = "0.1.0"

__all__ = [
    "CrossroadsError",
    "InputError",
    "Result",
    "__version__",
    "find_pack",
    "find_scenario",
    "load_pack",
    "load_scenario",
    "score",
    "with_overrides",
]
