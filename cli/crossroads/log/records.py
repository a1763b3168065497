"""What the decision log records about a run: engine results → :class:`RunRecord`.

Imported on every logged run, so it stays small and defines no classes; re-running and
comparing records is :mod:`crossroads.log.rerun`, storage is :mod:`crossroads.log.store`.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from crossroads._version import __version__
from crossroads.io.serialize import plain_data, scenario_to_dict
from crossroads.log.store import RunRecord

if TYPE_CHECKING:
    from crossroads.core.engine import Result


def new_run_id() -> str:
    """32 random hex digits: unique without coordination, so short prefixes identify runs."""
    return os.urandom(16).hex()


def utc_now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="milliseconds")


def summarise(result: Result) -> dict[str, Any]:
    """The result as the log keeps it: ranking, scores, the points behind them, the facts."""
    return {
        "options": [
            {"id": o.id, "title": o.title, "rank": o.rank, "score": o.score,
             "benefit": o.benefit, "risk": o.risk,
             # [rule, criterion, points]: enough for a rerun to say which rule moved a score.
             "contributions": [[c.rule, c.criterion, c.points] for c in o.contributions],
             "risks": [[r.id, r.likelihood, r.impact] for r in o.risks]}
            for o in result.options
        ],
        "factors": {f.id: {"value": plain_data(f.value), "defaulted": f.defaulted}
                    for f in result.factors},
    }


def record_of(result: Result) -> RunRecord:
    """What the log keeps of one scored scenario, before the run it belongs to is known.

    Plain data (it crosses process boundaries in a large comparison);
    :func:`make_records` stamps it with the command, time and ids.
    """
    pack = result.pack
    return RunRecord(
        id="", created="", command="", argv=(), version="", pack_id=pack.id,
        pack_version=pack.version, pack_digest=pack.digest,
        scenario=scenario_to_dict(result.scenario), weights=dict(result.weights),
        risk_aversion=result.risk_aversion, result=summarise(result),
        pack_path=str(pack.directory.resolve()), leader=result.leader.id,
    )


def make_records(
    command: str,
    results: Sequence[Result | RunRecord],
    argv: Sequence[str],
    *,
    seed: int | None = None,
    version: str | None = None,
) -> list[RunRecord]:
    """One record per scored scenario (an engine result, or :func:`record_of` it); the
    records of one command share an invocation id."""
    if version is None:
        version = __version__
    created = utc_now()
    invocation = new_run_id()
    ids = [new_run_id() for _ in results]
    full = tuple(argv)
    short = _shortened(full, ids[0]) if len(results) > 1 else full
    return [
        (r if isinstance(r, RunRecord) else record_of(r))._replace(
            id=run_id, created=created, command=command, argv=full if n == 0 else short,
            version=version, seed=seed, invocation=invocation)
        for n, (run_id, r) in enumerate(zip(ids, results, strict=True))
    ]


# Characters of a command line every record of a batch repeats; past this, only the
# batch's first record keeps it whole.  `score *.yaml` over 5,000 files would otherwise
# store 5,000 copies of a 100 kB line: a log growing with the square of the batch.
ARGV_BUDGET = 2000


def _shortened(argv: tuple[str, ...], first_id: str) -> tuple[str, ...]:
    """*argv* cut to :data:`ARGV_BUDGET` characters, saying what was left out and where
    the whole line is (the first record of the same invocation)."""
    kept: list[str] = []
    used = 0
    for arg in argv:
        used += len(arg) + 1
        if used > ARGV_BUDGET:
            rest = len(argv) - len(kept)
            return (*kept, f"... {rest} more arguments (whole command line: run {first_id[:8]})")
        kept.append(arg)
    return argv
