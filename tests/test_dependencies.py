"""Every third-party module the package imports is a dependency that pyproject.toml declares.

A module that arrives only as a dependency of a dependency (lxml under python-docx,
prompt_toolkit under questionary) can vanish when that package changes its own
requirements; crossroads must then still install everything it imports.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib

from conftest import ROOT

PACKAGE = ROOT / "cli" / "crossroads"
#: Imports that need no declaration, with the reason.
EXEMPT = {
    # Only when typer does not vendor click as typer._click, i.e. typer < 0.24, which the
    # declared `typer>=0.24` excludes.
    "click",
}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        requirements = tomllib.load(handle)["project"]["dependencies"]
    return {_normal(re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0])
            for requirement in requirements}


def imported() -> dict[str, set[str]]:
    """Top-level third-party module → the files of the package that import it."""
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.partition(".")[0]
                if top not in sys.stdlib_module_names and top != "crossroads":
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_imported_distribution_is_declared() -> None:
    distributions = importlib.metadata.packages_distributions()
    wanted = declared()
    undeclared = {}
    for module, files in imported().items():
        if module in EXEMPT:
            continue
        providers = {_normal(d) for d in distributions.get(module, [module])}
        if not providers & wanted:
            undeclared[module] = sorted(files)
    assert not undeclared, f"add these to [project] dependencies: {undeclared}"


def test_the_scan_sees_the_imports_that_once_went_undeclared() -> None:
    # The scan must look inside functions: both imports below are lazy.
    found = imported()
    assert "cli/crossroads/report/briefing/word.py" in found["lxml"]
    assert "cli/crossroads/wizard/prompt.py" in found["prompt_toolkit"]
