"""The briefing's panel section: whether a panel of analysts agrees, and where it differs.

Built from a :class:`~crossroads.services.panel.PanelAnalysis` in the words of
:mod:`crossroads.report.panel` (the ``crossroads panel`` command's), so the briefing and
the command say the same thing.  Each renderer lays the section out after the risks;
absent (None) when the briefing is not a panel's.

Two first-place frequencies can appear in a panel's briefing and must never read as the
same number: the bottom line's is over draws *around the panel's combined weights*; this
section's is over draws split among *the analysts' own views*, by vote.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crossroads.core.engine import Result
from crossroads.report.wording import clean, option_title

if TYPE_CHECKING:  # a briefing without a panel imports none of the panel's machinery
    from crossroads.services.panel import PanelAnalysis

#: The section's title: a split memo when someone dissents, else where the panel stands.
TITLE = "Where the panel differs"
TITLE_AGREED = "Where the panel stands"
#: The analysts' table's column heads, shared by every format.
HEADS = ("Analyst", "Role", "Vote", "First on own view")
#: An analyst's rationale is quoted up to this many characters (a page holds a split memo
#: of a few analysts; the judgement file has the rest).
RATIONALE_CHARACTERS = 120


@dataclass(frozen=True, slots=True)
class PanelSection:
    title: str
    lead: str  # how the panel was combined, its agreement and consensus, with their bands
    dissent: tuple[str, ...]  # one split-memo line per dissenting analyst
    across_views: str  # how often the combined leader comes first across the analysts' views
    rounds: str  # whether consensus rose since the previous Delphi round ("" if none)
    notes: tuple[str, ...]  # a panel of one, inconsistent pairwise answers
    members: tuple[tuple[str, str, str, str], ...]  # a row per analyst under HEADS (2 or more)


def frequency_scope(analysis: PanelAnalysis) -> str:
    """Words that say around what the bottom line's draws were made (see the module doc)."""
    if len(analysis.members) == 1:
        return "around the analyst's own weights"
    return "around the panel's combined weights"


def bottom_sentence(analysis: PanelAnalysis) -> str:
    """The bottom line's sentence on the panel: agrees, split, or one analyst."""
    from crossroads.report.panel import bottom_line

    return bottom_line(analysis)


def panel_section(analysis: PanelAnalysis, result: Result) -> PanelSection | None:
    """The section for the panel whose combined view *result* scores; None for one analyst
    with nothing to add to the bottom line's sentence (no earlier round, no note)."""
    from crossroads.report.panel import dissent_sentence, kendall_sentence, round_sentence

    several = len(analysis.members) > 1
    # One analyst's panel: the bottom line already says whose view this is.
    notes = analysis.notes if several else analysis.notes[1:]
    if not several and not notes and analysis.previous is None:
        return None
    lead: list[str] = []
    if several:
        lead.append(f"Combined by {analysis.method.label}.")
        if not math.isnan(analysis.kendall_w):
            lead.append(kendall_sentence(analysis))
        lead.append(f"Consensus on the weights: Goepel's S* {analysis.consensus:.0%} "
                    f"({analysis.consensus_words}; unweighted by votes, as Goepel defines "
                    "it).")
    # One analyst needs no table: the bottom line names them and their first option.
    members = tuple((clean(m.analyst.name), clean(m.analyst.role) or "—", f"{m.share:.0%}",
                     option_title(result, m.leader)) for m in analysis.members) \
        if several else ()
    return PanelSection(
        title=TITLE if analysis.dissent else TITLE_AGREED,
        lead=" ".join(lead),
        dissent=tuple(dissent_sentence(analysis, d, RATIONALE_CHARACTERS)
                      for d in analysis.dissent),
        across_views=across_views(analysis, result),
        rounds=round_sentence(analysis, analysis.previous) if analysis.previous else "",
        notes=tuple(f"Note: {note}." for note in notes),
        members=members,
    )


def across_views(analysis: PanelAnalysis, result: Result) -> str:
    """How often the combined view's leader comes first when the draws are split among the
    analysts' own views by vote, and how much of that is who judges ("" without draws, and
    for one analyst, whose own view the bottom line's draws already vary)."""
    # Imported here: bottom imports the model, which imports this module.
    from crossroads.report.briefing.bottom import cases_text

    r = analysis.robustness
    if r is None or len(analysis.members) == 1:
        return ""
    leader = option_title(result, r.leader)
    ranked = sorted(r.first.items(), key=lambda kv: (-kv[1], kv[0]))
    runner = next(((o, share) for o, share in ranked if o != r.leader), None)
    line = (f"Across the analysts' own views and the plausible range of the other inputs "
            f"({r.draws:,} draws, split among them by vote), {leader}, the combined view's "
            f"leader, comes first in {cases_text(r.first[r.leader])} cases")
    if runner is not None:
        line += f" ({option_title(result, runner[0])}: {cases_text(runner[1])})"
    return line + (f"; who judges accounts for {r.who_judges:.0%} of the variance of whether "
                   "it comes first.")


def method_line(analysis: PanelAnalysis) -> str:
    """The annex's method line on the panel."""
    n = len(analysis.members)
    if n == 1:
        return ("Panel: one analyst's judgement file; the briefing is that analyst's view, "
                "and the bottom line's frequency is over draws around their weights.")
    return (f"Panel: {n} analysts' judgement files combined by {analysis.method.label} "
            "(Forman & Peniwati 1998), weighted by their votes. Agreement on the rankings "
            "is Kendall's W, consensus on the weights Goepel's S* (Goepel 2013). The bottom "
            "line's frequency is over draws around the panel's combined weights; the panel "
            "section's is over draws split among the analysts' own views by vote, and who "
            "judges is the share of its variance that lies between analysts.")


def panel_files(analysis: PanelAnalysis) -> str:
    """Each judgement file and the start of its digest, for the annex's identifiers."""
    return "; ".join(f"{_file_name(m.analyst.path) or clean(m.analyst.name)} "
                     f"(sha256 {m.analyst.digest[:12]})" for m in analysis.members)


def _file_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
