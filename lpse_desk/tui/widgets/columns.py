"""Table columns that use the width there is: from 80 columns to a wide monitor.

A screen states its columns once (``Col``); ``widths`` gives each its width for the table's
width now — optional columns only where they fit, shrinkable ones narrowed down to their
least width, and one column growing into what is left — and ``Fitted`` keeps a table's
columns at those widths as the screen is resized. Cells are cut to their column's width
(``Fitted.cut``), so a 300-character name never pushes the columns after it off the screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from rich.text import Text
from textual.widgets import DataTable

from lpse_desk.tui.fmt import short

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


class Fitted:
    """One table's columns fitted to its screen: ``fit`` when it mounts and when the screen is
    resized (True: the columns changed, the caller draws the rows again), ``row`` for each
    row's cells, ``cut`` for a text cut to its column's width."""

    def __init__(self, columns: tuple[Col, ...], *, side: int = 4) -> None:
        self.columns = columns
        self.side = side
        """Cells of the screen's width the table does not get (padding, its scroll bar)."""
        self.chosen: tuple[int | None, ...] = tuple(col.width for col in columns)
        self.needed: dict[int, int] = {}
        """Columns that must be at least this wide for their values (``widen``)."""

    def fit(self, table: DataTable) -> bool:
        """Size the columns to the screen's width now; True when they changed."""
        width = table.screen.size.width or table.app.size.width
        self.chosen = widths(self._wanted(), width - self.side)
        wanted = [(col.label, w) for col, w in zip(self.columns, self.chosen, strict=True) if w]
        have = [(str(column.label), column.width) for column in table.columns.values()]
        if have == wanted:
            return False
        table.clear(columns=True)
        for label, width in wanted:
            table.add_column(label, width=width, key=label)
        return True

    def widen(self, table: DataTable, index: int, texts: Iterable[str]) -> None:
        """Column ``index`` at least as wide as the longest of ``texts``, and never narrowed
        below it: for identifiers (case #30059, event #684380), which a cut would make into
        another number. Call before adding the rows: a change of widths clears the table."""
        longest = max((len(text) for text in texts), default=0)
        if longest > self.needed.get(index, 0):
            self.needed[index] = longest
            self.fit(table)

    def _wanted(self) -> tuple[Col, ...]:
        if not self.needed:
            return self.columns
        return tuple(
            replace(col, width=max(col.width, self.needed[i]),
                    least=None if col.least is None else max(col.least, self.needed[i]))
            if i in self.needed else col
            for i, col in enumerate(self.columns)
        )  # fmt: skip

    def width(self, index: int) -> int:
        """The width column ``index`` has now (0: left out)."""
        return self.chosen[index] or 0

    def cut(self, text: str, index: int) -> str:
        """``text`` cut to column ``index`` (to its natural width while it is left out)."""
        return short(text, self.chosen[index] or self.columns[index].width)

    def clip(self, cell: str | Text, index: int) -> Text:
        """A cell already made (markup or ``Text``, user text escaped) cut to column ``index``
        with an ellipsis, as ``cut`` does for plain text: a reader sees that more was there."""
        text = cell.copy() if isinstance(cell, Text) else Text.from_markup(cell)
        text.truncate(self.chosen[index] or self.columns[index].width, overflow="ellipsis")
        return text

    def row(self, cells: tuple) -> tuple:
        """A row's cells for the columns shown (those of columns left out dropped)."""
        return tuple(cell for cell, width in zip(cells, self.chosen, strict=True) if width)
