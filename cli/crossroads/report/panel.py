"""A panel's analysis for people and programs: the combined view, each analyst, dissent.

Every sentence here is read off :class:`~crossroads.services.panel.PanelAnalysis`: who
leads on the combined weights, which analysts' own weights put another option first and
by how much, the criteria on which they differ most from the panel, in their own words.
"""

from __future__ import annotations

import math
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from crossroads.core.estimative import percent_text
from crossroads.core.reasons import short_reason
from crossroads.report.panel_members import (
    criterion_title,
    heaviest_text,
    markdown_cell,
    option_title,
    value_words,
)
from crossroads.report.panel_spread import spread_to_dict
from crossroads.report.safe_text import safe, visible
from crossroads.report.voi_text import (
    negligible_text,
    units_text,
    worth_text,
)
from crossroads.robustness.voi_result import (
    MIN_DRAWS,
    TOO_FEW_DRAWS,
    WITHIN_NOISE,
    voi_dict,
)
from crossroads.services.panel import Dissent, PanelAnalysis
from crossroads.services.panel_rounds import RoundChange, weight_spread

PANEL_FORMAT = "crossroads.panel/1"


def _percent(share: float) -> str:
    return f"{share:.0%}"


def bottom_line(analysis: PanelAnalysis) -> str:
    """Whether the panel agrees, and on what: one or two sentences."""
    group = analysis.group
    leader = option_title(analysis, group.leader.id)
    n = len(analysis.members)
    if n == 1:
        return f"One analyst: {leader} leads on {analysis.members[0].analyst.name}'s view."
    if analysis.agrees:
        return f"The panel agrees: each of the {n} analysts' own views puts {leader} first."
    dissenters = len(analysis.dissent)
    if dissenters == n:
        own = sorted({d.recommends for d in analysis.dissent})
        theirs = (f"every analyst's own view puts {option_title(analysis, own[0])} first"
                  if len(own) == 1 else "each analyst's own view puts another option first")
        readers = sum(1 for d in analysis.dissent if d.reads)
        verb = "reads" if readers == 1 else "read"
        why = (f" The combined view keeps the scenario's facts, which {readers} of them "
               f"{verb} otherwise." if readers else
               " Combining their weights gives a compromise that none of them holds.")
        return (f"No analyst backs the combined leader: {leader} leads on the combined "
                f"weights and the scenario's facts, but {theirs}.{why}")
    verb = "puts" if dissenters == 1 else "put"
    return (f"The panel is split: {leader} leads on the combined weights, but {dissenters} "
            f"of the {n} analysts, holding {_percent(analysis.dissent_share)} of the votes, "
            f"{verb} another option first on their own view.")


def dissent_sentence(analysis: PanelAnalysis, d: Dissent,
                     rationale_limit: int | None = None) -> str:
    """A split memo's line: who recommends what over the panel's leader, and why (their
    weights, their reading of the facts, or both, as their scored views show).  Their own
    rationale is quoted whole, or shortened to *rationale_limit* characters."""
    who = f"{d.analyst} ({d.role})" if d.role else d.analyst
    gaps = " and ".join(f"{criterion_title(analysis, c)} at {_percent(theirs)} (panel "
                        f"{_percent(panel)})" for c, theirs, panel in d.differs_on)
    factors = analysis.group.pack.factors
    # The second value is the scenario's: "(file: …)" read as the analyst's own file.
    reads = " and ".join(f"{factors[name].label} as {value_words(theirs)} (scenario: "
                         f"{value_words(stated)})" for name, theirs, stated in d.reads)
    line = (f"{who} recommends {option_title(analysis, d.recommends)} over "
            f"{option_title(analysis, d.over)}, by {d.margin:.2f} on its own view. ")
    if d.driver == "facts":
        line += (f"The difference is in the facts: it reads {reads}; on the scenario's "
                 f"facts its own weights would also put {option_title(analysis, d.over)} first.")
    elif d.driver == "both":
        line += f"It weighs {gaps}, and reads {reads}."
    else:
        line += f"The difference is in the weights: it weighs {gaps}."
    if d.rationale:
        quoted = " ".join(d.rationale.split())
        if rationale_limit is not None and len(quoted) > rationale_limit:
            quoted = short_reason(quoted, rationale_limit)
        line += f" In its words: \u201c{quoted}\u201d"
    return line


def kendall_sentence(analysis: PanelAnalysis) -> str:
    """Kendall's W with its band; beside a split, why high agreement is no contradiction."""
    alike = (" — the analysts order the options much alike, but not all put the same one "
             "first" if analysis.dissent and analysis.kendall_w >= 0.6 else "")
    return (f"Agreement on the rankings: Kendall's W {analysis.kendall_w:.2f} "
            f"({analysis.kendall_words}){alike}.")


