"""Recorded runs scored again, and compared: whether a result changed, and why.

:func:`rerun` scores a recorded scenario (as scored then, overrides included) with today's
pack and names the cause of any difference (pack digest, crossroads version);
:func:`diff` compares two recorded runs: pack, factor values, weights, settings, ranking.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crossroads._version import __version__
from crossroads.core.engine import Result, score
from crossroads.core.errors import InputError
from crossroads.core.model import Pack
from crossroads.io.loader import load_pack
from crossroads.io.lookup import find_pack
from crossroads.io.serialize import scenario_from_dict
from crossroads.log.records import summarise
from crossroads.log.store import RunRecord

EPSILON = 1e-9  # scores closer than this count as equal (float noise, not a change)


# -- comparisons -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ValueChange:
    """A named value that differs between two runs (None: absent on that side)."""

    name: str
    old: Any
    new: Any
    note: str = ""


@dataclass(frozen=True, slots=True)
class OptionChange:
    """An option's rank and score in two runs (None: the option is absent on that side)."""
    id: str
    title: str
    old_rank: int | None
    new_rank: int | None
    old_score: float | None
    new_score: float | None

    @property
    def moved(self) -> bool:
        return self.old_rank != self.new_rank

    @property
    def changed(self) -> bool:
        if self.old_score is None or self.new_score is None:
            return self.old_score is not self.new_score
        return self.moved or abs(self.new_score - self.old_score) > EPSILON


@dataclass(frozen=True, slots=True)
class ContributionChange:
    """Points one rule gave one option on one criterion, before and after."""

    option: str
    rule: str
    criterion: str
    old: float | None
    new: float | None


def _differs(old: Any, new: Any) -> bool:
    if isinstance(old, int | float) and isinstance(new, int | float) \
            and not isinstance(old, bool) and not isinstance(new, bool):
        return abs(float(old) - float(new)) > EPSILON
    return bool(old != new)


def compare_values(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[ValueChange, ...]:
    """Entries that differ, were added or were removed, in a stable order."""
    names = list(old) + [n for n in new if n not in old]
    return tuple(ValueChange(n, old.get(n), new.get(n)) for n in names
                 if n not in old or n not in new or _differs(old[n], new[n]))


def compare_factors(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[ValueChange, ...]:
    """Factor values as scored (summary ``factors``), noting which came from pack defaults."""
    changes = []
    for change in compare_values({k: v["value"] for k, v in old.items()},
                                 {k: v["value"] for k, v in new.items()}):
        sides = [("before", old.get(change.name)), ("after", new.get(change.name))]
        defaulted = [label for label, entry in sides if entry and entry.get("defaulted")]
        note = "pack default " + " and ".join(defaulted) if defaulted else ""
        changes.append(ValueChange(change.name, change.old, change.new, note))
    return tuple(changes)


def compare_options(old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]
                    ) -> tuple[OptionChange, ...]:
    """Every option of either ranking, in the new order, then options that disappeared."""
    before = {o["id"]: o for o in old}
    after = {o["id"]: o for o in new}
    order = [o["id"] for o in new] + [o["id"] for o in old if o["id"] not in after]
    out = []
    for option_id in order:
        a, b = before.get(option_id), after.get(option_id)
        title = (b or a or {}).get("title", option_id)
        out.append(OptionChange(option_id, title,
                                None if a is None else a["rank"],
                                None if b is None else b["rank"],
                                None if a is None else a["score"],
                                None if b is None else b["score"]))
    return tuple(out)


def compare_contributions(old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]
                          ) -> tuple[ContributionChange, ...]:
    """Rule points that appeared, disappeared or changed, per option."""
    def points(options: Sequence[Mapping[str, Any]]) -> dict[tuple[str, str, str], float]:
        return {(o["id"], rule, criterion): value
                for o in options for rule, criterion, value in o.get("contributions", [])}

    a, b = points(old), points(new)
    keys = sorted(set(a) | set(b))
    return tuple(ContributionChange(opt, rule, crit, a.get((opt, rule, crit)),
                                    b.get((opt, rule, crit)))
                 for opt, rule, crit in keys
                 if (opt, rule, crit) not in a or (opt, rule, crit) not in b
                 or _differs(a[(opt, rule, crit)], b[(opt, rule, crit)]))


