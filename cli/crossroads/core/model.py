"""The domain: packs (factors, criteria, options, rules, risks) and scenarios.

Everything is a frozen dataclass; the loader builds them, the engine only reads them.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from crossroads.core.errors import Location
from crossroads.core.expr import Expr
from crossroads.core.factors import (
    FACTOR_KINDS,
    FACTOR_NATURES,
    FactorKind,
    FactorNature,
    to_internal,
)

__all__ = ["FACTOR_KINDS", "FACTOR_NATURES", "FactorKind", "FactorNature"]



class SourceKind(StrEnum):
    """How well a scenario fact is sourced: what an analytic confidence judgement weighs."""

    CITED = "cited"              # a publication, dataset or official statement, named
    ANALYST = "analyst"          # the analyst's own judgement (also a value typed at --set)
    UNVERIFIED = "unverified"    # a figure someone reported that could not be checked
    NOT_GIVEN = "not given"      # no source at all


# A year a reader can look the source up by ("2024", "Dec 2023"), not a figure ("2.1",
# "$31.5bn") or an article number.
_DATED = re.compile(r"(?<![\d.$€£])(?:19|20)\d\d(?![\d.])")


def derive_source_kind(source: str, cites: tuple[str, ...] = ()) -> SourceKind:
    """The kind a free-text ``source`` implies when the file does not declare one.

    Only an explicit citation counts as cited: a bibliography id in ``cites``, or a
    source that names when it was published or what period it covers.  Words alone
    ("CSTO member", "Official registry") are the analyst's statement, not a citation.
    """
    text = source.strip().lower()
    if not text:
        return SourceKind.CITED if cites else SourceKind.NOT_GIVEN
    if "unverified" in text:
        return SourceKind.UNVERIFIED
    if text.startswith(("analyst", "command line", "wizard")) or "judgement" in text \
            or "judgment" in text or "estimate" in text:
        return SourceKind.ANALYST
    if cites or _DATED.search(text):
        return SourceKind.CITED
    return SourceKind.ANALYST


class Basis(StrEnum):
    """Where a rule's knowledge comes from."""

    ARTICLE = "article"  # the source article says it (the rule quotes it)
    ANALYST = "analyst"  # the analyst's knowledge, with its own evidence


class QuoteSupport(StrEnum):
    """How far an article rule's quote supports what the rule scores (a reviewer's verdict).

    A verbatim quote can still say less than the rule claims; confidence weighs an article
    rule by this verdict, not by its basis alone.
    """

    FULL = "full"        # the quote states the effect or risk the rule scores
    PARTIAL = "partial"  # it states the main effect; the rest is the analyst's calibration

    @property
    def weight(self) -> float:
        """What the rule counts for among article-backed rules (partial: half)."""
        return 1.0 if self is QuoteSupport.FULL else 0.5


@dataclass(frozen=True, slots=True)
class Reference:
    """One entry of a pack's bibliography, cited by id from rules and scenario facts."""

    id: str
    title: str
    publisher: str
    date: str  # as precise as known: "2024-10", "2025-06-30"
    location: Location
    url: str = ""
    text: Path | None = None  # a local copy of the full text, to verify quotes against


@dataclass(frozen=True, slots=True)
class Factor:
    """A scenario variable the rules read."""

    id: str
    kind: FactorKind
    label: str
    question: str
    help: str
    group: str
    default: Any
    location: Location
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    labels: tuple[str, ...] = ()  # ordered for level, unordered for choice
    source: str = ""
    indicator: str = ""  # what to watch, and where, to see this factor change (signposts)
    # What kind of thing it is (``nature:`` in the pack); None: implied by the kind.
    declared_nature: FactorNature | None = None

    @property
    def nature(self) -> FactorNature:
        """The declared nature, else the one the kind implies (FactorNature.implied_by)."""
        return self.declared_nature or FactorNature.implied_by(self.kind)

    @property
    def varies(self) -> bool:
        """Whether a scenario may state doubt about this factor (fixed ones never vary)."""
        return self.nature != FactorNature.FIXED

    def to_internal(self, value: Any) -> Any:
        """The value rules see: level labels become their order (0 = lowest)."""
        return to_internal(self, value)


