"""Idle time at the lokets (``domain.reports.idle``): each stretch written when the loket
calls, pauses or closes, and the stretches of a period worked out again from the event log
(migration 0013, the demo's past days)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.engine import Connection
from sqlmodel import Session

from lpse_desk.domain.clock import to_wib
from lpse_desk.domain.entities import Event, VisitStatus
from lpse_desk.domain.queue.rules import LoketStatus
from lpse_desk.domain.reports.counter import whole_seconds
from lpse_desk.domain.reports.idle import IdleStretch, replay, stretch
from lpse_desk.store import upsert
from lpse_desk.store.tables.queue import LoketIdleDayRow, LoketIdleRow, LoketRow, VisitRow

OPEN = LoketStatus.OPEN.value


def longest_wait_since(*, session: Session, day: date):
    """When the number waiting longest on ``day`` started to wait (None: nobody waits)."""
    return session.execute(
        select(func.min(func.coalesce(VisitRow.moved_at, VisitRow.arrived_at))).where(
            VisitRow.service_date == day, VisitRow.status == VisitStatus.WAITING.value
        )
    ).scalar_one_or_none()


def ending(
    *, session: Session, loket: int, staff_id: int | None, at: datetime, ended_by: str,
    waiting_since: datetime | None = None,
) -> IdleStretch | None:  # fmt: skip
    """The stretch the loket would end at ``at`` (read before the call moves its visit);
    ``waiting_since`` when the caller knows it (else read here)."""
    row = session.get(LoketRow, loket)
    if row is None or row.free_since is None:
        return None
    since = waiting_since or longest_wait_since(session=session, day=to_wib(at).date())
    return stretch(loket=loket, staff_id=staff_id, free_since=row.free_since,
                   waiting_since=since, at=at, ended_by=ended_by)  # fmt: skip


def end(*, session: Session, loket: int, found: IdleStretch | None) -> None:
    """Write the stretch (if any, with its officer's day total) and mark the loket busy,
    paused or closed."""
    if found is not None:
        session.add(_row(found))
        if found.staff_id is not None:
            upsert.add(session, LoketIdleDayRow, column="seconds", amount=whole_seconds(
                found.ended - found.started), keys={"service_date": found.service_date,
                "staff_id": found.staff_id, "loket": found.loket})  # fmt: skip
    row = session.get(LoketRow, loket)
    if row is not None and row.free_since is not None:
        row.free_since = None
        session.add(row)
    session.flush()


def freed(*, session: Session, loket: int, at: datetime) -> None:
    """The loket's visitor left it at ``at``: free from then on, if it is open today."""
    row = session.get(LoketRow, loket)
    if row is not None and row.status == OPEN and to_wib(row.since).date() == to_wib(at).date():
        row.free_since = at
        session.add(row)
        session.flush()


def _values(found: IdleStretch) -> dict:
    """A stretch as the columns of its ``loket_idle`` row."""
    return {"loket": found.loket, "staff_id": found.staff_id,
            "service_date": found.service_date, "started_at": found.started,
            "ended_at": found.ended, "seconds": found.seconds, "ended_by": found.ended_by}  # fmt: skip


def _row(found: IdleStretch) -> LoketIdleRow:
    return LoketIdleRow(**_values(found))


def stretches_between(*, session: Session, start: date, end: date) -> list[IdleStretch]:
    """The kept stretches of ``start`` to ``end``, in the order they ended."""
    rows = session.execute(
        select(LoketIdleRow)
        .where(LoketIdleRow.service_date >= start, LoketIdleRow.service_date <= end)
        .order_by(LoketIdleRow.ended_at, LoketIdleRow.id)
    ).scalars()
    return [
        IdleStretch(row.loket, row.staff_id, row.service_date, row.started_at, row.ended_at,
                    row.ended_by)  # fmt: skip
        for row in rows
    ]


def replayed(bind: Connection | Session, event: Table) -> list[IdleStretch]:
    """Every stretch the event log gives (``domain.reports.idle.replay``). ``event`` is a table
    object, so a migration can pass its own stub of the table as it was at its revision."""
    rows = bind.execute(
        select(event.c.id, event.c.at, event.c.actor, event.c.entity, event.c.entity_id,
               event.c.action, event.c.from_state, event.c.to_state, event.c.reason)  # fmt: skip
        .where(event.c.entity.in_(("visit", "loket")))
        .order_by(event.c.at, event.c.id)
    )
    return replay(Event(*values) for values in rows)


def write_all(
    bind: Connection | Session, idle: Table, per_day: Table, stretches: Iterable[IdleStretch],
    before: date | None = None,
) -> None:  # fmt: skip
    """Replace the kept stretches and day totals (of the days before ``before``, or all) with
    ``stretches`` (of those days). ``idle`` and ``per_day`` are the two tables (a migration
    passes its stubs)."""
    for table in (idle, per_day):
        if before is None:
            bind.execute(delete(table))
        else:
            bind.execute(delete(table).where(table.c.service_date < before))
    stretches = [one for one in stretches if before is None or one.service_date < before]
    totals: Counter[tuple[date, int, int]] = Counter()
    for one in stretches:
        if one.staff_id is not None:
            totals[(one.service_date, one.staff_id, one.loket)] += whole_seconds(
                one.ended - one.started)  # fmt: skip
    if totals:
        bind.execute(insert(per_day), [
            {"service_date": day, "staff_id": staff_id, "loket": loket, "seconds": seconds}
            for (day, staff_id, loket), seconds in totals.items()
        ])  # fmt: skip
    if stretches:
        bind.execute(insert(idle), [_values(one) for one in stretches])


def refresh(*, session: Session, before: date) -> None:
    """The stretches of the days before ``before`` worked out again from the event log (the
    demo's past days, written in bulk without the desk's moves)."""
    from lpse_desk.store.tables.desk import EventRow

    write_all(session, LoketIdleRow.__table__, LoketIdleDayRow.__table__,
              replayed(session, EventRow.__table__), before)  # fmt: skip
