"""Everything the verifier sees when opening a case, read in one session."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.casefile import CaseFile, ReceiptInfo
from lpse_desk.domain.entities import CASE_STATUS_LABELS, CaseStatus
from lpse_desk.domain.review import (
    RefusalReason,
    approval_blockers,
)
from lpse_desk.store import convert
from lpse_desk.store.queries import cases, events, review, reviewqueue, videocalls
from lpse_desk.store.tables.cases import DeskTicketRow, ReceiptRow
from lpse_desk.store.tables.desk import StaffRow
from lpse_desk.store.tables.vendors import VendorRow


def _name(session: Session, staff_id: int | None) -> str | None:
    row = session.get(StaffRow, staff_id) if staff_id else None
    return row.name if row else None


def case_file(
    *, session: Session, calendar: WorkingCalendar, case_id: int, now: datetime
) -> CaseFile:
    """The whole case for the verifier's screen; NotFound in Indonesian."""
    row = cases.case_row(session, case_id)
    state = CaseStatus(row.status)
    vendor = session.get(VendorRow, row.vendor_id) if row.vendor_id else None
    documents = tuple(review.document_reviews(session=session, case_id=case_id))
    checks = tuple(review.check_states(session=session, row=row))
    changes = tuple(review.changes_of(session=session, case_id=case_id))
    receipts = tuple(
        ReceiptInfo(r.number, r.kind, r.issued_at, r.file_path, r.copies)
        for r in session.exec(
            select(ReceiptRow).where(ReceiptRow.case_id == case_id).order_by(ReceiptRow.id)
        ).all()
    )
    ticket_row = session.exec(select(DeskTicketRow).where(DeskTicketRow.case_id == case_id)).first()
    ticket = convert.ticket_info(ticket_row) if ticket_row else None
    return CaseFile(
        case=convert.case(row),
        status_label=CASE_STATUS_LABELS[state],
        vendor=convert.vendor(vendor) if vendor else None,
        vendor_type=row.vendor_type or (vendor.legal_form if vendor else None),
        bearer_name=row.bearer_name,
        bearer_is_director=row.bearer_is_director,
        helpdesk_request_no=row.helpdesk_request_no,
        intake_note=row.note,
        intake_by_name=_name(session, row.intake_by),
        assigned_to=row.assigned_to,
        assigned_name=_name(session, row.assigned_to),
        time_left=reviewqueue.time_left_of(calendar, row, now),
        paused_at=row.paused_at,
        documents=documents,
        checks=checks,
        blockers=tuple(
            approval_blockers(
                documents,
                checks,
                call_needed=videocalls.call_needed(session=session, row=row),
                changes_needed=row.service_code == "UBAH" and not changes,
            )
        ),
        receipts=receipts,
        ticket=ticket,
        changes=changes,
        video_calls=tuple(videocalls.calls_of(session=session, case_id=case_id)),
        notifications=tuple(review.notifications_of(session=session, case_id=case_id)),
        events=tuple(events.history(session=session, entity="case", entity_id=case_id)),
        decided_by_name=_name(session, row.decided_by),
        decided_at=row.decided_at,
        decision_reason=RefusalReason(row.decision_reason) if row.decision_reason else None,
        decision_note=row.decision_note,
        spse_user_id=row.spse_user_id,
        activated_at=row.activated_at,
    )
