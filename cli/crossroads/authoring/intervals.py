"""Static analysis of expressions over the factors' declared ranges.

Two tools the linter builds on:

* **Interval arithmetic** (:func:`interval_of`): the range a numeric expression can take
  when each number factor stays within its ``min``/``max`` (``min``, ``max``, ``clamp``,
  ``abs``, ``round``, ``sqrt``, ``log``, powers and the four operations are understood).
* **Condition boxes** (:func:`analyse_condition`): a condition is rewritten into a union
  of *boxes* (disjunctive normal form); a box gives each factor the set of values it may
  take (an interval for numbers, a set of labels for levels/choices/booleans).  Comparisons
  of a factor with a constant narrow its set exactly, so ``x > 0.8 and x < 0.2`` or a
  level above its top label give an empty union: the condition can never be true.

Comparisons the boxes cannot express (two factors, arithmetic on both sides) are kept as
*opaque atoms*: first decided by interval arithmetic where the intervals do not overlap,
otherwise by evaluating the compiled expression on sample points of the box (its corners,
midpoints and seeded random draws).  A verdict reached by sampling says so.
"""

from __future__ import annotations

import ast
import itertools
import math
import random
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from crossroads.core.model import Factor

INF = math.inf
MAX_BOXES = 256  # a condition whose normal form grows beyond this is sampled instead
RANDOM_SAMPLES = 200
MAX_CORNERS = 512
UNBOUNDED_PROBE = 1e6  # stand-in for an infinite bound when sampling

_BOOL_NAMES = {"true": True, "false": False, "True": True, "False": False}


# -- numbers ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Interval:
    """A set of reals: [lo, hi] with optionally open ends and a few excluded points."""

    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False
    excluded: frozenset[float] = frozenset()

    @classmethod
    def point(cls, value: float) -> Interval:
        return cls(value, value)

    @classmethod
    def everything(cls) -> Interval:
        return cls(-INF, INF)

    @property
    def empty(self) -> bool:
        if self.lo > self.hi or math.isnan(self.lo) or math.isnan(self.hi):
            return True
        if self.lo == self.hi:
            return self.lo_open or self.hi_open or self.lo in self.excluded
        return False

    def intersect(self, other: Interval) -> Interval:
        if self.lo > other.lo or (self.lo == other.lo and self.lo_open):
            lo, lo_open = self.lo, self.lo_open
        else:
            lo, lo_open = other.lo, other.lo_open
        if self.hi < other.hi or (self.hi == other.hi and self.hi_open):
            hi, hi_open = self.hi, self.hi_open
        else:
            hi, hi_open = other.hi, other.hi_open
        return Interval(lo, hi, lo_open, hi_open, self.excluded | other.excluded)

    def union_hull(self, other: Interval) -> Interval:
        """The smallest interval holding both (used where a union need not be exact)."""
        return Interval(min(self.lo, other.lo), max(self.hi, other.hi))

    def within(self, lo: float, hi: float) -> bool:
        return lo <= self.lo and self.hi <= hi

    def key(self) -> tuple[Any, ...]:
        return (self.lo, self.hi, self.lo_open, self.hi_open, tuple(sorted(self.excluded)))

    def __str__(self) -> str:
        return f"[{_fmt(self.lo)}, {_fmt(self.hi)}]"


def _fmt(value: float) -> str:
    return "-inf" if value == -INF else "inf" if value == INF else f"{value:.4g}"


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


# -- factor domains ----------------------------------------------------------------------

Domain = Interval | frozenset[Any]


def full_domain(factor: Factor) -> Domain:
    """Every value a factor may take, in the form rules see (levels as their order)."""
    if factor.kind == "number":
        lo = -INF if factor.minimum is None else factor.minimum
        hi = INF if factor.maximum is None else factor.maximum
        return Interval(lo, hi)
    if factor.kind == "level":
        return frozenset(range(len(factor.labels)))
    if factor.kind == "choice":
        return frozenset(factor.labels)
    return frozenset({True, False})


def _intersect(a: Domain, b: Domain) -> Domain:
    if isinstance(a, Interval) and isinstance(b, Interval):
        return a.intersect(b)
    assert isinstance(a, frozenset) and isinstance(b, frozenset)
    return a & b


def _is_empty(domain: Domain) -> bool:
    return domain.empty if isinstance(domain, Interval) else not domain