@dataclass(frozen=True, slots=True)
class Criterion:
    """An objective options are judged on, with its declared performance scale."""

    id: str
    title: str
    description: str
    weight: float  # the pack's default priority
    scale_min: float
    scale_max: float
    location: Location
    # What points on the scale mean in words, (points, meaning) from worst to best; the
    # anchors at the scale's ends are the swing a weight is asked about.
    anchors: tuple[tuple[float, str], ...] = ()

    @property
    def worst_anchor(self) -> str:
        """The words for the scale minimum (empty when the pack does not say)."""
        return next((text for at, text in self.anchors if at == self.scale_min), "")

    @property
    def best_anchor(self) -> str:
        """The words for the scale maximum (empty when the pack does not say)."""
        return next((text for at, text in self.anchors if at == self.scale_max), "")


@dataclass(frozen=True, slots=True)
class Option:
    """A course of action the pack can recommend."""

    id: str
    title: str
    summary: str
    source: str
    location: Location
    # The status quo the other options' points are changes from: it scores zero on every
    # criterion (lint CR130 flags a rule that gives it points); risks may still apply.
    baseline: bool = False


@dataclass(frozen=True, slots=True)
class Effect:
    """Points a rule gives one option on one criterion."""

    option: str
    criterion: str
    points: Expr
    location: Location


@dataclass(frozen=True, slots=True)
class Rule:
    """When the condition holds, the effects add points."""

    id: str
    when: Expr | None
    effects: tuple[Effect, ...]
    because: str
    source: str
    location: Location
    silence: tuple[str, ...] = ()  # lint codes the author chose to silence
    basis: Basis | None = None  # None: the pack does not say (lint warns)
    # Relative uncertainty of this rule's points for robustness draws (0.3: ×U(0.7, 1.3));
    # None: the pack's default.
    uncertainty: float | None = None
    rationale: str = ""  # why a step threshold sits where it does, naming its source
    support: QuoteSupport | None = None  # article rules: the quote review's verdict


@dataclass(frozen=True, slots=True)
class Risk:
    """Something that can go wrong with an option."""

    id: str
    title: str
    mitigation: str
    source: str
    location: Location


@dataclass(frozen=True, slots=True)
class RiskRule:
    """When the condition holds, the risk may occur for the listed options."""

    id: str
    risk: str
    when: Expr | None
    applies_to: tuple[str, ...]
    likelihood: Expr
    impact: int
    because: str
    source: str
    location: Location
    silence: tuple[str, ...] = ()
    basis: Basis | None = None
    # Triggers of one risk event that share a cause: within a group the largest likelihood
    # counts (they are one trigger seen twice); groups combine as independent (noisy-OR).
    group: str = ""
    uncertainty: float | None = None  # relative uncertainty of the likelihood; None: pack's
    rationale: str = ""
    support: QuoteSupport | None = None  # article rules: the quote review's verdict


@dataclass(frozen=True, slots=True)
class Applicability:
    """Where a pack's questions, rules and wording hold (``applies_to:``): a region in
    words and the subjects it was written for; empty means anywhere."""

    region: str = ""
    subjects: tuple[str, ...] = ()

    def covers(self, subject: str) -> bool:
        """Whether *subject* ("Kazakhstan (Қазақстан)") names one of the subjects."""
        if not self.subjects or not subject.strip():
            return True
        said = subject.casefold()
        return any(name.casefold() in said for name in self.subjects)


@dataclass(frozen=True, slots=True)
class Uncertainty:
    """How much the robustness draws vary what a pack states without a range.

    Relative values: 0.3 draws a rule's points (or a likelihood, an impact) from
    ×U(0.7, 1.3).  ``risk_aversion`` is a (low, high) range, None for ×[0.5, 2] around the
    stated value.  ``declared`` names the fields the pack file gave (the rest are defaults).
    """

    points: float = 0.3
    likelihood: float = 0.3
    impact: float = 0.2
    risk_aversion: tuple[float, float] | None = None
    declared: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Constraint:
    """A relation between factors that every consistent scenario satisfies.

    ``when`` must be true; a scenario for which it is false gets a warning naming
    ``factors`` (by default the factors the condition reads).
    """

    id: str
    when: Expr
    message: str
    factors: tuple[str, ...]
    location: Location


#: Default share of the full value swing that a certain impact-5 risk event costs: a
#: fifth (what the former rule "a full swing of an average criterion" gave a 5-criterion
#: pack).  See docs/explanation/scoring.md.
DEFAULT_RISK_SCALE = 0.2


