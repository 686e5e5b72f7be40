"""The IKM report on screen: the same figures as ``lpse-desk ikm report``, a bar chart, follow-ups.

The period defaults to the current quarter up to today. The follow-up items of low scores
are listed until an admin marks them handled (``t``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from lpse_desk.domain.clock import today_wib
from lpse_desk.domain.errors import NotFound, ValidationError
from lpse_desk.domain.ikm.index import Weighting
from lpse_desk.domain.ikm.report import FollowupItem, IkmReport
from lpse_desk.domain.ikm.text import ikm_text, respondents_text, sample_text
from lpse_desk.domain.importfile import read_file
from lpse_desk.domain.roles import Permission, Role, can
from lpse_desk.domain.textfmt import format_date_id, parse_date_field
from lpse_desk.tui import safe, work
from lpse_desk.tui.blocked import RoleRefusal, SaysWhyBlocked
from lpse_desk.tui.dialogs.forms import FieldsDialog
from lpse_desk.tui.screens.ikm_followups import IkmFollowups
from lpse_desk.tui.screens.ikmreport_parts import FOLLOWUP_COLUMNS, chart_lines, quarter_start
from lpse_desk.tui.widgets.columns import Fitted
from lpse_desk.tui.widgets.footer import DeskFooter
from lpse_desk.tui.widgets.rows import RowTable
from lpse_desk.tui.work import Done, Job, Loaded, NotDone

REPORT: Job[tuple[IkmReport, list[FollowupItem]]] = Job("ikm-report")
"""The IKM report of the period, and the follow-ups of low scores."""
SAVE: Job[list[Path]] = Job("ikm-save")
"""The report shown, written as PDF and CSV in ``laporan/``: the paths."""

PROBLEMS_SHOWN = 8
"""Lines of problems shown in the import dialog; the rest are counted."""


class IkmReportScreen(IkmFollowups, SaysWhyBlocked, Screen):
    """Laporan IKM."""

    BINDINGS = [
        Binding("p", "period", "Periode", id="ikm_period"),
        Binding("b", "weighting", "Bobot 1/9 ↔ 0,11", id="ikm_weighting"),
        Binding("t", "handle", "Tandai ditangani", id="ikm_handle"),
        Binding("i", "import_paper", "Impor kertas", id="ikm_import"),
        Binding("x", "save", "Simpan PDF/CSV", id="ikm_save"),
        Binding("h", "history", "Riwayat", id="ikm_history"),
        Binding("r", "refresh", "Muat ulang", id="ikm_refresh"),
        Binding("escape", "back", "Kembali", id="back"),
    ]
    DEFAULT_CSS = """
    IkmReportScreen #ikm-body { height: 1fr; padding: 0 1; }
    IkmReportScreen #ikm-summary { height: auto; margin-bottom: 1; }
    IkmReportScreen #ikm-index { text-style: bold; color: $accent; height: auto; }
    IkmReportScreen #ikm-chart { height: auto; margin: 1 0; }
    /* As tall as its list: a 1fr part was squeezed to nothing below the chart on 24 rows. */
    IkmReportScreen #ikm-followups-part { height: auto; }
    IkmReportScreen #ikm-followups-title { text-style: bold; margin-top: 1; }
    IkmReportScreen #ikm-followups { height: auto; max-height: 12; }
    IkmReportScreen #ikm-status { height: 1; color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.start: date | None = None
        self.end: date | None = None
        self.service_code: str | None = None
        self.weighting = Weighting.EXACT
        self.report: IkmReport | None = None
        self.items: list[FollowupItem] = []
        self.show_handled = False
        """Whether the follow-up table also lists the handled items (with what was done)."""
        self.saving = False
        """Whether ``x`` is writing the files now (a second ``x`` waits for it)."""
        self.columns = Fitted(FOLLOWUP_COLUMNS, side=6)
        """The follow-up table's columns, fitted to the screen (less the page's padding and
        scroll bar and its own)."""

    def compose(self) -> ComposeResult:
        """Summary, index, chart, follow-ups."""
        yield Header()
        with VerticalScroll(id="ikm-body"):
            yield Static("Memuat…", id="ikm-summary")
            yield Static("", id="ikm-index")
            yield Static("", id="ikm-chart")
            with Vertical(id="ikm-followups-part"):
                yield Static("Tindak lanjut nilai rendah (1–2) yang masih terbuka",
                             id="ikm-followups-title")  # fmt: skip
                yield RowTable(id="ikm-followups")
        yield Static("", id="ikm-status")
        yield DeskFooter(compact=True)

    def on_mount(self) -> None:
        """The current quarter up to today."""
        today = today_wib(self.app.clock)
        self.start, self.end = quarter_start(today), today
        self.columns.fit(self.query_one(DataTable))
        self.action_refresh()

    # loading

    def action_refresh(self) -> None:
        """Read the report and the follow-ups in a worker."""
        self.query_one("#ikm-status", Static).update("Memuat…")
        self._load(self.start, self.end, self.service_code, self.weighting, self.show_handled)

    def _load(self, start, end, service_code, weighting, show_handled) -> None:
        store = self.app.store.ikm

        def read() -> tuple[Any, list[Any]]:
            report = store.report(
                start=start, end=end, service_code=service_code, weighting=weighting
            )
            return report, store.followups(include_handled=show_handled)

        work.load(self, REPORT, read, group="ikm-report")

    def on_work_loaded(self, message: Loaded[Any]) -> None:
        """Show the figures, the chart and the open follow-ups."""
        if message.job is not REPORT:
            return
        self.report, self.items = message.data
        report = self.report
        result = report.result
        self.query_one("#ikm-summary", Static).update(
            safe.message(
                "\n".join(
                    (
                        f"Periode   : {report.period_text}",
                        f"Layanan   : {report.scope_text}",
                        f"Bobot     : {result.weighting.label}",
                        f"Responden : {respondents_text(report)}",
                        f"Sampel    : {sample_text(report.sample)}",
                    )
                )
            )  # fmt: skip
        )
        self.query_one("#ikm-index", Static).update(f"IKM {ikm_text(report)}")
        self._draw_chart()
        self._fill_followups()
        still_open = sum(1 for item in self.items if item.handled_at is None)
        self.query_one("#ikm-followups-title", Static).update(
            "Tindak lanjut nilai rendah (1–2): semua, termasuk yang sudah ditangani (✓)"
            if self.show_handled
            else "Tindak lanjut nilai rendah (1–2) yang masih terbuka"
        )
        staff = self.app.staff
        admin = staff is not None and staff.role is Role.ADMIN  # the one who marks them
        enter = "tandai ditangani/baca utuh" if admin else "baca utuh"
        self.query_one("#ikm-status", Static).update(
            f"{still_open} tindak lanjut terbuka · Tab ke daftarnya · Enter {enter} · "
            "p periode · b bobot · x simpan"
        )
        self.refresh_bindings()

    def _draw_chart(self) -> None:
        if self.report is not None:
            # Less the body's scroll bar: on 24 rows the follow-ups below make it scroll.
            width = (self.size.width or self.app.size.width) - 2
            chart = chart_lines(self.report, width=width)
            self.query_one("#ikm-chart", Static).update("\n".join(chart))

    def on_resize(self) -> None:
        """The chart's bars and the follow-ups' columns to the new width (a line never wraps)."""
        self._draw_chart()
        if self.columns.fit(self.query_one(DataTable)):
            self._fill_followups()

    def on_work_done(self, message: Done[list[Path]]) -> None:
        """The files are written: say where."""
        if message.job is not SAVE:
            return
        from lpse_desk.tui.report_files import where_saved

        self.saving = False
        self.notify(f"Laporan IKM disimpan: {where_saved(message.result)}", markup=False,
                    timeout=12)  # fmt: skip
        self.refresh_bindings()

    def on_work_refused(self, message: NotDone) -> None:
        """Say what failed (a locked store, a full disk); keep the last figures."""
        if message.job is SAVE:
            self.saving = False
            self.notify(f"Laporan IKM tidak disimpan: {message.reason}", severity="error",
                        markup=False, timeout=12)  # fmt: skip
            self.refresh_bindings()
            return
        if message.job is REPORT:
            self.query_one("#ikm-status", Static).update(
                safe.message(f"Laporan belum dapat dibaca: {message.reason}")
            )

    on_work_failed = on_work_refused

    # actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Marking a follow-up handled is for an admin, with an item selected."""
        if action == "handle":
            staff = self.app.staff
            return staff is not None and staff.role is Role.ADMIN and bool(self.items)
        if action == "import_paper":
            staff = self.app.staff
            return staff is not None and can(staff.role, Permission.COUNTER)
        if action == "save":
            return (self.report is not None and not self.saving) or None
        return True

    def action_save(self) -> None:
        """The report shown as the published PDF (index, unsur, profile, suggestions) and its
        CSV in ``laporan/``, written in a worker."""
        if self.report is None or self.saving:
            return
        from lpse_desk.tui.report_files import file_stem, save_ikm_report

        report, folder = self.report, self.app.store.reports_dir
        narrowed = (report.service_code,) if report.service_code else ()
        if report.result.weighting is Weighting.PRINTED_011:  # beside the exact one, not over it
            narrowed += ("bobot011",)
        stem = file_stem("ikm", report.start, report.end, narrowed=narrowed)
        self.saving = True
        self.refresh_bindings()
        work.act(self, SAVE, lambda: save_ikm_report(report, folder=folder, stem=stem),
                 group="ikm-save", exclusive=True)  # fmt: skip

    def why_blocked(self, action: str) -> str | None:
        """Why ``t`` or ``i`` does nothing for this role or this list."""
        staff = self.app.staff
        if staff is None:
            return None
        if action == "handle":
            if staff.role is not Role.ADMIN:
                return RoleRefusal(
                    f"Bukan untuk peran {staff.role.label}: tindak lanjut ditandai admin."
                )
            if not self.items:
                return "Tidak ada tindak lanjut pada periode ini."
        if action == "import_paper" and not can(staff.role, Permission.COUNTER):
            return RoleRefusal(
                f"Bukan untuk peran {staff.role.label}: kuesioner kertas diimpor petugas "
                "loket atau admin."
            )
        return None

    def action_import_paper(self) -> None:
        """Import a CSV of typed-in paper questionnaires (all of it, or nothing)."""
        store, staff = self.app.store.ikm, self.app.staff

        max_mb = self.app.settings.import_max_mb

        def perform(fields: dict[str, str]):
            path = Path(fields["berkas"].strip()).expanduser()
            data = read_file(path, max_mb=max_mb)  # a file over the limit is refused unread
            try:
                return store.import_paper(
                    staff, data, source=path.name, max_problems=PROBLEMS_SHOWN
                )
            except ValidationError as exc:
                raise ValidationError(f"Tidak ada yang diimpor:\n{exc}", field="berkas") from None

        self.app.push_screen(
            FieldsDialog(
                "Impor kuesioner IKM kertas (CSV)",
                [("berkas", "Lokasi berkas CSV", "mis. /home/petugas/kuesioner-juni.csv")],
                perform,
                help_text=(
                    "Kolom: tanggal,layanan,persyaratan,prosedur,waktu,biaya,produk,kompetensi,"
                    "perilaku,pengaduan,sarana (1–4), boleh ditambah jenis_kelamin, usia, "
                    "pendidikan, pekerjaan, saran. Satu baris salah: tidak ada yang diimpor."
                ),
                yes="impor",
            ),
            self._imported,
        )

    def _imported(self, outcome) -> None:
        if outcome is None:
            return
        message = outcome.said
        for warning in outcome.warnings[:3]:
            message += f"\n{warning}"
        self.notify(message, title="Impor kuesioner", timeout=12, markup=False)
        self.action_refresh()

    def action_period(self) -> None:
        """Choose the period (and optionally one service)."""

        now_start, now_end = self.start, self.end

        def chosen(fields: dict[str, str]):
            # An empty date keeps the one the label says ("sekarang …"): it was refused.
            start = (parse_date_field(fields["dari"], field="dari", name="Dari")
                     if fields["dari"].strip() else now_start)  # fmt: skip
            end = (parse_date_field(fields["sampai"], field="sampai", name="Sampai")
                   if fields["sampai"].strip() else now_end)  # fmt: skip
            today = today_wib(self.app.clock)
            if start > today:  # nobody has answered yet: no index to show
                raise ValidationError(
                    f"Tanggal 'dari' sesudah hari ini ({format_date_id(today)})", field="dari"
                )
            if end < start:
                raise ValidationError("Tanggal 'sampai' sebelum tanggal 'dari'", field="sampai")
            code = fields["layanan"].strip().upper() or None
            if code is not None:
                try:
                    code = self.app.store.catalog.service(code).code
                except NotFound as exc:  # said at its own field (the focus stayed on Sampai)
                    raise ValidationError(str(exc), field="layanan") from None
            return start, min(end, today), code

        self.app.push_screen(
            FieldsDialog(
                "Periode laporan IKM",
                [
                    ("dari", f"Dari (sekarang {format_date_id(self.start)})", "YYYY-MM-DD"),
                    ("sampai", f"Sampai (sekarang {format_date_id(self.end)})", "YYYY-MM-DD"),
                    ("layanan", "Layanan (kosong: semua)", "REG, UBAH, UID, KONS, LAT"),
                ],
                chosen,
                help_text="Tanggal YYYY-MM-DD atau DD/MM/YYYY; kosong: tetap seperti sekarang.",
                yes="terapkan",
            ),
            self._period_chosen,
        )

    def _period_chosen(self, period) -> None:
        if period is not None:
            self.start, self.end, self.service_code = period
            self.action_refresh()

    def action_weighting(self) -> None:
        """Switch between the exact 1/9 weight and the printed 0,11 (compatibility)."""
        self.weighting = (
            Weighting.PRINTED_011 if self.weighting is Weighting.EXACT else Weighting.EXACT
        )
        self.action_refresh()

    def action_back(self) -> None:
        """Back to the home screen."""
        self.app.pop_screen()