@dataclass(frozen=True)
class Atom:
    """A comparison the boxes cannot express, with the truth value the box requires."""

    node: ast.expr
    positive: bool


@dataclass(frozen=True)
class Box:
    """Factor → allowed values (absent = unconstrained), plus undecided atoms."""

    domains: Mapping[str, Domain] = field(default_factory=dict)
    atoms: tuple[Atom, ...] = ()

    def meet(self, other: Box) -> Box:
        merged = dict(self.domains)
        for name, domain in other.domains.items():
            merged[name] = _intersect(merged[name], domain) if name in merged else domain
        return Box(merged, self.atoms + other.atoms)

    def is_empty(self) -> bool:
        return any(_is_empty(d) for d in self.domains.values())

    def domain(self, factor: Factor) -> Domain:
        whole = full_domain(factor)
        own = self.domains.get(factor.id)
        return whole if own is None else _intersect(whole, own)


class TooComplex(Exception):
    """The normal form would grow beyond :data:`MAX_BOXES`."""


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


# -- conditions → boxes --------------------------------------------------------------------

_FLIP = {ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Gt: ast.Lt, ast.GtE: ast.LtE,
         ast.Eq: ast.Eq, ast.NotEq: ast.NotEq}
_NEGATE = {ast.Lt: ast.GtE, ast.LtE: ast.Gt, ast.Gt: ast.LtE, ast.GtE: ast.Lt,
           ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In}


def condition_boxes(tree: ast.expr, factors: Mapping[str, Factor], positive: bool = True
                    ) -> list[Box]:
    """The condition (or its negation) as a union of non-empty boxes.

    Raises :class:`TooComplex` when the normal form would be too large.
    """
    boxes = _Boxes(factors).of(tree, positive)
    return [b for b in (_close(b, factors) for b in boxes) if not b.is_empty()]


def _close(box: Box, factors: Mapping[str, Factor]) -> Box:
    """Intersect every constrained factor with its full domain."""
    return Box({name: box.domain(factors[name]) for name in box.domains}, box.atoms)


class _Boxes:
    def __init__(self, factors: Mapping[str, Factor]) -> None:
        self.factors = factors

    def of(self, node: ast.expr, positive: bool) -> list[Box]:
        if isinstance(node, ast.BoolOp):
            conjunction = isinstance(node.op, ast.And) == positive
            alternatives = [self.of(v, positive) for v in node.values]
            return self._product(alternatives) if conjunction else \
                [b for alt in alternatives for b in alt]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return self.of(node.operand, not positive)
        if isinstance(node, ast.Constant) and isinstance(node.value, bool):
            return [Box()] if node.value == positive else []
        if isinstance(node, ast.Name):
            if node.id in _BOOL_NAMES:
                return [Box()] if _BOOL_NAMES[node.id] == positive else []
            return [Box({node.id: frozenset({positive})})]
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            atoms = [self._compare(sides[i], op, sides[i + 1], positive)
                     for i, op in enumerate(node.ops)]
            # a < b < c is (a < b) and (b < c); its negation is the union of the negations.
            return self._product(atoms) if positive else [b for a in atoms for b in a]
        if isinstance(node, ast.IfExp):
            then = self._product([self.of(node.test, True), self.of(node.body, positive)])
            other = self._product([self.of(node.test, False), self.of(node.orelse, positive)])
            return then + other
        return [Box(atoms=(Atom(node, positive),))]

    def _product(self, parts: list[list[Box]]) -> list[Box]:
        result = [Box()]
        for options in parts:
            result = [a.meet(b) for a in result for b in options]
            result = [b for b in result if not b.is_empty()]
            if len(result) > MAX_BOXES:
                raise TooComplex
        return result

    def _compare(self, left: ast.expr, op: ast.cmpop, right: ast.expr, positive: bool
                 ) -> list[Box]:
        op_type: type[ast.cmpop] = type(op)
        if not positive:
            op_type = _NEGATE[op_type]
        domain = self._factor_vs_constant(left, op_type, right)
        if domain is None and op_type in _FLIP:
            flipped = self._factor_vs_constant(right, _FLIP[op_type], left)
            domain = flipped
        if domain is None:
            atom = ast.Compare(left=left, ops=[op], comparators=[right])
            return [Box(atoms=(Atom(atom, positive),))]
        name, values = domain
        return [Box({name: values})]

    def _factor_vs_constant(self, side: ast.expr, op: type[ast.cmpop], other: ast.expr
                            ) -> tuple[str, Domain] | None:
        if not isinstance(side, ast.Name) or side.id not in self.factors:
            return None
        factor = self.factors[side.id]
        if factor.kind == "number":
            if op in (ast.In, ast.NotIn):
                return None
            if any(isinstance(n, ast.Name) and n.id in self.factors for n in ast.walk(other)):
                return None
            value = interval_of(other, self.factors)
            if value.lo != value.hi or not math.isfinite(value.lo):
                return None
            return factor.id, _number_set(op, value.lo)
        literal = _literal(other)
        if literal is _NOT_LITERAL:
            return None
        members: list[Any] = list(literal) if isinstance(literal, tuple) else [literal]
        if factor.kind == "level":
            if not all(isinstance(m, str) and m in factor.labels for m in members):
                return None
            ordinals = [factor.labels.index(m) for m in members]
            everything: frozenset[Any] = frozenset(range(len(factor.labels)))
            return factor.id, _set_compare(op, ordinals, everything)
        if factor.kind == "choice":
            return factor.id, _set_compare(op, members, frozenset(factor.labels))
        if factor.kind == "boolean" and op in (ast.Eq, ast.NotEq) and \
                all(isinstance(m, bool) for m in members):
            return factor.id, _set_compare(op, members, frozenset({True, False}))
        return None


