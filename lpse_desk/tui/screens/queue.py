"""The queue at this loket: call, recall, serve, hold, transfer, no-show, finish.

The screen reads the whole day (``QueueDesk.view``) in a worker and re-reads it
when the store's change marker moves, so another desk's call shows within a
couple of seconds. Every action is a store call in a worker (``queue_actions``); a
refusal (another desk was faster, a paused loket) is shown as a notification and the
list reloads. What the table and the lines above it show is ``queue_rows``.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from lpse_desk.domain.counter import serving_late, serving_standard
from lpse_desk.domain.entities import Visit, VisitStatus
from lpse_desk.domain.queue.rules import PRIORITIES, LoketStatus
from lpse_desk.domain.queue.view import QueueView
from lpse_desk.domain.roles import Permission, can
from lpse_desk.domain.textfmt import format_elapsed_id
from lpse_desk.tui import safe, work
from lpse_desk.tui.blocked import SaysWhyBlocked, SettlesAfterDialog
from lpse_desk.tui.screens import queue_blocked, queue_rows
from lpse_desk.tui.screens.kiosk import OpensKiosk
from lpse_desk.tui.screens.queue_actions import INTAKE, QueueActions
from lpse_desk.tui.widgets.columns import Fitted
from lpse_desk.tui.widgets.footer import DeskFooter
from lpse_desk.tui.widgets.rows import RowTable
from lpse_desk.tui.widgets.table import KeysFollowTheRow, cursor_key, refill
from lpse_desk.tui.work import Done, Job, Loaded, NotDone

POLL_SECONDS = 0.25
"""How often the change marker is checked (one primary-key row): another desk's call shows
here within about this long (``benchmarks/cross_desk.py``)."""
RELOAD_SECONDS = 20
"""Reload at least this often even without changes (a day that rolls over)."""

DAY: Job[QueueView] = Job("queue")
"""The whole day at every loket."""
MARKER: Job[int] = Job("queue-marker")
"""The store's change marker: a new one means another desk changed something."""

# Actions that change the queue; a verifier only looks (DOMAIN.md §1).
_COUNTER_ACTIONS = frozenset(
    {
        "call_next", "call_selected", "recall", "start", "finish", "hold", "resume",
        "no_show", "restore", "transfer", "cancel", "walk_in", "check_in", "pause", "reopen",
        "close", "intake", "survey",
    }
)  # fmt: skip


