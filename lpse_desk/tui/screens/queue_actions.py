"""The queue screen's keys: each is a store call in a worker, or a dialog that makes one.

A mixin of ``QueueScreen``. A direct call runs through ``ActsThenReloads`` (a worker,
then a notification and a reload); a dialog runs its own call and stays open on a
refusal; when it closes with a result the screen says so and reloads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from lpse_desk.domain.counter import Intake, consultation_minutes, intake_for
from lpse_desk.domain.entities import Case, Visit, VisitStatus
from lpse_desk.domain.errors import ChangedElsewhere
from lpse_desk.domain.queue.rules import (
    CLOSE_REASONS,
    HOLD_REASONS,
    OUTCOMES,
    PAUSE_REASONS,
    PRIORITIES,
    REASON_LIMIT,
)
from lpse_desk.domain.textfmt import printable
from lpse_desk.tui import work
from lpse_desk.tui.dialogs.choice import ChoiceDialog
from lpse_desk.tui.dialogs.forms import OTHER, FieldsDialog, Shown
from lpse_desk.tui.dialogs.queue import OutcomeDialog, WalkInDialog
from lpse_desk.tui.fmt import hhmm
from lpse_desk.tui.screens.acting import ActsThenReloads, Said
from lpse_desk.tui.work import Job, Refused

INTAKE: Job[tuple[Visit, Case | None, bool]] = Job("queue-intake")
"""Start serving (if only called) and find the visit's open case, before taking in its file."""


