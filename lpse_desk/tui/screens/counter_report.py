"""The counter report on screen: the figures of ``lpse-desk report layanan`` beside the period
before, the time spreads, the visits furthest over their standard, each officer's part, bar
charts of the visits and of the times, and the arrivals by hour and weekday.

The period keys, the filters and ``x`` (save) are every report's (``report_screen``). The
page scrolls at 80×24.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.widgets import Static

from lpse_desk.domain.reports.tables import staff_name
from lpse_desk.domain.textfmt import count_id
from lpse_desk.tui import safe
from lpse_desk.tui.dialogs.report_filters import FilterDialog, ReportFilters
from lpse_desk.tui.periods import Period
from lpse_desk.tui.screens import counter_report_parts as parts
from lpse_desk.tui.screens.report_screen import Asked, ReportScreen, names_by_id
from lpse_desk.tui.work import Job

__all__ = ["Asked", "CounterFigures", "CounterReportScreen"]


@dataclass(frozen=True)
class CounterFigures:
    """A load's answer: the report beside the period before, and every account's name."""

    asked: Asked
    comparison: Any
    """``store.services.reports.CounterComparison`` (no screen import loads store/)."""
    names: dict[int, str]


REPORT: Job[CounterFigures] = Job("counter-report")
"""The counter report of the period asked, with the staff names."""

SECTIONS = (
    ("cr-summary", "Angka utama (dibanding periode sebelumnya)"),
    ("cr-spread", "Waktu tunggu dan layanan (menit:detik)"),
    ("cr-days", "Kunjungan per hari"),
    ("cr-wait-bins", "Sebaran waktu tunggu (menit)"),
    ("cr-service-bins", "Sebaran waktu layanan (menit)"),
    ("cr-officers", "Per petugas"),
    ("cr-arrivals", "Kedatangan per jam dan hari (WIB)"),
    ("cr-worst", "Kunjungan terjauh di atas standar"),
    ("cr-definitions", "Definisi"),
)
LAYOUT = (
    (("cr-summary",), ("cr-spread",)),
    (("cr-days",), ("cr-wait-bins", "cr-service-bins")),
    (("cr-officers",), ("cr-arrivals",)),
    (("cr-worst",),),
    (("cr-definitions",),),
)
"""Rows of the page: a row of two halves sits side by side when the screen is wide."""


class CounterReportScreen(ReportScreen):
    """Laporan layanan loket."""

    PREFIX = "cr"
    NAME = "Laporan layanan loket"
    FILE_WORD = "layanan"
    REPORT = REPORT
    SECTIONS = SECTIONS
    LAYOUT = LAYOUT
    DEFINITIONS = ("kunjungan", "booking", "daring", "dilayani", "tidak_hadir", "batal",
                   "dialihkan", "waktu_tunggu", "waktu_layanan", "waktu_ditahan",
                   "lewat_standar", "statistik", "per_petugas", "menganggur", "kedatangan",
                   "pembanding")  # fmt: skip

    def figures(self, store: Any, asked: Asked) -> CounterFigures:
        """The counter report beside the period before, and the staff names."""
        period, chosen = asked.period, asked.filters
        comparison = store.reports.counter(
            start=period.start,
            end=period.end,
            service_code=chosen.service_code,
            loket=chosen.loket,
            officer_id=chosen.officer_id,
            span=period.span.value,
        )
        return CounterFigures(asked, comparison, names_by_id(store.staff_admin.accounts()))

    def filter_dialog(self, filters: ReportFilters, figures: CounterFigures) -> FilterDialog:
        """One service, one loket, one officer (or all)."""
        services = [(code, one.name) for code, one in self.app.store.catalog.services.items()]
        officers = sorted(figures.names.items(), key=lambda item: item[1].casefold())
        return FilterDialog(filters, services, officers)

    def document(self, figures: CounterFigures) -> Any:
        """The document ``lpse-desk report layanan`` writes for this period and filters."""
        from lpse_desk.domain.reports.counter_tables import counter_document
        from lpse_desk.domain.reports.tables import filters_text

        chosen = figures.asked.filters
        officer = (staff_name(figures.names, chosen.officer_id)
                   if chosen.officer_id is not None else None)  # fmt: skip
        filters = filters_text(chosen.service_code, chosen.loket, officer)
        return counter_document(figures.comparison, figures.names, filters=filters)

    # showing

    def _scope(self, figures: CounterFigures) -> Text:
        chosen, before = figures.asked.filters, figures.comparison.before
        parts_shown = []
        if chosen.service_code:
            parts_shown.append(f"layanan {chosen.service_code}")
        if chosen.loket is not None:
            parts_shown.append(f"loket {chosen.loket}")
        if chosen.officer_id is not None:
            parts_shown.append(f"petugas {staff_name(figures.names, chosen.officer_id)}")
        scope = ", ".join(parts_shown) if parts_shown else "semua layanan, loket dan petugas"
        compared = Period.custom(before.start, before.end).dates_text()
        return safe.plain(f"Saring: {scope} · pembanding {compared}")

    def show(self, figures: CounterFigures) -> None:
        """The figures, the charts and the tables of the period."""
        now, before = figures.comparison.now, figures.comparison.before
        names = figures.names
        self.query_one("#cr-scope", Static).update(self._scope(figures))
        self.put("cr-summary", parts.summary_table(now, before))
        over = Text(
            f"\nLewat standar: {count_id(now.over_standard)} dari {count_id(now.served)} dilayani "
            f"({parts.share_text(now.over_share)})"
        )
        self.put("cr-spread", parts.spread_table(now), over)
        unit, rows = parts.visits_by_time(now)
        self.query_one("#cr-days-title", Static).update(f"Kunjungan per {unit}")
        self.put("cr-days", parts.bar_chart(rows, parts.BAR_WIDTH, "cyan"))
        self.put("cr-wait-bins", parts.distribution(now.waiting_bins))
        self.put("cr-service-bins", parts.distribution(now.service_bins))
        self.put("cr-officers", parts.officer_table(now, names))
        self.put("cr-arrivals", parts.arrivals_heat(now))
        self.put("cr-worst", parts.worst_table(now.worst, names))
        self.status_with_keys(f"{count_id(now.visits)} kunjungan · {count_id(now.served)} dilayani")
