"""JSON Schemas (draft 2020-12) for pack, scenario and pack-test files, built from code.

Editors that speak the yaml-language-server protocol complete and check a YAML file whose
first line is ``# yaml-language-server: $schema=<path to schema>``.  The schemas mirror
what :mod:`crossroads.io.loader` and :mod:`crossroads.authoring.packtest` accept; the loader remains
the authority (it also checks references between entries and the expressions).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from crossroads.authoring.lint import CODES
from crossroads.authoring.packtest import EXPECTATION_KINDS, TEST_FORMAT
from crossroads.core.errors import InputError
from crossroads.core.expr import FUNCTIONS, MAX_EXPONENT
from crossroads.core.model import FACTOR_KINDS, FACTOR_NATURES
from crossroads.io.files import check_writable, write_atomic
from crossroads.io.loader import PACK_FORMAT, SECTIONS
from crossroads.io.reader import FACTOR_ID, ITEM_ID
from crossroads.io.scenario_file import SCENARIO_FORMAT
from crossroads.io.yamldoc import display_path

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = "schema"  # inside the rules directory
FILES = {
    "pack": "pack.schema.json",
    "scenario": "scenario.schema.json",
    "packtest": "packtest.schema.json",
}
HEADER = "# yaml-language-server: $schema="

Schema = dict[str, Any]

_TEXT: Schema = {"type": ["string", "number"]}
_ID: Schema = {"type": "string", "pattern": ITEM_ID.pattern}
_FACTOR_ID: Schema = {"type": "string", "pattern": FACTOR_ID.pattern}
_NUMBER: Schema = {"type": "number"}
_FUNCTIONS = ", ".join(sorted(FUNCTIONS))
_CONDITION: Schema = {
    "type": ["string", "boolean"],
    "description": "A condition over factors, e.g. `trade_share_russia >= 0.3 and "
                   "russian_pressure >= \"high\"` (and/or/not, comparisons, `in [...]`).",
}
_NUMERIC: Schema = {
    "type": ["string", "number"],
    "description": f"A number or an expression over number factors (+ - * / // % and ** up "
                   f"to {MAX_EXPONENT}; functions {_FUNCTIONS}).",
}
_SILENCE_CODE = "^CR[0-9]{3}$"
_SILENCE: Schema = {
    "type": "array",
    "description": "Lint codes to silence here: " + ", ".join(
        f"{c.code} {c.title}" for c in CODES.values()),
    "items": {"type": "string", "pattern": _SILENCE_CODE},
}


_SUPPORT: Schema = {"enum": ["full", "partial"],
                    "description": "Article rules: how far the quote supports what the rule "
                                   "scores (full; partial: the main effect only). Confidence "
                                   "counts partial as half."}
_RELATIVE: Schema = {"type": "number", "minimum": 0, "maximum": 0.95,
                     "description": "Relative uncertainty: 0.3 draws ×U(0.7, 1.3)."}
_RANGE: Schema = {"type": "array", "items": {"type": "number", "minimum": 0}, "minItems": 2,
                  "maxItems": 2, "description": "[low, high] for the robustness draws."}


def _obj(required: tuple[str, ...], properties: Schema, **extra: Any) -> Schema:
    out: Schema = {"type": "object", "required": list(required), "properties": properties,
                   "additionalProperties": False}
    out.update(extra)
    return out


def _array(item: Schema, **extra: Any) -> Schema:
    return {"type": "array", "items": item, **extra}


def _factor() -> Schema:
    common = {
        "id": _FACTOR_ID, "type": {"enum": list(FACTOR_KINDS)}, "label": _TEXT,
        "question": _TEXT, "help": _TEXT, "group": _TEXT, "default": {}, "source": _TEXT,
        "indicator": {**_TEXT, "description": "What to watch, and where, to see it change."},
        "nature": {"enum": list(FACTOR_NATURES), "description":
                   "fixed: a legal or structural fact, never varied; measured: read from a "
                   "source, varied within the scenario's range; judged: an analyst's "
                   "reading, varied only as the scenario states (range or p_wrong)."},
        "min": _NUMBER, "max": _NUMBER, "unit": _TEXT,
        "levels": _array({"type": "string"}, minItems=2, uniqueItems=True,
                         description="Ordered labels, lowest first."),
        "choices": _array({"type": "string"}, minItems=2, uniqueItems=True),
    }
    per_kind = {
        "number": ({"default": _NUMBER}, (), ("levels", "choices")),
        "level": ({"default": {"type": "string"}}, ("levels",), ("min", "max", "unit", "choices")),
        "choice": ({"default": {"type": "string"}}, ("choices",), ("min", "max", "unit", "levels")),
        "boolean": ({"default": {"type": "boolean"}}, (),
                    ("min", "max", "unit", "levels", "choices")),
    }
    rules = []
    for kind, (properties, required, forbidden) in per_kind.items():
        then: Schema = {"properties": properties,
                        "not": {"anyOf": [{"required": [k]} for k in forbidden]}}
        if required:
            then["required"] = list(required)
        rules.append({"if": {"properties": {"type": {"const": kind}}, "required": ["type"]},
                      "then": then})
    return _obj(("id", "type", "label", "default"), common, allOf=rules)


def pack_schema() -> Schema:
    """Schema of a pack's ``pack.yaml`` and of the files it includes."""
    effect = _obj(("criterion", "points"), {
        "option": _ID, "options": _array(_ID, minItems=1), "criterion": _ID,
        "points": _NUMERIC,
    }, anyOf=[{"required": ["option"]}, {"required": ["options"]}])
    definitions: Schema = {
        "factor": _factor(),
        "criterion": _obj(("id", "title", "scale"), {
            "id": _ID, "title": _TEXT, "description": _TEXT,
            "weight": {"type": "number", "minimum": 0},
            "scale": _array(_NUMBER, minItems=2, maxItems=2,
                            description="[low, high] performance scale, e.g. [-5, 5]; the "
                                        "weight is a swing weight over it"),
            "anchors": {"type": "object", "additionalProperties": _TEXT,
                        "description": "What points on the scale mean in words, e.g. "
                                       "{-10: '...', 10: '...'}; the ends are the swing."},
        }),
        "option": _obj(("id", "title"), {"id": _ID, "title": _TEXT, "summary": _TEXT,
                                         "source": _TEXT, "baseline": {
                                             "type": "boolean", "description":
                                             "The status quo: scores zero on every criterion "
                                             "(lint CR130)."}}),
        "rule": _obj(("id", "effects"), {
            "id": _ID, "when": _CONDITION, "effects": _array(effect, minItems=1),
            "because": _TEXT, "source": _TEXT, "silence": _SILENCE,
            "basis": {"enum": ["article", "analyst"],
                      "description": "article: quotes the source article; analyst: "
                                     "the analyst's own knowledge"},
            "support": _SUPPORT,
            "uncertainty": _RELATIVE,
            "rationale": {**_TEXT, "description": "Where a threshold in `when` comes from."},
        }),
        "risk": _obj(("id", "title"), {"id": _ID, "title": _TEXT, "mitigation": _TEXT,
                                       "source": _TEXT}),
        "risk_rule": _obj(("id", "risk", "applies_to", "likelihood", "impact"), {
            "id": _ID, "risk": _ID, "when": _CONDITION, "applies_to": _array(_ID),
            "likelihood": {"anyOf": [{"type": "number", "minimum": 0, "maximum": 1},
                                     {"type": "string"}],
                           "description": "Probability in [0, 1], or an expression."},
            "impact": {"type": "integer", "minimum": 1, "maximum": 5,
                       "description": "1-5; triggers with different impacts are different "
                                      "events"},
            "because": _TEXT, "source": _TEXT, "silence": _SILENCE,
            "basis": {"enum": ["article", "analyst"],
                      "description": "article: quotes the source article; analyst: "
                                     "the analyst's own knowledge"},
            "support": _SUPPORT,
            "group": {**_TEXT, "description": "Triggers of one risk that share a cause: "
                                              "the largest likelihood counts."},
            "uncertainty": _RELATIVE,
            "rationale": {**_TEXT, "description": "Where a threshold in `when` comes from."},
        }),
        "constraint": _obj(("id", "when", "message"), {
            "id": _ID, "when": {**_CONDITION, "description": "Must hold in every consistent "
                                                             "scenario."},
            "message": _TEXT, "factors": _array(_FACTOR_ID),
        }),
    }
    section_item = {"factors": "factor", "criteria": "criterion", "options": "option",
                    "rules": "rule", "risks": "risk", "risk_rules": "risk_rule",
                    "constraints": "constraint"}
    assert set(section_item) == set(SECTIONS), "a pack section has no schema"
    sections = {s: _array({"$ref": f"#/$defs/{section_item[s]}"}) for s in SECTIONS}
    head = {
        "format": {"const": PACK_FORMAT}, "id": _ID, "version": {"type": ["string", "number"]},
        "title": _TEXT, "description": _TEXT, "perspective": _TEXT, "source": _TEXT,
        "risk_aversion": {"type": "number", "minimum": 0},
        "risk_scale": {"type": "number", "minimum": 0, "maximum": 1,
                       "description": "What a certain impact-5 risk event costs, as a share "
                                      "of the whole value swing (default 0.2)."},
        "applies_to": _obj((), {
            "region": _TEXT, "subjects": _array({"type": "string"}),
        }, description="Where the pack holds: the wizard and the scoring commands warn for "
                       "a subject that names none of `subjects`."),
        "uncertainty": _obj((), {
            "points": _RELATIVE, "likelihood": _RELATIVE, "impact": _RELATIVE,
            "risk_aversion": _RANGE,
        }, description="Ranges the robustness draws use where rules give none."),
        "include": _array({"type": "string"}, description="Further files of this pack."),
        "tests": _array({"type": "string"}, description="Pack test files."),
        "silence": _array({"type": "string", "pattern": "^CR[0-9]{3}(:.+)?$"},
                          description="Pack-wide lint silences: CODE or CODE:subject-id."),
        "question": {**_TEXT, "description": "The decision the pack informs; {subject} and "
                                             "{year} are filled from the scenario."},
        "sources": _array(_obj(("id", "title", "publisher", "date"), {
            "id": _ID, "title": _TEXT, "publisher": _TEXT,
            "date": {"type": "string"}, "url": _TEXT,
            "text": {**_TEXT, "description": "Local copy of the full text, to check quotes."},
        }), description="The bibliography that rules and scenario facts cite by id."),
    }
    return {
        "$schema": DRAFT,
        "title": "crossroads rule pack file",
        "description": "pack.yaml (with id, version, title) or a file it includes "
                       "(sections only).",
        **_obj(("format",), {**head, **sections}),
        "anyOf": [{"required": ["id", "version", "title"]},
                  {"propertyNames": {"enum": ["format", *SECTIONS]}}],
        "$defs": definitions,
    }


