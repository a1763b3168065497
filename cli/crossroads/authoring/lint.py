"""`crossroads rules lint`: warnings a pack author wants before the pack misleads anyone.

Each check has a stable code (``CR1xx``, listed in :data:`CODES`).  A finding can be
silenced where it arises — ``silence: [CR103]`` on a rule or risk rule — or for the whole
pack with a top-level ``silence:`` list whose entries are a code (``CR107``: everywhere) or
a code and a subject id (``CR101:gdp_growth``: only for that factor, option, risk or rule).
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crossroads.authoring.domains import Box, box_key
from crossroads.authoring.intervals import interval_of, refined_interval
from crossroads.authoring.lint_sources import source_findings
from crossroads.authoring.method_lint import method_findings
from crossroads.authoring.provenance_lint import provenance_findings
from crossroads.authoring.sampling import describe_values, sample_points
from crossroads.authoring.verdicts import Verdict, analyse_condition
from crossroads.core.errors import Location, Problem
from crossroads.core.expr import Expr
from crossroads.core.model import Factor, Pack, RiskRule, Rule


@dataclass(frozen=True)
class Check:
    """One lint check: its code, a short title and what to do about it."""

    code: str
    title: str
    advice: str


CODES: dict[str, Check] = {c.code: c for c in (
    Check("CR101", "factor read by no rule",
          "use it in a rule or risk rule, or remove it from the pack"),
    Check("CR102", "option no rule can raise",
          "add a rule that gives it positive points, or remove the option"),
    Check("CR103", "`when` can never be true over the factor ranges",
          "fix the comparison (bounds, labels, and/or) or remove the rule"),
    Check("CR104", "`when` is always true over the factor ranges",
          "remove the `when` (the rule always applies) or tighten it"),
    Check("CR105", "likelihood can leave [0, 1]",
          "wrap it in clamp(..., 0, 1) or min/max"),
    Check("CR106", "risk applies to no option, or risk never referenced",
          "list options under `applies_to`, or remove the risk"),
    Check("CR107", "rule without a source",
          "add `source:` quoting the sentence the rule encodes"),
    Check("CR108", "duplicate or near-duplicate rule",
          "merge the two rules or make their conditions differ"),
    Check("CR109", "rule without `because`",
          "add `because:` with the one sentence briefings show"),
    Check("CR110", "silence names an unknown lint code",
          "use one of the CR1xx codes listed by the documentation"),
    Check("CR111", "rule without a basis",
          "add `basis: article` (the rule quotes the article) or `basis: analyst`"),
    Check("CR112", "article quote not found verbatim in the source text",
          "copy the sentence exactly from the source, or make the rule `basis: analyst`"),
    Check("CR113", "analyst rule without evidence or a rationale",
          "cite the evidence in `source:`, or write 'analyst judgement: <one-line reason>'"),
    Check("CR114", "article rule without the quote review's verdict (`support:`)",
          "review whether the quote says what the rule scores: `support: full` or "
          "`partial`; if it only sets the theme, make the rule `basis: analyst`"),
    # Method errors (issue 11; authoring/method_lint.py).
    Check("CR121", "criterion's reachable range covers under 25% of its scale (swing mismatch)",
          "narrow `scale:` to what the options can reach, or revise the points: weights "
          "are swing weights over the declared scale"),
    Check("CR122", "factor feeds a criterion and a risk of one option in the same direction",
          "check that the points and the risk count different consequences (info only)"),
    Check("CR123", "step threshold on a continuous factor without `rationale:` (cliff)",
          "add `rationale:` naming the source of the threshold, or let the points change "
          "gradually with the factor"),
    Check("CR124", "one risk's triggers give one option different impacts (two events, one "
          "title)",
          "split it into two risks whose titles name each consequence, or give the triggers "
          "the same impact"),
    # One reality counted more than once (issue 18; authoring/provenance_lint.py).
    Check("CR125", "two rules give one option points on one criterion from the same fact",
          "merge them into one rule, or silence with a comment saying which different "
          "consequences they count"),
    Check("CR126", "triggers of one risk read the same factor without a shared `group:`",
          "give them one `group:` if they are one cause seen twice, or silence with a "
          "comment saying why they are independent causes"),
    Check("CR127", "a criterion's anchor describes the event a risk already charges",
          "reword the anchors to what the criterion measures apart from the risk event"),
    Check("CR130", "a rule gives points to the status-quo option (`baseline: true`)",
          "points are changes from the status quo, which scores zero on every criterion: "
          "give the other options the opposite points instead, or make it a risk"),
)}


@dataclass(frozen=True)
class _Finding:
    code: str
    subject: str  # the id of the factor/option/risk/rule the finding is about
    location: Location
    message: str
    silenced_here: tuple[str, ...] = ()
    severity: str = "warning"  # "info" for findings worth a look, not a fix (CR122)


def lint_pack(pack: Pack, texts: Path | None = None) -> list[Problem]:
    """Every lint warning for *pack*, silenced ones removed, in file order.

    *texts* is a directory of source full texts (``<source id>.txt``) to check quotes against.
    """
    linter = _Linter(pack)
    findings = linter.run()
    findings += [_Finding(f.code, f.subject, f.location, f.message, f.silenced)
                 for f in source_findings(pack, texts)]
    pack_wide = _pack_silences(pack)
    out = []
    for f in findings:
        if f.code in f.silenced_here or (f.code, "") in pack_wide or \
                (f.code, f.subject) in pack_wide:
            continue
        out.append(Problem(f.location, f.message, CODES[f.code].advice, f.severity, f.code))
    return sorted(out, key=lambda p: (p.location.file, p.location.line, p.location.column,
                                      p.code))


def _pack_silences(pack: Pack) -> set[tuple[str, str]]:
    out = set()
    for entry in pack.silence:
        code, _, subject = entry.partition(":")
        out.add((code.strip(), subject.strip()))
    return out


def _fmt(value: float) -> str:
    return f"{value:.4g}"


class _Linter:
    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.factors: Mapping[str, Factor] = pack.factors
        self.findings: list[_Finding] = []
        # Boxes in which each (rule kind, id)'s condition may hold; None = never true.
        self.reach: dict[tuple[str, str], list[Box] | None] = {}

    def add(self, code: str, subject: str, location: Location, message: str,
            silenced: tuple[str, ...] = ()) -> None:
        self.findings.append(_Finding(code, subject, location, message, silenced))

    def run(self) -> list[_Finding]:
        for rule in self.pack.rules:
            self._rule_condition(("rule", rule.id), rule.when, rule.silence)
            self._documentation(rule)
        for risk_rule in self.pack.risk_rules:
            self._rule_condition(("risk rule", risk_rule.id), risk_rule.when,
                                 risk_rule.silence)
            self._likelihood(risk_rule)
            self._documentation(risk_rule)
        for constraint in self.pack.constraints:
            # A constraint no scenario can meet, or one no scenario can break, is a mistake.
            self._rule_condition(("constraint", constraint.id), constraint.when, ())
        self._unread_factors()
        self._options_never_raised()
        self._risks()
        self._duplicates()
        self._silence_codes()
        for m in (*method_findings(self.pack, self.reach),
                  *provenance_findings(self.pack, self.reach)):
            self.findings.append(_Finding(m.code, m.subject, m.location, m.message, m.silenced,
                                          m.severity))
        return self.findings

    # -- conditions ----------------------------------------------------------------------
    def _rule_condition(self, key: tuple[str, str], when: Expr | None,
                        silenced: tuple[str, ...]) -> None:
        kind, ident = key
        if when is None or when.tree is None:
            truth = True if when is None else bool(when.constant)
            self.reach[key] = [Box()] if truth else None
            if when is not None and not truth:
                self.add("CR103", ident, when.location, f"{kind} {ident!r}: `when` is always "
                         "false", silenced)
            return
        never = analyse_condition(when.tree, when.fn, self.factors, when.factors)
        if not never.possible:
            self.reach[key] = None
            self.add("CR103", ident, when.location,
                     f"{kind} {ident!r}: `when: {when.text}` can never be true"
                     f"{self._why_never(when, never)}", silenced)
            return
        self.reach[key] = list(never.boxes)
        always = analyse_condition(when.tree, when.fn, self.factors, when.factors,
                                   positive=False)
        if not always.possible:
            how = f" (no counter-example in {always.samples} sample points)" \
                if always.sampled else ""
            self.add("CR104", ident, when.location,
                     f"{kind} {ident!r}: `when: {when.text}` is always true over the factor "
                     f"ranges{how}", silenced)

    def _why_never(self, when: Expr, verdict: Verdict) -> str:
        if verdict.sampled:
            return f" (no satisfying values in {verdict.samples} sample points)"
        spans = []
        for name in sorted(when.factors):
            factor = self.factors[name]
            if factor.kind == "number":
                lo = "-inf" if factor.minimum is None else _fmt(factor.minimum)
                hi = "inf" if factor.maximum is None else _fmt(factor.maximum)
                spans.append(f"{name} in [{lo}, {hi}]")
            elif factor.kind == "level":
                spans.append(f"{name} in {' < '.join(factor.labels)}")
            elif factor.kind == "choice":
                spans.append(f"{name} in {{{', '.join(factor.labels)}}}")
        return f": no values satisfy it ({'; '.join(spans)})" if spans else ""

    # -- likelihoods ---------------------------------------------------------------------
    def _likelihood(self, risk_rule: RiskRule) -> None:
        boxes = self.reach.get(("risk rule", risk_rule.id))
        likelihood = risk_rule.likelihood
        if boxes is None or likelihood.tree is None:
            return  # never fires, or a constant the loader has already range-checked
        span = None
        for box in boxes:
            part = interval_of(likelihood.tree, self.factors, box)
            span = part if span is None else span.union_hull(part)
        if span is None or span.within(0.0, 1.0):
            return
        witness = self._likelihood_witness(risk_rule, boxes)
        if witness is None:
            # No sample leaves [0, 1]: narrow the over-estimate before warning.
            span = None
            for box in boxes:
                part = refined_interval(likelihood.tree, self.factors, box, likelihood.factors)
                span = part if span is None else span.union_hull(part)
            if span is None or span.within(0.0, 1.0):
                return
        if witness is not None:
            values, result = witness
            message = (f"risk rule {risk_rule.id!r}: likelihood `{likelihood.text}` is "
                       f"{result} when {describe_values(values, self.factors)}")
        else:
            message = (f"risk rule {risk_rule.id!r}: likelihood `{likelihood.text}` may leave "
                       f"[0, 1]: over the factor ranges it spans {span}")
        self.add("CR105", risk_rule.id, likelihood.location, message, risk_rule.silence)

    def _likelihood_witness(self, risk_rule: RiskRule, boxes: list[Box]
                            ) -> tuple[dict[str, Any], str] | None:
        likelihood, when = risk_rule.likelihood, risk_rule.when
        used = likelihood.factors | (when.factors if when else frozenset())
        for box in boxes:
            for values in sample_points(box, self.factors, used):
                try:
                    if when is not None and not when(values):
                        continue
                    value = float(likelihood(values))
                except (ArithmeticError, ValueError, TypeError) as exc:
                    return values, f"undefined ({type(exc).__name__})"
                if not 0.0 <= value <= 1.0:
                    return values, _fmt(value)
        return None

    # -- documentation -------------------------------------------------------------------
    def _documentation(self, rule: Rule | RiskRule) -> None:
        kind = "rule" if isinstance(rule, Rule) else "risk rule"
        if not rule.source.strip():
            self.add("CR107", rule.id, rule.location, f"{kind} {rule.id!r} has no `source`",
                     rule.silence)
        if isinstance(rule, Rule) and not rule.because.strip():
            self.add("CR109", rule.id, rule.location, f"rule {rule.id!r} has no `because`",
                     rule.silence)

    # -- the catalogue -------------------------------------------------------------------
    def _unread_factors(self) -> None:
        read: set[str] = set()
        for rule in self.pack.rules:
            read |= _reads(rule.when, *(e.points for e in rule.effects))
        for risk_rule in self.pack.risk_rules:
            read |= _reads(risk_rule.when, risk_rule.likelihood)
        for factor in self.factors.values():
            if factor.id not in read:
                self.add("CR101", factor.id, factor.location,
                         f"factor {factor.id!r} is read by no rule or risk rule")

    def _options_never_raised(self) -> None:
        best: dict[str, float] = {}
        scored: set[str] = set()  # by any rule, even one that can never fire
        for rule in self.pack.rules:
            scored |= {e.option for e in rule.effects}
            boxes = self.reach.get(("rule", rule.id))
            if boxes is None:
                continue
            for effect in rule.effects:
                for box in boxes:
                    high = interval_of(effect.points.tree, self.factors, box,
                                       effect.points.constant).hi
                    best[effect.option] = max(best.get(effect.option, -float("inf")), high)
        for option in self.pack.options.values():
            if option.baseline:
                continue  # the status quo scores zero by definition (CR130 checks it does)
            if best.get(option.id, -float("inf")) <= 0:
                why = "every rule that scores it gives zero or negative points" \
                    if option.id in best else "the rules that score it can never fire" \
                    if option.id in scored else "no rule scores it"
                self.add("CR102", option.id, option.location,
                         f"option {option.id!r} can never gain points: {why}")

    def _risks(self) -> None:
        referenced = {r.risk for r in self.pack.risk_rules}
        for risk in self.pack.risks.values():
            if risk.id not in referenced:
                self.add("CR106", risk.id, risk.location,
                         f"risk {risk.id!r} is referenced by no risk rule")
        for risk_rule in self.pack.risk_rules:
            if not risk_rule.applies_to:
                self.add("CR106", risk_rule.id, risk_rule.location,
                         f"risk rule {risk_rule.id!r} applies to no option",
                         risk_rule.silence)

    def _duplicates(self) -> None:
        seen: dict[Any, Rule] = {}
        for rule in self.pack.rules:
            condition = self._condition_key(("rule", rule.id), rule.when)
            targets = frozenset((e.option, e.criterion) for e in rule.effects)
            effects = frozenset((e.option, e.criterion, e.points.text) for e in rule.effects)
            first = seen.get((condition, targets))
            if first is None:
                seen[(condition, targets)] = rule
                continue
            same = effects == frozenset((e.option, e.criterion, e.points.text)
                                        for e in first.effects)
            what = "duplicates" if same else "nearly duplicates"
            detail = "" if same else " (same condition and targets, different points)"
            self.add("CR108", rule.id, rule.location,
                     f"rule {rule.id!r} {what} rule {first.id!r} at line "
                     f"{first.location.line}{detail}", rule.silence)
        seen_risk: dict[Any, RiskRule] = {}
        for risk_rule in self.pack.risk_rules:
            key = (risk_rule.risk,
                   self._condition_key(("risk rule", risk_rule.id), risk_rule.when),
                   frozenset(risk_rule.applies_to))
            earlier = seen_risk.get(key)
            if earlier is None:
                seen_risk[key] = risk_rule
                continue
            self.add("CR108", risk_rule.id, risk_rule.location,
                     f"risk rule {risk_rule.id!r} duplicates risk rule {earlier.id!r} at line "
                     f"{earlier.location.line} (same risk, condition and options)",
                     risk_rule.silence)

    def _condition_key(self, key: tuple[str, str], when: Expr | None) -> Any:
        """Equal keys mean equal conditions (exactly, when the boxes capture them)."""
        if when is None or when.tree is None:
            return ("constant", None if when is None else when.constant)
        boxes = self.reach.get(key)
        if boxes is not None and all(not b.atoms for b in boxes):
            return ("boxes", box_key(boxes, self.factors))
        return ("text", ast.dump(when.tree))

    def _silence_codes(self) -> None:
        everything: tuple[Rule | RiskRule, ...] = (*self.pack.rules, *self.pack.risk_rules)
        for rule in everything:
            for code in rule.silence:
                if code not in CODES:
                    self.add("CR110", rule.id, rule.location,
                             f"{rule.id!r} silences unknown code {code!r}")
        for entry in self.pack.silence:
            code = entry.partition(":")[0].strip()
            if code not in CODES:
                self.add("CR110", "", self.pack.location,
                         f"pack silences unknown code {code!r}")


def _reads(*exprs: Expr | None) -> set[str]:
    out: set[str] = set()
    for expr in exprs:
        if expr is not None:
            out |= expr.factors
    return out
