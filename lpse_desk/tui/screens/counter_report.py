"""The counter report on screen: the figures of ``lpse-desk report layanan`` beside the period
before, the time spreads, the visits furthest over their standard, each officer's part, bar
charts of the visits and of the times, and the arrivals by hour and weekday.

One key per period (today, this week, month, quarter, year; ``[`` and ``]`` step back and
forth), ``p`` for a range typed in, ``s`` for the filters. The page scrolls at 80×24.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from lpse_desk.domain.clock import today_wib
from lpse_desk.domain.roles import Permission, can
from lpse_desk.tui import safe, work
from lpse_desk.tui.dialogs.report_filters import FilterDialog, PeriodDialog, ReportFilters
from lpse_desk.tui.periods import Period, Span
from lpse_desk.tui.screens import counter_report_parts as parts
from lpse_desk.tui.widgets.footer import DeskFooter
from lpse_desk.tui.work import Job, Loaded, NotDone


@dataclass(frozen=True)
class Asked:
    """What a load asked for: the period and the filters."""

    period: Period
    filters: ReportFilters


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
_TITLES = dict(SECTIONS)


class CounterReportScreen(Screen):
    """Laporan layanan loket."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    # The steps, the range and the filters first: at 80 columns the footer cuts off the end
    # (the status line names every key, and Esc is Esc everywhere).
    BINDINGS = [
        Binding(
            "left_square_bracket", "step(-1)", "Sebelum", id="report_previous", key_display="["
        ),  # fmt: skip
        Binding(
            "right_square_bracket", "step(1)", "Sesudah", id="report_next", key_display="]"
        ),  # fmt: skip
        Binding("p", "custom", "Rentang", id="report_range"),
        Binding("s", "filters", "Saring", id="report_filters"),
        Binding("h", "span('hari')", "Hari ini", id="report_day"),
        Binding("m", "span('minggu')", "Minggu", id="report_week"),
        Binding("b", "span('bulan')", "Bulan", id="report_month"),
        Binding("k", "span('kuartal')", "Kuartal", id="report_quarter"),
        Binding("t", "span('tahun')", "Tahun", id="report_year"),
        Binding("r", "refresh", "Muat ulang", id="report_refresh", show=False),
        Binding("escape", "back", "Kembali", id="back"),
    ]
    DEFAULT_CSS = """
    CounterReportScreen #cr-body { height: 1fr; padding: 0 1; }
    CounterReportScreen #cr-title { text-style: bold; color: $accent; height: auto; }
    CounterReportScreen #cr-scope { color: $text-muted; height: auto; }
    CounterReportScreen .cr-pair { height: auto; layout: vertical; }
    CounterReportScreen.-wide .cr-pair { layout: horizontal; }
    CounterReportScreen .cr-half { height: auto; width: 100%; }
    CounterReportScreen.-wide .cr-half { width: 1fr; padding-right: 2; }
    CounterReportScreen .cr-section-title { text-style: bold; margin-top: 1; height: auto; }
    CounterReportScreen .cr-section { height: auto; }
    CounterReportScreen #cr-status { height: auto; max-height: 2; color: $text-muted; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.asked: Asked | None = None
        """What the screen asked for last (its title shows it)."""
        self.shown: CounterFigures | None = None
        """The figures on screen (kept when a later load fails)."""

    def compose(self) -> ComposeResult:
        """Title, the sections in pairs (side by side when wide), status line."""
        yield Header()
        with VerticalScroll(id="cr-body"):
            yield Static("Laporan layanan loket", id="cr-title")
            yield Static("Memuat…", id="cr-scope")
            for pair in (("cr-summary", "cr-spread"), ("cr-days", "cr-wait-bins"),
                         ("cr-officers", "cr-arrivals")):  # fmt: skip
                with Horizontal(classes="cr-pair"):
                    for section in pair:
                        with Vertical(classes="cr-half"):
                            yield from self._section(section)
                            if section == "cr-wait-bins":
                                yield from self._section("cr-service-bins")
            yield from self._section("cr-worst")
            yield from self._section("cr-definitions")
        yield Static("", id="cr-status")
        yield DeskFooter(compact=True)

    def _section(self, section: str) -> ComposeResult:
        yield Static(_TITLES[section], id=f"{section}-title", classes="cr-section-title")
        yield Static("", id=section, classes="cr-section")

    def on_mount(self) -> None:
        """This month up to today; the page takes the keys that scroll it."""
        self.query_one("#cr-definitions", Static).update(parts.definitions())
        self.query_one("#cr-body").focus()
        if not self._may_see():
            self._status("Laporan hanya untuk petugas loket, verifikator atau admin.")
            return
        today = self._today()
        self._ask(Asked(Period.holding(Span.MONTH, today, today), ReportFilters()))

    def _may_see(self) -> bool:
        staff = self.app.staff
        return staff is not None and can(staff.role, Permission.REPORTS)

    def _today(self):
        return today_wib(self.app.clock)

    # loading

    def _ask(self, asked: Asked) -> None:
        """Show what is asked in the title and read it in a worker."""
        self.asked = asked
        self._show_title(asked)
        self._status("Memuat…")
        self.refresh_bindings()
        store = self.app.store
        period, chosen = asked.period, asked.filters

        def read() -> CounterFigures:
            comparison = store.reports.counter(
                start=period.start,
                end=period.end,
                service_code=chosen.service_code,
                loket=chosen.loket,
                officer_id=chosen.officer_id,
            )
            names = {account.member.id: account.member.name
                     for account in store.staff_admin.accounts()}  # fmt: skip
            return CounterFigures(asked, comparison, names)

        work.load(self, REPORT, read, group="counter-report")

    def action_refresh(self) -> None:
        """Read the same period again (other desks go on serving)."""
        if self.asked is not None:
            self._ask(self.asked)

    def on_work_loaded(self, message: Loaded[Any]) -> None:
        """Show the figures, unless a newer question is already on its way."""
        if message.job is not REPORT or message.data.asked != self.asked:
            return
        self.shown = message.data
        self._show(message.data)
        self.refresh_bindings()

    def on_work_refused(self, message: NotDone) -> None:
        """Say why; the figures and the period shown stay as they were."""
        if message.job is not REPORT:
            return
        if self.shown is not None:
            self.asked = self.shown.asked
            self._show_title(self.asked)
        self._status(f"Laporan belum dapat dibaca: {message.reason}", error=True)
        self.refresh_bindings()

    on_work_failed = on_work_refused

    # showing

    def _status(self, text: str, *, error: bool = False) -> None:
        self.query_one("#cr-status", Static).update(
            safe.plain(text, style="bold red" if error else "")
        )

    def _show_title(self, asked: Asked) -> None:
        period = asked.period
        self.query_one("#cr-title", Static).update(
            f"Laporan layanan loket · {period.name(self._today())} · {period.dates_text()}"
        )

    def _scope(self, figures: CounterFigures) -> Text:
        chosen, before = figures.asked.filters, figures.comparison.before
        parts_shown = []
        if chosen.service_code:
            parts_shown.append(f"layanan {chosen.service_code}")
        if chosen.loket is not None:
            parts_shown.append(f"loket {chosen.loket}")
        if chosen.officer_id is not None:
            parts_shown.append(f"petugas {parts.officer_name(figures.names, chosen.officer_id)}")
        scope = ", ".join(parts_shown) if parts_shown else "semua layanan, loket dan petugas"
        compared = Period.custom(before.start, before.end).dates_text()
        return safe.plain(f"Saring: {scope} · pembanding {compared}")

    def _show(self, figures: CounterFigures) -> None:
        now, before = figures.comparison.now, figures.comparison.before
        names = figures.names
        self.query_one("#cr-scope", Static).update(self._scope(figures))
        self._put("cr-summary", parts.summary_table(now, before))
        over = Text(
            f"\nLewat standar: {now.over_standard} dari {now.served} dilayani "
            f"({parts.share_text(now.over_share)})"
        )
        self._put("cr-spread", parts.spread_table(now), over)
        unit, rows = parts.visits_by_time(now)
        self.query_one("#cr-days-title", Static).update(f"Kunjungan per {unit}")
        self._put("cr-days", parts.bar_chart(rows, parts.BAR_WIDTH, "cyan"))
        self._put("cr-wait-bins", parts.distribution(now.waiting_bins))
        self._put("cr-service-bins", parts.distribution(now.service_bins))
        self._put("cr-officers", parts.officer_table(now, names))
        self._put("cr-arrivals", parts.arrivals_heat(now))
        self._put("cr-worst", parts.worst_table(now.worst, names))
        self._status(
            f"{now.visits} kunjungan · {now.served} dilayani · h/m/b/k/t periode · [ ] "
            "sebelum/sesudah · p rentang · s saring · ↑↓ PgUp PgDn gulir · Esc kembali"
        )

    def _put(self, section: str, *renderables: Any) -> None:
        from rich.console import Group

        shown = renderables[0] if len(renderables) == 1 else Group(*renderables)
        self.query_one(f"#{section}", Static).update(shown)

    # actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Every key waits for the first figures; ``]`` stops at the period holding today."""
        if action == "back":
            return True
        if self.asked is None:
            return None if self._may_see() else False
        if action == "step" and parameters and parameters[0] == 1:
            return self.asked.period.following(self._today()) is not None or None
        if action == "filters":
            return self.shown is not None or None
        return True

    def action_span(self, span: str) -> None:
        """Today, this week, month, quarter or year (up to today)."""
        if self.asked is None:
            return
        today = self._today()
        self._ask(Asked(Period.holding(Span(span), today, today), self.asked.filters))

    def action_step(self, step: int) -> None:
        """The period before (``[``) or after (``]``), of the same kind."""
        if self.asked is None:
            return
        today = self._today()
        period = self.asked.period
        moved = period.previous(today) if step < 0 else period.following(today)
        if moved is not None:
            self._ask(Asked(moved, self.asked.filters))

    def action_custom(self) -> None:
        """A range typed in (DD/MM/YYYY or YYYY-MM-DD)."""
        if self.asked is None:
            return
        period = self.asked.period
        self.app.push_screen(PeriodDialog(period.start, period.end), self._range_chosen)

    def _range_chosen(self, dates: tuple | None) -> None:
        if dates is not None and self.asked is not None:
            self._ask(Asked(Period.custom(*dates), self.asked.filters))

    def action_filters(self) -> None:
        """One service, one loket, one officer (or all)."""
        if self.asked is None or self.shown is None:
            return
        services = [(code, one.name) for code, one in self.app.store.catalog.services.items()]
        officers = sorted(self.shown.names.items(), key=lambda item: item[1].casefold())
        self.app.push_screen(
            FilterDialog(self.asked.filters, services, officers), self._filters_chosen
        )

    def _filters_chosen(self, filters: ReportFilters | None) -> None:
        if filters is not None and self.asked is not None:
            self._ask(Asked(self.asked.period, filters))

    def action_back(self) -> None:
        """Back to where the report was opened from."""
        self.app.pop_screen()
