"""The value of information in an analyst's words, shared by every format.

One place decides what "What to find out before deciding" says: the headline sentence on
the EVPI (or, plainly, that nothing is worth finding out), and for each input worth
finding out the chance that knowing it would change the choice, the option it would
change to, the expected gain and where to look.  The sensitivity table, its Markdown and
the briefing all read these, so they never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from crossroads.core.estimative import percent_text
from crossroads.robustness.voi_result import InputValue, ValueOfInformation

#: Inputs a report lists at most (the JSON has them all).
SHOWN = 8
#: Inputs the briefing lists at most (its second page has room for three).
BRIEFED = 3


@dataclass(frozen=True, slots=True)
class FindOut:
    """One input worth finding out, as a reader sees it."""

    input: str  # its label
    value: float  # its EVPPI, value units
    worth: str  # "0.21 value units (1.0% of the swing)"
    short: str  # "0.21 (1.0%)", for tables
    chance: str  # "49%": draws in which knowing it changes the choice
    switch_to: str  # the option's title
    where: str  # what to read or whom to ask
    sentence: str  # all of it in one sentence


def units_text(value: float) -> str:
    """A value in value units, two decimals; "less than 0.01" rather than "0.00"."""
    return "less than 0.01" if 0 <= value < 0.005 else f"{value:.2f}"


def worth_text(value: float, voi: ValueOfInformation, error: float | None = None) -> str:
    """Value units and the share of the criteria's common swing, e.g. "0.21 value units
    (1.0% of the swing)", with the standard error when given ("0.56 ± 0.01 value units
    …")."""
    spread = "" if error is None else f" ± {error:.2f}" if error >= 0.005 else \
        f" ± {error:.3f}"
    return f"{value:.2f}{spread} value units ({100 * value / voi.swing:.1f}% of the swing)"


def headline(voi: ValueOfInformation, titles: Mapping[str, str]) -> str:
    """The EVPI in one sentence; when it is negligible, that nothing is worth finding out."""
    decision = titles.get(voi.decision, voi.decision)
    if voi.negligible:
        return (f"Nothing is worth finding out before deciding: knowing every uncertain "
                f"input exactly would be worth {units_text(voi.evpi)} value units against "
                "choosing "
                f"{decision} now, below the {voi.negligible_below:.2f} "
                f"({100 * voi.negligible_below / voi.swing:g}% of the swing) this tool "
                "calls negligible.")
    worth = voi.worth_finding_out
    tail = (f"; {len(worth)} single input{'s are' if len(worth) != 1 else ' is'} worth "
            "finding out" if worth else
            "; no single input is worth finding out alone, only several together")
    return (f"Knowing every uncertain input exactly would be worth "
            f"{worth_text(voi.evpi, voi, voi.evpi_standard_error)} against "
            f"choosing {decision} now{tail}.")


def find_out(item: InputValue, voi: ValueOfInformation, titles: Mapping[str, str]
             ) -> FindOut:
    """One input worth finding out, in words."""
    switch = titles.get(item.switch_to or "", item.switch_to or "")
    chance = percent_text(item.change_chance)
    sentence = (f"{item.label}: worth {worth_text(item.evppi, voi)}; knowing it would "
                f"change the choice in {chance} of cases, most often to {switch}. Where to "
                f"look: {item.indicator}.")
    short = f"{item.evppi:.2f} ({100 * item.share:.1f}%)"
    return FindOut(item.label, item.evppi, worth_text(item.evppi, voi), short, chance, switch,
                   item.indicator, sentence)


def worth_finding_out(voi: ValueOfInformation, titles: Mapping[str, str],
                      limit: int = SHOWN) -> tuple[FindOut, ...]:
    """The inputs with a non-negligible value, largest first, at most *limit*."""
    return tuple(find_out(i, voi, titles) for i in voi.worth_finding_out[:limit])


def groups_line(voi: ValueOfInformation) -> str:
    """The groups (weights, rule points, risk parameters) with a non-negligible value."""
    shown = [g for g in voi.groups if not g.negligible]
    if not shown:
        return ""
    return "Together: " + "; ".join(f"{g.label.split(' (')[0].lower()} "
                                    f"{worth_text(g.evppi, voi)}" for g in shown) + "."


def measured_against(voi: ValueOfInformation, recommended: str,
                     titles: Mapping[str, str]) -> str:
    """Said when the option best on expected value is not the one first most often."""
    if voi.decision == recommended:
        return ""
    return (f"Values are measured against {titles.get(voi.decision, voi.decision)}, the "
            f"option best on expected value; {titles.get(recommended, recommended)} is first "
            "in more draws.")