def scenario_schema() -> Schema:
    """Schema of a scenario file (factor names and values depend on the pack)."""
    scalar: Schema = {"type": ["string", "number", "boolean"]}
    factor_value = {"anyOf": [scalar, _obj(("value",), {
        "value": scalar, "range": _array(scalar, minItems=2, maxItems=2),
        "low": scalar, "high": scalar, "source": _TEXT, "note": _TEXT,
        "p_wrong": {"type": "number", "minimum": 0, "maximum": 0.5, "description":
                    "Chance that a judged yes/no or level reading is wrong (a level: off by "
                    "one, half each way)."},
        "source_kind": {"enum": ["cited", "analyst", "unverified", "not given"]},
        "cites": _array(_ID),
    })]}
    return {
        "$schema": DRAFT,
        "title": "crossroads scenario",
        **_obj(("format", "id", "title", "subject"), {
            "format": {"const": SCENARIO_FORMAT}, "id": _ID, "title": _TEXT, "subject": _TEXT,
            "as_of": {"type": "string", "format": "date"},
            "pack": {"anyOf": [{"type": "string"},
                               _obj(("id",), {"id": _ID, "version": {"type": ["string",
                                                                               "number"]}})]},
            "factors": {"type": "object", "propertyNames": {"pattern": FACTOR_ID.pattern},
                        "additionalProperties": factor_value},
            "priorities": {"type": "object", "additionalProperties": {"type": "number",
                                                                      "minimum": 0}},
            "pairwise": {"description": "Pairwise criterion judgements (AHP) instead of "
                                        "direct priorities."},
            "risk_aversion": {"type": "number", "minimum": 0},
            "risk_aversion_range": _RANGE,
            "notes": _TEXT,
            "question": {**_TEXT, "description": "Overrides the pack's decision question."},
        }),
    }


