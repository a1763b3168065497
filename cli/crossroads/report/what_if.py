"""The what-if box: every change made to a scenario's files for this run, in words.

Light on purpose: the terminal's ``score`` header shows the same box, and must not pay
for importing the whole briefing model.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any

from crossroads.core.engine import Result
from crossroads.core.model import Override
from crossroads.report.wording import (
    criterion_title,
    factor_label,
    factor_text,
    sentence,
    value_text,
)

WHAT_IF = "(what-if)"


@dataclass(frozen=True, slots=True)
class Change:
    """One line of the what-if box: something changed from, or filled into, the files."""

    what: str  # "Oil exports transiting Russia set to 95% (file: 80%)"
    origin: str  # the flag as typed, or "pack default"


def file_value(result: Result, override: Override) -> str:
    """The value the scenario file held for an overridden factor, in words ("" if none)."""
    # io.lookup notes the value the file held as "file value <repr>".
    prefix = "file value "
    if not override.note.startswith(prefix):
        return ""
    try:
        old: Any = ast.literal_eval(override.note[len(prefix):])
    except (ValueError, SyntaxError):
        old = override.note[len(prefix):]
    return factor_text(result, override.subject, old)


def change_line(result: Result, override: Override) -> Change:
    """One what-if change in words, with the flag that made it."""
    subject = override.subject
    if subject in result.pack.factors:
        was = file_value(result, override)
        what = (f"{factor_label(result, subject)} set to "
                f"{factor_text(result, subject, override.value)}"
                + (f" (file: {was})" if was else " (not in the file)"))
    elif subject in result.pack.criteria:
        what = (f"Priority of {criterion_title(result, subject)} set to "
                f"{value_text(override.value)} (relative weight)")
    elif subject == "risk_aversion":
        what = f"Risk aversion set to {value_text(override.value)}"
    else:
        what = sentence(override.note) if override.note else f"{subject}: {override.value}"
    return Change(what.rstrip("."), override.origin)


def is_what_if(result: Result) -> bool:
    """Whether the run changed the scenario's files (a flag, another pack's view); the
    title of every format then carries :data:`WHAT_IF`."""
    return bool(result.scenario.overrides)


def box_heading(result: Result) -> str:
    """The what-if box's heading: changes made, or only the pack's defaults filled in."""
    return ("What-if: changed from the scenario file" if is_what_if(result)
            else "Filled in from pack defaults")


def changes(result: Result) -> tuple[Change, ...]:
    """The what-if box: every override in the order given, then the defaults filled in."""
    out = [change_line(result, o) for o in result.scenario.overrides]
    factors = [factor_label(result, a.subject) for a in result.assumptions
               if a.subject in result.pack.factors]
    weights = [criterion_title(result, a.subject) for a in result.assumptions
               if a.subject in result.pack.criteria]
    if factors:
        takes = "takes" if len(factors) == 1 else "take"
        out.append(Change(f"{len(factors)} of {len(result.pack.factors)} facts not in the "
                          f"scenario {takes} the pack's default: {', '.join(factors)}",
                          "pack default"))
    if any(a.subject == "priorities" and a.value == "pack defaults" for a in result.assumptions):
        out.append(Change("No priorities given: every criterion takes the pack's default "
                          "weight", "pack default"))
    elif weights:
        takes = "takes" if len(weights) == 1 else "take"
        out.append(Change(f"{len(weights)} of {len(result.pack.criteria)} priorities {takes} "
                          f"the pack's default weight: {', '.join(weights)}", "pack default"))
    return tuple(out)
