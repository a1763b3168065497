"""A panel of analysts scored against one scenario: each view, the combined view, dissent.

Each analyst's judgement file replaces the scenario's priorities (and, where given, its
judged facts) to give that analyst's own ranking; the panel's priorities are combined by
the chosen :class:`~crossroads.core.panel.Aggregation` into one group scenario, scored
like any other.  The shared facts stay the scenario's: the combined base case uses the
scenario's stated values, and analysts' own views of judged facts enter their own
rankings and the panel's robustness draws.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from crossroads.core.ahp import weights_from_judgements
from crossroads.core.engine import Result, score
from crossroads.core.errors import InputError, Location, ProblemCollector
from crossroads.core.factors import value_problem
from crossroads.core.model import Judgement, Pack, Scenario
from crossroads.core.panel import (
    Aggregation,
    Analyst,
    aggregate_judgements,
    aggregate_priorities,
    consensus_band,
    consensus_indicator,
    gci_threshold,
    geometric_consistency_index,
    kendall_band,
    kendalls_w,
    matrix_from_weights,
)
from crossroads.io.panel_file import load_panel
from crossroads.io.resources import shipped_panels
from crossroads.robustness.analysis import view_draws
from crossroads.robustness.recommendation import Recommendation, recommend
from crossroads.robustness.vectorised import VectorScorer
from crossroads.robustness.voi import who_judges_value
from crossroads.robustness.voi_result import ValueOfInformation

PANEL_LOCATION = Location("<panel>")


def find_panel(refs: Sequence[Path]) -> tuple[Analyst, ...]:
    """The analysts of the panel named by *refs*: folders, files, or a shipped panel id."""
    shipped = shipped_panels()
    resolved = [shipped[str(ref)] if not ref.exists() and str(ref) in shipped else ref
                for ref in refs]
    return load_panel(resolved)


@dataclass(frozen=True)
class MemberView:
    """One analyst's own view, scored."""

    analyst: Analyst
    share: float  # their voting weight as a share of the panel's
    result: Result
    gci: float | None  # geometric consistency of their pairwise answers (None: priorities)
    gci_limit: float | None

    @property
    def leader(self) -> str:
        return self.result.leader.id


@dataclass(frozen=True)
class Dissent:
    """An analyst whose own weights put another option first, and why."""

    analyst: str
    role: str
    recommends: str  # the option first on their view
    over: str  # the panel's leader, which they rank lower
    margin: float  # on their view, how far their first option leads the panel's leader
    # The criteria whose weight differs most between them and the panel:
    # (criterion id, their weight, the panel's weight), largest difference first.
    differs_on: tuple[tuple[str, float, float], ...]
    rationale: str
    # Facts they read otherwise than the scenario: (factor id, their value, the file's).
    reads: tuple[tuple[str, object, object], ...] = ()


@dataclass(frozen=True)
class PanelAnalysis:
    """The panel's combined view, each member's view, and how far apart they are."""

    method: Aggregation
    members: tuple[MemberView, ...]
    group: Result  # the group scenario scored
    kendall_w: float  # agreement on the rankings (nan with one analyst)
    consensus: float  # Goepel's S* on the weights (1.0 with one analyst)
    dissent: tuple[Dissent, ...]
    notes: tuple[str, ...]
    previous: RoundChange | None = None  # set when compared with an earlier Delphi round
    robustness: PanelRobustness | None = None  # set when draws were run

    @property
    def leader(self) -> str:
        return self.group.leader.id

    @property
    def agrees(self) -> bool:
        """Whether every analyst's own view puts the panel's leader first."""
        return not self.dissent

    @property
    def kendall_words(self) -> str:
        return kendall_band(self.kendall_w)

    @property
    def consensus_words(self) -> str:
        return consensus_band(self.consensus)


def member_scenario(scenario: Scenario, analyst: Analyst) -> Scenario:
    """The scenario as this analyst sees it: their priorities and judged facts."""
    return replace(scenario, priorities=dict(analyst.priorities),
                   judgements=analyst.judgements, priority_locations={},
                   factors={**scenario.factors, **analyst.factors})


