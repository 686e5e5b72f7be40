"""Intake in the store: open a case with its desk ticket, tick, number receipts."""

from __future__ import annotations

import json
import secrets
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, select

from lpse_desk.domain.catalog import Catalog, ChecklistFacts, build_checklist
from lpse_desk.domain.entities import Case, CaseStatus
from lpse_desk.domain.errors import Conflict, NotFound, ValidationError
from lpse_desk.domain.intake import DIGITAL_COPY_NOTE, ChecklistLine, ticket_subject
from lpse_desk.store import cases, convert, events, meta, queue
from lpse_desk.store.tables import (
    CaseRow,
    DeskTicketRow,
    ReceiptCounterRow,
    TicketCounterRow,
    VendorRow,
    VisitRow,
)

SECRET_KEY = "receipt_secret"
RECEIPT_PREFIX = "TT-LPSE"
TICKET_PREFIX = "TKT-LPSE"


def installation_secret(*, session: Session) -> bytes:
    """The per-installation key that signs receipts (made on first use, kept in the store)."""
    value = meta.get(session=session, key=SECRET_KEY)
    if value is None:
        value = secrets.token_hex(32)
        meta.put(session=session, key=SECRET_KEY, value=value)
        session.flush()
    return bytes.fromhex(value)


def installation_secret_if_any(*, session: Session) -> bytes | None:
    """The receipt key, if this store ever made one (reading never creates it)."""
    value = meta.get(session=session, key=SECRET_KEY)
    return bytes.fromhex(value) if value else None


def _bump(session: Session, table, year: int) -> int:
    bumped = session.execute(
        update(table)
        .where(table.year == year)
        .values(last_number=table.last_number + 1)
        .returning(table.last_number)
    ).scalar_one_or_none()
    if bumped is not None:
        return bumped
    session.add(table(year=year, last_number=1))
    session.flush()
    return 1


def next_receipt_number(*, session: Session, year: int) -> tuple[int, str]:
    """The next receipt number of the year (``TT-LPSE/2026/000123``); inside a write session."""
    seq = _bump(session, ReceiptCounterRow, year)
    return seq, f"{RECEIPT_PREFIX}/{year}/{seq:06d}"


def _next_ticket_number(session: Session, year: int) -> tuple[int, str]:
    seq = _bump(session, TicketCounterRow, year)
    return seq, f"{TICKET_PREFIX}/{year}/{seq:06d}"


