"""Arithmetic that cannot hang, overflow silently or leave the real numbers.

Checked expression trees (see :mod:`crossroads.core.expr`) are rewritten once more for
scalar evaluation: every arithmetic operator becomes a call to a guarded function that
works in floats and fails (ArithmeticError/ValueError, which the engine reports with the
rule, file:line and scenario) unless the result is a finite real number.  Python's own
operators would otherwise compute 5,000-digit integers for minutes, return complex
numbers for ``(-0.25) ** 0.5``, or carry infinities into comparisons.

Sub-expressions made only of constants are folded here, at load time, under the same
guards, so ``((9 ** 8) ** 8) ** 8`` is a located error before any scenario is scored.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable
from typing import Any

# A single intermediate result beyond this is treated as an overflow: real policy
# quantities are shares, ratings and counts, far below it, and every sum of a few such
# values stays finite.
MAX_RESULT = 1e100


class NotFinite(ArithmeticError):
    """An arithmetic step left the finite real numbers."""


def _finite(value: float) -> float:
    if not math.isfinite(value) or abs(value) > MAX_RESULT:
        raise NotFinite(f"result {value:g} is not a finite number within ±{MAX_RESULT:g}")
    return value


def _power(base: float, exponent: float) -> float:
    if base < 0 and not float(exponent).is_integer():
        raise ValueError(f"negative number {base:g} to the fractional power {exponent:g} "
                         "is not a real number")
    try:
        return math.pow(base, exponent)
    except OverflowError:
        raise NotFinite("power overflows") from None


def _checked(fn: Callable[[float, float], float]) -> Callable[[Any, Any], float]:
    def run(left: Any, right: Any) -> float:
        return _finite(fn(float(left), float(right)))

    return run


_OPERATORS: dict[type, tuple[str, Callable[[float, float], float]]] = {
    ast.Add: ("_add", operator.add),
    ast.Sub: ("_sub", operator.sub),
    ast.Mult: ("_mul", operator.mul),
    ast.Div: ("_div", operator.truediv),
    ast.FloorDiv: ("_floordiv", operator.floordiv),
    ast.Mod: ("_mod", operator.mod),
    ast.Pow: ("_pow", _power),
}

GUARDS: dict[str, Callable[[Any, Any], float]] = {
    name: _checked(fn) for name, fn in _OPERATORS.values()}


class FoldError(Exception):
    """A constant sub-expression fails at load time; carries the node for its location."""

    def __init__(self, node: ast.AST, message: str) -> None:
        super().__init__(message)
        self.node = node
        self.message = message


class Guard(ast.NodeTransformer):
    """Rewrites arithmetic into guarded calls, folding constant parts as it goes."""

    def visit_BinOp(self, node: ast.BinOp) -> ast.expr:
        left = self.visit(node.left)
        right = self.visit(node.right)
        name, _ = _OPERATORS[type(node.op)]
        if _is_number(left) and _is_number(right):
            try:
                value = GUARDS[name](left.value, right.value)
            except (ArithmeticError, ValueError) as error:
                raise FoldError(node, f"constant arithmetic fails: {error}") from None
            return ast.copy_location(ast.Constant(value=value), node)
        call = ast.Call(func=ast.Name(id=name, ctx=ast.Load()), args=[left, right], keywords=[])
        return ast.copy_location(call, node)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.expr:
        operand = self.visit(node.operand)
        if isinstance(node.op, ast.USub) and _is_number(operand):
            value: Any = operand.value
            return ast.copy_location(ast.Constant(value=-float(value)), node)
        return ast.copy_location(ast.UnaryOp(op=node.op, operand=operand), node)


def _is_number(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, int | float) \
        and not isinstance(node.value, bool)


def finite_result(value: Any) -> Any:
    """*value* if it is a boolean or a finite real number, else :class:`NotFinite`."""
    if isinstance(value, bool):
        return value
    if not isinstance(value, int | float):
        raise NotFinite(f"result {value!r} is not a real number")
    if isinstance(value, int):
        value = float(value)  # a huge int raises OverflowError here, also an ArithmeticError
    return _finite(value)
