"""Score several scenarios for a side-by-side view: `score A B` and `compare` both.

Each scenario is reduced to a plain :class:`ScenarioRanking` (no compiled pack inside),
so worker processes can send it back, every renderer (table, JSON ``crossroads.compare/2``,
CSV, Markdown) needs nothing else, and the decision log gets its record from it.  Large
batches use every core.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crossroads.core.constraints import warnings_at
from crossroads.core.engine import Result, score
from crossroads.core.errors import InputError, Location, Problem
from crossroads.core.model import Pack, Scenario
from crossroads.core.reasons import top_reasons
from crossroads.io.lookup import find_pack, find_scenario, under_pack
from crossroads.io.overrides import with_overrides
from crossroads.log.records import record_of
from crossroads.log.store import RunRecord
from crossroads.services.inputs import STDIN, expand, load_inputs

# Below this many scenarios one process is faster: starting workers and loading the pack
# in each costs more than it saves (measured in tests/benchmarks/test_bench_compare.py).
PARALLEL_THRESHOLD = 200


@dataclass(frozen=True, slots=True)
class RankedOption:
    id: str
    title: str
    rank: int
    score: float
    benefit: float
    risk: float
    top_reason: str = ""  # the largest positive contribution's "because"


@dataclass(frozen=True, slots=True)
class ScenarioRanking:
    """One scenario's ranking, reduced to plain data."""

    ref: str  # as given (path, shipped id or -)
    id: str
    title: str
    subject: str
    as_of: _dt.date | None
    pack: str
    pack_version: str
    pack_digest: str
    risk_aversion: float
    weights: Mapping[str, float]
    options: tuple[RankedOption, ...]
    warnings: tuple[Problem, ...] = ()
    # What the decision log keeps of this run (None when not asked for).
    record: RunRecord | None = field(default=None, compare=False, repr=False)

    @property
    def leader(self) -> RankedOption:
        return self.options[0]

    @property
    def margin(self) -> float:
        return self.options[0].score - self.options[1].score if len(self.options) > 1 else 0.0


def ranking_of(result: Result, ref: str, *, keep_record: bool = False,
               warnings: Sequence[Problem] = ()) -> ScenarioRanking:
    """*result* as a comparison row (a single `score` prints its CSV from this too)."""
    s = result.scenario
    return ScenarioRanking(
        ref, s.id, s.title, s.subject, s.as_of, result.pack.id, result.pack.version,
        result.pack.digest, result.risk_aversion, dict(result.weights),
        tuple(RankedOption(o.id, o.title, o.rank, o.score, o.benefit, o.risk,
                           next(iter(top_reasons(o, count=1)), ""))
              for o in result.options),
        (*warnings, *result.warnings), record_of(result) if keep_record else None)


@dataclass(frozen=True, slots=True)
class _Job:
    ref: str
    pack: str | None
    sets: tuple[str, ...]
    weights: tuple[str, ...]
    risk_aversion: float | None
    keep_record: bool


def compare(
    scenarios: Iterable[Scenario | str | Path],
    pack: Pack | str | Path | None = None,
    *,
    facts: Mapping[str, Any] | None = None,
    weights: Mapping[str, float] | None = None,
    risk_aversion: float | None = None,
) -> list[ScenarioRanking]:
    """Rank every scenario, in the order given, each under its own pack or under *pack*.

    *scenarios* are loaded :class:`~crossroads.core.model.Scenario` objects, or files,
    shipped ids and directories of scenario files; *facts*, *weights* and
    *risk_aversion* change every one of them as
    :func:`~crossroads.io.overrides.with_overrides` does.  Problems in any scenario are
    collected and raised together as one :class:`~crossroads.core.errors.InputError`.
    """
    chosen = find_pack(pack) if isinstance(pack, str | Path) else pack
    packs: dict[str, Pack] = {}
    rows: list[ScenarioRanking] = []
    problems: list[Problem] = []
    for item in _scenarios(scenarios):
        try:
            scenario = find_scenario(item) if isinstance(item, str | Path) else item
            if chosen is None:
                own = packs.get(scenario.pack)
                if own is None:
                    own = packs[scenario.pack] = find_pack(None, scenario)
            else:
                own, scenario = chosen, under_pack(chosen, scenario)
            scenario = with_overrides(own, scenario, facts, weights=weights,
                                      risk_aversion=risk_aversion)
            result = score(own, scenario)
        except InputError as error:
            problems.extend(error.problems)
            continue
        rows.append(ranking_of(result, str(item) if isinstance(item, str | Path)
                               else scenario.id))
    if problems:
        raise InputError(problems)
    return rows


