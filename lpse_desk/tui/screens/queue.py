"""The queue at this loket: call, recall, serve, hold, transfer, no-show, finish.

The screen reads the whole day (``QueueDesk.view``) in a worker and re-reads it
when the store's change marker moves, so another desk's call shows within a
couple of seconds. Every action is a store call in a worker; a refusal (another
desk was faster, a paused loket) is shown as a notification and the list reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from lpse_desk.domain.entities import Visit, VisitStatus
from lpse_desk.domain.errors import ChangedElsewhere, DeskError, ValidationError
from lpse_desk.domain.privacy import mask_logged_text
from lpse_desk.domain.queue import (
    CALL_GROUP_LABELS,
    CLOSE_REASONS,
    HOLD_REASONS,
    LOKET_STATUS_LABELS,
    OUTCOMES,
    OUTCOMES_NEEDING_NOTE,
    PAUSE_REASONS,
    PRIORITIES,
    LoketStatus,
    call_group,
)
from lpse_desk.domain.queueview import QueueView
from lpse_desk.domain.roles import Permission, can
from lpse_desk.domain.textfmt import format_duration_id, printable
from lpse_desk.store.faults import describe
from lpse_desk.tui import safe
from lpse_desk.tui.messages import DataLoaded, WorkFailed
from lpse_desk.tui.screens.dialogs import ChoiceDialog, FieldsDialog, WalkInDialog
from lpse_desk.tui.widgets.footer import DeskFooter

POLL_SECONDS = 1.5
"""How often the change marker is checked (one indexed MAX query)."""
RELOAD_SECONDS = 20
"""Reload at least this often even without changes (a day that rolls over)."""

# Actions that change the queue; a verifier only looks (DOMAIN.md §1).
_COUNTER_ACTIONS = frozenset(
    {
        "call_next", "call_selected", "recall", "start", "finish", "hold", "resume",
        "no_show", "restore", "transfer", "cancel", "walk_in", "check_in", "pause", "close",
        "intake", "survey",
    }
)  # fmt: skip


class QueueScreen(Screen):
    """Antrian di loket ini."""

    BINDINGS = [
        Binding("n", "call_next", "Panggil", id="call_next"),
        # Not Enter: an Enter meant for a dialog that just closed must not call out of turn.
        Binding("c", "call_selected", "Panggil terpilih", id="call_selected"),
        Binding("u", "recall", "Ulang", id="recall"),
        Binding("m", "start", "Mulai", id="start"),
        Binding("i", "intake", "Berkas", id="intake"),
        Binding("e", "survey", "Survei", id="survey", show=False),
        Binding("s", "finish", "Selesai", id="finish"),
        Binding("h", "hold", "Tahan", id="hold"),
        Binding("x", "no_show", "Tidak hadir", id="no_show"),
        Binding("t", "transfer", "Alihkan", id="transfer"),
        Binding("k", "resume", "Kembali antre", id="resume"),
        Binding("p", "restore", "Pulihkan", id="restore"),
        Binding("w", "walk_in", "Daftar", id="walk_in"),
        Binding("b", "check_in", "Booking", id="check_in"),
        Binding("delete", "cancel", "Batalkan nomor", id="cancel", show=False),
        Binding("f", "filter", "Filter", id="filter"),
        Binding("j", "pause", "Jeda", id="pause"),
        Binding("z", "close", "Tutup loket", id="close", show=False),
        Binding("r", "refresh", "Muat ulang", id="refresh", show=False),
        Binding("escape", "back", "Kembali", id="back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view: QueueView | None = None
        self.marker = -1
        self.service_filter: str | None = None
        """Only this service is called and listed (None: all)."""

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
            yield DataTable(id="queue-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="queue-status", classes="screen-status")
        yield DeskFooter(compact=True)

    def on_mount(self) -> None:
        """Open this loket, load the day, and watch for changes."""
        table = self.query_one(DataTable)
        table.add_columns(
            "Urutan", "Nomor", "Layanan", "Pengunjung", "Keterangan", "Datang", "Lama"
        )
        table.loading = True
        self._show_filter()
        if self._counter_role():
            self._run(self._open_unless_paused, quiet=True)
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
        self._load()

    @work(thread=True, exclusive=True, group="queue-load")
    def _load(self) -> None:
        try:
            view = self.store.view()
        except Exception as exc:  # a locked store must not crash the desk
            self.post_message(WorkFailed("queue", f"Antrian belum dapat dibaca: {describe(exc)}"))
            return
        self.post_message(DataLoaded("queue", view))

    @work(thread=True, exclusive=True, group="queue-poll")
    def poll(self) -> None:
        """Reload when another desk changed something."""
        try:
            marker = self.store.marker()
        except Exception:  # noqa: BLE001 - a busy store: try again at the next poll
            return
        if marker != self.marker:
            self.app.call_from_thread(self.reload)

    def on_data_loaded(self, message: DataLoaded) -> None:
        """Show the day."""
        if message.what != "queue":
            return
        message.stop()
        self.view = message.data
        self.marker = self.view.marker
        self._fill()
        self.refresh_bindings()

    def on_work_failed(self, message: WorkFailed) -> None:
        """Say the list is stale; keep the last one."""
        message.stop()
        self.query_one(DataTable).loading = False
        self.query_one("#queue-status", Static).update(safe.message(message.reason))

    # drawing

    def _mine(self) -> Visit | None:
        return self.view.at_loket(self.app.loket) if self.view else None

    def _fill(self) -> None:
        view = self.view
        table = self.query_one(DataTable)
        selected = self._selected_key()
        table.loading = False
        table.clear()
        rows = self._rows(view)
        for key, cells in rows:
            table.add_row(*cells, key=key)
        keys = [key for key, _ in rows]
        if selected in keys:
            table.move_cursor(row=keys.index(selected))
        self._show_loket()
        self._show_current()
        counts = "  ·  ".join(
            f"[b]{c.prefix}[/b] {c.code} {c.waiting}"
            for c in view.per_service
            if self.service_filter in (None, c.code)
        )
        self.query_one("#queue-counts", Static).update(f"Menunggu per layanan:  {counts}")
        self.query_one("#queue-status", Static).update(
            f"{len(self._waiting())} menunggu · {len(view.held)} ditahan · "
            f"{view.finished} selesai hari ini"
            + (" · c memanggil nomor terpilih" if self._mine() is None else "")
        )

    def _waiting(self) -> list[Visit]:
        return [v for v in self.view.waiting if self.service_filter in (None, v.service_code)]

    def _rows(self, view: QueueView) -> list[tuple[str, tuple]]:
        now = view.now
        rows = []
        for place, visit in enumerate(self._waiting(), start=1):
            rows.append((str(visit.id), self._cells(str(place), visit, self._note(visit), now)))
        shown = (self.service_filter in (None, v.service_code) for v in view.held)
        for visit, show in zip(view.held, shown, strict=True):
            if show:
                note = Text.assemble(("Ditahan", "yellow"), ": ", safe.plain(mask_logged_text(visit.status_note)))
                rows.append((str(visit.id), self._cells("–", visit, note, now)))
        for visit in view.no_shows:
            if self.service_filter in (None, visit.service_code):
                rows.append(
                    (
                        str(visit.id),
                        self._cells("–", visit, "[red]Tidak hadir[/] (p pulihkan)", now),
                    )
                )
        for visit in view.active:
            if visit.loket != self.app.loket and self.service_filter in (None, visit.service_code):
                label = "Dilayani" if visit.status is VisitStatus.SERVING else "Dipanggil"
                rows.append(
                    (str(visit.id), self._cells("–", visit, f"{label} di loket {visit.loket}", now))
                )
        return rows

    def _note(self, visit: Visit) -> str:
        group = call_group(visit, self.view.now, self.store.policy)
        parts = []
        if group == 0:
            parts.append("[b]Kembali ke depan[/b]")
        if visit.booked_for is not None:
            parts.append(f"Booking {visit.booked_for:%H.%M}")
        if visit.priority:
            parts.append(f"[b]{PRIORITIES[visit.priority]}[/b]")
        if visit.transferred_from:
            parts.append(f"Dialihkan dari {visit.transferred_from}")
        if group in (1, 2) and not parts:
            parts.append(CALL_GROUP_LABELS[group])
        return " · ".join(parts)

    def _cells(self, place: str, visit: Visit, note: str | Text, now) -> tuple:
        service = self.app.store.catalog.services.get(visit.service_code)
        return (
            place,
            f"[b]{visit.ticket}[/b]",
            service.code if service else visit.service_code,
            safe.plain(visit.visitor_name),
            note,
            f"{visit.arrived_at:%H.%M}",
            format_duration_id(now - visit.arrived_at),
        )

    def _show_loket(self) -> None:
        staff = self.app.staff
        state = next((s for s in self.view.lokets if s.number == self.app.loket), None)
        status = state.status if state else LoketStatus.CLOSED
        label = LOKET_STATUS_LABELS[status]
        if state and state.reason and status is not LoketStatus.OPEN:
            label += f": {printable(state.reason)}"
        colour = {"buka": "green", "jeda": "yellow", "tutup": "red"}[status.value]
        who = f"{printable(staff.name)} · " if staff else ""
        if not self._counter_role():
            self.query_one("#queue-loket", Static).update(
                Text.assemble(("Antrian hari ini", "bold"), " · ", who, "hanya melihat")
            )
            return
        self.query_one("#queue-loket", Static).update(
            Text.assemble((f"Loket {self.app.loket}", "bold"), " · ", who, (label, colour))
        )

    def _show_filter(self) -> None:
        text = f"Layanan: {self.service_filter}" if self.service_filter else "Layanan: semua"
        self.query_one("#queue-filter", Static).update(f"{text} (f)")

    def _show_current(self) -> None:
        current = self.query_one("#queue-current", Static)
        mine = self._mine()
        if mine is None:
            current.update(
                "Belum ada nomor di loket ini. Tekan [b]n[/b] untuk memanggil nomor berikutnya."
            )
            current.set_class(False, "late")
            return
        now = self.app.clock.now()
        if mine.status is VisitStatus.CALLED:
            since = now - (mine.called_at or now)
            what = f"Dipanggil {format_duration_id(since)} lalu — [b]m[/b] saat penyedia tiba"
            late = False
        else:
            elapsed = now - (mine.served_at or now)
            service = self.app.store.catalog.services.get(mine.service_code)
            standard = timedelta(minutes=service.counter_minutes if service else 15)
            late = elapsed > standard
            what = f"Dilayani {format_duration_id(elapsed)}"
            if late:
                what += f" — lewat standar {int(standard.total_seconds() // 60)} menit"
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
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # noqa: BLE001 - an empty or refilling table
            return None

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
        }
        # Hidden, not greyed: the footer shows only what can be done now.
        return rules.get(action, True)

    @on(DataTable.RowHighlighted)
    def _row_moved(self, _event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()

    # actions

    def _run(
        self,
        call: Callable[[], Any],
        done: str | Callable[[Any], str] | None = None,
        *,
        quiet=False,
    ) -> None:
        self._act(call, done, quiet)

    @work(thread=True, group="queue-act")
    def _act(self, call, done, quiet) -> None:
        try:
            result = call()
        except DeskError as exc:
            # The store says what happened; the screen says what it does about it.
            text = f"{exc} Daftar dimuat ulang." if isinstance(exc, ChangedElsewhere) else str(exc)
            self.app.call_from_thread(self.notify, text, title="Tidak dapat", severity="error")
        except Exception as exc:  # noqa: BLE001 - never crash in front of a vendor
            self.app.call_from_thread(
                self.notify, f"Gagal: {describe(exc)}", title="Tidak dapat", severity="error"
            )
        else:
            if done and not quiet:
                text = done(result) if callable(done) else done
                self.app.call_from_thread(self.notify, text)
        self.app.call_from_thread(self.reload)

    def _after_dialog(self, done: str | Callable[[Any], str]) -> Callable[[Any], None]:
        def finished(result: Any) -> None:
            if result is not None:
                self.notify(done(result) if callable(done) else done)
            self.reload()

        return finished

    def action_call_next(self) -> None:
        """Call the next visit in call order to this loket."""
        services = [self.service_filter] if self.service_filter else None

        def done(visit: Visit | None) -> str:
            if visit is None:
                return "Tidak ada yang menunggu."
            return f"{visit.ticket} dipanggil ke loket {self.app.loket}."

        self._run(lambda: self.store.call_next(self.app.staff, self.app.loket, services), done)

    def action_call_selected(self) -> None:
        """Call the selected waiting (or held) visit out of turn."""
        visit = self._selected()
        if visit is None or visit.status not in (VisitStatus.WAITING, VisitStatus.ON_HOLD):
            self.notify("Pilih nomor yang menunggu atau ditahan dulu.", severity="warning")
            return
        self._run(
            lambda: self.store.call(self.app.staff, self.app.loket, visit.id),
            f"{visit.ticket} dipanggil ke loket {self.app.loket}.",
        )

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        """Enter (or a click) on a row only says how to call it: calling takes ``c``."""
        event.stop()
        visit = self._selected()
        if visit is not None and self.check_action("call_selected", ()):
            self.notify(f"Tekan c untuk memanggil {visit.ticket} di luar urutan.")

    def action_recall(self) -> None:
        """Announce this loket's number again."""
        self._run(
            lambda: self.store.recall(self.app.staff, self.app.loket),
            lambda v: f"{v.ticket} dipanggil ulang.",
        )

    def action_start(self) -> None:
        """The called visitor reached the loket."""
        mine = self._mine()
        if mine is not None:
            self._run(lambda: self.store.start(self.app.staff, mine.id))

    def action_survey(self) -> None:
        """Turn the screen to the vendor: the survey of the visit being served (or just served)."""
        from lpse_desk.tui.screens.kiosk import open_kiosk

        open_kiosk(self, self._mine())

    def action_no_show(self) -> None:
        """The called visitor did not come."""
        mine = self._mine()
        if mine is not None:
            minutes = int(self.store.policy.no_show_window.total_seconds() // 60)
            self._run(
                lambda: self.store.no_show(self.app.staff, mine.id),
                f"{mine.ticket} tidak hadir; dapat dipulihkan (p) dalam {minutes} menit.",
            )

    def action_intake(self) -> None:
        """Take in the file of the visit at this loket (KONS: record the consultation)."""
        mine = self._mine()
        if mine is None:
            self.notify("Panggil nomornya dulu.", severity="warning")
            return
        self._open_intake(mine)

    @work(thread=True, exclusive=True, group="queue-intake")
    def _open_intake(self, visit: Visit) -> None:
        try:
            if visit.status is VisitStatus.CALLED:
                visit = self.store.start(self.app.staff, visit.id)
            case = self.app.store.intake.open_case_of_visit(visit.id)
        except DeskError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        except Exception as exc:  # noqa: BLE001 - never crash in front of a vendor
            self.app.call_from_thread(self.notify, f"Gagal: {describe(exc)}", severity="error")
            return
        self.app.call_from_thread(self._show_intake, visit, case)

    def _show_intake(self, visit: Visit, case) -> None:
        from lpse_desk.tui.screens.checklist import ChecklistScreen
        from lpse_desk.tui.screens.intake import IntakeStartScreen

        self.reload()
        service = self.app.store.catalog.services.get(visit.service_code)
        if visit.service_code == "KONS":
            self._consultation(visit)
        elif service is not None and not service.is_open:
            self.notify(f"Layanan {service.code} ditutup: {service.closed_message}",
                        severity="warning", timeout=12)  # fmt: skip
        elif visit.service_code == "LAT":
            self._training(visit)
        elif case is not None:
            title = f"Daftar periksa · {visit.ticket} · {case.service_code}"
            self.app.push_screen(ChecklistScreen(case, title=title))
        else:
            self.app.push_screen(IntakeStartScreen(visit))

    def _consultation(self, visit: Visit) -> None:
        intake, staff = self.app.store.intake, self.app.staff

        def perform(typed: dict[str, str]):
            minutes = typed["minutes"].strip() or "0"
            # isascii: "²" is a digit to isdigit() but not to int(); 4 digits: int() refuses
            # a pasted 5,000-digit number, and no consultation lasts 10,000 minutes.
            if not (minutes.isascii() and minutes.isdigit()) or len(minutes) > 4:
                raise ValidationError("Lama konsultasi diisi angka menit", field="lama")
            intake.record_consultation(
                staff,
                vendor_id=None,
                visit_id=visit.id,
                topic=typed["topic"],
                advice=typed["advice"],
                minutes=int(minutes),
            )  # records the consultation and finishes the visit in one transaction
            return visit

        self.app.push_screen(
            FieldsDialog(
                f"Konsultasi · {visit.ticket}",
                [
                    ("topic", "Topik", "mis. cara unggah dokumen penawaran"),
                    ("advice", "Saran yang diberikan", "ringkas"),
                    ("minutes", "Lama (menit)", "mis. 10"),
                ],
                perform,
            ),
            self._after_dialog(lambda v: f"Konsultasi {v.ticket} dicatat dan selesai."),
        )

    def _training(self, visit: Visit) -> None:
        intake, staff = self.app.store.intake, self.app.staff

        def perform(typed: dict[str, str]):
            intake.record_training_request(
                staff, vendor_id=None, visit_id=visit.id, request=typed["request"]
            )  # records the request and finishes the visit in one transaction
            return visit

        self.app.push_screen(
            FieldsDialog(
                f"Permohonan pelatihan · {visit.ticket}",
                [("request", "Pelatihan yang diminta", "mis. SPSE untuk penyedia baru")],
                perform,
            ),
            self._after_dialog(lambda v: f"Permohonan pelatihan {v.ticket} dicatat."),
        )

    def action_finish(self) -> None:
        """Finish with a required outcome."""
        mine = self._mine()
        if mine is None:
            return
        store, staff = self.store, self.app.staff

        class OutcomeDialog(ChoiceDialog):
            def needs_note(self, choice: str) -> bool:
                return choice in OUTCOMES_NEEDING_NOTE

        self.app.push_screen(
            OutcomeDialog(
                f"Selesaikan {mine.ticket} — hasil layanan",
                list(OUTCOMES.items()),
                lambda outcome, note: store.finish(staff, mine.id, outcome, note),
                help_text="Hasil wajib dipilih. Keterangan wajib untuk 'Lainnya'.",
                note_label="Keterangan (wajib untuk Lainnya)",
            ),
            self._after_dialog(lambda v: f"{v.ticket} selesai."),
        )

    def action_hold(self) -> None:
        """Park the visitor at this loket while they fetch a document."""
        mine = self._mine()
        if mine is None:
            return
        store, staff = self.store, self.app.staff
        self.app.push_screen(
            ChoiceDialog(
                f"Tahan {mine.ticket}",
                [(reason, reason) for reason in HOLD_REASONS],
                lambda choice, note: store.hold(
                    staff, mine.id, note if choice == "__lainnya__" else choice
                ),
                help_text="Saat penyedia kembali, pilih nomornya dan tekan k: ia dipanggil paling depan.",
                other_label="Alasan lain (ketik)",
                note_label="Alasan lain",
            ),
            self._after_dialog(lambda v: f"{v.ticket} ditahan."),
        )

    def action_resume(self) -> None:
        """The selected held visitor is back: front of the queue."""
        visit = self._selected()
        if visit is None or visit.status is not VisitStatus.ON_HOLD:
            self.notify("Pilih nomor yang ditahan dulu.", severity="warning")
            return
        self._run(
            lambda: self.store.resume(self.app.staff, visit.id),
            f"{visit.ticket} kembali ke antrean, paling depan.",
        )

    def action_restore(self) -> None:
        """The selected no-show came after all."""
        visit = self._selected()
        if visit is None or visit.status is not VisitStatus.NO_SHOW:
            self.notify("Pilih nomor yang tidak hadir dulu.", severity="warning")
            return
        self._run(
            lambda: self.store.restore(self.app.staff, visit.id),
            f"{visit.ticket} dipulihkan, paling depan.",
        )

    def action_transfer(self) -> None:
        """Move this loket's visit (or the selected one) to another service."""
        visit = self._mine() or self._selected()
        if visit is None or visit.status in (VisitStatus.NO_SHOW, VisitStatus.DONE):
            self.notify("Pilih nomor yang akan dialihkan dulu.", severity="warning")
            return
        catalog = self.app.store.catalog
        choices = [
            (s.code, f"{s.code} · {s.name}")
            for s in catalog.services.values()
            if s.is_open and s.code != visit.service_code
        ]
        store, staff = self.store, self.app.staff
        self.app.push_screen(
            ChoiceDialog(
                f"Alihkan {visit.ticket} dari {visit.service_code}",
                choices,
                lambda code, note: store.transfer(staff, visit.id, code, note),
                help_text="Nomor dan jam kedatangan tetap; ia antre di layanan baru menurut jam datangnya.",
                note_label="Alasan (opsional)",
            ),
            self._after_dialog(lambda v: f"{v.ticket} dialihkan ke {v.service_code}."),
        )

    def action_cancel(self) -> None:
        """The selected visitor left the queue."""
        visit = self._selected()
        if visit is None or visit.status not in (VisitStatus.WAITING, VisitStatus.ON_HOLD):
            self.notify("Pilih nomor yang menunggu atau ditahan dulu.", severity="warning")
            return
        store, staff = self.store, self.app.staff
        self.app.push_screen(
            ChoiceDialog(
                f"Batalkan {visit.ticket}",
                [("Penyedia pulang", "Penyedia pulang"), ("Nomor ganda", "Nomor ganda")],
                lambda choice, note: store.cancel(
                    staff, visit.id, note if choice == "__lainnya__" else choice
                ),
                other_label="Alasan lain (ketik)",
                note_label="Alasan lain",
            ),
            self._after_dialog(lambda v: f"{v.ticket} dibatalkan."),
        )

    def action_walk_in(self) -> None:
        """A walk-in's ticket in a few keys."""
        store, staff = self.store, self.app.staff
        services = [
            (s.code, f"{s.queue_prefix} · {s.code} · {s.name}")
            for s in self.app.store.catalog.services.values()
            if s.is_open
        ]
        self.app.push_screen(
            WalkInDialog(
                services,
                list(PRIORITIES.items()),
                lambda code, priority, name: store.take(staff, code, name=name, priority=priority),
            ),
            self._after_dialog(lambda v: f"Nomor {v.ticket} ({v.service_code}) diberikan."),
        )

    def action_check_in(self) -> None:
        """A booked visitor checks in by booking code."""
        store, staff = self.store, self.app.staff
        self.app.push_screen(
            FieldsDialog(
                "Check-in booking MPP",
                [("code", "Kode booking", "mis. MPP-260610-0012")],
                lambda typed: store.check_in(staff, typed["code"]),
                help_text="Ketik kode booking dari aplikasi MPP, lalu Enter.",
            ),
            self._after_dialog(
                lambda v: (
                    f"{printable(v.visitor_name)}: nomor {v.ticket} ({v.service_code}), "
                    f"booking {v.booked_for:%H.%M}."
                )
            ),
        )

    def action_filter(self) -> None:
        """Cycle through the services (all, REG, UBAH, …)."""
        codes = [None, *(c.code for c in self.view.per_service)] if self.view else [None]
        index = codes.index(self.service_filter) if self.service_filter in codes else 0
        self.service_filter = codes[(index + 1) % len(codes)]
        self._show_filter()
        if self.view is not None:
            self._fill()

    def action_pause(self) -> None:
        """Pause this loket with a reason, or open it again."""
        state = (
            next((s for s in self.view.lokets if s.number == self.app.loket), None)
            if self.view
            else None
        )
        store, staff, loket = self.store, self.app.staff, self.app.loket
        if state is not None and state.status is not LoketStatus.OPEN:
            self._run(lambda: store.open_loket(staff, loket), f"Loket {loket} dibuka kembali.")
            return
        self.app.push_screen(
            ChoiceDialog(
                f"Jeda loket {loket}",
                [(reason, reason) for reason in PAUSE_REASONS],
                lambda choice, note: store.pause_loket(
                    staff, loket, note if choice == "__lainnya__" else choice
                ),
                help_text="Selama jeda loket ini tidak memanggil. Tekan j lagi untuk membuka.",
                other_label="Alasan lain (ketik)",
                note_label="Alasan lain",
            ),
            self._after_dialog(f"Loket {loket} dijeda."),
        )

    def action_close(self) -> None:
        """Close this loket with a reason."""
        store, staff, loket = self.store, self.app.staff, self.app.loket
        self.app.push_screen(
            ChoiceDialog(
                f"Tutup loket {loket}",
                [(reason, reason) for reason in CLOSE_REASONS],
                lambda choice, note: store.close_loket(
                    staff, loket, note if choice == "__lainnya__" else choice
                ),
                other_label="Alasan lain (ketik)",
                note_label="Alasan lain",
            ),
            self._after_dialog(f"Loket {loket} ditutup."),
        )

    def action_refresh(self) -> None:
        """Re-read the day."""
        self.reload()

    def action_back(self) -> None:
        """Back to the home screen."""
        self.app.pop_screen()
