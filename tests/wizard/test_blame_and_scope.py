"""Two things the wizard must not get wrong about what the analyst said (issue 21): which
pairwise answer it calls most at odds (only one the analyst gave), and whether the pack
was written for the subject at all (`applies_to:`)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from pathlib import Path

from conftest import Run
from crossroads.io.lookup import find_pack
from crossroads.wizard.consistency import pairwise_consistency
from crossroads.wizard.question_list import build_questions
from crossroads.wizard.questions import Topic

TODAY = _dt.date(2026, 11, 27)


def test_only_answered_pairs_are_named_as_at_odds() -> None:
    pack = find_pack("partner-engagement")
    questions = build_questions(pack, None, TODAY)
    pairs = [q for q in questions if q.topic is Topic.PAIRWISE]
    answers = {"priority_method": "pairwise"}
    # One answer flatly contradicting the pack's weights; the other 14 pairs stay at the
    # answers offered from those weights, so the odd one out is the answered pair.
    first = pairs[0]
    answers[first.key] = 1 / 9
    check = pairwise_consistency(pack, questions, answers, {first.key})
    assert check is not None and not check.acceptable
    assert check.worst_key == first.key and check.given == 1 / 9
    # The same answers, but the analyst has not answered that pair yet (it only carries
    # a value offered, e.g. from a start file): nobody is blamed, the ratio is shown.
    check = pairwise_consistency(pack, questions, answers, set())
    assert check is not None and check.worst_key == ""
    assert "counting the comparisons still to come as offered" in check.summary("")
    # Two answered pairs, the contradiction on the first: the second is never named
    # while the first is worse.
    second = pairs[1]
    answers[second.key] = second.default
    check = pairwise_consistency(pack, questions, answers, {first.key, second.key})
    assert check is not None and check.worst_key == first.key


def test_a_pack_says_where_it_applies_and_warns_outside(cli: Callable[..., Run],
                                                       tmp_path: Path) -> None:
    for ref in ("partner-engagement", "sovereignty-strategy"):
        pack = find_pack(ref)
        assert pack.applies_to.region == "Central Asia"
        assert pack.outside_warning("Kazakhstan (Қазақстан)") == ""
        assert "Armenia is not among them" in pack.outside_warning("Armenia")
    source = Path(__file__).resolve().parents[2] / "scenarios" / "kazakhstan-2025.yaml"
    armenia = tmp_path / "armenia.yaml"
    armenia.write_text(source.read_text(encoding="utf-8").replace(
        "subject: Kazakhstan (Қазақстан)", "subject: Armenia"), encoding="utf-8")
    run = cli("score", armenia, "--no-log")
    assert run.code == 0
    assert "Pack partner-engagement was written for Kazakhstan" in run.err
    assert "Armenia is not among them" in run.err
    assert "was written for" not in cli("score", source, "--no-log").err
    brief = cli("brief", armenia, "--no-log")
    assert "state. Caution: Pack partner-engagement was written for Kazakhstan" in brief.out
    assert "Caution" not in cli("brief", source, "--no-log").out


def test_applies_to_is_read_with_its_location(cli: Callable[..., Run], tmp_path: Path) -> None:
    pack = Path(__file__).resolve().parents[1] / "data" / "wizard" / "grouped-pack"
    copy = tmp_path / "pack"
    copy.mkdir()
    for item in pack.iterdir():
        (copy / item.name).write_bytes(item.read_bytes())
    text = (copy / "pack.yaml").read_text(encoding="utf-8")
    (copy / "pack.yaml").write_text(text.replace("\ncriteria:", "\napplies_to: {subjects: 5}"
                                                 "\ncriteria:", 1), encoding="utf-8")
    run = cli("rules", "validate", copy)
    assert run.code == 2
    assert "pack.yaml:50:24: error: subjects must be a list" in run.out + run.err
