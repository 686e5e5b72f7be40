"""The verifier's side of a case on the review screen: documents, checks, decisions.

A mixin of ``CaseReviewScreen`` (the keys that decide; ``case_actions`` holds the
counter's side). Each key is a store call (``ActsThenReloads.run_action``) or a dialog
that makes one; the store enforces role, four-eyes and the approval gate.
"""

from __future__ import annotations

from lpse_desk.domain.approval import Approval, approval_of, user_id_replacing, user_id_to_offer
from lpse_desk.domain.notices import Notification
from lpse_desk.domain.privacy import mask_logged_text
from lpse_desk.domain.review import CASE_NOTE_LIMIT, NOTE_LIMIT, REFUSAL_REASON_LABELS
from lpse_desk.domain.textfmt import format_deadline_id, printable
from lpse_desk.tui import safe
from lpse_desk.tui.dialogs.forms import FieldsDialog
from lpse_desk.tui.dialogs.review import ConfirmDialog, NoticeDialog, ReasonDialog
from lpse_desk.tui.fmt import short
from lpse_desk.tui.screens import takeover

REASONS = [(reason.value, label) for reason, label in REFUSAL_REASON_LABELS.items()]
"""The refusal reasons of a document or a case, as (value, label)."""

class CaseDecisions:
    """Accept or reject documents, confirm checks, approve, return, reject, take, release."""

    def _decided(self, decided) -> None:
        """After a decision: reload, then show the message it produced."""
        self.reload()
        if decided is None:
            return
        self.action_tab("notices")
        self.show_notice(decided.notification)

    def show_notice(self, notice: Notification) -> None:
        """The message in a dialog, to copy and to record as sent."""
        review, staff = self.review, self.app.staff
        self.ask(
            NoticeDialog(notice, lambda: review.mark_sent(staff, notice.id)),
            "Pesan dicatat terkirim.",
        )

    # documents and checks

    def action_accept_document(self) -> None:
        """Accept the selected document. Like every decision key (and the checklist's), the
        cursor stays on the row decided: arrows move (README, "Tombol")."""
        document = self._selected_document()
        if document is not None:
            review, staff, case_id = self.review, self.app.staff, self.case_id
            self.run_action(
                lambda: review.accept_document(staff, case_id, document.requirement_id),
                f"Diterima: {short(document.name, 60)}",
            )

    def action_reject_document(self) -> None:
        """Reject the selected document with a reason and a note."""
        document = self._selected_document()
        if document is None:
            return
        review, staff, case_id = self.review, self.app.staff, self.case_id
        self.ask(
            ReasonDialog(
                safe.plain(f"Tolak dokumen: {short(document.name, 56)}"),
                REASONS,
                lambda reason, note: review.reject_document(
                    staff, case_id, document.requirement_id, reason=reason, note=note
                ),
                help_text="Pilih alasan (angka atau panah), lalu tulis yang salah dan Enter.",
                note_label="Catatan (mis. foto KTP buram, NPWP berbeda dengan NIB)",
                note_limit=NOTE_LIMIT,
            ),
            lambda d: f"Ditolak: {mask_logged_text(d.problem_text)}",
        )

    def action_confirm_check(self) -> None:
        """Confirm the selected consistency check."""
        self._check(True)

    def action_withdraw_check(self) -> None:
        """Withdraw the confirmation of the selected check."""
        self._check(False)

    def _check(self, confirmed: bool) -> None:
        check = self._selected_check()
        if check is None:
            return
        review, staff, case_id = self.review, self.app.staff, self.case_id
        self.run_action(
            lambda: review.confirm_check(staff, case_id, check.code, confirmed=confirmed),
            ("Dikonfirmasi: " if confirmed else "Konfirmasi dibatalkan: ") + check.label,
        )

    # decisions

    def action_approve(self) -> None:
        """Approve: REG activates (user ID prefilled), UID gives the user ID, UBAH applies."""
        file = self.file
        if file is None:
            return
        review, staff, case_id = self.review, self.app.staff, self.case_id
        code = file.case.service_code
        approval = approval_of(code)
        if approval is Approval.APPLY_CHANGES:
            # One line per change: a newline inside a value must not forge another one.
            changes = "\n".join(f"  • {printable(change.text)}" for change in file.changes)
            # Approve exactly the changes shown: refused if they changed since.
            shown = [(change.id, change.field, change.new_value) for change in file.changes]
            self.app.push_screen(
                ConfirmDialog(
                    f"Setujui kasus #{case_id} (UBAH)",
                    safe.message(
                        "Perubahan yang diterapkan pada data penyedia (nilai lama disimpan di "
                        f"kasus):\n{changes}"
                    ),
                    lambda: review.approve(staff, case_id, changes_seen=shown),
                    yes="setujui",
                ),
                self._decided,
            )
            return
        if approval is Approval.CONFIRM:
            self.app.push_screen(
                ConfirmDialog(
                    f"Setujui kasus #{case_id} ({code})",
                    "Kasus ditutup sebagai disetujui; data penyedia tidak berubah.",
                    lambda: review.approve(staff, case_id),
                    yes="setujui",
                ),
                self._decided,
            )
            return
        if approval is Approval.ACTIVATE_ACCOUNT:
            label = "User ID SPSE yang diaktifkan"
            help_text = "Akun SPSE penyedia diaktifkan; user ID terisi dari data penyedia."
        else:
            label = "User ID SPSE yang diberikan kepada penyedia (wajib)"
            help_text = "Tulis user ID dari SPSE; dikirim ke penyedia lewat helpdesk."
        on_record = file.vendor.spse_user_id if file.vendor else None
        dialog = FieldsDialog(
            f"Setujui kasus #{case_id} ({code})",
            [("user_id", label, "mis. sinarpakuan")],
            lambda typed: review.approve(staff, case_id, user_id=typed["user_id"]),
            help_text=help_text,
            initial={"user_id": user_id_to_offer(approval, on_record)},
            warn=lambda typed: user_id_replacing(approval, typed["user_id"], on_record),
            yes="setujui",
        )
        self.app.push_screen(dialog, self._decided)

    def action_return_case(self) -> None:
        """Return to the vendor with what to fix; the clock pauses."""
        file = self.file
        rejected = [mask_logged_text(d.problem_text) for d in file.documents if d.problem_text]
        listed = "\n".join(f"  • {printable(short(p, 80))}" for p in rejected) or "  (tidak ada)"
        review, staff, case_id = self.review, self.app.staff, self.case_id
        self.app.push_screen(
            FieldsDialog(
                f"Kembalikan kasus #{case_id} ke penyedia",
                [
                    (
                        "note",
                        "Yang harus diperbaiki penyedia (wajib bila tidak ada dokumen ditolak)",
                        "mis. lampirkan Akta perubahan terakhir",
                    )
                ],  # fmt: skip
                lambda typed: review.return_to_vendor(staff, case_id, note=typed["note"]),
                limits={"note": CASE_NOTE_LIMIT},
                help_text=safe.message(
                    f"Dokumen ditolak yang ikut disebut dalam pesan:\n{listed}"
                    "\nJam kasus berhenti sampai berkas perbaikan datang."
                ),
                yes="kembalikan",
            ),
            self._decided,
        )

    def action_reject_case(self) -> None:
        """Reject the whole case with a reason and a note; it is closed."""
        review, staff, case_id = self.review, self.app.staff, self.case_id
        seen = self.file.case.status  # refused if a colleague moved the case meanwhile
        self.app.push_screen(
            ReasonDialog(
                f"Tolak kasus #{case_id} (ditutup)",
                REASONS,
                lambda reason, note: review.reject(
                    staff, case_id, reason=reason, note=note, seen=seen
                ),
                help_text="Kasus ditutup dan tidak dapat dibuka lagi; penyedia dapat mengajukan "
                "permohonan baru. Tulis apa tepatnya yang salah.",
                note_label="Catatan untuk penyedia (wajib)",
                note_limit=CASE_NOTE_LIMIT,
            ),
            self._decided,
        )

    def action_resume(self) -> None:
        """The vendor brought the fixes: back to the verifiers with a new deadline."""
        review, staff, case_id = self.review, self.app.staff, self.case_id
        self.ask(
            FieldsDialog(
                f"Lanjutkan kasus #{case_id}: berkas perbaikan diterima",
                [("note", "Catatan (opsional)", "mis. Akta perubahan diterima lewat helpdesk")],
                lambda typed: review.resume(staff, case_id, note=typed["note"]),
                help_text="Tenggat baru = sekarang + sisa waktu kerja saat dikembalikan. "
                "Dokumen yang ditolak diperiksa ulang, dan pemeriksaan silang dikonfirmasi "
                "ulang (dokumennya mungkin sudah diganti).",
                yes="lanjutkan",
            ),
            lambda case: (
                f"Kasus #{case.id} dilanjutkan; tenggat baru {format_deadline_id(case.due_at)}."
            ),  # fmt: skip
        )

    def action_take(self) -> None:
        """I take this case; a colleague's only after saying so (``takeover``)."""
        file = self.file
        if file is not None:
            takeover.take(self, self.case_id, file.assigned_to, file.assigned_name)

    def action_release(self) -> None:
        """I release this case."""
        review, staff, case_id = self.review, self.app.staff, self.case_id
        self.run_action(lambda: review.assign(staff, case_id, None), f"Kasus #{case_id} dilepas.")