_NOT_LITERAL = object()


def _literal(node: ast.expr) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name) and node.id in _BOOL_NAMES:
        return _BOOL_NAMES[node.id]
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        items = [_literal(e) for e in node.elts]
        return _NOT_LITERAL if _NOT_LITERAL in items else tuple(items)
    return _NOT_LITERAL


def _number_set(op: type[ast.cmpop], c: float) -> Interval:
    return {
        ast.Lt: Interval(-INF, c, hi_open=True),
        ast.LtE: Interval(-INF, c),
        ast.Gt: Interval(c, INF, lo_open=True),
        ast.GtE: Interval(c, INF),
        ast.Eq: Interval.point(c),
        ast.NotEq: Interval(-INF, INF, excluded=frozenset({c})),
    }[op]


def _set_compare(op: type[ast.cmpop], members: list[Any], everything: frozenset[Any]
                 ) -> frozenset[Any]:
    """Members of *everything* that satisfy ``value OP members`` (ordinals for levels)."""
    if op in (ast.In, ast.Eq):
        return everything & frozenset(members)
    if op in (ast.NotIn, ast.NotEq):
        return everything - frozenset(members)
    bound = members[0]
    if op is ast.Lt:
        return frozenset(v for v in everything if v < bound)
    if op is ast.LtE:
        return frozenset(v for v in everything if v <= bound)
    if op is ast.Gt:
        return frozenset(v for v in everything if v > bound)
    return frozenset(v for v in everything if v >= bound)


# -- verdicts --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Verdict:
    """Can a condition be true?  ``sampled`` means the answer rests on sample points."""

    possible: bool
    sampled: bool = False
    witness: Mapping[str, Any] | None = None
    boxes: tuple[Box, ...] = ()
    samples: int = 0


def analyse_condition(tree: ast.expr, fn: Callable[[Mapping[str, Any]], Any],
                      factors: Mapping[str, Factor], used: frozenset[str], *,
                      positive: bool = True) -> Verdict:
    """Whether the condition (``positive``) or its negation can hold over the ranges."""
    try:
        boxes = condition_boxes(tree, factors, positive)
    except TooComplex:
        boxes = [Box(atoms=(Atom(tree, positive),))]
    decided = [b for b in (_decide_atoms(b, factors) for b in boxes) if b is not None]
    if not decided:
        return Verdict(False)
    if any(not b.atoms for b in decided):
        return Verdict(True, boxes=tuple(decided))

    def holds(values: Mapping[str, Any]) -> bool:
        try:
            return bool(fn(values)) == positive
        except (ArithmeticError, ValueError, TypeError):
            return False

    count = 0
    for box in decided:
        for values in sample_points(box, factors, used):
            count += 1
            if holds(values):
                return Verdict(True, True, values, tuple(decided), count)
    return Verdict(False, True, samples=count)