def check_panel(pack: Pack, analysts: Sequence[Analyst]) -> None:
    """Every judgement file fits the pack: its id, every criterion weighed, none extra."""
    problems = ProblemCollector()
    criteria = list(pack.criteria)
    for analyst in analysts:
        where = analyst.location
        if analyst.pack and analyst.pack != pack.id:
            problems.add(where, f"{analyst.name}'s judgements are for pack {analyst.pack!r}, "
                         f"not {pack.id!r}", "give judgements made for this pack")
        if analyst.priorities:
            extra = [c for c in analyst.priorities if c not in pack.criteria]
            missing = [c for c in criteria if c not in analyst.priorities]
            if extra:
                problems.add(where, f"{analyst.name} weighs criteria the pack does not have: "
                             f"{', '.join(extra)}", f"the criteria are: {', '.join(criteria)}")
            if missing:
                problems.add(where, f"{analyst.name} gives no priority for: "
                             f"{', '.join(missing)}",
                             "a panel member weighs every criterion (0 if it does not matter)")
            if not extra and not missing and not any(v > 0 for v in analyst.priorities.values()):
                problems.add(where, f"{analyst.name} gives every criterion a zero priority",
                             "give at least one criterion a positive priority")
        if analyst.judgements:
            _, pairwise_problems = weights_from_judgements(analyst.judgements, criteria, where)
            problems.extend(pairwise_problems)
        for name, given in analyst.factors.items():
            if name not in pack.factors:
                problems.add(given.location, f"unknown factor {name!r} for "
                             f"pack {pack.id!r}", "an analyst may restate the pack's facts only")
                continue
            bounds = [given.low, given.high] if given.has_range else []
            for candidate in (given.value, *bounds):
                wrong = value_problem(pack.factors[name], candidate)
                if wrong:
                    problems.add(given.location, *wrong)
                    break
    problems.raise_if_errors()


def analyse_panel(pack: Pack, scenario: Scenario, analysts: Sequence[Analyst],
                  method: Aggregation = Aggregation.PRIORITIES) -> PanelAnalysis:
    """Score each analyst's view and the panel's combined view (raises InputError)."""
    if not analysts:
        raise InputError.single(PANEL_LOCATION, "the panel has no analysts",
                                "give a folder of judgement files")
    check_panel(pack, analysts)
    total = math.fsum(a.voting_weight for a in analysts)
    members = []
    for analyst in analysts:
        result = score(pack, member_scenario(scenario, analyst))
        gci = limit = None
        if analyst.judgements:
            matrix = _matrix(pack, analyst)
            gci = geometric_consistency_index(matrix)
            limit = gci_threshold(len(matrix))
        members.append(MemberView(analyst, analyst.voting_weight / total, result, gci, limit))
    notes: list[str] = []
    if len(members) == 1:
        # Combining one view is that view: scored exactly as the analyst's own scenario.
        combined = member_scenario(scenario, analysts[0])
        notes.append("a panel of one: the combined view is that analyst's own")
    else:
        combined = _group_scenario(pack, scenario, members, method)
    # The combined scenario says where it came from, so the decision log keeps the panel's
    # files and their digests with the run, and a rerun reproduces the combined view.
    group = score(pack, replace(combined, notes=_provenance(scenario, members, method)))
    options = [o.id for o in pack.options.values()]
    rows = [[m.result.option(o).score for o in options] for m in members]
    vectors = [[m.result.weights[c] for c in pack.criteria] for m in members]
    kendall = kendalls_w(rows) if len(members) > 1 else math.nan
    consensus = consensus_indicator(vectors)
    dissent = tuple(_dissent(m, group, scenario) for m in members
                    if m.leader != group.leader.id)
    for m in members:
        if m.gci is not None and m.gci_limit is not None and m.gci > m.gci_limit:
            notes.append(f"{m.analyst.name}'s pairwise answers are inconsistent (GCI "
                         f"{m.gci:.2f} > {m.gci_limit:.2f})")
    return PanelAnalysis(method, tuple(members), group, kendall, consensus, dissent,
                         tuple(notes))


