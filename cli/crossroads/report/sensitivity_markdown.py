"""A sensitivity run as Markdown: the terminal's sections as headings, lists and tables.

Same words and numbers as the terminal table (the helpers are shared), for pasting into
a note or a ticket: bottom line, robustness and confidence (separate sentences, ICD 203),
rank acceptability, sources of uncertainty, one-way ranges, what would change the
base-case leader and weight stability.
"""

from __future__ import annotations

from crossroads.report import key_assumptions
from crossroads.report.sensitivity import (
    doubt_lines,
    method_line,
    pct,
    share_text,
    stated_only,
    title_of,
    unit_of,
    value_words,
    weakest_inputs,
    what_would_change,
)
from crossroads.report.tables import md_escape
from crossroads.report.voi_render import voi_markdown
from crossroads.robustness.result import Sensitivity


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _ranks(result: Sensitivity) -> list[str]:
    positions = [f"#{i + 1}" for i in range(len(result.options))]
    lines = ["### Rank acceptability", "",
             "Share of draws at each rank; last column: share of draws in which the "
             "base-case leader ranks above this one.", "",
             _row(["Option", *positions, "Score", "Mean", "#1 above"]),
             "|---|" + "---:|" * (len(positions) + 3)]
    for option in result.options:
        beats = "" if option == result.leader else share_text(
            result.pairwise_wins[result.leader][option])
        lines.append(_row([md_escape(result.titles[option]),
                           *(share_text(v) for v in result.acceptability[option]),
                           f"{result.base_scores[option]:.2f}",
                           f"{result.mean_scores[option]:.2f}", beats]))
    return [*lines, ""]


def _sources(result: Sensitivity) -> list[str]:
    if not result.sources:
        return []
    lines = ["### Sources of uncertainty", "",
             "Share of the variance of the base-case leader's margin, one source varied at "
             "a time.", "", "| Source | Varied | Range | Share |", "|---|---|---|---:|"]
    for s in result.sources:
        where = "stated" if s.source in ("weights", "facts") else \
            "documented default" if s.uses_defaults else "declared in the files"
        lines.append(_row([s.source.replace("_", " "), "yes" if s.included else "no",
                           where if s.included else "–",
                           share_text(s.share) if s.included else "–"]))
    doubts = doubt_lines(result)
    if doubts:
        lines += ["", *(md_escape(line) + "  " for line in doubts[:-1]), md_escape(doubts[-1])]
    return [*lines, ""]


def _one_way(result: Sensitivity) -> list[str]:
    if not result.one_way:
        return []
    lines = ["### One-way ranges", "",
             "The base-case leader's margin over the best other option as each uncertain "
             "fact moves across its range, the others held.", "",
             "| Factor | Range (now) | At low | At high | Swing | Leader changes at |",
             "|---|---|---:|---:|---:|---|"]
    for d in result.one_way:
        unit = unit_of(result, d.factor)
        change = "–" if d.break_even is None else \
            f"{value_words(d.break_even, unit)}: {title_of(result, d.new_leader)}"
        lines.append(_row([md_escape(d.label),
                           f"{value_words(d.low, unit)} … {value_words(d.high, unit)} "
                           f"({value_words(d.base, unit)})",
                           f"{d.margin_low:+.2f}", f"{d.margin_high:+.2f}", f"{d.swing:.2f}",
                           md_escape(change)]))
    changes = [d for d in result.one_way if d.break_even is not None]
    if changes:
        leader = title_of(result, result.leader)
        lines += ["", "**What would change the base-case leader**", ""]
        for d in changes:
            said = what_would_change(d, leader, title_of(result, d.new_leader),
                                     unit_of(result, d.factor))
            lines.append(f"- {md_escape(said)}")
    return [*lines, ""]


def _stability(result: Sensitivity) -> list[str]:
    lines = ["### Weight stability", "", "Others rescaled proportionally.", "",
             "| Criterion | Weight | Leader holds for | Beyond that |",
             "|---|---:|---:|---|"]
    for w in result.weight_intervals:
        beyond = [f"{side}: {title_of(result, option)}"
                  for side, option in (("below", w.below), ("above", w.above)) if option]
        lines.append(_row([md_escape(w.title), f"{w.weight:.3f}",
                           f"{w.lower:.3f} – {w.upper:.3f}",
                           md_escape("; ".join(beyond) or "holds over the whole range")]))
    return [*lines, ""]


def _rests_on(result: Sensitivity) -> list[str]:
    check = result.key_assumptions
    body = key_assumptions.lines(check, result.titles, result.base.pack)
    if check is None or not body:
        return []
    return [f"### {key_assumptions.HEADING}", "",
            md_escape(body[0]) + f" Checked over {check.draws:,} draws.", "",
            *(f"- {md_escape(line)}" for line in body[1:]), ""]


def sensitivity_markdown(result: Sensitivity) -> str:
    rec = result.recommendation
    lines = [f"## Sensitivity — {md_escape(result.scenario)}", "",
             f"Pack `{result.pack}` {result.pack_version}.", ""]
    if rec is not None:
        lines.append(f"**{md_escape(rec.statement(result.titles))}**")
        if rec.leader_differs:
            lines.append(f"Base-case leader (at the stated values): "
                         f"{md_escape(title_of(result, rec.base_leader))}.")
        lines.append("")
    recommended = title_of(result, result.recommended)
    lines += [f"- **Robustness:** {md_escape(recommended)} stays first in "
              f"{pct(result.support)} of {result.draws:,} draws ({result.robustness}).",
              f"- **Confidence:** {result.confidence} (ICD 203: sources and reasoning; "
              f"{md_escape(weakest_inputs(result))})."]
    if rec is not None:
        lines.append(f"- {md_escape(stated_only(result))}")
    lines += [f"- {md_escape(method_line(result))}", ""]
    lines += (_ranks(result) + _sources(result) + _one_way(result) + _rests_on(result)
              + voi_markdown(result) + _stability(result))
    lines += [f"*{md_escape(note)}*" for note in result.notes]
    return "\n".join(lines).rstrip("\n") + "\n"
