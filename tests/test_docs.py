"""The docs stay true: every command has help and is documented, the quickstart is real,
the README stays short, links resolve and the MkDocs nav lists every page."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from typing import Any

import typer
import yaml

from conftest import ROOT
from crossroads.app import app

README_PATH = ROOT / "README.md"
README = README_PATH.read_text(encoding="utf-8")
DOCS = ROOT / "docs"
DOC_PAGES = sorted(DOCS.rglob("*.md"))
GENERATED_PAGE = DOCS / "reference" / "cli.md"  # filled from --help at build time
MAIN_JOBS = ("score", "explain", "brief", "compare", "sensitivity", "wizard")


def walk(command: Any, prefix: str = "crossroads") -> Iterator[tuple[str, Any]]:
    # list_commands/get_command, not .commands: the top level builds commands lazily.
    if not hasattr(command, "list_commands"):
        return
    for name in sorted(command.list_commands(None)):
        sub = command.get_command(None, name)
        path = f"{prefix} {name}"
        yield path, sub
        yield from walk(sub, path)


def hand_written_text() -> str:
    """README and every docs page except what the build generates."""
    pages = [README] + [p.read_text(encoding="utf-8") for p in DOC_PAGES]
    return "\n".join(pages)


def test_every_command_has_help_and_is_documented() -> None:
    commands = list(walk(typer.main.get_command(app)))
    assert len(commands) >= 6
    text = hand_written_text()
    for path, command in commands:
        assert (command.help or "").strip(), f"{path} has no help text"
        assert f"`{path}" in text or f"{path} " in text, (
            f"{path} is not documented in README.md or a hand-written page under docs/")


def test_generated_cli_reference_covers_every_command() -> None:
    assert "<!-- cli-reference -->" in GENERATED_PAGE.read_text(encoding="utf-8")
    spec = importlib.util.spec_from_file_location("cli_reference",
                                                  DOCS / "hooks" / "cli_reference.py")
    assert spec is not None and spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    reference = hook.render_reference(ROOT)
    for path, _ in walk(typer.main.get_command(app)):
        assert f"`{path}`\n" in reference, f"{path} is missing from the generated reference"
        assert f"Usage: {path} " in reference
    assert max(len(line) for line in reference.splitlines()) <= 100


def quickstart_lines() -> list[str]:
    section = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    assert section.count("```sh") == 1, "the quickstart has one ```sh block"
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


def test_quickstart_has_exactly_two_commands() -> None:
    lines = quickstart_lines()
    assert len(lines) == 2
    first, second = lines
    assert any(f"crossroads {job}" in first for job in MAIN_JOBS), first
    assert "[test" not in first, "the first command installs only what users need"
    assert "pip install" in first
    assert "[test" in second
    assert second.endswith("python -m pytest")


def test_readme_is_short() -> None:
    assert len(README.encode("utf-8")) < 6 * 1024


FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]*`")
MD_LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_LINK = re.compile(r"""<(?:img|a)\b[^>]*?\b(?:src|href)=["']([^"']+)["']""")


def relative_links(text: str) -> Iterator[str]:
    prose = INLINE_CODE.sub("", FENCE.sub("", text))
    for match in [*MD_LINK.finditer(prose), *HTML_LINK.finditer(prose)]:
        target = match.group(1)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) or target.startswith("#"):
            continue  # a URL, mailto: or an anchor on the same page
        yield target


def test_relative_links_point_at_existing_files() -> None:
    broken = []
    for page in [README_PATH, *DOC_PAGES]:
        for target in relative_links(page.read_text(encoding="utf-8")):
            path = target.split("#", 1)[0].split("?", 1)[0]
            if path and not (page.parent / path).exists():
                broken.append(f"{page.relative_to(ROOT)}: {target}")
    assert not broken, "broken links:\n" + "\n".join(broken)


def nav_pages(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        if node.endswith(".md"):
            yield node
    elif isinstance(node, list):
        for item in node:
            yield from nav_pages(item)
    elif isinstance(node, dict):
        for value in node.values():
            yield from nav_pages(value)


def test_mkdocs_nav_lists_every_docs_page() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    listed = set(nav_pages(config["nav"]))
    pages = {p.relative_to(DOCS).as_posix() for p in DOC_PAGES}
    assert pages - listed == set(), "pages missing from the mkdocs.yml nav"
    assert listed - pages == set(), "the nav lists pages that do not exist"
    assert (DOCS / "img" / "briefing-page1.png").is_file()


def test_the_architecture_page_lists_every_module_in_its_layer() -> None:
    page = (ROOT / "docs" / "explanation" / "architecture.md").read_text(encoding="utf-8")
    package = ROOT / "cli" / "crossroads"
    for layer in ("core", "io", "robustness", "authoring", "log", "services", "report",
                  "wizard", "commands"):
        row = next(line for line in page.splitlines() if line.startswith(f"| `{layer}` |"))
        for module in sorted((package / layer).glob("*.py")):
            if module.stem != "__init__":
                assert f"`{module.stem}`" in row, f"{layer}/{module.name} is not in architecture.md"
