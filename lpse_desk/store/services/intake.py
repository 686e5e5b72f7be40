"""``IntakeDesk``: what the intake screen and the receipt commands ask of the store.

Receipts are drawn by ``lpse_desk.receipts`` (ReportLab), which sits above the store:
whoever opens the store passes its ``render_receipt`` and ``signed_summary_of_pdf``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from lpse_desk.domain.access import Act
from lpse_desk.domain.actors import Who, staff_id_of
from lpse_desk.domain.clock import today_wib
from lpse_desk.domain.entities import Case
from lpse_desk.domain.errors import Conflict
from lpse_desk.domain.intake import (
    ChecklistLine,
    check_consultation,
    check_expiry,
    check_note,
    check_training_request,
    missing,
)
from lpse_desk.domain.receipt import sign_receipt
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.faults import file_fault
from lpse_desk.store.queries import access, intake, lightcases, meta, receipts, serving, tickets
from lpse_desk.store.services.receiptfiles import receipt_number_of
from lpse_desk.store.services.receipts import ReceiptDesk


class IntakeDesk(ReceiptDesk):
    """Cases from the counter to the verifiers; their receipts are ``ReceiptDesk``'s."""

    # the case and its checklist

    def start(
        self,
        who: Who,
        *,
        service_code: str,
        vendor_id: int,
        vendor_type: str,
        bearer_is_director: bool = True,
        bearer_name: str | None = None,
        construction: bool = False,
        visit_id: int | None = None,
        helpdesk_request_no: str | None = None,
    ) -> Case:
        """Open (or reopen, for the same visit) the case with its checklist and ticket."""
        return self._act(intake.open_intake, who, Act.INTAKE, catalog=self.catalog,
            service_code=service_code, vendor_id=vendor_id, vendor_type=vendor_type,
            bearer_is_director=bearer_is_director, bearer_name=bearer_name,
            construction=construction, visit_id=visit_id,
            helpdesk_request_no=helpdesk_request_no, officer_id=staff_id_of(who))  # fmt: skip

    def open_case_of_visit(self, visit_id: int) -> Case | None:
        """The case in intake for this visit, if one was started (e.g. before a hold)."""
        return self._read(intake.case_in_intake, visit_id=visit_id)

    def lines(self, case_id: int) -> list[ChecklistLine]:
        """The checklist with each item's requirement."""
        return self._read(intake.checklist_lines, catalog=self.catalog, case_id=case_id)

    def tick(
        self,
        who: Who,
        case_id: int,
        requirement_id: str,
        *,
        original_shown: bool,
        copy_received: bool,
        expiry: str = "",
        note: str = "",
        clear_meterai: bool = False,
    ) -> ChecklistLine:
        """Record one document; an expired date, an over-long note or a contradiction is refused.

        ``clear_meterai``: the officer confirmed that the meterai marked invalid is now valid.
        """
        expiry_date = check_expiry(expiry, today=today_wib(self.clock))
        cleaned = check_note(note)
        return self._act(intake.record_tick, who, Act.INTAKE, catalog=self.catalog,
            case_id=case_id, requirement_id=requirement_id, original_shown=original_shown,
            copy_received=copy_received, expiry_date=expiry_date, note=cleaned,
            clear_meterai=clear_meterai)  # fmt: skip

    def mark_meterai(
        self, who: Who, case_id: int, requirement_id: str, *, invalid: bool
    ) -> ChecklistLine:
        """Mark (or clear) "meterai tidak sah": the document stays missing while marked."""
        return self._act(intake.mark_meterai, who, Act.INTAKE, catalog=self.catalog,
            case_id=case_id, requirement_id=requirement_id, invalid=invalid)  # fmt: skip

    def tick_all_originals(self, who: Who, case_id: int) -> int:
        """Tick "asli" on every item whose original is required; how many.

        Items marked "meterai tidak sah" are left as they are. Daring: the originals are
        linked to the held video call (refused when none was held).
        """
        now = self.clock.now()
        with write_session(self.engine) as session:
            actor = access.actor(session, who, Act.INTAKE)
            intake.require_intake(session=session, case_id=case_id)
            lines = intake.checklist_lines(session=session, catalog=self.catalog, case_id=case_id)
            changed = 0
            for line in lines:
                check = line.check
                if check.meterai_invalid or not line.requirement.original_required:
                    continue
                if check.original_shown:
                    continue
                intake.record_tick(
                    session=session,
                    catalog=self.catalog,
                    case_id=case_id,
                    requirement_id=line.requirement.id,
                    original_shown=True,
                    copy_received=check.copy_received,
                    expiry_date=check.expiry_date,
                    note=check.note,
                    clear_meterai=False,
                    now=now,
                    actor=actor,
                )
                changed += 1
        return changed

    def still_missing(self, case_id: int) -> list[ChecklistLine]:
        """Mandatory documents not yet received."""
        return missing(self.lines(case_id))

    def record_sikap(self, who: Who, case_id: int, note: str) -> None:
        """SIKaP assistance was given (any case)."""
        self._act(intake.record_sikap, who, Act.INTAKE, case_id=case_id, note=note)

    # the lighter services

    def record_consultation(
        self,
        who: Who,
        *,
        vendor_id: int | None,
        visit_id: int | None,
        topic: str,
        advice: str,
        minutes: int,
    ) -> Case:
        """KONS: topic, advice and duration; the case closes and its visit finishes at once."""
        topic, advice = check_consultation(topic, advice, minutes)
        return self._light_case(who, "KONS", vendor_id, visit_id, topic, advice, minutes)

    def record_training_request(
        self, who: Who, *, vendor_id: int | None, visit_id: int | None, request: str
    ) -> Case:
        """LAT: the training asked for (its visit finishes); refused while LAT is closed."""
        cleaned = check_training_request(self.catalog.service("LAT"), request)
        return self._light_case(who, "LAT", vendor_id, visit_id, cleaned, None, None)

    def _light_case(
        self, who: Who, code: str, vendor_id: int | None, visit_id: int | None, topic: str,
        advice: str | None, minutes: int | None,
    ) -> Case:  # fmt: skip
        """Record a KONS/LAT case and finish its visit in one transaction."""
        return self._act(lightcases.record_light_case, who, Act.LIGHT_CASE, code=code,
            vendor_id=vendor_id, visit_id=visit_id, intake_by=staff_id_of(who), topic=topic,
            advice=advice, minutes=minutes)  # fmt: skip

    # the desk tickets (outbox for an external helpdesk)

    def tickets(
        self, day: date | None = None, *, unsent_only: bool = False
    ) -> list[tickets.DeskTicket]:
        """Desk tickets opened on a day (None: every day), oldest first."""
        return self._read(tickets.outbox, day=day, unsent_only=unsent_only)

    def ticket(self, number: str) -> tickets.DeskTicket:
        """One desk ticket by number."""
        return self._read(tickets.get, number=number)

    def export_ticket(self, number: str) -> dict:
        """The ticket as osTicket's ``POST /api/tickets.json`` body."""
        return self._read(tickets.export, number=number, attachment=self._attachment)

    def attachment_path(self, name: str) -> Path:
        """Where a ticket's attachment (a receipt) is on this PC: its stored place relative
        to this PC's receipts folder (absolute in tickets older than revision 0010)."""
        path = Path(name)
        return path if path.is_absolute() else self.receipts_dir / path

    def _attachment(self, name: str) -> bytes:
        """The receipt a ticket attaches: its file on this PC, or, when another PC of a shared
        store wrote it, drawn again from the database (the same bytes)."""
        path = self.attachment_path(name)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise file_fault(exc, path) from exc
        number = receipt_number_of(path.name)
        with read_session(self.engine) as session:
            secret = meta.installation_secret_if_any(session=session)
            data = receipts.data_of(session=session, number=number) if number else None
        if data is None or secret is None:
            raise Conflict(f"Lampiran tiket tidak ada: {path}")
        return self.render(data, sign_receipt(data, secret))

    def mark_ticket_sent(
        self, who: Who, number: str, *, ref: str | None = None
    ) -> tickets.DeskTicket:
        """Record that the ticket was sent to the helpdesk (and its number there)."""
        return self._act(tickets.mark_sent, who, Act.TICKET_SENT, number=number, ref=ref)

    def hold_for_documents(self, who: Who, case_id: int, reason: str) -> None:
        """The vendor fetches what is missing: the visit is held, the case stays open."""
        with write_session(self.engine) as session:
            row = intake.require_intake(session=session, case_id=case_id)
            if row.visit_id is None:
                raise Conflict("Kasus daring tidak punya nomor antrian untuk ditahan")
            serving.hold(
                session=session,
                visit_id=row.visit_id,
                now=self.clock.now(),
                actor=access.actor(session, who, Act.INTAKE),
                reason=reason,
            )