def agreement_lines(analysis: PanelAnalysis) -> list[str]:
    """How far apart the panel is, each measure with its conventional band."""
    several = len(analysis.members) > 1
    lines = [f"Combined by {analysis.method.label}."] if several else []
    if not math.isnan(analysis.kendall_w):
        lines.append(kendall_sentence(analysis))
    if several:
        lines.append(f"Consensus on the weights: Goepel's S* {analysis.consensus:.0%} "
                     f"({analysis.consensus_words}; unweighted by votes, as Goepel defines "
                     "it).")
    if analysis.robustness is not None:
        lines.append(robustness_sentence(analysis))
        if said := pooled_verdict(analysis):
            lines.append(said)
        if several and (said := who_judges_sentence(analysis)):
            lines.append(said)
    if analysis.previous is not None:
        lines.append(round_sentence(analysis, analysis.previous))
    lines.extend(f"Note: {note}." for note in analysis.notes)
    return lines


def views_phrase(analysis: PanelAnalysis) -> str:
    """Whose views the panel's draws are split among: one analyst's is no group."""
    if len(analysis.members) == 1:
        return "this analyst's view"
    return "the analysts' views"


def robustness_sentence(analysis: PanelAnalysis) -> str:
    """How often the combined leader comes first over who judges and the other inputs."""
    r = analysis.robustness
    assert r is not None
    ranked = sorted(r.first.items(), key=lambda kv: (-kv[1], kv[0]))
    runner = next(((o, share) for o, share in ranked if o != r.leader), None)
    several = len(analysis.members) > 1
    split = ", split by vote" if several else ""
    line = (f"Across {views_phrase(analysis)} and the plausible range of the other inputs "
            f"({r.draws:,} draws{split}), {option_title(analysis, r.leader)} comes first "
            f"in {r.first[r.leader]:.0%} of them")
    if runner is not None:
        line += f" ({option_title(analysis, runner[0])} {runner[1]:.0%})"
    if not several:
        line += "."
    else:
        line += (f"; who judges accounts for {r.who_judges:.0%} of the variance of whether "
                 "it comes first.")
    return line


def pooled_verdict(analysis: PanelAnalysis) -> str:
    """What the pooled draws support, said as theirs: right after a split bottom line a
    bare "Recommend X" would read as the panel's recommendation overriding its split."""
    r = analysis.robustness
    if r is None or r.recommendation is None:
        return ""
    rec = r.recommendation
    across = f"Across {views_phrase(analysis)}"
    named = [(rec.modal, rec.modal_share)]
    if rec.close_call and rec.other is not None:
        named += [(rec.other, rec.other_share), *rec.also]
    warning = rec.precision_warning
    if len(named) == 1 and rec.modal == r.leader:
        # The sentence before already says how often the combined leader comes first.
        return warning
    if len(named) == 1:
        line = (f"{across}, {option_title(analysis, rec.modal)} comes first most often "
                f"({percent_text(rec.modal_share)} of draws).")
    else:
        base = ("the combined leader" if len(analysis.members) > 1
                else "first at the stated values")

        def one(option: str, share: float) -> str:
            marked = f", {base}" if option == r.leader and rec.leader_differs else ""
            return f"{option_title(analysis, option)} ({percent_text(share)}{marked})"
        listed = [one(o, share) for o, share in named]
        why = ("" if rec.leader_differs
               else "; no option is first in more than half of the draws")
        line = (f"{across}, the draws make a close call between "
                f"{', '.join(listed[:-1])} and {listed[-1]}{why}.")
    return line + (f" {warning}" if warning else "")


