"""Key assumptions check: what the recommendation rests on.

The CIA's *Tradecraft Primer* (2009) asks analysts to list the assumptions a judgement
rests on and to ask of each: if it were wrong, would the conclusion change?  Here the
conclusion is the recommended option (the one first in the most draws; the base-case
leader where no draws ran), and the assumptions are tried one at a time:

* **rules**: each rule, and each risk trigger, removed;
* **facts**: each measured fact with a stated range, held at either end of it;
* **judgements**: each judged yes/no factor flipped, each judged level moved one level
  either way (and to the ends of a stated range);
* **cliffs**: each rule switched on by a threshold (``x >= 0.15``) that the stated ranges
  of the factors it reads straddle, held on the other side of the threshold.

Those that change the recommended option are its **linchpins**.  Fixed facts (treaty
membership, neutrality) are never moved, nor is a move kept that breaks one of the pack's
constraints.  Each linchpin is graded by what stands behind it, most fragile first:

* **unsupported**: a judgement on the analyst's word (no cited source, or the pack
  default), a rule without a basis or evidence, a threshold without a ``rationale:``;
* **caveated**: an analyst rule with its evidence (and a rationale for a threshold), an
  article rule whose quote supports only its main effect (``support: partial``) or was
  not reviewed, a judgement or a range resting on an analyst's or unverified figure;
* **solid**: an article rule whose quote states what it scores (``support: full``), a
  cited fact.

Over draws, every variant is scored on the same draws (common random numbers), so only
the change itself moves the shares; :class:`DrawBatch` recomputes only the rules a change
touches.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np

from crossroads.core.constraints import broken_constraints
from crossroads.core.engine import Result
from crossroads.core.expr import Expr
from crossroads.core.inputs import MOVABLE_KINDS, judgement_moves
from crossroads.core.model import (
    Basis,
    Factor,
    FactorKind,
    FactorNature,
    Pack,
    QuoteSupport,
    RiskRule,
    Rule,
    Scenario,
    SourceKind,
)
from crossroads.core.reasons import short_reason
from crossroads.robustness.breakeven import vector_values
from crossroads.robustness.vectorised import FloatArray, VectorScorer, ranks
from crossroads.robustness.what_if_batch import DrawBatch

#: A base-case lead smaller than this is no lead: every report shows scores to two
#: decimals, where it reads as a tie (Tajikistan without `quiet-high-exposure`: 1.45 to
#: 1.44986).
TIE = 0.005


class Grade(StrEnum):
    """What stands behind a linchpin, most fragile first."""

    UNSUPPORTED = "unsupported"
    CAVEATED = "caveated"
    SOLID = "solid"


_FRAGILITY = {Grade.UNSUPPORTED: 0, Grade.CAVEATED: 1, Grade.SOLID: 2}


@dataclass(frozen=True, slots=True)
class Linchpin:
    """One assumption whose failure changes the recommended option."""

    kind: str  # rule | risk rule | fact | judgement | cliff
    subject: str  # the rule's or the factor's id
    label: str  # the factor's label, or the rule's reason, shortened (its id without one)
    change: str  # what was done, in words: "removed", "one level up", "at the low end"
    value: Any  # the value moved to, as a scenario states it (None for a rule)
    new_leader: str  # the option that then comes first (most often), or draws level
    new_share: float | None  # ... in this share of the draws (None: no draws ran)
    held_share: float | None  # the recommended option's share after the change
    grade: Grade
    grounds: str  # why this grade, e.g. "analyst rule; threshold without a rationale"
    tie: bool = False  # base case: new_leader draws level (within TIE) rather than leads


@dataclass(frozen=True, slots=True)
class KeyAssumptions:
    """The linchpins of a recommendation, most fragile first."""

    recommended: str  # the option whose lead was checked
    basis: str  # "draws" (the recommended option) or "base case" (the base-case leader)
    draws: int  # draws each variant was scored on (1 for the base case)
    checked: int  # assumptions tried
    linchpins: tuple[Linchpin, ...]
    # Base case only: the leader is already level with another option (within TIE), so a
    # linchpin is one that lets another option lead clearly.
    level_at_base: bool = False

    @property
    def rules(self) -> tuple[Linchpin, ...]:
        """Linchpins that are single rules (removed, or held across their threshold)."""
        return tuple(p for p in self.linchpins if p.kind in ("rule", "risk rule", "cliff"))


def check_assumptions(pack: Pack, scenario: Scenario, values: Mapping[str, Any],
                      batch: DrawBatch, reference: str, order: list[str]) -> KeyAssumptions:
    """The linchpins of *reference* over *batch* (one draw: the base case).

    *values* are the scenario's own (internal) values; *order* is the base ranking, which
    breaks equal shares as :func:`~crossroads.robustness.recommendation.recommend` does.
    """
    judge = _Leader(batch, reference, order)
    found: list[Linchpin] = []
    checked = 0
    cliffs = {rule.id for rule in _cliffs(pack, scenario, values)}
    # Rules and risk rules are tested alike: removed where they fire, or held across a
    # cliff inside a stated range; only how the batch moves them differs.
    tests: tuple[tuple[Sequence[Rule | RiskRule], Callable[[int], bool],
                       Callable[[int], FloatArray], Callable[[int], FloatArray], str], ...] = (
        (pack.rules, batch.fires, batch.without_rule, batch.with_rule_forced, "rule"),
        (pack.risk_rules, batch.triggers, batch.without_risk_rule,
         batch.with_risk_rule_forced, "risk rule"))
    for rules, active, without, forced, name in tests:
        for index, rule in enumerate(rules):
            if not active(index) and rule.id not in cliffs:
                continue
            checked += 1
            if rule.id in cliffs:
                scores = without(index) if _holds(rule.when, values) else forced(index)
                kind, change = "cliff", "held across its threshold"
            else:
                scores, kind, change = without(index), name, "removed"
            found += judge.linchpin(scores, kind, rule.id, short_reason(rule.because) or rule.id,
                                    change, None,
                                    *_rule_grade(rule, pack, cliff=kind == "cliff"))
    for factor, kind, change, moved in _factor_moves(pack, scenario, values):
        if broken_constraints(pack, {**values, factor.id: moved}):
            continue  # a world the pack calls impossible is no test of an assumption
        checked += 1
        shown = factor.labels[int(moved)] if factor.kind == FactorKind.LEVEL else moved
        found += judge.linchpin(batch.with_value(factor.id, _vector(factor, moved)), kind,
                                factor.id, factor.label, change, shown,
                                *_fact_grade(factor, scenario, kind))
    found.sort(key=lambda p: (_FRAGILITY[p.grade], -(judge.share - (p.held_share or 0.0)),
                              p.kind, p.subject, str(p.value)))
    return KeyAssumptions(reference, "draws" if batch.draws > 1 else "base case",
                          batch.draws, checked, tuple(found), judge.base_standing == 1)


def base_case_assumptions(result: Result) -> KeyAssumptions:
    """The linchpins of the base-case leader at the stated values (no draws): what
    ``explain --assumptions`` shows."""
    pack, scorer = result.pack, VectorScorer(result.pack)
    weights = np.array([[result.weights[c] for c in scorer.criterion_ids]])
    batch = DrawBatch(scorer, vector_values(pack, result.values), weights,
                      result.risk_aversion)
    return check_assumptions(pack, result.scenario, result.values, batch, result.leader.id,
                             [o.id for o in result.options])


def modal_option(batch: DrawBatch, order: list[str]) -> str:
    """The option first in the most draws of *batch* (equal shares: base ranking order)."""
    shares = _Leader(batch, order[0], order).shares
    return min(order, key=lambda o: (-shares[o], order.index(o)))


class _Leader:
    """Which option a variant puts first, against the recommended one."""

    def __init__(self, batch: DrawBatch, reference: str, order: list[str]) -> None:
        self.options = batch.scorer.option_ids
        self.reference = reference
        self.order = order
        self.draws = batch.draws
        self.shares = self._shares(batch.scores())
        self.share = self.shares[reference]
        self.base_standing = (self._standing(self._margin(batch.scores()[0])[0])
                              if self.draws == 1 and len(self.options) > 1 else 2)

    def _shares(self, scores: FloatArray) -> dict[str, float]:
        first = np.argmin(ranks(scores, self.options), axis=1)
        counts = np.bincount(first, minlength=len(self.options))
        return {o: float(counts[i]) / self.draws for i, o in enumerate(self.options)}

    def _margin(self, row: FloatArray) -> tuple[float, str]:
        """The reference's score minus the best rival's, and that rival (base case)."""
        mine = float(row[self.options.index(self.reference)])
        rivals = [(float(row[i]), o) for i, o in enumerate(self.options) if o != self.reference]
        best, rival = max(rivals, key=lambda r: (r[0], -self.order.index(r[1])))
        return mine - best, rival

    def _standing(self, margin: float) -> int:
        """2 leads clearly, 1 level with another option (within TIE), 0 behind."""
        return 2 if margin > TIE else 1 if margin >= -TIE else 0

    def linchpin(self, scores: FloatArray, kind: str, subject: str, label: str, change: str,
                 value: Any, grade: Grade, grounds: str) -> list[Linchpin]:
        """[the linchpin] when *scores* put another option first, else [].

        At the stated values (one draw) a lead that shrinks to a tie is lost; a base case
        that is itself a tie is changed only when another option then leads clearly.
        """
        if self.draws == 1:
            if len(self.options) < 2:
                return []  # a pack of one option has nothing that could take the lead
            margin, rival = self._margin(scores[0])
            if self._standing(margin) >= self.base_standing:
                return []
            return [Linchpin(kind, subject, label, change, value, rival, None, None, grade,
                             grounds, tie=self._standing(margin) == 1)]
        shares = self._shares(scores)
        modal = min(self.order, key=lambda o: (-shares[o], self.order.index(o)))
        if modal == self.reference:
            return []
        return [Linchpin(kind, subject, label, change, value, modal, shares[modal],
                         shares[self.reference], grade, grounds)]


# -- what is moved -------------------------------------------------------------------------

def _factor_moves(pack: Pack, scenario: Scenario, values: Mapping[str, Any]
                  ) -> Iterator[tuple[Factor, str, str, Any]]:
    """(factor, kind, change in words, value moved to) for every fact and judgement tried."""
    for factor in pack.factors.values():
        if factor.nature == FactorNature.FIXED:
            continue
        given = scenario.factors.get(factor.id)
        now = values[factor.id]
        ends: list[tuple[str, Any]] = []
        if given is not None and given.has_range and factor.kind.is_ordered:
            ends = [("at the low end of its range", factor.to_internal(given.low)),
                    ("at the high end of its range", factor.to_internal(given.high))]
        if factor.nature == FactorNature.MEASURED:
            yield from ((factor, "fact", change, v) for change, v in ends if v != now)
            continue
        moves = list(ends)
        if factor.kind in MOVABLE_KINDS:
            for moved in judgement_moves(factor, now):
                if factor.kind == FactorKind.BOOLEAN:
                    moves.append(("flipped", moved))
                else:
                    moves.append(("one level " + ("up" if moved > now else "down"), moved))
        seen: set[Any] = set()
        for change, moved in moves:
            if moved != now and moved not in seen:
                seen.add(moved)
                yield factor, "judgement", change, moved


def _vector(factor: Factor, value: Any) -> Any:
    """A value as the array scorer reads it (levels as floats)."""
    return float(value) if factor.kind == FactorKind.LEVEL else value


def _holds(when: Expr | None, values: Mapping[str, Any]) -> bool:
    return when is None or bool(when(values))


# -- cliffs --------------------------------------------------------------------------------

_STEP_OPS = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)


def has_threshold(when: Expr | None, factors: Mapping[str, Factor]) -> bool:
    """Whether *when* switches at a number: a comparison of an expression of number
    factors (``x``, ``x * y``) with a constant."""
    if when is None or when.tree is None:
        return False
    for node in ast.walk(when.tree):
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left, *node.comparators]
        for op, left, right in zip(node.ops, operands, operands[1:], strict=False):
            if isinstance(op, _STEP_OPS) and any(
                    _reads_number(side, factors) and _is_number(other)
                    for side, other in ((left, right), (right, left))):
                return True
    return False


def _reads_number(node: ast.AST, factors: Mapping[str, Factor]) -> bool:
    return any(isinstance(n, ast.Name) and n.id in factors
               and factors[n.id].kind == FactorKind.NUMBER for n in ast.walk(node))


def _is_number(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, int | float) \
        and not isinstance(node.value, bool)


def _cliffs(pack: Pack, scenario: Scenario, values: Mapping[str, Any]
            ) -> list[Rule | RiskRule]:
    """Rules with a threshold whose condition changes within the stated ranges of the
    factors it reads (tried at every combination of their ends)."""
    out: list[Rule | RiskRule] = []
    everything: tuple[Rule | RiskRule, ...] = (*pack.rules, *pack.risk_rules)
    for rule in everything:
        if not has_threshold(rule.when, pack.factors) or rule.when is None:
            continue
        spans = []
        for name in sorted(rule.when.factors & set(pack.factors)):
            given = scenario.factors.get(name)
            factor = pack.factors[name]
            if given is not None and given.has_range and factor.kind.is_ordered:
                spans.append([(name, factor.to_internal(given.low)),
                              (name, factor.to_internal(given.high))])
        base = _holds(rule.when, values)
        if any(_holds(rule.when, {**values, **dict(corner)}) != base
               for corner in itertools.product(*spans) if spans):
            out.append(rule)
    return out


# -- grades --------------------------------------------------------------------------------

def _rule_grade(rule: Rule | RiskRule, pack: Pack, *, cliff: bool) -> tuple[Grade, str]:
    threshold = has_threshold(rule.when, pack.factors)
    if threshold and not rule.rationale.strip():
        what = "cliff" if cliff else "threshold"
        basis = "article-backed rule" if rule.basis == Basis.ARTICLE else "analyst rule"
        return Grade.UNSUPPORTED, f"{basis}; {what} without a rationale"
    if rule.basis == Basis.ARTICLE:
        # A verbatim quote is only as strong as what it says (the quote review's verdict).
        if rule.support == QuoteSupport.FULL:
            return Grade.SOLID, "article-backed rule"
        return Grade.CAVEATED, ("article rule whose quote supports only its main effect"
                                if rule.support == QuoteSupport.PARTIAL
                                else "article rule whose quote is not reviewed for support")
    if rule.basis is None:
        return Grade.UNSUPPORTED, "rule without a stated basis"
    if not rule.source.strip():
        return Grade.UNSUPPORTED, "analyst rule without evidence"
    return Grade.CAVEATED, ("analyst rule with evidence and a rationale" if threshold
                            else "analyst rule with evidence")


def _fact_grade(factor: Factor, scenario: Scenario, kind: str) -> tuple[Grade, str]:
    given = scenario.factors.get(factor.id)
    source = SourceKind.NOT_GIVEN if given is None else given.source_kind
    if kind == "judgement":
        if given is None:
            return Grade.UNSUPPORTED, "judgement left to the pack default"
        if source == SourceKind.CITED:
            return Grade.CAVEATED, "judgement with a cited source"
        return Grade.UNSUPPORTED, "judgement on the analyst's word"
    if source == SourceKind.CITED:
        return Grade.SOLID, "cited fact"
    if source == SourceKind.NOT_GIVEN:
        return Grade.UNSUPPORTED, "range without a source"
    return Grade.CAVEATED, f"{source.value} figure behind the range"
