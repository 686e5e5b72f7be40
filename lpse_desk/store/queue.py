"""Queue tickets: issuing numbers and registering visits.

A number comes from a per-day, per-service counter row bumped inside the write
transaction (``UPDATE … RETURNING``). Reading ``MAX(number)`` and inserting the
next one would hand the same number to two desks under load.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import update
from sqlmodel import Session, select

from lpse_desk.domain.entities import Visit, VisitStatus
from lpse_desk.store import convert, events
from lpse_desk.store.tables import QueueCounterRow, VisitRow


def issue_number(*, session: Session, service_code: str, service_date: date) -> int:
    """The next number for the service on that day; call inside a write session."""
    bumped = session.execute(
        update(QueueCounterRow)
        .where(
            QueueCounterRow.service_date == service_date,
            QueueCounterRow.service_code == service_code,
        )
        .values(last_number=QueueCounterRow.last_number + 1)
        .returning(QueueCounterRow.last_number)
    ).scalar_one_or_none()
    if bumped is not None:
        return bumped
    session.add(
        QueueCounterRow(service_date=service_date, service_code=service_code, last_number=1)
    )
    session.flush()
    return 1


def register_visit(
    *,
    session: Session,
    service_code: str,
    prefix: str,
    service_date: date,
    arrived_at: datetime,
    actor: str,
    visitor_name: str | None = None,
    phone: str | None = None,
    priority: str | None = None,
    booking_code: str | None = None,
) -> Visit:
    """Issue a number and create the waiting visit, with its event."""
    number = issue_number(session=session, service_code=service_code, service_date=service_date)
    row = VisitRow(
        service_date=service_date,
        service_code=service_code,
        prefix=prefix,
        number=number,
        status=VisitStatus.WAITING.value,
        visitor_name=visitor_name,
        phone=phone,
        priority=priority,
        booking_code=booking_code,
        arrived_at=arrived_at,
    )
    session.add(row)
    session.flush()
    events.record(
        session=session,
        at=arrived_at,
        actor=actor,
        entity="visit",
        entity_id=row.id,
        action="nomor_diambil",
        to_state=VisitStatus.WAITING.value,
    )
    return convert.visit(row)


def set_status(
    *,
    session: Session,
    visit_id: int,
    status: VisitStatus,
    at: datetime,
    actor: str,
    loket: int | None = None,
    served_by: int | None = None,
    outcome: str | None = None,
    reason: str | None = None,
) -> Visit:
    """Move a visit to ``status`` and record the transition."""
    row = session.get(VisitRow, visit_id)
    previous = row.status
    row.status = status.value
    if loket is not None:
        row.loket = loket
    if served_by is not None:
        row.served_by = served_by
    if status is VisitStatus.CALLED:
        row.called_at = at
    if status in (VisitStatus.DONE, VisitStatus.NO_SHOW, VisitStatus.CANCELLED):
        row.finished_at = at
        row.outcome = outcome
    session.add(row)
    events.record(
        session=session,
        at=at,
        actor=actor,
        entity="visit",
        entity_id=visit_id,
        action="status_antrian",
        from_state=previous,
        to_state=status.value,
        reason=reason or outcome,
    )
    return convert.visit(row)


def visits_of_day(*, session: Session, service_date: date) -> list[Visit]:
    """All visits of one WIB day, by arrival."""
    rows = session.exec(
        select(VisitRow)
        .where(VisitRow.service_date == service_date)
        .order_by(VisitRow.arrived_at, VisitRow.id)
    ).all()
    return [convert.visit(row) for row in rows]
