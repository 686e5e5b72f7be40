"""A read-only list screen: a title, a table filled by a worker, a status line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from lpse_desk.store.faults import describe
from lpse_desk.tui import safe
from lpse_desk.tui.messages import DataLoaded, WorkFailed
from lpse_desk.tui.widgets.footer import DeskFooter


class TableScreen(Screen):
    """Base of the list screens; subclasses say what to load and how to show a row set."""

    TITLE_TEXT = ""
    COLUMNS: tuple[str, ...] = ()
    REFRESH_SECONDS: float | None = None
    """Re-read this often (other desks change the data); None = only on ``r``."""
    FAILED_TEXT = "Data belum dapat dibaca"

    BINDINGS = [
        Binding("escape", "back", "Kembali", id="back"),
        Binding("r", "refresh", "Muat ulang", id="refresh"),
    ]

    def compose(self) -> ComposeResult:
        """Title, table, status line."""
        yield Header()
        yield Static(self.TITLE_TEXT, classes="screen-title")
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Static("", classes="screen-status")
        yield DeskFooter()

    def on_mount(self) -> None:
        """Set the columns and load."""
        table = self.query_one(DataTable)
        table.add_columns(*self.COLUMNS)
        table.loading = True
        self.action_refresh()
        if self.REFRESH_SECONDS:
            self.set_interval(self.REFRESH_SECONDS, self.action_refresh)

    def loader(self) -> Callable[[], Any]:
        """The store query to run in the worker."""
        raise NotImplementedError

    def fill(self, table: DataTable, data: Any) -> str:
        """Add the rows; return the status line."""
        raise NotImplementedError

    def action_refresh(self) -> None:
        """Re-read the data."""
        self._load(self.loader())

    @work(thread=True, exclusive=True, group="table")
    def _load(self, query: Callable[[], Any]) -> None:
        try:
            data = query()
        except Exception as exc:  # a locked store must not crash the desk
            self.post_message(WorkFailed("table", f"{self.FAILED_TEXT}: {describe(exc)}"))
            return
        self.post_message(DataLoaded("table", data))

    def on_data_loaded(self, message: DataLoaded) -> None:
        """Refill the table, keeping the cursor row where it was."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.loading = False
        table.clear()
        status = self.fill(table, message.data)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self.query_one(".screen-status", Static).update(status)

    def on_work_failed(self, message: WorkFailed) -> None:
        """Say the list is stale."""
        self.query_one(DataTable).loading = False
        self.query_one(".screen-status", Static).update(safe.message(message.reason))

    def action_back(self) -> None:
        """Back to the home screen."""
        self.app.pop_screen()
