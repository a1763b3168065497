"""Terminal rendering of a sensitivity run, and the progress bar for long runs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from crossroads.core.estimative import percent_text
from crossroads.core.factors import share_percent
from crossroads.core.words import count_of
from crossroads.report import key_assumptions
from crossroads.report.fit import fit, text_column
from crossroads.report.voi_render import voi_terminal
from crossroads.robustness.breakeven import OneWay
from crossroads.robustness.result import Sensitivity

PROGRESS_FROM = 50_000  # draws; shorter runs finish before a bar would be worth drawing


@contextmanager
def progress_bar(total: int, console: Console, label: str = "Sampling", *,
                 unit: str = "draws", always: bool = False
                 ) -> Iterator[Callable[[int, int], None]]:
    """A progress callback ``(done, total)``; draws a bar on a terminal for long runs
    (or for any run, *always*); nothing when piped."""
    enabled = (always or total >= PROGRESS_FROM) and console.is_terminal
    with Progress(TextColumn("{task.description}"), BarColumn(),
                  TextColumn(f"{{task.completed:,}}/{{task.total:,}} {unit}"),
                  TimeRemainingColumn(),
                  console=console, transient=True, disable=not enabled) as progress:
        task = progress.add_task(label, total=total)

        def update(done: int, of: int) -> None:
            progress.update(task, completed=done, total=of)

        yield update


def pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def share_text(value: float) -> str:
    """Whole percentages ("<1%", never 0%, for a rare event); a dash for none at all."""
    return "–" if value == 0 else percent_text(value)


def value_words(value: Any, unit: str = "") -> str:
    """A factor value as people read it: shares as percentages, labels as words."""
    percent = share_percent(value, unit)
    if percent is not None:
        return percent
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).replace("_", " ")


def unit_of(result: Sensitivity, factor: str) -> str:
    found = result.base.pack.factors.get(factor)
    return found.unit if found is not None else ""


def _bottom_line(result: Sensitivity) -> Text:
    """The recommendation the draws support; a close call names both options."""
    rec = result.recommendation
    if rec is None:
        return Text("")
    style = "bold yellow" if rec.close_call else "bold green"
    line = Text(rec.statement(result.titles), style=style)
    if rec.leader_differs:
        base = title_of(result, rec.base_leader)
        line.append(f"\nBase-case leader (at the stated values): {base}.", style="")
    return line


def _sources(result: Sensitivity) -> Table:
    table = Table(title="Sources of uncertainty: share of the variance of the base-case "
                  "leader's margin (one source varied at a time)", title_justify="left",
                  show_edge=False)
    text_column(table, "Source")
    table.add_column("Varied")
    table.add_column("Range", max_width=40)
    table.add_column("Share", justify="right")
    for s in result.sources:
        where = "documented default" if s.uses_defaults else "declared in the files"
        if s.source in ("weights", "facts"):
            where = "stated"
        table.add_row(s.source.replace("_", " "), "yes" if s.included else "no",
                      where if s.included else "–", share_text(s.share) if s.included else "–")
    return table


def stated_only(result: Sensitivity) -> str:
    rec = result.stated_recommendation
    if rec is None:
        return ""
    share = "every draw" if rec.modal_share >= 1 else f"{pct(rec.modal_share)} of draws"
    return (f"Varying only the ranges the files state (no documented defaults): "
            f"{title_of(result, rec.modal)} first in {share}"
            + (" (close call)" if rec.close_call else "") + ".")


def title_of(result: Sensitivity, option: str | None) -> str:
    return result.titles.get(option or "", option or "")


def what_would_change(item: OneWay, leader_title: str, new_title: str, unit: str = "") -> str:
    """One sentence: the factor value at which the recommendation changes."""
    below = _is_below(item)
    if item.kind == "number":
        # break_even and last_held are adjacent floats: name the threshold the user can read.
        where = f"{'falls below' if below else 'rises above'} {value_words(item.last_held, unit)}"
    else:
        where = f"{'falls to' if below else 'rises to'} {value_words(item.break_even, unit)}"
    return (f"{item.label} {where} (now {value_words(item.base, unit)}): {new_title} overtakes "
            f"{leader_title}")


def _is_below(item: OneWay) -> bool:
    if item.kind == "number":
        return bool(item.break_even < item.base)
    return bool(item.break_even == item.low and item.base != item.low)


def render_sensitivity(result: Sensitivity, console: Console) -> None:
    leader = title_of(result, result.leader)
    rec = result.recommendation
    recommended = title_of(result, result.recommended)
    head = Text.assemble(
        _bottom_line(result), "\n",
        ("Robustness: ", "bold"),
        f"{recommended} stays first in {pct(result.support)} of {result.draws:,} draws "
        f"({result.robustness}).\n",
        ("Confidence: ", "bold"), (result.confidence, "bold"),
        f" (ICD 203: sources and reasoning; {weakest_inputs(result)}).\n",
        (stated_only(result) + "\n" if rec else ""),
        (method_line(result), "dim"))
    ranks = Table(title="Rank acceptability: share of draws at each rank; last column: share "
                  "of draws in which the base-case leader ranks above this one",
                  title_justify="left", show_edge=False, pad_edge=False)
    # Titles are read: they wrap (never cut to "Econo…"); the shares never wrap.
    text_column(ranks, "Option", min_width=14, style="bold", max_width=34)
    for position in range(len(result.options)):
        ranks.add_column(f"#{position + 1}", justify="right", no_wrap=True)
    ranks.add_column("Score", justify="right", no_wrap=True)
    ranks.add_column("Mean", justify="right", no_wrap=True)
    ranks.add_column("#1 above", justify="right", no_wrap=True)
    for option in result.options:
        cells = [Text(share_text(v), style="bold" if v >= 0.5 else "dim" if v < 0.005 else "")
                 for v in result.acceptability[option]]
        beats = "" if option == result.leader else share_text(
            result.pairwise_wins[result.leader][option])
        ranks.add_row(result.titles[option], *cells, f"{result.base_scores[option]:.2f}",
                      f"{result.mean_scores[option]:.2f}", beats)
    # Inside the panel (border and padding: 4 cells); the mean, then the base-case score
    # (both in the JSON) go before the shares a narrow terminal cannot hold.
    inner = console.width - 4 if console.is_terminal else console.width  # a panel's border
    parts: list[Any] = [head, Text(""), fit(ranks, inner, ("Mean", "Score"))]
    if result.sources:
        parts += [Text(""), _sources(result)]
    parts += [Text(line, style="dim") for line in doubt_lines(result)]

    if result.one_way:
        parts += [Text(""), _tornado(result, inner)]
    changes = [d for d in result.one_way if d.break_even is not None]
    if changes:
        lines = ["• " + what_would_change(d, leader, title_of(result, d.new_leader),
                                          unit_of(result, d.factor))
                 for d in changes]
        parts += [Text("\nWhat would change the base-case leader", style="bold"),
                  Text("\n".join(lines))]
    rests = key_assumptions.lines(result.key_assumptions, result.titles, result.base.pack)
    if rests and result.key_assumptions is not None:
        parts += [Text(f"\n{key_assumptions.HEADING} (key assumptions check over "
                       f"{result.key_assumptions.draws:,} draws)", style="bold"),
                  Text("\n".join([rests[0], *("• " + line for line in rests[1:])]))]
    parts += voi_terminal(result)
    parts += [Text(""), fit(_stability(result), inner, ())]
    for note in result.notes:
        parts.append(Text(note, style="dim"))
    title = Text(f"Sensitivity — {result.scenario} · pack {result.pack} {result.pack_version}")
    console.print(Panel(Group(*parts), title=title, title_align="left"))


def method_line(result: Sensitivity) -> str:
    """What the draws varied and how: the weights' model, the fact ranges, the seed."""
    weights = {"dirichlet": _spread(result),
               "uniform": "uniform on the simplex (no priorities given)",
               "fixed": "fixed"}[result.weight_model]
    facts = (count_of(len(result.uncertain_factors), "factor range")
             if result.vary_facts and result.uncertain_factors else "fixed")
    return f"weights: {weights} · facts: {facts} · seed {result.seed}"