@dataclass(frozen=True)
class Pack:
    """A rule pack: the knowledge a scenario is scored against."""

    id: str
    version: str
    title: str
    description: str
    perspective: str
    source_title: str
    factors: dict[str, Factor]
    criteria: dict[str, Criterion]
    options: dict[str, Option]
    rules: tuple[Rule, ...]
    risks: dict[str, Risk]
    risk_rules: tuple[RiskRule, ...]
    risk_aversion: float
    digest: str
    directory: Path
    files: tuple[Path, ...] = ()
    location: Location = field(default_factory=lambda: Location("?"))
    constraints: tuple[Constraint, ...] = ()
    # Pack-wide lint silences: "CR101" (everywhere) or "CR101:subject-id" (one subject).
    silence: tuple[str, ...] = ()
    tests: tuple[Path, ...] = ()  # pack test files named by the `tests:` key
    # The decision the pack informs, with {subject} and {year} placeholders.
    question: str = ""
    sources: dict[str, Reference] = field(default_factory=dict)  # the bibliography, by id
    uncertainty: Uncertainty = field(default_factory=Uncertainty)
    # Share of the full value swing an impact-5 event that is certain to happen costs
    # (crossroads.core.values.risk_unit); the same whatever the number of criteria.
    risk_scale: float = DEFAULT_RISK_SCALE
    applies_to: Applicability = field(default_factory=Applicability)

    def outside_warning(self, subject: str) -> str:
        """A sentence when *subject* is outside where the pack applies, else ""."""
        where = self.applies_to
        if where.covers(subject):
            return ""
        region = f" ({where.region})" if where.region else ""
        return (f"Pack {self.id} was written for {', '.join(where.subjects)}{region}; "
                f"{subject.strip()} is not among them, so its questions, rules and wording "
                "may not fit this subject.")


@dataclass(frozen=True, slots=True)
class FactorValue:
    """A scenario's value for one factor, with its uncertainty and source."""

    value: Any
    location: Location
    low: Any = None
    high: Any = None
    source: str = ""
    note: str = ""
    source_kind: SourceKind = SourceKind.NOT_GIVEN
    cites: tuple[str, ...] = ()  # ids of the pack bibliography (``sources:``) behind the fact
    # Probability that a judged yes/no or level reading is wrong (a level: off by one level,
    # half each way); None when the scenario does not say.
    p_wrong: float | None = None

    @property
    def has_range(self) -> bool:
        return self.low is not None and self.high is not None

    @property
    def states_doubt(self) -> bool:
        """Whether the scenario says how far off this value may be (a range or p_wrong)."""
        return self.has_range or self.p_wrong is not None


@dataclass(frozen=True, slots=True)
class Judgement:
    """One pairwise comparison (AHP): *a* matters *ratio* times as much as *b*."""

    a: str
    b: str
    ratio: float
    location: Location


@dataclass(frozen=True, slots=True)
class Override:
    """A change made to a scenario after it was read: a flag, or another pack's view.

    Kept on the scenario so that every report can say it is a what-if and list what was
    changed (even a value equal to the file's own).
    """

    subject: str  # factor or criterion id, "risk_aversion", "pairwise" or "pack"
    value: Any
    origin: str  # the flag as typed, e.g. "--set russian_pressure=severe"
    note: str = ""


@dataclass(frozen=True)
class Scenario:
    """One country at one date, plus the decision-maker's priorities."""

    id: str
    title: str
    subject: str
    as_of: _dt.date | None
    pack: str
    pack_version: str
    factors: dict[str, FactorValue]
    priorities: dict[str, float]
    risk_aversion: float | None
    notes: str
    location: Location
    path: Path | None = None
    # Pairwise judgements (AHP) when the author gave them instead of direct weights.
    judgements: tuple[Judgement, ...] = ()
    # Where each priority was given (file position or the flag), for errors about it.
    priority_locations: dict[str, Location] = field(default_factory=dict)
    overrides: tuple[Override, ...] = ()  # what-if changes, in the order given
    question: str = ""  # overrides the pack's decision question
    risk_aversion_range: tuple[float, float] | None = None  # for robustness draws
    # A panel's combined view: each analyst who gave pairwise comparisons, with their
    # geometric consistency index and its threshold (analyst, GCI, limit), so that the
    # confidence judgement weighs the consistency of the judgements behind the weights.
    panel_consistency: tuple[tuple[str, float, float], ...] = ()
