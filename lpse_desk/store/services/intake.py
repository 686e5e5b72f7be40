"""``IntakeDesk``: what the intake screen and the receipt commands ask of the store.

Receipts are drawn by ``lpse_desk.receipts`` (ReportLab), which sits above the store:
whoever opens the store passes its ``render_receipt`` and ``signed_summary_of_pdf``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import select

from lpse_desk.domain.access import Act
from lpse_desk.domain.actors import Who, staff_id_of
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.clock import WIB, Clock, today_wib
from lpse_desk.domain.entities import Case, CaseStatus, VisitStatus
from lpse_desk.domain.errors import ConfigError, Conflict, ValidationError
from lpse_desk.domain.intake import (
    ChecklistLine,
    check_expiry,
    check_note,
    missing,
)
from lpse_desk.domain.receipt import (
    ReceiptData,
)
from lpse_desk.store import convert
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import access, cases, intake, queue, tickets
from lpse_desk.store.services import receiptcheck, receiptfiles
from lpse_desk.store.services import receipts as issuing
from lpse_desk.store.tables import CaseRow, ReceiptRow, VendorRow, VisitRow


@dataclass(frozen=True)
class ReceiptLine:
    """A receipt as listed: number, time, vendor, service, file."""

    number: str
    kind: str
    issued_at: datetime
    vendor_name: str
    service_code: str
    file_path: str | None
    copies: int


class IntakeDesk:
    """Cases from the counter to the verifiers, with their receipts."""

    def __init__(
        self,
        *,
        engine: Engine,
        catalog: Catalog,
        calendar: WorkingCalendar,
        clock: Clock,
        receipts_dir: Path,
        paper: str = "A5",
        render: Callable[..., bytes] | None = None,
        read_pdf: Callable[[bytes], str | None] | None = None,
    ) -> None:
        self.engine = engine
        self.catalog = catalog
        self.calendar = calendar
        self.clock = clock
        self.receipts_dir = receipts_dir
        self.paper = paper
        self._render = render
        self._read_pdf = read_pdf

    def render(self, data: ReceiptData, signed: str) -> bytes:
        """The PDF of a receipt, drawn by the renderer the desk was given."""
        if self._render is None:
            raise ConfigError("Pembuat PDF tanda terima belum dipasang pada desk ini")
        return self.render_on(data, signed, self.paper)

    def render_on(self, data: ReceiptData, signed: str, paper: str) -> bytes:
        """The PDF of a receipt on the given paper size."""
        if self._render is None:
            raise ConfigError("Pembuat PDF tanda terima belum dipasang pada desk ini")
        return self._render(data, signed=signed, paper=paper)

    def read_pdf(self, pdf: bytes) -> str | None:
        """The signed summary inside a PDF, read by the reader the desk was given."""
        if self._read_pdf is None:
            raise ConfigError("Pembaca PDF tanda terima belum dipasang pada desk ini")
        return self._read_pdf(pdf)

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
        with write_session(self.engine) as session:
            return intake.open_intake(
                session=session,
                catalog=self.catalog,
                service_code=service_code,
                vendor_id=vendor_id,
                vendor_type=vendor_type,
                bearer_is_director=bearer_is_director,
                bearer_name=bearer_name,
                construction=construction,
                visit_id=visit_id,
                helpdesk_request_no=helpdesk_request_no,
                officer_id=staff_id_of(who),
                now=self.clock.now(),
                actor=access.actor(session, who, Act.INTAKE),
            )

    def open_case_of_visit(self, visit_id: int) -> Case | None:
        """The case in intake for this visit, if one was started (e.g. before a hold)."""
        with read_session(self.engine) as session:
            row = session.exec(
                select(CaseRow).where(
                    CaseRow.visit_id == visit_id, CaseRow.status == CaseStatus.INTAKE.value
                )
            ).first()
            return convert.case(row) if row else None

    def lines(self, case_id: int) -> list[ChecklistLine]:
        """The checklist with each item's requirement."""
        with read_session(self.engine) as session:
            return intake.checklist_lines(session=session, catalog=self.catalog, case_id=case_id)

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
        with write_session(self.engine) as session:
            return intake.record_tick(
                session=session,
                catalog=self.catalog,
                case_id=case_id,
                requirement_id=requirement_id,
                original_shown=original_shown,
                copy_received=copy_received,
                expiry_date=expiry_date,
                note=cleaned,
                clear_meterai=clear_meterai,
                now=self.clock.now(),
                actor=access.actor(session, who, Act.INTAKE),
            )

    def mark_meterai(
        self, who: Who, case_id: int, requirement_id: str, *, invalid: bool
    ) -> ChecklistLine:
        """Mark (or clear) "meterai tidak sah": the document stays missing while marked."""
        with write_session(self.engine) as session:
            return intake.mark_meterai(
                session=session,
                catalog=self.catalog,
                case_id=case_id,
                requirement_id=requirement_id,
                invalid=invalid,
                now=self.clock.now(),
                actor=access.actor(session, who, Act.INTAKE),
            )

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
        with write_session(self.engine) as session:
            intake.record_sikap(
                session=session,
                case_id=case_id,
                note=note,
                now=self.clock.now(),
                actor=access.actor(session, who, Act.INTAKE),
            )

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
        topic, advice = " ".join(topic.split()), advice.strip()
        if not topic:
            raise ValidationError("Topik konsultasi wajib diisi", field="topik")
        if not advice:
            raise ValidationError("Saran yang diberikan wajib diisi", field="saran")
        if len(topic) > 300 or len(advice) > 2000:
            raise ValidationError("Topik paling banyak 300, saran 2000 karakter", field="saran")
        if not 1 <= minutes <= 480:
            raise ValidationError("Lama konsultasi 1–480 menit", field="lama")
        return self._light_case(who, "KONS", vendor_id, visit_id, topic, advice, minutes)

    def record_training_request(
        self, who: Who, *, vendor_id: int | None, visit_id: int | None, request: str
    ) -> Case:
        """LAT: the training asked for (its visit finishes); refused while LAT is closed."""
        service = self.catalog.service("LAT")
        if not service.is_open:
            raise Conflict(f"Layanan LAT sedang ditutup: {service.closed_message}")
        cleaned = " ".join(request.split())
        if not cleaned:
            raise ValidationError("Tulis pelatihan yang diminta", field="permintaan")
        return self._light_case(who, "LAT", vendor_id, visit_id, cleaned[:300], None, None)

    def _light_case(self, who, code, vendor_id, visit_id, topic, advice, minutes) -> Case:
        """Record a KONS/LAT case and finish its visit in one transaction.

        The visit is finished first (refused unless it is being served), so a second
        submission or a refused finish leaves no case behind.
        """
        now = self.clock.now()
        with write_session(self.engine) as session:
            actor = access.actor(session, who, Act.LIGHT_CASE)
            if visit_id is not None:
                queue.finish(
                    session=session, visit_id=visit_id, now=now, actor=actor, outcome="informasi"
                )
            case = cases.open_case(
                session=session,
                service_code=code,
                procedure="tatap_muka" if visit_id else "daring",
                checklist=(),
                vendor_id=vendor_id,
                visit_id=visit_id,
                intake_by=staff_id_of(who),
                bearer_is_director=True,
                now=now,
                actor=actor,
            )
            row = session.get(CaseRow, case.id)
            row.topic, row.advice, row.duration_minutes = topic, advice, minutes
            session.add(row)
            return cases.close(
                session=session,
                case_id=case.id,
                status=CaseStatus.CLOSED,
                now=now,
                actor=actor,
                reason=topic,
            )

    # receipts

    def receipts(self, day: date | None = None) -> list[ReceiptLine]:
        """Receipts of a day (today by default), oldest first."""
        wanted = day or today_wib(self.clock)
        start = datetime.combine(wanted, time.min, tzinfo=WIB)
        with read_session(self.engine) as session:
            rows = session.exec(
                select(ReceiptRow, CaseRow, VendorRow)
                .join(CaseRow, ReceiptRow.case_id == CaseRow.id)
                .join(VendorRow, CaseRow.vendor_id == VendorRow.id, isouter=True)
                .where(
                    ReceiptRow.issued_at >= start, ReceiptRow.issued_at < start + timedelta(days=1)
                )
                .order_by(ReceiptRow.issued_at, ReceiptRow.id)
            ).all()
            return [
                ReceiptLine(
                    number=r.number,
                    kind=r.kind,
                    issued_at=r.issued_at,
                    vendor_name=v.name if v else "-",
                    service_code=c.service_code,
                    file_path=r.file_path,
                    copies=r.copies,
                )
                for r, c, v in rows
            ]

    # the desk tickets (outbox for an external helpdesk)

    def tickets(
        self, day: date | None = None, *, unsent_only: bool = False
    ) -> list[tickets.DeskTicket]:
        """Desk tickets opened on a day (None: every day), oldest first."""
        with read_session(self.engine) as session:
            return tickets.outbox(session=session, day=day, unsent_only=unsent_only)

    def ticket(self, number: str) -> tickets.DeskTicket:
        """One desk ticket by number."""
        with read_session(self.engine) as session:
            return tickets.get(session=session, number=number)

    def export_ticket(self, number: str) -> dict:
        """The ticket as osTicket's ``POST /api/tickets.json`` body."""
        with read_session(self.engine) as session:
            return tickets.export(session=session, number=number)

    def mark_ticket_sent(
        self, who: Who, number: str, *, ref: str | None = None
    ) -> tickets.DeskTicket:
        """Record that the ticket was sent to the helpdesk (and its number there)."""
        with write_session(self.engine) as session:
            return tickets.mark_sent(
                session=session,
                number=number,
                ref=ref,
                now=self.clock.now(),
                actor=access.actor(session, who, Act.TICKET_SENT),
            )

    def _finish_visit(self, session, visit_id: int | None, outcome: str, actor: str) -> None:
        if visit_id is None:
            return
        row = session.get(VisitRow, visit_id)
        if row is None or row.status != VisitStatus.SERVING.value:
            return
        queue.finish(
            session=session, visit_id=visit_id, now=self.clock.now(), actor=actor, outcome=outcome
        )

    def finish(self, who: Who, case_id: int, *, loket: int | None) -> issuing.IssuedReceipt:
        """Complete file: tanda terima, handoff to the verifiers with the deadline."""
        return issuing.issue(self, who, case_id, loket, "tanda_terima")

    def issue_slip(self, who: Who, case_id: int, *, loket: int | None) -> issuing.IssuedReceipt:
        """Incomplete file: a slip listing exactly what is missing; the case closes."""
        return issuing.issue(self, who, case_id, loket, "belum_lengkap")

    def reprint(self, who: Who, number: str, *, out: Path | None = None) -> issuing.IssuedReceipt:
        """A copy of any receipt, marked SALINAN."""
        return issuing.reprint(self, who, number, out)

    def repair_receipts(
        self, *, days: int | None = 7, read_contents: bool = True
    ) -> receiptfiles.RepairReport:
        """Check and rewrite the receipt files of the last ``days`` (None: all) from their
        stored data; clear interrupted writes' temporary files; report unknown PDFs."""
        since = None if days is None else self.clock.now() - timedelta(days=days)
        return receiptfiles.repair(self, since=since, read_contents=read_contents)

    def verify(self, pdf: bytes, *, page_lines=None) -> receiptcheck.Verified:
        """Check a receipt PDF against the store: signature, signed record, exact bytes.

        NotGenuine/SignatureError says why not; ``page_lines`` (``receipts.page_lines``)
        lets it name the printed fields that differ.
        """
        return receiptcheck.verify(self, pdf, page_lines=page_lines)

    def hold_for_documents(self, who: Who, case_id: int, reason: str) -> None:
        """The vendor fetches what is missing: the visit is held, the case stays open."""
        with write_session(self.engine) as session:
            row = intake.require_intake(session=session, case_id=case_id)
            if row.visit_id is None:
                raise Conflict("Kasus daring tidak punya nomor antrian untuk ditahan")
            queue.hold(
                session=session,
                visit_id=row.visit_id,
                now=self.clock.now(),
                actor=access.actor(session, who, Act.INTAKE),
                reason=reason,
            )