# -- rerun -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rerun:
    """A recorded run scored again with today's pack, and why the result did or did not move."""
    record: RunRecord
    result: Result
    pack_source: str
    options: tuple[OptionChange, ...]
    contributions: tuple[ContributionChange, ...]
    factors: tuple[ValueChange, ...]
    weights: tuple[ValueChange, ...]
    causes: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return any(o.changed for o in self.options)

    @property
    def leader_changed(self) -> bool:
        return self.record.leader != self.result.leader.id

    @property
    def verdict(self) -> str:
        """One sentence: did the result change, and what explains it."""
        if not self.changed:
            if self.causes:
                return ("Result unchanged: " + "; ".join(self.causes)
                        + ", but not in a way that affects this scenario.")
            return "Result unchanged: same pack digest, same ranking and scores."
        before = (self.record.result.get("options") or [{}])[0]
        now = self.result.leader
        what = (f"the leader changed from {before.get('title', '?')} ({self.record.leader}) "
                f"to {now.title} ({now.id})"
                if self.leader_changed else
                "same leader, ranks moved" if any(o.moved for o in self.options) else
                "same ranking, scores moved")
        why = "; ".join(self.causes) if self.causes else \
            "no recorded cause (same pack digest and crossroads version)"
        return f"Result changed ({what}). Cause: {why}."


def todays_pack(record: RunRecord, pack_ref: str | None = None) -> tuple[Pack, str]:
    """The pack to re-score with, and where it came from: --pack, the recorded path, or id."""

    if pack_ref:
        return find_pack(pack_ref), pack_ref
    if record.pack_path and (Path(record.pack_path) / "pack.yaml").is_file():
        return load_pack(record.pack_path), record.pack_path
    try:
        return find_pack(record.pack_id), f"shipped pack {record.pack_id}"
    except InputError as exc:
        raise InputError.single(
            f"history run {record.short_id}",
            f"pack {record.pack_id!r} is gone from {record.pack_path or 'the shipped packs'}",
            "pass --pack PATH to re-score with a pack of your choice") from exc


def rerun(record: RunRecord, pack_ref: str | None = None) -> Rerun:
    """Score the recorded scenario (as scored then, overrides included) with today's pack."""
    pack, source = todays_pack(record, pack_ref)
    scenario = scenario_from_dict(record.scenario, f"history run {record.short_id}")
    result = score(pack, scenario)
    summary = summarise(result)
    return Rerun(
        record=record, result=result, pack_source=source,
        options=compare_options(record.result["options"], summary["options"]),
        contributions=compare_contributions(record.result["options"], summary["options"]),
        factors=compare_factors(record.result.get("factors", {}), summary["factors"]),
        weights=compare_values(record.weights, result.weights),
        causes=_causes(record, pack),
    )


def _causes(record: RunRecord, pack: Pack) -> tuple[str, ...]:

    causes = []
    if pack.id != record.pack_id:
        causes.append(f"scored with pack {pack.id!r} instead of {record.pack_id!r}")
    elif pack.digest != record.pack_digest:
        version = (f"version {record.pack_version} → {pack.version}"
                   if pack.version != record.pack_version
                   else f"version {pack.version} unchanged")
        causes.append(f"the pack changed (digest {record.pack_digest} → {pack.digest}, "
                      f"{version})")
    if __version__ != record.version:
        causes.append(f"crossroads changed ({record.version} → {__version__})")
    return tuple(causes)


# -- diff --------------------------------------------------------------------------------

@dataclass(frozen=True)
class RunDiff:
    """What differs between two recorded runs: pack, facts, weights, settings, ranking."""
    old: RunRecord
    new: RunRecord
    pack: tuple[ValueChange, ...]
    factors: tuple[ValueChange, ...]
    priorities: tuple[ValueChange, ...]  # as the scenario and --weights gave them
    weights: tuple[ValueChange, ...]  # normalised, as scored
    settings: tuple[ValueChange, ...]
    options: tuple[OptionChange, ...]

    @property
    def identical(self) -> bool:
        return not (self.pack or self.factors or self.priorities or self.weights
                    or self.settings or any(o.changed for o in self.options))


def diff(old: RunRecord, new: RunRecord) -> RunDiff:
    """Compare two recorded runs."""
    def pack(r: RunRecord) -> dict[str, Any]:
        return {"pack": r.pack_id, "version": r.pack_version, "digest": r.pack_digest}

    def settings(r: RunRecord) -> dict[str, Any]:
        return {"scenario": r.scenario_id, "subject": r.subject,
                "risk_aversion": r.risk_aversion, "seed": r.seed, "crossroads": r.version}

    return RunDiff(
        old=old, new=new,
        pack=compare_values(pack(old), pack(new)),
        factors=compare_factors(old.result.get("factors", {}), new.result.get("factors", {})),
        priorities=compare_values(old.scenario.get("priorities") or {},
                                  new.scenario.get("priorities") or {}),
        weights=compare_values(old.weights, new.weights),
        settings=compare_values(settings(old), settings(new)),
        options=compare_options(old.result["options"], new.result["options"]),
    )