def _provenance(scenario: Scenario, members: Sequence[MemberView],
                method: Aggregation) -> str:
    files = "; ".join(f"{m.analyst.name} ({m.analyst.path or 'no file'}, vote "
                      f"{m.analyst.voting_weight:g}, sha256 {m.analyst.digest[:16]})"
                      for m in members)
    lead = f"{scenario.notes.rstrip()}\n\n" if scenario.notes.strip() else ""
    return (f"{lead}Panel of {len(members)}, combined by {method.label}: {files}.")


def _matrix(pack: Pack, analyst: Analyst) -> list[list[float]]:
    criteria = list(pack.criteria)
    index = {c: i for i, c in enumerate(criteria)}
    matrix = [[1.0] * len(criteria) for _ in criteria]
    for j in analyst.judgements:
        i, k = index[j.a], index[j.b]
        matrix[i][k], matrix[k][i] = j.ratio, 1.0 / j.ratio
    return matrix


def _group_scenario(pack: Pack, scenario: Scenario, members: Sequence[MemberView],
                    method: Aggregation) -> Scenario:
    criteria = list(pack.criteria)
    voting = [m.share for m in members]
    shared = replace(scenario, priority_locations={})
    if method is Aggregation.PRIORITIES:
        combined = aggregate_priorities([[m.result.weights[c] for c in criteria]
                                         for m in members], voting)
        return replace(shared, judgements=(), priorities=dict(zip(criteria, combined,
                                                                    strict=True)))
    matrices = [_matrix(pack, m.analyst) if m.analyst.judgements
                else matrix_from_weights([m.result.weights[c] for c in criteria])
                for m in members]
    merged = aggregate_judgements(matrices, voting)
    judgements = tuple(Judgement(criteria[i], criteria[k], merged[i][k], PANEL_LOCATION)
                       for i in range(len(criteria)) for k in range(i + 1, len(criteria)))
    if len(criteria) < 2:
        return replace(shared, judgements=(), priorities={criteria[0]: 1.0})
    # The engine derives the weights from the combined matrix as from any analyst's.
    return replace(shared, priorities={}, judgements=judgements)


def _dissent(member: MemberView, group: Result, scenario: Scenario) -> Dissent:
    view = member.result
    theirs, panel_leader = view.leader.id, group.leader.id
    gaps = sorted(((c, view.weights[c], group.weights[c]) for c in group.weights),
                  key=lambda g: (-abs(g[1] - g[2]), g[0]))
    return Dissent(member.analyst.name, member.analyst.role, theirs, panel_leader,
                   view.option(theirs).score - view.option(panel_leader).score,
                   tuple(gaps[:2]), member.analyst.rationale,
                   tuple((name, value.value, _stated(scenario, name))
                         for name, value in sorted(member.analyst.factors.items())
                         if value.value != _stated(scenario, name)))


def _stated(scenario: Scenario, factor: str) -> object:
    given = scenario.factors.get(factor)
    return None if given is None else given.value


@dataclass(frozen=True)
class Spread:
    """One criterion's weights across the panel, without names (for a Delphi round)."""

    criterion: str
    low: float
    median: float
    high: float
    panel: float


def weight_spread(analysis: PanelAnalysis) -> tuple[Spread, ...]:
    """Each criterion's lowest, median and highest analyst weight, and the panel's: what
    analysts are shown between Delphi rounds, so no one is swayed by a name."""
    out = []
    for criterion, combined in analysis.group.weights.items():
        ordered = sorted(m.result.weights[criterion] for m in analysis.members)
        middle = len(ordered) // 2
        median = (ordered[middle] if len(ordered) % 2
                  else (ordered[middle - 1] + ordered[middle]) / 2)
        out.append(Spread(criterion, ordered[0], median, ordered[-1], combined))
    return tuple(out)


