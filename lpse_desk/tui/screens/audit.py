"""Who did what (admin): the event log with filters, paged, exported to CSV.

The store checks the account again on every read (an admin demoted meanwhile is refused).
Reasons and states arrive masked (``domain.audit``); names reach the table only as Text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, Static

from lpse_desk.domain.audit import MAX_LIMIT, PAGE_LIMIT, AuditFilter, AuditPage, audit_csv
from lpse_desk.domain.clock import today_wib
from lpse_desk.domain.errors import DeskError
from lpse_desk.domain.textfmt import parse_date_field
from lpse_desk.tui import safe, work
from lpse_desk.tui.dialogs.details import DetailsDialog
from lpse_desk.tui.fmt import dmy
from lpse_desk.tui.widgets.columns import Col, Fitted
from lpse_desk.tui.widgets.footer import DeskFooter
from lpse_desk.tui.widgets.rows import RowTable
from lpse_desk.tui.widgets.text_input import TextInput
from lpse_desk.tui.work import Job, Loaded, NotDone, OneChange

PAGE: Job[AuditPage] = Job("audit-page")
"""One page of the events the filter selects."""
EXPORT: Job[str] = Job("audit-export")
"""Every event of the filter written as CSV; the result says where."""

COLUMNS = (
    Col("No", 7, least=6), Col("Waktu (WIB)", 19), Col("Oleh", 20, least=12),
    Col("Tindakan", 34, least=16), Col("Objek", 14, optional=True),
    Col("Perubahan", 24, optional=True), Col("Keterangan", 60, least=12, grow=True),
)  # fmt: skip
"""At 80 columns: who, what and why (the object and the change come back where they fit)."""


class AuditScreen(OneChange, Screen):
    """Audit: siapa melakukan apa."""

    CHANGE = EXPORT

    DEFAULT_CSS = """
    #audit { height: 1fr; }
    #audit-filters { height: auto; }
    .audit-filter { width: 1fr; height: auto; }
    #audit-table { height: 1fr; }
    """

    BINDINGS = [
        Binding("ctrl+e", "export", "Ekspor CSV", id="export", priority=True),
        Binding("pagedown", "page(1)", "Halaman berikutnya", id="next_page", priority=True),
        Binding("pageup", "page(-1)", "Halaman sebelumnya", id="previous_page", priority=True),
        Binding("escape", "back", "Kembali", id="back"),
    ]

    def __init__(self, *, page_size: int = PAGE_LIMIT) -> None:
        super().__init__()
        self.page_size = page_size
        self.wanted = AuditFilter()
        self.page: AuditPage | None = None
        self.first_row = 0
        self.columns = Fitted(COLUMNS)
        """The table's columns, sized to the screen."""

    def compose(self) -> ComposeResult:
        """Filters, the table, the status line."""
        today = dmy(today_wib(self.app.clock))
        yield Header()
        with Vertical(id="audit"):
            yield Static("Audit · siapa melakukan apa", classes="screen-title")
            with Horizontal(id="audit-filters"):
                for label, ident, value, hint in (
                    ("Staf (nama)", "audit-staff", "", "semua"),
                    ("Tindakan", "audit-action", "", "semua, mis. NIK"),
                    ("Kasus", "audit-case", "", "semua"),
                    ("Dari", "audit-from", today, "DD/MM/YYYY"),
                    ("Sampai", "audit-to", today, "DD/MM/YYYY"),
                ):
                    with Vertical(classes="audit-filter"):
                        yield Label(label)
                        yield TextInput(value, placeholder=hint, id=ident, max_length=100)
            yield RowTable(id="audit-table")
            yield Static("", id="audit-status", classes="screen-status")
        yield DeskFooter(compact=True)

    def on_mount(self) -> None:
        """Columns, then today's events."""
        self.columns.fit(self.query_one(DataTable))
        self.action_apply()

    def on_resize(self) -> None:
        """Columns to the new width (the page again when they changed)."""
        if self.columns.fit(self.query_one(DataTable)) and self.page is not None:
            self._show(self.page)

    # filters

    def _value(self, ident: str) -> str:
        return self.query_one(f"#{ident}", Input).value.strip()

    def _filter(self) -> AuditFilter:
        """The filter typed in; ValidationError (Indonesian) for a bad case or date."""
        case_text = self._value("audit-case").lstrip("#")
        case_id = None
        if case_text:
            if not (case_text.isascii() and case_text.isdigit()) or int(case_text) < 1:
                raise DeskError(f"Nomor kasus '{case_text}' tidak sah: isi angka, mis. 12")
            case_id = int(case_text)
        days: list[date | None] = []
        for ident, name in (("audit-from", "Dari"), ("audit-to", "Sampai")):
            text = self._value(ident)
            days.append(parse_date_field(text, field=ident, name=name) if text else None)
        return AuditFilter(staff=self._value("audit-staff") or None, case_id=case_id,
                           start=days[0], end=days[1],
                           action=self._value("audit-action") or None)  # fmt: skip

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_apply()

    def action_apply(self) -> None:
        """Read the filters and show the first page."""
        try:
            self.wanted = self._filter()
        except DeskError as exc:
            self._status(str(exc), error=True)
            return
        self.first_row = 0
        self._load(self.wanted, 0)

    def action_page(self, step: int) -> None:
        """The next or previous page of the same filter."""
        if self.page is None:
            return
        offset = self.first_row + step * self.page_size
        if offset < 0 or offset >= self.page.total:
            return
        self.first_row = offset
        self._load(self.wanted, offset)

    # reading

    def _load(self, wanted: AuditFilter, offset: int) -> None:
        store, staff, limit = self.app.store, self.app.staff, self.page_size
        work.load(self, PAGE, lambda: store.audit_events(staff, wanted, offset=offset, limit=limit),
                  group="audit-load")  # fmt: skip

    def on_work_loaded(self, message: Loaded[Any]) -> None:
        """Show the page."""
        if message.job is PAGE:
            self._show(message.data)

    def _show(self, page: AuditPage) -> None:
        self.page = page
        table = self.query_one(DataTable)
        table.clear()
        self.columns.widen(table, 0, (f"#{item.id}" for item in page.entries))
        # An object is a number too ("Kunjungan #1341"): whole, or its column left out; the
        # staff name after it ("Staf #5 (Siti Rahma)") may be cut, the number never.
        self.columns.widen(table, 4, (item.subject.split(" (", 1)[0] for item in page.entries))
        cut, width = self.columns.cut, self.columns.width
        for item in page.entries:
            # What a left-out Objek or Perubahan column would say follows the Keterangan: on
            # 120 columns "Peran diubah" must still name whose role and from what to what.
            folded = [text for index, text in ((4, item.subject), (5, item.change))
                      if text and not width(index)]  # fmt: skip
            reason = " · ".join([*([item.reason] if item.reason else []), *folded])
            cells = (
                f"#{item.id}",
                item.when,
                safe.plain(cut(item.actor, 2)),
                safe.plain(cut(item.label, 3)),
                safe.plain(cut(item.subject, 4)),  # a staff name is data, never markup
                safe.plain(cut(item.change, 5)),
                safe.plain(cut(reason, 6)),
            )
            table.add_row(*self.columns.row(cells), key=str(item.id))
        if not page.total:
            self._status("Tidak ada peristiwa untuk saringan ini.")
        else:
            first, last = page.offset + 1, page.offset + len(page.entries)
            more = " · PgDn/PgUp: halaman lain" if page.total > len(page.entries) else ""
            self._status(
                f"Peristiwa {first}–{last} dari {page.total}{more} · Enter: baca utuh"
                " · ctrl+e: ekspor CSV"
            )
        self.refresh_bindings()

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        """Enter on an event: the event whole (the list cuts it to the screen's width)."""
        event.stop()
        key = event.row_key.value
        entries = self.page.entries if self.page is not None else ()
        item = next((entry for entry in entries if str(entry.id) == key), None)
        if item is None:
            return
        rows = [
            ("No", f"#{item.id}"), ("Waktu (WIB)", item.when), ("Oleh", item.actor),
            ("Tindakan", item.label), ("Objek", item.subject), ("Perubahan", item.change),
            ("Keterangan", item.reason),
        ]  # fmt: skip
        self.app.push_screen(DetailsDialog(f"Peristiwa #{item.id}", rows))

    def _status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#audit-status", Static)
        status.update(safe.message(text))
        status.set_class(error, "form-error")

    # export

    def action_export(self) -> None:
        """Every event of the filter shown, as CSV in the reports folder (``laporan/``, the
        demo's apart), beside the report screens' files."""
        if self.busy or self.page is None:
            return
        folder = self.app.store.reports_dir
        name = f"audit-{self.app.clock.now():%Y%m%d-%H%M%S}.csv"
        self._export(self.wanted, folder / name)

    def _export(self, wanted: AuditFilter, path: Path) -> None:
        from lpse_desk.tui.storeside import write_atomically

        store, staff = self.app.store, self.app.staff

        def export() -> str:
            page = store.audit_events(staff, wanted, limit=MAX_LIMIT)
            write_atomically(path, audit_csv(page.entries).encode("utf-8"))
            cut = (
                f" (dipotong di {MAX_LIMIT}; persempit saringan)" if page.total > MAX_LIMIT else ""
            )
            return f"{len(page.entries)} peristiwa ditulis ke {path}{cut}"

        self.make_change(export)

    def change_done(self, said: str) -> None:
        """The CSV is written: say where."""
        self._exported(said, "information")

    def refusal(self, message: NotDone) -> str:
        """A folder it may not write, a locked store or a full disk: why no CSV was written."""
        return f"CSV tidak ditulis: {message.reason}"

    def _refused(self, message: str) -> None:
        self._exported(message, "error")

    def on_work_refused(self, message: NotDone) -> None:
        """A filter the store does not take, a locked store: said, never a crash."""
        if message.job is PAGE:
            self._status(message.said(failed="Log belum dapat dibaca"), True)

    on_work_failed = on_work_refused

    def _exported(self, message: str, severity: str) -> None:
        self.notify(message, title="Ekspor audit", severity=severity, timeout=15, markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Paging only where there is another page."""
        if action == "page":
            if self.page is None:
                return False
            offset = self.first_row + int(parameters[0]) * self.page_size
            return 0 <= offset < self.page.total or None
        return True

    def action_back(self) -> None:
        """Back home."""
        self.app.pop_screen()
