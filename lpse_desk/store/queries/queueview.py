"""What the queue screen and the display board show, read in one go."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, select

from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.entities import VisitStatus
from lpse_desk.domain.queue.rules import ACTIVE_STATUSES, QueuePolicy, call_order, no_show_expired
from lpse_desk.domain.queue.view import BoardView, Call, QueueView, ServiceCount
from lpse_desk.store import convert
from lpse_desk.store.queries import lokets
from lpse_desk.store.tables.desk import EventChainRow
from lpse_desk.store.tables.queue import QueueCallRow, VisitRow


def change_marker(*, session: Session) -> int:
    """A number that grows with every change another desk can see: the event chain's end.

    Every change records an event, and every writer of an event moves the chain's one end
    row inside its transaction, holding it until it commits (on PostgreSQL the store's write
    lock is taken first, too): so the end moves in commit order on both engines, and a desk
    that read a number has seen every change up to it. One primary-key row: the cheapest
    read a desk can poll several times a second."""
    return session.exec(
        select(func.coalesce(func.max(EventChainRow.last_id), 0)).where(EventChainRow.id == 1)
    ).one()


def _per_service(catalog: Catalog, counts: dict[str, int]) -> tuple[ServiceCount, ...]:
    """Open services (and closed ones someone still waits for), in catalog order."""
    return tuple(
        ServiceCount(service.code, service.queue_prefix, service.name, counts.get(service.code, 0))
        for service in catalog.services.values()
        if service.is_open or counts.get(service.code)
    )


def queue_view(
    *, session: Session, catalog: Catalog, day: date, now: datetime, policy: QueuePolicy
) -> QueueView:
    """Today's waiting list in call order, who is at which loket, held and no-shows."""
    marker = change_marker(session=session)
    rows = session.exec(
        select(VisitRow).where(VisitRow.service_date == day).order_by(VisitRow.arrived_at)
    ).all()
    visits = [convert.visit(row) for row in rows]
    waiting = [v for v in visits if v.status is VisitStatus.WAITING]
    return QueueView(
        day=day,
        now=now,
        waiting=tuple(call_order(waiting, now, policy)),
        active=tuple(v for v in visits if v.status in ACTIVE_STATUSES),
        held=tuple(v for v in visits if v.status is VisitStatus.ON_HOLD),
        no_shows=tuple(
            v
            for v in visits
            if v.status is VisitStatus.NO_SHOW
            and v.finished_at
            and not no_show_expired(v.finished_at, now, policy)
        ),
        finished=sum(1 for v in visits if v.status is VisitStatus.DONE),
        per_service=_per_service(catalog, Counter(v.service_code for v in waiting)),
        lokets=tuple(lokets.all_states(session=session, day=day)),
        marker=marker,
    )


def board_view(
    *, session: Session, catalog: Catalog, day: date, now: datetime, recent: int = 6
) -> BoardView:
    """The board's figures for today."""
    start = datetime.combine(day, datetime.min.time(), tzinfo=now.tzinfo)
    rows = session.exec(
        select(QueueCallRow, VisitRow.status, VisitRow.loket)
        .join(VisitRow, QueueCallRow.visit_id == VisitRow.id)
        .where(QueueCallRow.at >= start)
        .order_by(QueueCallRow.id.desc())
        .limit(200)
    ).all()
    calls = [
        (Call(r.id, r.at, r.ticket, r.loket, r.recall), status, at_loket)
        for r, status, at_loket in rows
    ]
    current: dict[int, Call] = {}
    seen_lokets: set[int] = set()
    for call, status, at_loket in calls:
        if call.loket in seen_lokets:
            continue
        seen_lokets.add(call.loket)
        # The visit may since have been called to another loket (after a hold, a
        # restored no-show or a transfer): only the loket it is at now shows it.
        if (
            status in (VisitStatus.CALLED.value, VisitStatus.SERVING.value)
            and at_loket == call.loket
        ):
            current[call.loket] = call
    recent_calls: list[Call] = []
    for call, _, _ in calls:
        if call.recall or any(c.ticket == call.ticket for c in recent_calls):
            continue
        recent_calls.append(call)
        if len(recent_calls) == recent:
            break
    waiting = session.exec(
        select(VisitRow.service_code, func.count())
        .where(VisitRow.service_date == day, VisitRow.status == VisitStatus.WAITING.value)
        .group_by(VisitRow.service_code)
    ).all()
    return BoardView(
        now=now,
        current=tuple(current[number] for number in sorted(current)),
        recent=tuple(recent_calls),
        per_service=_per_service(catalog, dict(waiting)),
        lokets=tuple(lokets.all_states(session=session, day=day)),
        last_call_id=calls[0][0].id if calls else 0,
    )
