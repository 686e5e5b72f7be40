"""Table columns that use the width there is: from 80 columns to a wide monitor.

A screen states its columns once (``Col``); ``widths`` gives each its width for the table's
width now — optional columns only where they fit at their natural width, shrinkable ones
narrowed down to their least width, and one column growing into what is left — and
``set_columns`` rebuilds a ``DataTable``'s columns when those widths change (on resize).
Cells are cut by the screen to the width given (``short``), so a 300-character name never
pushes the columns after it off the screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.widgets import DataTable

PADDING = 2
"""A DataTable cell's padding (one cell either side)."""


@dataclass(frozen=True)
class Col:
    """One column: its label and natural width; ``least`` if it may shrink to that (the
    growing column shrinks first), ``optional`` if it is left out where it does not fit,
    ``grow`` for the one column that takes the width left over, up to ``most``."""

    label: str
    width: int
    least: int | None = None
    optional: bool = False
    grow: bool = False
    most: int | None = None


def widths(columns: tuple[Col, ...], room: int) -> tuple[int | None, ...]:
    """Each column's width in ``room`` cells (None: left out). Optional columns come in
    where they fit (in their order); then the growing column, and after it the others that
    may shrink, give up width down to their least; the growing column takes what is left."""
    chosen = [None if col.optional else col.width for col in columns]

    def used() -> int:
        return sum(width + PADDING for width in chosen if width is not None)

    # An optional column comes in where it fits beside the others at their natural width,
    # the growing one narrowed to two thirds of its own (never below its least): more to
    # read, names a little shorter, but never squeezed to make room for a mostly empty note.
    give = sum(
        col.width - max(col.least, col.width * 2 // 3)
        for col in columns
        if col.grow and col.least is not None
    )
    for index, col in enumerate(columns):
        if col.optional and used() - give + col.width + PADDING <= room:
            chosen[index] = col.width
    over = used() - room
    shrinkable = sorted(
        (i for i, col in enumerate(columns) if col.least is not None and chosen[i] is not None),
        key=lambda i: (not columns[i].grow, -(columns[i].width - columns[i].least)),
    )
    for i in shrinkable[:1]:
        if columns[i].grow and over > 0:  # the growing column gives first
            given = min(over, chosen[i] - columns[i].least)
            chosen[i] -= given
            over -= given
    while over > 0 and shrinkable:
        for i in list(shrinkable):
            if over <= 0:
                break
            if chosen[i] > columns[i].least:
                chosen[i] -= 1
                over -= 1
            else:
                shrinkable.remove(i)
    spare = room - used()
    grower = next((i for i, col in enumerate(columns) if col.grow and chosen[i] is not None), None)
    if spare > 0 and grower is not None:
        most = columns[grower].most
        chosen[grower] = chosen[grower] + spare if most is None else max(
            chosen[grower], min(most, chosen[grower] + spare)
        )
    return tuple(chosen)


def set_columns(table: DataTable, columns: tuple[Col, ...], chosen: tuple[int | None, ...]) -> bool:
    """Give ``table`` these columns at these widths (clearing its rows) if they differ from
    what it has; True when they did (the caller refills the rows)."""
    wanted = [(col.label, width) for col, width in zip(columns, chosen, strict=True) if width]
    have = [(str(column.label), column.width) for column in table.columns.values()]
    if have == wanted:
        return False
    table.clear(columns=True)
    for label, width in wanted:
        table.add_column(label, width=width, key=label)
    return True


def shown(columns: tuple[Col, ...], chosen: tuple[int | None, ...], cells: tuple) -> tuple:
    """A row's cells for the columns shown (those left out dropped)."""
    return tuple(cell for cell, width in zip(cells, chosen, strict=True) if width)
