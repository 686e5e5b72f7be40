"""The case report on screen: the figures of ``lpse-desk report kasus`` for a period (handed
off, approved, rejected, returned, on time against the service's standard), the time to a
decision in working hours with its chart, the decisions per service, each service's and each
verifier's part, the late decisions, the returns by reason, and the cases open and overdue now.

The period keys, the filters (layanan, verifikator; cases have no loket) and ``x`` (save)
are every report's (``report_screen``). The page scrolls at 80×24.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.widgets import Static

from lpse_desk.domain.reports.tables import staff_name
from lpse_desk.domain.roles import Role
from lpse_desk.domain.textfmt import count_id, format_long_id
from lpse_desk.tui import safe
from lpse_desk.tui.dialogs.report_filters import FilterDialog, ReportFilters
from lpse_desk.tui.screens import case_report_parts as parts
from lpse_desk.tui.screens.report_screen import Asked, ReportScreen, names_by_id
from lpse_desk.tui.work import Job

DECIDING_ROLES = (Role.VERIFIKATOR, Role.ADMIN)
"""The roles that decide cases: the verifier filter lists only them."""


@dataclass(frozen=True)
class CaseFigures:
    """A load's answer: the case report, every account's name, and the verifiers."""

    asked: Asked
    report: Any
    """``domain.reports.cases.CaseReport``."""
    names: dict[int, str]
    verifiers: tuple[tuple[int, str], ...]
    """(staff id, name) of the accounts that may decide cases, by name."""


REPORT: Job[CaseFigures] = Job("case-report")
"""The case report of the period asked, with the staff names."""

SECTIONS = (
    ("kr-summary", "Angka utama"),
    ("kr-spread", "Waktu sampai keputusan (jam:menit kerja)"),
    ("kr-hours", "Sebaran waktu sampai keputusan (jam kerja)"),
    ("kr-service-chart", "Kasus diputus per layanan"),
    ("kr-reasons", "Alasan pengembalian"),
    ("kr-services", "Per layanan"),
    ("kr-verifiers", "Per verifikator"),
    ("kr-late", "Terlambat (paling lama dulu)"),
    ("kr-now", "Sekarang"),
    ("kr-definitions", "Definisi"),
)
LAYOUT = (
    (("kr-summary",), ("kr-spread", "kr-hours")),
    (("kr-service-chart",), ("kr-reasons",)),
    (("kr-services",),),
    (("kr-verifiers",),),
    (("kr-late",),),
    (("kr-now",),),
    (("kr-definitions",),),
)
"""Rows of the page: a row of two halves sits side by side when the screen is wide."""


class CaseReportScreen(ReportScreen):
    """Laporan kasus verifikasi."""

    PREFIX = "kr"
    NAME = "Laporan kasus verifikasi"
    FILE_WORD = "kasus"
    REPORT = REPORT
    SECTIONS = SECTIONS
    LAYOUT = LAYOUT
    DEFINITIONS = ("diserahkan", "diputus", "pengembalian", "waktu_kerja", "tepat_waktu",
                   "terlambat", "statistik_kasus", "per_verifikator", "alasan_pengembalian",
                   "terbuka", "lewat_tenggat")  # fmt: skip

    def figures(self, store: Any, asked: Asked) -> CaseFigures:
        """The case report, the staff names and the verifiers."""
        period, chosen = asked.period, asked.filters
        report = store.reports.cases(
            start=period.start,
            end=period.end,
            service_code=chosen.service_code,
            officer_id=chosen.officer_id,
        )
        accounts = store.staff_admin.accounts()
        verifiers = sorted(((account.member.id, account.member.name) for account in accounts
                            if account.member.role in DECIDING_ROLES),
                           key=lambda item: item[1].casefold())  # fmt: skip
        return CaseFigures(asked, report, names_by_id(accounts), tuple(verifiers))

    def filter_dialog(self, filters: ReportFilters, figures: CaseFigures) -> FilterDialog:
        """One service, one verifier (or all); cases are not counted per loket."""
        services = [(code, one.name) for code, one in self.app.store.catalog.services.items()]
        return FilterDialog(
            filters,
            services,
            figures.verifiers,
            loket=False,
            officer_label="Verifikator (diputus, dikembalikan atau ditugaskan)",
            all_officers="Semua verifikator",
        )

    def document(self, figures: CaseFigures) -> Any:
        """The document ``lpse-desk report kasus`` writes for this period and filters."""
        from lpse_desk.domain.reports.case_tables import case_document, case_filters

        chosen = figures.asked.filters
        verifier = (staff_name(figures.names, chosen.officer_id)
                    if chosen.officer_id is not None else None)  # fmt: skip
        filters = case_filters(chosen.service_code, verifier)
        return case_document(figures.report, figures.names, filters=filters)

    # showing

    def _scope(self, figures: CaseFigures) -> Text:
        chosen = figures.asked.filters
        shown = []
        if chosen.service_code:
            shown.append(f"layanan {chosen.service_code}")
        if chosen.officer_id is not None:
            shown.append(f"verifikator {staff_name(figures.names, chosen.officer_id)}")
        scope = ", ".join(shown) if shown else "semua layanan dan verifikator"
        return safe.plain(f"Saring: {scope} · waktu dalam jam:menit kerja")

    def show(self, figures: CaseFigures) -> None:
        """The figures, the charts and the tables of the period, and what is open now."""
        report, names = figures.report, figures.names
        self.query_one("#kr-scope", Static).update(self._scope(figures))
        self.put("kr-summary", parts.summary_table(report))
        self.put("kr-spread", parts.spread_table(report))
        self.put("kr-hours", parts.hours_chart(report))
        self.put("kr-service-chart", parts.service_chart(report))
        self.put("kr-reasons", parts.reasons_table(report))
        self.put("kr-services", parts.service_table(report))
        self.put("kr-verifiers", parts.verifier_table(report, names))
        late = f"Terlambat: {report.late_count} (paling lama dulu)"
        self.query_one("#kr-late-title", Static).update(late)
        self.put("kr-late", parts.late_table(report, names))
        self.query_one("#kr-now-title", Static).update(f"Sekarang ({format_long_id(report.as_of)})")
        self.put("kr-now", parts.now_summary(report), Text(""),
                 parts.overdue_table(report, names))  # fmt: skip
        self.status_with_keys(
            f"{count_id(report.handed_off)} diserahkan · {count_id(report.decided)} diputus"
        )
