"""Rule expressions: a checked subset of Python syntax, compiled once per pack load.

Text such as ``trade_share_russia >= 0.3 and russian_pressure >= "high"`` is parsed with
:mod:`ast` (exact positions for free), checked against the pack's factor catalogue and a
whitelist of node types, then rewritten so that level factors compare by order, and
compiled into a plain function of one argument (the factor values).  Nothing outside the
whitelist ever reaches :func:`compile`, so no raw text is evaluated.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from crossroads.core.errors import Location, Problem
from crossroads.core.expr_check import (
    FUNCTIONS,
    MAX_EXPONENT,
    ExprError,
    FactorSpec,
    _Checker,
    _describe,
)
from crossroads.core.expr_safety import GUARDS, FoldError, Guard, finite_result

__all__ = ["FUNCTIONS", "MAX_EXPONENT", "Expr", "ExprError", "FactorSpec", "ResultKind",
           "compile_expression", "compile_value"]

ResultKind = Literal["bool", "number"]


@dataclass(frozen=True)
class Expr:
    """A checked, compiled expression."""

    text: str
    kind: ResultKind
    location: Location
    fn: Callable[[Mapping[str, Any]], Any] = field(repr=False, compare=False)
    factors: frozenset[str] = frozenset()
    constant: Any = None  # set when the expression does not depend on any factor
    tree: ast.expr | None = field(default=None, repr=False, compare=False)

    def __call__(self, values: Mapping[str, Any]) -> Any:
        return self.fn(values)


def _constant_fn(value: Any) -> Callable[[Mapping[str, Any]], Any]:
    return lambda _values: value


def compile_value(
    value: Any,
    expected: ResultKind,
    factors: Mapping[str, FactorSpec],
    location: Location,
    *,
    column_shift: int = 0,
) -> tuple[Expr | None, list[Problem]]:
    """Compile a YAML value (a number/boolean literal or an expression string).

    *column_shift* is added to columns on the expression's first line: 1 for a quoted
    YAML scalar, whose text starts one column after its opening quote.
    """
    if isinstance(value, bool):
        if expected != "bool":
            return None, [Problem(location, f"expected a number, got {value!r}",
                                  "write a number or a numeric expression")]
        return Expr(str(value).lower(), "bool", location, _constant_fn(value), constant=value), []
    if isinstance(value, int | float):
        if expected != "number":
            return None, [Problem(location, f"expected a condition, got the number {value!r}",
                                  'write a comparison such as `x >= 0.3`')]
        if not math.isfinite(value):
            return None, [Problem(location, "numbers must be finite", "use a finite number")]
        return Expr(repr(value), "number", location, _constant_fn(value), constant=value), []
    if not isinstance(value, str) or not value.strip():
        what = "condition" if expected == "bool" else "number or expression"
        return None, [Problem(location, f"expected a {what}, got {type(value).__name__}",
                              "write an expression in quotes")]
    return compile_expression(value, expected, factors, location, column_shift=column_shift)


def compile_expression(
    text: str,
    expected: ResultKind,
    factors: Mapping[str, FactorSpec],
    location: Location,
    *,
    column_shift: int = 0,
) -> tuple[Expr | None, list[Problem]]:
    """Parse, check and compile *text*; returns the expression or the problems found."""
    source = text.strip()
    lead = len(text) - len(text.lstrip())

    def where(node: ast.AST | None, lineno: int | None = None, col: int | None = None) -> Location:
        line = lineno if lineno is not None else getattr(node, "lineno", 1)
        offset = col if col is not None else getattr(node, "col_offset", 0)
        lines = wrapped.splitlines() or [""]
        if 1 <= line <= len(lines):
            # ast columns are UTF-8 byte offsets; report characters.
            offset = len(lines[line - 1].encode("utf-8")[:offset].decode("utf-8", "ignore"))
        if line <= 1:
            # -1: the text is parsed inside "(...)" so that it may span lines.
            return Location(location.file, location.line,
                            location.column + column_shift + lead + offset - 1)
        return Location(location.file, location.line + line - 1, offset + 1)

    wrapped = wrap_source(source)
    too_deep = [Problem(location, "expression is nested too deeply to check",
                        "split it into simpler rules")]
    try:
        tree = parse_source(source)
    except (RecursionError, MemoryError):  # thousands of operands or brackets
        return None, too_deep
    except SyntaxError as exc:
        hint = "check brackets and quotes; combine conditions with `and`/`or`"
        if "&&" in source or "||" in source:
            hint = "write `and`/`or` instead of `&&`/`||`"
        col = (exc.offset or 1) - 1
        return None, [Problem(where(None, exc.lineno or 1, col),
                              f"invalid expression: {exc.msg}", hint)]
    checker = _Checker(factors)
    try:
        result_type, body = checker.visit(tree.body)
    except ExprError as err:
        return None, [Problem(where(err.node), err.message, err.hint)]
    except RecursionError:
        return None, too_deep
    if expected == "bool" and result_type.kind != "bool":
        return None, [Problem(where(tree.body), f"a condition must be true or false, "
                              f"but this is a {_describe(result_type)}",
                              "compare it, e.g. `x >= 0.3`")]
    if expected == "number" and result_type.kind != "number":
        return None, [Problem(where(tree.body), f"expected a number, but this is a "
                              f"{_describe(result_type)}", "use a numeric expression")]
    try:
        guarded = Guard().visit(body)
    except FoldError as err:
        return None, [Problem(where(err.node), err.message, "fix the arithmetic")]
    fn = _build_function(guarded)
    constant = None
    if not checker.used:
        try:
            constant = fn({})
        except (ArithmeticError, ValueError) as exc:
            return None, [Problem(where(tree.body), f"expression fails: {exc}",
                                  "fix the arithmetic")]
    return Expr(source, expected, location, fn, frozenset(checker.used), constant, tree.body), []


def wrap_source(source: str) -> str:
    """The text as it is parsed: inside brackets, so that it may span lines and end in a
    comment.  The scalar and the vector compilers both parse through :func:`parse_source`,
    so they accept exactly the same texts."""
    return f"({source}\n)"


def parse_source(source: str) -> ast.Expression:
    """The syntax tree of an expression's (stripped) text, parsed as the checker saw it."""
    return ast.parse(wrap_source(source), mode="eval")


def _lambda_of(body: ast.expr, namespace: dict[str, Any], filename: str
               ) -> Callable[[Mapping[str, Any]], Any]:
    """Compile a checked tree into ``lambda _f: body`` evaluated in *namespace*."""
    lam = ast.Lambda(
        args=ast.arguments(posonlyargs=[], args=[ast.arg(arg="_f")], vararg=None,
                           kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]),
        body=body,
    )
    module = ast.Expression(body=lam)
    ast.fix_missing_locations(module)
    code = compile(module, filename, "eval")
    # The tree was built by _Checker from whitelisted nodes only; this is not raw text.
    fn: Callable[[Mapping[str, Any]], Any] = eval(code, namespace)
    return fn


def _build_function(body: ast.expr) -> Callable[[Mapping[str, Any]], Any]:
    namespace: dict[str, Any] = {"__builtins__": {}, **GUARDS}
    namespace.update({name: impl for name, (impl, _, _) in FUNCTIONS.items()})
    inner = _lambda_of(body, namespace, "<crossroads-expression>")

    def checked(values: Mapping[str, Any]) -> Any:
        # Every result the engine sees is true/false or a finite real number.
        return finite_result(inner(values))

    return checked

