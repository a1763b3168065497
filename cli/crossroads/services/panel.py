"""A panel of analysts scored against one scenario: each view, the combined view, dissent.

Each analyst's judgement file replaces the scenario's priorities (and, where given, its
judged facts) to give that analyst's own ranking; the panel's priorities are combined by
the chosen :class:`~crossroads.core.panel.Aggregation` into one group scenario, scored
like any other.  The shared facts stay the scenario's: the combined base case uses the
scenario's stated values, and analysts' own views of judged facts enter their own
rankings and the panel's robustness draws.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from crossroads.core.ahp import weights_from_judgements
from crossroads.core.engine import Result, score
from crossroads.core.errors import InputError, Location, ProblemCollector
from crossroads.core.factors import FactorNature, suggest
from crossroads.core.inputs import check_factor_value
from crossroads.core.model import Judgement, Pack, Scenario
from crossroads.core.panel import (
    Aggregation,
    Analyst,
    aggregate_judgements,
    aggregate_priorities,
    beyond_scale,
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

if TYPE_CHECKING:
    from crossroads.services.panel_draws import PanelRobustness
    from crossroads.services.panel_rounds import RoundChange

PANEL_LOCATION = Location("<panel>")


def aggregation(name: str) -> Aggregation:
    """The method named on the command line (``priorities`` or ``judgements``)."""
    chosen = {a.value: a for a in Aggregation}
    if name not in chosen:
        raise InputError.single("--method", f"unknown method {name!r}",
                                "choose priorities or judgements")
    return chosen[name]


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
    # The option first on their weights with the scenario's facts (theirs set aside): tells
    # whether a dissent comes from how they weigh or from how they read the facts.
    leader_on_stated_facts: str = ""
    # Their weights scored on the scenario's facts, when they read some fact otherwise
    # (None: their view already is on the scenario's facts).
    on_stated_facts: Result | None = None

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
    share: float = 0.0  # their share of the panel's votes
    # What makes them dissent: "weights" (their weights alone, on the scenario's facts,
    # put another option first), "facts" (their weights on the scenario's facts would
    # back the panel's leader; their reading of the facts does not) or "both".
    driver: str = "weights"


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
    def dissent_share(self) -> float:
        """The share of the panel's votes held by the dissenting analysts."""
        return math.fsum(d.share for d in self.dissent)

    @property
    def kendall_words(self) -> str:
        return kendall_band(self.kendall_w)

    @property
    def consensus_words(self) -> str:
        return consensus_band(self.consensus)


def panel_beside(scenario: Scenario) -> Path | None:
    """The panel kept beside a scenario: the folder ``panels/<scenario id>/`` next to its
    file (as the shipped panels sit beside the shipped scenarios), else None."""
    if scenario.path is None:
        return None
    folder = scenario.path.parent / "panels" / scenario.id
    return folder if folder.is_dir() else None


def panel_for(pack: Pack, scenario: Scenario, refs: Sequence[str | Path],
              method: str = "priorities", previous: Sequence[str | Path] = ()
              ) -> PanelAnalysis:
    """The panel named by *refs* analysed on *scenario*, compared with the *previous*
    Delphi round's panel when one is named (what ``--panel``, ``--method`` and
    ``--previous`` ask of every command)."""
    from crossroads.services.panel_rounds import compare_rounds

    chosen = aggregation(method)
    analysis = analyse_panel(pack, scenario, find_panel([Path(r) for r in refs]), chosen)
    if previous:
        earlier = analyse_panel(pack, scenario, find_panel([Path(p) for p in previous]),
                                chosen, round_label="previous Delphi round")
        analysis = replace(analysis, previous=compare_rounds(earlier, analysis))
    return analysis


def member_scenario(scenario: Scenario, analyst: Analyst) -> Scenario:
    """The scenario as this analyst sees it: their priorities and judged facts."""
    return replace(scenario, priorities=dict(analyst.priorities),
                   judgements=analyst.judgements, priority_locations={},
                   factors={**scenario.factors, **analyst.factors})


