"""Can a condition be true over the factor ranges?  Boxes first, then sampling.

:func:`analyse_condition` rewrites the condition into boxes
(:mod:`crossroads.authoring.conditions`); opaque comparisons left in a box are first
decided by interval arithmetic where the two sides' intervals do not overlap, otherwise by
evaluating the compiled expression on sample points of the box
(:mod:`crossroads.authoring.sampling`).  A verdict reached by sampling says so.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from crossroads.authoring.conditions import TooComplex, condition_boxes
from crossroads.authoring.domains import Atom, Box
from crossroads.authoring.intervals import interval_of
from crossroads.authoring.sampling import sample_points
from crossroads.core.model import Factor


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
