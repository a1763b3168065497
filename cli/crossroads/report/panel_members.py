"""How each analyst's view reads beside the panel's: their heaviest criteria, the judged
facts they read otherwise than the scenario, and the pack's names the panel reports use."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from crossroads.core.model import FactorValue
from crossroads.report.safe_text import visible
from crossroads.report.tables import md_escape
from crossroads.services.panel import PanelAnalysis


def markdown_cell(text: str) -> str:
    """An analyst's or the pack's text in a Markdown table cell: what the terminal would
    show (:func:`~crossroads.report.safe_text.visible`), escaped as every table cell is."""
    return md_escape(visible(text))


def _percent(share: float) -> str:
    return f"{share:.0%}"


def option_title(analysis: PanelAnalysis, option: str) -> str:
    """An option's title in the pack the panel was scored on."""
    return analysis.group.pack.options[option].title


def criterion_title(analysis: PanelAnalysis, criterion: str) -> str:
    """A criterion's title in the pack the panel was scored on."""
    return analysis.group.pack.criteria[criterion].title


def value_words(value: object) -> str:
    """A fact's value as the rest of the tool says it: yes/no, "very high" for very_high."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).replace("_", " ")


def heaviest_text(analysis: PanelAnalysis, weights: Mapping[str, float]) -> str:
    """The heaviest criteria, ties together ("Support for sovereignty, Regional stability,
    Escalation control 25% each"): the heaviest weight, and the next when it is alone.

    Criteria tie when their weights print alike, since that is what a reader compares;
    a criterion that prints as 0% is never among the heaviest."""
    order = list(analysis.group.pack.criteria)
    tiers: dict[str, list[str]] = {}
    for criterion in sorted(weights, key=lambda c: (-weights[c], order.index(c))):
        shown = _percent(weights[criterion])
        if shown != "0%":
            tiers.setdefault(shown, []).append(criterion)
    # Heaviest tier first; within a tier, the pack's order (their weights print alike).
    groups = [(share, sorted(tier, key=order.index)) for share, tier in tiers.items()]
    if not groups:  # hundreds of criteria, none printing above 0%: nothing stands out
        return "none above 1%"
    if len(groups) == 1 and len(groups[0][1]) == len(order) > 1:
        return f"all {len(order)} equal, {groups[0][0]} each"
    shown_groups = groups[:1] if len(groups[0][1]) > 1 else groups[:2]
    parts = []
    for k, (share, criteria) in enumerate(shown_groups):
        if k and len(criteria) > 2:  # the runner-up tier, too long to name in the column
            parts.append(f"{len(criteria)} others {share} each")
        elif len(criteria) == 1:
            parts.append(f"{criterion_title(analysis, criteria[0])} {share}")
        else:
            names = ", ".join(criterion_title(analysis, c) for c in criteria)
            parts.append(f"{names} {share} each")
    return "; ".join(parts)


def _readings(analysis: PanelAnalysis) -> Iterator[tuple[str, str, FactorValue, bool]]:
    """Each analyst's reading of a judged fact that differs from the scenario's, in panel
    order: (analyst, factor id, their value, whether the value itself differs; if not,
    their doubt does).  None for a panel of one, whose combined view holds the readings."""
    if len(analysis.members) == 1:  # the combined view is theirs, readings and all
        return
    stated = analysis.group.scenario.factors  # the shared facts: the scenario's
    for m in analysis.members:
        for name, theirs in sorted(m.analyst.factors.items()):
            given = stated.get(name)
            if given is None or theirs.value != given.value:
                yield m.analyst.name, name, theirs, True
            elif (theirs.low, theirs.high, theirs.p_wrong) != \
                    (given.low, given.high, given.p_wrong):
                yield m.analyst.name, name, theirs, False


def fact_readings(analysis: PanelAnalysis) -> list[tuple[str, str]]:
    """Who reads which judged fact otherwise than the scenario: (analyst, "Russian
    pressure as high (scenario: medium)"), one per analyst who does, in panel order.

    A reading whose value is the scenario's but whose doubt is the analyst's own (a range
    or p_wrong the scenario does not state) counts too: it changes their draws."""
    stated = analysis.group.scenario.factors
    labels = analysis.group.pack.factors
    read: dict[str, list[str]] = {}
    for analyst, name, theirs, value_differs in _readings(analysis):
        label = labels[name].label if name in labels else name
        given = stated.get(name)
        read.setdefault(analyst, []).append(
            f"{label} as {value_words(theirs.value)} (scenario: "
            f"{value_words(None if given is None else given.value)})" if value_differs
            else f"{label} as {value_words(theirs.value)}, with a doubt of their own")
    return [(analyst, " and ".join(parts)) for analyst, parts in read.items()]


def readers_of(analysis: PanelAnalysis) -> dict[str, str]:
    """For each judged fact some analyst reads otherwise than the scenario, who does:
    {"russian_pressure": "Embassy in Bishkek reads it as high"}."""
    readers: dict[str, list[str]] = {}
    for analyst, name, theirs, value_differs in _readings(analysis):
        if value_differs:
            readers.setdefault(name, []).append(
                f"{analyst} reads it as {value_words(theirs.value)}")
    return {name: "; ".join(who) for name, who in readers.items()}
