"""Today's queue (read-only list; calling is the queue release's work)."""

from __future__ import annotations

from textual.widgets import DataTable

from lpse_desk.domain.entities import VISIT_STATUS_LABELS, Visit, VisitStatus
from lpse_desk.domain.textfmt import format_duration_id
from lpse_desk.tui.screens.table import TableScreen


class VisitsScreen(TableScreen):
    """Antrian hari ini."""

    TITLE_TEXT = "Antrian hari ini"
    COLUMNS = ("Nomor", "Layanan", "Status", "Pengunjung", "Prioritas", "Datang", "Lama")
    REFRESH_SECONDS = 10
    FAILED_TEXT = "Antrian belum dapat dibaca"

    def loader(self):
        """Today's visits."""
        return self.app.store.visits_today

    def fill(self, table: DataTable, data: list[Visit]) -> str:
        """One row per visit; "Lama" is the wait so far, or the time until finished."""
        now = self.app.clock.now()
        for visit in data:
            end = visit.finished_at or now
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
        waiting = sum(1 for visit in data if visit.status is VisitStatus.WAITING)
        return f"{len(data)} nomor hari ini · {waiting} menunggu"