def _spread(result: Sensitivity) -> str:
    """The weights' draws in words: how far the largest weight typically moves (one
    standard deviation of a Dirichlet draw around it, the --concentration option)."""
    if not result.concentration or not result.base_weights:
        return "drawn around the priorities"
    largest = max(result.base_weights.values())
    spread = (largest * (1 - largest) / (result.concentration + 1)) ** 0.5
    return (f"drawn around the priorities (a weight of {largest:.2f} typically moves by "
            f"±{spread:.2f})")


def weakest_inputs(result: Sensitivity) -> str:
    judgement = result.judgement
    if judgement is None:
        return "not judged"
    weakest = judgement.weakest
    return "limited by " + "; ".join(f"{i.name}: {i.detail}" for i in weakest) if weakest \
        else "no weak input"


def _tornado(result: Sensitivity, width: int) -> Table:
    table = Table(title="One-way ranges (leader's margin over the best other option)",
                  title_justify="left", show_edge=False)
    text_column(table, "Factor", max_width=30)
    text_column(table, "Range (now)", max_width=24)
    table.add_column("At low", justify="right", no_wrap=True)
    table.add_column("At high", justify="right", no_wrap=True)
    table.add_column("Swing", no_wrap=True)
    text_column(table, "Leader changes at", ratio=1)
    largest = max((d.swing for d in result.one_way), default=0.0)
    for d in result.one_way:
        cells = round(d.swing / largest * 8) if largest > 0 else 0
        bar = Text("█" * cells + " " * (8 - cells) + f" {d.swing:.2f}", style="cyan")
        unit = unit_of(result, d.factor)
        change = "–" if d.break_even is None else \
            f"{value_words(d.break_even, unit)}: {title_of(result, d.new_leader)}"
        table.add_row(d.label, f"{value_words(d.low, unit)} … {value_words(d.high, unit)} "
                               f"({value_words(d.base, unit)})",
                      _margin(d.margin_low), _margin(d.margin_high), bar, change)
    # "What would change the base-case leader" below says the same in sentences.
    return fit(table, width, ("Leader changes at",))


