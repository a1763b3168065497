"""The bottom line a robustness run supports: which option to recommend, or a close call.

Rule (issue 11): recommend the option that ranks first in the most draws (the *modal*
option).  When that is not the base-case leader (the option first at the stated values),
or when no option is first in more than half of the draws, the bottom line is a *close
call* between two named options: the modal option and the base-case leader when they
differ, else the modal option and the option first in the next most draws.
Options first at least about as often as that second one (more often, or within
:data:`NOISE` standard errors of the difference between the two shares) are named too:
with 10,000 draws, 25.37% and 25.39% say nothing about which of the two is the better
runner-up.  How two shares compare is told two-sided (:func:`compare_shares`): "as often,
within sampling noise" only when the difference lies within the noise either way; 30%
against 21% in 10,000 draws is "more often", thirteen standard errors apart.
Outputs without draws (``score``, ``explain``) never recommend: they name the base-case
leader.  Pure data, no numpy, so briefings and renderers can use it directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from crossroads.core.estimative import percent_text
from crossroads.robustness.precision import precision_warning

#: The modal option must be first in more than this share of draws to stand alone.
MAJORITY = 0.5
#: Standard errors within which another option's share is as large as the second one's.
NOISE = 2.0


@dataclass(frozen=True, slots=True)
class Recommendation:
    """What the draws support, with both names when it is a close call."""

    modal: str  # option first in the most draws
    modal_share: float
    base_leader: str  # option first at the stated values
    base_share: float  # share of draws in which the base-case leader is first
    close_call: bool
    other: str | None  # the second option named in a close call, else None
    other_share: float = 0.0
    draws: int = 0  # how many draws the shares rest on (0: unknown, no precision warning)
    # Further options of a close call, first about as often as `other` (id, share).
    also: tuple[tuple[str, float], ...] = ()
    # When the same draws varying only what the files state put another option first
    # most often: that option, its share there, and the default sources that differ.
    stated_leader: str | None = None
    stated_share: float = 0.0
    defaults: tuple[str, ...] = ()

    @property
    def precision_warning(self) -> str:
        """A sentence of its own when the draws are too few for a precise share, else ""."""
        return precision_warning(self.modal_share, self.draws) if self.draws else ""

    @property
    def recommended(self) -> str:
        """The option recommended (the modal one), also in a close call."""
        return self.modal

    @property
    def leader_differs(self) -> bool:
        return self.modal != self.base_leader

    def statement(self, titles: Mapping[str, str]) -> str:
        """The bottom line: one sentence naming both options in a close call, then the
        precision warning as a sentence of its own when the draws are too few."""
        warning = self.precision_warning
        return self._verdict(titles) + (f" {warning}" if warning else "")

    def _verdict(self, titles: Mapping[str, str]) -> str:
        mine = f"{titles.get(self.modal, self.modal)} (first in {percent_text(self.modal_share)}"
        if self.stated_leader is not None:
            return self._stated_verdict(titles, mine)
        if not self.close_call:
            return f"Recommend {mine} of draws)."
        other = titles.get(self.other or "", self.other or "")
        if self.leader_differs:
            second = (f"{other} (the base-case leader, first in "
                      f"{percent_text(self.other_share)})")
        else:
            second = f"{other} (first in {percent_text(self.other_share)})"
        extra = [f"{titles.get(o, o)} (first in {percent_text(share)})" for o, share in self.also]
        named = [f"{mine} of draws)", second, *extra]
        text = f"Close call between {', '.join(named[:-1])} and {named[-1]}"
        if not self.leader_differs:
            text += "; no option is first in more than half of the draws"
        text += "."
        # One sentence per relation to the second option named: "C and D come first about
        # as often as B (the difference is within sampling noise)."
        for relation in ("more", "same"):
            names = [titles.get(o, o) for o, share in self.also
                     if compare_shares(share, self.other_share, self.draws) == relation]
            if names:
                noise = f" ({WITHIN_NOISE})" if relation == "same" else ""
                verb = "comes" if len(names) == 1 else "come"
                text += (f" {_listing(names)} {verb} first {RELATION_WORDS[relation]} "
                         f"{other}{noise}.")
        return text

    def stated_note(self, titles: Mapping[str, str]) -> str:
        """Why a close call names the stated-only leader, as a sentence ("" otherwise)."""
        if self.stated_leader is None:
            return ""
        stated = titles.get(self.stated_leader, self.stated_leader)
        why = _listing([DEFAULT_WORDS.get(d, d) for d in self.defaults]) if self.defaults \
            else "the documented default ranges"
        return (f"Varying only what the files state, {stated} comes first most often "
                f"({percent_text(self.stated_share)} of the same draws): the documented "
                f"defaults for {why} make the difference.")

    def _stated_verdict(self, titles: Mapping[str, str], mine: str) -> str:
        """The close call between the full analysis and the stated-only one."""
        stated = titles.get(self.stated_leader or "", self.stated_leader or "")
        why = _listing([DEFAULT_WORDS.get(d, d) for d in self.defaults]) if self.defaults \
            else "the documented default ranges"
        return (f"Close call between {mine} of all draws) and {stated} (first in "
                f"{percent_text(self.stated_share)} of the same draws varying only what the "
                f"files state): the documented defaults for {why} make the difference.")


#: The sources whose ranges can be documented defaults, as the headline names them.
DEFAULT_WORDS = {"points": "the rules' points", "risks": "risk likelihoods and impacts",
                 "risk_aversion": "risk aversion"}


def with_stated_only(full: Recommendation, stated: Recommendation,
                     first_shares: Mapping[str, float], defaults: Sequence[str]
                     ) -> Recommendation:
    """*full*, turned into a close call naming both when the stated-only run (the same
    draws without the default ranges of the sources in *defaults*) puts another option
    first most often; *first_shares* are the full run's."""
    if stated.modal == full.modal:
        return full
    return replace(full, close_call=True, other=stated.modal,
                   other_share=first_shares.get(stated.modal, 0.0), also=(),
                   stated_leader=stated.modal, stated_share=stated.modal_share,
                   defaults=tuple(defaults))


