"""A briefing as GitHub-flavoured Markdown: for pasting into a ticket, a wiki or an email.

No HTML is emitted and every piece of pack or scenario text is escaped, so a title such
as ``<script>`` or a note containing ``|`` shows literally and never breaks a table.
"""

from __future__ import annotations

import re

from crossroads.report.tables import md_escape
from crossroads.services.briefing_model import Briefing

BAR_WIDTH = 12  # characters for the largest score in the text bar chart
# At the start of a block these would make a list ("1. ", "- ", "+ ") or a rule ("---").
_LIST_START = re.compile(r"^(\d+)([.)])(\s)|^([-+])()")


def md(text: str) -> str:
    """Escape text for Markdown (tables and paragraphs alike).

    On top of :func:`md_escape`: ``$`` would start maths on GitHub, ``&`` an HTML entity,
    and a leading ``1.``, ``-`` or ``+`` a list or a horizontal rule.
    """
    out = md_escape(text).replace("$", "\\$").replace("&", "\\&")
    return _LIST_START.sub(lambda m: (m.group(1) + "\\" + m.group(2) + m.group(3))
                           if m.group(1) else "\\" + m.group(4) + m.group(5), out)


def bar(share: float) -> str:
    """A text bar for a score: filled blocks for positive scores, light shade for negative."""
    cells = round(abs(share) * BAR_WIDTH)
    if cells == 0:
        return "▏"
    return ("█" if share > 0 else "░") * cells


def render_markdown(brief: Briefing) -> str:
    """The whole briefing as Markdown text ending in a newline."""
    h, bl = brief.header, brief.bottom_line
    out: list[str] = []
    if h.classification:
        out += [f"**{md(h.classification)}**", ""]
    out += [f"# {md(h.title)}", ""]
    facts = [f"**Subject:** {md(h.subject)}" if h.subject else "",
             f"**As of:** {md(h.as_of)}" if h.as_of else "",
             f"**Author:** {md(h.author)}" if h.author else ""]
    line = " · ".join(f for f in facts if f)
    if line:
        out.append(line + "  ")
    out += [f"Rule pack {md(h.pack_title or h.pack_id)} ({md(h.pack_id)} {md(h.pack_version)})"
            f" · scenario {md(h.scenario_id)}", ""]

    out += ["## Bottom line", "", f"**{md(bl.statement)}**", "",
            f"**Confidence: {md(bl.confidence)}.** {md(bl.confidence_basis)}", ""]
    if bl.summary:
        out += [md(bl.summary), ""]
    if brief.context:
        out += ["## Context", ""]
        for paragraph in brief.context:
            out += [md(paragraph), ""]

    out += ["## Options ranked", "",
            "| # | Option | Score | Benefit | Risk | Score bar | Top reason |",
            "|---:|---|---:|---:|---:|---|---|"]
    for o in brief.options:
        out.append(f"| {o.rank} | {md(o.title)} | {o.score} | {o.benefit} | {o.risk} | "
                   f"{bar(o.share)} | {md(o.top_reason)} |")
    out += ["", "Score = benefit − risk aversion × risk. Bars: █ positive, ░ negative, scaled "
            "to the largest score.", ""]

    out += ["## Why the leading options", ""]
    for group in brief.reasons:
        out += [f"### {group.rank}. {md(group.option)}", ""]
        if not group.reasons:
            out += ["No rule speaks in its favour in this scenario.", ""]
        for r in group.reasons:
            out.append(f"- **{md(r.criterion)} {r.value}** ({md(r.detail)}): {md(r.because)}")
            if r.source:
                out.append(f"  > “{md(r.source)}”")
        out.append("")

    out += ["## Risks", ""]
    if brief.risks:
        out += ["| Option | Risk | Likelihood | Impact | Mitigation |", "|---|---|---|---:|---|"]
        for k in brief.risks:
            out.append(f"| {md(k.option)} | {md(k.risk)} | {md(k.estimate)} | {k.impact}/5 | "
                       f"{md(k.mitigation)} |")
    else:
        out.append("No risk rule fires for the leading options in this scenario.")
    out.append("")

    if brief.robustness_run:
        out += ["## Key drivers", ""]
        if brief.drivers:
            out += ["| Factor | Range tested | Margin at low | Margin at high | Swing | "
                    "Leader changes at |", "|---|---|---:|---:|---:|---|"]
            for d in brief.drivers:
                change = f"{md(d.break_even)} → {md(d.new_leader)}" if d.break_even else "—"
                out.append(f"| {md(d.factor)} | {md(d.range)} | {d.margin_low} | "
                           f"{d.margin_high} | {d.swing} | {change} |")
        else:
            out.append("The scenario gives no ranges, so no factor was moved.")
        out += ["", "## What would change this recommendation", ""]
        out += [f"- {md(line)}" for line in brief.changes]
        out.append("")

    out += ["## Assumptions", "", "| Factor | Value | Range | Source |", "|---|---|---|---|"]
    for a in brief.assumptions:
        source = f"{md(a.source)} (default)" if a.defaulted and a.source != "pack default" \
            else md(a.source)
        out.append(f"| {md(a.factor)} | {md(a.value)} | {md(a.range)} | {source} |")
    out.append("")
    out += [f"- {md(line)}" for line in brief.other_assumptions]
    if brief.other_assumptions:
        out.append("")

    out += ["## Sources", ""]
    out += [f"{n}. {md(s)}" for n, s in enumerate(brief.sources, start=1)]
    out += ["", "## Method", ""]
    for line in brief.method:
        out += [md(line), ""]
    if h.classification:
        out += [f"**{md(h.classification)}**", ""]
    return "\n".join(out).rstrip("\n") + "\n"
