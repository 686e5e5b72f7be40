"""Open cases by deadline (read-only list; decisions are the verifier release's work)."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from lpse_desk.domain.entities import CASE_STATUS_LABELS, CaseStatus
from lpse_desk.domain.textfmt import format_duration_id
from lpse_desk.tui.messages import DataLoaded, WorkFailed

COLUMNS = ("Kasus", "Penyedia", "Layanan", "Status", "Diserahkan", "Tenggat", "Sisa waktu")


class CasesScreen(Screen):
    """Kasus terbuka, urut tenggat; yang lewat tenggat ditandai."""

    BINDINGS = [
        Binding("escape", "back", "Kembali", id="back"),
        Binding("r", "refresh", "Muat ulang", id="refresh"),
    ]

    def compose(self) -> ComposeResult:
        """Title and the table."""
        yield Header()
        yield Static("Kasus terbuka (urut tenggat)", classes="screen-title")
        yield DataTable(id="cases", cursor_type="row", zebra_stripes=True)
        yield Static("", id="cases-status", classes="screen-status")
        yield Footer()

    def on_mount(self) -> None:
        """Set the columns and load."""
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        table.loading = True
        self.action_refresh()

    def action_refresh(self) -> None:
        """Re-read the open cases."""
        self.load_cases()

    @work(thread=True, exclusive=True, group="cases")
    def load_cases(self) -> None:
        """Read the open cases in a worker."""
        try:
            lines = self.app.store.open_cases_by_deadline()
        except Exception as exc:
            self.post_message(WorkFailed("cases", f"Kasus belum dapat dibaca: {exc}"))
            return
        self.post_message(DataLoaded("cases", lines))

    def on_data_loaded(self, message: DataLoaded) -> None:
        """Fill the table; overdue rows in the error colour."""
        table = self.query_one(DataTable)
        table.loading = False
        table.clear()
        store = self.app.store
        now = self.app.clock.now()
        overdue = 0
        for line in message.data:
            case = line.case
            left = ""
            style = ""
            if case.status is CaseStatus.RETURNED:
                left = "jeda"
            elif case.due_at is not None:
                if case.due_at < now:
                    overdue += 1
                    style = "bold red"
                    left = "lewat " + format_duration_id(now - case.due_at)
                else:
                    left = format_duration_id(store.calendar.working_time_between(now, case.due_at))
            cells = (
                f"#{case.id}",
                line.vendor.name if line.vendor else "—",
                case.service_code,
                CASE_STATUS_LABELS[case.status],
                f"{case.handed_off_at:%d/%m %H.%M}" if case.handed_off_at else "—",
                f"{case.due_at:%d/%m %H.%M}" if case.due_at else "—",
                left,
            )
            table.add_row(*(Text(cell, style=style) for cell in cells), key=str(case.id))
        self.query_one("#cases-status", Static).update(
            f"{len(message.data)} kasus terbuka · {overdue} lewat tenggat"
        )

    def on_work_failed(self, message: WorkFailed) -> None:
        """Say the list is stale."""
        self.query_one(DataTable).loading = False
        self.query_one("#cases-status", Static).update(message.reason)

    def action_back(self) -> None:
        """Back to the home screen."""
        self.app.pop_screen()