#: How one option's first-place share compares with another's, as a phrase that reads
#: between the two names ("X comes first more often than Y").
RELATION_WORDS = {
    "more": "more often than",
    "same": "about as often as",
    "less": "less often than",
}
#: Said after a "same": the two shares differ by no more than the draws' noise.
WITHIN_NOISE = "the difference is within sampling noise"


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def share_gap_error(share: float, other: float, draws: int) -> float:
    """Standard error of the difference of two shares of one multinomial sample of
    *draws* draws (the covariance of two categories is −p·q/n)."""
    if draws <= 0:
        return 0.0
    variance = (share + other - (share - other) ** 2) / draws
    return float(max(variance, 0.0) ** 0.5)


def compare_shares(share: float, other: float, draws: int) -> str:
    """"more", "same" or "less": two-sided, "same" when the difference lies within
    :data:`NOISE` standard errors either way (without a draw count only equal shares are
    the same)."""
    margin = NOISE * share_gap_error(share, other, draws)
    if abs(share - other) <= margin:
        return "same"
    return "more" if share > other else "less"


def _at_least_as_often(share: float, second: float, draws: int) -> bool:
    """Whether *share* is more than, or within the noise of, *second*."""
    return compare_shares(share, second, draws) != "less"


def recommend(first_shares: Mapping[str, float], base_order: Sequence[str], draws: int = 0
              ) -> Recommendation:
    """Decide from each option's share of first places; *base_order* is the base ranking,
    *draws* the number of draws behind the shares (for the precision warning).

    Equal shares go to the option ranked higher at the stated values.
    """
    base_leader = base_order[0]
    ranked = sorted(base_order, key=lambda o: (-first_shares.get(o, 0.0), base_order.index(o)))
    modal = ranked[0]
    share = first_shares.get(modal, 0.0)
    if modal != base_leader:
        other: str | None = base_leader
    else:
        other = ranked[1] if len(ranked) > 1 else None
    close = modal != base_leader or (share <= MAJORITY and other is not None)
    second = first_shares.get(other, 0.0) if other else 0.0
    also = tuple((o, first_shares.get(o, 0.0)) for o in ranked
                 if close and o not in (modal, other) and first_shares.get(o, 0.0) > 0
                 and _at_least_as_often(first_shares.get(o, 0.0), second, draws))
    return Recommendation(
        modal=modal, modal_share=share, base_leader=base_leader,
        base_share=first_shares.get(base_leader, 0.0), close_call=close,
        other=other if close else None,
        other_share=second if close else 0.0, draws=draws, also=also)
