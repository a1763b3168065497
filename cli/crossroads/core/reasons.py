"""Why an option scores well: its positive rule contributions, largest first.

The terminal table, the CSV/Markdown tables and the briefing all name an option's top
reason; they share this order (ties go to the rule id that sorts first) so that they name
the same one.
"""

from __future__ import annotations

from crossroads.core.engine import Contribution, OptionResult


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
