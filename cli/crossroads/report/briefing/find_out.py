"""The briefing's "What to find out before deciding": a self-contained content piece.

Built from the robustness run's value of information (EVPI and each input's EVPPI, see
:mod:`crossroads.robustness.voi`) in the words of :mod:`crossroads.report.voi_text`; each
renderer lays it out after the signposts.  Absent (None) when no draws were run.
"""

from __future__ import annotations

from dataclasses import dataclass

from crossroads.core.engine import Result
from crossroads.report.voi_text import (
    BRIEFED,
    FindOut,
    groups_line,
    headline,
    measured_against,
    not_valued_line,
    worth_finding_out,
)
from crossroads.robustness.summary import Robustness
from crossroads.robustness.voi_result import MIN_DRAWS

TITLE = "What to find out before deciding"
#: The table's column heads, shared by every format.
HEADS = ("Input", "Worth", "Changes the choice in", "Most often to", "Where to look")


@dataclass(frozen=True, slots=True)
class FindOutSection:
    lead: str  # the EVPI in one sentence, or plainly that nothing is worth finding out
    items: tuple[FindOut, ...]  # the inputs worth finding out, largest value first

    @property
    def rows(self) -> tuple[tuple[str, str, str, str, str], ...]:
        """One row per input under :data:`HEADS`."""
        return tuple((i.input, i.short, i.chance, i.switch_to, i.where) for i in self.items)


#: The annex's method line on the section (added to the briefing's method).
METHOD = ("What to find out before deciding: the value of information by the regression "
          "method of Strong, Oakley & Brennan (2014) over the robustness draws, in the model's "
          "value units: what knowing an input exactly before deciding would add on average "
          "to choosing now. Perfect knowledge is an upper bound on what any real study or "
          "source can add; below 0.25% of the criteria's swing, or within two standard "
          "errors of zero, a value is called negligible, and under "
          f"{MIN_DRAWS} draws nothing is valued.")


def find_out_section(result: Result, robustness: Robustness | None
                     ) -> FindOutSection | None:
    """The section for *result*, or None without a value-of-information run."""
    voi = robustness.value_of_information if robustness is not None else None
    if voi is None:
        return None
    titles = {o.id: o.title for o in result.options}
    recommended = robustness.recommendation.modal if robustness and robustness.recommendation \
        else result.leader.id
    lead = " ".join(part for part in (
        headline(voi, titles), measured_against(voi, recommended, titles),
        "" if voi.negligible else groups_line(voi), not_valued_line(voi)) if part)
    items = () if voi.negligible else worth_finding_out(voi, titles, BRIEFED)
    if len(voi.worth_finding_out) > len(items):
        lead += (f" The {len(items)} worth most are listed here; the sensitivity report "
                 f"lists all {len(voi.worth_finding_out)}.")
    return FindOutSection(lead, items)
