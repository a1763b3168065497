"""`crossroads history list|show|rerun|diff|export`: the decision log, read back."""

from __future__ import annotations

import datetime as _dt
import sys
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer

from crossroads.commands.common import format_option
from crossroads.core.errors import ExitCode, InputError
from crossroads.core.words import count_of
from crossroads.report.formats import show

if TYPE_CHECKING:
    from crossroads.log.store import RunRecord

LATEST = "latest"


ReadLogOpt = Annotated[
    Path | None,
    typer.Option("--log", metavar="PATH", dir_okay=False,
                 help="Decision log to read (default: $CROSSROADS_HOME/history.sqlite3 or "
                      "the user data directory)."),
]
RunArg = Annotated[str, typer.Argument(
    metavar="RUN", help=f"Run id, a unique prefix of it, or '{LATEST}'.")]
SubjectOpt = Annotated[str | None, typer.Option(
    "--subject", help="Only runs about this subject (case-insensitive).")]
SinceOpt = Annotated[str | None, typer.Option(
    "--since", metavar="DATE", help="Only runs at or after DATE (YYYY-MM-DD or ISO time; UTC).")]


def _log_path(log: Path | None) -> Path:
    from crossroads.log.store import default_log_path

    return log if log is not None else default_log_path()


def parse_since(text: str | None) -> str | None:
    """A --since value as the UTC timestamp text the log stores (naive times are UTC)."""
    if text is None:
        return None
    try:
        moment = _dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError.single("--since", f"not a date or time: {text!r}",
                                "use YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC)") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.UTC)
    return moment.astimezone(_dt.UTC).isoformat(timespec="milliseconds")


def resolve_run(log: Path, ref: str) -> RunRecord:
    """The one run that *ref* (an id, a unique prefix, or 'latest') names."""
    from crossroads.log.reading import find, ids_with_prefix, iter_records
    from crossroads.log.store import Query

    if not log.exists():
        raise InputError.single(str(log), "no decision log here yet",
                                "every scoring command records its runs (--no-log to skip)")
    if ref == LATEST:
        runs = iter_records(log)  # newest first; a damaged row is skipped, with a warning
        latest = next(runs, None)
        runs.close()
        if latest is None:
            raise InputError.single(str(log), "the decision log has no readable runs",
                                    "score a scenario to record one")
        return latest
    prefix = ref.strip().lower()
    if not prefix or any(ch not in "0123456789abcdef" for ch in prefix):
        raise InputError.single("RUN", f"{ref!r} is not a run id",
                                "run ids are hex, e.g. 3f2a9c01; see `crossroads history list`")
    matches = ids_with_prefix(log, prefix)
    if not matches:
        raise InputError.single("RUN", f"no recorded run starts with {prefix!r}",
                                "see `crossroads history list`")
    if len(matches) > 1:
        shown = ", ".join(m[:12] for m in matches[:5])
        raise InputError.single("RUN", f"{prefix!r} matches several runs ({shown})",
                                "type more characters of the id")
    found = find(log, Query(ids=(matches[0],)))
    if not found:
        raise InputError.single("RUN", f"the run {matches[0][:12]!r} is damaged and cannot "
                                "be read", "see the warning above; other runs are unaffected")
    return found[0]


def history_list(
    subject: SubjectOpt = None,
    since: SinceOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, max=10_000_000,
                                       help="Show at most N runs (0 = all).")] = 20,
    log: ReadLogOpt = None,
    output_format: Annotated[str, format_option("runs")] = "table",
) -> None:
    """List recorded runs, newest first."""
    from crossroads.log.reading import find
    from crossroads.log.store import Query

    path = _log_path(log)
    records = find(path, Query(subject=subject, since=parse_since(since), limit=limit or None))
    show("runs", output_format, records, path)


def history_show(
    run: RunArg,
    log: ReadLogOpt = None,
    output_format: Annotated[str, format_option("run")] = "table",
) -> None:
    """Show one recorded run: command line, pack and digest, facts, weights, ranking."""
    record = resolve_run(_log_path(log), run)
    show("run", output_format, record)


def history_rerun(
    run: RunArg,
    pack: Annotated[str | None, typer.Option(
        "--pack", "-p", help="Pack id or path to score with (default: the run's pack as it "
                             "is today, from where it was loaded).")] = None,
    check: Annotated[bool, typer.Option(
        "--check", help="Exit 1 when the result differs from the recorded one.")] = False,
    log: ReadLogOpt = None,
    output_format: Annotated[str, format_option("rerun")] = "table",
) -> int:
    """Score a recorded run again with today's pack and say whether and why it changed."""
    from crossroads.log.rerun import rerun as run_again

    outcome = run_again(resolve_run(_log_path(log), run), pack)
    show("rerun", output_format, outcome)
    return int(ExitCode.CHECK_FAILED if check and outcome.changed else ExitCode.OK)


def history_diff(
    old: Annotated[str, typer.Argument(metavar="RUN", help="The earlier run (id or prefix).")],
    new: Annotated[str, typer.Argument(metavar="RUN", help="The later run (id or prefix).")],
    log: ReadLogOpt = None,
    output_format: Annotated[str, format_option("diff")] = "table",
) -> None:
    """Compare two recorded runs: pack, factor values, weights and ranking."""
    from crossroads.log.rerun import diff

    path = _log_path(log)
    result = diff(resolve_run(path, old), resolve_run(path, new))
    show("diff", output_format, result)


def history_export(
    export_format: Annotated[str, format_option(
        "export", "json: complete records; csv: one summary row per run.")] = "json",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", dir_okay=False, help="Write to FILE instead of standard output.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    subject: SubjectOpt = None,
    since: SinceOpt = None,
    log: ReadLogOpt = None,
) -> None:
    """Export recorded runs (oldest first) as JSON or CSV."""
    from crossroads.log.reading import iter_records
    from crossroads.log.store import Query

    records = iter_records(_log_path(log), Query(subject=subject, since=parse_since(since)),
                           oldest_first=True)
    if output is None:
        _write_export(sys.stdout, export_format, records)
        return
    from crossroads.io.files import open_atomic

    # Checked before the log is read, and the file is written as the rows arrive: a log
    # of any size exports in the memory of one record.
    with open_atomic(output, force=force) as handle:
        count = _write_export(handle, export_format, records)
    typer.echo(f"wrote {count_of(count, 'run')} to {output}", err=True)


def _write_export(out: IO[str], export_format: str, records: Iterable[RunRecord]) -> int:
    """Write *records* as the ``crossroads.history/1`` JSON document or CSV, one at a
    time; returns how many were written."""
    import json

    from crossroads.report.escaping import json_text
    from crossroads.report.log_data import HISTORY_SCHEMA, history_csv

    count = 0
    if export_format == "csv":
        for count, record in enumerate(records, 1):
            text = history_csv([record])
            out.write(text if count == 1 else text.partition("\n")[2])  # one header
        if count == 0:
            out.write(history_csv([]))
        return count
    # Byte for byte what `as_text` makes of history_to_dict (json.dumps, indent 2), with
    # the runs array written element by element.
    out.write(f'{{\n  "schema": {json.dumps(HISTORY_SCHEMA)},\n  "runs": [')
    for count, record in enumerate(records, 1):
        run = json_text(record.to_dict())
        out.write(("\n" if count == 1 else ",\n") + textwrap.indent(run, "    "))
    out.write("\n  ]\n}\n" if count else "]\n}\n")
    return count

