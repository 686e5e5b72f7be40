"""The board's first screen: it opens the store in a worker, and retries until it can."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import LoadingIndicator, Static

from lpse_desk.tui import safe, work
from lpse_desk.tui.board import PLACE
from lpse_desk.tui.work import Job, Loaded, NotDone

if TYPE_CHECKING:
    from lpse_desk.tui.storeside import DeskStore

RETRY_SECONDS = 30.0
"""How often a board that could not open its database tries again."""
OPEN: Job[Any] = Job("open-store")
"""The store opened and held (the board's presence keeps a restore away)."""


class BoardOpeningScreen(Screen):
    """Says the board is opening while a worker opens the store; retries on failure."""

    BINDINGS = [Binding("r", "retry", "Coba lagi", id="retry", show=False)]

    failed: bool = False
    """Whether the last attempt failed (only then may R retry)."""

    def compose(self) -> ComposeResult:
        """Place, spinner, status."""
        with Center(), Vertical(id="opening-box"):
            yield Static("Papan Antrian", id="opening-title")
            yield Static(PLACE, id="opening-place")
            yield LoadingIndicator(id="opening-spinner")
            yield Static("Membuka papan antrian…", id="opening-status")

    def on_mount(self) -> None:
        """Start opening the store."""
        self.open_store()

    def open_store(self) -> None:
        """Open the store off the UI thread and report back."""
        settings, clock = self.app.settings, self.app.clock

        def open_and_hold() -> DeskStore:
            # Deferred: SQLModel and Alembic cost ~0.4 s; the first frame must not wait.
            from lpse_desk.tui.storeside import open_desk_store

            store = open_desk_store(settings, clock)
            store.hold_presence()  # restore refuses while the board has the database open
            return store

        work.load(self, OPEN, open_and_hold, group="open-store")

    def on_work_loaded(self, message: Loaded[DeskStore]) -> None:
        """Hand the store to the app and show the board."""
        if message.job is OPEN:
            from lpse_desk.tui.board import BoardScreen

            self.app.store = message.data
            self.app.switch_screen(BoardScreen())

    def on_work_refused(self, message: NotDone) -> None:
        """The store would not open (a damaged or foreign file, any driver error): say so,
        never a traceback on the wall."""
        if message.job is OPEN:
            self._failed(message.reason)

    on_work_failed = on_work_refused

    def _failed(self, reason: str) -> None:
        """Show the reason; retry by itself later, or now with R."""
        self.query_one("#opening-spinner").display = False
        status = self.query_one("#opening-status", Static)
        status.update(
            safe.message(
                f"Basis data tidak dapat dibuka. {reason}\n\nPapan mencoba lagi setiap "
                f"{RETRY_SECONDS:.0f} detik. Tekan R untuk mencoba sekarang, Ctrl+Q untuk menutup."
            )
        )
        status.add_class("error")
        self.failed = True
        self.set_timer(RETRY_SECONDS, self.action_retry)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Retry only after a failure."""
        return self.failed if action == "retry" else True

    def action_retry(self) -> None:
        """Try to open the store again."""
        if self.app.store is not None or not self.failed:
            return
        self.failed = False
        self.query_one("#opening-spinner").display = True
        status = self.query_one("#opening-status", Static)
        status.remove_class("error")
        status.update("Membuka papan antrian…")
        self.open_store()
