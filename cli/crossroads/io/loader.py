"""A pack directory (``pack.yaml`` and what it includes) → :class:`Pack`, all problems at once.

Scenario files are read by :mod:`crossroads.io.scenario_file`.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Any

from crossroads.core.errors import InputError, Location, ProblemCollector
from crossroads.core.factors import (
    FACTOR_KINDS,
    FACTOR_NATURES,
    FactorKind,
    FactorNature,
    suggest,
    value_problem,
)
from crossroads.core.model import (
    DEFAULT_RISK_SCALE,
    Applicability,
    Criterion,
    Factor,
    Option,
    Pack,
    Risk,
)
from crossroads.io.bibliography import read_sources
from crossroads.io.confine import YAML_SUFFIXES, Outside, confined, packs_folder
from crossroads.io.doccache import load_doc
from crossroads.io.method_fields import read_anchors, read_uncertainty
from crossroads.io.reader import FACTOR_ID, Reader
from crossroads.io.rule_sections import RuleSections
from crossroads.io.yamldoc import Doc, PathKey

PACK_FORMAT = "crossroads.pack/1"
PACK_FILE = "pack.yaml"
SECTIONS = ("factors", "criteria", "options", "rules", "risks", "risk_rules", "constraints")

_PACK_KEYS = ("id", "version", "title", "description", "perspective", "source",
              "risk_aversion", "risk_scale", "applies_to", "include", "tests", "silence",
              "question", "sources",
              "uncertainty",
              *SECTIONS)


def load_pack(path: Path | str) -> Pack:
    """Load a pack from its directory (or its ``pack.yaml``); raises :class:`InputError`."""
    directory = Path(path)
    main_file = directory / PACK_FILE if directory.is_dir() else directory
    return _PackBuilder(main_file).build()


class _PackBuilder(RuleSections):
    def __init__(self, main_file: Path) -> None:
        self.main_file = main_file
        self.problems = ProblemCollector()
        self.docs: list[Doc] = []
        self.files: list[Path] = []
        # Collected entries of every section, with the reader (file) and path they came from.
        self.entries: dict[str, list[tuple[Reader, PathKey, Any]]] = {s: [] for s in SECTIONS}

    def build(self) -> Pack:
        main_doc = load_doc(self.main_file)
        main = Reader(main_doc, self.problems)
        head = main.mapping((), main_doc.data, required=("format", "id", "version", "title"),
                            optional=_PACK_KEYS, what="pack") or {}
        if head:
            main.format_version(head, PACK_FORMAT)
        self._collect(main, head)
        self.files.append(self.main_file)
        for i, name in enumerate(main.items(("include",), head.get("include"), what="include")):
            self._include(main, ("include", i), name)
        self.problems.raise_if_errors()

        factors = self._factors()
        criteria = self._criteria()
        options = self._options()
        risks = self._risks()
        rules = self._rules(factors, criteria, options)
        risk_rules = self._risk_rules(factors, options, risks)
        constraints = self._constraints(factors)
        tests = self._test_files(main, head.get("tests"))
        if not options:
            main.error((), "the pack declares no options", "add an `options:` section")
        if not criteria:
            main.error((), "the pack declares no criteria", "add a `criteria:` section")
        pack_id = "?"  # a missing id is already reported as a missing required key
        if "id" in head:
            pack_id = main.identifier(("id",), head["id"], what="pack id") or "?"
        risk_aversion = 1.0
        if "risk_aversion" in head:
            risk_aversion = main.number(("risk_aversion",), head["risk_aversion"],
                                        what="risk_aversion", low=0) or 0.0
        risk_scale = DEFAULT_RISK_SCALE
        if "risk_scale" in head:
            # What a certain impact-5 event costs, as a share of the whole value swing.
            given = main.number(("risk_scale",), head["risk_scale"], what="risk_scale",
                                low=0, high=1)
            risk_scale = DEFAULT_RISK_SCALE if given is None else given
        applies_to = _applies_to(main, head.get("applies_to"))
        sources = read_sources(main, ("sources",), head.get("sources"), self.main_file.parent)
        self.problems.raise_if_errors()
        return Pack(
            id=pack_id,
            version=str(head.get("version", "")),
            title=main.text(("title",), head.get("title"), what="title", line=True),
            description=main.text(("description",), head.get("description"), what="description"),
            perspective=main.text(("perspective",), head.get("perspective"), what="perspective"),
            source_title=main.text(("source",), head.get("source"), what="source"),
            factors=factors,
            criteria=criteria,
            options=options,
            rules=tuple(rules),
            risks=risks,
            risk_rules=tuple(risk_rules),
            risk_aversion=risk_aversion,
            risk_scale=risk_scale,
            digest=_digest(self.files),
            directory=self.main_file.parent,
            files=tuple(self.files),
            location=main.at(()),
            constraints=tuple(constraints),
            silence=main.string_list(("silence",), head.get("silence"), what="silence"),
            tests=tuple(tests),
            question=main.text(("question",), head.get("question"), what="question"),
            sources=sources,
            uncertainty=read_uncertainty(main, ("uncertainty",), head.get("uncertainty")),
            applies_to=applies_to,
        )

    # -- files ----------------------------------------------------------------------------
    def _collect(self, reader: Reader, data: dict[str, Any]) -> None:
        for section in SECTIONS:
            for i, entry in enumerate(reader.items((section,), data.get(section), what=section)):
                self.entries[section].append((reader, (section, i), entry))

    def _test_files(self, main: Reader, raw: Any) -> list[Path]:
        """The files `tests:` names, each confined like an include."""
        files = []
        for i, name in enumerate(main.string_list(("tests",), raw, what="tests")):
            try:
                files.append(confined(name, base=self.main_file.parent,
                                      root=packs_folder(self.main_file),
                                      suffixes=YAML_SUFFIXES, what="a `tests:` entry"))
            except Outside as outside:
                main.error(("tests", i), outside.message, outside.hint)
        return files

    def _include(self, main: Reader, path: PathKey, name: Any) -> None:
        if not isinstance(name, str):
            main.error(path, "include entries must be file names", "e.g. `- rules.yaml`")
            return
        try:  # packs are shared: an include never reaches past the folder holding the packs
            target = confined(name, base=self.main_file.parent,
                              root=packs_folder(self.main_file), suffixes=YAML_SUFFIXES,
                              what="include")
        except Outside as outside:
            main.error(path, outside.message, outside.hint)
            return
        if target in [f.resolve() for f in self.files]:
            main.error(path, f"{name!r} is included twice", "list each file once")
            return
        if not target.is_file():
            main.error(path, f"included file {name!r} does not exist",
                       f"include paths are relative to the directory of {PACK_FILE}")
            return
        try:
            doc = load_doc(target, f"fix the `include:` entry in {self.main_file.name}")
        except InputError as exc:
            self.problems.extend(exc.problems)
            return
        reader = Reader(doc, self.problems)
        data = reader.mapping((), doc.data, required=("format",), optional=SECTIONS,
                              what="pack file") or {}
        if data:
            reader.format_version(data, PACK_FORMAT)
        self.files.append(target)
        self._collect(reader, data)

    def _unique(self, section: str, what: str, pattern: Any = None
                ) -> list[tuple[Reader, PathKey, dict[str, Any], str]]:
        """Entries of a section that are mappings with a valid, unique id."""
        seen: dict[str, Location] = {}
        out = []
        for reader, path, entry in self.entries[section]:
            if not isinstance(entry, dict):
                reader.mapping(path, entry, what=what)
                continue
            kwargs = {"pattern": pattern} if pattern else {}
            ident = reader.identifier((*path, "id"), entry.get("id"), what=f"{what} id", **kwargs)
            if ident is None:
                continue
            if ident in seen:
                first = seen[ident]
                reader.error((*path, "id"), f"duplicate {what} id {ident!r} (first defined at "
                             f"{first})", "give each one a unique id")
                continue
            seen[ident] = reader.at((*path, "id"))
            out.append((reader, path, entry, ident))
        return out

    # -- sections -------------------------------------------------------------------------
    def _factors(self) -> dict[str, Factor]:
        factors: dict[str, Factor] = {}
        for r, path, entry, ident in self._unique("factors", "factor", FACTOR_ID):
            kind = str(entry.get("type"))
            common = ("id", "type", "label", "question", "help", "group", "default", "source",
                      "indicator", "nature")
            extra = {"number": ("min", "max", "unit"), "level": ("levels",),
                     "choice": ("choices",), "boolean": ()}.get(kind, ())
            r.mapping(path, entry, required=("id", "type", "label", "default"),
                      optional=common + extra, what=f"factor {ident!r}")
            if kind not in FACTOR_KINDS:
                r.error((*path, "type"), f"unknown factor type {kind!r}",
                        suggest(str(kind), FACTOR_KINDS) or f"use one of {', '.join(FACTOR_KINDS)}")
                continue
            minimum = maximum = None
            labels: tuple[str, ...] = ()
            if kind == "number":
                if "min" in entry:
                    minimum = r.number((*path, "min"), entry["min"], what="min")
                if "max" in entry:
                    maximum = r.number((*path, "max"), entry["max"], what="max")
                if minimum is not None and maximum is not None and minimum >= maximum:
                    r.error((*path, "max"), "max must be greater than min")
            elif FactorKind(kind).has_labels:
                key = "levels" if kind == "level" else "choices"
                labels = r.string_list((*path, key), entry.get(key), what=key)
                if len(labels) < 2:
                    r.error((*path, key) if key in entry else path,
                            f"a {kind} factor needs at least two {key}", f"add `{key}: [a, b]`")
                if len(set(labels)) != len(labels):
                    r.error((*path, key), f"{key} must be unique")
            factor = Factor(
                id=ident, kind=FactorKind(kind),
                label=r.text((*path, "label"), entry.get("label"), what="label", required=True,
                             line=True),
                question=r.text((*path, "question"), entry.get("question"), what="question"),
                help=r.text((*path, "help"), entry.get("help"), what="help"),
                group=r.text((*path, "group"), entry.get("group"), what="group") or "general",
                default=None, location=r.at(path),
                unit=r.text((*path, "unit"), entry.get("unit"), what="unit"),
                minimum=minimum, maximum=maximum, labels=labels,
                source=r.text((*path, "source"), entry.get("source"), what="source"),
                indicator=r.text((*path, "indicator"), entry.get("indicator"), what="indicator"),
                declared_nature=_nature(r, (*path, "nature"), entry.get("nature")),
            )
            if "default" in entry:
                default = check_factor_value(factor, entry["default"], r, (*path, "default"))
                factor = replace(factor, default=default)
            factors[ident] = factor
        return factors

    def _criteria(self) -> dict[str, Criterion]:
        criteria: dict[str, Criterion] = {}
        for r, path, entry, ident in self._unique("criteria", "criterion"):
            r.mapping(path, entry, required=("id", "title", "scale"),
                      optional=("description", "weight", "anchors"),
                      what=f"criterion {ident!r}")
            weight = 1.0
            if "weight" in entry:
                weight = r.number((*path, "weight"), entry["weight"], what="weight", low=0) or 0.0
            low, high = -5.0, 5.0
            scale = entry.get("scale")
            if scale is not None:
                if not (isinstance(scale, list) and len(scale) == 2
                        and all(isinstance(v, int | float) and not isinstance(v, bool)
                                for v in scale) and scale[0] < scale[1]):
                    r.error((*path, "scale"), "scale must be [low, high] with low < high",
                            "e.g. `scale: [-5, 5]`")
                elif not scale[0] <= 0 <= scale[1]:
                    # An option no rule moves scores 0 points; a scale without 0 would cap
                    # a rule's +1 up to the low end and score the untouched option below it.
                    r.error((*path, "scale"), f"scale [{scale[0]:g}, {scale[1]:g}] leaves out "
                            "0, the points of an option that no rule moves",
                            f"widen it to include 0, e.g. `scale: [{min(scale[0], 0):g}, "
                            f"{max(scale[1], 0):g}]`")
                else:
                    low, high = float(scale[0]), float(scale[1])
            criteria[ident] = Criterion(
                ident, r.text((*path, "title"), entry.get("title"), what="title", required=True,
                       line=True),
                r.text((*path, "description"), entry.get("description"), what="description"),
                weight, low, high, r.at(path),
                read_anchors(r, (*path, "anchors"), entry.get("anchors"), low, high))
        return criteria

    def _options(self) -> dict[str, Option]:
        options: dict[str, Option] = {}
        for r, path, entry, ident in self._unique("options", "option"):
            r.mapping(path, entry, required=("id", "title"),
                      optional=("summary", "source", "baseline"), what=f"option {ident!r}")
            baseline = entry.get("baseline", False)
            if not isinstance(baseline, bool):
                r.error((*path, "baseline"), f"baseline must be true or false, got {baseline!r}",
                        "write `baseline: true` on the status-quo option")
                baseline = False
            options[ident] = Option(
                ident, r.text((*path, "title"), entry.get("title"), what="title", required=True,
                       line=True),
                r.text((*path, "summary"), entry.get("summary"), what="summary"),
                r.text((*path, "source"), entry.get("source"), what="source"), r.at(path),
                baseline=baseline)
        return options

    def _risks(self) -> dict[str, Risk]:
        risks: dict[str, Risk] = {}
        for r, path, entry, ident in self._unique("risks", "risk"):
            r.mapping(path, entry, required=("id", "title"),
                      optional=("mitigation", "source"), what=f"risk {ident!r}")
            risks[ident] = Risk(
                ident, r.text((*path, "title"), entry.get("title"), what="title", required=True,
                       line=True),
                r.text((*path, "mitigation"), entry.get("mitigation"), what="mitigation"),
                r.text((*path, "source"), entry.get("source"), what="source"), r.at(path))
        return risks

def check_factor_value(factor: Factor, value: Any, r: Reader, path: PathKey) -> Any:
    """Check one value against its factor's type and range; returns it (or None)."""
    problem = value_problem(factor, value)
    if problem:
        r.error(path, *problem)
        return None
    return float(value) if factor.kind == "number" else value


