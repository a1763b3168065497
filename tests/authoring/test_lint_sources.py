"""Source lint (CR111-CR113) and scenario lint (CR201-CR203) on the shipped packs and scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from crossroads.authoring.lint import lint_pack
from crossroads.authoring.lint_scenario import latest_date, scenario_warnings
from crossroads.io.loader import load_pack
from crossroads.io.scenario_file import load_scenario

SHARED_ARTICLE = ROOT.parent.parent / "shared" / "source" / "article.txt"
SHIPPED_ARTICLE = ROOT / "rules" / "sources" / "rferl-2024-sovereignty-test.txt"


@pytest.mark.parametrize("pack", ["partner-engagement", "sovereignty-strategy"])
def test_every_rule_has_a_basis_and_every_quote_is_verbatim(pack: str) -> None:
    loaded = load_pack(ROOT / "rules" / pack)
    assert all(r.basis is not None for r in (*loaded.rules, *loaded.risk_rules))
    codes = {p.code for p in lint_pack(loaded)}
    assert not codes & {"CR111", "CR112", "CR113"}


@pytest.mark.skipif(not SHARED_ARTICLE.is_file(), reason="the shared article is not here")
@pytest.mark.parametrize("pack", ["partner-engagement", "sovereignty-strategy"])
def test_quotes_against_the_shared_article(pack: str, tmp_path: Path) -> None:
    assert SHIPPED_ARTICLE.read_text(encoding="utf-8") == \
        SHARED_ARTICLE.read_text(encoding="utf-8")
    (tmp_path / "rferl-2024-sovereignty-test.txt").write_text(
        SHARED_ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert not [p for p in lint_pack(load_pack(ROOT / "rules" / pack), tmp_path)
                if p.code == "CR112"]


def test_a_changed_quote_and_a_bare_analyst_rule_are_flagged(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    rules = tmp_path / "rules" / "partner-engagement" / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    text = text.replace("Prioritize dialogues that respect national sovereignty.",
                        "Prioritise dialogues that respect sovereignty.", 1)
    text = text.replace('"analyst judgement: sanctions from a partner with little presence read '
                        'as a lecture rather than as solidarity"', '"analyst judgement"', 1)
    rules.write_text(text, encoding="utf-8")
    found = {(p.code, p.message.split("'")[1]) for p in
             lint_pack(load_pack(tmp_path / "rules" / "partner-engagement"))}
    assert ("CR112", "diplomatic-baseline") in found
    assert ("CR113", "sanctions-without-presence") in found


def test_scenario_lint_flags_late_sources_unsourced_bounds_and_undated_ratings(
        tmp_path: Path) -> None:
    pack = load_pack(ROOT / "rules" / "partner-engagement")
    text = (ROOT / "scenarios" / "kyrgyzstan-2025.yaml").read_text(encoding="utf-8")
    text = text.replace('source: "24 % of GDP, 2024 (World Bank)"',
                        'source: "24 % of GDP (World Bank, Dec 2025)"')
    path = tmp_path / "kg.yaml"
    path.write_text(text, encoding="utf-8")
    found = [(p.code, p.message) for p in scenario_warnings(pack, load_scenario(path))]
    assert any(c == "CR201" and "Dec 2025" in m for c, m in found)
    assert any(c == "CR203" and "civil_society_space" in m for c, m in found)
    assert any(c == "CR202" and "trade_share_russia" in m for c, m in found)
    assert latest_date("Reuters 2023–25; Kursiv, Dec 2025").isoformat() == "2025-12-01"