def packtest_schema() -> Schema:
    """Schema of a pack test file (``crossroads.packtest/1``)."""
    span: Schema = {"anyOf": [_NUMBER, _array(_NUMBER, minItems=2, maxItems=2)],
                    "description": "An exact number or [low, high]."}
    values: Schema = {"type": "object", "additionalProperties": {}}
    inline = _obj((), {"factors": values,
                       "priorities": {"type": "object",
                                      "additionalProperties": {"type": "number", "minimum": 0}},
                       "risk_aversion": {"type": "number", "minimum": 0}})
    expect = _obj((), {
        "leader": _ID,
        "rank": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 1}},
        "score": {"type": "object", "additionalProperties": span},
        "likelihood": {"type": "object",
                       "additionalProperties": {"type": "object", "additionalProperties": span}},
        "fires": _array(_ID), "not_fires": _array(_ID),
        "monotone": _array(_obj(("option", "factor", "direction"), {
            "option": _ID, "factor": _ID,
            "direction": {"enum": ["increasing", "decreasing"],
                          "description": "increasing: the option's score never falls as the "
                                         "factor grows (false < true, levels in order)."},
            "scenarios": {"anyOf": [{"const": "shipped"}, _array({"type": "string"})],
                          "description": "shipped: every shipped scenario of the pack; or "
                                         "scenario files or ids. Default: the test's scenario."},
            "range": {**_array(_NUMBER, minItems=2, maxItems=2),
                      "description": "[low, high] to sweep a number factor over "
                                     "(default: its declared bounds)."},
        })),
    }, minProperties=1)
    assert set(expect["properties"]) == set(EXPECTATION_KINDS)
    test = _obj(("id", "expect"), {
        "id": _ID, "description": _TEXT,
        "scenario": {"anyOf": [{"type": "string", "description": "A scenario file relative "
                                "to this file, or a shipped scenario id."}, inline]},
        "set": values,
        "priorities": {"type": "object", "additionalProperties": {"type": "number",
                                                                  "minimum": 0}},
        "risk_aversion": {"type": "number", "minimum": 0},
        "expect": expect,
    })
    return {
        "$schema": DRAFT,
        "title": "crossroads pack tests",
        **_obj(("format", "tests"), {"format": {"const": TEST_FORMAT}, "pack": _ID,
                                     "tests": _array(test)}),
    }


