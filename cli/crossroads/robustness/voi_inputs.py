"""The uncertain inputs of a robustness run, one per thing an analyst could find out.

A run draws every source of uncertainty at once (:mod:`crossroads.robustness.sources`);
the value of information asks, for each drawn input separately, what knowing it would be
worth.  :func:`uncertain_inputs` lists them from the draws themselves, so the list always
matches what was varied: each fact with a range, each judged value that moves, each
criterion's weight, each rule's points, each risk likelihood and impact and the risk
aversion.  :func:`input_groups` gathers the weights, the rule points and the risk
parameters, which are found out together (asking the decision-maker; asking the experts
behind the pack).

Extension point: another kind of uncertain input (a panel's "who judges", drawn as the
index of the analyst whose judgements a draw uses) is one more function in
:data:`INPUT_SOURCES`, taking the :class:`Drawn` run and yielding
:class:`UncertainInput` items; nothing else changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from crossroads.core.model import FactorKind, Pack, Rule, Scenario
from crossroads.core.reasons import short_reason
from crossroads.robustness.vectorised import FloatArray, Perturbation


@dataclass(frozen=True)
class Drawn:
    """What one robustness run drew, draw by draw (the inputs of the scores)."""

    pack: Pack
    scenario: Scenario
    weights: FloatArray  # (draws, criteria), in pack criterion order
    values: Mapping[str, Any]  # factor id → a value, or an array over the draws
    perturbation: Perturbation
    criterion_ids: tuple[str, ...]
    event_kinds: tuple[tuple[str, int], ...]  # (risk id, impact), as the impact rows
    ranged: frozenset[str]  # facts the scenario gives a range (the rest are judged)
    draws: int

    def head(self, count: int) -> Drawn:
        """The first *count* draws (the ones whose scores were kept)."""
        if count >= self.draws:
            return self

        def cut(a: FloatArray | None) -> FloatArray | None:
            return None if a is None else a[..., :count]

        p = self.perturbation
        values = {k: v[:count] if isinstance(v, np.ndarray) and v.ndim == 1
                  and v.shape[0] == self.draws else v for k, v in self.values.items()}
        return replace(self, weights=self.weights[:count], values=values, draws=count,
                       perturbation=Perturbation(cut(p.points), cut(p.likelihood),
                                                 cut(p.impact), cut(p.risk_aversion)))


@dataclass(frozen=True)
class UncertainInput:
    """One input (or group) as drawn: its values over the draws and how to find it out."""

    id: str  # "fact:<factor>", "judged:<factor>", "weight:<criterion>", "points:<rule>", …
    label: str
    source: str  # facts | judged | weights | points | risks | risk_aversion | panel | group
    indicator: str  # what to read or whom to ask to find it out
    values: FloatArray  # (draws,) for one input, (draws, p) for a group
    discrete: bool = False  # yes/no or level: conditioned on exactly
    members: tuple[str, ...] = ()  # a group's input ids
    scale: FloatArray | None = field(default=None)  # a group's multiplier column, if any


def _varies(values: Any, draws: int) -> bool:
    return (isinstance(values, np.ndarray) and values.ndim == 1 and values.shape[0] == draws
            and bool((values != values[0]).any()))


def factor_inputs(drawn: Drawn) -> Iterable[UncertainInput]:
    """Each factor whose value moves across the draws: a fact with a range, or a judgement."""
    for factor in drawn.pack.factors.values():
        values = drawn.values.get(factor.id)
        if not _varies(values, drawn.draws):
            continue
        ranged = factor.id in drawn.ranged
        given = drawn.scenario.factors.get(factor.id)
        where = factor.indicator.strip()
        if not where:
            cited = given.source.strip() if given is not None else ""
            where = (f"no indicator declared; the scenario cites: {cited}" if cited
                     else "no indicator declared; ask a regional expert")
        yield UncertainInput(
            id=f"{'fact' if ranged else 'judged'}:{factor.id}", label=factor.label,
            source="facts" if ranged else "judged", indicator=where,
            values=np.asarray(values, dtype=float),
            discrete=factor.kind != FactorKind.NUMBER)


def weight_inputs(drawn: Drawn) -> Iterable[UncertainInput]:
    """Each criterion's weight, when the weights are drawn."""
    criteria = drawn.pack.criteria
    for index, cid in enumerate(drawn.criterion_ids):
        column = drawn.weights[:, index]
        if _varies(column, drawn.draws):
            title = criteria[cid].title
            yield UncertainInput(
                f"weight:{cid}", f"Weight of {title.lower()}", "weights",
                f"ask the decision-maker how much weight {title.lower()} deserves against "
                "the other criteria", np.asarray(column, dtype=float))


