"""The desk's own service tickets: an outbox, ready for an external helpdesk.

osTicket's API (DOMAIN.md §8) only creates tickets, so the desk keeps the record:
``export`` builds the body ``POST /api/tickets.json`` expects, and ``mark_sent`` records
when (and under which external number) the ticket went out.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session, select

from lpse_desk.domain.clock import wib_day
from lpse_desk.domain.errors import Conflict, NextStep, ValidationError, found
from lpse_desk.domain.intake import ticket_blocker, ticket_status
from lpse_desk.store import convert
from lpse_desk.store.queries import events
from lpse_desk.store.tables.cases import CaseRow, DeskTicketRow
from lpse_desk.store.tables.vendors import VendorRow

MAX_REF = 100


@dataclass(frozen=True)
class DeskTicket:
    """A desk ticket with its case's vendor, for the outbox list and its detail."""

    number: str
    case_id: int
    subject: str
    message: str
    attachments: tuple[str, ...]
    created_at: datetime
    sent_at: datetime | None
    external_ref: str | None
    vendor_name: str
    vendor_email: str | None
    vendor_phone: str | None

    @property
    def blocker(self) -> str | None:
        """Why it cannot go to the helpdesk yet (None: it can)."""
        return ticket_blocker(message=self.message, email=self.vendor_email)

    @property
    def status(self) -> str:
        """Sent (with the helpdesk's number), ready to send, or why it cannot be sent."""
        return ticket_status(
            sent_at=self.sent_at,
            external_ref=self.external_ref,
            message=self.message,
            email=self.vendor_email,
        )


def _ticket(row: DeskTicketRow, vendor: VendorRow | None) -> DeskTicket:
    return DeskTicket(
        number=row.number,
        case_id=row.case_id,
        subject=row.subject,
        message=row.message,
        attachments=convert.ticket_attachments(row),
        created_at=row.created_at,
        sent_at=row.sent_at,
        external_ref=row.external_ref,
        vendor_name=vendor.name if vendor else "-",
        vendor_email=vendor.email if vendor else None,
        vendor_phone=vendor.phone if vendor else None,
    )


def _joined():
    return (
        select(DeskTicketRow, VendorRow)
        .join(CaseRow, DeskTicketRow.case_id == CaseRow.id)
        .join(VendorRow, CaseRow.vendor_id == VendorRow.id, isouter=True)
    )


def outbox(
    *, session: Session, day: date | None = None, unsent_only: bool = False
) -> list[DeskTicket]:
    """Tickets opened on a day (all days if None), oldest first; optionally only unsent ones."""
    query = _joined()
    if day is not None:
        start, end = wib_day(day)
        query = query.where(DeskTicketRow.created_at >= start, DeskTicketRow.created_at < end)
    if unsent_only:
        query = query.where(DeskTicketRow.sent_at.is_(None))
    rows = session.exec(query.order_by(DeskTicketRow.created_at, DeskTicketRow.id)).all()
    return [_ticket(row, vendor) for row, vendor in rows]


def _row(session: Session, number: str) -> tuple[DeskTicketRow, VendorRow | None]:
    wanted = number.strip().upper()
    row = session.exec(_joined().where(DeskTicketRow.number == wanted)).first()
    return found(row, f"Tiket {wanted} tidak ditemukan")


def get(*, session: Session, number: str) -> DeskTicket:
    """One ticket by its number (case-insensitive)."""
    return _ticket(*_row(session, number))


def export(*, session: Session, number: str, attachment: Callable[[str], bytes]) -> dict:
    """The osTicket ``POST /api/tickets.json`` body of a ticket, attachments inlined.

    Refused while the ticket has no message yet (the case is still in intake), when the
    vendor has no usable email (osTicket refuses such a ticket for good) or when an
    attachment is missing: a half ticket must not leave the desk.
    """
    ticket = get(session=session, number=number)
    if not ticket.message.strip():
        raise Conflict(f"Tiket {ticket.number} belum berisi pesan: penerimaan belum selesai")
    if ticket.blocker is not None:
        raise Conflict(
            f"Tiket {ticket.number} {ticket.blocker}; osTicket menolak tiket tanpa email "
            "pemohon yang sah. Isi email penyedia yang kosong di data penyedia (di desk, pada "
            "penerimaan berkas; email yang salah diganti lewat UBAH atau admin), lalu ekspor lagi",
            step=NextStep.EDIT_VENDOR,
        )
    body: dict = {
        "name": ticket.vendor_name,
        "email": ticket.vendor_email.strip(),
        "subject": ticket.subject,
        "message": "data:text/plain;charset=utf-8," + ticket.message,
        "source": "API",
    }
    if ticket.vendor_phone:
        body["phone"] = ticket.vendor_phone
    attachments = []
    for name in ticket.attachments:  # ``attachment`` reads (or draws again) each file
        encoded = base64.b64encode(attachment(name)).decode("ascii")
        attachments.append({Path(name).name: f"data:application/pdf;base64,{encoded}"})
    if attachments:
        body["attachments"] = attachments
    return body


def mark_sent(
    *, session: Session, number: str, ref: str | None, now: datetime, actor: str
) -> DeskTicket:
    """Record that the ticket went to the helpdesk (with its number there, if known)."""
    row, vendor = _row(session, number)
    cleaned = " ".join((ref or "").split()) or None
    if cleaned is not None and len(cleaned) > MAX_REF:
        raise ValidationError(f"Nomor tiket helpdesk paling banyak {MAX_REF} karakter", field="ref")
    if row.sent_at is not None:
        raise Conflict(
            f"Tiket {row.number} sudah tercatat terkirim {row.sent_at:%Y-%m-%d %H:%M} WIB"
        )
    if not row.message.strip():
        raise Conflict(f"Tiket {row.number} belum berisi pesan: penerimaan belum selesai")
    blocker = ticket_blocker(message=row.message, email=vendor.email if vendor else None)
    if blocker is not None:  # osTicket refuses it for good: it cannot have been sent
        raise Conflict(
            f"Tiket {row.number} {blocker}: osTicket menolak tiket tanpa email pemohon yang "
            "sah, jadi tiket ini tidak tercatat terkirim. Isi email penyedia dulu, lalu ekspor "
            "dan kirim lagi",
            step=NextStep.EDIT_VENDOR,
        )
    row.sent_at = now
    row.external_ref = cleaned
    session.add(row)
    events.on_case(session=session, case_id=row.case_id, action="tiket_terkirim", at=now,
        actor=actor, reason=f"{row.number}" + (f" → {cleaned}" if cleaned else ""))  # fmt: skip
    session.flush()
    return _ticket(row, vendor)


def desk_ticket(*, session: Session, case_id: int) -> DeskTicketRow:
    """The desk ticket of a case."""
    row = session.exec(select(DeskTicketRow).where(DeskTicketRow.case_id == case_id)).first()
    return found(row, f"Kasus #{case_id} belum punya tiket layanan")


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
