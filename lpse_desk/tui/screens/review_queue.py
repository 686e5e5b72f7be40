"""The verifier queue: handed-off cases by deadline, filters, assignment, the way into a case.

Counter officers see it too (they hold the daring video calls and take back returned
files); only verifiers and admins take, release or assign cases (DOMAIN.md §1).
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.binding import Binding
from textual.widgets import DataTable

from lpse_desk.domain.entities import CaseStatus
from lpse_desk.domain.review import QUEUE_STATUSES, REVIEWED_SERVICES
from lpse_desk.domain.roles import Permission, Role, can
from lpse_desk.tui import safe, work
from lpse_desk.tui.blocked import RoleRefusal, SaysWhyBlocked
from lpse_desk.tui.dialogs.choice import ChoiceDialog
from lpse_desk.tui.fmt import brief_duration, day_time, due_day_time
from lpse_desk.tui.screens import takeover
from lpse_desk.tui.screens.acting import ActsThenReloads
from lpse_desk.tui.screens.table import TableScreen
from lpse_desk.tui.widgets.columns import Col
from lpse_desk.tui.widgets.table import KeysFollowTheRow, cursor_key
from lpse_desk.tui.work import Job, Loaded, NotDone

SERVICES = (None, *sorted(REVIEWED_SERVICES))
"""The service filter cycles through these (None: every service)."""
STATUSES = (None, *QUEUE_STATUSES)
STATUS_FILTER_LABELS = {
    None: "semua",
    CaseStatus.AWAITING_REVIEW: "menunggu",
    CaseStatus.RETURNED: "dikembalikan",
}
RELEASE = "__lepas__"
STAFF: Job[Any] = Job("review-staff")
"""The case's line and the staff accounts, to choose whom the case is given."""


def time_left_text(time_left) -> tuple[str, str]:
    """(text, style) of a case's working time left: ``jeda`` while paused, red when overdue."""
    if time_left.paused:
        kept = f" ({brief_duration(time_left.left)})" if time_left.left else ""
        return "jeda" + kept, "yellow"
    if time_left.left is None:
        return "—", ""
    if time_left.overdue:
        return brief_duration(time_left.left), "bold red"
    return brief_duration(time_left.left), ""


