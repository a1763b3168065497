"""Rich renderings of the decision log: run lists, one run, a rerun verdict, a diff."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from crossroads.log.rerun import ContributionChange, OptionChange, Rerun, RunDiff, ValueChange
from crossroads.log.store import RunRecord
from crossroads.report.fit import fit, id_column, text_column
from crossroads.report.log_data import command_line, leader_of


def show_value(value: Any) -> str:
    """A logged value for a table cell: '–' for absent, floats to 4 significant digits."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def _when(created: str) -> str:
    # "2026-11-27T05:40:12.123+00:00" → "2026-11-27 05:40:12"
    return created[:19].replace("T", " ")


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False, expand=False)
    for column in columns:
        table.add_column(column)
    return table


# The options that make a run a what-if (it scored something other than its files say).
_WHAT_IF_OPTIONS = {"--set": "", "-s": "", "--weights": "weight of ", "-w": "weight of ",
                    "--risk-aversion": "risk aversion=", "-r": "risk aversion=",
                    "--pack": "pack=", "-p": "pack="}


def what_if_of(record: RunRecord) -> str:
    """What a run's command line changed ("russian_pressure: severe; weight of x: 5"),
    or "" for a run of the files as they are."""
    found: list[str] = []
    words = list(record.argv)
    for i, word in enumerate(words):
        option, eq, value = word.partition("=") if word.startswith("--") else (word, "", "")
        if option in _WHAT_IF_OPTIONS:
            given = value if eq else (words[i + 1] if i + 1 < len(words) else "")
            # "name: value", so a narrow column wraps after the name, not inside it.
            found.append((_WHAT_IF_OPTIONS[option] + given).replace("=", ": ", 1))
    return "; ".join(found)


def render_list(records: Sequence[RunRecord], log: Path, console: Console) -> None:
    if not records:
        console.print(f"No recorded runs match (log: {log}).")
        return
    table = Table(title=f"Recorded runs, newest first (log: {log})", title_justify="left",
                  show_edge=False, expand=False)
    # Run, scenario and pack ids are typed into other commands: whole, never wrapped.
    # The subject and the leader's title are read: they wrap.
    id_column(table, "Run", (r.short_id for r in records))
    table.add_column("Time (UTC)", no_wrap=True)
    id_column(table, "Command", (r.command for r in records))
    text_column(table, "Subject", min_width=10)
    id_column(table, "Scenario", (r.scenario_id for r in records))
    id_column(table, "Pack", (r.pack_id for r in records))
    text_column(table, "Leader", ratio=1)
    table.add_column("Score", justify="right", no_wrap=True)
    changes = [what_if_of(r) for r in records]
    if any(changes):  # only when some run changed what its files say
        text_column(table, "What-if", min_width=10)
    for r, changed in zip(records, changes, strict=True):
        leader = leader_of(r)
        score = leader.get("score")
        table.add_row(r.short_id, _when(r.created)[:16], r.command, r.subject, r.scenario_id,
                      r.pack_id, str(leader.get("title") or leader.get("id") or r.leader),
                      "" if score is None else f"{score:.2f}",
                      *([changed or "–"] if any(changes) else []))
    # On a narrow terminal the columns `history show RUN` repeats go first.
    console.print(fit(table, console.width, ("Subject", "Command", "Time (UTC)", "Pack")))


def render_show(record: RunRecord, console: Console) -> None:
    s = record.scenario
    lines = [
        ("Run", record.id),
        ("Time (UTC)", _when(record.created)),
        ("Command", command_line(record)),
        ("crossroads", record.version),
        ("Pack", f"{record.pack_id} {record.pack_version} · {record.pack_digest}"),
        ("Pack path", record.pack_path or "–"),
        ("Scenario", f"{s.get('id', '')} — {s.get('title', '')}"),
        ("Subject", f"{s.get('subject', '')}" + (f", as of {s['as_of']}" if s.get("as_of")
                                                 else "")),
        ("Risk aversion", f"{record.risk_aversion:g}"),
        ("Seed", show_value(record.seed)),
    ]
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    for label, value in lines:
        head.add_row(label, value)
    console.print(head)

    ranking = _table("\nRanking", "#", "Option", "Score", "Benefit", "Risk")
    for o in record.result.get("options", []):
        ranking.add_row(str(o["rank"]), f"{o['title']} ({o['id']})", f"{o['score']:.3f}",
                        f"{o['benefit']:.3f}", f"{o['risk']:.3f}")
    console.print(ranking)

    weights = _table("\nWeights (normalised)", "Criterion", "Weight")
    for name, weight in record.weights.items():
        weights.add_row(name, f"{weight:.3f}")
    console.print(weights)

    given = s.get("factors", {})
    factors = _table("\nFactors as scored", "Factor", "Value", "Range", "Source")
    for name, entry in record.result.get("factors", {}).items():
        raw = given.get(name)
        detail = raw if isinstance(raw, dict) else {}
        span = detail.get("range")
        source = "pack default" if entry.get("defaulted") else detail.get("source", "")
        factors.add_row(name, show_value(entry.get("value")),
                        f"{show_value(span[0])} – {show_value(span[1])}" if span else "",
                        source)
    console.print(factors)