@dataclass(frozen=True)
class RoundChange:
    """How the panel moved between two Delphi rounds."""

    consensus_before: float
    consensus_after: float
    kendall_before: float
    kendall_after: float
    leader_before: str
    leader_after: str
    revised: tuple[str, ...]  # analysts whose weights changed between the rounds

    @property
    def consensus_rose(self) -> bool:
        return self.consensus_after > self.consensus_before


def compare_rounds(before: PanelAnalysis, after: PanelAnalysis) -> RoundChange:
    """The change from one round of the same panel to the next."""
    earlier = {m.analyst.name.casefold(): m.result.weights for m in before.members}
    revised = tuple(m.analyst.name for m in after.members
                    if m.analyst.name.casefold() in earlier
                    and any(not math.isclose(w, earlier[m.analyst.name.casefold()][c],
                                             abs_tol=1e-9)
                            for c, w in m.result.weights.items()))
    return RoundChange(before.consensus, after.consensus, before.kendall_w, after.kendall_w,
                       before.leader, after.leader, revised)


@dataclass(frozen=True)
class PanelRobustness:
    """The panel as a source of uncertainty: draws split among the analysts' views.

    Each analyst's view (their weights, their facts and ranges) gets a share of the draws
    in proportion to their vote, and every other source is varied as in `sensitivity`;
    the pooled first-place shares weight each view by its vote.  *who_judges* is the part
    of the variance of "the panel's leader comes first" that lies between analysts
    (law of total variance on that yes/no outcome): 1 when the answer depends only on
    who judges, 0 when every analyst's draws give the same chance.  *who_judges_value* is
    what knowing which analyst's view is right would be worth (its EVPPI, see
    :mod:`crossroads.robustness.voi`); *view_leaders* the option best on average under
    each view.
    """

    draws: int
    leader: str  # the combined view's base-case leader
    first: dict[str, float]  # option -> pooled share of draws in which it comes first
    by_analyst: dict[str, dict[str, float]]  # analyst -> option -> share first
    who_judges: float
    recommendation: Recommendation | None
    who_judges_value: ValueOfInformation | None = None
    view_leaders: dict[str, str] = field(default_factory=dict)  # analyst -> option


def allocate(draws: int, shares: Sequence[float]) -> list[int]:
    """*draws* split in proportion to *shares* (largest remainder), at least one each."""
    exact = [draws * s for s in shares]
    counts = [max(1, math.floor(x)) for x in exact]
    order = sorted(range(len(shares)), key=lambda i: (-(exact[i] - math.floor(exact[i])), i))
    for i in order[:max(0, draws - sum(counts))]:
        counts[i] += 1
    return counts


def panel_robustness(pack: Pack, scenario: Scenario, analysis: PanelAnalysis,
                     draws: int, seed: int) -> PanelRobustness:
    """Draws over who judges and everything else uncertain (see :class:`PanelRobustness`)."""
    counts = allocate(draws, [m.share for m in analysis.members])
    by_analyst: dict[str, dict[str, float]] = {}
    views = []
    scorer = VectorScorer(pack)
    for k, (member, n) in enumerate(zip(analysis.members, counts, strict=True)):
        by_analyst[member.analyst.name], scores = view_draws(
            pack, member_scenario(scenario, member.analyst), n, seed + k, scorer=scorer)
        views.append((member.analyst.name, member.share, scores))
    order = [o.id for o in analysis.group.options]
    value, view_leaders = who_judges_value(views, scorer.option_ids,
                                           [scorer.option_ids.index(o) for o in order])
    shares = [m.share for m in analysis.members]
    first = {o: math.fsum(s * by_analyst[m.analyst.name][o]
                          for s, m in zip(shares, analysis.members, strict=True))
             for o in order}
    leader = analysis.leader
    p = first[leader]
    total = p * (1 - p)
    between = math.fsum(s * (by_analyst[m.analyst.name][leader] - p) ** 2
                        for s, m in zip(shares, analysis.members, strict=True))
    return PanelRobustness(sum(counts), leader, first, by_analyst,
                           between / total if total > 0 else 0.0,
                           recommend(first, order, sum(counts)), value, view_leaders)
