"""Source lint (CR111-CR113) and scenario lint (CR211-CR214) on the shipped packs and scenarios."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from conftest import ROOT
from crossroads.authoring.lint import lint_pack
from crossroads.authoring.lint_scenario import latest_date, scenario_warnings
from crossroads.core.errors import CrossroadsError
from crossroads.core.model import SourceKind
from crossroads.io.loader import load_pack
from crossroads.io.scenario_file import load_scenario
from crossroads.io.serialize import factor_value_to_data

# The article as the project received it: beside the checkout (../shared), or beside the
# worktrees folder when working in a git worktree.
SHARED_ARTICLE = next((p for p in (ROOT.parent / "shared" / "source" / "article.txt",
                                   ROOT.parent.parent / "shared" / "source" / "article.txt")
                       if p.is_file()), ROOT.parent / "shared" / "source" / "article.txt")
SHIPPED_ARTICLE = ROOT / "rules" / "sources" / "rferl-2024-sovereignty-test.txt"


@pytest.mark.parametrize("pack", ["partner-engagement", "sovereignty-strategy"])
def test_every_rule_has_a_basis_and_every_quote_is_verbatim(pack: str) -> None:
    loaded = load_pack(ROOT / "rules" / pack)
    assert all(r.basis is not None for r in (*loaded.rules, *loaded.risk_rules))
    codes = {p.code for p in lint_pack(loaded)}
    assert not codes & {"CR111", "CR112", "CR113"}


@pytest.mark.skipif(not SHARED_ARTICLE.is_file(), reason="the shared article is not here")
def test_the_quote_review_lists_every_article_rule_with_the_verdict_it_carries() -> None:
    # docs/reference/quote-review.md is the reviewer's record: each article rule appears
    # in its table with the same support verdict the rule declares, and no rule the
    # review turned into an analyst rule is article again.
    review = (ROOT / "docs" / "reference" / "quote-review.md").read_text(encoding="utf-8")
    kept = review[review.index("## Third review"):review.index("## Earlier reviews")]
    listed = {}
    for line in kept.splitlines():
        cells = [c.strip() for c in line.split(" | ")]
        if line.startswith("| ") and len(cells) >= 4 and cells[1].startswith("`"):
            listed[cells[1].split("`")[1]] = cells[-2] if cells[-3] != "analyst" else \
                cells[-3]
    for pack in ("partner-engagement", "sovereignty-strategy"):
        loaded = load_pack(ROOT / "rules" / pack)
        for rule in (*loaded.rules, *loaded.risk_rules):
            if rule.basis is not None and rule.basis.value == "article":
                assert rule.support is not None, rule.id
                assert listed.get(rule.id) == rule.support.value, rule.id
            elif rule.id in listed:
                assert listed[rule.id] == "analyst", rule.id


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


_SCENARIO = """\
format: crossroads.scenario/1
id: sourcing-check
title: Sourcing check
subject: Kyrgyzstan
as_of: 2025-06-30
pack: partner-engagement
factors:
  remittances_gdp: {value: 0.24, range: [0.20, 0.26], source: "24 % of GDP (World Bank, Dec 2025)"}
  trade_share_russia: {value: 0.19, range: [0.16, 0.23], source: "trade with Russia $3.2bn, 2024"}
  civil_society_space: {value: repressed, source: "Freedom House 27/100"}
  trade_share_china:
    value: 0.31
    range: [0.28, 0.55]
    source: "analyst bracket"
    source_kind: analyst
    cites: [civicus-ppua-2023, no-such-entry]
"""


def _scenario_findings(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    pack = load_pack(ROOT / "rules" / "partner-engagement")
    return [(p.code, p.message) for p in scenario_warnings(pack, load_scenario(path))]


def test_scenario_lint_flags_late_sources_unsourced_bounds_undated_ratings_and_unknown_ids(
        tmp_path: Path) -> None:
    found = _scenario_findings(tmp_path, _SCENARIO)
    assert any(c == "CR211" and "Dec 2025" in m for c, m in found)
    assert any(c == "CR213" and "civil_society_space" in m for c, m in found)
    assert any(c == "CR212" and "trade_share_russia" in m and "0.16" in m for c, m in found)
    unknown = [m for c, m in found if c == "CR214"]
    assert len(unknown) == 1 and "'no-such-entry'" in unknown[0]
    # a declared analyst bracket needs no figure behind its bounds
    assert not any(c == "CR212" and "trade_share_china" in m for c, m in found)
    assert latest_date("Reuters 2023–25; Kursiv, Dec 2025").isoformat() == "2025-12-01"


def test_a_cited_bibliography_id_is_read_and_written_back(tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text(_SCENARIO, encoding="utf-8")
    fact = load_scenario(path).factors["trade_share_china"]
    assert fact.cites == ("civicus-ppua-2023", "no-such-entry")
    assert factor_value_to_data(fact)["cites"] == ["civicus-ppua-2023", "no-such-entry"]


def test_cites_must_be_a_list_of_ids(tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text(_SCENARIO.replace("cites: [civicus-ppua-2023, no-such-entry]",
                                      "cites: civicus-ppua-2023"), encoding="utf-8")
    with pytest.raises(CrossroadsError) as caught:
        load_scenario(path)
    assert "cites must be a list" in str(caught.value)


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "scenarios").glob("*.yaml")))
def test_shipped_scenarios_have_no_sourcing_warnings(name: str) -> None:
    scenario = load_scenario(ROOT / "scenarios" / name)
    pack = load_pack(ROOT / "rules" / scenario.pack)
    assert [p.message for p in scenario_warnings(pack, scenario)] == []


def test_a_period_ending_on_as_of_cannot_be_a_cited_source(tmp_path: Path) -> None:
    pack = load_pack(ROOT / "rules" / "partner-engagement")
    scenario = load_scenario(ROOT / "scenarios" / "kazakhstan-2025.yaml")
    late = {**scenario.factors}
    name = "remittances_share_russia"
    late[name] = replace(late[name], source="24 % from Russia, H1 2025 (National Bank)",
                         source_kind=SourceKind.CITED)
    found = [p for p in scenario_warnings(pack, replace(scenario, factors=late))
             if p.code == "CR211"]
    assert len(found) == 1 and "2025-06-30" in found[0].message
    # The shipped file says the H1 2025 figure is unverified at its as_of: no warning.
    assert not [p for p in scenario_warnings(pack, scenario) if p.code == "CR211"]
