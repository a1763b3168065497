"""The wizard's review shows shares as percentages and labels as words, as every report does."""

from __future__ import annotations

from conftest import ROOT
from crossroads.io.loader import load_pack
from crossroads.wizard.questions import factor_question

PACK = load_pack(ROOT / "rules" / "partner-engagement")


def test_a_share_reads_as_a_percentage_in_the_review() -> None:
    question = factor_question(PACK, PACK.factors["trade_share_russia"])
    assert question.title_of(0.176) == "17.6%"
    answer = {"value": 0.245, "low": 0.19, "high": 0.3, "source": "IMF DOTS 2024"}
    assert question.title_of(answer) == "24.5%, range 19%–30%; IMF DOTS 2024"


def test_a_share_of_gdp_keeps_what_it_is_a_share_of() -> None:
    question = factor_question(PACK, PACK.factors["remittances_gdp"])
    assert question.title_of(0.14) == "14% of GDP"


def test_a_level_reads_as_words() -> None:
    level = next(f for f in PACK.factors.values() if "very_high" in f.labels)
    assert factor_question(PACK, level).title_of("very_high") == "very high"
