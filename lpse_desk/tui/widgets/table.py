"""Small helpers over ``DataTable`` that several screens share."""

from __future__ import annotations

from textual.widgets import DataTable


class KeysFollowTheRow:
    """For a screen whose keys depend on the row under the cursor: the footer follows it."""

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        """Another row under the cursor: offer the keys that apply to it."""
        self.refresh_bindings()


def selected_key(table: DataTable) -> str | None:
    """The key of the row under the cursor; None for an empty (or refilling) table."""
    if not table.row_count:
        return None
    try:
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    except Exception:  # noqa: BLE001 - a table being refilled
        return None


def refill(table: DataTable, rows: list[tuple[str, tuple]], *, end: bool = False) -> None:
    """Replace the rows, keeping the cursor on the same row key (else at the end if ``end``)."""
    key = selected_key(table)
    table.clear()
    for row_key, cells in rows:
        table.add_row(*cells, key=row_key)
    keys = [row_key for row_key, _ in rows]
    if key in keys:
        table.move_cursor(row=keys.index(key))
    elif end and keys:
        table.move_cursor(row=len(keys) - 1)