def check_panel(pack: Pack, analysts: Sequence[Analyst], scenario: Scenario | None = None
                ) -> None:
    """Every judgement file fits the pack (its id, every criterion weighed, none extra)
    and, when the file names one, the scenario."""
    problems = ProblemCollector()
    criteria = list(pack.criteria)
    for analyst in analysts:
        if analyst.pack and analyst.pack != pack.id:
            problems.add(analyst.at("pack"), f"{analyst.name}'s judgements are for pack "
                         f"{analyst.pack!r}, not {pack.id!r}",
                         "give judgements made for this pack")
        if scenario is not None and analyst.scenario and analyst.scenario != scenario.id:
            problems.add(analyst.at("scenario"), f"{analyst.name}'s judgements were given "
                         f"for scenario {analyst.scenario!r}, not {scenario.id!r}",
                         "use a panel made for this scenario, or change `scenario:` in the "
                         "file if the judgements hold for it too")
        if analyst.priorities:
            extra = [c for c in analyst.priorities if c not in pack.criteria]
            missing = [c for c in criteria if c not in analyst.priorities]
            for name in extra:
                problems.add(analyst.at(f"priorities.{name}"), f"{analyst.name} weighs a "
                             f"criterion the pack does not have: {name}",
                             suggest(name, criteria) or f"the criteria are: "
                             f"{', '.join(criteria)}")
            # A misspelt criterion is reported once, as the misspelling, not again as missing.
            meant = {close for name in extra
                     for close in difflib.get_close_matches(name, missing, n=1, cutoff=0.6)}
            missing = [c for c in missing if c not in meant]
            if missing:
                problems.add(analyst.at("priorities"), f"{analyst.name} gives no priority "
                             f"for: {', '.join(missing)}",
                             "a panel member weighs every criterion (0 if it does not matter)")
            if not extra and not missing and not any(v > 0 for v in analyst.priorities.values()):
                problems.add(analyst.at("priorities"), f"{analyst.name} gives every "
                             "criterion a zero priority",
                             "give at least one criterion a positive priority")
        if analyst.judgements:
            _, pairwise_problems = weights_from_judgements(analyst.judgements, criteria,
                                                           analyst.at("pairwise"))
            problems.extend(pairwise_problems)
        for name, given in analyst.factors.items():
            if name not in pack.factors:
                problems.add(given.location, f"unknown factor {name!r} for "
                             f"pack {pack.id!r}", "an analyst may restate the pack's facts only")
                continue
            nature = pack.factors[name].nature
            if nature is not FactorNature.JUDGED:
                problems.add(given.location, f"{name} is a {nature.value} fact, shared by the "
                             "panel: an analyst gives their own reading of judged facts only",
                             "remove it from the judgement file, or correct the scenario")
                continue
            check_factor_value(pack.factors[name], given, problems)
    problems.raise_if_errors()


