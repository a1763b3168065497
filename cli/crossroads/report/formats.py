"""From format name to renderer, per kind of result: the one place `--format` is decided.

Each command names the kind of result it prints; :data:`RENDERERS` says which formats
that kind has and which function draws each, so a command's ``--format`` choices, its
help and its output all come from this table.  Renderers are named as ``module:function``
under ``crossroads`` and imported only when used, so building a command's help costs no
renderer imports.

A renderer returns text (printed as is), a dict (printed as JSON) or, for the ``table``
format, draws on a rich Console it is given as its last argument.  Besides the result,
renderers get the command's extra arguments (explain's option ids, the log's path), unless
``extra=False``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import typer


@dataclass(frozen=True, slots=True)
class Renderer:
    target: str  # "module:function" under crossroads
    console: bool = False  # draws on a rich Console instead of returning text
    extra: bool = True  # receives the command's extra arguments


def _table(target: str, extra: bool = True) -> Renderer:
    return Renderer(target, console=True, extra=extra)


RENDERERS: dict[str, dict[str, Renderer]] = {
    "score": {
        "table": _table("report.terminal:render_score"),
        "json": Renderer("report.data:result_to_dict"),
        "csv": Renderer("report.compare:score_to_csv"),
        "markdown": Renderer("report.tables:to_markdown"),
    },
    # score --panel: the combined view's ranking, and the panel's block (the same formats).
    "score-panel": {
        "table": _table("report.panel_score:render_score_panel"),
        "json": Renderer("report.panel_score:score_panel_dict"),
        "csv": Renderer("report.panel_score:score_panel_csv"),
        "markdown": Renderer("report.panel_score:score_panel_markdown"),
    },
    "explain": {
        "table": _table("report.terminal:render_explain"),
        "json": Renderer("report.explain:explain_to_dict"),
        "csv": Renderer("report.explain:explain_csv"),
        "markdown": Renderer("report.explain:explain_markdown"),
    },
    # explain --assumptions: the key assumptions check on the base case.
    "assumptions": {
        "table": _table("report.key_assumptions:render_assumptions"),
        "json": Renderer("report.key_assumptions:assumptions_to_dict"),
        "csv": Renderer("report.key_assumptions:assumptions_csv"),
        "markdown": Renderer("report.key_assumptions:assumptions_markdown"),
    },
    # explain --panel and explain --assumptions --panel: the combined view, and the panel.
    "explain-panel": {
        "table": _table("report.panel_explain:render_explain_panel"),
        "json": Renderer("report.panel_explain:explain_panel_dict"),
        "csv": Renderer("report.panel_explain:explain_panel_csv"),
        "markdown": Renderer("report.panel_explain:explain_panel_markdown"),
    },
    "assumptions-panel": {
        "table": _table("report.panel_explain:render_assumptions_panel"),
        "json": Renderer("report.panel_explain:assumptions_panel_dict"),
        "csv": Renderer("report.panel_explain:assumptions_panel_csv"),
        "markdown": Renderer("report.panel_explain:assumptions_panel_markdown"),
    },
    "compare": {
        "table": _table("report.compare:render_compare"),
        "json": Renderer("report.compare:compare_to_dict"),
        "csv": Renderer("report.compare:compare_to_csv"),
        "markdown": Renderer("report.compare:compare_to_markdown"),
    },
    "compare-panel": {
        "table": _table("report.panel_score:render_compare_panel"),
        "json": Renderer("report.panel_score:compare_panel_dict"),
        "csv": Renderer("report.panel_score:panel_csv"),
        "markdown": Renderer("report.panel_score:compare_panel_markdown"),
    },
    "sensitivity": {
        "table": _table("report.sensitivity:render_sensitivity"),
        "json": Renderer("report.sensitivity_data:as_dict"),
        "csv": Renderer("report.sensitivity_csv:sensitivity_csv"),
        "markdown": Renderer("report.sensitivity_markdown:sensitivity_markdown"),
    },
    "sensitivity-panel": {
        "table": _table("report.panel_sensitivity:render_sensitivity_panel"),
        "json": Renderer("report.panel_sensitivity:sensitivity_panel_dict"),
        "csv": Renderer("report.panel_sensitivity:sensitivity_panel_csv"),
        "markdown": Renderer("report.panel_sensitivity:sensitivity_panel_markdown"),
    },
    "panel": {
        "table": _table("report.panel:render_panel", extra=False),
        "json": Renderer("report.panel:panel_to_dict", extra=False),
        "markdown": Renderer("report.panel:panel_markdown", extra=False),
    },
    "panel-spread": {
        "table": _table("report.panel_spread:render_spread", extra=False),
        "json": Renderer("report.panel_spread:spread_json", extra=False),
        "markdown": Renderer("report.panel_spread:spread_markdown", extra=False),
    },
    "packs": {
        "table": _table("report.catalog:render_packs"),
        "json": Renderer("report.catalog:packs_to_dict"),
    },
    "scenarios": {
        "table": _table("report.catalog:render_scenarios"),
        "json": Renderer("report.catalog:scenarios_to_dict"),
    },
    "runs": {
        "table": _table("report.log_terminal:render_list"),
        "json": Renderer("report.log_data:history_to_dict", extra=False),
        "csv": Renderer("report.log_data:history_csv", extra=False),
    },
    "run": {
        "table": _table("report.log_terminal:render_show"),
        "json": Renderer("report.log_data:run_to_dict"),
    },
    "rerun": {
        "table": _table("report.log_terminal:render_rerun"),
        "json": Renderer("report.log_data:rerun_to_dict"),
    },
    "diff": {
        "table": _table("report.log_terminal:render_diff"),
        "json": Renderer("report.log_data:diff_to_dict"),
    },
    # history export: complete records, for other programs (no table).
    "export": {
        "json": Renderer("report.log_data:history_to_dict"),
        "csv": Renderer("report.log_data:history_csv"),
    },
}


def formats(kind: str) -> tuple[str, ...]:
    """The format names a kind of result can be printed in, the default first."""
    return tuple(RENDERERS[kind])


def renderer(kind: str, fmt: str) -> Callable[..., Any]:
    """The function that draws *kind* in *fmt* (imports its module)."""
    module, function = RENDERERS[kind][fmt].target.split(":")
    found: Callable[..., Any] = getattr(importlib.import_module(f"crossroads.{module}"),
                                        function)
    return found


def as_text(kind: str, fmt: str, data: Any, *extra: Any) -> str:
    """*data* in a text format (not ``table``), as the command would print it."""
    entry = RENDERERS[kind][fmt]
    if entry.console:
        raise ValueError(f"{kind} {fmt} draws on a console; use show()")
    out = renderer(kind, fmt)(data, *extra) if entry.extra else renderer(kind, fmt)(data)
    if isinstance(out, str):
        return out
    from crossroads.report.escaping import json_text

    return json_text(out) + "\n"


def show(kind: str, fmt: str, data: Any, *extra: Any) -> None:
    """Print *data* on standard output in *fmt*."""
    entry = RENDERERS[kind][fmt]
    if not entry.console:
        typer.echo(as_text(kind, fmt, data, *extra), nl=False)
        return
    from crossroads.report.console import console  # rich: only when a table is drawn

    args = extra if entry.extra else ()
    renderer(kind, fmt)(data, *args, console())
