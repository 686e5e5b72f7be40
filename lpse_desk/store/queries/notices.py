"""The helpdesk messages a decision makes: written with the case's context, listed until
they are recorded as sent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, select

from lpse_desk.domain import actors
from lpse_desk.domain.actors import Who, actor_of
from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.entities import StaffMember
from lpse_desk.domain.errors import Conflict, found
from lpse_desk.domain.notices import NoticeContext, NoticeKind, Notification
from lpse_desk.domain.review import require_staff
from lpse_desk.store import convert
from lpse_desk.store.queries import events
from lpse_desk.store.queries import staff as staff_store
from lpse_desk.store.tables.cases import CaseRow, DeskTicketRow, ReceiptRow
from lpse_desk.store.tables.review import NotificationRow
from lpse_desk.store.tables.vendors import VendorRow


def context(session: Session, catalog: Catalog, row: CaseRow, now: datetime) -> NoticeContext:
    vendor = session.get(VendorRow, row.vendor_id) if row.vendor_id else None
    receipt = session.exec(
        select(ReceiptRow.number)
        .where(ReceiptRow.case_id == row.id, ReceiptRow.kind == "tanda_terima")
        .order_by(ReceiptRow.id.desc())
    ).first()
    ticket = session.exec(
        select(DeskTicketRow.number).where(DeskTicketRow.case_id == row.id)
    ).first()
    return NoticeContext(
        vendor_name=vendor.name if vendor else "Bapak/Ibu penyedia",
        service_code=row.service_code,
        service_name=catalog.service(row.service_code).name,
        receipt_number=receipt,
        ticket_number=ticket,
        decided_at=now,
    )


def notify(
    session: Session, row: CaseRow, kind: NoticeKind, message: str, member: StaffMember, now
) -> Notification:
    stored = NotificationRow(
        case_id=row.id, kind=kind.value, message=message, created_at=now, created_by=member.id
    )
    session.add(stored)
    session.flush()
    events.on_case(session=session, case_id=row.id, action="notifikasi_dibuat", at=now,
        actor=actors.actor_for(member), reason=f"#{stored.id} {kind.value}")  # fmt: skip
    return convert.notification(stored)


def mark_sent(*, session: Session, who: Who, notification_id: int, now: datetime) -> Notification:
    """Record that a notification was sent through the helpdesk (once)."""
    member = require_staff(
        staff_store.current(session=session, who=who), "mencatat pengiriman pesan"
    )
    stored = found(
        session.get(NotificationRow, notification_id), f"Pesan #{notification_id} tidak ditemukan"
    )
    changed = session.execute(
        update(NotificationRow)
        .where(NotificationRow.id == notification_id, NotificationRow.sent_at.is_(None))
        .values(sent_at=now, sent_by=member.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        raise Conflict(f"Pesan #{notification_id} sudah tercatat terkirim")
    session.refresh(stored)
    events.on_case(session=session, case_id=stored.case_id, action="notifikasi_dikirim", at=now,
        actor=actor_of(who), reason=f"#{stored.id} {stored.kind}")  # fmt: skip
    return convert.notification(stored)


def unsent(*, session: Session) -> list[Notification]:
    """Notifications not yet recorded as sent, oldest first."""
    rows = session.exec(
        select(NotificationRow)
        .where(NotificationRow.sent_at.is_(None))
        .order_by(NotificationRow.created_at, NotificationRow.id)
    ).all()
    return [convert.notification(row) for row in rows]
