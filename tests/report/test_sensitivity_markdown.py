"""`sensitivity --format markdown`: the terminal's sections as Markdown, same numbers."""

from __future__ import annotations

import json
from collections.abc import Callable

from conftest import Run
from crossroads.report.formats import formats

# Kazakhstan in a calm year (without the pipeline events of 2025): a case whose leader
# has a tipping point inside the stated ranges, so every section is printed.
ARGS = ("sensitivity", "kazakhstan-2025-government", "-s", "recent_pressure_event=false",
        "-s", "transit_war_disruption=false", "--draws", "1000", "--no-log")


def test_sensitivity_offers_markdown_through_the_format_registry() -> None:
    assert "markdown" in formats("sensitivity")


def test_markdown_holds_every_section_with_the_json_numbers(cli: Callable[..., Run]) -> None:
    md = cli(*ARGS, "-f", "markdown")
    assert md.code == 0, md.err
    data = json.loads(cli(*ARGS, "-f", "json").out)
    out = md.out
    assert out.startswith("## Sensitivity — kazakhstan-2025-government\n")
    for heading in ("### Rank acceptability", "### Sources of uncertainty",
                    "### One-way ranges", "**What would change the base-case leader**",
                    "### Weight stability"):
        assert heading in out, heading
    # One table row per option, with the base-case score the JSON gives.
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    for option in data["options"]:
        row = next(r for r in rows if r.startswith(f"| {option['title']} |"))
        assert f"| {option['base_score']:.2f} |" in row
    # Robustness and confidence in separate sentences (ICD 203).
    robustness = next(line for line in out.splitlines() if "**Robustness:**" in line)
    assert "Confidence" not in robustness
    assert "- Russian pressure falls to medium (now high)" in out