def _options_table(title: str, options: Sequence[OptionChange], old: str, new: str) -> Table:
    table = _table(title, "Option", f"Rank {old}", f"Rank {new}", f"Score {old}",
                   f"Score {new}", "Δ score")
    for o in options:
        delta = "" if o.old_score is None or o.new_score is None else \
            f"{o.new_score - o.old_score:+.3f}"
        style = "yellow" if o.changed else ""
        table.add_row(o.id, show_value(o.old_rank), show_value(o.new_rank),
                      "–" if o.old_score is None else f"{o.old_score:.3f}",
                      "–" if o.new_score is None else f"{o.new_score:.3f}", delta, style=style)
    return table


def _changes_table(title: str, changes: Sequence[ValueChange], old: str, new: str,
                   number: str = "{:.4g}") -> Table:
    notes = any(c.note for c in changes)
    table = _table(title, "Name", old, new, *(["Note"] if notes else []))

    def cell(value: Any) -> str:
        if isinstance(value, float):
            return number.format(value)
        return show_value(value)

    for c in changes:
        table.add_row(c.name, cell(c.old), cell(c.new), *([c.note] if notes else []))
    return table


def _contributions_table(changes: Sequence[ContributionChange]) -> Table:
    table = _table("\nRule points that changed", "Option", "Rule", "Criterion", "Then", "Now")
    for c in changes:
        table.add_row(c.option, c.rule, c.criterion, show_value(c.old), show_value(c.new))
    return table


def render_rerun(rerun: Rerun, console: Console) -> None:
    record, pack = rerun.record, rerun.result.pack
    console.print(Text(rerun.verdict, style="bold yellow" if rerun.changed else "bold green"))
    console.print(Text(
        f"run {record.short_id} of {_when(record.created)} UTC · {record.scenario_id} "
        f"({record.subject})\n"
        f"pack then: {record.pack_id} {record.pack_version} · {record.pack_digest}\n"
        f"pack now:  {pack.id} {pack.version} · {pack.digest} ({rerun.pack_source})",
        style="dim"))
    console.print(_options_table("\nRanking", rerun.options, "then", "now"))
    if rerun.contributions:
        console.print(_contributions_table(rerun.contributions))
    if rerun.factors:
        console.print(_changes_table("\nFactor values that changed", rerun.factors,
                                     "Then", "Now"))
    if rerun.weights:
        console.print(_changes_table("\nWeights that changed", rerun.weights, "Then", "Now",
                                     "{:.3f}"))


def render_diff(d: RunDiff, console: Console) -> None:
    console.print(Text(f"A = run {d.old.short_id} ({_when(d.old.created)} UTC, "
                       f"{d.old.scenario_id})\nB = run {d.new.short_id} "
                       f"({_when(d.new.created)} UTC, {d.new.scenario_id})", style="bold"))
    if d.identical:
        console.print("No differences: same pack, facts, weights, settings and ranking.")
        return
    for title, changes, number in (
            ("Pack", d.pack, "{:.4g}"), ("Settings", d.settings, "{:.4g}"),
            ("Factors", d.factors, "{:.4g}"), ("Priorities", d.priorities, "{:g}"),
            ("Weights (normalised)", d.weights, "{:.3f}")):
        if changes:
            console.print(_changes_table(f"\n{title}", changes, "A", "B", number))
    console.print(_options_table("\nRanking", d.options, "A", "B"))