def _margin(value: float) -> Text:
    return Text(f"{value:+.2f}", style="red" if value < 0 else "")


def _stability(result: Sensitivity) -> Table:
    table = Table(title="Weight stability (others rescaled proportionally)", title_justify="left",
                  show_edge=False)
    text_column(table, "Criterion")
    table.add_column("Weight", justify="right", no_wrap=True)
    table.add_column("Leader holds for", justify="right", no_wrap=True)
    text_column(table, "Beyond that")
    for w in result.weight_intervals:
        beyond = []
        if w.below:
            beyond.append(f"below: {title_of(result, w.below)}")
        if w.above:
            beyond.append(f"above: {title_of(result, w.above)}")
        table.add_row(w.title, f"{w.weight:.3f}", f"{w.lower:.3f} – {w.upper:.3f}",
                      "; ".join(beyond) or Text("holds over the whole range", style="dim"))
    return table


def doubt_lines(result: Sensitivity) -> list[str]:
    """What the draws varied among the judgements, and what they held for want of a stated
    doubt (measured facts without a range, judgements without a range or p_wrong)."""
    lines = []
    if result.judgement_factors:
        lines.append("Judgements varied as the scenario states (a range or p_wrong): "
                     + ", ".join(result.judgement_factors) + ".")
    if result.held_factors:
        lines.append("Held at the stated value, no doubt stated (assumptions): "
                     + ", ".join(result.held_factors) + ".")
    return lines