def open_intake(
    *,
    session: Session,
    catalog: Catalog,
    service_code: str,
    vendor_id: int,
    vendor_type: str,
    bearer_is_director: bool,
    bearer_name: str | None,
    construction: bool,
    visit_id: int | None,
    helpdesk_request_no: str | None,
    officer_id: int | None,
    now: datetime,
    actor: str,
) -> Case:
    """Open a case for a vendor with the catalog's checklist and its desk ticket.

    Daring cases (no visit, a helpdesk request number) count the uploaded scans as
    copies received digitally.
    """
    service = queue.open_service(catalog, service_code)
    vendor = session.get(VendorRow, vendor_id)
    if vendor is None:
        raise NotFound(f"Penyedia #{vendor_id} tidak ditemukan")
    if service.requires_spse_user_id and not vendor.spse_user_id:
        raise Conflict(
            f"{vendor.name} belum punya user ID SPSE: minta penyedia mendaftar online di SPSE "
            "dulu, lalu catat user ID-nya pada data penyedia."
        )
    request_no = (helpdesk_request_no or "").strip() or None
    if visit_id is None and request_no is None:
        raise ValidationError(
            "Tanpa nomor antrian, isi nomor permohonan helpdesk (prosedur daring)",
            field="helpdesk",
        )
    if visit_id is not None:
        visit = session.get(VisitRow, visit_id)
        if visit is None:
            raise NotFound(f"Kunjungan #{visit_id} tidak ditemukan")
        existing = session.exec(
            select(CaseRow).where(
                CaseRow.visit_id == visit_id, CaseRow.status == CaseStatus.INTAKE.value
            )
        ).first()
        if existing is not None:
            return convert.case(existing)
    bearer = (bearer_name or "").strip() or None
    if not bearer_is_director and not bearer:
        raise ValidationError("Tulis nama pembawa berkas (penerima kuasa)", field="pembawa")
    checklist = build_checklist(
        service,
        ChecklistFacts(
            vendor_type=vendor_type,
            bearer_is_director=bearer_is_director,
            construction=construction,
        ),
    )
    case = cases.open_case(
        session=session,
        service_code=service.code,
        procedure="tatap_muka" if visit_id is not None else "daring",
        checklist=checklist,
        vendor_id=vendor_id,
        visit_id=visit_id,
        intake_by=officer_id,
        bearer_is_director=bearer_is_director,
        bearer_name=bearer or vendor.director_name,
        now=now,
        actor=actor,
    )
    row = session.get(CaseRow, case.id)
    row.vendor_type = vendor_type
    row.helpdesk_request_no = request_no
    session.add(row)
    if visit_id is None:
        for requirement in checklist:
            if requirement.copy_kept:
                cases.tick(
                    session=session,
                    case_id=case.id,
                    requirement_id=requirement.id,
                    tick=cases.Tick(copy_received=True, note=DIGITAL_COPY_NOTE),
                )
    seq, number = _next_ticket_number(session, now.year)
    session.add(
        DeskTicketRow(
            number=number,
            year=now.year,
            seq=seq,
            case_id=case.id,
            subject=ticket_subject(service.code, service.name, vendor.name),
            message="",
            created_at=now,
        )
    )
    session.flush()
    return convert.case(row)


def desk_ticket(*, session: Session, case_id: int) -> DeskTicketRow:
    """The desk ticket of a case."""
    row = session.exec(select(DeskTicketRow).where(DeskTicketRow.case_id == case_id)).first()
    if row is None:
        raise NotFound(f"Kasus #{case_id} belum punya tiket layanan")
    return row


def update_ticket(
    *,
    session: Session,
    case_id: int,
    message: str,
    attachments: list[str],
    subject: str | None = None,
) -> None:
    """Fill the ticket's message and attachments (outbox-ready), and its subject if given."""
    row = desk_ticket(session=session, case_id=case_id)
    if subject is not None:
        row.subject = subject
    row.message = message
    row.attachments = json.dumps(attachments, ensure_ascii=False)
    session.add(row)


def require_intake(*, session: Session, case_id: int) -> CaseRow:
    """The case row, if it is still in intake."""
    row = cases.case_row(session, case_id)
    if row.status != CaseStatus.INTAKE.value:
        raise Conflict(f"Kasus #{case_id} tidak lagi dalam penerimaan berkas")
    return row


def checklist_lines(*, session: Session, catalog: Catalog, case_id: int) -> list[ChecklistLine]:
    """The case's checklist with each item's catalog requirement."""
    row = cases.case_row(session, case_id)
    service = catalog.service(row.service_code)
    return [
        ChecklistLine(requirement=service.requirement(check.requirement_id), check=check)
        for check in cases.checks(session=session, case_id=case_id)
    ]


def record_sikap(*, session: Session, case_id: int, note: str, now: datetime, actor: str) -> None:
    """Record that SIKaP assistance was given and what was filled in."""
    cleaned = " ".join(note.split())
    if not cleaned:
        raise ValidationError("Tulis apa yang diisi saat pendampingan SIKaP", field="sikap")
    if len(cleaned) > 1000:
        raise ValidationError("Catatan SIKaP paling banyak 1000 karakter", field="sikap")
    row = cases.case_row(session, case_id)
    row.sikap_given = True
    row.sikap_note = cleaned
    session.add(row)
    events.record(
        session=session,
        at=now,
        actor=actor,
        entity="case",
        entity_id=case_id,
        action="pendampingan_sikap",
        reason=cleaned,
    )