class ReviewQueueScreen(SaysWhyBlocked, ActsThenReloads, KeysFollowTheRow, TableScreen):
    """Antrian verifikasi: kasus yang diserahkan ke verifikator, urut tenggat."""

    TITLE_TEXT = "Antrian verifikasi"
    COLS = (
        Col("Kasus", 5), Col("Penyedia", 26, least=12, grow=True, most=50), Col("Layanan", 11),
        Col("Diserahkan", 11, optional=True), Col("Tenggat", 11), Col("Sisa waktu", 22, least=14),
        Col("Verifikator", 14, optional=True),
    )  # fmt: skip
    """At 80 columns the time left stays in view (the vendor's name narrows; hand-off time and
    verifier are left out); the status shows as ``jeda`` in the time left."""
    REFRESH_SECONDS = 15
    FAILED_TEXT = "Antrian verifikasi belum dapat dibaca"
    ACTION_GROUP = "review-assign"
    FAILED_TITLE = ""

    BINDINGS = [
        # Priority: the table would otherwise take Enter (and hide the footer entry).
        Binding("enter", "open_case", "Buka", id="open_case", priority=True),
        Binding("l", "cycle_service", "Layanan", id="cycle_service"),
        Binding("s", "cycle_status", "Status", id="cycle_status"),
        Binding("m", "only_mine", "Milik saya", id="only_mine"),
        # One key, two bindings: check_action leaves only the one that applies to the row.
        Binding("a", "take", "Ambil", id="take"),
        Binding("a", "release", "Lepas", id="release"),
        Binding("g", "assign", "Tugaskan", id="assign"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.service: str | None = None
        self.status: CaseStatus | None = None
        self.mine = False
        self.lines: list = []
        """The rows shown, in order (ReviewLine)."""

    # loading and drawing

    def loader(self):
        """The queue under the current filters."""
        review, staff = self.app.store.review, self.app.staff
        service, status = self.service, self.status
        mine = staff.id if self.mine and staff is not None else None
        return lambda: review.queue(status=status, service=service, assigned_to=mine)

    def fill(self, table: DataTable, data) -> str:
        """One row per case; overdue rows in bold red, returned ones paused."""
        self.lines = list(data)
        self._show_title()
        self.columns.widen(table, 0, (f"#{line.case.id}" for line in data))
        overdue = 0
        for line in data:
            case = line.case
            left, style = time_left_text(line.time_left)
            overdue += line.overdue
            daring = " daring" if case.procedure == "daring" else ""
            cells = (
                f"#{case.id}",
                self.columns.cut(line.vendor_name, 1),
                f"{case.service_code}{daring}",
                day_time(case.handed_off_at),
                due_day_time(None if line.time_left.paused else case.due_at),
                left,
                self.columns.cut(line.assigned_name or "—", 6),
            )
            row_style = "bold red" if line.overdue else ""
            table.add_row(
                *self.columns.row(
                    tuple(
                        safe.plain(cell, style=style if i == 5 else row_style)
                        for i, cell in enumerate(cells)
                    )
                ),
                key=str(case.id),
            )
        self.refresh_bindings()
        if not data:
            return "Tidak ada kasus dengan saringan ini."
        # Home's "Di verifikator" counts those waiting for a verifier; the returned ones are
        # here too (their clock stopped), so the line says which is which.
        paused = sum(1 for line in data if line.time_left.paused)
        split = f": {len(data) - paused} menunggu verifikasi, {paused} dikembalikan ke penyedia"
        return (f"{len(data)} kasus{split if paused else ''} · {overdue} lewat tenggat · "
                "Enter membuka kasus")  # fmt: skip

    def _show_title(self) -> None:
        parts = [
            "Antrian verifikasi",
            f"Layanan: {self.service or 'semua'} (l)",
            f"Status: {STATUS_FILTER_LABELS[self.status]} (s)",
        ]
        if self._reviewer():
            parts.append("Hanya milik saya (m)" if self.mine else "Semua verifikator (m)")
        self.query_one(".screen-title").update(safe.plain(" · ".join(parts)))

    # choosing

    def _reviewer(self) -> bool:
        staff = self.app.staff
        return staff is not None and can(staff.role, Permission.DECIDE_CASES)

    def selected(self):
        """The ReviewLine under the cursor, or None."""
        key = cursor_key(self)
        if key is None or not self.lines:
            return None
        return next((line for line in self.lines if str(line.case.id) == key), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Assignment is for verifiers and admins; take or release as the row stands."""
        staff = self.app.staff
        if staff is None:
            return False
        if action in ("only_mine", "take", "release") and not self._reviewer():
            return False
        if action == "assign":
            return staff.role is Role.ADMIN and (self.selected() is not None or None)
        if action in ("take", "release"):
            line = self.selected()
            if line is None:
                return action == "take" and None
            mine = line.assigned_to == staff.id
            return mine if action == "release" else not mine
        if action == "open_case":
            return self.selected() is not None or None
        return True

    def why_blocked(self, action: str) -> str | None:
        """Why a key on the verification queue does nothing now."""
        if action in ("only_mine", "take", "release") and not self._reviewer():
            return "Kasus diambil dan diputuskan oleh verifikator atau admin."
        staff = self.app.staff
        if action == "assign" and staff is not None and staff.role is not Role.ADMIN:
            return RoleRefusal("Hanya admin yang menugaskan kasus ke verifikator.")
        if action in ("take", "release", "assign", "open_case") and self.selected() is None:
            if not self.query_one(DataTable).row_count:  # nothing to pick: say why
                return "Tidak ada kasus dengan saringan ini: ubah layanan (l), status (s) atau milik saya (m)."
            return "Pilih kasus dengan panah dulu."
        return None

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_case()

    # filters

    def _reload(self) -> None:
        self.query_one(DataTable).loading = True
        self._show_title()
        self.action_refresh()

    def action_cycle_service(self) -> None:
        """Next service: semua → REG → UBAH → UID."""
        self.service = SERVICES[(SERVICES.index(self.service) + 1) % len(SERVICES)]
        self._reload()

    def action_cycle_status(self) -> None:
        """Next status: semua → menunggu verifikasi → dikembalikan."""
        self.status = STATUSES[(STATUSES.index(self.status) + 1) % len(STATUSES)]
        self._reload()

    def action_only_mine(self) -> None:
        """Only the cases assigned to me, or every case."""
        self.mine = not self.mine
        self._reload()

    # opening and assigning

    def action_open_case(self) -> None:
        """Open the selected case."""
        line = self.selected()
        if line is None:
            return
        from lpse_desk.tui.screens.case_review import CaseReviewScreen

        self.app.push_screen(CaseReviewScreen(line.case.id), lambda _r: self.action_refresh())

    def action_take(self) -> None:
        """I take the selected case; a colleague's only after saying so (``takeover``)."""
        line = self.selected()
        if line is not None:
            takeover.take(self, line.case.id, line.assigned_to, line.assigned_name)

    def action_release(self) -> None:
        """I release the selected case for another verifier."""
        line = self.selected()
        if line is not None:
            self._assign(line.case.id, None, f"Kasus #{line.case.id} dilepas.")

    def _assign(self, case_id: int, assignee: int | None, done: str) -> None:
        review, staff = self.app.store.review, self.app.staff
        self.run_action(lambda: review.assign(staff, case_id, assignee), done)

    def action_assign(self) -> None:
        """Admin: give the selected case to a chosen verifier (or release it)."""
        line = self.selected()
        if line is not None:
            store = self.app.store
            work.load(self, STAFF, lambda: (line, store.staff_members()), group="review-staff")

    def on_work_loaded(self, message: Loaded[Any]) -> None:
        """The staff are known: ask whom to give the case."""
        if message.job is STAFF:
            self._push_assign(*message.data)

    def on_work_refused(self, message: NotDone) -> None:
        """The staff list could not be read (a locked store)."""
        if message.job is STAFF:
            self.notify(f"Staf belum dapat dibaca: {message.reason}", severity="error")

    on_work_failed = on_work_refused

    def _push_assign(self, line, members) -> None:
        reviewers = [m for m in members if can(m.role, Permission.DECIDE_CASES)]
        choices = [
            (str(m.id), f"{m.name} ({m.role.label})" + ("  ← sekarang" if m.id == line.assigned_to else ""))
            for m in reviewers
        ]  # fmt: skip
        choices.append((RELEASE, "Lepas penugasan (tanpa verifikator)"))
        review, staff, case_id = self.app.store.review, self.app.staff, line.case.id
        names = {str(m.id): m.name for m in reviewers}

        def perform(choice: str, _note: str) -> str:
            review.assign(staff, case_id, None if choice == RELEASE else int(choice))
            return choice

        def after(choice: str | None) -> None:
            if choice is not None:
                who = names.get(choice)
                self.notify(
                    f"Kasus #{case_id} ditugaskan ke {who}."
                    if who
                    else f"Kasus #{case_id} dilepas."
                )
            self.action_refresh()

        self.app.push_screen(
            ChoiceDialog(
                safe.plain(f"Tugaskan kasus #{case_id} · {line.vendor_name}"),
                choices,
                perform,
                help_text="Petugas yang menerima berkas kasus ini tidak dapat ditugaskan "
                "(prinsip empat mata).",
            ),
            after,
        )
