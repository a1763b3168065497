"""Answers → scenario YAML, laid out like the shipped scenarios.

The saved scenario is the wizard's answers file: ``crossroads wizard --from`` reads it
back, and ``crossroads score`` scores it.  The text depends only on the pack, the
starting scenario and the answers, never on how they were given, so a ``--defaults``
or ``--set`` run writes the same bytes as the equivalent interactive run.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import yaml

from crossroads.core.model import Pack, Scenario
from crossroads.io.scenario_file import SCENARIO_FORMAT, scenario_from_doc
from crossroads.io.serialize import factor_value_to_data
from crossroads.io.yamldoc import parse_yaml
from crossroads.wizard.priority_questions import ratio_text
from crossroads.wizard.question_list import start_value
from crossroads.wizard.questions import (
    AS_OF,
    NO_DEFAULT,
    PRIORITY_METHOD,
    RISK_AVERSION,
    SUBJECT,
    TITLE,
    Question,
    Topic,
)

LINE_WIDTH = 100
HEADER = ("# Written by `crossroads wizard`. Edit it, score it with `crossroads score FILE`,\n"
          "# or answer again starting from it with `crossroads wizard --from FILE`.\n")


def slug(text: str, fallback: str = "scenario") -> str:
    """Lower-case ASCII words joined by '-' (accents dropped): a file name and an id."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words) or fallback


def proposed_name(answers: Mapping[str, Any], today: _dt.date | None = None) -> str:
    """``<subject>-<YYYY-MM-DD>.yaml``: the date the facts hold (the day the wizard ran when
    no as-of date is given), so two scenarios of one subject at two dates never collide."""
    as_of = answers.get(AS_OF)
    day = (as_of if isinstance(as_of, _dt.date) else today or _dt.date.today()).isoformat()
    # "Kyrgyzstan (Kyrgyz Republic)" → kyrgyzstan: the name in brackets only repeats it.
    subject = re.sub(r"\s*\([^)]*\)", "", str(answers.get(SUBJECT) or ""))
    return f"{slug(subject)}-{day}.yaml"


def scenario_id(file_name: str) -> str:
    """A valid scenario id from the file name the scenario is saved under."""
    stem = file_name.rsplit("/", 1)[-1]
    stem = re.sub(r"\.ya?ml$", "", stem)
    return slug(stem)


def scenario_text(
    pack: Pack,
    start: Scenario | None,
    questions: list[Question],
    answers: Mapping[str, Any],
    ident: str,
) -> str:
    """The scenario file for these answers (every question must be answered)."""
    lines = [HEADER, f"format: {SCENARIO_FORMAT}"]
    lines.append(f"id: {yaml_flow(ident)}")
    lines.append(f"title: {yaml_flow(answers[TITLE])}")
    lines.append(f"subject: {yaml_flow(answers[SUBJECT])}")
    as_of = answers[AS_OF]
    shown = as_of.isoformat() if isinstance(as_of, _dt.date) else yaml_flow(as_of)
    lines.append(f"as_of: {shown}")
    lines.append(f"pack: {yaml_flow(pack.id)}")
    lines.append("factors:")
    group = None
    for question in questions:
        if question.topic is not Topic.FACTOR:
            continue
        if question.group != group:
            group = question.group
            lines.append(f"  # {group}")
        lines += _factor_lines(question.subject_id,
                               factor_entry(question, start, answers[question.key]))
    lines += priority_lines(questions, answers)
    lines.append(f"risk_aversion: {yaml_flow(plain_number(answers[RISK_AVERSION]))}")
    if start is not None and start.notes:
        lines.append(_notes(start.notes))
    return "\n".join(lines) + "\n"


def priority_lines(questions: Sequence[Question], answers: Mapping[str, Any]) -> list[str]:
    """The `pairwise:` or `priorities:` block of a scenario or judgement file."""
    if answers.get(PRIORITY_METHOD) == "pairwise":
        # The judgements themselves, so the file says what the analyst said; the engine
        # derives the weights (AHP) and warns about inconsistent judgements.
        lines = ["pairwise:"]
        for question in questions:
            if question.topic is Topic.PAIRWISE:
                ratio = answers[question.key]
                shown = plain_number(ratio) if ratio >= 1 else ratio_text(ratio)
                lines.append(f"  - {yaml_flow([*question.pair, shown])}")
        return lines
    return ["priorities:", *(f"  {q.subject_id}: {yaml_flow(plain_number(answers[q.key]))}"
                             for q in questions if q.topic is Topic.PRIORITY)]


def _notes(notes: str) -> str:
    """Notes as a literal block when that reads back exactly, else as one quoted line."""
    body = notes.rstrip("\n")
    block_safe = "\n" in notes and not body[:1].isspace() and all(
        line == line.rstrip() for line in body.splitlines())
    if not block_safe:
        return f"notes: {yaml_flow(notes)}"
    chomp = "|" if notes.endswith("\n") and not notes.endswith("\n\n") else "|-"
    if chomp == "|-" and notes != body:
        return f"notes: {yaml_flow(notes)}"
    return f"notes: {chomp}\n" + "\n".join(f"  {line}" if line else "" for line in
                                           body.splitlines())


def factor_entry(question: Question, start: Scenario | None, value: Any) -> Any:
    """A plain value, or the starting scenario's entry (range, source) if the value stands."""
    if isinstance(value, dict):  # typed with a range or a source ("0.19-0.30 src: IMF")
        entry: dict[str, Any] = {"value": plain_number(value["value"])}
        if value.get("low") is not None:
            entry["range"] = [plain_number(value["low"]), plain_number(value["high"])]
        if value.get("source"):
            entry["source"] = value["source"]
        if value.get("p_wrong") is not None:
            entry["p_wrong"] = plain_number(value["p_wrong"])
        if value.get("source_kind"):
            entry["source_kind"] = value["source_kind"]
        return entry
    plain = plain_number(value)
    if start is None:
        return plain
    given = start.factors.get(question.subject_id)
    if given is None or start_value(question, start) != value:
        return plain
    # The analyst kept the value, so its uncertainty and source still describe it.
    return factor_value_to_data(replace(given, value=plain, low=plain_number(given.low),
                                        high=plain_number(given.high)))


def _factor_lines(name: str, entry: Any) -> list[str]:
    """One line when it fits (as the shipped scenarios do), else one line per key."""
    line = f"  {name}: {yaml_flow(entry)}"
    if not isinstance(entry, dict) or len(line) <= LINE_WIDTH:
        return [line]
    return [f"  {name}:", *(f"    {key}: {yaml_flow(value)}" for key, value in entry.items())]


def plain_number(value: Any) -> Any:
    """Whole numbers as ints (5, not 5.0), so files read the way people write them."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def yaml_flow(value: Any) -> str:
    """One YAML value on one line, quoted where YAML needs it."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1 << 30,
                          sort_keys=False)
    return text.removesuffix("...\n").rstrip("\n")


def scenario_from_text(text: str, file: str) -> Scenario:
    """Read back the text about to be saved, so what is scored is exactly what is saved."""
    return scenario_from_doc(parse_yaml(text, file))


def missing(questions: list[Question], answers: Mapping[str, Any]) -> list[Question]:
    return [q for q in questions if answers.get(q.key, NO_DEFAULT) is NO_DEFAULT]
