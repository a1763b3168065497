"""A briefing as GitHub-flavoured Markdown: for pasting into a ticket, a wiki or an email.

No HTML is emitted and every piece of pack or scenario text is escaped, so a title such
as ``<script>`` or a note containing ``|`` shows literally and never breaks a table.
Charts are drawn as text in fenced blocks (see :mod:`.textcharts`).
"""

from __future__ import annotations

import re

from crossroads.report.briefing.find_out import TITLE as FIND_OUT
from crossroads.report.briefing.model import SCORE_KEY, Briefing, Chart, Table
from crossroads.report.briefing.tables import (
    DEFAULTS_HEADING,
    assumptions_table,
    defaults_lines,
    find_out_table,
    options_table,
    panel_table,
    risks_table,
    signposts_table,
)
from crossroads.report.briefing.textcharts import text_chart
from crossroads.report.key_assumptions import HEADING as RESTS_ON
from crossroads.report.tables import md_escape

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


def _chart(chart: Chart | None) -> list[str]:
    if chart is None:
        return []
    # Text inside a fence is shown literally: only a run of backticks could end it.
    body = [line.replace("```", "\u02bc\u02bc\u02bc") for line in text_chart(chart)]
    return [f"### {md(chart.title)}", "", "```text", *body, "```", "", f"*{md(chart.caption)}*",
            ""]


def _table(table: Table | None) -> list[str]:
    """A model table as a GitHub table (cells escaped), the same rows as every format."""
    if table is None:
        return []
    out = ["| " + " | ".join(md(h) for h in table.head) + " |", "|" + "|".join(
        "---:" if i in table.numeric else "---" for i in range(len(table.head))) + "|"]
    for n, row in enumerate(table.rows):
        cells = [md(c) for c in row]
        if n == table.lead:
            cells = [f"**{c}**" if c else c for c in cells]
        out.append("| " + " | ".join(cells) + " |")
    return [*out, ""]


def _banner(brief: Briefing) -> list[str]:
    """The what-if banner, repeated where each printed page would begin."""
    return [f"> **{md(brief.what_if.banner)}**", ""] if brief.what_if else []


def _panel(brief: Briefing) -> list[str]:
    """Where the panel differs: how it was combined, each dissent, who judges, the rounds."""
    panel = brief.panel
    assert panel is not None
    out = [f"## {md(panel.title)}", ""]
    if panel.lead:
        out += [md(panel.lead), ""]
    if panel.dissent:
        out += [*(f"- {md(line)}" for line in panel.dissent), ""]
    out += [md(line) + "\n" for line in (panel.across_views, panel.rounds, *panel.notes)
            if line]
    return out + _table(panel_table(brief))


def render_markdown(brief: Briefing) -> str:
    """The whole briefing as Markdown text ending in a newline."""
    h, bl = brief.header, brief.bottom_line
    out: list[str] = []
    if h.classification:
        out += [f"**{md(h.classification)}**", ""]
    out += _banner(brief)
    out += [f"# {md(h.title)}", ""]
    facts = [md(x) for x in (h.scenario, h.subject) if x]
    facts += [f"as of {md(h.as_of)}"] if h.as_of else []
    facts += [f"by {md(h.author)}"] if h.author else []
    out.append(" · ".join(facts) + "  ")
    if h.perspective:
        out.append(f"For: {md(h.perspective)}")
    out.append("")
    if brief.what_if:
        out += ["## What-if: changed from the scenario file", ""]
        out += _table(brief.what_if.changes) + _table(brief.what_if.outcome)
        if bl.confidence_change:
            out += [md(bl.confidence_change), ""]
    if defaults_lines(brief):
        out += [f"> **{DEFAULTS_HEADING}**", ">",
                *(f"> - {md(line)}" for line in defaults_lines(brief)), ""]

    out += ["## Bottom line", "", f"**{md(bl.recommendation)}** {md(bl.reason)}", ""]
    if bl.panel:
        out += [f"**Panel.** {md(bl.panel)}", ""]
    out += [f"**{md(n)}**" for n in brief.notices] + ([""] if brief.notices else [])
    if bl.rests_on:
        out += [f"**What the lead rests on.** {md(bl.rests_on)}", ""]
    if bl.robustness:
        out += [f"**How often first.** {md(bl.robustness)}", "", f"*{md(bl.robustness_note)}*",
                ""]
    out += [f"**Confidence: {md(bl.confidence)}.** {md(bl.confidence_basis)}", "",
            f"**What would change it.** {md(bl.watch)}", ""]
    out += _chart(brief.charts[0] if brief.charts else None)
    if brief.judgements:
        out += ["## Key judgements", "", *(f"- {md(j)}" for j in brief.judgements), ""]
    if brief.rejected:
        out += ["## Why not the others", ""]
        out += [f"- **{md(r.option)}.** {md(r.reason)}" for r in brief.rejected]
        out.append("")
    if brief.rests_on:
        out += [f"## {RESTS_ON}", "", md(brief.rests_on[0]), ""]
        out += [*(f"- {md(line)}" for line in brief.rests_on[1:]), ""]

    out += ["---", "", *_banner(brief), "## Options compared", ""]
    out += _table(options_table(brief))
    out += [md(SCORE_KEY), ""]
    for chart in brief.charts[1:]:
        out += _chart(chart)
    if brief.signposts:
        out += ["## Signposts: what to watch", "", *_table(signposts_table(brief))]
    out += ["## Risks", ""]
    if brief.risks:
        out += _table(risks_table(brief))
    else:
        out += ["No risk rule fires for the options chosen between in this scenario.", ""]
    if brief.panel is not None:
        out += _panel(brief)
    if brief.find_out is not None:
        out += [f"## {FIND_OUT}", "", md(brief.find_out.lead), ""]
        out += _table(find_out_table(brief))
    if brief.context:
        out += ["## Scenario notes", ""]
        for paragraph in brief.context:
            out += [md(paragraph), ""]

    out += ["---", "", *_banner(brief), "## Annex", "", "### Assumptions", ""]
    out += _table(assumptions_table(brief))
    if brief.filled_in:
        out += [*(f"- {md(line)}" for line in brief.filled_in), ""]
    out += ["### Sources", ""]
    out += [f"{s.number}. {md(s.text)}" + (f" <{s.url}>" if s.url else "")
            for s in brief.bibliography]
    out += ["", md(brief.facts_note), ""]
    out += ["### Method", ""]
    for line in brief.method:
        out += [md(line), ""]
    out += [f"- {md(what)}: {md(value)}" for what, value in brief.identifiers]
    out.append("")
    if h.classification:
        out += [f"**{md(h.classification)}**", ""]
    return "\n".join(out).rstrip("\n") + "\n"
