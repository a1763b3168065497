"""CR124: one risk whose triggers give one option different impacts (two events, one title)."""

from __future__ import annotations

from dataclasses import replace

from conftest import DATA
from crossroads.authoring.method_lint import mixed_impacts
from crossroads.io.loader import load_pack

MIXED = DATA / "lint-packs" / "CR124-mixed-impacts"


def test_different_impacts_for_one_option_warn_once_naming_both() -> None:
    pack = load_pack(MIXED)
    [finding] = list(mixed_impacts(pack))
    assert (finding.code, finding.subject) == ("CR124", "backlash")
    assert "impacts 2 (backlash-members) and 3 (backlash-high)" in finding.message
    assert "'Backlash'" in finding.message


def test_aligned_impacts_or_different_options_do_not_warn() -> None:
    pack = load_pack(MIXED)
    aligned = replace(pack, risk_rules=tuple(replace(r, impact=3) for r in pack.risk_rules))
    assert list(mixed_impacts(aligned)) == []
    # The impact-2 trigger for `engage` alone: each option sees one impact.
    apart = replace(pack, risk_rules=tuple(
        replace(r, applies_to=("engage",)) if r.id == "backlash-members" else r
        for r in pack.risk_rules))
    assert list(mixed_impacts(apart)) == []


def test_the_finding_can_be_silenced_on_the_trigger() -> None:
    pack = load_pack(MIXED)
    quiet = replace(pack, risk_rules=tuple(
        replace(r, silence=("CR124",)) if r.id == "backlash-members" else r
        for r in pack.risk_rules))
    [finding] = list(mixed_impacts(quiet))
    assert finding.silenced == ("CR124",)
