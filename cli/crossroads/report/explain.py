"""Explanations (every contribution) as JSON, Markdown and CSV."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from crossroads.core.engine import Result
from crossroads.core.values import method_note, scale_note
from crossroads.report.data import result_to_dict
from crossroads.report.escaping import csv_writer
from crossroads.report.tables import md_escape


def explain_to_dict(result: Result, option_ids: Sequence[str] = ()) -> dict[str, Any]:
    """The ``crossroads.score/2`` contract, with only the options asked about (if any)."""
    data = result_to_dict(result)
    if option_ids:
        data["options"] = [o for o in data["options"] if o["id"] in option_ids]
    return data


def explain_markdown(result: Result, option_ids: Sequence[str] = ()) -> str:
    lines = [f"# Explanation: {md_escape(result.scenario.title or result.scenario.id)}", "",
             md_escape(method_note(result.pack)), ""]
    lines += [f"- {md_escape(scale_note(c))}" for c in result.pack.criteria.values()] + [""]
    for o in result.options:
        if option_ids and o.id not in option_ids:
            continue
        lines += [
            f"## #{o.rank} {md_escape(o.title)}",
            "",
            "| Rule | Criterion | Points | Weight | Value | Because |",
            "|---|---|---:|---:|---:|---|",
        ]
        for c in o.contributions:
            lines.append(f"| {md_escape(c.rule)} | {md_escape(c.criterion)} | {c.points:+.3f} | "
                         f"{c.weight:.3f} | {c.value:+.4f} | {md_escape(c.because)} |")
        for r in o.risks:
            lines.append(f"| risk: {md_escape(r.id)} | | p={r.likelihood:.2f} | "
                         f"impact {r.impact} | {-result.risk_aversion * r.expected:+.4f} | "
                         f"{md_escape(r.title)} |")
        lines += ["", f"Score = benefit {o.benefit:.4f} − {result.risk_aversion:g} × "
                  f"risk {o.risk:.4f} = **{o.score:.4f}**", ""]
    return "\n".join(lines)


def explain_csv(result: Result, option_ids: Sequence[str] = ()) -> str:
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(["option", "kind", "id", "criterion", "points", "weight", "value",
                     "because"])
    for o in result.options:
        if option_ids and o.id not in option_ids:
            continue
        for c in o.contributions:
            writer.writerow([o.id, c.kind, c.rule, c.criterion, repr(c.points), repr(c.weight),
                             repr(c.value), c.because])
        for r in o.risks:
            writer.writerow([o.id, "risk", r.id, "", repr(r.likelihood), r.impact,
                             repr(-result.risk_aversion * r.expected), r.title])
    return buffer.getvalue()
