"""The command-line entry point: a thin translator from arguments to library calls.

Commands live in ``crossroads.commands.*``; :mod:`crossroads.commands.registry` names them
and builds one only when it runs, and command bodies import heavy libraries only when they
need them, so ``--help`` stays fast.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from typing import Annotated, Any

import typer

from crossroads._version import __version__
from crossroads.commands.registry import LazyGroup
from crossroads.core.errors import (
    CrossroadsError,
    ExitCode,
    InputError,
    OutputClosedByReader,
    OutputError,
)

app = typer.Typer(
    name="crossroads",
    cls=LazyGroup,
    help="Score policy options from YAML rule packs, explain every number, and brief.",
    no_args_is_help=True,
    # typer's --install-completion/--show-completion for bash, zsh, fish and PowerShell.
    add_completion=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"crossroads {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """crossroads: decision support for foreign-policy analysts."""


def report_error(error: CrossroadsError) -> int:
    """The one place that turns errors into messages and exit codes."""
    from crossroads.report.safe_text import visible

    if isinstance(error, InputError):
        for problem in error.problems:
            sys.stderr.write(visible(problem.render()) + "\n")
        count = sum(1 for p in error.problems if p.is_error)
        if count > 1:
            sys.stderr.write(f"{count} errors\n")
    else:
        sys.stderr.write(visible(f"error: {error}") + "\n")
    return int(error.exit_code)


def _report_output_failure(error: CrossroadsError) -> int:
    """stdout closed, broken or full: one line on stderr (when it still works), exit 2.

    A reader that stopped early (``| head``) chose to read less: nothing is said and the
    exit code is 0, so ``set -o pipefail`` scripts keep working (exit-codes.md)."""
    if isinstance(error, OutputClosedByReader):
        _silence_stdout()
        return int(error.exit_code)
    with contextlib.suppress(CrossroadsError, OSError, ValueError, AttributeError):
        sys.stderr.write(f"crossroads: {error}\n")
        sys.stderr.flush()
    return int(ExitCode.BAD_INPUT)


def _silence_stdout() -> None:
    """Point the standard output descriptor at /dev/null, so the flush at exit of what
    is still buffered cannot fail again (and print a traceback) on the closed pipe."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())  # type: ignore[union-attr]
        os.close(devnull)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns (and exits with) a stable exit code."""
    from crossroads.commands.common import RunContext, click_module
    from crossroads.report.safe_text import SafeStream, raw_stream, visible

    click = click_module()
    context = RunContext(command_line=tuple(str(a) for a in (sys.argv[1:] if argv is None
                                                              else argv)))
    # Every plain write is cleaned of control characters (data may carry escape codes).
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(raw_stream(sys.stdout)), SafeStream(raw_stream(sys.stderr))
    try:
        code = _run(argv, click, visible, context)
        sys.stdout.flush()
    except OutputError as error:
        code = _report_output_failure(error)
    finally:
        sys.stdout, sys.stderr = saved
    if argv is None:
        if code == ExitCode.BAD_INPUT:
            # A failed flush at exit would print a traceback; nothing more can be written.
            with contextlib.suppress(OSError, ValueError, AttributeError):
                sys.stdout.close()
        sys.exit(int(code))
    return int(code)


def _run(argv: list[str] | None, click: Any, visible: Any, context: Any) -> int:
    try:
        result = app(args=argv, standalone_mode=False, obj=context)
    except OutputError:
        raise
    except CrossroadsError as error:
        code = report_error(error)
    except typer.Exit as done:
        code = done.exit_code
    except click.exceptions.ClickException as error:
        shown = io.StringIO()
        error.show(file=shown)
        sys.stderr.write(visible(shown.getvalue()))
        usage = isinstance(error, click.exceptions.UsageError)
        code = ExitCode.BAD_INPUT if usage else error.exit_code
    except (KeyboardInterrupt, EOFError, typer.Abort):
        sys.stderr.write("interrupted\n")
        code = ExitCode.INTERRUPTED
    else:
        code = result if isinstance(result, int) else ExitCode.OK
        # typer turns Ctrl-C into a silent 130; say so (the wizard says it itself, with
        # where its draft was kept).
        if code == ExitCode.INTERRUPTED and (argv or sys.argv[1:])[:1] != ["wizard"]:
            sys.stderr.write("interrupted\n")
    return int(code)
