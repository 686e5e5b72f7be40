"""The first frame: says the store is opening while a worker opens (and migrates) it."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Header, LoadingIndicator, Static

from lpse_desk.tui import safe, work
from lpse_desk.tui.widgets.footer import DeskFooter
from lpse_desk.tui.work import Job, Loaded, NotDone

if TYPE_CHECKING:
    from lpse_desk.tui.storeside import DeskStore


@dataclass(frozen=True)
class Opened:
    """The store is open and migrated; ``staff_count`` decides setup or login."""

    store: DeskStore
    staff_count: int
    repair_note: str = ""
    """What the startup check of recent receipt files did, if anything (Indonesian)."""


OPEN: Job[Opened] = Job("open-store")
"""The store opened, migrated and held, with its staff count and the receipt check."""


class StartScreen(Screen):
    """Shown at once; moves on to setup or login when the store is open."""

    BINDINGS = [Binding("r", "retry", "Coba lagi", id="retry")]

    failed: bool = False
    """Whether the last attempt to open the store failed (only then may R retry)."""

    def compose(self) -> ComposeResult:
        """Title, a spinner and the status line."""
        yield Header()
        with Center(), Vertical(id="start-box"):
            yield Static("LPSE Desk", id="start-title")
            yield Static("LPSE Kota Bogor · Mal Pelayanan Publik", id="start-subtitle")
            yield LoadingIndicator(id="start-spinner")
            yield Static("Membuka basis data…", id="start-status")
        yield DeskFooter()

    def on_mount(self) -> None:
        """Start opening the store."""
        self.open_store()

    def open_store(self) -> None:
        """Open and migrate the store off the UI thread, then report back."""
        settings, clock = self.app.settings, self.app.clock

        def open_and_check() -> Opened:
            # Deferred: SQLModel and Alembic cost ~0.4 s; the first frame must not wait.
            from lpse_desk import receipts
            from lpse_desk.tui.storeside import open_desk_store

            store = open_desk_store(
                settings,
                clock,
                render=receipts.render_receipt,
                read_pdf=receipts.signed_summary_of_pdf,
            )
            store.hold_presence()  # restore refuses while any desk has the database open
            return Opened(store, store.staff_count(), _repair_receipts(store))

        work.load(self, OPEN, open_and_check, group="open-store")

    def on_work_loaded(self, message: Loaded[Opened]) -> None:
        """Hand the store to the app and go to setup (no staff yet) or login."""
        if message.job is not OPEN:
            return
        opened = message.data
        self.app.store = opened.store
        # Everything loaded so far (Textual, SQLAlchemy, the catalog) lives as long as the
        # desk: keep it out of the garbage collector's full passes, which otherwise pause
        # a screen's query for ~90 ms every few seconds of work (benchmarks/verifier_queue.py).
        # Not in headless test runs: many apps in one process would pile up there.
        if not self.app.is_headless:
            gc.collect()
            gc.freeze()
        if opened.store.migrated:
            self.notify("Skema basis data diperbarui.", title="Basis data")
        for notice in opened.store.notices:
            self.notify(notice, title="Basis data", severity="warning", timeout=15)
        if opened.repair_note:
            self.notify(opened.repair_note, title="Tanda terima", timeout=10)
        from lpse_desk.tui.screens.login import LoginScreen
        from lpse_desk.tui.screens.setup import SetupScreen

        self.app.switch_screen(SetupScreen() if opened.staff_count == 0 else LoginScreen())

    def on_work_refused(self, message: NotDone) -> None:
        """The store would not open (damaged, empty, another version, any driver error)."""
        if message.job is OPEN:
            self._failed(message.reason)

    on_work_failed = on_work_refused

    def _failed(self, reason: str) -> None:
        """Show the reason and offer a retry."""
        self.query_one("#start-spinner").display = False
        self.query_one("#start-status", Static).update(
            safe.message(
                f"Basis data tidak dapat dibuka. {reason}\n\n"
                "Tekan R untuk mencoba lagi, Ctrl+Q untuk keluar."
            )
        )
        self.query_one("#start-status").add_class("error")
        self.failed = True
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Retry is offered only after a failure."""
        if action == "retry":
            return self.failed
        return True

    def action_retry(self) -> None:
        """Try to open the store again."""
        if self.app.store is not None or not self.failed:
            return
        self.failed = False
        self.refresh_bindings()
        self.query_one("#start-spinner").display = True
        status = self.query_one("#start-status", Static)
        status.remove_class("error")
        status.update("Membuka basis data…")
        self.open_store()


def _repair_receipts(store) -> str:
    """Check this week's receipt files and put them right; a failure never stops the desk."""
    try:
        report = store.intake.repair_receipts()
    except Exception as exc:  # the disk or the renderer: say so, keep going
        from lpse_desk.tui.storeside import describe

        return f"Pemeriksaan berkas tanda terima gagal: {describe(exc)}"
    parts = []
    if report.repaired:
        numbers = ", ".join(item.number for item in report.repaired)
        parts.append(f"{len(report.repaired)} berkas tanda terima dibuat ulang: {numbers}")
    kept = [item.set_aside for item in report.repaired if item.set_aside is not None]
    if kept:
        parts.append(f"{len(kept)} berkas yang berubah disisihkan (tidak dihapus)")
    if report.failed:  # the reasons name folders: the CLI prints them, not a toast
        numbers = ", ".join(item.number for item in report.failed)
        parts.append(
            f"{len(report.failed)} tidak dapat dibuat ulang ({numbers}); jalankan "
            "'lpse-desk receipt repair' untuk alasannya"
        )
    if report.temp_removed:
        parts.append(f"{len(report.temp_removed)} sisa penulisan yang terputus dihapus")
    if report.orphans:
        parts.append(
            f"{len(report.orphans)} PDF di folder tanda terima tidak tercatat (dibiarkan; "
            "lihat 'lpse-desk receipt repair')"
        )
    return ". ".join(parts)