def who_judges_sentence(analysis: PanelAnalysis) -> str:
    """What knowing which analyst's view is right would be worth, and whose views would
    change the choice (the value of information of who judges)."""
    r = analysis.robustness
    if (r is None or r.who_judges_value is None or not r.who_judges_value.inputs
            or len(analysis.members) < 2):  # one analyst: nobody else's view to weigh
        return ""
    voi, item = r.who_judges_value, r.who_judges_value.inputs[0]
    decision = option_title(analysis, voi.decision)
    if voi.verdict == TOO_FEW_DRAWS:  # the pooled draws: a few under the run's own count
        enough = math.ceil(MIN_DRAWS * r.draws / max(voi.draws, 1) / 100) * 100
        return (f"Knowing which analyst's view is right is not valued: that needs at least "
                f"{MIN_DRAWS} draws pooled by vote and this run pools {voi.draws:,}; run "
                f"with --draws {enough} or more.")
    reason = item.negligible_reason
    why = negligible_text(item.evppi, item.standard_error, reason, voi)
    # A colon, not brackets: the worth and the negligible threshold carry their own.
    if reason == WITHIN_NOISE:
        return (f"Whether knowing which analyst's view is right would change the choice of "
                f"{decision} cannot be told yet: it would be worth "
                f"{worth_text(item.evppi, voi)}, {why}.")
    if reason:
        # Not "would not change the choice": in some draws it would, by too little to count.
        return (f"Knowing which analyst's view is right would be worth "
                f"{units_text(item.evppi)} value units, {why}: not worth settling before "
                f"choosing {decision}.")
    others = [f"{name} ({option_title(analysis, option)})"
              for name, option in r.view_leaders.items() if option != voi.decision]
    return (f"Knowing which analyst's view is right would be worth "
            f"{worth_text(item.evppi, voi)}: it would change the choice from {decision} "
            f"in {percent_text(item.change_chance)} of cases"
            + (f", if the view of {' or '.join(others)} is right" if others else "") + ".")


def round_sentence(analysis: PanelAnalysis, change: RoundChange) -> str:
    """Whether consensus rose between two Delphi rounds, who revised what, how the
    dissenting share of the votes moved, and what became of the leader."""
    verb = ("rose" if change.consensus_rose
            else "fell" if change.consensus_after < change.consensus_before else "held")
    revised = []
    if change.revised:
        revised.append(f"{_listing(list(change.revised))} revised their weights")
    if change.revised_readings:  # a round may change only a reading of the facts
        revised.append(f"{_listing(list(change.revised_readings))} revised their reading "
                       "of the facts")
    who = "; ".join(revised) or "no analyst revised their weights or reading of the facts"
    leader = (f"the combined leader stayed {option_title(analysis, change.leader_after)}"
              if change.leader_before == change.leader_after else
              f"the combined leader changed from {option_title(analysis, change.leader_before)} "
              f"to {option_title(analysis, change.leader_after)}")
    moves = "".join(f"; {', '.join(names)} {verb_} the panel"
                    for names, verb_ in ((change.joined, "joined"), (change.left, "left"))
                    if names)
    before, after = _percent(change.dissent_before), _percent(change.dissent_after)
    dissent = (f"the share of the votes dissenting from the combined leader held at {after}"
               if before == after else f"the share of the votes dissenting from the "
               f"combined leader went from {before} to {after}")
    if set(change.dissenters_before) != set(change.dissenters_after):
        # An unchanged share can hide that other analysts now dissent.
        now_ = _listing(list(change.dissenters_after)) if change.dissenters_after else "none"
        was = _listing(list(change.dissenters_before)) if change.dissenters_before else "none"
        dissent += f" (dissenting now: {now_}; before: {was})"
    then, now = f"{change.consensus_before:.0%}", f"{change.consensus_after:.0%}"
    consensus = (f"held at {now}" if verb == "held" and then == now
                 else f"{verb} from {then} to {now}")
    return (f"Since the previous round, {who}{moves}; consensus on the weights {consensus}, "
            f"{dissent}, and {leader}.")


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def render_panel(analysis: PanelAnalysis, console: Console) -> None:
    """The terminal view: bottom line, the analysts side by side, where they differ."""
    group = analysis.group
    console.print(safe(f"{group.scenario.title} — panel of {len(analysis.members)}",
                       "bold"))
    console.print(safe(bottom_line(analysis), "bold"))
    for line in agreement_lines(analysis):
        console.print(safe(line))
    table = Table(show_edge=False, title="Each analyst's view", title_justify="left")
    table.add_column("Analyst", overflow="fold", max_width=24)
    table.add_column("Vote", justify="right", no_wrap=True)
    table.add_column("First on own view", overflow="fold")
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Heaviest criteria", overflow="fold")
    for m in analysis.members:
        table.add_row(Text(visible(m.analyst.name)), f"{m.share:.0%}",
                      Text(visible(option_title(analysis, m.leader)),
                           style="" if m.leader == group.leader.id else "yellow"),
                      f"{m.result.leader.score:.2f}",
                      Text(visible(heaviest_text(analysis, m.result.weights))))
    table.add_row(Text("Panel (combined)", style="bold"), "",
                  Text(visible(option_title(analysis, group.leader.id)), style="bold"),
                  f"{group.leader.score:.2f}",
                  Text(visible(heaviest_text(analysis, group.weights))))
    console.print(table)
    if analysis.dissent:
        console.print(safe("Where the panel differs", "bold"))
        for d in analysis.dissent:
            console.print(safe(f"• {dissent_sentence(analysis, d)}"))


