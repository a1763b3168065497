"""MkDocs hook: generate the CLI reference from the typer app's own ``--help``.

The page ``reference/cli.md`` holds the marker ``<!-- cli-reference -->``; at build time
it is replaced by the help text of every command and subcommand, rendered at a fixed
width of 100 columns without colour, so the reference cannot drift from the code.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

MARKER = "<!-- cli-reference -->"
PAGE = "reference/cli.md"
WIDTH = 100
PLAIN_TERMINAL = {"COLUMNS": str(WIDTH), "NO_COLOR": "1", "TERM": "dumb"}


def _import_app(config_dir: Path) -> Any:
    """The typer app; works from a checkout even when crossroads is not installed."""
    try:
        from crossroads.app import app
    except ImportError:
        sys.path.insert(0, str(config_dir / "cli"))
        from crossroads.app import app
    return app


def _sections(command: Any, ctx: Any, path: str, depth: int) -> list[str]:
    help_text = command.get_help(ctx).rstrip()
    out = [f"{'#' * depth} `{path}`", "", "```text", help_text, "```", ""]
    # The root and its commands share one heading level; subcommands go one deeper.
    child_depth = depth if ctx.parent is None else min(depth + 1, 4)
    if hasattr(command, "list_commands"):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is None or getattr(sub, "hidden", False):
                continue
            sub_ctx = sub.context_class(sub, info_name=name, parent=ctx,
                                        terminal_width=WIDTH, max_content_width=WIDTH)
            out += _sections(sub, sub_ctx, f"{path} {name}", child_depth)
    return out


def render_reference(config_dir: Path) -> str:
    """Markdown for every command, in the order ``crossroads --help`` lists them."""
    import typer

    saved = {key: os.environ.get(key) for key in PLAIN_TERMINAL}
    os.environ.update(PLAIN_TERMINAL)
    try:
        root = typer.main.get_command(_import_app(config_dir))
        ctx = root.context_class(root, info_name="crossroads", terminal_width=WIDTH,
                                 max_content_width=WIDTH)
        return "\n".join(_sections(root, ctx, "crossroads", 2))
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if page.file.src_uri != PAGE:
        return markdown
    if MARKER not in markdown:
        raise ValueError(f"{PAGE} must contain {MARKER} where the CLI reference goes")
    config_dir = Path(config.config_file_path).resolve().parent
    return markdown.replace(MARKER, render_reference(config_dir))
