"""What the head of unit's reports read: the visits of a period with their events."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from lpse_desk.domain.entities import Event, Visit
from lpse_desk.store import convert
from lpse_desk.store.queries import events
from lpse_desk.store.tables.queue import VisitRow


def visits_between(
    *,
    session: Session,
    start: date,
    end: date,
    service_code: str | None = None,
    loket: int | None = None,
    officer_id: int | None = None,
) -> list[tuple[Visit, list[Event]]]:
    """The visits taken from ``start`` to ``end`` (WIB days, both included), by arrival,
    each with its events; optionally of one service (its last), loket or serving officer."""
    query = select(VisitRow).where(VisitRow.service_date >= start, VisitRow.service_date <= end)
    if service_code is not None:
        query = query.where(VisitRow.service_code == service_code)
    if loket is not None:
        query = query.where(VisitRow.loket == loket)
    if officer_id is not None:
        query = query.where(VisitRow.served_by == officer_id)
    visits = [
        convert.visit(row) for row in session.exec(query.order_by(VisitRow.arrived_at, VisitRow.id))
    ]
    logged = events.histories(session=session, entity="visit", entity_ids=[v.id for v in visits])
    return [(visit, logged.get(visit.id, [])) for visit in visits]