class QueueActions(ActsThenReloads):
    """Call, serve, hold, transfer, register, pause: the counter's keys on the queue."""

    ACTION_GROUP = "queue-act"

    def refusal_text(self, message: Refused) -> str:
        """The store says what happened; the screen says what it does about it."""
        if isinstance(message.error, ChangedElsewhere):
            return f"{message.reason} Daftar dimuat ulang."
        return message.reason

    def _ask_reason(
        self,
        title: Shown,
        reasons: Sequence[str],
        perform: Callable[[str], Any],
        done: Said,
        *,
        help_text: Shown = "",
    ) -> None:
        """A reason from the list or typed ("Alasan lain"), then the store call with it."""
        self.ask(
            ChoiceDialog(
                title,
                [(reason, reason) for reason in reasons],
                lambda choice, note: perform(note if choice == OTHER else choice),
                help_text=help_text,
                other_label="Alasan lain (ketik)",
                note_label="Alasan lain",
                note_limit=REASON_LIMIT,  # as the store takes it: a longer one is not typed
            ),
            done,
        )

    def _pick(self, statuses: tuple[VisitStatus, ...], refusal: str) -> Visit | None:
        """The selected visit if it is in one of ``statuses``; else say ``refusal``."""
        visit = self._selected()
        if visit is None or visit.status not in statuses:
            self.notify(refusal, severity="warning")
            return None
        return visit

    def action_call_next(self) -> None:
        """Call the next visit in call order to this loket."""
        services = [self.service_filter] if self.service_filter else None

        def done(visit: Visit | None) -> str:
            if visit is None:
                return "Tidak ada yang menunggu."
            return f"{visit.ticket} dipanggil ke loket {self.app.loket}."

        self.run_action(
            lambda: self.store.call_next(self.app.staff, self.app.loket, services), done
        )

    def action_call_selected(self) -> None:
        """Call the selected waiting (or held) visit out of turn."""
        visit = self._pick(
            (VisitStatus.WAITING, VisitStatus.ON_HOLD),
            "Pilih nomor yang menunggu atau ditahan dulu.",
        )
        if visit is not None:
            self.run_action(
                lambda: self.store.call(self.app.staff, self.app.loket, visit.id),
                f"{visit.ticket} dipanggil ke loket {self.app.loket}.",
            )

    def action_recall(self) -> None:
        """Announce this loket's number again."""
        self.run_action(
            lambda: self.store.recall(self.app.staff, self.app.loket),
            lambda v: f"{v.ticket} dipanggil ulang.",
        )

    def action_start(self) -> None:
        """The called visitor reached the loket."""
        mine = self._mine()
        if mine is not None:
            self.run_action(lambda: self.store.start(self.app.staff, mine.id))

    def action_survey(self) -> None:
        """Turn the screen to the vendor: the survey of the visit being served (or just served)."""
        self.open_kiosk(self._mine())

    def action_no_show(self) -> None:
        """The called visitor did not come."""
        mine = self._mine()
        if mine is not None:
            minutes = int(self.store.policy.no_show_window.total_seconds() // 60)
            self.run_action(
                lambda: self.store.no_show(self.app.staff, mine.id),
                f"{mine.ticket} tidak hadir; dapat dipulihkan (p) dalam {minutes} menit.",
            )

    # taking in the file

    def action_intake(self) -> None:
        """Take in the file of the visit at this loket (KONS: record the consultation)."""
        mine = self._mine()
        if mine is None:
            self.notify("Panggil nomornya dulu.", severity="warning")
            return
        store, staff = self.app.store, self.app.staff

        def open_case() -> tuple[Visit, Case | None, bool]:
            visit, started = mine, mine.status is VisitStatus.CALLED
            if started:  # the file is in hand: the vendor is at the loket
                visit = store.queue.start(staff, visit.id)
            return visit, store.intake.open_case_of_visit(visit.id), started

        work.act(self, INTAKE, open_case, group="queue-intake", exclusive=True)

    def _show_intake(self, visit: Visit, case: Case | None, started: bool) -> None:
        from lpse_desk.tui.screens.checklist import ChecklistScreen
        from lpse_desk.tui.screens.intake import IntakeStartScreen

        self.reload()
        if started:  # said: the card that shows it is under the intake screen now
            self.notify(f"{visit.ticket} mulai dilayani.", markup=False)
        service = self.app.store.catalog.services.get(visit.service_code)
        route = intake_for(visit.service_code, service, has_case=case is not None)
        if route is Intake.CONSULTATION:
            self._consultation(visit)
        elif route is Intake.CLOSED:
            self.notify(f"Layanan {service.code} ditutup: {service.closed_message}",
                        severity="warning", timeout=12)  # fmt: skip
        elif route is Intake.TRAINING:
            self._training(visit)
        elif route is Intake.CHECKLIST:
            title = f"Daftar periksa · {visit.ticket} · {case.service_code}"
            self.app.push_screen(ChecklistScreen(case, title=title))
        else:
            self.app.push_screen(IntakeStartScreen(visit))

    def _consultation(self, visit: Visit) -> None:
        intake, staff = self.app.store.intake, self.app.staff

        def perform(typed: dict[str, str]) -> Visit:
            minutes = consultation_minutes(typed["minutes"])
            intake.record_consultation(
                staff,
                vendor_id=None,
                visit_id=visit.id,
                topic=typed["topic"],
                advice=typed["advice"],
                minutes=minutes,
            )  # records the consultation and finishes the visit in one transaction
            return visit

        self.ask(
            FieldsDialog(
                f"Konsultasi · {visit.ticket}",
                [
                    ("topic", "Topik", "mis. cara unggah dokumen penawaran"),
                    ("advice", "Saran yang diberikan", "ringkas"),
                    ("minutes", "Lama (menit)", "mis. 10"),
                ],
                perform,
            ),
            lambda v: f"Konsultasi {v.ticket} dicatat dan selesai.",
        )

    def _training(self, visit: Visit) -> None:
        intake, staff = self.app.store.intake, self.app.staff

        def perform(typed: dict[str, str]) -> Visit:
            intake.record_training_request(
                staff, vendor_id=None, visit_id=visit.id, request=typed["request"]
            )  # records the request and finishes the visit in one transaction
            return visit

        self.ask(
            FieldsDialog(
                f"Permohonan pelatihan · {visit.ticket}",
                [("request", "Pelatihan yang diminta", "mis. SPSE untuk penyedia baru")],
                perform,
            ),
            lambda v: f"Permohonan pelatihan {v.ticket} dicatat.",
        )

    # finishing, holding, moving

    def action_finish(self) -> None:
        """Finish with a required outcome."""
        mine = self._mine()
        if mine is None:
            return
        store, staff = self.store, self.app.staff
        self.ask(
            OutcomeDialog(
                f"Selesaikan {mine.ticket} — hasil layanan",
                list(OUTCOMES.items()),
                lambda outcome, note: store.finish(staff, mine.id, outcome, note),
                help_text="Hasil wajib dipilih. Keterangan wajib untuk 'Lainnya'.",
                note_label="Keterangan (wajib untuk Lainnya)",
            ),
            lambda v: f"{v.ticket} selesai.",
        )

    def action_hold(self) -> None:
        """Park the visitor at this loket while they fetch a document."""
        mine = self._mine()
        if mine is None:
            return
        store, staff = self.store, self.app.staff
        self._ask_reason(
            f"Tahan {mine.ticket}",
            HOLD_REASONS,
            lambda reason: store.hold(staff, mine.id, reason),
            lambda v: f"{v.ticket} ditahan.",
            help_text="Saat penyedia kembali, pilih nomornya dan tekan k: ia dipanggil paling depan.",
        )

    def action_resume(self) -> None:
        """The selected held visitor is back: front of the queue."""
        visit = self._pick((VisitStatus.ON_HOLD,), "Pilih nomor yang ditahan dulu.")
        if visit is not None:
            self.run_action(
                lambda: self.store.resume(self.app.staff, visit.id),
                f"{visit.ticket} kembali ke antrian, paling depan.",
            )

    def action_restore(self) -> None:
        """The selected no-show came after all."""
        visit = self._pick((VisitStatus.NO_SHOW,), "Pilih nomor yang tidak hadir dulu.")
        if visit is not None:
            self.run_action(
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
        self.ask(
            ChoiceDialog(
                f"Alihkan {visit.ticket} dari {visit.service_code}",
                choices,
                lambda code, note: store.transfer(staff, visit.id, code, note),
                help_text="Nomor dan jam kedatangan tetap; ia antre di layanan baru menurut jam datangnya.",
                note_label="Alasan (opsional)",
                note_limit=REASON_LIMIT,
            ),
            lambda v: f"{v.ticket} dialihkan ke {v.service_code}.",
        )

    def action_cancel(self) -> None:
        """The selected visitor left the queue."""
        visit = self._pick(
            (VisitStatus.WAITING, VisitStatus.ON_HOLD),
            "Pilih nomor yang menunggu atau ditahan dulu.",
        )
        if visit is None:
            return
        store, staff = self.store, self.app.staff
        self._ask_reason(
            f"Batalkan {visit.ticket}",
            ("Penyedia pulang", "Nomor ganda"),
            lambda reason: store.cancel(staff, visit.id, reason),
            lambda v: f"{v.ticket} dibatalkan.",
        )

    # registering

    def action_walk_in(self) -> None:
        """A walk-in's ticket in a few keys."""
        store, staff = self.store, self.app.staff
        services = [
            (s.code, f"{s.queue_prefix} · {s.code} · {s.name}")
            for s in self.app.store.catalog.services.values()
            if s.is_open
        ]
        self.ask(
            WalkInDialog(
                services,
                list(PRIORITIES.items()),
                lambda code, priority, name: store.take(staff, code, name=name, priority=priority),
            ),
            lambda v: f"Nomor {v.ticket} ({v.service_code}) diberikan.",
        )

    def action_check_in(self) -> None:
        """A booked visitor checks in by booking code."""
        store, staff = self.store, self.app.staff
        self.ask(
            FieldsDialog(
                "Check-in booking MPP",
                [("code", "Kode booking", "mis. MPP-260610-0012")],
                lambda typed: store.check_in(staff, typed["code"]),
                help_text="Ketik kode booking dari aplikasi MPP, lalu Enter.",
                yes="check-in",
            ),
            lambda v: (
                f"{printable(v.visitor_name)}: nomor {v.ticket} ({v.service_code}), "
                f"booking {hhmm(v.booked_for)}."
            ),
        )

    # the loket

    def action_pause(self) -> None:
        """Pause this open loket with a reason (``j`` on a paused or closed one is
        ``action_reopen``: the screen offers one of the two)."""
        store, staff, loket = self.store, self.app.staff, self.app.loket
        self._ask_reason(
            f"Jeda loket {loket}",
            PAUSE_REASONS,
            lambda reason: store.pause_loket(staff, loket, reason),
            f"Loket {loket} dijeda.",
            help_text="Selama jeda loket ini tidak memanggil. Tekan j lagi untuk membuka.",
        )

    def action_reopen(self) -> None:
        """Open this paused or closed loket again."""
        store, staff, loket = self.store, self.app.staff, self.app.loket
        self.run_action(lambda: store.open_loket(staff, loket), f"Loket {loket} dibuka kembali.")

    def action_close(self) -> None:
        """Close this loket with a reason."""
        store, staff, loket = self.store, self.app.staff, self.app.loket
        self._ask_reason(
            f"Tutup loket {loket}",
            CLOSE_REASONS,
            lambda reason: store.close_loket(staff, loket, reason),
            f"Loket {loket} ditutup.",
        )
