""""What to find out before deciding" in the sensitivity reports: terminal, Markdown, CSV.

Each renderer of a sensitivity run calls one function here; the words come from
:mod:`crossroads.report.voi_text`, the numbers from the run's
:class:`~crossroads.robustness.voi_result.ValueOfInformation`.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from crossroads.report.tables import md_escape
from crossroads.report.voi_text import (
    groups_line,
    headline,
    measured_against,
    not_valued_line,
    worth_finding_out,
)
from crossroads.robustness.result import Sensitivity

TITLE = "What to find out before deciding (value of information)"


def _lines(result: Sensitivity) -> list[str]:
    voi = result.value_of_information
    assert voi is not None
    lines = [headline(voi, result.titles)]
    against = measured_against(voi, result.recommended, result.titles)
    if against:
        lines.append(against)
    if not voi.negligible and groups_line(voi):
        lines.append(groups_line(voi))
    if not_valued_line(voi):
        lines.append(not_valued_line(voi))
    return lines


def voi_terminal(result: Sensitivity) -> list[Any]:
    """Renderables for the terminal panel (empty when the value was not computed)."""
    voi = result.value_of_information
    if voi is None:
        return []
    parts: list[Any] = [Text(""), Text(TITLE, style="bold"), Text(" ".join(_lines(result)))]
    for row in worth_finding_out(voi, result.titles):
        line = Text("• ")
        line.append(row.input, style="bold")
        line.append(f": worth {row.worth}; knowing it would change the choice in "
                    f"{row.chance} of cases, most often to {row.switch_to}.\n  ")
        line.append(f"Where to look: {row.where}.", style="dim")
        parts.append(line)
    return parts


def voi_markdown(result: Sensitivity) -> list[str]:
    """The section as Markdown lines (none when the value was not computed)."""
    voi = result.value_of_information
    if voi is None:
        return []
    lines = [f"### {TITLE}", "", *(md_escape(line) for line in _lines(result)), ""]
    rows = worth_finding_out(voi, result.titles)
    if rows:
        lines += ["| Input | Worth | Changes choice | Most often to | Where to look |",
                  "|---|---:|---:|---|---|"]
        lines += [f"| {md_escape(r.input)} | {md_escape(r.worth)} | {r.chance} | "
                  f"{md_escape(r.switch_to)} | {md_escape(r.where)} |" for r in rows]
        lines.append("")
    return lines


#: What each input's CSV rows hold, from the JSON contract's names.
CSV_MEASURES = ("evppi", "standard_error", "share_of_swing", "change_chance", "switch_to",
                "gain_if_changed", "negligible")


def voi_csv_rows(data: dict[str, Any]) -> list[list[Any]]:
    """Long-format rows (section, id, title, measure, value) from the JSON contract."""
    voi = data.get("value_of_information")
    if not voi:
        return []
    rows: list[list[Any]] = [
        ["evpi", "decision", voi["decision"], measure, voi[key]]
        for measure, key in (("evpi", "evpi"), ("standard_error", "evpi_standard_error"),
                             ("share_of_swing", "evpi_share_of_swing"),
                             ("negligible", "negligible"))]
    for section in ("inputs", "groups"):
        for item in voi[section]:
            rows += [["evppi", item["id"], item["label"], measure, item[measure]]
                     for measure in CSV_MEASURES]
    return rows