def _decide_atoms(box: Box, factors: Mapping[str, Factor]) -> Box | None:
    """Settle opaque comparisons by interval arithmetic; None when one is surely false."""
    left_over = []
    for atom in box.atoms:
        truth = _interval_truth(atom.node, factors, box)
        if truth is None:
            left_over.append(atom)
        elif truth != atom.positive:
            return None
    return Box(box.domains, tuple(left_over))


def _interval_truth(node: ast.expr, factors: Mapping[str, Factor], box: Box) -> bool | None:
    if not isinstance(node, ast.Compare) or len(node.ops) != 1:
        return None
    op = node.ops[0]
    if not isinstance(op, ast.Lt | ast.LtE | ast.Gt | ast.GtE):
        return None
    numeric = {"number"}
    for side in (node.left, node.comparators[0]):
        for name in ast.walk(side):
            if isinstance(name, ast.Name) and name.id in factors and \
                    factors[name.id].kind not in numeric:
                return None
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                return None
    a = interval_of(node.left, factors, box)
    b = interval_of(node.comparators[0], factors, box)
    if isinstance(op, ast.Gt | ast.GtE):
        a, b = b, a  # now the question is a < b (or a <= b)
    strict = isinstance(op, ast.Lt | ast.Gt)
    if (a.hi < b.lo) or (not strict and a.hi <= b.lo):
        return True
    if (a.lo > b.hi) or (strict and a.lo >= b.hi):
        return False
    return None


def sample_points(box: Box, factors: Mapping[str, Factor], used: frozenset[str]
                  ) -> Iterator[dict[str, Any]]:
    """Corner, middle and seeded random points of *box* over the factors in *used*."""
    names = sorted(used)
    choices = {name: _candidates(box.domain(factors[name])) for name in names}
    corners = itertools.islice(itertools.product(*(choices[n] for n in names)), MAX_CORNERS)
    for combo in corners:
        yield dict(zip(names, combo, strict=True))
    rng = random.Random(20251127)
    for _ in range(RANDOM_SAMPLES):
        yield {name: _draw(box.domain(factors[name]), rng) for name in names}


def _finite_bounds(domain: Interval) -> tuple[float, float]:
    lo = domain.lo if math.isfinite(domain.lo) else min(-UNBOUNDED_PROBE, domain.hi - 1)
    hi = domain.hi if math.isfinite(domain.hi) else max(UNBOUNDED_PROBE, domain.lo + 1)
    return lo, hi


def _candidates(domain: Domain) -> list[Any]:
    if not isinstance(domain, Interval):
        return sorted(domain, key=repr)
    if domain.empty:
        return []
    lo, hi = _finite_bounds(domain)
    span = hi - lo
    nudge = span * 1e-9 if span > 0 else 0.0
    points = [lo + nudge if domain.lo_open else lo, (lo + hi) / 2,
              hi - nudge if domain.hi_open else hi]
    if lo < 0 < hi:
        points.append(0.0)
    return [p for p in dict.fromkeys(points) if p not in domain.excluded]


def _draw(domain: Domain, rng: random.Random) -> Any:
    if not isinstance(domain, Interval):
        return rng.choice(sorted(domain, key=repr)) if domain else None
    lo, hi = _finite_bounds(domain)
    return rng.uniform(lo, hi)


def describe_values(values: Mapping[str, Any], factors: Mapping[str, Factor]) -> str:
    """``x = 0.9, pressure = 'high'``: sample values as an author writes them."""
    parts = []
    for name in sorted(values):
        factor, value = factors[name], values[name]
        if factor.kind == "level":
            shown = repr(factor.labels[value])
        elif factor.kind == "number":
            shown = f"{value:.4g}"
        elif factor.kind == "boolean":
            shown = str(value).lower()
        else:
            shown = repr(value)
        parts.append(f"{name} = {shown}")
    return ", ".join(parts)


def box_key(boxes: list[Box] | tuple[Box, ...], factors: Mapping[str, Factor]) -> Any:
    """A canonical form of a union of atom-free boxes (for spotting equal conditions)."""
    keys = []
    for box in boxes:
        parts = []
        for name in sorted(box.domains):
            domain = box.domain(factors[name])
            if domain == full_domain(factors[name]):
                continue
            parts.append((name, domain.key() if isinstance(domain, Interval)
                          else tuple(sorted(domain, key=repr))))
        keys.append(tuple(parts))
    return frozenset(keys)
