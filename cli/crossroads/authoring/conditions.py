"""Conditions rewritten as unions of boxes (disjunctive normal form).

A box gives each factor the set of values it may take.  Comparisons of a factor with a
constant narrow its set exactly, so ``x > 0.8 and x < 0.2`` or a level above its top label
give an empty union: the condition can never be true.  Comparisons the boxes cannot express
(two factors, arithmetic on both sides) are kept in the box as opaque atoms (:class:`Atom`) for
:mod:`crossroads.authoring.verdicts` to decide.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Mapping
from typing import Any

from crossroads.authoring.domains import INF, Atom, Box, Domain, Interval
from crossroads.authoring.intervals import interval_of
from crossroads.core.model import Factor

MAX_BOXES = 256  # a condition whose normal form grows beyond this is sampled instead
# A condition of more syntax nodes than this is sampled without expanding it at all: its
# size is bounded before the expansion, not found out by it (300 KB of `or` took 34 s).
MAX_NODES = 4 * MAX_BOXES

_BOOL_NAMES = {"true": True, "false": False, "True": True, "False": False}


class TooComplex(Exception):
    """The normal form would grow beyond :data:`MAX_BOXES`."""


_FLIP = {ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Gt: ast.Lt, ast.GtE: ast.LtE,
         ast.Eq: ast.Eq, ast.NotEq: ast.NotEq}
_NEGATE = {ast.Lt: ast.GtE, ast.LtE: ast.Gt, ast.Gt: ast.LtE, ast.GtE: ast.Lt,
           ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In}


def condition_boxes(tree: ast.expr, factors: Mapping[str, Factor], positive: bool = True
                    ) -> list[Box]:
    """The condition (or its negation) as a union of non-empty boxes.

    Raises :class:`TooComplex` when the normal form would be too large.
    """
    if sum(1 for _ in ast.walk(tree)) > MAX_NODES:
        raise TooComplex
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
                self._union(alternatives)
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

    def _union(self, parts: list[list[Box]]) -> list[Box]:
        result = [b for alternative in parts for b in alternative]
        if len(result) > MAX_BOXES:
            raise TooComplex
        return result

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
