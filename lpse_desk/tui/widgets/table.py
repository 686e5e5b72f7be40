"""Small helpers over ``DataTable`` that several screens share."""

from __future__ import annotations

from textual.widgets import DataTable


class KeysFollowTheRow:
    """For a screen whose keys depend on the row under the cursor: the footer follows it."""

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        """Another row under the cursor: offer the keys that apply to it."""
        self.refresh_bindings()


def cursor_key(screen) -> str | None:
    """The key under the cursor of ``screen``'s list; None while the screen has no list yet
    (the footer asks a screen pushed but not composed for its keys, on a loaded machine)."""
    tables = screen.query(DataTable)
    return selected_key(tables.first()) if tables else None


def selected_key(table: DataTable) -> str | None:
    """The key of the row under the cursor; None for an empty (or refilling) table."""
    if not table.row_count:
        return None
    try:
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    except Exception:  # noqa: BLE001 - a table being refilled
        return None


def cursor_back(table: DataTable, key: str | None, otherwise: int | None) -> None:
    """After a refill: the cursor on the row with ``key`` (a row gone above it must not put
    another under Enter), else on row ``otherwise`` (clamped; None: where it is)."""
    keys = [row_key.value for row_key in table.rows]
    if key is not None and key in keys:
        table.move_cursor(row=keys.index(key))
    elif otherwise is not None and keys:
        table.move_cursor(row=min(otherwise, len(keys) - 1))


def refill(table: DataTable, rows: list[tuple[str, tuple]], *, end: bool = False) -> None:
    """Replace the rows, keeping the cursor on the same row key (else at the end if ``end``)."""
    key = selected_key(table)
    table.clear()
    for row_key, cells in rows:
        table.add_row(*cells, key=row_key)
    cursor_back(table, key, len(rows) - 1 if end else None)
