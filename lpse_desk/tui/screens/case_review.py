"""One case as the verifier reviews it: documents, checks, decisions, daring calls, messages.

The whole case file is read in a worker (``ReviewDesk.open``) and re-read after every
action and every few seconds. Each key is a store call; the store enforces the rules
(role, four-eyes, approval gate) and its Indonesian refusal is shown as it is. Keys
that cannot apply are hidden, and those a rule blocks right now are greyed out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane, Tabs, TextArea

from lpse_desk.domain.approval import records_changes
from lpse_desk.domain.casefile import CaseFile
from lpse_desk.domain.daring import CallStatus
from lpse_desk.domain.entities import OPEN_CASE_STATUSES, CaseStatus
from lpse_desk.domain.notices import Notification
from lpse_desk.domain.roles import Permission, can
from lpse_desk.tui import safe, work
from lpse_desk.tui.blocked import SaysWhyBlocked, SettlesAfterDialog
from lpse_desk.tui.reveal import RevealsPersonalIds, has_personal_id, reveal_binding
from lpse_desk.tui.screens import case_blocked
from lpse_desk.tui.screens import case_view as view
from lpse_desk.tui.screens.acting import ActsThenReloads
from lpse_desk.tui.screens.case_actions import CaseSideActions
from lpse_desk.tui.screens.case_decisions import CaseDecisions
from lpse_desk.tui.screens.case_tabs import NUMBERED, SIDE, TABS, focus_tab
from lpse_desk.tui.widgets.columns import Fitted
from lpse_desk.tui.widgets.footer import DeskFooter
from lpse_desk.tui.widgets.rows import RowTable
from lpse_desk.tui.widgets.table import refill, selected_key
from lpse_desk.tui.work import Job, Loaded, NotDone

WIDE = 150
"""From this many columns the summary and what blocks approval stand side by side."""
REFRESH_SECONDS = 15
"""Re-read the case this often (another desk may hold its video call or decide it)."""

CASE: Job[CaseFile] = Job("case")
"""The whole case file (``ReviewDesk.open``)."""


# Decisions: verifikator or admin, never on a case they took in (greyed when four-eyes).
_DECISIONS = frozenset(
    {"accept_document", "reject_document", "confirm_check", "withdraw_check", "approve",
     "return_case", "reject_case", "take"}
)  # fmt: skip
_TAB_ACTIONS = {
    "accept_document": "docs", "reject_document": "docs", "confirm_check": "checks",
    "withdraw_check": "checks", "request_change": "changes", "withdraw_change": "changes",
    "schedule_call": "calls", "hold_call": "calls", "miss_call": "calls",
    "mark_sent": "notices", "copy_notice": "notices",
}  # fmt: skip


class CaseReviewScreen(
    SaysWhyBlocked, SettlesAfterDialog, RevealsPersonalIds, CaseDecisions, CaseSideActions,
    ActsThenReloads, Screen,
):  # fmt: skip
    """Pemeriksaan kasus oleh verifikator."""

    SETTLING_ACTIONS = case_blocked.SETTLING

    BINDINGS = [
        *(Binding(str(n), f"tab('{tab}')", label[2:], id=f"tab_{tab}", show=False)
          for n, (tab, label, _c) in enumerate(TABS, 1)),
        Binding("t", "accept_document", "Terima dokumen", id="accept_document"),
        Binding("x", "reject_document", "Tolak dokumen", id="reject_document"),
        Binding("k", "confirm_check", "Konfirmasi", id="confirm_check"),
        Binding("k", "withdraw_check", "Batalkan konfirmasi", id="withdraw_check"),
        Binding("u", "request_change", "Catat perubahan", id="request_change"),
        Binding("delete", "withdraw_change", "Hapus perubahan", id="withdraw_change"),
        Binding("j", "schedule_call", "Jadwalkan panggilan", id="schedule_call"),
        Binding("h", "hold_call", "Panggilan selesai", id="hold_call"),
        Binding("m", "miss_call", "Terlewat", id="miss_call"),
        Binding("n", "mark_sent", "Tandai terkirim", id="mark_sent"),
        Binding("c", "copy_notice", "Salin pesan", id="copy_notice"),
        Binding("s", "approve", "Setujui", id="approve"),
        Binding("b", "return_case", "Kembalikan", id="return_case"),
        Binding("z", "reject_case", "Tolak kasus", id="reject_case"),
        Binding("l", "resume", "Lanjutkan (berkas kembali)", id="resume"),
        Binding("a", "take", "Ambil", id="take"),
        Binding("a", "release", "Lepas", id="release"),
        Binding("r", "refresh", "Muat ulang", id="refresh", show=False),
        reveal_binding(label="NIK"),  # short: Ctrl+Q must still fit the footer at 120 columns
        Binding("escape", "back", "Kembali", id="back"),
    ]  # fmt: skip

    ACTION_GROUP = "case-act"
    REFUSED_TIMEOUT = 12

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self.file: CaseFile | None = None
        self.busy = False
        self.columns = {tab: Fitted(columns, side=SIDE) for tab, _label, columns in TABS if columns}
        """Each tab's table columns, sized to the screen."""

    # layout

    def compose(self) -> ComposeResult:
        """Title, summary, blockers, the tabs."""
        yield Header()
        with Vertical(id="review"):
            yield Static(f"Kasus #{self.case_id}", id="review-title", classes="screen-title")
            with VerticalScroll(id="review-top"):
                yield Static("Memuat kasus…", id="review-summary")
                yield Static("", id="review-blockers")
            with TabbedContent(id="review-tabs"):
                for tab, label, _columns in TABS:
                    with TabPane(label, id=tab):
                        if tab == "papers":
                            yield Static("", id="review-papers")
                            continue
                        yield RowTable(id=f"{tab}-table")
                        if tab == "notices":
                            yield TextArea("", read_only=True, id="notice-text")
                        if tab == "calls":
                            yield Static("", id="calls-hint", classes="screen-status")
        yield DeskFooter(compact=True)

    def on_mount(self) -> None:
        """Columns, then the case."""
        self._fit()
        self.reload()
        self.set_interval(REFRESH_SECONDS, self.reload)

    # reading

    @property
    def review(self):
        """The verifiers' part of the store."""
        return self.app.store.review

    def reload(self) -> None:
        """Read the case file again."""
        work.load(self, CASE, lambda: self.review.open(self.case_id), group="case-load")

    def on_work_loaded(self, message: Loaded[Any]) -> None:
        """Draw the case."""
        if message.job is not CASE:
            return
        first = self.file is None
        self.file = message.data
        self._draw()
        if first:
            staff = self.app.staff
            counter = staff is not None and can(staff.role, Permission.COUNTER)
            daring = self.file.case.procedure == "daring"
            self.action_tab("calls" if counter and daring else "docs")

    def on_work_refused(self, message: NotDone) -> None:
        """Say the case could not be read (a locked store); keep what is shown."""
        if message.job is CASE:
            self.notify(f"Kasus belum dapat dibaca: {message.reason}", severity="error")

    on_work_failed = on_work_refused

    # drawing

    def _draw(self) -> None:
        file = self.file
        case = file.case
        service = self.app.store.catalog.services.get(case.service_code)
        vendor = file.vendor.name if file.vendor else "—"
        self.query_one("#review-title", Static).update(
            safe.plain(f"Kasus #{case.id} · {case.service_code} · {vendor} · {file.status_label}")
        )
        self.query_one("#review-summary", Static).update(
            view.summary_markup(
                file,
                service_name=service.name if service else "",
                four_eyes=self._four_eyes(),
                revealed=self.revealed,
            )
        )
        text, warn = view.blockers_markup(file)
        blockers = self.query_one("#review-blockers", Static)
        blockers.update(text)
        blockers.set_class(warn, "warn")
        self._fill("docs", view.document_rows(file, name_width=self.columns["docs"].width(1)))
        self._fill("checks", view.check_rows(file))
        self._fill("calls", view.call_rows(file))
        self._fill("changes", view.change_rows(file))
        self._fill("notices", view.notice_rows(file))
        self._fill("events", view.event_rows(file), end=True)
        self.query_one("#review-papers", Static).update(view.papers_markup(file))
        self.query_one("#calls-hint", Static).update(view.calls_hint(self.file))
        self._relabel()
        self._show_notice()
        self.refresh_bindings()

    def _fill(self, tab: str, rows: list[tuple[str, tuple]], *, end: bool = False) -> None:
        table = self.query_one(f"#{tab}-table", DataTable)
        if tab in NUMBERED:  # a message's or a call's number is never cut (#30059, not #3005)
            self.columns[tab].widen(table, 0, (str(row[0]) for _key, row in rows))
        refill(table, [(key, self.columns[tab].row(row)) for key, row in rows], end=end)

    def on_resize(self) -> None:
        """Columns to the new width; summary and blockers side by side on a wide screen."""
        self._fit()

    def _fit(self) -> None:
        self.set_class((self.size.width or self.app.size.width) >= WIDE, "-wide")
        changed = False
        for tab, columns in self.columns.items():
            changed = columns.fit(self.query_one(f"#{tab}-table", DataTable)) or changed
        if changed and self.file is not None:
            self._draw()

    def _relabel(self) -> None:
        tabs = self.query_one(TabbedContent)
        counts = view.tab_counts(self.file)
        for tab, label, _columns in TABS:
            tabs.get_tab(tab).label = label + counts.get(tab, "")

    def _show_notice(self) -> None:
        notice = self._selected_notice()
        area = self.query_one("#notice-text", TextArea)
        text = (
            notice.message if notice else "(Belum ada pesan: pesan dibuat saat kasus diputuskan.)"
        )
        if area.text != text:
            area.load_text(text)

    # choosing

    def _key(self, tab: str) -> str | None:
        return selected_key(self.query_one(f"#{tab}-table", DataTable))

    def _selected_document(self):
        key = self._key("docs")
        return next((d for d in self.file.documents if d.requirement_id == key), None)

    def _selected_check(self):
        key = self._key("checks")
        return next((c for c in self.file.checks if c.code == key), None)

    def _selected_call(self):
        key = self._key("calls")
        return next((c for c in self.file.video_calls if str(c.id) == key), None)

    def _selected_change(self):
        key = self._key("changes")
        return next((c for c in self.file.changes if c.field == key), None)

    def _selected_notice(self) -> Notification | None:
        if self.file is None:
            return None
        key = self._key("notices")
        return next((n for n in self.file.notifications if str(n.id) == key), None)

    def _tab(self) -> str:
        return self.query_one(TabbedContent).active

    def reveal_target(self) -> dict | None:
        """The case's vendor, on record for this case."""
        if self.file is None or self.file.vendor is None:
            return None
        return {"vendor_id": self.file.vendor.id, "case_id": self.case_id}

    def redraw_personal_ids(self) -> None:
        """The summary again, numbers full or masked; the history re-read shows the reveal."""
        if self.file is not None:
            self._draw()
        self.reload()

    def _four_eyes(self) -> bool:
        staff = self.app.staff
        return staff is not None and self.file is not None and staff.id == self.file.case.intake_by

    def _may_change(self, counter: bool, reviewer: bool) -> bool:
        """UBAH changes: the counter during intake; after hand-off a reviewer who may decide
        the case (not its intake officer), as the store enforces."""
        if self.file.case.status is CaseStatus.INTAKE:
            return counter
        return reviewer and not self._four_eyes()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide what this role or this case cannot do; grey out what a rule blocks now."""
        if action in ("back", "refresh", "tab"):
            return True
        staff, file = self.app.staff, self.file
        if staff is None or file is None:
            return False
        tab = _TAB_ACTIONS.get(action)
        if tab is not None and self._tab() != tab:
            return False
        status = file.case.status
        reviewer = can(staff.role, Permission.DECIDE_CASES)
        counter = can(staff.role, Permission.COUNTER)
        waiting = status is CaseStatus.AWAITING_REVIEW
        open_case = status in OPEN_CASE_STATUSES
        undecided = status in (CaseStatus.AWAITING_REVIEW, CaseStatus.RETURNED)
        # Lambdas: only the asked action's rule runs (this is called for every binding on
        # every cursor move).
        rules: dict[str, Callable[[], bool]] = {
            "accept_document": lambda: reviewer and waiting and self._selected_document() is not None,
            "reject_document": lambda: reviewer and waiting and self._selected_document() is not None,
            "confirm_check": lambda: reviewer and waiting and _is(self._selected_check(), False),
            "withdraw_check": lambda: reviewer and waiting and _is(self._selected_check(), True),
            "approve": lambda: reviewer and waiting,
            "return_case": lambda: reviewer and waiting,
            "reject_case": lambda: reviewer and undecided,
            "resume": lambda: status is CaseStatus.RETURNED,
            "take": lambda: reviewer and undecided and file.assigned_to != staff.id,
            "release": lambda: reviewer and undecided and file.assigned_to == staff.id,
            "request_change": lambda: records_changes(file.case.service_code) and open_case
            and self._may_change(counter, reviewer),
            "withdraw_change": lambda: open_case and self._may_change(counter, reviewer)
            and _is_pending(self._selected_change()),
            "schedule_call": lambda: counter and file.case.procedure == "daring" and open_case,
            "hold_call": lambda: counter and open_case and _is_scheduled(self._selected_call()),
            "miss_call": lambda: counter and open_case and _is_scheduled(self._selected_call()),
            "mark_sent": lambda: _is_unsent(self._selected_notice()),
            "copy_notice": lambda: self._selected_notice() is not None,
            # The store refuses a petugas once the case left intake: not offered then.
            "reveal_ids": lambda: has_personal_id(file.vendor)
            and (reviewer or status is CaseStatus.INTAKE),
        }  # fmt: skip
        rule = rules.get(action)
        if rule is not None and not rule():
            return False
        if action in _DECISIONS and self._four_eyes():
            return None  # shown greyed: the summary says why (prinsip empat mata)
        if action == "approve" and file.blockers:
            return None  # the blockers panel says why
        return self.settled(action, True)

    def why_blocked(self, action: str) -> str | None:
        """Why a key does nothing now: four-eyes, what still blocks approval, another tab."""
        staff, file = self.app.staff, self.file
        if staff is None:
            return None
        reviewer = can(staff.role, Permission.DECIDE_CASES)
        counter = can(staff.role, Permission.COUNTER)
        return case_blocked.reason(
            action,
            file=file,
            role=staff.role,
            four_eyes=self._four_eyes(),
            may_change=file is not None and self._may_change(counter, reviewer),
            tab=self._tab(),
            tabs={tab: label for tab, label, _columns in TABS},
            action_tab=_TAB_ACTIONS.get(action),
        )

    @on(DataTable.RowHighlighted)
    def _moved(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "notices-table":
            self._show_notice()
        self.refresh_bindings()

    @on(TabbedContent.TabActivated)
    def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        if isinstance(self.focused, Tabs) and event.pane is not None:  # ← → on the tab row
            focus_tab(self, event.pane.id)
        self.refresh_bindings()

    def action_tab(self, tab: str) -> None:
        """Show a tab and put the cursor in its table."""
        self.query_one(TabbedContent).active = tab
        focus_tab(self, tab)
        self.refresh_bindings()

    def action_refresh(self) -> None:
        """Re-read the case."""
        self.reload()

    def action_back(self) -> None:
        """Back to the queue."""
        self.app.pop_screen()


def _is_pending(change) -> bool:
    return change is not None and change.applied_at is None


def _is_scheduled(call) -> bool:
    return call is not None and call.status is CallStatus.SCHEDULED


def _is_unsent(notice) -> bool:
    return notice is not None and not notice.sent


def _is(check, confirmed: bool) -> bool:
    return check is not None and check.confirmed is confirmed