class QueueScreen(
    SaysWhyBlocked, SettlesAfterDialog, QueueActions, OpensKiosk, KeysFollowTheRow, Screen
):
    """Antrian di loket ini."""

    SETTLING_ACTIONS = _COUNTER_ACTIONS

    BINDINGS = [
        Binding("n", "call_next", "Panggil", id="call_next"),
        # Not Enter: an Enter meant for a dialog that just closed must not call out of turn.
        Binding("c", "call_selected", "Panggil terpilih", id="call_selected"),
        # The order is the footer's priority: at 80 columns the last ones go to F1 first.
        Binding("u", "recall", "Ulang", id="recall"),
        Binding("m", "start", "Mulai", id="start"),
        Binding("x", "no_show", "Tidak hadir", id="no_show"),
        Binding("i", "intake", "Berkas", id="intake"),
        Binding("s", "finish", "Selesai", id="finish"),
        Binding("h", "hold", "Tahan", id="hold"),
        Binding("t", "transfer", "Alihkan", id="transfer"),
        Binding("e", "survey", "Survei", id="survey"),
        Binding("k", "resume", "Kembali antre", id="resume"),
        Binding("p", "restore", "Pulihkan", id="restore"),
        Binding("w", "walk_in", "Daftar", id="walk_in"),
        Binding("b", "check_in", "Booking", id="check_in"),
        Binding("delete", "cancel", "Batalkan nomor", id="cancel", show=False),
        Binding("f", "filter", "Filter", id="filter"),
        Binding("j", "pause", "Jeda", id="pause"),
        # The same key opens a paused or closed loket again: the footer names what it does.
        Binding("j", "reopen", "Buka lagi", id="reopen"),
        Binding("z", "close", "Tutup loket", id="close"),
        Binding("r", "refresh", "Muat ulang", id="refresh", show=False),
        Binding("escape", "back", "Kembali", id="back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view: QueueView | None = None
        self.marker = -1
        self.service_filter: str | None = None
        """Only this service is called and listed (None: all)."""
        self.columns = Fitted(queue_rows.COLUMNS)
        """The table's columns, sized to the screen."""

    # layout

    def compose(self) -> ComposeResult:
        """Loket line, the visit at this loket, counts per service, the list."""
        yield Header()
        with Vertical(id="queue"):
            with Horizontal(id="queue-top"):
                yield Static("", id="queue-loket")
                yield Static("", id="queue-filter")
            yield Static("", id="queue-current")
            yield Static("", id="queue-counts")
            yield RowTable(id="queue-table")
            yield Static("", id="queue-status", classes="screen-status")
        yield DeskFooter(compact=True)

    def on_mount(self) -> None:
        """Open this loket, load the day, and watch for changes."""
        table = self.query_one(DataTable)
        self.columns.fit(table)
        table.loading = True
        self._show_filter()
        if self._counter_role():
            self.run_action(self._open_unless_paused, quiet=True)
        else:
            self.reload()
        self.set_interval(POLL_SECONDS, self.poll)
        self.set_interval(RELOAD_SECONDS, self.reload)
        self.set_interval(1, self._tick)

    @property
    def store(self):
        """The queue part of the store."""
        return self.app.store.queue

    def _open_unless_paused(self) -> None:
        # A pause ends with j, not by leaving the screen and coming back.
        store, loket = self.store, self.app.loket
        if store.loket(loket).status is not LoketStatus.PAUSED:
            store.open_loket(self.app.staff, loket)

    def _counter_role(self) -> bool:
        staff = self.app.staff
        return staff is not None and can(staff.role, Permission.COUNTER)

    # loading

    def reload(self) -> None:
        """Read the whole day now."""
        work.load(self, DAY, self.store.view, group="queue-load")

    def poll(self) -> None:
        """Reload when another desk changed something."""
        work.load(self, MARKER, self.store.marker, group="queue-poll")

    def on_work_loaded(self, message: Loaded[Any]) -> None:
        """Show the day; reload when the marker moved."""
        if message.job is DAY:
            self.view = message.data
            self.marker = self.view.marker
            self._fill()
            self.refresh_bindings()
        elif message.job is MARKER and message.data != self.marker:
            self.reload()

    def on_work_done(self, message: Done[Any]) -> None:
        """The visit's file can be taken in (actions: ``ActsThenReloads``)."""
        if message.job is INTAKE:
            self._show_intake(*message.result)

    def on_work_refused(self, message: NotDone) -> None:
        """The store said no, or broke (a failed poll: try again at the next one)."""
        if message.job is DAY:
            self._stale(f"Antrian belum dapat dibaca: {message.reason}")
        elif message.job is INTAKE:
            self.notify(message.said(failed="Gagal"), severity="error")

    on_work_failed = on_work_refused

    def _stale(self, reason: str) -> None:
        """Say the list is stale; keep the last one."""
        self.query_one(DataTable).loading = False
        self.query_one("#queue-status", Static).update(safe.message(reason))

    # drawing

    def _loket(self) -> int | None:
        """This desk's loket; None for a looker (a verifier sits at none: the number called
        to the PC's loket is listed with the others, not taken for hers)."""
        return self.app.loket if self._counter_role() else None

    def _mine(self) -> Visit | None:
        loket = self._loket()
        return self.view.at_loket(loket) if self.view and loket is not None else None

    def on_resize(self) -> None:
        """Columns to the new width (the rows again when they changed)."""
        if self.columns.fit(self.query_one(DataTable)) and self.view is not None:
            self._fill()

    def _fill(self) -> None:
        view = self.view
        table = self.query_one(DataTable)
        table.loading = False
        rows = queue_rows.rows(
            view,
            loket=self._loket(),
            service_filter=self.service_filter,
            catalog=self.app.store.catalog,
            policy=self.store.policy,
        )
        self.columns.widen(table, 1, (str(cells[1]) for _key, cells in rows))  # A-1000 whole
        clipped = [  # the visitor's name and the note, with an ellipsis where they are cut
            (key, tuple(self.columns.clip(cell, i) if i in (3, 4) else cell
                        for i, cell in enumerate(cells)))  # fmt: skip
            for key, cells in rows
        ]
        refill(table, [(key, self.columns.row(cells)) for key, cells in clipped])
        self.query_one("#queue-loket", Static).update(
            queue_rows.loket_line(
                view, loket=self.app.loket, staff=self.app.staff, counter=self._counter_role()
            )
        )
        self._show_current()
        self.query_one("#queue-counts", Static).update(
            queue_rows.counts_line(view, self.service_filter)
        )
        self.query_one("#queue-status", Static).update(
            queue_rows.status_line(view, self.service_filter, mine=self._mine(),
                                   counter=self._counter_role())  # fmt: skip
        )

    def _show_filter(self) -> None:
        text = f"Layanan: {self.service_filter}" if self.service_filter else "Layanan: semua"
        self.query_one("#queue-filter", Static).update(f"{text} (f)")

    def _show_current(self) -> None:
        current = self.query_one("#queue-current", Static)
        mine = self._mine()
        if not self._counter_role():  # a verifier looks on: nothing here is his to press
            current.update("Hanya melihat antrian hari ini; memanggil dan melayani dilakukan "
                           "petugas loket.")  # fmt: skip
            current.set_class(False, "late")
            return
        if mine is None:
            current.update(
                "Belum ada nomor di loket ini. Tekan [b]n[/b] untuk memanggil nomor berikutnya."
            )
            current.set_class(False, "late")
            return
        now = self.app.clock.now()
        if mine.status is VisitStatus.CALLED:
            since = now - (mine.called_at or now)
            what = f"Dipanggil {format_elapsed_id(since)} lalu — [b]m[/b] saat penyedia tiba"
            late = False
        else:
            elapsed = now - (mine.served_at or now)
            service = self.app.store.catalog.services.get(mine.service_code)
            late = serving_late(elapsed, service)
            what = f"Dilayani {format_elapsed_id(elapsed)}"
            if late:
                minutes = int(serving_standard(service).total_seconds() // 60)
                what += f" — lewat standar {minutes} menit"
        extra = f" · {PRIORITIES[mine.priority]}" if mine.priority else ""
        current.update(
            safe.fill(
                f"[b]{mine.ticket}[/b]  {mine.service_code} · $name{extra}\n{what}",
                name=mine.visitor_name or "tanpa nama",
            )
        )
        current.set_class(late, "late")

    def _tick(self) -> None:
        if self.view is not None:
            self._show_current()

    # choosing

    def _selected_key(self) -> str | None:
        return cursor_key(self)

    def _selected(self) -> Visit | None:
        key = self._selected_key()
        if key is None or self.view is None:
            return None
        everyone = (*self.view.waiting, *self.view.held, *self.view.no_shows, *self.view.active)
        return next((v for v in everyone if str(v.id) == key), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only what makes sense now; a verifier only looks."""
        if action in _COUNTER_ACTIONS and not self._counter_role():
            return False
        if self.view is None:
            return action in ("back", "refresh", "filter") or None
        mine = self._mine()
        called = mine is not None and mine.status is VisitStatus.CALLED
        serving = mine is not None and mine.status is VisitStatus.SERVING
        selected = self._selected()
        chosen = selected.status if selected else None
        rules = {
            "call_next": mine is None,
            "call_selected": mine is None and chosen in (VisitStatus.WAITING, VisitStatus.ON_HOLD),
            "recall": called,
            "start": called,
            "no_show": called,
            "finish": serving,
            "intake": mine is not None,
            "hold": mine is not None,
            "resume": chosen is VisitStatus.ON_HOLD,
            "restore": chosen is VisitStatus.NO_SHOW,
            "cancel": chosen in (VisitStatus.WAITING, VisitStatus.ON_HOLD),
            "transfer": mine is not None or chosen in (VisitStatus.WAITING, VisitStatus.ON_HOLD),
            "pause": self._loket_open(),
            "reopen": not self._loket_open(),
            "close": not self._loket_closed(),
        }
        # Hidden, not greyed: the footer shows only what can be done now; greyed for the
        # moment after a dialog closes (SettlesAfterDialog).
        return self.settled(action, rules.get(action, True))

    def why_blocked(self, action: str) -> str | None:
        """Why a queue key does nothing now (a number already at this loket, …)."""
        if action not in _COUNTER_ACTIONS:
            return None
        return queue_blocked.reason(
            action,
            counter=self._counter_role(),
            loaded=self.view is not None,
            mine=self._mine(),
            selected=self._selected(),
        )

    def _loket_status(self) -> LoketStatus | None:
        """This loket's status today; None before the day is read or if it was never opened."""
        view = self.view
        state = next((s for s in view.lokets if s.number == self.app.loket), None) if view else None
        return state.status if state is not None else None

    def _loket_closed(self) -> bool:
        """Whether this loket is closed for the day (or was never opened)."""
        return self._loket_status() in (None, LoketStatus.CLOSED)

    def _loket_open(self) -> bool:
        """Whether this loket is open for calling now (not paused, not closed)."""
        return self._loket_status() is LoketStatus.OPEN

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        """Enter (or a click) on a row only says how to call it: calling takes ``c``."""
        event.stop()
        visit = self._selected()
        if visit is not None and self.check_action("call_selected", ()):
            self.notify(f"Tekan c untuk memanggil {visit.ticket} di luar urutan.")

    def action_filter(self) -> None:
        """Cycle through the services (all, REG, UBAH, …)."""
        codes = [None, *(c.code for c in self.view.per_service)] if self.view else [None]
        index = codes.index(self.service_filter) if self.service_filter in codes else 0
        self.service_filter = codes[(index + 1) % len(codes)]
        self._show_filter()
        if self.view is not None:
            self._fill()

    def action_refresh(self) -> None:
        """Re-read the day."""
        self.reload()

    def action_back(self) -> None:
        """Back to the home screen."""
        self.app.pop_screen()
