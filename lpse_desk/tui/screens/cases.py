"""Open cases by deadline (read-only list; decisions are the verifier release's work)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from lpse_desk.domain.entities import CASE_STATUS_LABELS, CaseStatus
from lpse_desk.domain.textfmt import format_duration_id
from lpse_desk.tui.screens.table import TableScreen


class CasesScreen(TableScreen):
    """Kasus terbuka, urut tenggat; yang lewat tenggat ditandai merah."""

    TITLE_TEXT = "Kasus terbuka (urut tenggat)"
    COLUMNS = ("Kasus", "Penyedia", "Layanan", "Status", "Diserahkan", "Tenggat", "Sisa waktu")
    FAILED_TEXT = "Kasus belum dapat dibaca"

    def loader(self):
        """Open cases with their vendors."""
        return self.app.store.open_cases_by_deadline

    def fill(self, table: DataTable, data) -> str:
        """One row per case; the time left is working time, a returned case is paused."""
        calendar = self.app.store.calendar
        now = self.app.clock.now()
        overdue = 0
        for line in data:
            case = line.case
            left, style = "", ""
            if case.status is CaseStatus.RETURNED:
                left = "jeda"
            elif case.due_at is not None and case.due_at < now:
                overdue += 1
                style = "bold red"
                left = "lewat " + format_duration_id(now - case.due_at)
            elif case.due_at is not None:
                left = format_duration_id(calendar.working_time_between(now, case.due_at))
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
        return f"{len(data)} kasus terbuka · {overdue} lewat tenggat"
