"""Receipt rows: the year's numbering, the data a receipt prints, its row and the desk
ticket it fills, and the receipts of a day."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, or_
from sqlmodel import Session, select

from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.clock import wib_day
from lpse_desk.domain.errors import found
from lpse_desk.domain.intake import ChecklistLine, ticket_message, ticket_subject
from lpse_desk.domain.office import Office
from lpse_desk.domain.privacy import mask_nik, mask_npwp
from lpse_desk.domain.receipt import ReceiptData
from lpse_desk.domain.receipt.search import number_part
from lpse_desk.domain.receipttext import (
    ReceiptLine,
    bearer_shown,
    next_step,
    receipt_documents,
    receipt_notes,
)
from lpse_desk.domain.textfmt import format_long_id
from lpse_desk.store.queries import cases, events, meta, tickets
from lpse_desk.store.tables.cases import CaseRow, ReceiptCounterRow, ReceiptRow
from lpse_desk.store.tables.desk import StaffRow
from lpse_desk.store.tables.queue import VisitRow
from lpse_desk.store.tables.vendors import VendorRow

RECEIPT_PREFIX = "TT-LPSE"


def draft(
    *,
    session: Session,
    catalog: Catalog,
    case_id: int,
    lines: Sequence[ChecklistLine],
    kind: str,
    now: datetime,
    loket: int | None,
    due: datetime | None,
    issued_by: int | None,
    fallback_officer: str,
    office: Office,
) -> tuple[int, ReceiptData]:
    """Take the case's next receipt number and gather what the receipt prints.

    The officer printed (and signing) is the one who issues it, ``issued_by`` (else
    ``fallback_officer``): a file started at one loket may be finished at another. The number
    is taken in the caller's write transaction: if it never commits, the next receipt takes
    the same number."""
    row = cases.case_row(session, case_id)
    service = catalog.service(row.service_code)
    vendor = session.get(VendorRow, row.vendor_id)
    visit = session.get(VisitRow, row.visit_id) if row.visit_id else None
    officer = session.get(StaffRow, issued_by) if issued_by else None
    ticket = tickets.desk_ticket(session=session, case_id=row.id)
    seq, number = meta.next_number(session=session, table=ReceiptCounterRow, year=now.year,
                                   prefix=RECEIPT_PREFIX)  # fmt: skip
    data = ReceiptData(
        number=number,
        kind=kind,
        issued_at=now,
        loket=loket,
        officer_name=officer.name if officer else fallback_officer,
        service_code=service.code,
        service_name=service.name,
        procedure=row.procedure,
        vendor_name=vendor.name,
        vendor_legal_form=vendor.legal_form,
        npwp=vendor.npwp,
        nib=vendor.nib,
        spse_user_id=vendor.spse_user_id,
        bearer_name=bearer_shown(
            row.procedure, bearer_name=row.bearer_name, director_name=vendor.director_name,
            vendor_name=vendor.name,
        ),  # fmt: skip
        bearer_is_director=row.bearer_is_director,
        # Printed masked, so stored masked: the payload keeps only what a reprint needs.
        director_nik=mask_nik(vendor.director_nik) if vendor.director_nik else None,
        queue_ticket=f"{visit.prefix}-{visit.number:03d}" if visit else None,
        helpdesk_request_no=row.helpdesk_request_no,
        desk_ticket_no=ticket.number,
        documents=receipt_documents(lines),
        next_step=next_step(kind),
        due_at=due,
        copy=False,
        notes=receipt_notes(row.note, sikap_given=row.sikap_given, sikap_note=row.sikap_note),
        office_address=office.address,
        office_phone=office.phone,
        office_hours=office.hours_text,
        office_complaints=office.complaints,
    )
    return seq, data


def add(
    *,
    session: Session,
    data: ReceiptData,
    seq: int,
    case_id: int,
    issued_by: int | None,
    path: Path,
    station: str,
    pdf: bytes,
    lines: Sequence[ChecklistLine],
) -> None:
    """Record the written receipt and make its desk ticket ready for the helpdesk."""
    session.add(
        ReceiptRow(
            number=data.number,
            year=data.issued_at.year,
            seq=seq,
            kind=data.kind,
            case_id=case_id,
            issued_by=issued_by,
            issued_at=data.issued_at,
            file_path=path.as_posix(),
            station=station,
            payload=data.to_json(),
            sha256=hashlib.sha256(pdf).hexdigest(),
        )
    )
    incomplete = data.kind == "belum_lengkap"
    tickets.update_ticket(
        session=session,
        case_id=case_id,
        subject=ticket_subject(
            data.service_code, data.service_name, data.vendor_name, incomplete=incomplete
        ),
        message=ticket_message(
            vendor_name=data.vendor_name,
            npwp_shown=mask_npwp(data.npwp) if data.npwp else "-",
            spse_user_id=data.spse_user_id,
            procedure=data.procedure,
            officer=data.officer_name,
            lines=lines,
            receipt_number=data.number,
            due_text=format_long_id(data.due_at) if data.due_at else None,
            incomplete=incomplete,
        ),
        attachments=[path.as_posix()],
    )


def record_aside(*, session: Session, now: datetime, actor: str, case_id: int, path: Path) -> None:
    """The event that says where a different file found at a receipt's name was kept."""
    events.on_case(session=session, case_id=case_id, action="berkas_tanda_terima_disisihkan",
        at=now, actor=actor, reason=str(path))  # fmt: skip


