"""Lint checks for method errors (issue 11): swing mismatch, double counting, cliffs.

* **CR121 swing mismatch**: weights are swing weights over each criterion's declared
  scale (see core/values).  When the options can reach, by interval analysis over the
  factors' declared domains, less than :data:`SWING_COVERAGE` of that scale, the stated
  weight overstates what the criterion can do: the scale is wider than the judgements.
* **CR122 possible double counting** (info): a factor that, as it rises, both lowers an
  option's points on a criterion and raises one of its risks (or both raise points and
  lower a risk).  The two may count one consequence twice.  Directions are found by
  moving the factor from the bottom to the top of its domain at sample points.
* **CR123 cliff**: a rule switched on by a threshold on a continuous factor (``x >= 0.5``)
  gives nothing just below the threshold and everything just above; without a
  ``rationale:`` naming where the threshold comes from, it is an arbitrary cliff.
* **CR124 one risk title, several impacts**: triggers of one risk that apply to the same
  option with different impacts are different events (core/risk): the option then
  carries two risks with one title ("New dependency on Western support" listed twice),
  and a reader cannot tell the consequences apart.  Split the risk in two, each titled
  for its consequence, or give the triggers one impact.
* **CR130 points for the status quo**: points are changes from the status quo, so the
  option declared ``baseline: true`` scores zero on every criterion; a rule that gives it
  points counts a change that is not one (issue 18).  Its risks may still apply.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from crossroads.authoring.domains import Box, full_domain
from crossroads.authoring.intervals import interval_of
from crossroads.authoring.sampling import sample_points
from crossroads.core.errors import Location
from crossroads.core.expr import Expr
from crossroads.core.model import Factor, Pack, RiskRule, Rule

#: Reachable share of the declared scale below which CR121 warns.
SWING_COVERAGE = 0.25
#: Sample points per option and factor for CR122's direction test.
DIRECTION_SAMPLES = 40
_STEP_OPS = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)

Reach = Mapping[tuple[str, str], list[Box] | None]


@dataclass(frozen=True, slots=True)
class MethodFinding:
    code: str
    subject: str
    location: Location
    message: str
    silenced: tuple[str, ...] = ()
    severity: str = "warning"


def method_findings(pack: Pack, reach: Reach) -> Iterator[MethodFinding]:
    """Every CR121-CR124 finding for *pack*; *reach* holds the boxes where rules may fire."""
    yield from swing_mismatches(pack, reach)
    yield from double_counting(pack, reach)
    yield from cliffs(pack)
    yield from mixed_impacts(pack)
    yield from baseline_points(pack)


# -- CR121 ------------------------------------------------------------------------------

def reachable_range(pack: Pack, reach: Reach, criterion: str) -> tuple[float, float]:
    """Lowest and highest total any option can reach on *criterion*, within its scale."""
    scale = pack.criteria[criterion]
    low, high = float("inf"), -float("inf")
    for option in pack.options:
        total_lo = total_hi = 0.0
        for rule in pack.rules:
            boxes = reach.get(("rule", rule.id))
            if boxes is None:
                continue
            always = rule.when is None
            for effect in rule.effects:
                if effect.option != option or effect.criterion != criterion:
                    continue
                spans = [interval_of(effect.points.tree, pack.factors, box,
                                     effect.points.constant) for box in boxes]
                lo, hi = min(s.lo for s in spans), max(s.hi for s in spans)
                total_lo += lo if always else min(lo, 0.0)
                total_hi += hi if always else max(hi, 0.0)
        low = min(low, max(total_lo, scale.scale_min))
        high = max(high, min(total_hi, scale.scale_max))
    return low, high


def swing_mismatches(pack: Pack, reach: Reach) -> Iterator[MethodFinding]:
    for criterion in pack.criteria.values():
        low, high = reachable_range(pack, reach, criterion.id)
        width = criterion.scale_max - criterion.scale_min
        coverage = (high - low) / width
        if coverage < SWING_COVERAGE:
            yield MethodFinding(
                "CR121", criterion.id, criterion.location,
                f"criterion {criterion.id!r}: the options can reach only [{low:g}, {high:g}] "
                f"of its scale [{criterion.scale_min:g}, {criterion.scale_max:g}] "
                f"({coverage:.0%}); its weight is a swing weight over the whole scale, so it "
                f"counts for about {coverage:.0%} of what it states")


# -- CR122 ------------------------------------------------------------------------------

def _direction(deltas: list[float]) -> int:
    """+1 when moving the factor up never lowers and sometimes raises, -1 the reverse."""
    if any(d > 1e-12 for d in deltas) and all(d >= -1e-12 for d in deltas):
        return 1
    if any(d < -1e-12 for d in deltas) and all(d <= 1e-12 for d in deltas):
        return -1
    return 0


def _ends(factor: Factor) -> tuple[Any, Any] | None:
    domain = full_domain(factor)
    if factor.kind == "number":
        lo, hi = getattr(domain, "lo", None), getattr(domain, "hi", None)
        if lo is None or hi is None or lo == -float("inf") or hi == float("inf"):
            return None
        return lo, hi
    if factor.kind == "level":
        return 0, len(factor.labels) - 1
    if factor.kind == "boolean":
        return False, True
    return None  # choices have no direction


def _fired_sum(parts: list[tuple[Expr | None, Expr]], values: Mapping[str, Any]) -> float:
    total = 0.0
    for when, amount in parts:
        try:
            if when is None or when(values):
                total += float(amount(values))
        except (ArithmeticError, ValueError, TypeError):
            continue
    return total


def _reads(when: Expr | None, amount: Expr) -> frozenset[str]:
    return amount.factors | (when.factors if when is not None else frozenset())


def double_counting(pack: Pack, reach: Reach) -> Iterator[MethodFinding]:
    base = {f.id: f.to_internal(f.default) for f in pack.factors.values()}
    for option in pack.options:
        points: dict[str, list[tuple[Expr | None, Expr]]] = {}
        for rule in pack.rules:
            if reach.get(("rule", rule.id)) is None:
                continue
            for effect in rule.effects:
                if effect.option == option:
                    points.setdefault(effect.criterion, []).append((rule.when, effect.points))
        risks: dict[str, list[RiskRule]] = {}
        for risk_rule in pack.risk_rules:
            if option in risk_rule.applies_to and reach.get(("risk rule", risk_rule.id)):
                risks.setdefault(risk_rule.risk, []).append(risk_rule)
        for criterion, parts in sorted(points.items()):
            for risk, triggers in sorted(risks.items()):
                yield from _same_direction(pack, base, option, criterion, parts, risk,
                                           triggers)


def _same_direction(pack: Pack, base: dict[str, Any], option: str, criterion: str,
                    parts: list[tuple[Expr | None, Expr]], risk: str,
                    triggers: list[RiskRule]) -> Iterator[MethodFinding]:
    point_reads = frozenset().union(*(_reads(w, a) for w, a in parts))
    risk_parts = [(t.when, t.likelihood) for t in triggers]
    risk_reads = frozenset().union(*(_reads(w, a) for w, a in risk_parts))
    for name in sorted(point_reads & risk_reads):
        ends = _ends(pack.factors[name])
        if ends is None:
            continue
        used = (point_reads | risk_reads) - {name}
        samples = itertools.islice(sample_points(Box(), pack.factors, frozenset(used)),
                                   DIRECTION_SAMPLES)
        d_points, d_risk = [], []
        for sample in samples:
            low, high = ({**base, **sample, name: end} for end in ends)
            d_points.append(_fired_sum(parts, high) - _fired_sum(parts, low))
            d_risk.append(_fired_sum(risk_parts, high) - _fired_sum(risk_parts, low))
        points_dir, risk_dir = _direction(d_points), _direction(d_risk)
        if points_dir and risk_dir and points_dir == -risk_dir:
            first = triggers[0]
            worse = "lowers" if points_dir < 0 else "raises"
            more = "raises" if risk_dir > 0 else "lowers"
            yield MethodFinding(
                "CR122", name, first.location,
                f"factor {name!r} {worse} {option!r}'s {criterion!r} points and {more} its "
                f"{risk!r} risk as it rises: the option may be counted twice for one "
                "consequence", first.silence, severity="info")


# -- CR123 ------------------------------------------------------------------------------

def _thresholds(when: Expr, factors: Mapping[str, Factor]) -> Iterator[tuple[str, float]]:
    if when.tree is None:
        return
    for node in ast.walk(when.tree):
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left, *node.comparators]
        for op, left, right in zip(node.ops, operands, operands[1:], strict=False):
            if not isinstance(op, _STEP_OPS):
                continue
            for side, other in ((left, right), (right, left)):
                if (isinstance(side, ast.Name) and side.id in factors
                        and factors[side.id].kind == "number"
                        and isinstance(other, ast.Constant)
                        and isinstance(other.value, int | float)
                        and not isinstance(other.value, bool)):
                    yield side.id, float(other.value)


def cliffs(pack: Pack) -> Iterator[MethodFinding]:
    everything: tuple[Rule | RiskRule, ...] = (*pack.rules, *pack.risk_rules)
    for rule in everything:
        if rule.when is None or rule.rationale.strip():
            continue
        steps = sorted(set(_thresholds(rule.when, pack.factors)))
        if steps:
            kind = "rule" if isinstance(rule, Rule) else "risk rule"
            where = ", ".join(f"{name} = {value:g}" for name, value in steps)
            yield MethodFinding(
                "CR123", rule.id, rule.when.location,
                f"{kind} {rule.id!r} switches on at {where}: all of its effect just past "
                "the threshold and none just before it, and no `rationale:` says where the "
                "threshold comes from", rule.silence)


# -- CR124 ------------------------------------------------------------------------------

def mixed_impacts(pack: Pack) -> Iterator[MethodFinding]:
    """One finding per risk whose triggers for one option declare different impacts, at
    the first trigger whose impact differs from the risk's first trigger for that option."""
    for risk in pack.risks.values():
        triggers = [r for r in pack.risk_rules if r.risk == risk.id]
        clashes: dict[str, list[RiskRule]] = {}
        for option in pack.options:
            mine = [r for r in triggers if option in r.applies_to]
            if len({r.impact for r in mine}) > 1:
                clashes[option] = mine
        if not clashes:
            continue
        first_option, mine = next(iter(clashes.items()))
        odd = next(r for r in mine if r.impact != mine[0].impact)
        impacts = " and ".join(
            f"{impact} ({', '.join(r.id for r in mine if r.impact == impact)})"
            for impact in sorted({r.impact for r in mine}))
        others = [o for o in clashes if o != first_option]
        also = f" (also for {', '.join(repr(o) for o in others)})" if others else ""
        yield MethodFinding(
            "CR124", risk.id, odd.location,
            f"risk {risk.id!r}: its triggers for {first_option!r} declare impacts {impacts}"
            f"{also}; they count as separate events that share the title {risk.title!r}, "
            "so the option shows that risk more than once", odd.silence)


# -- CR130 ------------------------------------------------------------------------------

def baseline_points(pack: Pack) -> Iterator[MethodFinding]:
    """One finding per effect that gives the status-quo option (``baseline: true``) points:
    every option's points are changes from the status quo, which therefore scores zero."""
    baselines = {o.id for o in pack.options.values() if o.baseline}
    for rule in pack.rules:
        for effect in rule.effects:
            if effect.option in baselines:
                yield MethodFinding(
                    "CR130", rule.id, effect.location,
                    f"rule {rule.id!r} gives the status-quo option {effect.option!r} points on "
                    f"{effect.criterion!r}, but points are changes from the status quo, so it "
                    "scores zero on every criterion", rule.silence)

