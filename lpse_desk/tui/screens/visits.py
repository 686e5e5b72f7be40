"""Today's queue (read-only list; calling is the queue release's work)."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from lpse_desk.domain.entities import VISIT_STATUS_LABELS, VisitStatus
from lpse_desk.domain.textfmt import format_duration_id
from lpse_desk.tui.messages import DataLoaded, WorkFailed

COLUMNS = ("Nomor", "Layanan", "Status", "Pengunjung", "Prioritas", "Datang", "Lama")


class VisitsScreen(Screen):
    """Antrian hari ini."""

    BINDINGS = [
        Binding("escape", "back", "Kembali", id="back"),
        Binding("r", "refresh", "Muat ulang", id="refresh"),
    ]

    def compose(self) -> ComposeResult:
        """Title and the table."""
        yield Header()
        yield Static("Antrian hari ini", classes="screen-title")
        yield DataTable(id="visits", cursor_type="row", zebra_stripes=True)
        yield Static("", id="visits-status", classes="screen-status")
        yield Footer()

    def on_mount(self) -> None:
        """Set the columns and load."""
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        table.loading = True
        self.action_refresh()
        self.set_interval(10, self.action_refresh)

    def action_refresh(self) -> None:
        """Re-read today's visits."""
        self.load_visits()

    @work(thread=True, exclusive=True, group="visits")
    def load_visits(self) -> None:
        """Read today's visits in a worker."""
        try:
            visits = self.app.store.visits_today()
        except Exception as exc:
            self.post_message(WorkFailed("visits", f"Antrian belum dapat dibaca: {exc}"))
            return
        self.post_message(DataLoaded("visits", visits))

    def on_data_loaded(self, message: DataLoaded) -> None:
        """Fill the table."""
        table = self.query_one(DataTable)
        table.loading = False
        table.clear()
        now = self.app.clock.now()
        for visit in message.data:
            end = (
                visit.finished_at
                or (visit.called_at if visit.status is not VisitStatus.WAITING else None)
                or now
            )
            table.add_row(
                visit.ticket,
                visit.service_code,
                VISIT_STATUS_LABELS[visit.status],
                visit.visitor_name or "",
                visit.priority or "",
                f"{visit.arrived_at:%H.%M}",
                format_duration_id(end - visit.arrived_at),
                key=str(visit.id),
            )
        waiting = sum(1 for v in message.data if v.status is VisitStatus.WAITING)
        self.query_one("#visits-status", Static).update(
            f"{len(message.data)} nomor hari ini · {waiting} menunggu"
        )

    def on_work_failed(self, message: WorkFailed) -> None:
        """Say the list is stale."""
        self.query_one(DataTable).loading = False
        self.query_one("#visits-status", Static).update(message.reason)

    def action_back(self) -> None:
        """Back to the home screen."""
        self.app.pop_screen()
