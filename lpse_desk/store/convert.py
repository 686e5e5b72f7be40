"""Table rows → domain objects. Widgets and the domain never see ORM rows."""

from __future__ import annotations

import json

from lpse_desk.domain.daring import CallStatus, VideoCall
from lpse_desk.domain.entities import (
    Case,
    CaseStatus,
    DocumentCheck,
    Event,
    LegalForm,
    StaffMember,
    Vendor,
    Visit,
    VisitStatus,
)
from lpse_desk.domain.notices import NoticeKind, Notification
from lpse_desk.domain.outcome import CaseChange
from lpse_desk.domain.review import DocumentReview, DocumentVerdict, RefusalReason
from lpse_desk.domain.roles import Role
from lpse_desk.store.tables.cases import CaseRow, DocumentCheckRow
from lpse_desk.store.tables.desk import EventRow, StaffRow
from lpse_desk.store.tables.queue import VisitRow
from lpse_desk.store.tables.review import CaseChangeRow, NotificationRow, VideoCallRow
from lpse_desk.store.tables.vendors import VendorRow


def staff(row: StaffRow) -> StaffMember:
    """A staff row as a domain object (the PIN hash stays behind)."""
    return StaffMember(
        id=row.id,
        name=row.name,
        role=Role(row.role),
        active=row.active,
        must_change_pin=row.must_change_pin,
        default_loket=row.default_loket,
    )


def vendor(row: VendorRow) -> Vendor:
    """A vendor row as a domain object."""
    return Vendor(
        id=row.id,
        legal_form=LegalForm(row.legal_form),
        name=row.name,
        npwp=row.npwp,
        nib=row.nib,
        spse_user_id=row.spse_user_id,
        email=row.email,
        phone=row.phone,
        address=row.address,
        director_name=row.director_name,
        director_nik=row.director_nik,
    )


def visit(row: VisitRow) -> Visit:
    """A visit row as a domain object."""
    return Visit(
        id=row.id,
        service_date=row.service_date,
        service_code=row.service_code,
        prefix=row.prefix,
        number=row.number,
        status=VisitStatus(row.status),
        visitor_name=row.visitor_name,
        phone=row.phone,
        priority=row.priority,
        booking_code=row.booking_code,
        loket=row.loket,
        arrived_at=row.arrived_at,
        called_at=row.called_at,
        finished_at=row.finished_at,
        served_at=row.served_at,
        served_by=row.served_by,
        booked_for=row.booked_for,
        front_since=row.front_since,
        transferred_from=row.transferred_from,
        outcome=row.outcome,
        status_note=row.status_note,
    )


def case(row: CaseRow) -> Case:
    """A case row as a domain object."""
    return Case(
        id=row.id,
        service_code=row.service_code,
        procedure=row.procedure,
        status=CaseStatus(row.status),
        vendor_id=row.vendor_id,
        visit_id=row.visit_id,
        intake_by=row.intake_by,
        created_at=row.created_at,
        handed_off_at=row.handed_off_at,
        due_at=row.due_at,
        closed_at=row.closed_at,
        bearer_name=row.bearer_name,
        bearer_is_director=row.bearer_is_director,
    )


def document_check(row: DocumentCheckRow) -> DocumentCheck:
    """A document-check row as a domain object."""
    return DocumentCheck(
        id=row.id,
        case_id=row.case_id,
        requirement_id=row.requirement_id,
        name=row.name,
        mandatory=row.mandatory,
        original_shown=row.original_shown,
        copy_received=row.copy_received,
        expiry_date=row.expiry_date,
        note=row.note,
        meterai_invalid=row.meterai_invalid,
        original_call_id=row.original_call_id,
    )


def event(row: EventRow) -> Event:
    """An event row as a domain object."""
    return Event(
        id=row.id,
        at=row.at,
        actor=row.actor,
        entity=row.entity,
        entity_id=row.entity_id,
        action=row.action,
        from_state=row.from_state,
        to_state=row.to_state,
        reason=row.reason,
    )


def document_review(row: DocumentCheckRow) -> DocumentReview:
    """A checklist row with the verifier's verdict as a domain object."""
    return DocumentReview(
        check_id=row.id,
        requirement_id=row.requirement_id,
        name=row.name,
        mandatory=row.mandatory,
        original_shown=row.original_shown,
        copy_received=row.copy_received,
        expiry_date=row.expiry_date,
        intake_note=row.note,
        verdict=DocumentVerdict(row.decision) if row.decision else None,
        reason=RefusalReason(row.decision_reason) if row.decision_reason else None,
        note=row.decision_note,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
    )


def case_change(row: CaseChangeRow) -> CaseChange:
    """A case-change row as a domain object."""
    return CaseChange(
        id=row.id,
        case_id=row.case_id,
        field=row.field,
        old_value=row.old_value,
        new_value=row.new_value,
        requested_by=row.requested_by,
        requested_at=row.requested_at,
        applied_at=row.applied_at,
    )


def notification(row: NotificationRow) -> Notification:
    """A notification row as a domain object."""
    return Notification(
        id=row.id,
        case_id=row.case_id,
        kind=NoticeKind(row.kind),
        message=row.message,
        created_at=row.created_at,
        created_by=row.created_by,
        sent_at=row.sent_at,
        sent_by=row.sent_by,
    )


def video_call(row: VideoCallRow) -> VideoCall:
    """A video-call row as a domain object."""
    return VideoCall(
        id=row.id,
        case_id=row.case_id,
        scheduled_for=row.scheduled_for,
        channel=row.channel,
        detail=row.detail,
        status=CallStatus(row.status),
        attendees=tuple(json.loads(row.attendees)),
        evidence=tuple(json.loads(row.evidence)),
        note=row.note,
        scheduled_by=row.scheduled_by,
        scheduled_at=row.scheduled_at,
        held_at=row.held_at,
        recorded_by=row.recorded_by,
        rescheduled_from=row.rescheduled_from,
    )