def _scenarios(items: Iterable[Scenario | str | Path]) -> list[Scenario | str | Path]:
    """Directories replaced by the scenario files in them."""
    out: list[Scenario | str | Path] = []
    for item in items:
        out.extend(expand([str(item)]) if isinstance(item, str | Path) else [item])
    return out


def compare_files(
    refs: Sequence[str],
    pack: str | None = None,
    sets: Sequence[str] = (),
    weights: Sequence[str] = (),
    risk_aversion: float | None = None,
    workers: int | None = None,
    *,
    keep_records: bool = False,
) -> list[ScenarioRanking]:
    """Score every scenario (files, shipped ids, directories or - for stdin), in order,
    with the overrides as the command line spells them (``crossroads compare``).

    Problems in any scenario are collected and raised together as one InputError.
    *workers* ``None`` picks one process for small batches and all cores for large ones.
    *keep_records* attaches what the decision log records to each row.
    """
    jobs = [_Job(ref, pack, tuple(sets), tuple(weights), risk_aversion, keep_records)
            for ref in expand(refs)]
    if workers is None:
        workers = (os.cpu_count() or 1) if len(jobs) > PARALLEL_THRESHOLD else 1
    if workers <= 1 or len(jobs) < 2 or any(job.ref == STDIN for job in jobs):
        outcomes = _run(jobs)  # standard input can be read by this process only
    else:
        size = -(-len(jobs) // (workers * 4))  # a few chunks per worker balance the load
        chunks = [jobs[i:i + size] for i in range(0, len(jobs), size)]
        with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker) as pool:
            outcomes = [item for part in pool.map(_run, chunks) for item in part]
    problems = [p for outcome in outcomes if isinstance(outcome, tuple) for p in outcome]
    if problems:
        raise InputError(problems)
    return [o for o in outcomes if isinstance(o, ScenarioRanking)]


# In a worker process: packs loaded so far, kept across chunks (a load costs ~50 ms).
_worker_packs: dict[str, Pack] | None = None


def _start_worker() -> None:
    global _worker_packs
    _worker_packs = {}


def _run(jobs: Sequence[_Job]) -> list[ScenarioRanking | tuple[Problem, ...]]:
    """Score jobs in this process; errors come back as data (exceptions may not pickle)."""
    out: list[ScenarioRanking | tuple[Problem, ...]] = []
    # The main process loads packs afresh for each call (files may have changed).
    packs: dict[str, Pack] = _worker_packs if _worker_packs is not None else {}
    for job in jobs:
        try:
            inputs = load_inputs(job.ref, job.pack, job.sets, job.weights, job.risk_aversion,
                                 packs=packs, check_constraints=False)
            result = score(inputs.pack, inputs.scenario)
            # Checked on the values scoring resolved, not resolved a second time.
            warnings = warnings_at(inputs.pack, inputs.scenario, result.values)
        except InputError as error:
            out.append(error.problems)
            continue
        except OSError as error:
            out.append((Problem(Location(job.ref), f"cannot read: {error.strerror}",
                                "check the path"),))
            continue
        out.append(ranking_of(result, job.ref, keep_record=job.keep_record,
                              warnings=warnings))
    return out
