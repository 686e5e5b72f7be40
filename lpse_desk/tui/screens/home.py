"""Home: the day at a glance and the way to each work area."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from lpse_desk.domain.roles import Permission, can
from lpse_desk.domain.textfmt import format_long_id
from lpse_desk.tui import fmt, safe, work
from lpse_desk.tui.blocked import RoleRefusal, SaysWhyBlocked
from lpse_desk.tui.dialogs.choice import ChoiceDialog
from lpse_desk.tui.screens.kiosk import OpensKiosk
from lpse_desk.tui.widgets.footer import DeskFooter
from lpse_desk.tui.widgets.stat import StatCard
from lpse_desk.tui.work import Job, Loaded, NotDone

REFRESH_SECONDS = 15
"""How often the figures are re-read (other desks change them)."""

# key, action, label, what the area is for
AREAS = (
    ("a", "queue", "Antrian", "Panggil, layani, tahan, alihkan; pendaftaran dan check-in booking"),
    ("p", "intake", "Penerimaan daring", "Berkas dari helpdesk: periksa, tanda terima, serahkan"),
    ("v", "verification", "Verifikasi", "Kasus di verifikator, urut tenggat"),
    ("t", "receipts", "Tanda terima", "Daftar per hari, cetak ulang salinan"),
    ("s", "survey", "Survei IKM", "Evaluasi layanan dan survei kepuasan"),
    ("l", "reports", "Laporan", "Rekap layanan, kasus dan IKM"),
)
AREA_LABELS = {action: label for _key, action, label, _help in AREAS}

REPORT_CHOICES = (
    ("counter", "Layanan loket — kunjungan, waktu tunggu dan layanan"),
    ("cases", "Kasus — verifikasi, standar 1x24 jam kerja, lewat tenggat"),
    ("ikm", "IKM — indeks kepuasan dan tindak lanjutnya"),
)
"""The report menu: (choice, line shown); a digit picks a line, Enter opens it."""

REPORTS = {
    "counter": ("counter_report", "CounterReportScreen"),
    "cases": ("case_report", "CaseReportScreen"),
    "ikm": ("ikmreport", "IkmReportScreen"),
}
"""Each report that opens: its screen module and class (imported when first opened)."""


def reports_menu() -> ChoiceDialog[str]:
    """The report menu: the choice picked."""
    return ChoiceDialog("Laporan", REPORT_CHOICES, lambda choice, _note: choice)


SUMMARY: Job[Any] = Job("summary")
"""The day's figures (``DaySummary``)."""


def _opens(module: str, name: str, doc: str) -> Callable[[Screen], None]:
    """An action that opens ``screens.<module>.<name>`` over home."""

    def action(self: Screen) -> None:
        screen = getattr(import_module(f"lpse_desk.tui.screens.{module}"), name)
        self.app.push_screen(screen())

    action.__doc__ = doc
    return action


