"""Score many scenarios for a side-by-side view; large batches use every core.

Results are reduced to plain :class:`ScenarioRanking` rows (no compiled pack inside), so
worker processes can send them back, and so JSON/CSV renderers need nothing else.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from crossroads.core.errors import InputError, Location, Problem

if TYPE_CHECKING:
    from crossroads.core.model import Pack, Scenario

# Below this many scenarios one process is faster: starting workers and loading the pack
# in each costs more than it saves (measured in tests/benchmarks/test_bench_compare.py).
PARALLEL_THRESHOLD = 200
SCENARIO_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class RankedOption:
    id: str
    title: str
    rank: int
    score: float
    benefit: float
    risk: float


@dataclass(frozen=True, slots=True)
class ScenarioRanking:
    """One scenario's ranking, reduced to plain data."""

    ref: str  # as given (path or shipped id)
    id: str
    title: str
    subject: str
    as_of: _dt.date | None
    pack: str
    pack_version: str
    risk_aversion: float
    options: tuple[RankedOption, ...]
    warnings: tuple[Problem, ...] = ()

    @property
    def leader(self) -> RankedOption:
        return self.options[0]

    @property
    def margin(self) -> float:
        return self.options[0].score - self.options[1].score if len(self.options) > 1 else 0.0


@dataclass(frozen=True, slots=True)
class _Job:
    ref: str
    pack: str | None
    sets: tuple[str, ...]
    weights: tuple[str, ...]
    risk_aversion: float | None


def expand(refs: Sequence[str]) -> list[str]:
    """Scenario references with directories replaced by their YAML files (sorted)."""
    out: list[str] = []
    for ref in refs:
        path = Path(ref)
        if path.is_dir():
            found = sorted(str(p) for p in path.iterdir()
                           if p.suffix in SCENARIO_SUFFIXES and p.is_file())
            if not found:
                raise InputError.single(ref, "directory holds no scenario files (*.yaml)",
                                        "pass scenario files or a directory of them")
            out.extend(found)
        else:
            out.append(ref)
    return out


def compare(
    refs: Sequence[str],
    pack: str | None = None,
    sets: Sequence[str] = (),
    weights: Sequence[str] = (),
    risk_aversion: float | None = None,
    workers: int | None = None,
) -> list[ScenarioRanking]:
    """Score every scenario (files, shipped ids or directories), in the order given.

    Problems in any scenario are collected and raised together as one InputError.
    *workers* ``None`` picks one process for small batches and all cores for large ones.
    """
    jobs = [_Job(ref, pack, tuple(sets), tuple(weights), risk_aversion) for ref in expand(refs)]
    if workers is None:
        workers = (os.cpu_count() or 1) if len(jobs) > PARALLEL_THRESHOLD else 1
    if workers <= 1 or len(jobs) < 2:
        outcomes = _run(jobs)
    else:
        from concurrent.futures import ProcessPoolExecutor  # ~9 ms to import; only here

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
    from crossroads.core.engine import score
    from crossroads.io.lookup import find_scenario, under_pack, with_overrides

    out: list[ScenarioRanking | tuple[Problem, ...]] = []
    # The main process loads packs afresh for each call (files may have changed).
    packs: dict[str, Pack] = _worker_packs if _worker_packs is not None else {}
    for job in jobs:
        try:
            scenario = find_scenario(job.ref)
            loaded = _pack_for(job.pack, scenario, packs)
            if job.pack:
                scenario = under_pack(loaded, scenario)
            scenario = with_overrides(loaded, scenario, list(job.sets), list(job.weights),
                                      job.risk_aversion)
            result = score(loaded, scenario)
        except InputError as error:
            out.append(error.problems)
            continue
        except OSError as error:
            out.append((Problem(Location(job.ref), f"cannot read: {error.strerror}",
                                "check the path"),))
            continue
        out.append(ScenarioRanking(
            job.ref, scenario.id, scenario.title, scenario.subject, scenario.as_of,
            loaded.id, loaded.version, result.risk_aversion,
            tuple(RankedOption(o.id, o.title, o.rank, o.score, o.benefit, o.risk)
                  for o in result.options),
            result.warnings))
    return out


def _pack_for(ref: str | None, scenario: Scenario, cache: dict[str, Pack]) -> Pack:
    """The pack to score *scenario* with, loaded once per batch (loading costs ~50 ms)."""
    from crossroads.io.lookup import find_pack

    key = ref or scenario.pack or ""
    if key not in cache:
        cache[key] = find_pack(ref, scenario)
    return cache[key]

