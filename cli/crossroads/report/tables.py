"""A score result as a GitHub-flavoured Markdown table, and what other tables share."""

from __future__ import annotations

from collections.abc import Iterable

from crossroads.core.engine import Result
from crossroads.core.reasons import main_drag, top_reasons
from crossroads.report.what_if import WHAT_IF, box_heading, changes, is_what_if


def md_escape(text: str) -> str:
    """Text safe inside a Markdown table cell: no table breaks, no markup, no HTML."""
    out = str(text).replace("\\", "\\\\").replace("\n", " ").replace("\r", " ")
    for ch in "|*_`[]<>#~":
        out = out.replace(ch, "\\" + ch)
    return out


def top_reason(result: Result, option_id: str) -> str:
    """The largest positive contribution's "because", as the terminal and briefing show it."""
    return next(iter(top_reasons(result.option(option_id), count=1)), "")


def to_markdown(result: Result) -> str:
    """One scenario's ranking: heading, pack line, and a table with each top reason."""
    s = result.scenario
    marker = f" {WHAT_IF}" if is_what_if(result) else ""
    lines = [
        f"## {md_escape(s.title or s.id)}{marker}",
        "",
        f"Pack `{result.pack.id}` {result.pack.version}, risk aversion "
        f"{result.risk_aversion:g}.",
        "",
        *what_if_markdown(result),
        "| Rank | Option | Score | Benefit | Risk | Top reason for | Main drag |",
        "|---:|---|---:|---:|---:|---|---|",
    ]
    for o in result.options:
        drag = main_drag(o, result.risk_aversion) or "–"
        lines.append(f"| {o.rank} | {md_escape(o.title)} | {o.score:.2f} | {o.benefit:.2f} | "
                     f"{o.risk:.2f} | {md_escape(top_reason(result, o.id))} | "
                     f"{md_escape(drag)} |")
    return "\n".join(lines) + "\n"


def what_if_markdown(result: Result) -> list[str]:
    """The what-if box as a bullet list (nothing for a run of the files as they are)."""
    found = changes(result)
    if not found:
        return []
    return [f"**{box_heading(result)}:**", "",
            *(f"- {md_escape(c.what)} ({md_escape(c.origin)})" for c in found), ""]


def option_order(ranks: Iterable[tuple[str, int]]) -> list[str]:
    """Option ids from several rankings' (id, rank) pairs: lowest summed rank first, then
    by id, so a side-by-side view lists the options that do well everywhere at the top."""
    rank_sum: dict[str, int] = {}
    for option_id, rank in ranks:
        rank_sum[option_id] = rank_sum.get(option_id, 0) + rank
    return sorted(rank_sum, key=lambda k: (rank_sum[k], k))
