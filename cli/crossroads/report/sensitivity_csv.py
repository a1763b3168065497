"""A sensitivity run as CSV: one line per measure, in long format for a spreadsheet.

Built from the JSON contract (``crossroads.sensitivity/3``), so both forms always say
the same.  Columns: ``section, id, title, measure, value``; sections are ``option``
(base and mean score, share of draws at each rank), ``driver`` (one-way range and
break-even of each uncertain factor), ``weight`` (the interval over which a
criterion's weight keeps the leader), ``evpi`` (the value of perfect information) and
``evppi`` (each input's and group's value of information).
"""

from __future__ import annotations

import io
from typing import Any

from crossroads.report.escaping import csv_writer
from crossroads.report.sensitivity_data import as_dict
from crossroads.report.voi_render import voi_csv_rows
from crossroads.robustness.result import Sensitivity

COLUMNS = ("section", "id", "title", "measure", "value")
_DRIVER_MEASURES = ("base", "low", "high", "margin_low", "margin_high", "swing", "break_even",
                    "last_held", "new_leader")
_WEIGHT_MEASURES = ("weight", "lower", "upper", "leader_below", "leader_above")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def sensitivity_csv(result: Sensitivity) -> str:
    data = as_dict(result)
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(COLUMNS)
    for o in data["options"]:
        writer.writerow(["option", o["id"], o["title"], "base_score", _cell(o["base_score"])])
        writer.writerow(["option", o["id"], o["title"], "mean_score", _cell(o["mean_score"])])
        for rank, share in enumerate(o["rank_acceptability"], start=1):
            writer.writerow(["option", o["id"], o["title"], f"share_rank_{rank}",
                             _cell(share)])
    for d in data["one_way"]:
        for measure in _DRIVER_MEASURES:
            writer.writerow(["driver", d["factor"], d["label"], measure, _cell(d[measure])])
    for w in data["weight_stability"]:
        for measure in _WEIGHT_MEASURES:
            writer.writerow(["weight", w["criterion"], w["title"], measure,
                             _cell(w[measure])])
    for section, item, title, measure, value in voi_csv_rows(data):
        writer.writerow([section, item, title, measure, _cell(value)])
    return buffer.getvalue()
