"""Several scenarios scored on one panel's combined view: `compare --panel`, `score A B
--panel`.

The panel's files are read once; each scenario is then analysed as `crossroads panel`
would (each analyst's view, the combined view, who dissents) and reduced to the
comparison's plain :class:`~crossroads.services.compare.ScenarioRanking` of the combined
view, beside the analysis itself.

A judgement file may name the scenario its judgements were given for (``scenario:``).
A single-scenario command refuses such a panel on another scenario
(:func:`~crossroads.services.panel.check_panel`): that is most often a mistake.  A
comparison is the place to ask how one panel's priorities carry across scenarios (the
same country a year on, a neighbour), so here a panel named for one scenario is applied
to the others, and each such row says so (:attr:`PanelRow.given_for`), never silently.
What carries across is the analysts' priorities: their readings of judged facts were
given for the scenario they named, so on another scenario they are set aside (its own
facts stand) and the row says whose readings were (:attr:`PanelRow.set_aside`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from crossroads.core.constraints import warnings_at
from crossroads.core.errors import InputError, Location, Problem
from crossroads.core.model import Pack
from crossroads.core.panel import Analyst
from crossroads.services.compare import ScenarioRanking, ranking_of
from crossroads.services.inputs import expand, load_inputs
from crossroads.services.panel import PanelAnalysis, aggregation, analyse_panel, find_panel


@dataclass(frozen=True)
class PanelRow:
    """One scenario of a comparison, scored on the panel's combined view."""

    ranking: ScenarioRanking  # the combined view, as every comparison row
    analysis: PanelAnalysis
    # The scenarios the judgement files name, when not this one: the panel was given for
    # them and is applied here (empty when the files name this scenario or none).
    given_for: tuple[str, ...] = ()
    # Readings of judged facts set aside because they were given for another scenario:
    # (analyst, "Russian pressure (high)", ...) per analyst.
    set_aside: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def dissenters(self) -> tuple[str, ...]:
        return tuple(d.analyst for d in self.analysis.dissent)


def applied_here(analysts: Sequence[Analyst], scenario_id: str
                 ) -> tuple[tuple[Analyst, ...], tuple[str, ...]]:
    """The analysts with any ``scenario:`` naming another scenario set to *scenario_id*,
    their readings of facts (given for that other scenario) set aside, and the other
    scenarios they named (sorted, for the note)."""
    named = tuple(sorted({a.scenario for a in analysts
                          if a.scenario and a.scenario != scenario_id}))
    if not named:
        return tuple(analysts), ()
    return tuple(replace(a, scenario=scenario_id, factors={})
                 if a.scenario and a.scenario != scenario_id else a
                 for a in analysts), named


def set_aside_readings(pack: Pack, analysts: Sequence[Analyst], scenario_id: str
                       ) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Whose readings of facts :func:`applied_here` sets aside on *scenario_id*, in words."""
    out = []
    for analyst in analysts:
        if analyst.scenario and analyst.scenario != scenario_id and analyst.factors:
            readings = tuple(
                f"{pack.factors[name].label if name in pack.factors else name} "
                f"({str(value.value).replace('_', ' ')})"
                for name, value in sorted(analyst.factors.items()))
            out.append((analyst.name, readings))
    return tuple(out)


def compare_with_panel(refs: Sequence[str], panel_refs: Sequence[str], method: str,
                       pack: str | None = None, sets: Sequence[str] = (),
                       risk_aversion: float | None = None, *, keep_records: bool = False
                       ) -> list[PanelRow]:
    """Every scenario (files, ids, directories, ``-``), in order, on the panel's combined
    view.  Problems in any scenario, or in the panel against any scenario's pack, are
    collected and raised together as one InputError."""
    chosen = aggregation(method)
    analysts = find_panel([Path(r) for r in panel_refs])
    packs: dict[str, Pack] = {}
    rows: list[PanelRow] = []
    problems: list[Problem] = []
    for ref in expand(refs):
        try:
            inputs = load_inputs(ref, pack, sets, (), risk_aversion, packs=packs,
                                 check_constraints=False)
            here, named = applied_here(analysts, inputs.scenario.id)
            analysis = analyse_panel(inputs.pack, inputs.scenario, here, chosen)
        except InputError as error:
            problems.extend(error.problems)
            continue
        except OSError as error:
            problems.append(Problem(Location(ref), f"cannot read: {error.strerror}",
                                    "check the path"))
            continue
        group = analysis.group
        warnings = warnings_at(inputs.pack, group.scenario, group.values)
        rows.append(PanelRow(ranking_of(group, ref, keep_record=keep_records,
                                        warnings=(*inputs.warnings, *warnings)),
                             analysis, named,
                             set_aside_readings(inputs.pack, analysts, inputs.scenario.id)))
    if problems:
        raise InputError(problems)
    return rows


def given_for_note(row: PanelRow) -> str:
    """The sentence that says a panel was applied to a scenario it was not given for."""
    note = (f"the panel's judgements were given for {', '.join(row.given_for)}; applied "
            f"to {row.ranking.id}")
    if row.set_aside:
        whose = "; ".join(f"{name}'s reading of {', '.join(readings)}"
                          for name, readings in row.set_aside)
        note += f" on its own facts ({whose} set aside)"
    return note
