"""The counter's side of a case on the review screen: UBAH changes, daring calls, messages.

A mixin of ``CaseReviewScreen``: these keys are not decisions, so counter officers use
them too (any staff may record a requested change or a message's sending; the video
calls are for petugas loket and admin, DOMAIN.md §1-2). The store enforces each rule.
"""

from __future__ import annotations

from textual.widgets import DataTable

from lpse_desk.domain.clock import today_wib
from lpse_desk.domain.daring import VideoCall, require_due
from lpse_desk.domain.errors import Conflict
from lpse_desk.domain.outcome import CHANGEABLE_FIELDS, CaseChange, change_value_warnings
from lpse_desk.tui.dialogs.details import DetailsDialog
from lpse_desk.tui.dialogs.forms import FieldsDialog
from lpse_desk.tui.dialogs.review import CallDialog, ChangeDialog
from lpse_desk.tui.fmt import dmy, hhmm
from lpse_desk.tui.screens import case_details as details


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.replace("\n", ";").split(";") if item.strip()]


class CaseSideActions:
    """UBAH changes, daring video calls and helpdesk messages of the open case."""

    # reading a row whole

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a document, a requested change or a history row: the row whole (the tab
        cuts it to the screen's width; a verifier has no audit screen to read it in)."""
        file, key = self.file, event.row_key.value
        table = event.data_table.id
        if file is None or table not in ("docs-table", "changes-table", "events-table"):
            return
        event.stop()
        if table == "docs-table":
            found = next((d for d in file.documents if d.requirement_id == key), None)
            if found is not None:
                self.app.push_screen(DetailsDialog("Dokumen", details.document_details(found)))
            return
        if table == "changes-table":
            change = next((c for c in file.changes if c.field == key), None)
            if change is not None:
                self.app.push_screen(DetailsDialog("Perubahan data", details.change_details(change)))
            return
        found = next((e for e in file.events if str(e.id) == key), None)
        if found is not None:
            self.app.push_screen(DetailsDialog(f"Riwayat #{found.id}", details.event_details(found)))

    # UBAH changes

    def action_request_change(self) -> None:
        """Record a change the UBAH request asks for (field and new value)."""
        review, staff, case_id = self.review, self.app.staff, self.case_id
        typed: dict[str, str] = {}

        def request(field: str, value: str) -> CaseChange:
            typed["value"] = value  # warned about as typed (a 15-digit NPWP's 9th digit)
            return review.request_change(staff, case_id, field, value)

        self.ask(
            ChangeDialog(
                f"Perubahan data kasus #{case_id}",
                list(CHANGEABLE_FIELDS.items()),
                request,
                help_text="Pilih data yang diubah, lalu tulis nilai barunya. Nilai lama diambil "
                "dari data penyedia dan disimpan di kasus.",
                note_label="Nilai baru",
            ),
            lambda change: self._recorded_change(change, typed.get("value", change.new_value)),
        )

    def _recorded_change(self, change: CaseChange, typed: str) -> str:
        """What is said after a change is recorded, with what to check again in the value
        as typed (recorded all the same: a soft rule)."""
        today = today_wib(self.app.clock)
        for warning in change_value_warnings(change.field, typed, today=today):
            self.notify(f"{change.label}: {warning}", title="Periksa kembali",
                        severity="warning", timeout=15)  # fmt: skip
        return f"Dicatat: {change.text}"

    def action_withdraw_change(self) -> None:
        """Drop the selected requested change."""
        change = self._selected_change()
        if change is not None:
            review, staff, case_id = self.review, self.app.staff, self.case_id
            self.run_action(lambda: review.withdraw_change(staff, case_id, change.field),
                      f"Perubahan {change.label} dihapus.")  # fmt: skip

    # daring video calls

    def _next_working_day(self) -> str:
        calendar = self.app.store.calendar
        day = calendar.next_working_day(today_wib(self.app.clock))
        return dmy(day)

    def action_schedule_call(self) -> None:
        """Schedule the video call of this daring case."""
        review, staff, case_id = self.review, self.app.staff, self.case_id
        self.ask(
            CallDialog(
                f"Jadwalkan panggilan video · kasus #{case_id}",
                lambda moment, channel, detail, _note: review.schedule_call(
                    staff, case_id, when=moment, channel=channel, detail=detail
                ),
                help_text="Verifikasi dokumen asli bersama direktur lewat video; hari kerja.",
                day=self._next_working_day(),
            ),
            lambda call: f"Panggilan video #{call.id}: {call.when_text}.",
        )

    def _not_due(self, call: VideoCall, *, held: bool) -> bool:
        """Whether the call's time has not come for this record: said at once, before the
        officer fills a form the store would refuse (the store checks it again)."""
        try:
            require_due(call, self.app.clock.now(), held=held)
        except Conflict as exc:
            self.notify(str(exc), title="Belum bisa", severity="warning", markup=False)
            return True
        return False

    def action_hold_call(self) -> None:
        """The selected call took place: who attended and the evidence."""
        call = self._selected_call()
        if call is None or self._not_due(call, held=True):
            return
        review, staff = self.review, self.app.staff
        self.ask(
            FieldsDialog(
                f"Panggilan video #{call.id} selesai",
                [
                    (
                        "attendees",
                        "Yang hadir (pisahkan dengan ;)",
                        "mis. Hendra Gunawan (direktur)",
                    ),
                    (
                        "evidence",
                        "Bukti (pisahkan dengan ;)",
                        "mis. rekaman zoom-0610.mp4; foto-ktp.jpg",
                    ),
                    ("note", "Catatan (opsional)", ""),
                ],  # fmt: skip
                lambda typed: review.hold_call(
                    staff,
                    call.id,
                    attendees=_items(typed["attendees"]),
                    evidence=_items(typed["evidence"]),
                    note=typed["note"],
                ),  # fmt: skip
            ),
            lambda held: f"Panggilan video #{held.id} selesai dicatat.",
        )

    def action_miss_call(self) -> None:
        """The selected call was missed: it stays listed, and a new one is scheduled."""
        call = self._selected_call()
        if call is None or self._not_due(call, held=False):
            return
        review, staff = self.review, self.app.staff
        self.ask(
            CallDialog(
                f"Panggilan #{call.id} terlewat: jadwal ulang",
                lambda moment, channel, detail, note: review.miss_call(
                    staff, call.id, new_time=moment, note=note, channel=channel, detail=detail
                ),
                help_text="Panggilan yang terlewat tetap tercatat; ini jadwal penggantinya.",
                day=self._next_working_day(),
                time=hhmm(call.scheduled_for),
                channel=call.channel,
                detail=call.detail,
                note_label="Mengapa terlewat? (opsional)",
            ),
            lambda calls: f"Dijadwalkan ulang: #{calls[1].id} {calls[1].when_text}.",
        )

    # messages

    def action_mark_sent(self) -> None:
        """Record that the selected message was sent through the helpdesk."""
        notice = self._selected_notice()
        if notice is not None:
            review, staff = self.review, self.app.staff
            self.run_action(lambda: review.mark_sent(staff, notice.id),
                      f"Pesan #{notice.id} dicatat terkirim.")  # fmt: skip

    def action_copy_notice(self) -> None:
        """Copy the selected message's text."""
        notice = self._selected_notice()
        if notice is not None:
            self.app.copy_to_clipboard(notice.message)
            self.notify("Teks pesan disalin; tempel di balasan helpdesk.")
