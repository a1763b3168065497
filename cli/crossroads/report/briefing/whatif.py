"""A what-if briefing against the file: the banner for every page and the comparison tables.

A page of a what-if briefing handed on alone must not pass for the baseline: every page
carries :attr:`WhatIf.banner`.  Page 1 then shows what was changed (the file's value and
the what-if value) and what that does (the leader, its score and its margin at the file's
values and here), so a reader sees the cost of the change, not only its result.
"""

from __future__ import annotations

from crossroads.core.confidence import judge_confidence
from crossroads.core.engine import Result
from crossroads.core.model import Override
from crossroads.report.briefing.model import Table, WhatIf
from crossroads.report.what_if import file_value
from crossroads.report.wording import (
    clean,
    criterion_title,
    factor_label,
    factor_text,
    number,
    option_title,
    value_text,
)
from crossroads.services.briefing_claims import lead


def scenario_changed(result: Result) -> bool:
    return bool(result.scenario.overrides)


def _what(result: Result, baseline: Result | None, override: Override
          ) -> tuple[str, str, str]:
    """(what was changed, its value in the file, its value here)."""
    subject = override.subject
    if subject in result.pack.factors:
        return (factor_label(result, subject), file_value(result, override) or "not in the file",
                factor_text(result, subject, override.value))
    if subject in result.pack.criteria:
        given = baseline.scenario.priorities.get(subject) if baseline else None
        was = (value_text(given) if given is not None else
               f"{value_text(result.pack.criteria[subject].weight)} (pack default)")
        return (f"Priority of {criterion_title(result, subject)}", was,
                value_text(override.value))
    if subject == "risk_aversion":
        return ("Risk aversion", value_text(baseline.risk_aversion) if baseline else "",
                value_text(override.value))
    return clean(override.note) or subject, "", value_text(override.value)


def _leader_row(label: str, before: Result, after: Result) -> tuple[str, str, str]:
    return (label, option_title(before, before.leader.id), option_title(after, after.leader.id))


def what_if_section(result: Result, baseline: Result | None) -> WhatIf | None:
    """The banner and tables of a what-if briefing; None when nothing was changed."""
    if not scenario_changed(result):
        return None
    flags = [o.origin for o in result.scenario.overrides]
    banner = ("WHAT-IF, not the scenario file: " + "; ".join(flags)) if flags else "WHAT-IF"
    changed = Table("what_if_changes", ("Changed", "In the file", "In this what-if", "Set by"),
                    (), tuple((*_what(result, baseline, o), o.origin)
                              for o in result.scenario.overrides))
    rows: list[tuple[str, str, str]] = []
    if baseline is not None:
        rows.append(_leader_row("Leader at the stated values", baseline, result))
        rows.append(("Leader's score", number(baseline.leader.score),
                     number(result.leader.score)))
        before, after = lead(baseline), lead(result)
        if before is not None and after is not None:
            rows.append(("Leader's lead over the next option",
                         f"{number(before.margin)} over {option_title(baseline, before.runner_up)}",
                         f"{number(after.margin)} over {option_title(result, after.runner_up)}"))
        leaders = {baseline.leader.id, result.leader.id}
        for oid in (o.id for o in result.options if o.id not in leaders):
            try:
                was = baseline.option(oid).score
            except KeyError:
                continue
            now = result.option(oid).score
            if abs(now - was) > 5e-3:  # a change a reader sees at two decimals
                rows.append((f"Score of {option_title(result, oid)}", number(was), number(now)))
        rows.append(("Confidence", judge_confidence(baseline).level,
                     judge_confidence(result).level))
    outcome = Table("what_if_outcome", ("Result", "At the file's values", "In this what-if"),
                    (), tuple(rows)) if rows else None
    return WhatIf(banner=banner, changes=changed, outcome=outcome)
