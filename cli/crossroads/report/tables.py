"""Score results as CSV and GitHub-flavoured Markdown tables."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from crossroads.core.engine import Result
from crossroads.core.reasons import main_drag, top_reasons

CSV_COLUMNS = ("scenario", "pack", "rank", "option", "title", "score", "benefit", "risk",
               "top_reason")


def md_escape(text: str) -> str:
    """Text safe inside a Markdown table cell: no table breaks, no markup, no HTML."""
    out = str(text).replace("\\", "\\\\").replace("\n", " ").replace("\r", " ")
    for ch in "|*_`[]<>#~":
        out = out.replace(ch, "\\" + ch)
    return out


def top_reason(result: Result, option_id: str) -> str:
    """The largest positive contribution's "because", as the terminal and briefing show it."""
    return next(iter(top_reasons(result.option(option_id), count=1)), "")


def to_csv(results: Sequence[Result]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for result in results:
        for o in result.options:
            writer.writerow([result.scenario.id, result.pack.id, o.rank, o.id, o.title,
                             f"{o.score:.6g}", f"{o.benefit:.6g}", f"{o.risk:.6g}",
                             top_reason(result, o.id)])
    return buffer.getvalue()


def to_markdown(results: Sequence[Result]) -> str:
    if len(results) == 1:
        return _single_markdown(results[0])
    return _comparison_markdown(results)


def _single_markdown(result: Result) -> str:
    s = result.scenario
    lines = [
        f"## {md_escape(s.title or s.id)}",
        "",
        f"Pack `{result.pack.id}` {result.pack.version}, risk aversion "
        f"{result.risk_aversion:g}.",
        "",
        "| Rank | Option | Score | Benefit | Risk | Top reason for | Main drag |",
        "|---:|---|---:|---:|---:|---|---|",
    ]
    for o in result.options:
        drag = main_drag(o, result.risk_aversion) or "–"
        lines.append(f"| {o.rank} | {md_escape(o.title)} | {o.score:.2f} | {o.benefit:.2f} | "
                     f"{o.risk:.2f} | {md_escape(top_reason(result, o.id))} | "
                     f"{md_escape(drag)} |")
    return "\n".join(lines) + "\n"


def _comparison_markdown(results: Sequence[Result]) -> str:
    option_ids = option_order((o.id, o.rank) for r in results for o in r.options)
    header = "| Option | " + " | ".join(md_escape(r.scenario.id) for r in results) + " |"
    lines = [header, "|---|" + "---:|" * len(results)]
    for option_id in option_ids:
        cells = []
        title = option_id
        for r in results:
            try:
                o = r.option(option_id)
            except KeyError:
                cells.append("–")
                continue
            title = o.title
            cells.append(f"{o.score:.2f} (#{o.rank})")
        lines.append(f"| {md_escape(title)} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def option_order(ranks: Iterable[tuple[str, int]]) -> list[str]:
    """Option ids from several rankings' (id, rank) pairs: lowest summed rank first, then
    by id, so a side-by-side view lists the options that do well everywhere at the top."""
    rank_sum: dict[str, int] = {}
    for option_id, rank in ranks:
        rank_sum[option_id] = rank_sum.get(option_id, 0) + rank
    return sorted(rank_sum, key=lambda k: (rank_sum[k], k))
