"""Why an option scores well: its positive rule contributions, largest first.

The terminal table, the CSV/Markdown tables and the briefing all name an option's top
reason; they share this order (ties go to the rule id that sorts first) so that they name
the same one.
"""

from __future__ import annotations

from crossroads.core.engine import Contribution, OptionResult
from crossroads.core.estimative import estimate_text


def positive_contributions(option: OptionResult) -> list[Contribution]:
    """The rule contributions that raise *option*'s score, largest first."""
    rules = [c for c in option.contributions if c.kind == "rule" and c.value > 0]
    return sorted(rules, key=lambda c: (-c.value, c.rule))


def top_reasons(option: OptionResult, count: int = 2) -> list[str]:
    """The "because" texts of the largest positive contributions: no blanks, no repeats."""
    reasons: list[str] = []
    for c in positive_contributions(option):
        if c.because and c.because not in reasons:
            reasons.append(c.because)
            if len(reasons) == count:
                break
    return reasons


def main_drag(option: OptionResult, risk_aversion: float = 1.0) -> str:
    """What pulls *option* down most: its largest negative rule line or its largest risk.

    Risks count as the score counts them (risk aversion × likelihood × impact × risk unit),
    so the drag named is the one that costs the option most points.  "" when nothing does.
    """
    drags = [(-c.value, c.because or c.rule) for c in option.contributions
             if c.kind == "rule" and c.value < 0]
    drags += [(risk_aversion * r.expected,
               f"Risk: {r.title}, {estimate_text(r.likelihood)}, impact {r.impact}/5")
              for r in option.risks if r.expected > 0]
    if not drags:
        return ""
    return min(drags, key=lambda d: (-d[0], d[1]))[1]


#: Characters of a rule's ``because:`` a reader is shown before it is cut at a word.
SHORT_REASON = 60


def short_reason(because: str, limit: int = SHORT_REASON) -> str:
    """A rule's reason on one line, cut at a word with "…" past *limit* characters and
    without its closing full stop, for quoting inside a sentence ("" when there is none).
    Rules have no title: their reason is how a reader knows them; the id stays in the
    machine formats."""
    why = " ".join(because.split()).rstrip(".")
    if len(why) > limit:
        cut = why[:limit]
        why = (cut[:cut.rindex(" ")] if " " in cut[limit // 2:] else cut).rstrip(
            " ,;:") + "…"
    return why
