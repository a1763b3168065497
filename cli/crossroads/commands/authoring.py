"""Pack authoring: `rules validate|lint|test|schema|new` and `scenarios validate`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crossroads.commands.common import complete_packs, finite
from crossroads.core.errors import ExitCode
from crossroads.core.words import count_of

if TYPE_CHECKING:
    from crossroads.core.model import Pack


def _echo(lines: list[str]) -> None:
    if lines:
        typer.echo("\n".join(lines))


def _pack_refs(refs: list[str] | None) -> list[str]:
    """The packs to work on: the arguments, or every shipped pack."""
    if refs:
        return refs
    from crossroads.io.resources import shipped_packs

    shipped = [str(p) for p in shipped_packs().values()]
    if not shipped:
        from crossroads.core.errors import InputError

        raise InputError.single("PACK", "no shipped packs found", "name a pack directory")
    return shipped


def rules_validate(
    packs: Annotated[list[str] | None, typer.Argument(
        metavar="PACK|PATH", autocompletion=complete_packs,
        help="Pack ids or directories (default: all shipped).")] = None,
) -> None:
    """Check packs (and their test files): every problem at once, exit 2 on any error."""
    from crossroads.authoring.check import check_pack
    from crossroads.report.authoring import problem_lines

    errors = 0
    for ref in _pack_refs(packs):
        report = check_pack(ref)
        _echo(problem_lines(report.problems))
        errors += report.errors
        if report.pack is not None and not report.errors:
            p = report.pack
            typer.echo(f"{report.target}: ok: {p.id} {p.version}: "
                       f"{count_of(len(p.factors), 'factor')}, "
                       f"{count_of(len(p.options), 'option')}, "
                       f"{count_of(len(p.rules), 'rule')}, "
                       f"{count_of(len(p.risk_rules), 'risk rule')}, "
                       f"{count_of(len(p.constraints), 'constraint')}")
    if errors:
        typer.echo(count_of(errors, "error"), err=True)
        raise typer.Exit(ExitCode.BAD_INPUT)


def scenarios_validate(
    files: Annotated[list[str], typer.Argument(
        help="Scenario files (or shipped scenario ids).")],
    pack: Annotated[str | None, typer.Option(
        "--pack", "-p", help="Check against this pack (default: the scenario's pack).")] = None,
) -> None:
    """Check scenarios' structure, values and priorities against their pack.

    Facts that break one of the pack's constraints are warnings naming the factors.
    """
    from crossroads.authoring.check import check_scenario
    from crossroads.io.resources import shipped_scenarios
    from crossroads.report.authoring import problem_lines

    shipped = shipped_scenarios()
    packs: dict[str, Pack] = {}  # several scenarios of one pack load it once
    errors = 0
    for ref in files:
        path = shipped[ref] if ref in shipped and not Path(ref).exists() else Path(ref)
        report = check_scenario(path, pack, packs=packs)
        _echo(problem_lines(report.problems))
        errors += report.errors
        if not report.errors and report.scenario is not None and report.pack is not None:
            note = f" ({count_of(report.warnings, 'warning')})" \
                if report.warnings else ""
            typer.echo(f"{report.target}: ok: scenario {report.scenario.id} for pack "
                       f"{report.pack.id}{note}")
    if errors:
        typer.echo(count_of(errors, "error"), err=True)
        raise typer.Exit(ExitCode.BAD_INPUT)


def rules_lint(
    packs: Annotated[list[str] | None, typer.Argument(
        metavar="PACK", autocompletion=complete_packs,
        help="Pack ids or directories (default: all shipped).")] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit 1 when there is any warning.")] = False,
    texts: Annotated[Path | None, typer.Option(
        "--texts", metavar="DIR", help="Directory of source full texts (<source id>.txt) "
                                       "to check article quotes against.")] = None,
) -> None:
    """Warn about dead factors, impossible or vacuous conditions, risky likelihoods, etc."""
    from crossroads.authoring.check import check_pack
    from crossroads.authoring.lint import lint_pack
    from crossroads.report.authoring import problem_lines

    errors = warnings = 0
    for ref in _pack_refs(packs):
        report = check_pack(ref)
        if report.pack is None or report.errors:
            _echo(problem_lines(report.problems))
            errors += report.errors
            continue
        found = lint_pack(report.pack, texts)
        _echo(problem_lines(found))
        flagged = sum(1 for p in found if p.severity == "warning")  # info never fails --strict
        warnings += flagged
        notes = len(found) - flagged
        typer.echo(f"{report.target}: {count_of(flagged, 'warning')}"
                   + (f", {count_of(notes, 'note')}" if notes else ""))
    if errors:
        raise typer.Exit(ExitCode.BAD_INPUT)
    if strict and warnings:
        raise typer.Exit(ExitCode.CHECK_FAILED)


def rules_test(
    packs: Annotated[list[str] | None, typer.Argument(
        metavar="PACK", autocompletion=complete_packs,
        help="Pack ids or directories (default: all shipped).")] = None,
    show_coverage: Annotated[bool, typer.Option(
        "--coverage", help="Report the rules and risk rules the tests and shipped "
                           "scenarios fire, and those never fired.")] = False,
    fail_under: Annotated[float | None, typer.Option(
        "--fail-under", metavar="PCT", min=0, max=100, callback=finite,
        help="Exit 1 when coverage is below PCT percent (implies --coverage).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List passing tests too.")
                       ] = False,
) -> None:
    """Run the pack tests (YAML beside the pack); exit 1 when any fails."""
    from crossroads.authoring.check import resolve_pack_path
    from crossroads.authoring.packtest import run_pack_tests
    from crossroads.io.loader import load_pack
    from crossroads.report.authoring import coverage_lines, run_lines
    from crossroads.report.console import console
    from crossroads.report.sensitivity import progress_bar

    failed = below = False
    for ref in _pack_refs(packs):
        pack = load_pack(resolve_pack_path(ref))
        # On a terminal, a bar on stderr: the shipped packs' tests take many seconds.
        with progress_bar(1, console(stderr=True), f"Testing {pack.id}", unit="tests",
                          always=True) as progress:
            run = run_pack_tests(pack, with_coverage=show_coverage or fail_under is not None,
                                 progress=progress)
        _echo(run_lines(run, verbose=verbose))
        failed |= run.failed > 0
        if run.coverage is not None:
            _echo(coverage_lines(run.coverage))
            if fail_under is not None and run.coverage.percent < fail_under:
                typer.echo(f"{pack.id}: coverage {run.coverage.percent:.1f}% is below "
                           f"--fail-under {fail_under:g}%", err=True)
                below = True
    if failed or below:
        raise typer.Exit(ExitCode.CHECK_FAILED)


def rules_schema(
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="DIR", help="Directory for the schema files.")] = Path(),
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Write JSON Schemas for pack, scenario and pack-test files (editor completion)."""
    from crossroads.authoring.schema import write_schemas
    from crossroads.io.yamldoc import display_path

    for path in write_schemas(output, force=force):
        typer.echo(f"wrote {display_path(path)}")


def rules_new(
    name: Annotated[str, typer.Argument(help="Id of the new pack (its directory name).")],
    directory: Annotated[Path, typer.Option(
        "--dir", "-d", help="Where to create the pack directory.")] = Path(),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing pack's files.")
                     ] = False,
) -> None:
    """Create a minimal pack that validates, lints clean and passes its tests."""
    from crossroads.authoring.scaffold import new_pack
    from crossroads.io.yamldoc import display_path

    files = new_pack(name, directory, force=force)
    for path in files:
        typer.echo(f"wrote {display_path(path)}")
    where = display_path(files[0].parent)
    typer.echo(f"next: edit {where}/pack.yaml, then `crossroads rules validate {where}`, "
               f"`crossroads rules lint {where}` and `crossroads rules test {where}`")