def all_schemas() -> dict[str, Schema]:
    """File name → schema, for every schema crossroads publishes."""
    return {FILES["pack"]: pack_schema(), FILES["scenario"]: scenario_schema(),
            FILES["packtest"]: packtest_schema()}


def render(schema: Schema) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(directory: Path, *, force: bool = False) -> list[Path]:
    """Write every schema into *directory* (atomic; existing files need *force*)."""
    if directory.exists() and not directory.is_dir():
        raise InputError.single(display_path(directory), "is not a directory",
                                "give a directory for the schema files")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError.single(display_path(directory), f"cannot create it: {exc.strerror}",
                                "give a directory you can write to") from None
    targets = {directory / name: render(schema) for name, schema in all_schemas().items()}
    for path in targets:  # refuse before writing anything, so no set is left half-updated
        check_writable(path, force=force)
    return [write_atomic(path, text, force=force) for path, text in targets.items()]


def schema_file_for(format_name: Any) -> str | None:
    """The schema file name for a document's ``format:`` value (None if not ours)."""
    kinds = {PACK_FORMAT: "pack", SCENARIO_FORMAT: "scenario", TEST_FORMAT: "packtest"}
    kind = kinds.get(format_name) if isinstance(format_name, str) else None
    return FILES[kind] if kind else None
