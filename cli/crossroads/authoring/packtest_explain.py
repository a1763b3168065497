"""Why a pack test missed: a score written out as the arithmetic the engine did.

Every line is an equation whose printed numbers multiply and add up to its result (to the
printed precision), so an author can redo it by hand: a rule's value is points × value per
point × weight, a risk event's cost is likelihood × impact × risk unit, and the score is
benefit − risk aversion × risk (see ``docs/explanation/scoring.md``).
"""

from __future__ import annotations

import math

from crossroads.core.engine import OptionResult, Result, RiskResult
from crossroads.core.values import risk_unit


def difference(result: Result, ahead: OptionResult, behind: OptionResult) -> tuple[str, ...]:
    """Where the score gap between two options comes from, criterion by criterion."""
    lines = [f"{ahead.id} {ahead.score:+.4f} vs {behind.id} {behind.score:+.4f}: "
             f"gap {ahead.score - behind.score:.4f}"]
    a, b = _values_by_criterion(ahead), _values_by_criterion(behind)
    for criterion in sorted(set(a) | set(b)):
        sa = sum(v for _, v in a.get(criterion, []))
        sb = sum(v for _, v in b.get(criterion, []))
        if math.isclose(sa, sb, abs_tol=1e-12):
            continue
        lines.append(f"{criterion}: {ahead.id} {sa:+.4f} ({_rules(a.get(criterion, []))}) vs "
                     f"{behind.id} {sb:+.4f} ({_rules(b.get(criterion, []))})")
    if not math.isclose(ahead.risk, behind.risk, abs_tol=1e-12):
        unit = risk_unit(result.pack)
        lines.append(f"expected risk (likelihood*impact*risk unit): "
                     f"{ahead.id} {ahead.risk:.4f} ({_risk_sum(ahead, unit)}) vs "
                     f"{behind.id} {behind.risk:.4f} ({_risk_sum(behind, unit)})")
    return tuple(lines)


def breakdown(result: Result, option: OptionResult) -> tuple[str, ...]:
    """*option*'s score line by line: each rule's value, each risk's cost, the total."""
    lines = [f"{c.rule}: {c.criterion} {c.points:+g} points * {c.per_point:.4g} value/point "
             f"* weight {c.weight:.4g} = {c.value:+.4f}" for c in option.contributions]
    if not lines:
        lines.append("no rule gave it points")
    unit = risk_unit(result.pack)
    lines += [f"risk {r.id}: likelihood {r.likelihood:.4g} * impact {r.impact} * risk unit "
              f"{unit:.4g} = {r.expected:.4f} (from {', '.join(r.rules)})" for r in option.risks]
    lines.append(f"benefit {option.benefit:.4f} - risk aversion {result.risk_aversion:.4g} * "
                 f"risk {option.risk:.4f} = {option.score:.4f}")
    return tuple(lines)


def _values_by_criterion(option: OptionResult) -> dict[str, list[tuple[str, float]]]:
    out: dict[str, list[tuple[str, float]]] = {}
    for c in option.contributions:
        out.setdefault(c.criterion, []).append((c.rule, c.value))
    return out


def _rules(items: list[tuple[str, float]]) -> str:
    return ", ".join(f"{rule} {value:+.4f}" for rule, value in items) or "no rule"


def _risk_sum(option: OptionResult, unit: float) -> str:
    return " + ".join(_risk_product(r, unit) for r in option.risks) or "none"


def _risk_product(risk: RiskResult, unit: float) -> str:
    return f"{risk.id} {risk.likelihood:.4g}*{risk.impact}*{unit:.4g}"