class HomeScreen(SaysWhyBlocked, OpensKiosk, Screen):
    """Beranda."""

    BINDINGS = [
        Binding("a", "queue", "Antrian", id="queue"),
        Binding("p", "intake", "Daring", id="intake"),
        Binding("v", "verification", "Verifikasi", id="verification"),
        Binding("t", "receipts", "Tanda terima", id="receipts"),
        Binding("s", "survey", "Survei", id="survey"),
        Binding("l", "reports", "Laporan", id="reports"),
        Binding("k", "staff", "Staf", id="staff"),
        Binding("u", "audit", "Audit", id="audit"),  # admin only (check_action)
        # Off the footer (the figures refresh every few seconds anyway), so that every area
        # key and Ctrl+Q fit in 120 columns.
        Binding("r", "refresh", "Muat ulang", id="refresh", show=False),
        Binding("o", "logout", "Keluar akun", id="logout"),
    ]

    def compose(self) -> ComposeResult:
        """Greeting, the four figures, the work areas."""
        staff = self.app.staff
        yield Header()
        with Vertical(id="home"):
            with Horizontal(id="home-top"):
                yield Static(
                    safe.plain(fmt.who_at(staff, self.app.loket)),
                    id="home-who",
                )
                yield Static("", id="home-clock")
            with Grid(id="home-stats"):
                yield StatCard("Menunggu", id="stat-waiting")
                yield StatCard("Sedang dilayani", id="stat-serving")
                yield StatCard("Di verifikator", id="stat-review")
                yield StatCard("Lewat tenggat", id="stat-overdue")
            yield Static("", id="home-status")
            with Vertical(id="home-areas"):
                for key, action, label, help_text in AREAS:
                    if self.check_action(action, ()) is False:
                        continue  # not this role's: listed, its key would do nothing
                    yield Static(f"[b]{key.upper()}[/b]  {label} — {help_text}", classes="area")
                if can(staff.role, Permission.MANAGE):
                    yield Static(
                        "[b]K[/b]  Staf — Akun petugas: tambah, nonaktifkan, PIN, peran",
                        classes="area",
                    )
                    yield Static(
                        "[b]U[/b]  Audit — Siapa melakukan apa: log peristiwa, saring, ekspor CSV",
                        classes="area",
                    )
        yield DeskFooter(compact=True)

    def on_mount(self) -> None:
        """Read the figures now and every few seconds."""
        self._tick_clock()
        self.set_interval(1, self._tick_clock)
        self.action_refresh()
        self.set_interval(REFRESH_SECONDS, self.action_refresh)

    def on_screen_resume(self) -> None:
        """Fresh figures when coming back from a work area."""
        self.action_refresh()

    def _tick_clock(self) -> None:
        # Shorter under 100 columns, so the name, loket and role beside it are not cut.
        now = self.app.clock.now()
        wide = (self.size.width or self.app.size.width) >= 100
        self.query_one("#home-clock", Static).update(
            format_long_id(now) if wide else fmt.clock_line(now)
        )

    def action_refresh(self) -> None:
        """Re-read the day's figures in a worker."""
        self.load_summary()

    def load_summary(self) -> None:
        """Count waiting, serving, with verifiers and overdue."""
        work.load(self, SUMMARY, self.app.store.day_summary, group="summary")

    def on_work_loaded(self, message: Loaded[Any]) -> None:
        """Show the figures."""
        if message.job is not SUMMARY:
            return
        summary = message.data
        # counted as the queue counts them: the held are said beside, not added in
        held = f"{summary.on_hold} ditahan" if summary.on_hold else ""
        self.query_one("#stat-waiting", StatCard).show(summary.waiting, aside=held)
        self.query_one("#stat-serving", StatCard).show(summary.being_served)
        self.query_one("#stat-review", StatCard).show(summary.handed_to_verifiers)
        self.query_one("#stat-overdue", StatCard).show(summary.overdue, alert=True)
        self.query_one("#home-status", Static).update(
            f"Selesai dilayani hari ini: {summary.served_today}"
        )

    def on_work_refused(self, message: NotDone) -> None:
        """Say the figures are stale (the store may be locked by a long write elsewhere)."""
        if message.job is SUMMARY:
            self.query_one("#home-status", Static).update(
                safe.message(f"Angka belum dapat dibaca: {message.reason}")
            )

    on_work_failed = on_work_refused

    # Each area's screen module is imported when the area is first opened.
    action_queue = _opens("queue", "QueueScreen", "Open today's queue.")
    action_verification = _opens(
        "review_queue",
        "ReviewQueueScreen",
        "Open the verifier queue (counter officers too: daring calls, returned files).",
    )
    action_receipts = _opens(
        "receipts", "ReceiptsScreen", "The day's tanda terima, to reprint one."
    )
    action_intake = _opens(
        "intake",
        "IntakeStartScreen",
        "A daring intake (a request sent through the helpdesk, no queue number).",
    )

    def action_reports(self) -> None:
        """Choose a report: the counter's, the cases' or the IKM."""
        self.app.push_screen(reports_menu(), self._report_chosen)

    def _report_chosen(self, choice: str | None) -> None:
        if choice in REPORTS:
            module, name = REPORTS[choice]
            screen = getattr(import_module(f"lpse_desk.tui.screens.{module}"), name)
            self.app.push_screen(screen())

    action_staff = _opens("staff", "StaffScreen", "Staff accounts (admin).")
    action_audit = _opens(
        "audit", "AuditScreen", "Who did what: the event log, filtered, exported (admin)."
    )

    def action_survey(self) -> None:
        """Survey kiosk for this loket's last finished visit (or an anonymous response)."""
        self.open_kiosk(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only what the role may open is offered (DOMAIN.md §1)."""
        staff = self.app.staff
        if staff is None:
            return False
        if action in ("intake", "survey"):
            return can(staff.role, Permission.COUNTER)
        if action == "staff":
            return can(staff.role, Permission.MANAGE)
        if action == "audit":
            return can(staff.role, Permission.MANAGE)
        if action == "reports":
            return can(staff.role, Permission.REPORTS)
        return True

    def why_blocked(self, action: str) -> str | None:
        """An area this role does not work in, said when its key is pressed anyway."""
        staff = self.app.staff
        if staff is None:
            return None
        counter, admin = "petugas loket dan admin", "admin"
        whose = {"intake": counter, "survey": counter, "staff": admin, "audit": admin}.get(action)
        if whose is None:
            return None
        return RoleRefusal(f"Bukan untuk peran {staff.role.label}: area ini untuk {whose}.")

    def action_logout(self) -> None:
        """Log out and return to the login screen (asking first when the loket has a number)."""
        self.app.leave("logout")