def stored(*, session: Session, number: str) -> ReceiptRow:
    """The receipt row of ``number`` (NotFound in Indonesian)."""
    wanted = number.strip().upper()
    row = session.exec(select(ReceiptRow).where(ReceiptRow.number == wanted)).first()
    return found(row, f"Tanda terima {wanted} tidak ditemukan")


@dataclass(frozen=True)
class ReceiptCopy:
    """A stored receipt about to be printed again: its data marked SALINAN, which copy."""

    data: ReceiptData
    kind: str
    case_id: int
    copies: int
    """This copy's number (1 for the first SALINAN)."""


def next_copy(*, session: Session, number: str) -> ReceiptCopy:
    """Count one more copy of receipt ``number`` (NotFound in Indonesian) and return it."""
    row = stored(session=session, number=number)
    row.copies += 1
    session.add(row)
    return ReceiptCopy(
        data=ReceiptData.from_json(row.payload).as_copy(), kind=row.kind, case_id=row.case_id,
        copies=row.copies,
    )  # fmt: skip


def _with_cases():
    return (
        select(ReceiptRow, CaseRow, VendorRow)
        .join(CaseRow, ReceiptRow.case_id == CaseRow.id)
        .join(VendorRow, CaseRow.vendor_id == VendorRow.id, isouter=True)
    )


def of_day(*, session: Session, day: date) -> list[ReceiptLine]:
    """Receipts issued on a WIB day, oldest first."""
    start, end = wib_day(day)
    rows = session.exec(
        _with_cases()
        .where(ReceiptRow.issued_at >= start, ReceiptRow.issued_at < end)
        .order_by(ReceiptRow.issued_at, ReceiptRow.id)
    ).all()
    return _lines(rows)


def matching(*, session: Session, text: str, limit: int) -> list[ReceiptLine]:
    """Receipts of any day whose number or vendor name holds ``text`` (case folded), newest
    first, at most ``limit``."""
    folded = text.casefold()
    number = number_part(text).casefold()  # "2026/15" finds TT-LPSE/2026/000015
    rows = session.exec(
        _with_cases()
        .where(or_(func.lower(ReceiptRow.number).contains(number, autoescape=True),
                   func.lower(VendorRow.name).contains(folded, autoescape=True)))  # fmt: skip
        .order_by(ReceiptRow.issued_at.desc(), ReceiptRow.id.desc())
        .limit(limit)
    ).all()
    return _lines(rows)


def _lines(rows) -> list[ReceiptLine]:
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


def handed_off_without_receipt(*, session: Session) -> list[tuple[int, datetime, int | None]]:
    """(case, hand-off time, loket of its visit) of every handed-off case that has no
    receipt, in hand-off order (the demo's past cases)."""
    has_receipt = select(ReceiptRow.case_id)
    return list(
        session.exec(
            select(CaseRow.id, CaseRow.handed_off_at, VisitRow.loket)
            .join(VisitRow, CaseRow.visit_id == VisitRow.id, isouter=True)
            .where(CaseRow.handed_off_at.is_not(None), CaseRow.id.not_in(has_receipt))
            .order_by(CaseRow.handed_off_at, CaseRow.id)
        ).all()
    )


def listed(
    *, session: Session, since: datetime | None, station: str | None
) -> list[tuple[int, str, datetime, str | None]]:
    """(id, number, issued at, SHA-256) of the receipts with a file issued ``since`` (None:
    all), without their payloads: a repair may cover 20,000 receipts. ``station``: only those
    whose file that PC wrote (None: every receipt, on a store only one PC uses)."""
    query = (
        select(ReceiptRow.id, ReceiptRow.number, ReceiptRow.issued_at, ReceiptRow.sha256)
        .where(ReceiptRow.file_path.is_not(None))
        .order_by(ReceiptRow.id)
    )
    if station is not None:
        query = query.where(ReceiptRow.station == station)
    if since is not None:
        query = query.where(ReceiptRow.issued_at >= since)
    return list(session.exec(query).all())


def numbers(*, session: Session) -> list[tuple[str, datetime]]:
    """(number, issued at) of every receipt: the names its files may have."""
    return list(session.exec(select(ReceiptRow.number, ReceiptRow.issued_at)).all())


def data_of(*, session: Session, number: str) -> ReceiptData | None:
    """The data receipt ``number`` was drawn from (None: no such receipt)."""
    row = session.exec(select(ReceiptRow.payload).where(ReceiptRow.number == number)).first()
    return ReceiptData.from_json(row) if row is not None else None


def payload(*, session: Session, receipt_id: int) -> ReceiptData:
    """The data a receipt was drawn from."""
    return ReceiptData.from_json(session.get(ReceiptRow, receipt_id).payload)


def count_receipts(*, session: Session) -> int:
    """How many receipts the store has issued (the automatic backup runs every 200)."""
    return session.exec(select(func.count()).select_from(ReceiptRow)).one()
