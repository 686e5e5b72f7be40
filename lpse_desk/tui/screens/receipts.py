"""Tanda terima of a day, with reprinting (a SALINAN copy) and the printer's answer."""

from __future__ import annotations

from datetime import date, timedelta

from textual import on
from textual.binding import Binding
from textual.widgets import DataTable

from lpse_desk.domain.clock import today_wib
from lpse_desk.domain.receipt.search import clean_search
from lpse_desk.domain.roles import Permission, can
from lpse_desk.domain.textfmt import format_date_id
from lpse_desk.tui import safe
from lpse_desk.tui.blocked import RoleRefusal, SaysWhyBlocked
from lpse_desk.tui.dialogs.forms import FieldsDialog
from lpse_desk.tui.fmt import day_time, hhmm
from lpse_desk.tui.screens.table import TableScreen
from lpse_desk.tui.widgets.columns import Col
from lpse_desk.tui.widgets.table import selected_key
from lpse_desk.tui.work import Failed, Job, NotDone, OneChange

KIND_LABELS = {"tanda_terima": "Tanda terima", "belum_lengkap": "Slip belum lengkap"}

REPRINT: Job[str] = Job("receipt-reprint")
"""A SALINAN written and sent to the printer; the result is what to tell the officer."""


class ReceiptsScreen(SaysWhyBlocked, OneChange, TableScreen):
    """Tanda terima dan slip satu hari; cetak ulang sebagai salinan."""

    TITLE_TEXT = "Tanda terima"
    COLS = (
        Col("Nomor", 19), Col("Terbit", 6), Col("Jenis", 18, least=10),
        Col("Penyedia", 30, least=12, grow=True, most=60), Col("Layanan", 7),
        Col("Salinan", 7),
    )  # fmt: skip
    FAILED_TEXT = "Tanda terima belum dapat dibaca"
    CHANGE = REPRINT
    FAILED = "Cetak ulang gagal"

    BINDINGS = [
        Binding("c", "reprint", "Cetak ulang", id="reprint"),
        Binding("slash", "find", "Cari", id="find"),
        # Priority: the table would otherwise take ← → to scroll sideways.
        Binding("left", "day(-1)", "Hari sebelumnya", id="previous-day", priority=True),
        Binding("right", "day(1)", "Hari berikutnya", id="next-day", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.day: date | None = None
        self.search: str | None = None
        """The text searched for (any day, newest first); None: the receipts of ``day``."""

    def loader(self):
        """The receipts of the chosen day (today, WIB, at first), or those found."""
        if self.day is None:
            self.day = today_wib(self.app.clock)
        store, day, search = self.app.store, self.day, self.search
        if search is not None:
            return lambda: store.intake.find_receipts(search)
        return lambda: store.intake.receipts(day)

    def landing_row(self, table: DataTable, row: int) -> int:
        """On the newest receipt: the last of a day (oldest first), the first found (newest
        first). The one just issued is the one a reprint is usually for."""
        return table.row_count - 1 if self.search is None else 0

    def fill(self, table: DataTable, data) -> str:
        """One row per receipt (a day's oldest first, found ones newest first); the title
        names the day or the search."""
        if self.search is not None:
            self.query_one(".screen-title").update(safe.fill(
                "Tanda terima · cari “$text” (semua hari, terbaru dulu; ← → kembali ke hari)",
                text=self.search))  # fmt: skip
        else:
            self.query_one(".screen-title").update(
                f"Tanda terima · {format_date_id(self.day)}  (← → ganti hari · / cari)"
            )
        # A day's list: the time; a search spans days: the day and the time (the year is in
        # the receipt's number), never cut, at 80 columns too ("Slip belu…" gives way).
        issued = [hhmm(line.issued_at) if self.search is None else day_time(line.issued_at)
                  for line in data]  # fmt: skip
        self.columns.needed.pop(1, None)  # back from a search: the time alone again
        self.columns.widen(table, 1, issued)
        for line, when in zip(data, issued, strict=True):
            table.add_row(
                *self.columns.row((
                    line.number,
                    when,
                    self.columns.cut(KIND_LABELS.get(line.kind, line.kind), 2),
                    safe.plain(self.columns.cut(line.vendor_name, 3)),
                    line.service_code,
                    str(line.copies) if line.copies else "",
                )),
                key=line.number,
            )
        self.refresh_bindings()
        if self.search is not None and not data:
            return "Tidak ada tanda terima dengan nomor atau nama penyedia itu."
        if not data:
            if self.day == today_wib(self.app.clock):
                return "Tidak ada tanda terima pada hari ini."
            return f"Tidak ada tanda terima pada {format_date_id(self.day)}."
        if self.check_action("reprint", ()) is False:  # not this role's work: not offered
            return f"{len(data)} tanda terima"
        return f"{len(data)} tanda terima · c: cetak ulang baris terpilih (ditandai SALINAN)"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Reprinting is counter work with a row chosen; no day after today."""
        if action == "reprint":
            staff = self.app.staff
            if staff is None or not can(staff.role, Permission.COUNTER):
                return False
            tables = self.query(DataTable)  # none yet on a screen not composed
            return (bool(tables) and tables.first().row_count > 0) or None
        if action == "day" and parameters and parameters[0] == 1 and self.search is None:
            return self.day is not None and self.day < today_wib(self.app.clock) or None
        return True

    def why_blocked(self, action: str) -> str | None:
        """Why ``c`` reprints nothing: not this role's work, or no receipt listed."""
        staff = self.app.staff
        if action != "reprint" or staff is None:
            return None
        if not can(staff.role, Permission.COUNTER):
            return RoleRefusal(
                f"Bukan untuk peran {staff.role.label}: cetak ulang oleh petugas loket atau admin."
            )
        return "Tidak ada tanda terima di daftar ini untuk dicetak ulang."

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        """Enter on a receipt opens nothing: it says which key reprints it (a copy is a
        record, never made by a stray Enter)."""
        event.stop()
        reason = self.why_blocked("reprint") if self.check_action("reprint", ()) is False else None
        self.notify(reason or f"Tekan c untuk mencetak ulang {event.row_key.value} (SALINAN).",
                    markup=False)  # fmt: skip

    def action_find(self) -> None:
        """Search every day's receipts by number or vendor name."""

        def found(text: str | None) -> None:
            if text is None:
                return
            self.search = text
            self.query_one(DataTable).loading = True
            self.action_refresh()

        self.app.push_screen(
            FieldsDialog("Cari tanda terima",
                         [("cari", "Nomor tanda terima atau nama penyedia", "mis. 0042 atau Sinar")],
                         lambda typed: clean_search(typed["cari"]),
                         initial={"cari": self.search or ""},
                         checks={"cari": clean_search}, yes="cari"),  # fmt: skip
            found,
        )

    def action_day(self, step: int) -> None:
        """Show the previous or the next day (after a search: back to the day shown before)."""
        if self.day is None:
            return
        if self.search is not None:
            self.search = None
            self.query_one(DataTable).loading = True
            self.action_refresh()
            return
        wanted = self.day + timedelta(days=step)
        if wanted > today_wib(self.app.clock):
            return
        self.day = wanted
        self.query_one(DataTable).loading = True
        self.action_refresh()

    def action_reprint(self) -> None:
        """Reprint the chosen receipt as a SALINAN and send it to the printer."""
        table = self.query_one(DataTable)
        if self.busy or not table.row_count:
            return
        self._reprint(selected_key(table))

    def _reprint(self, number: str) -> None:
        store, staff, printer = self.app.store, self.app.staff, self.app.settings.printer

        def reprint() -> str:
            # Deferred: the printing module only when a paper is printed.
            from lpse_desk.receipts.printing import print_pdf

            copy = store.intake.reprint(staff, number)
            return f"Salinan {copy.number}: {print_pdf(copy.path, printer).message}"

        self.make_change(reprint)

    def change_done(self, said: str) -> None:
        """The copy went to the printer."""
        self._done(said, "information")

    def refusal(self, message: NotDone) -> str:
        """The store refused the copy, the copy could not be written, or the store broke."""
        if isinstance(message, Failed) and isinstance(message.error, OSError):
            return f"Salinan tidak dapat ditulis. {message.reason}"
        return message.said(failed=self.FAILED)

    def _refused(self, message: str) -> None:
        self._done(message, "error")

    def _done(self, message: str, severity: str) -> None:
        self.notify(message, title="Cetak ulang", severity=severity, timeout=12)
        self.action_refresh()