def _nature(r: Reader, path: PathKey, raw: Any) -> FactorNature | None:
    """A factor's declared ``nature:`` (None when the pack leaves it to the kind)."""
    if raw is None:
        return None
    if raw not in FACTOR_NATURES:
        close = suggest(str(raw), FACTOR_NATURES)
        r.error(path, f"unknown factor nature {raw!r}",
                (close + " " if close else "") + "use fixed (a legal or structural fact, "
                "never varied), measured (read from a source, varied within its stated "
                "range) or judged (an analyst's reading, varied only as the scenario states)")
        return None
    return FactorNature(raw)


def _digest(files: list[Path]) -> str:
    """Content digest of the pack's files, so a log can tell when the knowledge changed."""
    h = hashlib.sha256()
    for f in sorted(files, key=lambda p: p.name):
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return "sha256:" + h.hexdigest()[:16]


def _applies_to(reader: Reader, value: Any) -> Applicability:
    """``applies_to: {region: Central Asia, subjects: [Kazakhstan, ...]}``, located."""
    if value is None:
        return Applicability()
    data = reader.mapping(("applies_to",), value, optional=("region", "subjects"),
                          what="applies_to") or {}
    return Applicability(
        region=reader.text(("applies_to", "region"), data.get("region"), what="region"),
        subjects=reader.string_list(("applies_to", "subjects"), data.get("subjects"),
                                    what="subjects"))
