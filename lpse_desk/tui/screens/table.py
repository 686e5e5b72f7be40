"""A read-only list screen: a title, a table filled by a worker, a status line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from lpse_desk.tui import safe, work
from lpse_desk.tui.widgets.footer import DeskFooter
from lpse_desk.tui.work import Job, Loaded, NotDone


class TableScreen(Screen):
    """Base of the list screens; subclasses say what to load and how to show a row set."""

    TITLE_TEXT = ""
    COLUMNS: tuple[str, ...] = ()
    REFRESH_SECONDS: float | None = None
    """Re-read this often (other desks change the data); None = only on ``r``."""
    FAILED_TEXT = "Data belum dapat dibaca"

    ROWS: Job[Any] = Job("table")
    """The list's data; a subclass's other work carries its own job."""

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

    def reload(self) -> None:
        """Re-read the data (after an action)."""
        self.action_refresh()

    def _load(self, query: Callable[[], Any]) -> None:
        work.load(self, self.ROWS, query, group="table")

    def on_work_loaded(self, message: Loaded[Any]) -> None:
        """Refill the table, keeping the cursor row where it was."""
        if message.job is not self.ROWS:
            return
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.loading = False
        table.clear()
        status = self.fill(table, message.data)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self.query_one(".screen-status", Static).update(status)

    def on_work_refused(self, message: NotDone) -> None:
        """Say the list is stale (a locked store must not crash the desk)."""
        if message.job is self.ROWS:
            self.query_one(DataTable).loading = False
            self.query_one(".screen-status", Static).update(
                safe.message(f"{self.FAILED_TEXT}: {message.reason}")
            )

    on_work_failed = on_work_refused

    def action_back(self) -> None:
        """Back to the home screen."""
        self.app.pop_screen()
