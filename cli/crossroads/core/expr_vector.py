"""Vector mode of rule expressions: one call evaluates a rule for thousands of draws.

Sensitivity runs evaluate every rule for thousands of draws at once.  The same checked
tree is rewritten a second time into numpy operations (`and` → logical_and, `a if c
else b` → where, `in` → isin, min/max → elementwise), so one call covers all draws.
Factor values may be arrays (one entry a draw) or plain scalars; results broadcast.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from crossroads.core.expr import Expr, _lambda_of, parse_source
from crossroads.core.expr_check import FactorSpec, _Checker


def compile_vector(expr: Expr, factors: Mapping[str, FactorSpec]
                   ) -> Callable[[Mapping[str, Any]], Any]:
    """A numpy version of *expr*: same result as ``expr.fn`` for each element of the inputs.

    Only the arithmetic differs where Python would raise (division by zero, ``log`` of a
    negative number): numpy returns inf/nan instead, which callers check on the draws
    where the value is used.
    """
    if expr.constant is not None:
        constant = expr.constant
        return lambda _values: constant
    tree = parse_source(expr.text)
    _, body = _Checker(factors).visit(tree.body)
    vector_body = _Vectorise().visit(body)
    return _build_vector_function(vector_body)


def _vector_namespace() -> dict[str, Any]:
    def v_min(*args: Any) -> Any:
        return functools.reduce(np.minimum, args)

    def v_max(*args: Any) -> Any:
        return functools.reduce(np.maximum, args)

    def v_round(value: Any, digits: Any = 0) -> Any:
        return np.round(value, int(digits))

    def v_clamp(value: Any, low: Any, high: Any) -> Any:
        # Same order of tests as _clamp, so low > high behaves identically.
        return np.where(value < low, low, np.where(value > high, high, value))

    def v_and(*args: Any) -> Any:
        return functools.reduce(np.logical_and, args)

    def v_or(*args: Any) -> Any:
        return functools.reduce(np.logical_or, args)

    return {
        "__builtins__": {},
        "min": v_min, "max": v_max, "abs": np.abs, "round": v_round, "clamp": v_clamp,
        "sqrt": np.sqrt, "log": np.log,
        "_and": v_and, "_or": v_or, "_not": np.logical_not, "_where": np.where,
        "_isin": lambda value, items: np.isin(value, list(items)),
    }


def _build_vector_function(body: ast.expr) -> Callable[[Mapping[str, Any]], Any]:
    # The tree comes from _Checker's whitelist, then _Vectorise.
    return _lambda_of(body, _vector_namespace(), "<crossroads-vector-expression>")


def _helper(name: str, args: list[ast.expr], like: ast.AST) -> ast.expr:
    call = ast.Call(func=ast.Name(id=name, ctx=ast.Load()), args=args, keywords=[])
    return ast.copy_location(call, like)


class _Vectorise(ast.NodeTransformer):
    """Rewrites a checked tree so that it works elementwise on numpy arrays."""

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.expr:
        values = [self.visit(v) for v in node.values]
        return _helper("_and" if isinstance(node.op, ast.And) else "_or", values, node)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.expr:
        operand = self.visit(node.operand)
        if isinstance(node.op, ast.Not):
            return _helper("_not", [operand], node)
        return ast.copy_location(ast.UnaryOp(op=node.op, operand=operand), node)

    def visit_IfExp(self, node: ast.IfExp) -> ast.expr:
        return _helper("_where", [self.visit(node.test), self.visit(node.body),
                                  self.visit(node.orelse)], node)

    def visit_Compare(self, node: ast.Compare) -> ast.expr:
        parts = [self.visit(p) for p in [node.left, *node.comparators]]
        pairs: list[ast.expr] = []
        for i, op in enumerate(node.ops):
            left, right = parts[i], parts[i + 1]
            if isinstance(op, ast.In | ast.NotIn):
                test = _helper("_isin", [left, right], node)
                pairs.append(_helper("_not", [test], node) if isinstance(op, ast.NotIn)
                             else test)
            else:
                pairs.append(ast.copy_location(
                    ast.Compare(left=left, ops=[op], comparators=[right]), node))
        return pairs[0] if len(pairs) == 1 else _helper("_and", pairs, node)
