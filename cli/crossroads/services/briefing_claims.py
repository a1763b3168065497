"""What a briefing claims, as small objects checked against the analysis before any is worded.

Every sentence of the bottom line that states a fact of the analysis (who leads and by how
much, how often an option comes first, how two such shares compare, what would change the
answer, what an option does most for) is made from one of these claims.  Each claim has
``holds(result, robustness)``: the builder keeps only claims that hold, so a claim the
analysis does not bear out is never written, and the tests check the same method over the
shipped scenarios and generated ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crossroads.core.engine import OptionResult, Result
from crossroads.robustness.recommendation import compare_shares
from crossroads.robustness.summary import Driver, Robustness

#: Scores closer than this are equal (the engine's sums are exact to far better).
SCORE_TOLERANCE = 1e-9


def criterion_values(option: OptionResult) -> dict[str, float]:
    """An option's weighted value on each criterion its rules touch (caps included)."""
    out: dict[str, float] = {}
    for c in option.contributions:
        out[c.criterion] = out.get(c.criterion, 0.0) + c.value
    return out


def best_because(option: OptionResult, criterion: str, sign: int = 1) -> str:
    """The reason of *option*'s largest rule line on *criterion* in the direction *sign*."""
    lines = [c for c in option.contributions
             if c.kind == "rule" and c.criterion == criterion and c.value * sign > 0]
    best = max(lines, key=lambda c: (abs(c.value), c.rule), default=None)
    return best.because if best is not None else ""


@dataclass(frozen=True, slots=True)
class Lead:
    """At the scenario's own values *leader* scores *margin* points above *runner_up*."""

    leader: str
    runner_up: str
    margin: float

    def holds(self, result: Result, robustness: Robustness | None = None) -> bool:
        ranked = result.options
        if len(ranked) < 2 or ranked[0].id != self.leader or ranked[1].id != self.runner_up:
            return False
        return abs((ranked[0].score - ranked[1].score) - self.margin) <= SCORE_TOLERANCE


@dataclass(frozen=True, slots=True)
class FirstShare:
    """*option* comes first in *share* of the *draws* draws."""

    option: str
    share: float
    draws: int

    def holds(self, result: Result, robustness: Robustness | None = None) -> bool:
        if robustness is None or robustness.draws != self.draws:
            return False
        return any(s.option == self.option and s.first == self.share
                   for s in robustness.options)


@dataclass(frozen=True, slots=True)
class ShareComparison:
    """*option* comes first more often than, as often as (within sampling noise), or less
    often than *other*: *relation* is "more", "same" or "less", told two-sided."""

    option: str
    other: str
    relation: str

    def holds(self, result: Result, robustness: Robustness | None = None) -> bool:
        if robustness is None:
            return False
        shares = {s.option: s.first for s in robustness.options}
        if self.option not in shares or self.other not in shares:
            return False
        return compare_shares(shares[self.option], shares[self.other],
                              robustness.draws) == self.relation


@dataclass(frozen=True, slots=True)
class WouldChange:
    """If *factor* moved from *now* to *to*, *new_leader* would lead at the scenario's
    values instead of *holder*; never the recommended option, never the holder itself."""

    factor: str
    now: Any
    to: Any
    holder: str  # the option that leads at the scenario's values now
    new_leader: str
    recommended: str

    def holds(self, result: Result, robustness: Robustness | None = None) -> bool:
        if self.new_leader in (self.recommended, self.holder) or \
                result.leader.id != self.holder or robustness is None:
            return False
        return any(d.factor == self.factor and d.break_even == self.to
                   and d.new_leader == self.new_leader for d in robustness.drivers)


@dataclass(frozen=True, slots=True)
class DoesMostFor:
    """Of every criterion, *option* adds most value on *criterion* (and adds some)."""

    option: str
    criterion: str
    because: str

    def holds(self, result: Result, robustness: Robustness | None = None) -> bool:
        values = criterion_values(result.option(self.option))
        best = max(values.values(), default=0.0)
        return best > 0 and values.get(self.criterion) == best and bool(self.because)


