"""Lint checks for one reality counted more than once (codes CR125-CR127).

* **CR125 one fact, two rules, one criterion**: two rules give the same option points on
  the same criterion and both read the same factor (in ``when`` or in the points).  The
  fact may be rewarding one consequence twice; merge the rules, or say why they count
  different things (``silence: [CR125]`` with a comment).
* **CR126 one factor, two ungrouped triggers**: two triggers of one risk apply to the
  same option and read the same factor but share no ``group:``.  Ungrouped triggers
  combine as independent causes (noisy-OR, core/risk), so one cause seen twice raises the
  likelihood (0.3 and 0.5 give 0.65, not 0.5).  Give them one ``group:`` if they are one
  cause, or say why they are two.
* **CR127 an anchor that names a risk event**: a criterion whose anchor describes what a
  risk already charges ("Russian retaliation against the host state" beside the risk
  "Russia retaliates against the host state") counts the event twice, once as points and
  once as expected loss.  Reword the anchor to what the criterion measures apart from the
  event.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from crossroads.authoring.method_lint import MethodFinding, Reach
from crossroads.core.model import Pack, RiskRule, Rule

#: Words too common to say what an anchor or a title is about.
_STOPWORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in",
    "into", "is", "it", "its", "of", "on", "or", "that", "the", "their", "them", "they",
    "this", "to", "with", "without", "no", "not", "new", "state", "states", "step", "steps"))
#: Leading letters compared, so that "retaliates" meets "retaliation".
_STEM = 5
#: Content words a risk title and an anchor must share (and at least this share of the
#: title's) before the anchor is taken to describe the risk event.
_MIN_SHARED, _MIN_SHARE = 2, 0.6


def provenance_findings(pack: Pack, reach: Reach) -> Iterator[MethodFinding]:
    """Every CR125-CR127 finding for *pack*; *reach* holds the boxes where rules may fire."""
    yield from same_fact_twice(pack, reach)
    yield from ungrouped_triggers(pack, reach)
    yield from anchors_naming_risks(pack)


def reads(rule: Rule | RiskRule) -> frozenset[str]:
    """The factors a rule or risk rule reads, in its condition and its amounts."""
    found: set[str] = set(rule.when.factors) if rule.when is not None else set()
    if isinstance(rule, Rule):
        for effect in rule.effects:
            found |= effect.points.factors
    else:
        found |= rule.likelihood.factors
    return frozenset(found)


# -- CR125 ------------------------------------------------------------------------------

def _together(reach: Reach, first: tuple[str, str], second: tuple[str, str]) -> bool:
    """Whether both conditions can hold at once (some pair of their boxes overlaps)."""
    boxes_a, boxes_b = reach.get(first), reach.get(second)
    if not boxes_a or not boxes_b:
        return False
    return any(not a.meet(b).is_empty() for a in boxes_a for b in boxes_b)


def same_fact_twice(pack: Pack, reach: Reach) -> Iterator[MethodFinding]:
    live = [r for r in pack.rules if reach.get(("rule", r.id)) is not None]
    for first, second in itertools.combinations(live, 2):
        targets = {(e.option, e.criterion) for e in first.effects} & \
            {(e.option, e.criterion) for e in second.effects}
        shared = sorted(reads(first) & reads(second))
        if not targets or not shared or \
                not _together(reach, ("rule", first.id), ("rule", second.id)):
            continue
        option, criterion = sorted(targets)[0]
        yield MethodFinding(
            "CR125", second.id, second.location,
            f"rules {first.id!r} and {second.id!r} both give {option!r} points on "
            f"{criterion!r} from {_names(shared)}: one fact may be rewarded twice",
            second.silence)


# -- CR126 ------------------------------------------------------------------------------

def ungrouped_triggers(pack: Pack, reach: Reach) -> Iterator[MethodFinding]:
    live = [r for r in pack.risk_rules if reach.get(("risk rule", r.id))]
    for first, second in itertools.combinations(live, 2):
        if first.risk != second.risk or (first.group and first.group == second.group):
            continue
        options = sorted(set(first.applies_to) & set(second.applies_to))
        shared = sorted(reads(first) & reads(second))
        if options and shared and \
                _together(reach, ("risk rule", first.id), ("risk rule", second.id)):
            yield MethodFinding(
                "CR126", second.id, second.location,
                f"triggers {first.id!r} and {second.id!r} of risk {first.risk!r} both read "
                f"{_names(shared)} and apply to {options[0]!r} without a shared `group:`: "
                "they combine as two independent causes", second.silence)


# -- CR127 ------------------------------------------------------------------------------

def _stems(text: str) -> set[str]:
    words = re.findall(r"[a-z]+", text.lower())
    return {w[:_STEM] for w in words if w not in _STOPWORDS and len(w) > 2}


def anchors_naming_risks(pack: Pack) -> Iterator[MethodFinding]:
    for criterion in pack.criteria.values():
        for at, words in criterion.anchors:
            anchor = _stems(words)
            for risk in pack.risks.values():
                title = _stems(risk.title)
                shared = title & anchor
                if len(shared) >= _MIN_SHARED and len(shared) >= _MIN_SHARE * len(title):
                    yield MethodFinding(
                        "CR127", criterion.id, criterion.location,
                        f"criterion {criterion.id!r}: its anchor at {at:g} ({words!r}) "
                        f"describes the event of risk {risk.id!r} ({risk.title!r}), so an "
                        "option may lose points and carry the risk for one consequence")


def _names(factors: list[str]) -> str:
    return ", ".join(repr(f) for f in factors)
