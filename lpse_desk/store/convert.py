"""Table rows → domain objects. Widgets and the domain never see ORM rows."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import fields
from functools import cache
from typing import TypeVar

from sqlmodel import SQLModel

from lpse_desk.domain.casefile import TicketInfo
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
from lpse_desk.store.tables.cases import CaseRow, DeskTicketRow, DocumentCheckRow
from lpse_desk.store.tables.desk import EventRow, StaffRow
from lpse_desk.store.tables.queue import VisitRow
from lpse_desk.store.tables.review import CaseChangeRow, NotificationRow, VideoCallRow
from lpse_desk.store.tables.vendors import VendorRow

T = TypeVar("T")


@cache
def _shared(table: type[SQLModel], domain: type) -> tuple[str, ...]:
    """The domain class's fields that the table has as columns of the same name."""
    columns = table.model_fields
    return tuple(field.name for field in fields(domain) if field.name in columns)


def _copy(row: SQLModel, domain: type[T], **given: object) -> T:
    """``domain`` from the row's columns of the same names, ``given`` (converted values)
    overriding them; a domain field the table lacks keeps its default."""
    names = _shared(type(row), domain)
    return domain(**{name: getattr(row, name) for name in names if name not in given}, **given)


def staff(row: StaffRow) -> StaffMember:
    """A staff row as a domain object (the PIN hash stays behind)."""
    return _copy(row, StaffMember, role=Role(row.role))


def vendor(row: VendorRow) -> Vendor:
    """A vendor row as a domain object."""
    return _copy(row, Vendor, legal_form=LegalForm(row.legal_form))


def visit(row: VisitRow) -> Visit:
    """A visit row as a domain object."""
    return _copy(row, Visit, status=VisitStatus(row.status))


def visit_columns() -> list:
    """The visit table's columns a ``Visit`` is made of (for reading many without the ORM)."""
    table = VisitRow.__table__
    return [table.c[name] for name in _shared(VisitRow, Visit)]


def visit_of(values: Mapping) -> Visit:
    """A ``Visit`` from a row holding ``visit_columns()`` (other columns are left aside)."""
    names = _shared(VisitRow, Visit)
    return Visit(**{**{name: values[name] for name in names}, "status": VisitStatus(values["status"])})


def case(row: CaseRow) -> Case:
    """A case row as a domain object."""
    return _copy(row, Case, status=CaseStatus(row.status))


def document_check(row: DocumentCheckRow) -> DocumentCheck:
    """A document-check row as a domain object."""
    return _copy(row, DocumentCheck)


def event(row: EventRow) -> Event:
    """An event row as a domain object."""
    return _copy(row, Event)


def document_review(row: DocumentCheckRow) -> DocumentReview:
    """A checklist row with the verifier's verdict as a domain object (its ``note`` is the
    verifier's; the row's own note is the intake's)."""
    return _copy(
        row, DocumentReview, check_id=row.id, intake_note=row.note, note=row.decision_note,
        verdict=DocumentVerdict(row.decision) if row.decision else None,
        reason=RefusalReason(row.decision_reason) if row.decision_reason else None,
    )  # fmt: skip


def ticket_attachments(row: DeskTicketRow) -> tuple[str, ...]:
    """The files a desk ticket attaches (its row keeps them as a JSON list)."""
    return tuple(json.loads(row.attachments or "[]"))


def ticket_info(row: DeskTicketRow) -> TicketInfo:
    """A desk ticket row as the case file shows it."""
    return _copy(row, TicketInfo, attachments=ticket_attachments(row))


def case_change(row: CaseChangeRow) -> CaseChange:
    """A case-change row as a domain object."""
    return _copy(row, CaseChange)


def notification(row: NotificationRow) -> Notification:
    """A notification row as a domain object."""
    return _copy(row, Notification, kind=NoticeKind(row.kind))


def video_call(row: VideoCallRow) -> VideoCall:
    """A video-call row as a domain object."""
    return _copy(
        row,
        VideoCall,
        status=CallStatus(row.status),
        attendees=tuple(json.loads(row.attendees)),
        evidence=tuple(json.loads(row.evidence)),
    )
