"""The ``crossroads`` console script: start fast, answer ``--help`` from a cache, exit fast.

Three things make a short run cheaper without changing what it does:

- ``crossroads [COMMAND...] --help`` prints the text click renders for that command.
  Importing typer and building the command costs several times Python's own start-up,
  so the rendered text is kept as a plain text file in the user cache directory, keyed
  by everything it depends on: every Python file of the package and typer's (path,
  size, modification time), the terminal width and the command words.  A hit prints the
  file; anything else (a miss, an unknown command, an unreadable cache) runs the real
  CLI.  The cache holds text that is printed, never code.
- The garbage collector's youngest generation is collected every :data:`GC_YOUNG`
  allocations instead of every 700: a run's imports allocate a few hundred thousand
  objects that all live until exit, and the collector would scan them again and again
  for cycles that are not there.  It still runs, so a long run (the wizard, ``compare``
  of thousands of files) keeps its memory bounded.
- After the command has finished and its output is flushed, the process ends with
  ``os._exit``: tearing down every imported module one by one costs more than most
  commands.  Exit handlers still run first.
"""

from __future__ import annotations

import gc
import os
import stat as _stat
import sys

# A command word as the registry names them; anything else is not a plain help request.
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz-")
HELP_FORMAT = 1
# Measured on `score`, `sensitivity`, `compare` and `brief`: as fast as no collection at all
# (within noise), where Python's default of 700 costs 5-10% of a short command's CPU.
GC_YOUNG = 50_000
_HELP_CAP = 256_000  # the longest help text is a few kilobytes
# What the terminal sanitiser would escape (report.safe_text.UNSAFE, plus tab): help click
# renders holds none of it, so a cache entry that does is someone else's text.
# A set, not a regular expression: importing `re` would cost this fast path a third.
_UNPRINTABLE = frozenset([*map(chr, [*range(0x00, 0x0A), *range(0x0B, 0x20), *range(0x7F, 0xA0),
                                     0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F),
                                     *range(0x2066, 0x206A), 0xFEFF])])


def main(help_cache: bool = True) -> None:
    """Entry point of the ``crossroads`` script (``python -m crossroads`` passes
    ``help_cache=False``: click names that program differently in its help)."""
    gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])
    words = help_words(sys.argv[1:]) if help_cache else None
    text = cached_help(words) if words is not None else None
    if text is None:
        from crossroads.app import main as run

        try:
            code: object = run()
        except SystemExit as done:
            code = done.code
        if words is not None and code == 0:
            store_help(words)
    else:
        sys.stdout.write(text)
        code = 0
    _exit(code)


def help_words(args: list[str]) -> list[str] | None:
    """The command words of ``crossroads WORD... --help``, or None for anything else
    (completion requests included: they go through typer)."""
    if not args or args[-1] != "--help" or "_CROSSROADS_COMPLETE" in os.environ:
        return None
    words = args[:-1]
    if len(words) > 2 or not all(w and set(w) <= _WORD_CHARS and w[0] != "-" for w in words):
        return None
    return words


def help_key(words: list[str]) -> str | None:
    """Everything the help text depends on, as one line; None when it cannot be known."""
    import importlib.machinery

    from crossroads._version import __version__

    program = os.path.basename(sys.argv[0])
    typer_spec = importlib.machinery.PathFinder.find_spec("typer")
    if typer_spec is None or typer_spec.origin is None:
        return None
    try:
        stamps = [_stamp(typer_spec.origin), *package_stamps(os.path.dirname(__file__))]
        columns = os.get_terminal_size(sys.__stdout__.fileno()).columns \
            if sys.__stdout__ is not None and sys.__stdout__.isatty() else 0
    except OSError:
        return None
    # click reads COLUMNS first, then the terminal, as shutil.get_terminal_size does.
    width = os.environ.get("COLUMNS") or str(columns)
    return "|".join([str(HELP_FORMAT), __version__, program, " ".join(words), width,
                     *stamps])


def _stamp(path: str) -> str:
    stat = os.stat(path)
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


def package_stamps(top: str) -> list[str]:
    """Path, size and modification time of every Python file of the package.

    Help text is read from many modules (the formats table, the robustness defaults, the
    option types); keying on all of them costs about 2 ms (a stat per file) and means an edit
    anywhere, in an editable install too, can never leave stale help behind.
    """
    stamps = []
    folders = [top]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_dir() and entry.name != "__pycache__":
                    folders.append(entry.path)
                elif entry.name.endswith(".py"):
                    stamps.append(_stamp(entry.path))
    return stamps


def _entry(key: str) -> str | None:
    import zlib

    chosen = os.environ.get("CROSSROADS_CACHE_DIR")
    if chosen == "off":
        return None
    base = chosen or os.path.join(os.environ.get("XDG_CACHE_HOME")
                                  or os.path.join(os.path.expanduser("~"), ".cache"),
                                  "crossroads")
    return os.path.join(base, f"help-{zlib.crc32(key.encode()):08x}.txt")


def cached_help(words: list[str]) -> str | None:
    """The cached help text for *words*, if its key still matches."""
    key = help_key(words)
    entry = _entry(key) if key is not None else None
    if entry is None:
        return None
    try:  # the guards of every input: a regular file (never a FIFO), size-capped
        fd = os.open(entry, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as stored:
            if not _stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            raw = stored.read(_HELP_CAP + 1)
        stored_key, _, text = raw.decode("utf-8").partition("\n")
    except (OSError, ValueError):
        return None
    if len(raw) > _HELP_CAP or not _UNPRINTABLE.isdisjoint(text):
        return None  # not text click wrote: render the real help instead of printing it
    return text if stored_key == key and text else None


def render_help(words: list[str], program: str = "crossroads") -> str | None:
    """The help text click prints for ``crossroads WORDS --help``, or None when the words
    do not name a command."""
    import typer.main

    from crossroads.app import app

    command = typer.main.get_command(app)
    context = command.make_context(program, [], resilient_parsing=True)
    for word in words:
        sub = getattr(command, "get_command", lambda *_: None)(context, word)
        if sub is None:
            return None
        command, context = sub, sub.make_context(word, [], parent=context,
                                                 resilient_parsing=True)
    return str(context.get_help()) + "\n"


def store_help(words: list[str]) -> None:
    """Keep the help for *words* for next time; a cache that cannot be written is skipped."""
    key = help_key(words)
    entry = _entry(key) if key is not None else None
    if key is None or entry is None:
        return
    try:
        text = render_help(words, os.path.basename(sys.argv[0]))
        if text is None:
            return
    except OSError:
        return
    from pathlib import Path

    from crossroads.io.files import write_private

    write_private(Path(entry), f"{key}\n{text}")


def _exit(code: object) -> None:
    """Flush, run exit handlers, and end the process without tearing modules down."""
    import atexit

    if code is None:
        code = 0
    elif not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None when the process was started without it
                stream.flush()
        except (OSError, ValueError):
            code = code or 1  # output that could not be written is a failure
    atexit._run_exitfuncs()  # e.g. temporary directories removed at exit
    os._exit(code)
