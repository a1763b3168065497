"""Tables that fit the terminal without cutting an id.

Issue 14: titles where people read, ids where they type, and an id is never cut or
broken.  Id columns are therefore ``no_wrap`` and at least as wide as their longest id;
text columns wrap (folding a word longer than the column rather than cutting it).  When
even the text columns at their narrowest leave no room for the ids, :func:`fit` drops the
least needed columns, in the order the table names, before rich would shrink an id; first
it closes the gaps between columns to one space (no dividers), which often suffices.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.table import Column, Table
from rich.text import Text

GAP = 3  # a column's padding on both sides and the divider after it
TIGHT_GAP = 1  # one space after each column, no divider
TIGHT_TEXT_MIN = 10
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


LONGEST_WORD = 20  # a longer word may fold; shorter ones are never broken


def _longest_word(cell: object) -> int:
    text = cell.plain if isinstance(cell, Text) else str(cell)
    return max((cell_len(word) for word in text.split()), default=0)


def _least(column: Column) -> int:
    if not column.no_wrap:
        words = max((_longest_word(c) for c in column.cells), default=0)
        return max(column.min_width or TEXT_MIN, min(words, LONGEST_WORD))
    return max([column.min_width or 0, _widest_line(column.header),
                *(_widest_line(c) for c in column.cells)])


def least_width(table: Table, gap: int = GAP) -> int:
    """The narrowest *table* can be drawn with every no-wrap cell whole."""
    return sum(_least(c) + gap for c in table.columns)


def tighten(table: Table) -> None:
    """One space between columns, no dividers, text columns down to TIGHT_TEXT_MIN:
    what a narrow terminal can afford."""
    for column in table.columns:
        if column.no_wrap:  # pinned: rich would otherwise shrink a number to fit
            column.min_width = _least(column)
        elif (column.min_width or 0) > TIGHT_TEXT_MIN:
            column.min_width = TIGHT_TEXT_MIN
    table.box = None
    table.pad_edge = False
    table.padding = (0, 1, 0, 0)


def fit(table: Table, width: int, droppable: Sequence[str]) -> Table:
    """*table* fitted to *width* cells with every id and number whole: its gaps closed
    if that is enough, else without the *droppable* columns (by header, in that order)
    it must lose."""
    if least_width(table) <= width:
        return table
    tighten(table)
    for header in droppable:
        if least_width(table, TIGHT_GAP) <= width:
            break
        table.columns = [c for c in table.columns if c.header != header]
        for index, column in enumerate(table.columns):
            column._index = index  # rich pads by position: the last one has no right pad
    _share_the_rest(table, width)
    return table


def _share_the_rest(table: Table, width: int) -> None:
    """Cap the wrapping columns at their least width plus an even share of what is left,
    so rich never has to shrink an id or a number (or break a word) to make it fit."""
    wrapping = [c for c in table.columns if not c.no_wrap]
    if not wrapping:
        return
    spare = width - least_width(table, TIGHT_GAP)
    # Too narrow even so: long words fold rather than an id or a number being cut.
    folding = spare < 0
    if folding:
        spare += sum(_least(c) - TIGHT_TEXT_MIN for c in wrapping)
    each = max(spare, 0) // len(wrapping)
    for column in wrapping:
        least = TIGHT_TEXT_MIN if folding else _least(column)
        column.min_width = least
        column.max_width = least + each if column.max_width is None else \
            max(least, min(column.max_width, least + each))
