"""A scenario file → :class:`Scenario`, reporting every problem at once."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from crossroads.core.errors import ProblemCollector
from crossroads.core.limits import MAX_RISK_AVERSION
from crossroads.core.model import FactorValue, Judgement, Scenario, SourceKind, derive_source_kind
from crossroads.io.doccache import load_doc, scenarios_opted_in
from crossroads.io.method_fields import read_range
from crossroads.io.pairwise import parse_pairwise
from crossroads.io.reader import ITEM_ID, Reader
from crossroads.io.yamldoc import Doc, PathKey

SCENARIO_FORMAT = "crossroads.scenario/1"

_SCENARIO_KEYS = ("format", "id", "title", "subject", "as_of", "pack", "factors", "priorities",
                  "pairwise", "risk_aversion", "notes", "question", "risk_aversion_range")


def load_scenario(path: Path | str) -> Scenario:
    """Load a scenario file (structure only; values are checked against a pack when scored)."""
    p = Path(path)
    # A scenario may be classified: it is cached (a copy outliving the run) only by opt-in.
    doc = load_doc(p, "check the spelling, or run `crossroads scenarios list` for shipped ids",
                   cache=scenarios_opted_in())
    return scenario_from_doc(doc, p)


def scenario_from_doc(doc: Doc, path: Path | None = None) -> Scenario:
    problems = ProblemCollector()
    r = Reader(doc, problems)
    data = r.mapping((), doc.data, required=("format", "id", "title", "subject"),
                     optional=_SCENARIO_KEYS, what="scenario") or {}
    if data:
        r.format_version(data, SCENARIO_FORMAT)
    ident = "?"  # a missing id is already reported as a missing required key
    if "id" in data:
        ident = r.identifier(("id",), data["id"], what="scenario id") or "?"
    as_of = data.get("as_of")
    if as_of is not None and not isinstance(as_of, _dt.date):
        try:
            as_of = _dt.date.fromisoformat(str(as_of))
        except ValueError:
            r.error(("as_of",), f"as_of must be a date (YYYY-MM-DD), got {as_of!r}")
            as_of = None
    pack_id, pack_version = "", ""
    pack = data.get("pack")
    if isinstance(pack, dict):
        r.mapping(("pack",), pack, required=("id",), optional=("version",), what="pack")
        pack_id = str(pack.get("id", ""))
        pack_version = str(pack.get("version", ""))
    elif pack is not None:
        pack_id = r.text(("pack",), pack, what="pack")
    factors: dict[str, FactorValue] = {}
    raw_factors = data.get("factors") or {}
    if r.mapping(("factors",), raw_factors, optional=raw_factors.keys() if isinstance(
            raw_factors, dict) else (), what="factors") is not None:
        for name, raw in raw_factors.items():
            factors[name] = read_factor_value(r, ("factors", name), raw)
    priorities: dict[str, float] = {}
    raw_priorities = data.get("priorities") or {}
    if r.mapping(("priorities",), raw_priorities, optional=raw_priorities.keys() if isinstance(
            raw_priorities, dict) else (), what="priorities") is not None:
        for name, raw in raw_priorities.items():
            weight = r.number(("priorities", name), raw, what=f"priority of {name}", low=0)
            if weight is not None:
                priorities[name] = weight
    risk_aversion = None
    if data.get("risk_aversion") is not None:
        risk_aversion = r.number(("risk_aversion",), data["risk_aversion"],
                                 what="risk_aversion", low=0, high=MAX_RISK_AVERSION)
    judgements: tuple[Judgement, ...] = ()
    if data.get("pairwise") is not None:
        judgements = parse_pairwise(r, ("pairwise",), data["pairwise"])
        if priorities:
            r.error(("pairwise",), "give either `priorities` or `pairwise`, not both",
                    "remove one of them; pairwise judgements become AHP weights")
    ra_range = read_range(r, ("risk_aversion_range",), data.get("risk_aversion_range"),
                          "risk_aversion_range")
    # Read every text field before raising, so a bad title is reported with the rest.
    title = r.text(("title",), data.get("title"), what="title", line=True)
    subject = r.text(("subject",), data.get("subject"), what="subject", line=True)
    notes = r.text(("notes",), data.get("notes"), what="notes")
    question = r.text(("question",), data.get("question"), what="question")
    problems.raise_if_errors()
    return Scenario(
        id=ident,
        title=title,
        subject=subject,
        as_of=as_of, pack=pack_id, pack_version=pack_version, factors=factors,
        priorities=priorities, risk_aversion=risk_aversion,
        notes=notes,
        question=question,
        location=r.at(()), path=path, judgements=judgements, risk_aversion_range=ra_range,
        # Positions of the priorities, for the engine's errors about them (it sees the pack).
        priority_locations={name: doc.key_at(("priorities", name)) for name in priorities},
    )


def read_factor_value(r: Reader, path: PathKey, raw: Any) -> FactorValue:
    """One stated fact (plain, or with range, p_wrong, source, note, source_kind, cites);
    judgement files read their analysts' readings with it too."""
    if not isinstance(raw, dict):
        return FactorValue(raw, r.at(path))
    r.mapping(path, raw, required=("value",),
              optional=("range", "low", "high", "p_wrong", "source", "note", "source_kind",
                        "cites"),
              what=f"factor {path[-1]!r}")
    low, high = raw.get("low"), raw.get("high")
    if "range" in raw:
        span = raw["range"]
        if isinstance(span, list) and len(span) == 2:
            low, high = span
        else:
            r.error((*path, "range"), "range must be [low, high]", "e.g. `range: [0.18, 0.21]`")
    if (low is None) != (high is None):
        r.error(path, "give both low and high (or a range)", "e.g. `range: [0.18, 0.21]`")
    p_wrong = None
    if "p_wrong" in raw:
        # Above one half the reading would more likely be wrong than right: the analyst
        # should state the other value instead.
        p_wrong = r.number((*path, "p_wrong"), raw["p_wrong"], what="p_wrong", low=0.0,
                           high=0.5)
    source = r.text((*path, "source"), raw.get("source"), what="source")
    cites = _cites(r, (*path, "cites"), raw.get("cites"))
    kind = derive_source_kind(source, cites)
    declared = raw.get("source_kind")
    if declared is not None:
        if declared in {k.value for k in SourceKind}:
            kind = SourceKind(declared)
        else:
            r.error((*path, "source_kind"), f"unknown source_kind {declared!r}",
                    f"use one of: {', '.join(k.value for k in SourceKind)}")
    return FactorValue(
        raw.get("value"), r.at((*path, "value")), low, high, source,
        r.text((*path, "note"), raw.get("note"), what="note"), kind,
        cites, p_wrong,
    )


def _cites(r: Reader, path: PathKey, raw: Any) -> tuple[str, ...]:
    # Whether each id exists is the pack's business (scenario lint, CR214): a scenario is
    # read before, and independently of, the pack it is scored with.
    if raw is None:
        return ()
    ids = (r.identifier((*path, i), ident, what="bibliography id", pattern=ITEM_ID)
           for i, ident in enumerate(r.items(path, raw, what="cites")))
    return tuple(ident for ident in ids if ident is not None)

