"""A briefing as GitHub-flavoured Markdown: for pasting into a ticket, a wiki or an email.

No HTML is emitted and every piece of pack or scenario text is escaped, so a title such
as ``<script>`` or a note containing ``|`` shows literally and never breaks a table.
Charts are drawn as text in fenced blocks (see :mod:`.textcharts`).
"""

from __future__ import annotations

import re

from crossroads.report.briefing.find_out import HEADS
from crossroads.report.briefing.find_out import TITLE as FIND_OUT
from crossroads.report.briefing.model import SCORE_KEY, Briefing, Chart
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


def _table(head: list[str], align: str, rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join(
        "---:" if a == "r" else "---" for a in align) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return [*out, ""]


def render_markdown(brief: Briefing) -> str:
    """The whole briefing as Markdown text ending in a newline."""
    h, bl = brief.header, brief.bottom_line
    out: list[str] = []
    if h.classification:
        out += [f"**{md(h.classification)}**", ""]
    out += [f"# {md(h.title)}", ""]
    facts = [md(x) for x in (h.scenario, h.subject) if x]
    facts += [f"as of {md(h.as_of)}"] if h.as_of else []
    facts += [f"by {md(h.author)}"] if h.author else []
    out.append(" · ".join(facts) + "  ")
    if h.perspective:
        out.append(f"For: {md(h.perspective)}")
    out.append("")
    if brief.changes:
        title = ("What-if: changed from the scenario file" if h.what_if
                 else "Filled in from pack defaults")
        out += [f"> **{title}**", ">"]
        out += [f"> - {md(c.what)} ({md(c.origin)})" for c in brief.changes]
        out.append("")

    out += ["## Bottom line", "", f"**{md(bl.recommendation)}** {md(bl.reason)}", ""]
    if bl.rests_on:
        out += [f"**What the lead rests on.** {md(bl.rests_on)}", ""]
    if bl.robustness:
        out += [f"**Robustness ({md(bl.robustness_words)}).** {md(bl.robustness)}", ""]
    out += [f"**Confidence: {md(bl.confidence)}.** {md(bl.confidence_basis)}", "",
            f"**What would change it.** {md(bl.watch)}", ""]
    out += _chart(brief.chart("first"))
    if brief.judgements:
        out += ["## Key judgements", "", *(f"- {md(j)}" for j in brief.judgements), ""]
    if brief.rejected:
        out += ["## Why not the others", ""]
        out += [f"- **{md(r.option)}.** {md(r.reason)}" for r in brief.rejected]
        out.append("")
    if brief.rests_on:
        out += [f"## {RESTS_ON}", "", md(brief.rests_on[0]), ""]
        out += [*(f"- {md(line)}" for line in brief.rests_on[1:]), ""]

    out += ["## Options compared", ""]
    rows = [[str(o.rank), md(o.title), o.score, o.band or "—", o.first or "—",
             md(o.top_reason), md(o.main_drag)] for o in brief.options]
    out += _table(["#", "Option", "Score", "5–95% range", "First in", "Top reason for",
                   "Main drag"], "rlrrrll", rows)
    out += [md(SCORE_KEY), ""]
    out += _chart(brief.chart("scores"))
    out += _chart(brief.chart("drivers"))
    if brief.signposts:
        out += ["## Signposts: what to watch", ""]
        out += _table(["Key driver", "Indicator: what to watch, and where", "Now", "Break-even",
                       "Then"], "lllll",
                      [[md(s.factor), md(s.indicator) or "no indicator declared", md(s.now),
                        md(s.break_even) or "—", md(s.consequence)] for s in brief.signposts])
    out += ["## Risks", ""]
    if brief.risks:
        out += _table(["Option", "Risk", "Likelihood", "Impact", "Mitigation"], "lllrl",
                      [[md(k.option), md(k.risk), md(k.estimate), f"{k.impact}/5",
                        md(k.mitigation)] for k in brief.risks])
    else:
        out += ["No risk rule fires for the options chosen between in this scenario.", ""]
    if brief.find_out is not None:
        out += [f"## {FIND_OUT}", "", md(brief.find_out.lead), ""]
        if brief.find_out.rows:
            out += _table(list(HEADS), "lrrll", [[md(c) for c in row]
                                                 for row in brief.find_out.rows])

    out += ["---", "", "## Annex", "", "### Assumptions", ""]
    out += _table(["Factor", "Value", "Range", "Source"], "llll",
                  [[md(a.factor), md(a.value), md(a.range),
                    md(a.source) + (" (default)" if a.defaulted and a.source != "pack default"
                                    else "")] for a in brief.assumptions])
    if brief.filled_in:
        out += [*(f"- {md(line)}" for line in brief.filled_in), ""]
    if brief.context:
        out += ["### Scenario notes", ""]
        for paragraph in brief.context:
            out += [md(paragraph), ""]
    out += ["### Sources", ""]
    out += [f"{n}. {md(s)}" for n, s in enumerate(brief.bibliography, start=1)]
    out += ["", md(brief.facts_note), ""]
    if any(group.reasons for group in brief.reasons):
        out += ["### Evidence for the leading options", ""]
        for group in brief.reasons:
            for r in group.reasons:
                quote = f" “{md(r.source)}”" if r.source else ""
                out.append(f"- **{md(group.option)} · {md(r.criterion)}.** {md(r.because)}{quote}")
        out.append("")
    out += ["### Method", ""]
    for line in brief.method:
        out += [md(line), ""]
    out += [f"- {md(what)}: {md(value)}" for what, value in brief.identifiers]
    out.append("")
    if h.classification:
        out += [f"**{md(h.classification)}**", ""]
    return "\n".join(out).rstrip("\n") + "\n"
