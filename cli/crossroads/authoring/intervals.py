"""Interval arithmetic over the factors' declared ranges.

:func:`interval_of` gives the range a numeric expression can take when each number factor
stays within its ``min``/``max`` (``min``, ``max``, ``clamp``, ``abs``, ``round``,
``sqrt``, ``log``, powers and the four operations are understood); anything else is
"everything".  :func:`refined_interval` bisects the box to narrow the over-estimate that
plain interval arithmetic gives when a factor appears twice.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping
from typing import Any

from crossroads.authoring.domains import INF, Box, Interval
from crossroads.core.model import Factor


def _mul(a: float, b: float) -> float:
    # 0 * inf is 0 for interval bounds (the limit of a bounded factor times zero).
    if a == 0 or b == 0:
        return 0.0
    return a * b


def _hull(values: list[float]) -> Interval:
    clean = [v for v in values if not math.isnan(v)]
    if len(clean) != len(values) or not clean:
        return Interval.everything()
    return Interval(min(clean), max(clean))


def _safe(fn: Callable[..., float], *args: float) -> float:
    try:
        return fn(*args)
    except OverflowError:
        return INF
    except (ValueError, ZeroDivisionError):
        return math.nan


# -- interval arithmetic -----------------------------------------------------------------

def interval_of(node: ast.expr | None, factors: Mapping[str, Factor], box: Box | None = None,
                constant: Any = None) -> Interval:
    """The range of a numeric expression (original, checked tree) over *box*."""
    if node is None:
        if isinstance(constant, int | float) and not isinstance(constant, bool):
            return Interval.point(float(constant))
        return Interval.everything()
    return _Arith(factors, box or Box()).eval(node)


class _Arith:
    def __init__(self, factors: Mapping[str, Factor], box: Box) -> None:
        self.factors = factors
        self.box = box

    def eval(self, node: ast.expr) -> Interval:
        handler = getattr(self, f"eval_{type(node).__name__}", None)
        if handler is None:
            return Interval.everything()
        result: Interval = handler(node)
        return result

    def eval_Constant(self, node: ast.Constant) -> Interval:
        if isinstance(node.value, int | float) and not isinstance(node.value, bool):
            return Interval.point(float(node.value))
        return Interval.everything()

    def eval_Name(self, node: ast.Name) -> Interval:
        factor = self.factors.get(node.id)
        if factor is None or factor.kind != "number":
            return Interval.everything()
        domain = self.box.domain(factor)
        assert isinstance(domain, Interval)
        return Interval(domain.lo, domain.hi)

    def eval_UnaryOp(self, node: ast.UnaryOp) -> Interval:
        inner = self.eval(node.operand)
        if isinstance(node.op, ast.USub):
            return Interval(-inner.hi, -inner.lo)
        return inner

    def eval_IfExp(self, node: ast.IfExp) -> Interval:
        return self.eval(node.body).union_hull(self.eval(node.orelse))

    def eval_BinOp(self, node: ast.BinOp) -> Interval:
        a, b = self.eval(node.left), self.eval(node.right)
        op = node.op
        if isinstance(op, ast.Add):
            return _hull([a.lo + b.lo, a.hi + b.hi])
        if isinstance(op, ast.Sub):
            return _hull([a.lo - b.hi, a.hi - b.lo])
        if isinstance(op, ast.Mult):
            return _hull([_mul(x, y) for x in (a.lo, a.hi) for y in (b.lo, b.hi)])
        if isinstance(op, ast.Div | ast.FloorDiv):
            if b.lo <= 0 <= b.hi:
                return Interval.point(0.0) if a.lo == a.hi == 0 else Interval.everything()
            quotient = _hull([_safe(lambda x, y: x / y, x, y)
                              for x in (a.lo, a.hi) for y in (b.lo, b.hi)])
            if isinstance(op, ast.FloorDiv):
                return Interval(_safe(math.floor, quotient.lo) if math.isfinite(quotient.lo)
                                else quotient.lo,
                                _safe(math.floor, quotient.hi) if math.isfinite(quotient.hi)
                                else quotient.hi)
            return quotient
        if isinstance(op, ast.Mod):
            if b.lo == b.hi and b.lo > 0:
                return Interval(0.0, b.lo)
            if b.lo == b.hi and b.lo < 0:
                return Interval(b.lo, 0.0)
            return Interval.everything()
        if isinstance(op, ast.Pow):
            return self._power(a, b)
        return Interval.everything()

    @staticmethod
    def _power(base: Interval, exponent: Interval) -> Interval:
        if exponent.lo != exponent.hi:
            return Interval.everything()
        n = exponent.lo
        if n == 0:
            return Interval.point(1.0)
        if float(n).is_integer():
            ends = [_safe(math.pow, base.lo, n), _safe(math.pow, base.hi, n)]
            if n < 0 and base.lo <= 0 <= base.hi:
                return Interval.everything()
            if int(n) % 2 == 0 and base.lo <= 0 <= base.hi:
                return _hull([0.0, *ends])
            return _hull(ends)
        if base.lo < 0:
            return Interval.everything()
        return _hull([_safe(math.pow, base.lo, n), _safe(math.pow, base.hi, n)])

    def eval_Call(self, node: ast.Call) -> Interval:
        if not isinstance(node.func, ast.Name):
            return Interval.everything()
        args = [self.eval(a) for a in node.args]
        name = node.func.id
        if name == "min":
            return Interval(min(a.lo for a in args), min(a.hi for a in args))
        if name == "max":
            return Interval(max(a.lo for a in args), max(a.hi for a in args))
        if name == "clamp" and len(args) == 3:
            value, low, high = args
            lower = Interval(max(value.lo, low.lo), max(value.hi, low.hi))
            return Interval(min(lower.lo, high.lo), min(lower.hi, high.hi))
        if name == "abs" and args:
            a = args[0]
            if a.lo >= 0:
                return a
            if a.hi <= 0:
                return Interval(-a.hi, -a.lo)
            return Interval(0.0, max(-a.lo, a.hi))
        if name == "round" and args:
            digits = int(args[1].lo) if len(args) > 1 and args[1].lo == args[1].hi else None
            if len(args) > 1 and digits is None:
                return Interval.everything()
            a = args[0]
            return Interval(_round(a.lo, digits), _round(a.hi, digits))
        if name == "sqrt" and args:
            a = args[0]
            return Interval(math.sqrt(max(a.lo, 0.0)),
                            INF if a.hi == INF else math.sqrt(max(a.hi, 0.0)))
        if name == "log" and args:
            a = args[0]
            lo = -INF if a.lo <= 0 else math.log(a.lo)
            hi = -INF if a.hi <= 0 else INF if a.hi == INF else math.log(a.hi)
            return Interval(lo, hi)
        return Interval.everything()


def refined_interval(node: ast.expr, factors: Mapping[str, Factor], box: Box,
                     used: frozenset[str], pieces: int = 64) -> Interval:
    """:func:`interval_of` over *box* cut into up to *pieces* parts (bisection).

    Plain interval arithmetic over-estimates when a factor appears twice (``x - x``);
    splitting the widest bounded number factor and joining the parts narrows the result.
    """
    parts = [box]
    while len(parts) < pieces:
        split = []
        for part in parts:
            halves = _bisect(part, factors, used)
            split += halves or [part]
        if len(split) == len(parts):
            break
        parts = split
    span: Interval | None = None
    for part in parts:
        piece = interval_of(node, factors, part)
        span = piece if span is None else span.union_hull(piece)
    return span if span is not None else Interval.everything()


def _bisect(box: Box, factors: Mapping[str, Factor], used: frozenset[str]) -> list[Box]:
    widest, width = None, 0.0
    for name in sorted(used):
        if factors[name].kind != "number":
            continue
        domain = box.domain(factors[name])
        assert isinstance(domain, Interval)
        if math.isfinite(domain.lo) and math.isfinite(domain.hi) and \
                domain.hi - domain.lo > width:
            widest, width = name, domain.hi - domain.lo
    if widest is None:
        return []
    domain = box.domain(factors[widest])
    assert isinstance(domain, Interval)
    middle = (domain.lo + domain.hi) / 2
    out = []
    for half in (Interval(domain.lo, middle), Interval(middle, domain.hi)):
        domains = dict(box.domains)
        domains[widest] = domain.intersect(half)
        out.append(Box(domains, box.atoms))
    return out


def _round(value: float, digits: int | None) -> float:
    if not math.isfinite(value):
        return value
    return float(round(value, digits)) if digits is not None else float(round(value))
