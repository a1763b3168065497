"""The bottom line a robustness run supports: which option to recommend, or a close call.

Rule (issue 11): recommend the option that ranks first in the most draws (the *modal*
option).  When that is not the base-case leader (the option first at the stated values),
or when no option is first in more than half of the draws, the bottom line is a *close
call* between two named options: the modal option and the base-case leader when they
differ, else the modal option and the option first in the next most draws.
Outputs without draws (``score``, ``explain``) never recommend: they name the base-case
leader.  Pure data, no numpy, so briefings and renderers can use it directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from crossroads.core.estimative import percent_text
from crossroads.robustness.precision import precision_warning

#: The modal option must be first in more than this share of draws to stand alone.
MAJORITY = 0.5


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
        if not self.close_call:
            return f"Recommend {mine} of draws)."
        other = titles.get(self.other or "", self.other or "")
        if self.leader_differs:
            return (f"Close call between {mine} of draws) and {other} (the base-case leader, "
                    f"first in {percent_text(self.other_share)}).")
        return (f"Close call between {mine} of draws) and {other} (first in "
                f"{percent_text(self.other_share)}); no option is first in more than half "
                "of the draws.")


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
    return Recommendation(
        modal=modal, modal_share=share, base_leader=base_leader,
        base_share=first_shares.get(base_leader, 0.0), close_call=close,
        other=other if close else None,
        other_share=first_shares.get(other, 0.0) if close and other else 0.0, draws=draws)
