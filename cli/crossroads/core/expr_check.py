"""Type checking of rule expressions: a whitelist of syntax, typed against the factors.

The checker walks a parsed expression, refuses anything outside the whitelist, checks
types (numbers, true/false, levels, choices) and returns a rewritten tree in which level
labels are ordinals and numbers are floats.  :mod:`crossroads.core.expr` compiles it.
"""

from __future__ import annotations

import ast
import difflib
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from crossroads.core.limits import MAX_MAGNITUDE

MAX_EXPONENT = 8  # `x ** 1000000` would stall the engine; small constant powers cover real use.
MAX_ROUND_DIGITS = 12
_BOOL_NAMES = {"true": True, "false": False, "True": True, "False": False}


def _clamp(value: float, low: float, high: float) -> float:
    return low if value < low else high if value > high else value


FUNCTIONS: dict[str, tuple[Callable[..., Any], int, int | None]] = {
    # name: (implementation, min args, max args or None for any)
    "min": (min, 2, None),
    "max": (max, 2, None),
    "abs": (abs, 1, 1),
    "round": (round, 1, 2),
    "clamp": (_clamp, 3, 3),
    "sqrt": (math.sqrt, 1, 1),
    "log": (math.log, 1, 1),
}

_FORBIDDEN: dict[type, str] = {
    ast.Attribute: "attribute access (x.y)",
    ast.Subscript: "subscripts (x[...])",
    ast.Lambda: "lambda functions",
    ast.ListComp: "comprehensions",
    ast.SetComp: "comprehensions",
    ast.DictComp: "comprehensions",
    ast.GeneratorExp: "generator expressions",
    ast.Dict: "dictionaries",
    ast.JoinedStr: "f-strings",
    ast.NamedExpr: "assignment expressions (:=)",
    ast.Starred: "star-arguments",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
    ast.Slice: "slices",
}


