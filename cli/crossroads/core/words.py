"""Counts in prose: "1 factor", "3 factors", never "1 factors" or "factor(s)"."""

from __future__ import annotations


def count_of(count: int, noun: str, plural: str | None = None) -> str:
    """*count* and *noun*, the noun plural unless the count is exactly one."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
