"""The value of information in an analyst's words, shared by every format.

One place decides what "What to find out before deciding" says: the headline sentence on
the EVPI (or, plainly, that nothing is worth finding out and why: below the threshold,
not distinguishable from zero, or too few draws to tell), the held inputs that would
change the leader yet carry no value because nothing about them is in doubt, and for
each input worth finding out the chance that knowing it would change the choice, the option it would
change to, the expected gain and where to look.  The sensitivity table, its Markdown and
the briefing all read these, so they never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from crossroads.core.estimative import percent_text
from crossroads.robustness.voi_result import (
    BELOW_THRESHOLD,
    MIN_DRAWS,
    TOO_FEW_DRAWS,
    WITHIN_NOISE,
    InputValue,
    ValueOfInformation,
)

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


def too_few_draws_text(voi: ValueOfInformation) -> str:
    """Plainly, that the draws are too few to value information, and how many are needed."""
    return (f"{voi.draws:,} draw{'s are' if voi.draws != 1 else ' is'} too few to value "
            f"information: at least {MIN_DRAWS:,} are needed for the estimates and their "
            f"errors to mean anything; run with --draws {MIN_DRAWS} or more.")


def negligible_text(value: float, error: float, reason: str,
                    voi: ValueOfInformation) -> str:
    """Why a value is negligible, in the words of its actual reason, e.g. "below the 0.05
    (0.25% of the swing) this tool calls negligible"."""
    if reason == WITHIN_NOISE:
        return (f"within two standard errors (± {error:.2f}) of zero, so not "
                f"distinguishable from zero at {voi.draws:,} draws")
    return (f"below the {voi.negligible_below:.2f} "
            f"({100 * voi.negligible_below / voi.swing:g}% of the swing) this tool calls "
            "negligible")


def headline(voi: ValueOfInformation, titles: Mapping[str, str]) -> str:
    """The EVPI in one sentence; when nothing is worth finding out, that and why."""
    decision = titles.get(voi.decision, voi.decision)
    verdict = voi.verdict
    if verdict == TOO_FEW_DRAWS:
        return too_few_draws_text(voi)
    if verdict == BELOW_THRESHOLD:
        return (f"Nothing is worth finding out before deciding: knowing every uncertain "
                f"input exactly would be worth {units_text(voi.evpi)} value units against "
                f"choosing {decision} now, "
                f"{negligible_text(voi.evpi, voi.evpi_standard_error, verdict, voi)}.")
    if verdict == WITHIN_NOISE:
        return (f"Knowing every uncertain input exactly would be worth "
                f"{worth_text(voi.evpi, voi, voi.evpi_standard_error)} against choosing "
                f"{decision} now, "
                f"{negligible_text(voi.evpi, voi.evpi_standard_error, verdict, voi)}; run "
                "more draws to tell whether anything is worth finding out.")
    worth = voi.worth_finding_out
    noisy = sum(1 for i in voi.inputs if i.negligible_reason == WITHIN_NOISE)
    tail = (f"; {len(worth)} single input{'s are' if len(worth) != 1 else ' is'} worth "
            "finding out" if worth else
            "; no single input is worth finding out alone, only several together"
            if not noisy else
            f"; no single input stands out alone: {noisy} cannot be told from zero at "
            f"{voi.draws:,} draws and the rest are below the {voi.negligible_below:.2f} "
            "this tool calls negligible")
    return (f"Knowing every uncertain input exactly would be worth "
            f"{worth_text(voi.evpi, voi, voi.evpi_standard_error)} against "
            f"choosing {decision} now{tail}.")


def not_valued_line(voi: ValueOfInformation) -> str:
    """The held inputs that would change the leader: decisive, yet with no value computed
    because the scenario states no doubt about them (empty when there are none)."""
    if not voi.not_valued:
        return ""
    labels = [n.label for n in voi.not_valued]
    listed = "; ".join(labels)  # labels hold "and" ("Turkish and Gulf engagement")
    return ("Not valued because the scenario states no doubt about "
            f"{'it' if len(labels) == 1 else 'them'}, though moved alone "
            f"{'it' if len(labels) == 1 else 'each'} would change which option leads: "
            f"{listed}.")


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