def _number(x: float) -> float | None:
    return None if math.isnan(x) else x


def panel_core(analysis: PanelAnalysis) -> dict[str, Any]:
    """The fields every panel JSON shares: ``crossroads.panel/1`` and the ``panel`` key
    that score, explain, sensitivity and compare add (each adds its own analysts)."""
    several = len(analysis.members) > 1
    change = analysis.previous
    return {
        "method": analysis.method.value,
        "leader": analysis.leader,
        "agrees": analysis.agrees,
        "bottom_line": bottom_line(analysis),
        "kendall_w": _number(analysis.kendall_w) if several else None,
        "kendall_band": analysis.kendall_words if several else None,
        "consensus": analysis.consensus if several else None,
        "consensus_band": analysis.consensus_words if several else None,
        "dissent_share": analysis.dissent_share,
        "dissent": [{
            "analyst": d.analyst, "role": d.role, "share": d.share,
            "recommends": d.recommends, "over": d.over, "margin": d.margin,
            "driver": d.driver,
        } for d in analysis.dissent],
        "notes": list(analysis.notes),
        "previous_round": None if change is None else {
            "consensus": change.consensus_before,
            "kendall_w": _number(change.kendall_before),
            "leader": change.leader_before,
            "revised": list(change.revised),
            "revised_readings": list(change.revised_readings),
            "dissent_share": change.dissent_before,
            "joined": list(change.joined),
            "left": list(change.left),
            "consensus_rose": change.consensus_rose,
        },
    }


def panel_to_dict(analysis: PanelAnalysis) -> dict[str, Any]:
    """The ``crossroads.panel/1`` JSON document."""
    group = analysis.group
    core = panel_core(analysis)
    # The full document adds to each dissent what the split memo says of it.
    for entry, d in zip(core["dissent"], analysis.dissent, strict=True):
        entry.update({
            "reads": [{"factor": f, "theirs": t, "file": s} for f, t, s in d.reads],
            "differs_on": [{"criterion": c, "theirs": t, "panel": p}
                           for c, t, p in d.differs_on],
            "rationale": d.rationale})
    return {
        "schema": PANEL_FORMAT,
        "scenario": group.scenario.id,
        "pack": group.pack.id,
        **core,
        "weights": dict(group.weights),
        "scores": {o.id: o.score for o in group.options},
        "analysts": [{
            "name": m.analyst.name, "role": m.analyst.role,
            "voting_weight": m.analyst.voting_weight, "share": m.share,
            "file": m.analyst.path, "sha256": m.analyst.digest,
            "weights": dict(m.result.weights), "leader": m.leader,
            "ranking": [o.id for o in m.result.options],
            "scores": {o.id: o.score for o in m.result.options},
            "gci": m.gci, "leader_on_stated_facts": m.leader_on_stated_facts,
        } for m in analysis.members],
        "spread": spread_to_dict(weight_spread(analysis)),
        "robustness": None if analysis.robustness is None else {
            "draws": analysis.robustness.draws,
            "first": analysis.robustness.first,
            "by_analyst": analysis.robustness.by_analyst,
            "who_judges_share": analysis.robustness.who_judges,
            "who_judges_value": voi_dict(analysis.robustness.who_judges_value),
            "view_leaders": analysis.robustness.view_leaders,
        },
    }


def panel_markdown(analysis: PanelAnalysis) -> str:
    """The panel as a Markdown section, for briefings and notes."""
    group = analysis.group
    out = [f"## {visible(group.scenario.title)}: panel of {len(analysis.members)}", "",
           f"**{visible(bottom_line(analysis))}**", ""]
    for line in agreement_lines(analysis):
        out += [visible(line), ""]
    out += ["", "| Analyst | Vote | First on own view | Score |", "|---|---:|---|---:|"]
    for m in analysis.members:
        out.append(f"| {markdown_cell(m.analyst.name)} | {m.share:.0%} | "
                   f"{markdown_cell(option_title(analysis, m.leader))} | "
                   f"{m.result.leader.score:.2f} |")
    leader = markdown_cell(option_title(analysis, group.leader.id))
    out.append(f"| **Panel (combined)** | | **{leader}** | {group.leader.score:.2f} |")
    if analysis.dissent:
        out += ["", "### Where the panel differs", ""]
        out.extend(f"- {visible(dissent_sentence(analysis, d))}" for d in analysis.dissent)
    return "\n".join(out) + "\n"
