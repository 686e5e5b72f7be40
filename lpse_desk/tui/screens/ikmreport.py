"""The IKM report on screen: the same figures as ``lpse-desk ikm report``, a bar chart, follow-ups.

The period defaults to the current quarter up to today. The follow-up items of low scores
are listed until an admin marks them handled (``t``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from lpse_desk.domain.clock import to_wib, today_wib
from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.ikm.index import Weighting
from lpse_desk.domain.ikm.report import FollowupItem, IkmReport
from lpse_desk.domain.ikm.text import ikm_text, respondents_text, sample_text
from lpse_desk.domain.importfile import read_file
from lpse_desk.domain.privacy import mask_logged_text
from lpse_desk.domain.roles import Permission, Role, can
from lpse_desk.domain.textfmt import format_date_id, format_decimal_id, parse_date_field
from lpse_desk.tui import safe, work
from lpse_desk.tui.blocked import RoleRefusal, SaysWhyBlocked
from lpse_desk.tui.dialogs.details import DetailsDialog
from lpse_desk.tui.dialogs.forms import FieldsDialog
from lpse_desk.tui.widgets.columns import Col, Fitted
from lpse_desk.tui.widgets.footer import DeskFooter
from lpse_desk.tui.widgets.rows import RowTable
from lpse_desk.tui.work import Done, Job, Loaded, NotDone

REPORT: Job[tuple[IkmReport, list[FollowupItem]]] = Job("ikm-report")
"""The IKM report of the period, and the follow-ups of low scores."""
SAVE: Job[list[Path]] = Job("ikm-save")
"""The report shown, written as PDF and CSV in ``laporan/``: the paths."""

BAR_WIDTH = 32
LABEL_WIDTH = 43
_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float, maximum: float = 4.0, width: int = BAR_WIDTH) -> str:
    """A horizontal bar of block characters, ``value`` out of ``maximum`` over ``width`` cells."""
    eighths = round(max(0.0, min(value, maximum)) / maximum * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (_EIGHTHS[part] if part else "")).ljust(width)


def quarter_start(day: date) -> date:
    """The first day of ``day``'s quarter."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def chart_widths(width: int) -> tuple[int, int]:
    """The label and bar widths of the chart on a screen ``width`` cells wide: the full 43 and
    32 from 100 columns, narrower below so that a line never wraps (80 columns: 30 and 26)."""
    room = max(width - 24, 36)  # the numbers, the spaces between, the screen's padding
    label = min(LABEL_WIDTH, max(18, room * 53 // 100))
    return label, max(8, min(BAR_WIDTH, room - label))


def chart_lines(report: IkmReport, *, width: int = 120) -> list[str]:
    """A head and one line per unsur: label, bar of its NRR (1–4 scale), NRR, value ×25 and
    grade, fitted to ``width`` cells."""
    label_width, bar_width = chart_widths(width)
    lines = []
    for item in report.result.unsur:
        label = f"U{item.unsur.number} {item.unsur.label}"
        if len(label) > label_width:
            label = label[: label_width - 1] + "…"
        lines.append(
            f"{label:<{label_width}} {bar(float(item.nrr_rounded), width=bar_width)} "
            f"{format_decimal_id(item.nrr_rounded):>5} {format_decimal_id(item.value):>7}  "
            f"{item.grade.letter}"
        )
    if lines:
        head = (
            f"{'Unsur':<{label_width}} {'NRR (skala 1–4)'[:bar_width]:<{bar_width}} "
            f"{'NRR':>5} {'Nilai':>7}  Mutu"
        )
        lines.insert(0, head)
    return lines


FOLLOWUP_COLUMNS = (
    Col("#", 4),
    Col("Tanggal", 17),
    Col("Layanan", 7),
    Col("Unsur bernilai rendah", 42),
    Col("Saran / penanganan", 36),
)
"""The follow-up table's columns: fixed widths (116 with padding: fits 120 columns), the
layout not depending on which rows arrived first; the number widens to the longest shown."""


PROBLEMS_SHOWN = 8
"""Lines of problems shown in the import dialog; the rest are counted."""


class IkmReportScreen(SaysWhyBlocked, Screen):
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
        self.columns = Fitted(FOLLOWUP_COLUMNS)
        """The follow-up table's columns (fixed, the number as wide as the longest)."""

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
        table = self.query_one(DataTable)
        table.clear()
        self.columns.widen(table, 0, (str(item.id) for item in self.items))  # #15290 whole
        for item in self.items:
            if item.handled_at is not None:
                last = f"✓ {item.handled_by_name or '—'}: {item.note or 'ditangani'}"
            else:
                last = item.saran or "—"
            table.add_row(
                str(item.id),
                format_date_id(item.service_date),
                safe.plain(item.service_code),
                safe.plain(item.low_text),
                safe.plain(mask_logged_text(last)[:60]),
                key=str(item.id),
            )
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
        """The chart's bars to the new width (a line never wraps)."""
        self._draw_chart()

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

    def action_history(self) -> None:
        """Also list the handled follow-ups (who handled them and what was done), or not."""
        self.show_handled = not self.show_handled
        self.action_refresh()

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

        def chosen(fields: dict[str, str]):
            start = parse_date_field(fields["dari"], field="dari", name="Dari")
            end = parse_date_field(fields["sampai"], field="sampai", name="Sampai")
            if end < start:
                raise ValidationError("Tanggal 'sampai' sebelum tanggal 'dari'", field="sampai")
            code = fields["layanan"].strip().upper() or None
            if code is not None:
                code = self.app.store.catalog.service(code).code
            return start, end, code

        self.app.push_screen(
            FieldsDialog(
                "Periode laporan IKM",
                [
                    ("dari", f"Dari (sekarang {format_date_id(self.start)})", "YYYY-MM-DD"),
                    ("sampai", f"Sampai (sekarang {format_date_id(self.end)})", "YYYY-MM-DD"),
                    ("layanan", "Layanan (kosong: semua)", "REG, UBAH, UID, KONS, LAT"),
                ],
                chosen,
                help_text="Tanggal YYYY-MM-DD atau DD/MM/YYYY.",
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

    def _selected(self) -> FollowupItem | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((item for item in self.items if str(item.id) == key), None)

    def action_handle(self) -> None:
        """Mark the selected follow-up handled, with a note of what was done."""
        item = self._selected()
        if item is None:
            self.notify("Pilih tindak lanjut dulu.", severity="warning")
            return
        if item.handled_at is not None:
            self.notify(f"Tindak lanjut #{item.id} sudah ditangani.", severity="warning")
            return
        store, staff = self.app.store.ikm, self.app.staff
        self.query_one("#ikm-followups").scroll_visible(animate=False)  # which one, on 24 rows
        saran = mask_logged_text(item.saran) if item.saran else "(tanpa saran)"
        self.app.push_screen(
            FieldsDialog(
                safe.plain(f"Tindak lanjut #{item.id} — {item.low_text}"),
                [("catatan", "Apa yang sudah dilakukan? (wajib)", "mis. kursi tunggu ditambah")],
                lambda fields: store.handle_followup(staff, item.id, fields["catatan"]),
                help_text=safe.plain(f"Saran responden: {saran}"),
            ),
            self._handled,
        )

    def _handled(self, item) -> None:
        if item is not None:
            self.notify(f"Tindak lanjut #{item.id} ditandai sudah ditangani.")
            self.action_refresh()
        self.query_one("#ikm-followups").focus()  # ↓ moves on at once, no Tab first

    @on(DataTable.RowHighlighted, "#ikm-followups")
    def _moved(self, event: DataTable.RowHighlighted) -> None:
        """The cursor's row in view: on 24 rows the list sits below the chart."""
        if event.data_table.has_focus:
            event.data_table.scroll_visible(animate=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Tab to the follow-ups brings them into view (the page scrolls, ↑↓ PgUp PgDn)."""
        if event.widget.id == "ikm-followups":
            event.widget.scroll_visible(animate=False)

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        """Enter: an open follow-up to mark handled (admin); otherwise the item read whole."""
        event.stop()
        item = self._selected()
        if item is None:
            return
        if item.handled_at is None and self.check_action("handle", ()):
            self.action_handle()
            return
        handled = (f"{format_date_id(to_wib(item.handled_at).date())} oleh "
                   f"{item.handled_by_name or '—'}" if item.handled_at else "belum")  # fmt: skip
        self.app.push_screen(DetailsDialog(f"Tindak lanjut #{item.id}", [
            ("Tanggal layanan", format_date_id(item.service_date)),
            ("Layanan", item.service_code),
            ("Unsur rendah", item.low_text),
            ("Saran", mask_logged_text(item.saran) if item.saran else ""),
            ("Ditangani", handled),
            ("Penanganan", mask_logged_text(item.note) if item.note else ""),
        ]))  # fmt: skip

    def action_back(self) -> None:
        """Back to the home screen."""
        self.app.pop_screen()
