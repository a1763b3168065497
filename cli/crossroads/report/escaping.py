"""One escaping function per written format: JSON text, CSV cells.

Terminal text and briefing documents are :mod:`crossroads.report.safe_text`'s.  Here:

* **JSON** is written by the standard encoder; what it leaves raw and a reader may trip
  on (DEL, C1 controls such as CSI ``\\x9b``, NEL, bidi controls, lone surrogates) is
  written as a ``\\uXXXX`` escape, which every JSON reader decodes back to the same text.
  The output holds nothing the terminal sanitiser would rewrite, so it stays valid JSON
  on a terminal too.
* **CSV** cells that a spreadsheet would run as a formula (text starting ``=``, ``+``,
  ``-``, ``@``, tab or carriage return) get a leading ``'``, as OWASP recommends for CSV
  injection; numbers, negative ones included, are left as they are.  A carriage return
  becomes a newline, which the writer quotes.
"""

from __future__ import annotations

import csv
import json
import re
from typing import IO, Any

# What json.dumps(ensure_ascii=False) leaves raw but a terminal or reader must not get raw.
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                          "\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$|^[+-]?(inf|nan)$")


def json_text(data: Any, *, indent: int | None = 2) -> str:
    """*data* as JSON text (no trailing newline); NaN and infinity are refused
    (``ValueError``), as JSON has no such numbers."""
    text = json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def csv_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs as a formula (and whose carriage returns are
    newlines: the writer quotes a cell holding a newline, but not one holding a lone CR,
    which a reader takes for the end of the row)."""
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START) and not _NUMBER.match(value):
        value = "'" + value
    return value.replace("\r\n", "\n").replace("\r", "\n")


class _SafeWriter:
    """``csv.writer`` whose every cell goes through :func:`csv_cell`."""

    def __init__(self, stream: IO[str]) -> None:
        self._writer = csv.writer(stream, lineterminator="\n")

    def writerow(self, row: list[Any] | tuple[Any, ...]) -> None:
        self._writer.writerow([csv_cell(cell) for cell in row])

    def writerows(self, rows: Any) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(stream: IO[str]) -> _SafeWriter:
    """The CSV writer every CSV output uses (``\\n`` line ends, formula-safe cells)."""
    return _SafeWriter(stream)
