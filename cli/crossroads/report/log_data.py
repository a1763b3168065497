"""Decision-log records, reruns and diffs as versioned JSON data and CSV (no rich here).

Schemas: ``crossroads.history/1`` (a list of runs, also the JSON export),
``crossroads.rerun/1`` and ``crossroads.run-diff/1``.
"""

from __future__ import annotations

import io
import shlex
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from crossroads.log.store import RunRecord
from crossroads.report.escaping import csv_writer

if TYPE_CHECKING:
    from crossroads.log.rerun import OptionChange, Rerun, RunDiff

HISTORY_SCHEMA = "crossroads.history/1"
RERUN_SCHEMA = "crossroads.rerun/1"
DIFF_SCHEMA = "crossroads.run-diff/1"

CSV_COLUMNS = ("id", "created", "command", "subject", "scenario", "pack", "pack_version",
               "pack_digest", "leader", "leader_score", "risk_aversion", "seed",
               "crossroads_version", "command_line")


def command_line(record: RunRecord) -> str:
    """The recorded command line, quoted so that it can be pasted into a shell."""
    return shlex.join(["crossroads", *record.argv])


def leader_of(record: RunRecord) -> dict[str, Any]:
    options = record.result.get("options") or [{}]
    return dict(options[0])


def history_to_dict(records: Sequence[RunRecord]) -> dict[str, Any]:
    return {"schema": HISTORY_SCHEMA, "runs": [r.to_dict() for r in records]}


def run_to_dict(record: RunRecord) -> dict[str, Any]:
    """One run (`history show --format json`): the history contract with one run."""
    return history_to_dict([record])


def history_csv(records: Sequence[RunRecord]) -> str:
    """One row per run: who, when, with which pack, and what came out on top."""
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for r in records:
        leader = leader_of(r)
        writer.writerow([r.id, r.created, r.command, r.subject, r.scenario_id, r.pack_id,
                         r.pack_version, r.pack_digest, leader.get("id", ""),
                         f"{leader['score']:.6f}" if "score" in leader else "",
                         f"{r.risk_aversion:g}", "" if r.seed is None else r.seed,
                         r.version, command_line(r)])
    return buffer.getvalue()


def _option_change(o: OptionChange) -> dict[str, Any]:
    return {**asdict(o), "changed": o.changed, "moved": o.moved}


def rerun_to_dict(rerun: Rerun) -> dict[str, Any]:
    record, pack = rerun.record, rerun.result.pack
    return {
        "schema": RERUN_SCHEMA,
        "run": record.id,
        "changed": rerun.changed,
        "verdict": rerun.verdict,
        "causes": list(rerun.causes),
        "pack": {
            "before": {"id": record.pack_id, "version": record.pack_version,
                       "digest": record.pack_digest},
            "now": {"id": pack.id, "version": pack.version, "digest": pack.digest,
                    "source": rerun.pack_source},
        },
        "options": [_option_change(o) for o in rerun.options],
        "contributions": [asdict(c) for c in rerun.contributions],
        "factors": [asdict(c) for c in rerun.factors],
        "weights": [asdict(c) for c in rerun.weights],
    }


def diff_to_dict(d: RunDiff) -> dict[str, Any]:
    return {
        "schema": DIFF_SCHEMA,
        "old": d.old.id,
        "new": d.new.id,
        "identical": d.identical,
        "pack": [asdict(c) for c in d.pack],
        "factors": [asdict(c) for c in d.factors],
        "priorities": [asdict(c) for c in d.priorities],
        "weights": [asdict(c) for c in d.weights],
        "settings": [asdict(c) for c in d.settings],
        "options": [_option_change(o) for o in d.options],
    }