class FactorSpec(Protocol):
    """What the checker needs to know about a factor."""

    @property
    def kind(self) -> str: ...  # "number" | "level" | "choice" | "boolean"

    @property
    def labels(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class _T:
    """Static type of a sub-expression."""

    kind: str  # number | bool | str | level | choice | list
    factor: str = ""
    literal: Any = None  # the value of a str literal, or the items of a list literal


class ExprError(Exception):
    """Raised inside the checker; carries the offending node."""

    def __init__(self, node: ast.AST | None, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.node = node
        self.message = message
        self.hint = hint


def _describe(t: _T) -> str:
    return {
        "number": "number",
        "bool": "true/false value",
        "str": "text",
        "level": f"level ({t.factor})",
        "choice": f"choice ({t.factor})",
        "list": "list",
    }[t.kind]


def _const(value: Any, like: ast.AST) -> ast.Constant:
    return ast.copy_location(ast.Constant(value=value), like)


class _Checker:
    """Type-checks a parsed expression and returns a rewritten, safe tree."""

    def __init__(self, factors: Mapping[str, FactorSpec]) -> None:
        self.factors = factors
        self.used: set[str] = set()

    def visit(self, node: ast.expr) -> tuple[_T, ast.expr]:
        handler = getattr(self, f"visit_{type(node).__name__}", None)
        if handler is None:
            what = _FORBIDDEN.get(type(node), type(node).__name__)
            raise ExprError(node, f"{what} not allowed in an expression",
                            "use factor names, numbers, comparisons, and/or/not, "
                            "arithmetic and min/max/abs/round/clamp")
        result: tuple[_T, ast.expr] = handler(node)
        return result

    # -- leaves ---------------------------------------------------------------------------
    def visit_Constant(self, node: ast.Constant) -> tuple[_T, ast.expr]:
        value = node.value
        if isinstance(value, bool):
            return _T("bool"), node
        if isinstance(value, int | float):
            # Numbers are floats: integer arithmetic never grows without bound.
            if not abs(value) <= MAX_MAGNITUDE:  # also NaN; compared before any float()
                raise ExprError(node, "number is out of range",
                                f"numbers must lie within ±{MAX_MAGNITUDE:g}")
            return _T("number"), _const(float(value), node)
        if isinstance(value, str):
            return _T("str", literal=value), node
        raise ExprError(node, f"constant {value!r} is not allowed",
                        "use numbers, text or true/false")

    def visit_Name(self, node: ast.Name) -> tuple[_T, ast.expr]:
        name = node.id
        if name in _BOOL_NAMES:
            return _T("bool"), _const(_BOOL_NAMES[name], node)
        if name.startswith("_"):
            raise ExprError(node, f"names starting with '_' are not allowed: {name!r}",
                            "refer to the pack's factors by their ids")
        spec = self.factors.get(name)
        if spec is None:
            if name in FUNCTIONS:
                raise ExprError(node, f"{name!r} is a function; call it with arguments",
                                f"e.g. {name}(a, b)")
            close = difflib.get_close_matches(name, list(self.factors), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else "declare it in the pack's factors"
            raise ExprError(node, f"unknown factor {name!r}", hint)
        self.used.add(name)
        access = ast.copy_location(
            ast.Subscript(value=ast.Name(id="_f", ctx=ast.Load()),
                          slice=ast.Constant(value=name), ctx=ast.Load()),
            node,
        )
        kind = {"number": "number", "boolean": "bool", "level": "level", "choice": "choice"}
        return _T(kind[spec.kind], factor=name), access

    def visit_List(self, node: ast.List | ast.Tuple | ast.Set) -> tuple[_T, ast.expr]:
        items: list[Any] = []
        for element in node.elts:
            if not isinstance(element, ast.Constant) or isinstance(element.value, bool | None):
                raise ExprError(element, "list items must be text or numbers",
                                'e.g. ["member", "observer"]')
            items.append(element.value)
        return _T("list", literal=tuple(items)), node

    visit_Tuple = visit_List
    visit_Set = visit_List

    # -- operators ------------------------------------------------------------------------
    def visit_BoolOp(self, node: ast.BoolOp) -> tuple[_T, ast.expr]:
        values = []
        for operand in node.values:
            t, new = self.visit(operand)
            if t.kind != "bool":
                word = "and" if isinstance(node.op, ast.And) else "or"
                raise ExprError(operand, f"`{word}` needs true/false values, got a {_describe(t)}",
                                "compare it first, e.g. `x > 0`")
            values.append(new)
        return _T("bool"), ast.copy_location(ast.BoolOp(op=node.op, values=values), node)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> tuple[_T, ast.expr]:
        t, operand = self.visit(node.operand)
        if isinstance(node.op, ast.Not):
            if t.kind != "bool":
                raise ExprError(node, f"`not` needs a true/false value, got a {_describe(t)}")
            return _T("bool"), ast.copy_location(ast.UnaryOp(op=node.op, operand=operand), node)
        if isinstance(node.op, ast.USub | ast.UAdd):
            if t.kind != "number":
                raise ExprError(node, f"sign applied to a {_describe(t)}", "use it on numbers only")
            return _T("number"), ast.copy_location(ast.UnaryOp(op=node.op, operand=operand), node)
        raise ExprError(node, "bitwise operators are not allowed", "use `not`")

    def visit_BinOp(self, node: ast.BinOp) -> tuple[_T, ast.expr]:
        allowed = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)
        if not isinstance(node.op, allowed):
            raise ExprError(node, "bitwise operators are not allowed",
                            "use `and`, `or`, `not` for conditions")
        lt, left = self.visit(node.left)
        rt, right = self.visit(node.right)
        for t, part in ((lt, node.left), (rt, node.right)):
            if t.kind != "number":
                raise ExprError(part, f"arithmetic on a {_describe(t)}", "use numeric factors")
        if isinstance(node.op, ast.Pow):
            exponent = _literal_number(node.right)
            if exponent is None or abs(exponent) > MAX_EXPONENT:
                raise ExprError(node.right,
                                f"powers must have a constant exponent between "
                                f"-{MAX_EXPONENT} and {MAX_EXPONENT}",
                                "write e.g. `x ** 2`")
        return _T("number"), ast.copy_location(ast.BinOp(left=left, op=node.op, right=right), node)

    def visit_IfExp(self, node: ast.IfExp) -> tuple[_T, ast.expr]:
        tt, test = self.visit(node.test)
        if tt.kind != "bool":
            raise ExprError(node.test, "the condition of `if` must be true/false")
        bt, body = self.visit(node.body)
        ot, orelse = self.visit(node.orelse)
        if bt.kind != ot.kind or bt.kind not in ("number", "bool"):
            raise ExprError(node, "both branches of `a if c else b` must be numbers "
                            "or both true/false")
        return bt, ast.copy_location(ast.IfExp(test=test, body=body, orelse=orelse), node)

    def visit_Call(self, node: ast.Call) -> tuple[_T, ast.expr]:
        names = ", ".join(sorted(FUNCTIONS))
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            raise ExprError(node, "calls are limited to the functions " + names,
                            "remove the call")
        if node.keywords:
            raise ExprError(node, "keyword arguments are not allowed", "pass values in order")
        name = node.func.id
        _, least, most = FUNCTIONS[name]
        if len(node.args) < least or (most is not None and len(node.args) > most):
            count = str(least) if least == most else f"{least}+" if most is None else \
                f"{least}-{most}"
            noun = "argument" if count == "1" else "arguments"
            raise ExprError(node, f"{name}() takes {count} {noun}, got {len(node.args)}")
        args: list[ast.expr] = []
        if name == "round" and len(node.args) == 2:
            digits = _literal_number(node.args[1])
            if digits is None or not digits.is_integer() or not 0 <= digits <= MAX_ROUND_DIGITS:
                raise ExprError(node.args[1], "round() needs a whole number of digits between "
                                f"0 and {MAX_ROUND_DIGITS}", "write e.g. `round(x, 2)`")
            node = ast.copy_location(ast.Call(func=node.func, args=[node.args[0]],
                                              keywords=[]), node)
            args_tail: list[ast.expr] = [_const(int(digits), node.args[0])]
        else:
            args_tail = []
        for arg in node.args:
            t, new = self.visit(arg)
            if t.kind != "number":
                raise ExprError(arg, f"{name}() needs numbers, got a {_describe(t)}")
            args.append(new)
        args += args_tail
        call = ast.Call(func=ast.Name(id=name, ctx=ast.Load()), args=args, keywords=[])
        return _T("number"), ast.copy_location(call, node)

    def visit_Compare(self, node: ast.Compare) -> tuple[_T, ast.expr]:
        parts = [node.left, *node.comparators]
        typed = [self.visit(p) for p in parts]
        new_nodes = [n for _, n in typed]
        for i, op in enumerate(node.ops):
            (lt, _), (rt, _) = typed[i], typed[i + 1]
            left_new, right_new = self._compare_pair(op, lt, rt, parts[i], parts[i + 1])
            if left_new is not None:
                new_nodes[i] = left_new
            if right_new is not None:
                new_nodes[i + 1] = right_new
        compare = ast.Compare(left=new_nodes[0], ops=node.ops, comparators=new_nodes[1:])
        return _T("bool"), ast.copy_location(compare, node)

    def _compare_pair(
        self, op: ast.cmpop, lt: _T, rt: _T, left: ast.expr, right: ast.expr
    ) -> tuple[ast.expr | None, ast.expr | None]:
        """Check one comparison; returns replacement nodes for literals (level ordinals)."""
        ordering = isinstance(op, ast.Lt | ast.LtE | ast.Gt | ast.GtE)
        membership = isinstance(op, ast.In | ast.NotIn)
        if isinstance(op, ast.Is | ast.IsNot):
            raise ExprError(left, "`is` is not allowed", "use `==`")
        if membership:
            if rt.kind != "list":
                raise ExprError(right, "`in` needs a list on its right", 'e.g. x in ["a", "b"]')
            if lt.kind in ("level", "choice"):
                ordinals = [self._label(lt.factor, item, right) for item in rt.literal]
                if lt.kind == "level":
                    return None, _const(tuple(ordinals), right)
                return None, _const(tuple(rt.literal), right)
            if lt.kind == "number" and all(_is_number(v) for v in rt.literal):
                return None, _const(tuple(rt.literal), right)
            raise ExprError(left, f"cannot test a {_describe(lt)} for membership in this list")
        if rt.kind == "list" or lt.kind == "list":
            raise ExprError(right, "lists can only follow `in`")
        for mine, other, node in ((lt, rt, left), (rt, lt, right)):
            if mine.kind in ("level", "choice"):
                if mine.kind == "choice" and ordering:
                    raise ExprError(node, f"{mine.factor!r} is a choice and has no order",
                                    "compare with == or `in`")
                other_node = right if node is left else left
                if other.kind == "str":
                    ordinal = self._label(mine.factor, other.literal, other_node)
                    replacement = _const(
                        ordinal if mine.kind == "level" else other.literal, other_node)
                    return (None, replacement) if node is left else (replacement, None)
                if other.kind == mine.kind and other.factor == mine.factor:
                    return None, None
                if other.kind == mine.kind and mine.kind == "level" and \
                        self.factors[mine.factor].labels == self.factors[other.factor].labels:
                    return None, None
                raise ExprError(other_node, f"cannot compare {mine.factor!r} with a "
                                f"{_describe(other)}",
                                f"compare it with one of its labels: "
                                f"{', '.join(map(repr, self.factors[mine.factor].labels))}")
        if lt.kind == "number" and rt.kind == "number":
            return None, None
        if lt.kind == "bool" and rt.kind == "bool" and not ordering:
            return None, None
        raise ExprError(left, f"cannot compare a {_describe(lt)} with a {_describe(rt)}",
                        "compare numbers with numbers, levels with their labels")

    def _label(self, factor: str, label: Any, node: ast.expr) -> int:
        labels = self.factors[factor].labels
        if not isinstance(label, str) or label not in labels:
            close = difflib.get_close_matches(str(label), labels, n=1, cutoff=0.5)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise ExprError(node, f"unknown label {label!r} for {factor!r}",
                            hint + f"labels are {', '.join(map(repr, labels))}")
        return labels.index(label)


def _literal_number(node: ast.expr) -> float | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float) \
            and not isinstance(node.value, bool):
        return float(node.value) if abs(node.value) <= 1e300 else None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        inner = _literal_number(node.operand)
        return None if inner is None else (-inner if isinstance(node.op, ast.USub) else inner)
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
