"""The rule-bearing sections of a pack: ``rules``, ``risk_rules`` and ``constraints``,
read into the model with every unknown name and bad expression reported at its place.

Mixed into the pack loader, which collects each section's entries from every file and
supplies them (valid, unique ids only) through ``_unique``.
"""

from __future__ import annotations

import ast
from typing import Any

from crossroads.core.errors import ProblemCollector
from crossroads.core.expr import Expr, ResultKind, compile_value
from crossroads.core.factors import suggest
from crossroads.core.model import (
    Basis,
    Constraint,
    Criterion,
    Effect,
    Factor,
    Option,
    QuoteSupport,
    Risk,
    RiskRule,
    Rule,
)
from crossroads.io.method_fields import read_relative
from crossroads.io.reader import Reader
from crossroads.io.yamldoc import PathKey


class RuleSections:
    """Readers for the sections whose entries point at factors, criteria, options and risks,
    plus the expression and reference checks the other sections share."""

    problems: ProblemCollector

    def _unique(self, section: str, what: str, pattern: Any = None
                ) -> list[tuple[Reader, PathKey, dict[str, Any], str]]:
        raise NotImplementedError

    def _expr(self, r: Reader, path: PathKey, value: Any, kind: ResultKind,
              factors: dict[str, Factor]) -> Expr | None:
        shift = 1 if r.doc.styles.get(path) in ('"', "'") else 0
        compiled, problems = compile_value(value, kind, factors, r.at(path), column_shift=shift)
        self.problems.extend(problems)
        return compiled

    def _ref(self, r: Reader, path: PathKey, value: Any, known: dict[str, Any], what: str
             ) -> str | None:
        if isinstance(value, str) and value in known:
            return value
        hint = suggest(str(value), known) or f"declared {what}s: {', '.join(sorted(known))}"
        r.error(path, f"unknown {what} {value!r}", hint)
        return None

    def _silence(self, r: Reader, path: PathKey, entry: dict[str, Any]) -> tuple[str, ...]:
        return r.string_list((*path, "silence"), entry.get("silence"), what="silence")

    def _basis(self, r: Reader, path: PathKey, entry: dict[str, Any]) -> Basis | None:
        raw = entry.get("basis")
        if raw is None:
            return None
        if raw not in {b.value for b in Basis}:
            r.error((*path, "basis"), f"basis must be article or analyst, got {raw!r}",
                    "`article` when the rule quotes the source article, `analyst` otherwise")
            return None
        return Basis(raw)

    def _support(self, r: Reader, path: PathKey, entry: dict[str, Any]) -> QuoteSupport | None:
        raw = entry.get("support")
        if raw is None:
            return None
        if raw not in {s.value for s in QuoteSupport}:
            r.error((*path, "support"), f"support must be full or partial, got {raw!r}",
                    "`full` when the quote states what the rule scores, `partial` when it "
                    "states only the main effect")
            return None
        if entry.get("basis") != Basis.ARTICLE.value:
            r.error((*path, "support"), "support is the quote review's verdict on an article "
                    "quote; this rule is not `basis: article`",
                    "remove `support:`, or make the rule `basis: article` with its quote")
            return None
        return QuoteSupport(raw)

    def _rules(self, factors: dict[str, Factor], criteria: dict[str, Criterion],
               options: dict[str, Option]) -> list[Rule]:
        rules = []
        for r, path, entry, ident in self._unique("rules", "rule"):
            r.mapping(path, entry, required=("id", "effects"),
                      optional=("when", "because", "source", "silence", "basis",
                                "uncertainty", "rationale", "support"),
                      what=f"rule {ident!r}")
            when = None
            if entry.get("when") is not None:
                when = self._expr(r, (*path, "when"), entry["when"], "bool", factors)
            effects = []
            raw_effects = r.items((*path, "effects"), entry.get("effects"), what="effects")
            if "effects" in entry and not raw_effects:
                r.error((*path, "effects"), "a rule needs at least one effect",
                        "add `- {option: ..., criterion: ..., points: ...}`")
            for i, raw in enumerate(raw_effects):
                epath = (*path, "effects", i)
                if r.mapping(epath, raw, required=("criterion", "points"),
                             optional=("option", "options"), what="effect") is None:
                    continue
                targets = [raw["option"]] if "option" in raw else []
                targets += list(r.string_list((*epath, "options"), raw.get("options"),
                                              what="options"))
                if not targets:
                    r.error(epath, "an effect needs `option:` or `options:`",
                            "name the option it scores")
                criterion = self._ref(r, (*epath, "criterion"), raw.get("criterion"), criteria,
                                      "criterion")
                points = self._expr(r, (*epath, "points"), raw.get("points"), "number", factors)
                key = "option" if "option" in raw else "options"
                for target in targets:
                    option = self._ref(r, (*epath, key), target, options, "option")
                    if option and criterion and points:
                        effects.append(Effect(option, criterion, points, r.at(epath)))
            rules.append(Rule(
                ident, when, tuple(effects),
                r.text((*path, "because"), entry.get("because"), what="because"),
                r.text((*path, "source"), entry.get("source"), what="source"),
                r.at(path), self._silence(r, path, entry), self._basis(r, path, entry),
                read_relative(r, (*path, "uncertainty"), entry.get("uncertainty")),
                r.text((*path, "rationale"), entry.get("rationale"), what="rationale"),
                support=self._support(r, path, entry)))
        return rules

    def _risk_rules(self, factors: dict[str, Factor], options: dict[str, Option],
                    risks: dict[str, Risk]) -> list[RiskRule]:
        out = []
        for r, path, entry, ident in self._unique("risk_rules", "risk rule"):
            r.mapping(path, entry, required=("id", "risk", "applies_to", "likelihood", "impact"),
                      optional=("when", "because", "source", "silence", "basis", "group",
                                "uncertainty", "rationale", "support"),
                      what=f"risk rule {ident!r}")
            risk = self._ref(r, (*path, "risk"), entry.get("risk"), risks, "risk")
            when = None
            if entry.get("when") is not None:
                when = self._expr(r, (*path, "when"), entry["when"], "bool", factors)
            likelihood = self._expr(r, (*path, "likelihood"), entry.get("likelihood"), "number",
                                    factors)
            if likelihood is not None and likelihood.constant is not None and \
                    not 0 <= likelihood.constant <= 1:
                r.error((*path, "likelihood"), f"likelihood {likelihood.constant} is outside "
                        "[0, 1]", "write a probability such as 0.3")
            impact = entry.get("impact")
            if isinstance(impact, bool) or not isinstance(impact, int) or not 1 <= impact <= 5:
                r.error((*path, "impact"), f"impact must be a whole number from 1 to 5, got "
                        f"{impact!r}", "1 = minor … 5 = severe")
                impact = None
            applies = []
            for i, option in enumerate(r.string_list((*path, "applies_to"),
                                                     entry.get("applies_to"), what="applies_to")):
                found = self._ref(r, (*path, "applies_to", i), option, options, "option")
                if found:
                    applies.append(found)
            if risk and likelihood and impact:
                out.append(RiskRule(
                    ident, risk, when, tuple(applies), likelihood, impact,
                    r.text((*path, "because"), entry.get("because"), what="because"),
                    r.text((*path, "source"), entry.get("source"), what="source"),
                    r.at(path), self._silence(r, path, entry), self._basis(r, path, entry),
                    r.text((*path, "group"), entry.get("group"), what="group"),
                    read_relative(r, (*path, "uncertainty"), entry.get("uncertainty")),
                    r.text((*path, "rationale"), entry.get("rationale"), what="rationale"),
                    support=self._support(r, path, entry)))
        return out

    def _constraints(self, factors: dict[str, Factor]) -> list[Constraint]:
        out = []
        for r, path, entry, ident in self._unique("constraints", "constraint"):
            r.mapping(path, entry, required=("id", "when", "message"), optional=("factors",),
                      what=f"constraint {ident!r}")
            when = None
            if entry.get("when") is not None:
                when = self._expr(r, (*path, "when"), entry["when"], "bool", factors)
            named = []
            for i, name in enumerate(r.string_list((*path, "factors"), entry.get("factors"),
                                                   what="factors")):
                found = self._ref(r, (*path, "factors", i), name, factors, "factor")
                if found:
                    named.append(found)
            message = r.text((*path, "message"), entry.get("message"), what="message",
                             required="message" in entry)  # absent: already reported
            if when is not None:
                out.append(Constraint(ident, when, message,
                                      tuple(named) or _factors_in_order(when), r.at(path)))
        return out


def _factors_in_order(expr: Expr) -> tuple[str, ...]:
    """The factors an expression reads, in the order they appear in its text."""
    names = sorted((node.lineno, node.col_offset, node.id) for node in ast.walk(expr.tree)
                   if isinstance(node, ast.Name) and node.id in expr.factors) \
        if expr.tree is not None else []
    return tuple(dict.fromkeys(name for _, _, name in names))
