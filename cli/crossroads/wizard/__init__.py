"""The interactive wizard: questions built from a pack, answered, reviewed, scored, saved.

``run_wizard`` is the library entry point; ``crossroads wizard`` is a thin command over it.
"""

from __future__ import annotations

from crossroads.wizard.flow import WizardInterrupted, WizardOutcome, run_wizard
from crossroads.wizard.options import WizardOptions

__all__ = ["WizardInterrupted", "WizardOptions", "WizardOutcome", "run_wizard"]