def analyse_panel(pack: Pack, scenario: Scenario, analysts: Sequence[Analyst],
                  method: Aggregation = Aggregation.PRIORITIES, round_label: str = ""
                  ) -> PanelAnalysis:
    """Score each analyst's view and the panel's combined view (raises InputError).

    *round_label* ("previous Delphi round") opens the combined scenario's provenance
    note, so a round recorded in the decision log says which round it was."""
    if not analysts:
        raise InputError.single(PANEL_LOCATION, "the panel has no analysts",
                                "give a folder of judgement files")
    check_panel(pack, analysts, scenario)
    total = math.fsum(a.voting_weight for a in analysts)
    members = []
    for analyst in analysts:
        result = score(pack, member_scenario(scenario, analyst))
        gci = limit = None
        if analyst.judgements:
            matrix = _matrix(pack, analyst)
            gci = geometric_consistency_index(matrix)
            limit = gci_threshold(len(matrix))
        on_stated = None
        if analyst.factors:
            on_stated = score(pack, replace(member_scenario(scenario, analyst),
                                            factors=scenario.factors))
        members.append(MemberView(analyst, analyst.voting_weight / total, result, gci, limit,
                                  (on_stated or result).leader.id, on_stated))
    notes: list[str] = []
    if len(members) == 1:
        # Combining one view is that view: scored exactly as the analyst's own scenario.
        combined = member_scenario(scenario, analysts[0])
        notes.append("a panel of one: the combined view is that analyst's own")
    else:
        combined = _group_scenario(pack, scenario, members, method)
    # The combined scenario says where it came from, so the decision log keeps the panel's
    # files and their digests with the run, and a rerun reproduces the combined view.
    consistency = tuple((m.analyst.name, m.gci, m.gci_limit) for m in members
                        if m.gci is not None and m.gci_limit is not None)
    group = score(pack, replace(combined, notes=_provenance(scenario, members, method,
                                                            round_label),
                                panel_consistency=consistency))
    options = [o.id for o in pack.options.values()]
    rows = [[m.result.option(o).score for o in options] for m in members]
    vectors = [[m.result.weights[c] for c in pack.criteria] for m in members]
    kendall = kendalls_w(rows) if len(members) > 1 else math.nan
    consensus = consensus_indicator(vectors)
    if consensus < 0:
        # Goepel's rescaling assumes weights a 1-9 scale can give; zeros go past its floor.
        notes.append(f"Goepel's S* comes out at {consensus:.0%}, below the 0% its scale "
                     "assumes, because some analysts' weights are more than 9 times apart "
                     "(or zero); it is shown as 0%")
        consensus = 0.0
    if method is Aggregation.JUDGEMENTS and len(members) > 1:
        notes.extend(_capped_ratios(pack, members))
    dissent = tuple(_dissent(m, group, scenario) for m in members
                    if m.leader != group.leader.id)
    for m in members:
        if m.gci is not None and m.gci_limit is not None and m.gci > m.gci_limit:
            notes.append(f"{m.analyst.name}'s pairwise answers are inconsistent (GCI "
                         f"{m.gci:.2f} > {m.gci_limit:.2f})")
    return PanelAnalysis(method, tuple(members), group, kendall, consensus, dissent,
                         tuple(notes))


def _capped_ratios(pack: Pack, members: Sequence[MemberView]) -> list[str]:
    """Notes for analysts whose priorities enter AIJ with ratios capped at Saaty's 9."""
    criteria = list(pack.criteria)
    out = []
    for m in members:
        if m.analyst.judgements:
            continue
        low = beyond_scale([m.result.weights[c] for c in criteria])
        if low:
            names = ", ".join(pack.criteria[criteria[i]].title for i in low)
            out.append(f"{m.analyst.name}'s priorities put {names} more than 9 times below "
                       "their heaviest criterion (or at 0); combining judgements, those "
                       "ratios count as 9, the most a pairwise judgement can say")
    return out


def _provenance(scenario: Scenario, members: Sequence[MemberView],
                method: Aggregation, round_label: str = "") -> str:
    files = "; ".join(f"{m.analyst.name} ({m.analyst.path or 'no file'}, vote "
                      f"{m.analyst.voting_weight:g}, sha256 {m.analyst.digest[:16]})"
                      for m in members)
    lead = f"{scenario.notes.rstrip()}\n\n" if scenario.notes.strip() else ""
    which = f"{round_label[:1].upper()}{round_label[1:]}: p" if round_label else "P"
    return f"{lead}{which}anel of {len(members)}, combined by {method.label}: {files}."


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
    reads = tuple((name, value.value, _stated(scenario, name))
                  for name, value in sorted(member.analyst.factors.items())
                  if value.value != _stated(scenario, name))
    by_weights = member.leader_on_stated_facts != panel_leader
    driver = ("both" if by_weights and reads else "weights" if by_weights or not reads
              else "facts")
    return Dissent(member.analyst.name, member.analyst.role, theirs, panel_leader,
                   view.option(theirs).score - view.option(panel_leader).score,
                   tuple(gaps[:2]), member.analyst.rationale, reads, member.share, driver)


def _stated(scenario: Scenario, factor: str) -> object:
    given = scenario.factors.get(factor)
    return None if given is None else given.value
