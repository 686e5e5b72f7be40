"""What the head of unit's report screens share: one key per period (today, this week,
month, quarter, year; ``[`` and ``]`` step back and forth), ``p`` for a range typed in, ``s``
for the filters, ``x`` to save the report shown as PDF, XLSX and CSV in ``laporan/``.

A screen names its job, reads its figures in a worker (``figures``), shows them (``show``),
offers its filters (``filter_dialog``) and makes the document the exporters print
(``document``); the rest (what was asked, what is shown, what a failed load or save says)
is here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from lpse_desk.domain.clock import today_wib
from lpse_desk.domain.reports.definitions import definition
from lpse_desk.domain.roles import Permission, can
from lpse_desk.tui import safe, work
from lpse_desk.tui.blocked import SaysWhyBlocked
from lpse_desk.tui.dialogs.report_filters import FilterDialog, PeriodDialog, ReportFilters
from lpse_desk.tui.periods import Period, Span
from lpse_desk.tui.widgets.footer import DeskFooter
from lpse_desk.tui.work import Done, Job, Loaded, NotDone


@dataclass(frozen=True)
class Asked:
    """What a load asked for: the period and the filters."""

    period: Period
    filters: ReportFilters


KEYS_TEXT = ("h/m/b/k/t periode · [ ] sebelum/sesudah · p rentang · s saring · x simpan · "
             "↑↓ PgUp PgDn gulir · Esc kembali")
"""Every key of a report page, as the status line names them after the figures."""

SAVE: Job[list[Any]] = Job("report-save")
"""The report shown, written as files (the paths written)."""


def names_by_id(accounts: Iterable[Any]) -> dict[int, str]:
    """Every account's name by staff id: whom a report's figures name."""
    return {account.member.id: account.member.name for account in accounts}


class ReportScreen(SaysWhyBlocked, Screen):
    """A report of a period, with its filters; a subclass says what it reads and shows."""

    PREFIX: ClassVar[str] = "report"
    """The ids' prefix: ``{PREFIX}-title``, ``-scope``, ``-body``, ``-status``."""
    NAME: ClassVar[str] = "Laporan"
    """The title's first words."""
    FILE_WORD: ClassVar[str] = "laporan"
    """The report's word in its files' names (``laporan-{FILE_WORD}-…``)."""
    REPORT: ClassVar[Job[Any]]
    """The job that reads the figures."""
    SECTIONS: ClassVar[tuple[tuple[str, str], ...]] = ()
    """(id, title) of each section of the page."""
    LAYOUT: ClassVar[tuple[tuple[tuple[str, ...], ...], ...]] = ()
    """Rows of the page, each a tuple of halves (tuples of section ids): a row of two halves
    sits side by side when the screen is wide, a row of one runs the full width."""
    DEFINITIONS: ClassVar[tuple[str, ...]] = ()
    """What each figure means (keys of ``domain.reports.definitions``), in the order the page
    shows them: a paragraph each in the ``{PREFIX}-definitions`` section."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    DEFAULT_CSS = """
    ReportScreen .report-body { height: 1fr; padding: 0 1; }
    ReportScreen .report-title { text-style: bold; color: $accent; height: auto; }
    ReportScreen .report-scope { color: $text-muted; height: auto; }
    ReportScreen .report-pair { height: auto; layout: vertical; }
    ReportScreen.-wide .report-pair { layout: horizontal; }
    ReportScreen .report-half { height: auto; width: 100%; }
    ReportScreen.-wide .report-half { width: 1fr; padding-right: 2; }
    ReportScreen .report-section-title { text-style: bold; margin-top: 1; height: auto; }
    ReportScreen .report-section { height: auto; }
    ReportScreen .report-status { height: auto; max-height: 2; color: $text-muted; padding: 0 1; }
    """

    # The steps, the range, the filters and the save first: at 80 columns the footer cuts off
    # the end (the status line names every key, and Esc is Esc everywhere).
    BINDINGS = [
        Binding(
            "left_square_bracket", "step(-1)", "Sebelum", id="report_previous", key_display="["
        ),  # fmt: skip
        Binding(
            "right_square_bracket", "step(1)", "Sesudah", id="report_next", key_display="]"
        ),  # fmt: skip
        Binding("p", "custom", "Rentang", id="report_range"),
        Binding("s", "filters", "Saring", id="report_filters"),
        Binding("x", "save", "Simpan PDF/XLSX", id="report_save"),
        Binding("h", "span('hari')", "Hari ini", id="report_day"),
        Binding("m", "span('minggu')", "Minggu", id="report_week"),
        Binding("b", "span('bulan')", "Bulan", id="report_month"),
        Binding("k", "span('kuartal')", "Kuartal", id="report_quarter"),
        Binding("t", "span('tahun')", "Tahun", id="report_year"),
        Binding("r", "refresh", "Muat ulang", id="report_refresh", show=False),
        Binding("escape", "back", "Kembali", id="back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.asked: Asked | None = None
        """What the screen asked for last (its title shows it)."""
        self.shown: Any = None
        """The figures on screen (kept when a later load fails); ``shown.asked`` is theirs."""
        self.saving = False
        """A save is under way (``x`` waits for it)."""

    # what a report says

    def read(self, asked: Asked) -> Callable[[], Any]:
        """The store call (run in a thread) that reads the figures ``asked``."""
        store = self.app.store
        return lambda: self.figures(store, asked)

    def figures(self, store: Any, asked: Asked) -> Any:
        """The figures ``asked``, read from ``store`` (in a worker's thread: no widget here)."""
        raise NotImplementedError

    def show(self, figures: Any) -> None:
        """Put the figures on screen."""
        raise NotImplementedError

    def filter_dialog(self, filters: ReportFilters, figures: Any) -> FilterDialog:
        """The filters' dialog, on the current ones."""
        raise NotImplementedError

    def document(self, figures: Any) -> Any:
        """The figures as the ``ReportDocument`` the command line would write."""
        raise NotImplementedError

    def narrowed(self, filters: ReportFilters) -> list[str]:
        """The filters as words of the files' names (``REG``, ``loket2``, ``staf7``)."""
        return [*([filters.service_code] if filters.service_code else []),
                *([f"loket{filters.loket}"] if filters.loket is not None else []),
                *([f"staf{filters.officer_id}"] if filters.officer_id is not None else [])]  # fmt: skip

    # opening

    def compose(self) -> ComposeResult:
        """Title, scope, the sections row by row (``LAYOUT``), status line, footer."""
        titles, prefix = dict(self.SECTIONS), self.PREFIX
        yield Header()
        with VerticalScroll(id=f"{prefix}-body", classes="report-body"):
            yield Static(self.NAME, id=f"{prefix}-title", classes="report-title")
            yield Static("Memuat…", id=f"{prefix}-scope", classes="report-scope")
            for row in self.LAYOUT:
                if len(row) == 1:
                    for section in row[0]:
                        yield from self._section(section, titles[section])
                    continue
                with Horizontal(classes="report-pair"):
                    for half in row:
                        with Vertical(classes="report-half"):
                            for section in half:
                                yield from self._section(section, titles[section])
        yield Static("", id=f"{prefix}-status", classes="report-status")
        yield DeskFooter(compact=True)

    def _section(self, section: str, title: str) -> ComposeResult:
        yield Static(title, id=f"{section}-title", classes="report-section-title")
        yield Static("", id=section, classes="report-section")

    def on_mount(self) -> None:
        """The definitions, then this month up to today; the page takes the keys that scroll it."""
        if self.DEFINITIONS:
            self.put(f"{self.PREFIX}-definitions",
                     *(Text(f"• {definition(key)}", style="dim") for key in self.DEFINITIONS))  # fmt: skip
        self.query_one(f"#{self.PREFIX}-body").focus()
        if not self._may_see():
            self.status("Laporan hanya untuk petugas loket, verifikator atau admin.")
            return
        today = self.today()
        self._ask(Asked(Period.holding(Span.MONTH, today, today), ReportFilters()))

    def _may_see(self) -> bool:
        staff = self.app.staff
        return staff is not None and can(staff.role, Permission.REPORTS)

    def today(self) -> date:
        """Today in WIB, by the desk's clock."""
        return today_wib(self.app.clock)

    # loading

    def _ask(self, asked: Asked) -> None:
        """Show what is asked in the title and read it in a worker."""
        self.asked = asked
        self._show_title(asked)
        self.status("Memuat…")
        self.refresh_bindings()
        work.load(self, self.REPORT, self.read(asked), group=f"{self.PREFIX}-report")

    def action_refresh(self) -> None:
        """Read the same period again (other desks go on working)."""
        if self.asked is not None:
            self._ask(self.asked)

    def on_work_loaded(self, message: Loaded[Any]) -> None:
        """Show the figures, unless a newer question is already on its way."""
        if message.job is not self.REPORT or message.data.asked != self.asked:
            return
        self.shown = message.data
        self.show(message.data)
        self.refresh_bindings()

    def on_work_done(self, message: Done[list[Any]]) -> None:
        """The files are written: say where."""
        if message.job is not SAVE:
            return
        from lpse_desk.tui.report_files import where_saved

        self.saving = False
        self.status(f"Laporan disimpan: {where_saved(message.result)}")
        self.refresh_bindings()

    def on_work_refused(self, message: NotDone) -> None:
        """Say why; the figures and the period shown stay as they were."""
        if message.job is SAVE:
            self.saving = False
            self.status(f"Laporan tidak disimpan: {message.reason}", error=True)
            self.refresh_bindings()
            return
        if message.job is not self.REPORT:
            return
        if self.shown is not None:
            self.asked = self.shown.asked
            self._show_title(self.asked)
        self.status(f"Laporan belum dapat dibaca: {message.reason}", error=True)
        self.refresh_bindings()

    on_work_failed = on_work_refused

    # showing

    def status(self, text: str, *, error: bool = False) -> None:
        """The line above the footer."""
        self.query_one(f"#{self.PREFIX}-status", Static).update(
            safe.plain(text, style="bold red" if error else "")
        )

    def status_with_keys(self, figures: str) -> None:
        """The line above the footer: the period's main figures, then every key of the page."""
        self.status(f"{figures} · {KEYS_TEXT}")

    def _show_title(self, asked: Asked) -> None:
        period = asked.period
        self.query_one(f"#{self.PREFIX}-title", Static).update(
            f"{self.NAME} · {period.name(self.today())} · {period.dates_text()}"
        )

    def put(self, section: str, *renderables: Any) -> None:
        """Show ``renderables`` (one after the other) in the section ``section``."""
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
            return self.asked.period.following(self.today()) is not None or None
        if action == "filters":
            return self.shown is not None or None
        if action == "save":
            return (self.shown is not None and not self.saving) or None
        return True

    def why_blocked(self, action: str) -> str | None:
        """Why ``]`` does not move on: the period shown already holds today."""
        if action == "step(1)" and self.asked is not None:
            return "Periode ini sudah yang terakhir (memuat hari ini): belum ada periode sesudahnya."
        return None

    def action_span(self, span: str) -> None:
        """Today, this week, month, quarter or year (up to today)."""
        if self.asked is None:
            return
        today = self.today()
        self._ask(Asked(Period.holding(Span(span), today, today), self.asked.filters))

    def action_step(self, step: int) -> None:
        """The period before (``[``) or after (``]``), of the same kind."""
        if self.asked is None:
            return
        today = self.today()
        period = self.asked.period
        moved = period.previous(today) if step < 0 else period.following(today)
        if moved is not None:
            self._ask(Asked(moved, self.asked.filters))

    def action_custom(self) -> None:
        """A range typed in (DD/MM/YYYY or YYYY-MM-DD)."""
        if self.asked is None:
            return
        period = self.asked.period
        self.app.push_screen(
            PeriodDialog(period.start, period.end, today=self.today()), self._range_chosen
        )

    def _range_chosen(self, dates: tuple | None) -> None:
        if dates is not None and self.asked is not None:
            start, end = dates
            # The store reports up to today: the title says the range reported, not the one
            # typed (30 June asked on the 18th read "– 30 Juni" over 1–18 June's figures).
            if start <= self.today() < end:
                end = self.today()
            self._ask(Asked(Period.custom(start, end), self.asked.filters))

    def action_filters(self) -> None:
        """The report's filters (or all)."""
        if self.asked is None or self.shown is None:
            return
        self.app.push_screen(
            self.filter_dialog(self.asked.filters, self.shown), self._filters_chosen
        )

    def _filters_chosen(self, filters: ReportFilters | None) -> None:
        if filters is not None and self.asked is not None:
            self._ask(Asked(self.asked.period, filters))

    def action_save(self) -> None:
        """The report shown as PDF, XLSX and CSV in ``laporan/``, written in a worker."""
        if self.shown is None or self.saving:
            return
        from lpse_desk.tui.report_files import file_stem, save_report

        figures = self.shown
        period = figures.asked.period
        document = self.document(figures)
        folder = self.app.store.reports_dir
        stem = file_stem(self.FILE_WORD, period.start, period.end,
                         narrowed=self.narrowed(figures.asked.filters))  # fmt: skip
        signed_on = self.today()
        self.saving = True
        self.status("Menyimpan PDF, XLSX dan CSV…")
        self.refresh_bindings()
        work.act(
            self,
            SAVE,
            lambda: save_report(document, folder=folder, stem=stem, signed_on=signed_on),
            group=f"{self.PREFIX}-save",
            exclusive=True,
        )

    def action_back(self) -> None:
        """Back to where the report was opened from."""
        self.app.pop_screen()
