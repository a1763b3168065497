"""The defaults every robustness run shares (sensitivity, brief, panel, the wizard).

A module of its own, importing nothing, so that a command's ``--help`` can show them
without loading the engine or numpy.
"""

from __future__ import annotations

DEFAULT_DRAWS = 10_000
DEFAULT_SEED = 20_250_630
