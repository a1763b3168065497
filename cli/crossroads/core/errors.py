"""One exception root for everything crossroads reports to a user.

Errors carry *problems*: a location (file, line, column), a message and a hint.
Only :func:`crossroads.app.main` turns them into output and exit codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes, stable for scripts."""

    OK = 0
    CHECK_FAILED = 1
    BAD_INPUT = 2
    INTERRUPTED = 130


@dataclass(frozen=True, slots=True)
class Location:
    """A place in an input file; line and column are 1-based, 0 when unknown."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{max(self.column, 1)}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, with where it is and how to fix it."""

    location: Location
    message: str
    hint: str = ""
    severity: str = "error"
    code: str = ""

    def render(self) -> str:
        code = f" [{self.code}]" if self.code else ""
        text = f"{self.location}: {self.severity}: {self.message}{code}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class CrossroadsError(Exception):
    """Root of every error crossroads raises on purpose."""

    exit_code: ExitCode = ExitCode.BAD_INPUT


class InputError(CrossroadsError):
    """Bad input: one or more problems, all reported at once."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(p.render() for p in self.problems))

    @classmethod
    def single(cls, location: Location | str, message: str, hint: str = "") -> InputError:
        where = location if isinstance(location, Location) else Location(location)
        return cls([Problem(where, message, hint)])


class OutputError(CrossroadsError):
    """Standard output or error is closed, broken (a pipe whose reader left) or full."""


class OutputClosedByReader(OutputError):
    """The program reading the output stopped early (``| head``): the reader's choice,
    so the command ends quietly with exit code 0 (see docs/reference/exit-codes.md)."""

    exit_code = ExitCode.OK


class EvaluationError(InputError):
    """An expression failed while scoring (e.g. division by zero): names rule and scenario."""


class ProblemCollector:
    """Gathers problems so that validation can report every one of them in a single run."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(
        self,
        location: Location,
        message: str,
        hint: str = "",
        *,
        severity: str = "error",
        code: str = "",
    ) -> None:
        self.problems.append(Problem(location, message, hint, severity, code))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    def raise_if_errors(self) -> None:
        if self.has_errors:
            raise InputError([p for p in self.problems if p.is_error])