def rule_label(pack: Pack, rule: Rule) -> str:
    """A rule as a reader knows it: its reason, quoted and shortened (rules have no title;
    the id stays in the machine formats), or, without one, what its first effect scores."""
    why = short_reason(rule.because)
    if not why:
        first = rule.effects[0] if rule.effects else None
        if first is None:
            return "Strength of a rule with no stated reason"
        return (f"Strength of a rule with no stated reason scoring "
                f"{pack.options[first.option].title.lower()} on "
                f"{pack.criteria[first.criterion].title.lower()}")
    return f"Strength of the rule “{why}”"


def rule_inputs(drawn: Drawn) -> Iterable[UncertainInput]:
    """Each rule's points multiplier, when the points are drawn."""
    points = drawn.perturbation.points
    if points is None:
        return
    for index, rule in enumerate(drawn.pack.rules):
        if _varies(points[index], drawn.draws):
            why = rule.because.strip().rstrip(".")
            yield UncertainInput(
                f"points:{rule.id}", rule_label(drawn.pack, rule), "points",
                f"ask a regional expert how strong this effect is: {why}" if why
                else "ask a regional expert how strong this effect is",
                np.asarray(points[index], dtype=float))


def risk_inputs(drawn: Drawn) -> Iterable[UncertainInput]:
    """Each risk rule's likelihood, each risk event's impact and the risk aversion."""
    p, pack = drawn.perturbation, drawn.pack
    if p.likelihood is not None:
        for index, rr in enumerate(pack.risk_rules):
            if _varies(p.likelihood[index], drawn.draws):
                title = pack.risks[rr.risk].title
                yield UncertainInput(
                    f"likelihood:{rr.id}", f"Likelihood of {title.lower()} ({rr.id})",
                    "risks", f"ask a regional expert how likely {title.lower()} is",
                    np.asarray(p.likelihood[index], dtype=float))
    if p.impact is not None:
        risks = [risk for risk, _ in drawn.event_kinds]
        for index, (risk, impact) in enumerate(drawn.event_kinds):
            if _varies(p.impact[index], drawn.draws):
                title = pack.risks[risk].title
                which = f" (impact {impact})" if risks.count(risk) > 1 else ""
                yield UncertainInput(
                    f"impact:{risk}:{impact}", f"Impact of {title.lower()}{which}", "risks",
                    f"ask a regional expert how much harm {title.lower()} would do",
                    np.asarray(p.impact[index], dtype=float))
    if p.risk_aversion is not None and _varies(p.risk_aversion, drawn.draws):
        yield UncertainInput(
            "risk_aversion", "Risk aversion", "risk_aversion",
            "ask the decision-maker how much risk they are willing to carry",
            np.asarray(p.risk_aversion, dtype=float))


#: Where uncertain inputs come from, in the order reports list ties.  A new kind of
#: drawn input (a panel's "who judges") is one more function here.
INPUT_SOURCES: list[Callable[[Drawn], Iterable[UncertainInput]]] = [
    factor_inputs, weight_inputs, rule_inputs, risk_inputs]


def uncertain_inputs(drawn: Drawn) -> list[UncertainInput]:
    """Every input that moves across the draws, from every source in INPUT_SOURCES."""
    return [item for source in INPUT_SOURCES for item in source(drawn)]


def input_groups(inputs: list[UncertainInput]) -> list[UncertainInput]:
    """The weights, the rule points and the risk parameters, each as one group."""
    groups: list[UncertainInput] = []
    spec = (("weights", ("weights",), "The weights (what the decision-maker values)",
             "ask the decision-maker to state the priorities"),
            ("points", ("points",), "The rule points (how strong each effect is)",
             "ask the experts behind the pack how strong the effects are"),
            ("risks", ("risks", "risk_aversion"),
             "The risk parameters (likelihoods, impacts, risk aversion)",
             "ask regional experts for the risks and the decision-maker for the risk "
             "appetite"))
    for name, sources, label, where in spec:
        members = [i for i in inputs if i.source in sources]
        if len(members) < 2:
            continue
        aversion = next((i for i in members if i.source == "risk_aversion"), None)
        others = [i for i in members if i is not aversion]
        groups.append(UncertainInput(
            f"group:{name}", label, "group", where,
            np.stack([i.values for i in others], axis=1),
            members=tuple(i.id for i in members),
            scale=None if aversion is None else aversion.values))
    return groups
