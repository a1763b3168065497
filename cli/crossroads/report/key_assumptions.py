"""What a recommendation rests on, in words: the key assumptions check for every report.

One home for the sentences, so that ``sensitivity``, ``explain --assumptions`` and every
briefing format say the same thing (the check itself: :mod:`crossroads.robustness.
assumptions`).  Each linchpin becomes one sentence naming what was changed and which
option then comes first, followed by its grade and the grounds for it; the list is most
fragile first, as the check returns it.  :func:`rests_on_rule` is the sentence the bottom
line carries when the lead rests on a single rule.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.text import Text

from crossroads.core.engine import Result
from crossroads.core.estimative import percent_text
from crossroads.core.factors import share_percent
from crossroads.core.model import Pack
from crossroads.report.data import result_to_dict
from crossroads.report.tables import md_escape
from crossroads.robustness.assumptions import TIE, KeyAssumptions, Linchpin

HEADING = "What this rests on"
#: Linchpins shown in a briefing; the rest are counted ("and 4 more").
BRIEFING_LIMIT = 2


def _value(pack: Pack, linchpin: Linchpin) -> str:
    value: Any = linchpin.value
    factor = pack.factors.get(linchpin.subject)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float) and factor is not None:
        return share_percent(value, factor.unit) or f"{value:.4g}"
    return str(value).replace("_", " ")


def _outcome(linchpin: Linchpin, titles: Mapping[str, str]) -> str:
    other = titles.get(linchpin.new_leader, linchpin.new_leader)
    if linchpin.new_share is None:
        return f"{other} would draw level" if linchpin.tie else f"{other} would lead"
    return f"{other} would be first most often ({percent_text(linchpin.new_share)} of draws)"


def change_text(linchpin: Linchpin, pack: Pack) -> str:
    """What was changed, as a reader can check it: "Rule x removed", "Russian pressure one
    level up (high)", "Recent coercive act by Russia flipped to yes".  Labels keep their
    capitals (proper nouns), so they open the sentence."""
    if linchpin.kind in ("rule", "risk rule", "cliff"):
        text = rule_text(linchpin)  # str.capitalize would lower "Russia" in the reason
        return f"{text[:1].upper()}{text[1:]} {linchpin.change}"
    value = _value(pack, linchpin)
    if linchpin.change == "flipped":
        return f"{linchpin.label} flipped to {value}"
    return f"{linchpin.label} {linchpin.change} ({value})"


def rule_text(linchpin: Linchpin, note: str = "") -> str:
    """A rule linchpin as a reader knows it: its reason quoted, then its id for anyone who
    looks it up in the pack, and *note*: 'the rule “…” (energy-oil-transit; note)'."""
    noun = "risk rule" if linchpin.kind == "risk rule" else "rule"
    after = f"; {note}" if note else ""
    if linchpin.label == linchpin.subject:  # a rule with no reason: its id is all it has
        return f"the {noun} {linchpin.subject}" + (f" ({note})" if note else "")
    return f"the {noun} “{linchpin.label}” ({linchpin.subject}{after})"


def linchpin_sentence(linchpin: Linchpin, titles: Mapping[str, str], pack: Pack,
                      readings: Mapping[str, str] | None = None) -> str:
    """One linchpin as a sentence, its grade and grounds after it, then who on a panel
    already reads that fact otherwise (*readings*: factor id -> "X reads it as high")."""
    said = (f"{change_text(linchpin, pack)}: {_outcome(linchpin, titles)}. "
            f"{linchpin.grade.value.capitalize()}: {linchpin.grounds}.")
    on_panel = (readings or {}).get(linchpin.subject) if linchpin.kind not in (
        "rule", "risk rule", "cliff") else None
    return said + (f" On the panel, {on_panel}." if on_panel else "")


def lines(check: KeyAssumptions | None, titles: Mapping[str, str], pack: Pack,
          limit: int | None = None, readings: Mapping[str, str] | None = None
          ) -> list[str]:
    """The section's sentences: an opening line, then each linchpin (most fragile first)."""
    if check is None:
        return []
    who = titles.get(check.recommended, check.recommended)
    what = "recommendation" if check.basis == "draws" else "base-case lead"
    if not check.linchpins:
        return [f"No single assumption of the {check.checked} checked changes the {what} "
                f"of {who}: no rule removed, no fact at an end of its stated range, no "
                "judgement one level off or flipped."]
    shown = list(check.linchpins if limit is None else check.linchpins[:limit])
    if check.rules and check.rules[0] not in shown:
        # The rule the bottom line names is always listed, in its place by fragility.
        shown = [p for p in check.linchpins if p in shown[:-1] or p == check.rules[0]]
    opening = (f"At the stated values {who} is level with another option (a lead under "
               f"{TIE:g}, a tie in every report); another option leads clearly"
               if check.level_at_base else f"The {what} of {who} changes")
    if len(check.linchpins) == 1:
        out = [f"{opening} if this one of the {check.checked} assumptions checked fails:"]
    else:
        out = [f"{opening} if any one of these {len(check.linchpins)} of the "
               f"{check.checked} assumptions checked fails (most fragile first):"]
    out += [linchpin_sentence(p, titles, pack, readings) for p in shown]
    if len(shown) < len(check.linchpins):
        out.append(f"… and {len(check.linchpins) - len(shown)} more (crossroads "
                   "sensitivity lists them all).")
    return out


