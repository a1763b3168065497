"""Where the shipped packs and scenarios live, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # the crossroads package
DEFAULT_PACK = "partner-engagement"


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def rules_dir() -> Path:
    # A wheel carries the data inside the package; a checkout (editable install) has it
    # at the repository root, two levels above cli/crossroads.
    return _first_existing(_PACKAGE / "_data" / "rules", _PACKAGE.parent.parent / "rules")


def scenarios_dir() -> Path:
    return _first_existing(_PACKAGE / "_data" / "scenarios",
                           _PACKAGE.parent.parent / "scenarios")


def shipped_packs() -> dict[str, Path]:
    """Pack id (its directory name) → directory, for every shipped pack."""
    root = rules_dir()
    if not root.is_dir():
        return {}
    return {p.name: p for p in sorted(root.iterdir()) if (p / "pack.yaml").is_file()}


def shipped_scenarios() -> dict[str, Path]:
    """Shipped scenario id → file, a baseline before its variants (kazakhstan-2025, then
    kazakhstan-2025-cpc-shutdown): ids compare word by word, not letter by letter."""
    root = scenarios_dir()
    if not root.is_dir():
        return {}
    return {p.stem: p for p in sorted(root.glob("*.yaml"), key=lambda p: p.stem.split("-"))}


def shipped_panels() -> dict[str, Path]:
    """Panel id (the scenario it was written for) → its folder of judgement files."""
    root = scenarios_dir() / "panels"
    if not root.is_dir():
        return {}
    return {p.name: p for p in sorted(root.iterdir()) if p.is_dir()}
