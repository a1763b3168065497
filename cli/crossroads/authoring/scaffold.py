"""`crossroads rules new NAME`: a minimal pack that validates, lints clean and tests green.

The pack has one of everything (factor, criterion, option, rule, risk, risk rule) and a
test file, each entry filled with text that says what belongs there, so an author edits
a working pack instead of starting from a blank page.
"""

from __future__ import annotations

import os
from pathlib import Path

from crossroads.authoring.packtest import TEST_FILE
from crossroads.authoring.schema import FILES, HEADER, SCHEMA_DIR
from crossroads.core.errors import InputError
from crossroads.io.files import write_atomic
from crossroads.io.loader import PACK_FILE
from crossroads.io.reader import ITEM_ID
from crossroads.io.resources import rules_dir
from crossroads.io.yamldoc import display_path

_PACK = """\
{header}format: crossroads.pack/1
id: {name}
version: "0.1.0"
title: {title}
description: What this pack helps decide, and for whom.
perspective: Whose interests the options serve.
source: The article or report whose recommendations the rules encode.
tests: [{tests}]
factors:
  - id: external_pressure
    type: level
    label: External pressure
    question: How much pressure does the country face from its largest neighbour?
    help: Judge from official statements, trade measures and military activity.
    group: external
    levels: [low, medium, high]
    default: medium
    source: Where analysts usually find this value.
criteria:
  - id: sovereignty
    title: Sovereignty
    description: Freedom to choose partners and policies.
    scale: [-5, 5]
    weight: 1
options:
  - id: diversify-partners
    title: Diversify partners
    summary: Build ties with several partners so that no single one holds leverage.
    source: "Quote the sentence that recommends this course of action."
rules:
  - id: diversify-under-pressure
    when: external_pressure >= "medium"
    effects:
      - {{option: diversify-partners, criterion: sovereignty, points: 4}}
    because: More partners dilute the leverage of the one applying pressure.
    source: "Quote the sentence this rule encodes."
    basis: article  # or analyst, with the evidence (or "analyst judgement: <reason>") in source
    support: full  # the quote says what the rule scores (partial: only its main effect)
risks:
  - id: backlash
    title: Backlash from the neighbour
    mitigation: Pace the steps and explain them in advance.
    source: "Quote the sentence that names this risk."
risk_rules:
  - id: backlash-under-high-pressure
    risk: backlash
    when: external_pressure == "high"
    applies_to: [diversify-partners]
    likelihood: 0.4
    impact: 3
    because: A neighbour that already applies pressure may escalate.
    source: "Quote the sentence this risk rule encodes."
    basis: article
    support: full
"""

_TESTS = """\
{header}format: crossroads.packtest/1
pack: {name}
tests:
  - id: high-pressure-favours-diversifying
    description: Under high pressure the rule and the backlash risk both fire.
    scenario:
      factors: {{external_pressure: high}}
    expect:
      leader: diversify-partners
      fires: [diversify-under-pressure, backlash-under-high-pressure]
      # 4 points on a [-5, 5] scale = 8 value units (the scale's 10 points span 20); the
      # risk costs 0.4 x impact 3 x 0.8 (an impact level costs 20 x risk scale 0.2 / 5
      # units) = 0.96, so the score is 8 - 0.96 = 7.04.
      score: {{diversify-partners: 7.04}}
      likelihood: {{backlash: {{diversify-partners: 0.4}}}}
  - id: low-pressure-changes-nothing
    scenario:
      factors: {{external_pressure: low}}
    expect:
      not_fires: [diversify-under-pressure, backlash-under-high-pressure]
      score: {{diversify-partners: 0}}
"""


def new_pack(name: str, parent: Path, *, force: bool = False) -> list[Path]:
    """Create ``parent/name/`` with a pack and its tests; returns the files written."""
    if not ITEM_ID.match(name):
        raise InputError.single("NAME", f"{name!r} is not a valid pack id",
                                "use lower-case letters, digits, '-', '_' and '.', "
                                "e.g. `crossroads rules new caucasus-energy`")
    if not parent.is_dir():
        what = "is not a directory" if parent.exists() else "no such directory"
        raise InputError.single(display_path(parent), what,
                                "create it first or pass another --dir")
    target = parent / name
    if target.exists() and not target.is_dir():
        raise InputError.single(display_path(target), "exists and is not a directory",
                                "choose another name")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise InputError.single(display_path(target), "already exists and is not empty",
                                "choose another name, or pass --force to overwrite its "
                                "pack.yaml and tests.yaml")
    try:
        target.mkdir(exist_ok=True)
    except OSError as exc:
        raise InputError.single(display_path(target), f"cannot create it: {exc.strerror}",
                                "pass a --dir you can write to") from None
    schemas = rules_dir() / SCHEMA_DIR

    def header(kind: str) -> str:
        schema = schemas / FILES[kind]
        if not schema.is_file():
            return ""
        try:
            where = os.path.relpath(schema, target)
        except ValueError:  # another drive (Windows): an absolute URI still works
            where = schema.resolve().as_uri()
        return f"{HEADER}{Path(where).as_posix()}\n"

    title = name.replace("-", " ").replace("_", " ").capitalize()
    files = {
        target / PACK_FILE: _PACK.format(header=header("pack"), name=name, title=title,
                                         tests=TEST_FILE),
        target / TEST_FILE: _TESTS.format(header=header("packtest"), name=name),
    }
    return [write_atomic(path, text, force=force) for path, text in files.items()]
