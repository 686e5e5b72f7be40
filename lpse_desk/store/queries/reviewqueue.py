"""The verifier queue: handed-off open cases by deadline, and the counts the home screen shows.

One condition (``queue_conditions``) decides which cases are with the verifiers, which
are overdue and which match the filters; the queue list and the home screen's counts
(``store.dashboard``) are both built on it, so they can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, case, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.entities import CASE_STATUS_LABELS, Case, CaseStatus
from lpse_desk.domain.review import QUEUE_STATUSES, TimeLeft, time_left
from lpse_desk.store import convert
from lpse_desk.store.tables.cases import CaseRow, DeskTicketRow
from lpse_desk.store.tables.desk import StaffRow
from lpse_desk.store.tables.vendors import VendorRow


def queue_conditions(
    *,
    status: CaseStatus | None = None,
    service: str | None = None,
    assigned_to: int | None = None,
    overdue_at: datetime | None = None,
) -> list[ColumnElement[bool]]:
    """The WHERE clause of the verifier queue and of its counts.

    Without ``status``: every handed-off open case (``QUEUE_STATUSES``). ``overdue_at``
    keeps only cases waiting for a verifier whose deadline is before that moment (a
    returned case's clock is paused, so it is never overdue).
    """
    statuses = (status,) if status is not None else QUEUE_STATUSES
    conditions = [CaseRow.status.in_([s.value for s in statuses])]
    if service:
        conditions.append(CaseRow.service_code == service.strip().upper())
    if assigned_to is not None:
        conditions.append(CaseRow.assigned_to == assigned_to)
    if overdue_at is not None:
        conditions += [
            CaseRow.status == CaseStatus.AWAITING_REVIEW.value,
            CaseRow.due_at < overdue_at,
        ]
    return conditions


def queue_count(
    *,
    session: Session,
    status: CaseStatus | None = None,
    service: str | None = None,
    overdue_at: datetime | None = None,
) -> int:
    """How many cases the verifier queue holds under these filters."""
    return session.exec(
        select(func.count())
        .select_from(CaseRow)
        .where(*queue_conditions(status=status, service=service, overdue_at=overdue_at))
    ).one()


@dataclass(frozen=True)
class ReviewLine:
    """One line of the verifier queue."""

    case: Case
    vendor_name: str
    status_label: str
    time_left: TimeLeft
    """Working time left (negative: overdue; paused for a returned case)."""
    ticket_number: str | None
    helpdesk_request_no: str | None
    assigned_to: int | None
    assigned_name: str | None

    @property
    def overdue(self) -> bool:
        """Past the deadline while waiting for a verifier."""
        return self.time_left.overdue


def time_left_of(calendar: WorkingCalendar, row: CaseRow, now: datetime) -> TimeLeft:
    """The working time the case in ``row`` has left at ``now`` (``domain.review.time_left``)."""
    return time_left(calendar, status=CaseStatus(row.status), due_at=row.due_at,
                     remaining_seconds=row.remaining_seconds, now=now)  # fmt: skip


QUEUE_ORDER = (
    # A returned case's deadline is stale while it waits on the vendor: those go last.
    case((CaseRow.status == CaseStatus.RETURNED.value, 1), else_=0),
    CaseRow.due_at.is_(None),
    CaseRow.due_at,
    CaseRow.id,
)
"""Earliest deadline first, returned (paused) cases after the rest: the queue and the CLI."""


def review_queue(
    *,
    session: Session,
    calendar: WorkingCalendar,
    now: datetime,
    status: CaseStatus | None = None,
    service: str | None = None,
    assigned_to: int | None = None,
    overdue_only: bool = False,
) -> list[ReviewLine]:
    """Handed-off open cases, earliest deadline first; returned (paused) cases after them."""
    assignee = aliased(StaffRow)
    statement = (
        select(
            CaseRow,
            VendorRow.name,
            DeskTicketRow.number,
            assignee.name,
        )
        .join(VendorRow, CaseRow.vendor_id == VendorRow.id, isouter=True)
        .join(DeskTicketRow, DeskTicketRow.case_id == CaseRow.id, isouter=True)
        .join(assignee, CaseRow.assigned_to == assignee.id, isouter=True)
        .where(
            *queue_conditions(
                status=status,
                service=service,
                assigned_to=assigned_to,
                overdue_at=now if overdue_only else None,
            )
        )
        .order_by(*QUEUE_ORDER)
    )
    lines = []
    for row, vendor_name, ticket_number, assigned_name in session.exec(statement).all():
        state = CaseStatus(row.status)
        lines.append(
            ReviewLine(
                case=convert.case(row),
                vendor_name=vendor_name or "—",
                status_label=CASE_STATUS_LABELS[state],
                time_left=time_left_of(calendar, row, now),
                ticket_number=ticket_number,
                helpdesk_request_no=row.helpdesk_request_no,
                assigned_to=row.assigned_to,
                assigned_name=assigned_name,
            )
        )
    return lines


@dataclass(frozen=True)
class CaseListLine:
    """A case of any status with its vendor, for ``lpse-desk case list``."""

    case: Case
    vendor_name: str
    status_label: str
    overdue: bool


def list_cases(
    *, session: Session, now: datetime, status: CaseStatus | None = None, overdue_only: bool = False
) -> list[CaseListLine]:
    """Cases for the unit head's morning check.

    Without a status: the handed-off open cases (the verifier queue). With one: every case
    in that status. ``overdue_only`` keeps the cases past their deadline (same condition as
    the home screen's count). Earliest deadline first, returned cases last.
    """
    if status is None or status in QUEUE_STATUSES:
        conditions = queue_conditions(status=status, overdue_at=now if overdue_only else None)
    else:
        if overdue_only:
            return []  # only a case waiting for a verifier can be overdue
        conditions = [CaseRow.status == status.value]
    statement = (
        select(CaseRow, VendorRow.name)
        .join(VendorRow, CaseRow.vendor_id == VendorRow.id, isouter=True)
        .where(*conditions)
        .order_by(*QUEUE_ORDER)
    )
    return [
        CaseListLine(
            case=convert.case(row),
            vendor_name=vendor_name or "—",
            status_label=CASE_STATUS_LABELS[CaseStatus(row.status)],
            overdue=(
                row.status == CaseStatus.AWAITING_REVIEW.value
                and row.due_at is not None
                and row.due_at < now
            ),
        )
        for row, vendor_name in session.exec(statement).all()
    ]