def rests_on_rule(check: KeyAssumptions | None, titles: Mapping[str, str]) -> str:
    """The bottom line's sentence when the lead rests on single rules, else ""."""
    if check is None or not check.rules:
        return ""
    first = check.rules[0]
    others = len(check.rules) - 1
    who = titles.get(check.recommended, check.recommended)
    more = (f"; {others} other single {'rule does' if others == 1 else 'rules do'} the same"
            if others else "")
    return (f"The lead of {who} rests on "
            f"{rule_text(first, f'{first.grade}: {first.grounds}')}: "
            f"{_outcome(first, titles).replace(' would', ' would then')} without it{more}.")


def as_data(check: KeyAssumptions | None) -> dict[str, Any] | None:
    """The check in the JSON contracts (``key_assumptions``)."""
    if check is None:
        return None
    return {
        "recommended": check.recommended, "basis": check.basis, "draws": check.draws,
        "checked": check.checked,
        "linchpins": [
            {"kind": p.kind, "subject": p.subject, "label": p.label, "change": p.change,
             "value": p.value, "new_leader": p.new_leader,
             "new_leader_first_share": p.new_share, "recommended_first_share": p.held_share,
             "tie": p.tie, "grade": p.grade.value, "grounds": p.grounds}
            for p in check.linchpins]}


# -- explain --assumptions: the check on the base case, in each format ---------------------

def assumptions_to_dict(check: KeyAssumptions, result: Result) -> dict[str, Any]:
    """``explain --assumptions --format json``: the score contract plus ``key_assumptions``."""
    return {**result_to_dict(result), "key_assumptions": as_data(check)}


def assumptions_markdown(check: KeyAssumptions, result: Result) -> str:
    title = md_escape(result.scenario.title or result.scenario.id)
    body = lines(check, {o.id: o.title for o in result.options}, result.pack)
    items = [md_escape(body[0]), ""] + [f"- {md_escape(line)}" for line in body[1:]]
    return "\n".join([f"# {HEADING}: {title}", "", *items, "", _NOTE, ""])


def assumptions_csv(check: KeyAssumptions, result: Result) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["grade", "kind", "subject", "change", "value", "new_leader", "tie",
                     "grounds"])
    for p in check.linchpins:
        writer.writerow([p.grade.value, p.kind, p.subject, p.change,
                         "" if p.value is None else p.value, p.new_leader,
                         "yes" if p.tie else "no", p.grounds])
    return out.getvalue()


def render_assumptions(check: KeyAssumptions, result: Result, console: Console) -> None:
    titles = {o.id: o.title for o in result.options}
    body = lines(check, titles, result.pack)
    console.print(Text(f"{HEADING}: {result.scenario.title or result.scenario.id}",
                       style="bold"))
    console.print(Text(body[0]))
    styles = {"unsupported": "red", "caveated": "yellow", "solid": "green"}
    for linchpin, line in zip(check.linchpins, body[1:], strict=False):
        console.print(Text("• ") + Text(line, style=styles[linchpin.grade.value]))
    console.print(Text(_NOTE, style="dim"))


_NOTE = ("Key assumptions check at the stated values (no draws): each rule removed, each "
         "fact at the ends of its stated range, each judgement one level off or flipped, "
         "each threshold inside a stated range crossed; fixed facts are never moved. "
         "`crossroads sensitivity` runs it over the draws.")
