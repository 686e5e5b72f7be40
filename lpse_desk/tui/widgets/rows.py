"""The table of every list: Home and End move the row cursor, as the keyboard table says.

Textual's ``DataTable`` gives Home and End to scrolling sideways (its first and last rows
are Ctrl+Home and Ctrl+End): an officer who pressed Home in the checklist and then Space
ticked or unticked the row the cursor had stayed on, not the first one.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable


class RowTable(DataTable):
    """A row-cursor ``DataTable`` whose Home and End go to the first and last row."""

    BINDINGS = [
        Binding("home", "scroll_top", "Baris pertama", show=False),
        Binding("end", "scroll_bottom", "Baris terakhir", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