@dataclass(frozen=True, slots=True)
class DoesMoreThan:
    """*option* adds more value than *other* on *criterion* (``harm``: *other* does more
    harm to it); a close call names one such criterion for each of its two options."""

    option: str
    other: str
    criterion: str
    because: str
    harm: bool = False

    def holds(self, result: Result, robustness: Robustness | None = None) -> bool:
        mine = criterion_values(result.option(self.option)).get(self.criterion, 0.0)
        theirs = criterion_values(result.option(self.other)).get(self.criterion, 0.0)
        if self.harm:
            return theirs < 0 and mine > theirs and bool(self.because)
        return mine > 0 and mine > theirs + SCORE_TOLERANCE and bool(self.because)


Claim = Lead | FirstShare | ShareComparison | WouldChange | DoesMostFor | DoesMoreThan


# -- making the claims ------------------------------------------------------------------------

def lead(result: Result) -> Lead | None:
    if len(result.options) < 2:
        return None
    first, second = result.options[0], result.options[1]
    return Lead(first.id, second.id, first.score - second.score)


def first_share(robustness: Robustness, option: str) -> FirstShare | None:
    share = next((s.first for s in robustness.options if s.option == option), None)
    return None if share is None else FirstShare(option, share, robustness.draws)


def share_comparison(robustness: Robustness, option: str, other: str) -> ShareComparison:
    shares = {s.option: s.first for s in robustness.options}
    return ShareComparison(option, other, compare_shares(
        shares.get(option, 0.0), shares.get(other, 0.0), robustness.draws))


def would_change(result: Result, robustness: Robustness, recommended: str
                 ) -> tuple[WouldChange, Driver] | None:
    """The first key driver (largest swing first) whose break-even hands the lead at the
    scenario's values to an option other than the recommended one."""
    for d in robustness.drivers:
        if d.break_even is None or not d.new_leader or d.new_leader == recommended:
            continue
        claim = WouldChange(d.factor, _now(result, d.factor), d.break_even,
                            result.leader.id, d.new_leader, recommended)
        if claim.holds(result, robustness):
            return claim, d
    return None


def also_leads(result: Result, robustness: Robustness, recommended: str
               ) -> tuple[WouldChange, Driver] | None:
    """When the recommended option is not the leader at the scenario's values: the first
    driver that would make it lead there too (a signpost that firms the call up)."""
    if result.leader.id == recommended:
        return None
    for d in robustness.drivers:
        if d.break_even is not None and d.new_leader == recommended:
            return WouldChange(d.factor, _now(result, d.factor), d.break_even,
                               result.leader.id, recommended, ""), d
    return None


def _now(result: Result, factor: str) -> Any:
    if factor == "risk_aversion":
        return result.risk_aversion
    return next((f.value for f in result.factors if f.id == factor), None)


def does_most_for(result: Result, option_id: str) -> DoesMostFor | None:
    option = result.option(option_id)
    values = criterion_values(option)
    positive = {c: v for c, v in values.items() if v > 0}
    if not positive:
        return None
    criterion = max(positive, key=lambda c: (positive[c], _order(result, c)))
    claim = DoesMostFor(option_id, criterion, best_because(option, criterion))
    return claim if claim.holds(result) else None


def does_more_than(result: Result, option_id: str, other_id: str) -> DoesMoreThan | None:
    """The criterion on which *option_id* most outdoes *other_id*: where it adds value
    and more than the other, else where the other does more harm."""
    mine = criterion_values(result.option(option_id))
    theirs = criterion_values(result.option(other_id))
    criteria = set(mine) | set(theirs)
    gaps = {c: mine.get(c, 0.0) - theirs.get(c, 0.0) for c in criteria}
    better = [c for c in criteria if mine.get(c, 0.0) > 0 and gaps[c] > SCORE_TOLERANCE]
    if better:
        criterion = max(better, key=lambda c: (gaps[c], _order(result, c)))
        claim = DoesMoreThan(option_id, other_id, criterion,
                             best_because(result.option(option_id), criterion))
    else:
        harmed = [c for c in criteria if theirs.get(c, 0.0) < 0 and gaps[c] > SCORE_TOLERANCE]
        if not harmed:
            return None
        criterion = max(harmed, key=lambda c: (gaps[c], _order(result, c)))
        claim = DoesMoreThan(option_id, other_id, criterion,
                             best_because(result.option(other_id), criterion, sign=-1),
                             harm=True)
    return claim if claim.holds(result) else None


def _order(result: Result, criterion: str) -> int:
    """Ties go to the criterion the pack lists first (a negative index sorts it higher)."""
    names = list(result.pack.criteria)
    return -names.index(criterion) if criterion in names else -len(names)
