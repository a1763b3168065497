"""Tables that fit the terminal without cutting an id.

Issue 14: titles where people read, ids where they type, and an id is never cut or
broken.  Id columns are therefore ``no_wrap`` and at least as wide as their longest id;
text columns wrap (folding a word longer than the column rather than cutting it).  When
even the text columns at their narrowest leave no room for the ids, :func:`fit` drops the
least needed columns, in the order the table names, before rich would shrink an id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.table import Column, Table
from rich.text import Text

GAP = 3  # a column's padding on both sides and the divider after it
TEXT_MIN = 12  # the narrowest a wrapping text column gets before columns are dropped


def id_column(table: Table, header: str, ids: Iterable[str], **options: object) -> None:
    """A column of ids: never wrapped, never narrower than its longest id."""
    longest = max((cell_len(i) for i in ids), default=0)
    table.add_column(header, no_wrap=True, min_width=max(longest, cell_len(header)),
                     **options)  # type: ignore[arg-type]


def text_column(table: Table, header: str, min_width: int = TEXT_MIN,
                **options: object) -> None:
    """A column people read: wraps at spaces, folds a word too long for it."""
    table.add_column(header, overflow="fold", min_width=min_width,
                     **options)  # type: ignore[arg-type]


def _widest_line(cell: object) -> int:
    text = cell.plain if isinstance(cell, Text) else str(cell)
    return max((cell_len(line) for line in text.split("\n")), default=0)


def _least(column: Column) -> int:
    if not column.no_wrap:
        return column.min_width or TEXT_MIN
    return max([column.min_width or 0, _widest_line(column.header),
                *(_widest_line(c) for c in column.cells)])


def least_width(table: Table) -> int:
    """The narrowest *table* can be drawn with every no-wrap cell whole."""
    return sum(_least(c) + GAP for c in table.columns)


def fit(table: Table, width: int, droppable: Sequence[str]) -> Table:
    """*table* without the *droppable* columns (by header, in that order) it must lose
    to fit in *width* cells with every id whole."""
    for header in droppable:
        if least_width(table) <= width:
            break
        table.columns = [c for c in table.columns if c.header != header]
    return table
