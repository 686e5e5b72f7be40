"""How a checklist ends: the tanda terima for a complete file, the slip (or a hold) for an
incomplete one.

A mixin of ``ChecklistScreen``. The receipt is confirmed against the checklist as stored
now (another desk may have unticked something), then issued, printed and handed off.
"""

from __future__ import annotations

from typing import Any

from lpse_desk.domain.catalog import Service
from lpse_desk.domain.entities import Vendor
from lpse_desk.domain.errors import DeskError
from lpse_desk.domain.intake import ChecklistLine, missing
from lpse_desk.domain.queue.rules import HOLD_REASONS
from lpse_desk.tui import work
from lpse_desk.tui.dialogs.choice import ChoiceDialog
from lpse_desk.tui.dialogs.receipt_confirm import ReceiptConfirmDialog
from lpse_desk.tui.work import Done, Job, NotDone

CONFIRM: Job[Any] = Job("checklist-confirm")
"""What the receipt's confirmation names: vendor, service, the checklist (complete)."""
ISSUE: Job[Any] = Job("checklist-issue")
"""The tanda terima (or the slip) issued and sent to the printer."""


class ChecklistOutcome:
    """ctrl+s (tanda terima) and b (belum lengkap) of the checklist."""

    def action_finish(self) -> None:
        """Complete file: confirm whose file it is, then tanda terima, print, hand off."""
        if self.busy:
            return
        self.busy = True
        self._confirm_work()

    def _confirm_work(self) -> None:
        """Read what the confirmation names (the vendor, the checklist as stored now)."""
        store, case = self.app.store, self.case

        def read() -> tuple[Vendor | None, Service, list[ChecklistLine]]:
            vendor = store.vendors.get(case.vendor_id) if case.vendor_id else None
            service = store.catalog.service(case.service_code)
            lines = store.intake.lines(case.id)
            if missing(lines):  # another desk unticked something meanwhile: no confirmation
                names = "; ".join(line.requirement.name for line in missing(lines))
                raise DeskError(f"Berkas belum lengkap: {names}")
            return vendor, service, lines

        work.act(self, CONFIRM, read, group="checklist-issue", exclusive=True)

    def on_work_done(self, message: Done[Any]) -> None:
        """Ask to confirm the receipt, or show the issued paper."""
        if message.job is CONFIRM:
            vendor, service, lines = message.result
            self._ask(
                ReceiptConfirmDialog(
                    vendor_name=vendor.name if vendor else "(penyedia belum dipilih)",
                    service_code=service.code,
                    service_name=service.name,
                    received=sum(line.complete for line in lines),
                    listed=len(lines),
                )
            )
        elif message.job is ISSUE:
            self._issued(*message.result)

    def on_work_refused(self, message: NotDone) -> None:
        """The store refused the receipt (or the slip), or broke: never crash in front of a
        vendor."""
        if message.job is CONFIRM:
            self._refused(message.said(failed="Gagal membaca berkas"))
        elif message.job is ISSUE:
            self._refused(message.said(failed="Gagal menerbitkan"))

    on_work_failed = on_work_refused

    def _ask(self, dialog: ReceiptConfirmDialog) -> None:
        self.busy = False
        self.app.push_screen(dialog, self._confirmed)

    def _confirmed(self, confirmed: bool | None) -> None:
        if confirmed:
            self._issue(slip=False)

    def action_incomplete(self) -> None:
        """Incomplete file: hold the visit, or print the slip and close."""
        choices = [("slip", "Cetak slip berkas belum lengkap dan tutup kunjungan")]
        if self.case.visit_id is not None:
            choices.insert(
                0, ("tahan", "Tahan antrian: penyedia melengkapi, lalu kembali ke depan")
            )
        desk, staff, case_id = self.desk, self.app.staff, self.case.id

        def perform(choice: str, _note: str) -> str:
            if choice == "tahan":
                desk.hold_for_documents(staff, case_id, HOLD_REASONS[0])
            return choice

        def after(choice: str | None) -> None:
            if choice == "tahan":
                self.notify("Kunjungan ditahan; daftar periksa tetap tersimpan.")
                self.app.pop_screen()
            elif choice == "slip":
                self._issue(slip=True)

        self.app.push_screen(ChoiceDialog("Berkas belum lengkap", choices, perform), after)

    def _issue(self, *, slip: bool) -> None:
        if self.busy:
            return
        self.busy = True
        self._issue_work(slip)

    def _issue_work(self, slip: bool) -> None:
        store, staff, case_id, loket = self.app.store, self.app.staff, self.case.id, self.app.loket
        printer = self.app.settings.printer

        def issue_and_print():
            # Deferred: the printing module (and what it loads) only when a paper is issued.
            from lpse_desk.receipts.printing import print_pdf

            issue = store.intake.issue_slip if slip else store.intake.finish
            issued = issue(staff, case_id, loket=loket)
            return issued, print_pdf(issued.path, printer).message

        work.act(self, ISSUE, issue_and_print, group="checklist-issue", exclusive=True)

    def _refused(self, message: str) -> None:
        self.busy = False
        self.notify(message, title="Tidak dapat", severity="error")
        self.reload()

    def _issued(self, issued, printed: str) -> None:
        what = "Tanda terima" if issued.kind == "tanda_terima" else "Slip belum lengkap"
        self.notify(f"{what} {issued.number}. {printed}", timeout=12)
        self.app.start_auto_backup(login=False)
        self.app.pop_screen()
