"""A read-only list screen: a title, a table filled by a worker, a status line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from lpse_desk.tui import safe, work
from lpse_desk.tui.widgets.columns import Col, Fitted
from lpse_desk.tui.widgets.footer import DeskFooter
from lpse_desk.tui.widgets.rows import RowTable
from lpse_desk.tui.widgets.table import cursor_back, selected_key
from lpse_desk.tui.work import Job, Loaded, NotDone


class TableScreen(Screen):
    """Base of the list screens; subclasses say what to load and how to show a row set."""

    TITLE_TEXT = ""
    COLS: tuple[Col, ...] = ()
    """The table's columns, sized to the screen's width (``widgets.columns``)."""
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
        yield RowTable()
        yield Static("", classes="screen-status")
        yield DeskFooter()

    _data: Any = None

    def on_mount(self) -> None:
        """Set the columns and load."""
        table = self.query_one(DataTable)
        self.columns = Fitted(self.COLS, side=2)  # the table's scroll bar
        """The table's columns, sized to the screen (``fill`` uses ``row`` and ``cut``)."""
        self.columns.fit(table)
        table.loading = True
        self.action_refresh()
        if self.REFRESH_SECONDS:
            self.set_interval(self.REFRESH_SECONDS, self.action_refresh)

    def on_screen_resume(self) -> None:
        """Back from a screen or a dialog over the list: read it again at once (a case just
        decided must not linger in the list until the next refresh, open to a key)."""
        if self._data is not None:
            self.action_refresh()

    def on_resize(self) -> None:
        """Columns to the new width, and the rows again when they changed."""
        if self.columns.fit(self.query_one(DataTable)) and self._data is not None:
            self._show(self._data)

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
        self._data = message.data
        self._show(message.data)

    def _show(self, data: Any) -> None:
        table = self.query_one(DataTable)
        row, key = table.cursor_row, selected_key(table)
        table.loading = False
        table.clear()
        status = self.fill(table, data)
        cursor_back(table, key, self.landing_row(table, row))
        self.query_one(".screen-status", Static).update(status)

    def landing_row(self, table: DataTable, row: int) -> int:
        """Where the cursor goes when its row is not among the new ones (the first showing,
        another day): the same row number, unless a list says otherwise."""
        return row

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
