"""The one bound on numbers, wherever they come from: YAML files, expressions, factor values.

No policy quantity needs a magnitude beyond :data:`MAX_MAGNITUDE`, and sums or products of
such numbers overflow to infinity or lose their meaning and silently change rankings, so
the YAML reader, the expression checker and factor validation all refuse them.
"""

from __future__ import annotations

MAX_MAGNITUDE = 1e12
# Risk aversion beyond this makes every option's score its risk alone; the flag and a
# scenario's `risk_aversion:` share the bound.
MAX_RISK_AVERSION = 1000.0
