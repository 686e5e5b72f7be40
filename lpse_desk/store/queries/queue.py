"""Queue tickets: issuing numbers, registering visits, calling them to a loket.

A number comes from a per-day, per-service counter row bumped inside the write
transaction (``UPDATE … RETURNING``). Reading ``MAX(number)`` and inserting the
next one would hand the same number to two desks under load.

Every move is a conditional ``UPDATE … WHERE status = <the status we saw>``: if
another desk moved the visit first, nothing changes and the caller is told. With
SQLite the write transaction (``BEGIN IMMEDIATE``) already serialises desks; on
PostgreSQL the condition is what keeps two lokets from calling the same visit.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict
from datetime import date, datetime

from sqlalchemy import update
from sqlmodel import Session, select

from lpse_desk.domain.catalog import Catalog, Service
from lpse_desk.domain.entities import Visit, VisitStatus
from lpse_desk.domain.errors import ChangedElsewhere, Conflict, ValidationError, found
from lpse_desk.domain.identifiers import check_phone, require
from lpse_desk.domain.queue.rules import (
    ACTIVE_STATUSES,
    VISITOR_NAME_LIMIT,
    QueuePolicy,
    TicketHolder,
    call_order,
    check_move,
    check_priority,
    check_visitor_name,
)
from lpse_desk.domain.reports.counter import RunningTally, tally_after
from lpse_desk.store import convert, upsert
from lpse_desk.store.queries import events, idle, lokets
from lpse_desk.store.tables.queue import QueueCallRow, QueueCounterRow, VisitRow


def issue_number(*, session: Session, service_code: str, service_date: date) -> int:
    """The next number for the service on that day; call inside a write session."""
    return upsert.bump(
        session, QueueCounterRow, keys={"service_date": service_date, "service_code": service_code}
    )


def open_service(catalog: Catalog, code: str) -> Service:
    """The catalog's service for a ticket; NotFound or Conflict (closed) in Indonesian."""
    if not code or not code.strip():
        raise ValidationError("Kode layanan wajib diisi", field="layanan")
    service = catalog.service(code)
    if not service.is_open:
        raise Conflict(f"Layanan {service.code} sedang ditutup: {service.closed_message}")
    return service


def register_visit(
    *,
    session: Session,
    service_code: str,
    prefix: str,
    service_date: date,
    arrived_at: datetime,
    actor: str,
    holder: TicketHolder = TicketHolder(),
) -> Visit:
    """Issue a number and create the waiting visit, with its event."""
    priority = check_priority(holder.priority)
    phone = holder.phone
    if phone is not None and phone.strip():
        phone = require(check_phone(phone), field="no_hp")
    else:
        phone = None
    if holder.booking_code is None:  # typed at the desk or the CLI
        name = check_visitor_name(holder.visitor_name)
    else:  # as the MPP booking file has it (checked when imported)
        name = (holder.visitor_name or "").strip() or None
        if name and len(name) > VISITOR_NAME_LIMIT:
            raise ValidationError(f"Nama paling banyak {VISITOR_NAME_LIMIT} karakter", field="nama")
    number = issue_number(session=session, service_code=service_code, service_date=service_date)
    row = VisitRow(
        service_date=service_date,
        service_code=service_code,
        prefix=prefix,
        number=number,
        status=VisitStatus.WAITING.value,
        visitor_name=name,
        phone=phone,
        priority=priority,
        booking_code=holder.booking_code,
        booked_for=holder.booked_for,
        arrived_at=arrived_at,
        moved_at=arrived_at,
    )
    booked = holder.booking_code
    events.saved(row, session=session, entity="visit", at=arrived_at, actor=actor,
                 action="nomor_diambil", to_state=VisitStatus.WAITING.value,
                 reason=f"booking {booked}" if booked else (priority or None))  # fmt: skip
    return convert.visit(row)


def take_number(
    *,
    session: Session,
    catalog: Catalog,
    service_code: str,
    now: datetime,
    actor: str,
    holder: TicketHolder = TicketHolder(),
) -> Visit:
    """A ticket for an open service of the catalog, arriving ``now``: a walk-in's, or a booked
    visitor's (the holder's booking code and slot)."""
    service = open_service(catalog, service_code)
    return register_visit(session=session, service_code=service.code,
        prefix=service.queue_prefix, service_date=now.date(), arrived_at=now, actor=actor,
        holder=holder)  # fmt: skip


def get_visit(*, session: Session, visit_id: int) -> Visit:
    """One visit; NotFound in Indonesian."""
    row = found(session.get(VisitRow, visit_id), f"Kunjungan #{visit_id} tidak ditemukan")
    return convert.visit(row)


def move_visit(
    *,
    session: Session,
    visit: Visit,
    action: str,
    at: datetime,
    actor: str,
    reason: str | None = None,
    **values,
) -> Visit:
    """Apply one allowed move with a conditional update and record its event."""
    target = check_move(visit, action)
    tally = _tally_after(session, visit, action, at)
    changed = session.execute(
        update(VisitRow)
        .where(VisitRow.id == visit.id, VisitRow.status == visit.status.value)
        .values(status=target.value, **tally, **values)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        raise ChangedElsewhere(f"{visit.ticket} baru saja diubah di loket lain.")
    if visit.loket is not None and visit.status in ACTIVE_STATUSES and target not in ACTIVE_STATUSES:
        idle.freed(session=session, loket=visit.loket, at=at)
    events.record(
        session=session,
        at=at,
        actor=actor,
        entity="visit",
        entity_id=visit.id,
        action=action,
        from_state=visit.status.value,
        to_state=target.value,
        reason=reason,
    )
    row = session.get(VisitRow, visit.id, populate_existing=True)
    return convert.visit(row)


def _tally_after(session: Session, visit: Visit, action: str, at: datetime) -> dict:
    """The report figures of the visit's row after the move (``tally_after``)."""
    row = found(session.get(VisitRow, visit.id), f"Kunjungan #{visit.id} tidak ditemukan")
    before = RunningTally(
        moved_at=row.moved_at or visit.arrived_at,
        wait_seconds=row.wait_seconds,
        serving_seconds=row.serving_seconds or 0.0,
        held_seconds=row.held_seconds or 0.0,
        first_served_at=row.first_served_at,
    )
    after = tally_after(before, state=visit.status.value, action=action, at=at,
                        arrived_at=visit.arrived_at)  # fmt: skip
    return asdict(after)


def active_at(*, session: Session, day: date, loket: int) -> Visit | None:
    """The visit called to or being served at a loket, if any."""
    row = session.exec(
        select(VisitRow).where(
            VisitRow.service_date == day,
            VisitRow.loket == loket,
            VisitRow.status.in_([s.value for s in ACTIVE_STATUSES]),
        )
    ).first()
    return convert.visit(row) if row else None


def waiting(*, session: Session, day: date, services: Collection[str] | None = None) -> list[Visit]:
    """Today's waiting visits (any order)."""
    query = select(VisitRow).where(
        VisitRow.service_date == day, VisitRow.status == VisitStatus.WAITING.value
    )
    if services:
        query = query.where(VisitRow.service_code.in_(list(services)))
    return [convert.visit(row) for row in session.exec(query).all()]


def _ready_to_call(*, session: Session, day: date, loket: int) -> None:
    lokets.require_open(session=session, loket=loket, day=day)
    busy = active_at(session=session, day=day, loket=loket)
    if busy is not None:
        raise Conflict(
            f"Loket {loket} masih menangani {busy.ticket}: selesaikan, tahan, "
            "atau tandai tidak hadir dulu."
        )


def _call(
    *, session: Session, visit: Visit, loket: int, staff_id: int | None, at: datetime, actor: str,
    waiting_since: datetime | None = None,
) -> Visit:  # fmt: skip
    """Call ``visit`` to the loket; ``waiting_since``: when the longest wait of the day began,
    when the caller has already read every waiting visit (else the idle check reads it)."""
    ending = idle.ending(session=session, loket=loket, staff_id=staff_id, at=at,
                         ended_by="dipanggil", waiting_since=waiting_since)  # fmt: skip
    called = move_visit(
        session=session,
        visit=visit,
        action="dipanggil",
        at=at,
        actor=actor,
        reason=f"loket {loket}",
        loket=loket,
        served_by=staff_id,
        called_at=at,
        front_since=None,
        status_note=None,
    )
    idle.end(session=session, loket=loket, found=ending)
    _announce(session, called, loket, at, recall=False)
    return called


def _announce(session: Session, visit: Visit, loket: int, at: datetime, *, recall: bool) -> None:
    """A call for the display board (and its voice)."""
    session.add(
        QueueCallRow(
            at=at,
            visit_id=visit.id,
            ticket=visit.ticket,
            service_code=visit.service_code,
            loket=loket,
            recall=recall,
        )
    )


def call_next(
    *,
    session: Session,
    day: date,
    now: datetime,
    loket: int,
    staff_id: int | None,
    actor: str,
    policy: QueuePolicy,
    services: Collection[str] | None = None,
) -> Visit | None:
    """Call the first visit in call order to the loket; None when nobody waits."""
    _ready_to_call(session=session, day=day, loket=loket)
    queue = waiting(session=session, day=day, services=services)
    # Every waiting visit is at hand when no service is left out: the idle check needs no query.
    since = None if services else min((v.moved_at or v.arrived_at for v in queue), default=None)
    for candidate in call_order(queue, now, policy):
        try:
            return _call(
                session=session,
                visit=candidate,
                loket=loket,
                staff_id=staff_id,
                at=now,
                actor=actor,
                waiting_since=since,
            )
        except Conflict:
            continue  # another desk took it between our read and our update
    return None


def call_visit(
    *,
    session: Session,
    visit_id: int,
    now: datetime,
    loket: int,
    staff_id: int | None,
    actor: str,
) -> Visit:
    """Call one chosen visit (waiting or back from hold) out of turn."""
    visit = get_visit(session=session, visit_id=visit_id)
    check_move(visit, "dipanggil")
    _ready_to_call(session=session, day=visit.service_date, loket=loket)
    return _call(session=session, visit=visit, loket=loket, staff_id=staff_id, at=now, actor=actor)


def recall(*, session: Session, day: date, now: datetime, loket: int, actor: str) -> Visit:
    """Announce the loket's called visit again."""
    visit = active_at(session=session, day=day, loket=loket)
    if visit is None or visit.status is not VisitStatus.CALLED:
        raise Conflict(f"Tidak ada nomor yang sedang dipanggil di loket {loket}.")
    _announce(session, visit, loket, now, recall=True)
    events.record(
        session=session,
        at=now,
        actor=actor,
        entity="visit",
        entity_id=visit.id,
        action="panggil_ulang",
        reason=f"loket {loket}",
    )
    return visit


def visits_of_day(*, session: Session, service_date: date) -> list[Visit]:
    """All visits of one WIB day, by arrival."""
    rows = session.exec(
        select(VisitRow)
        .where(VisitRow.service_date == service_date)
        .order_by(VisitRow.arrived_at, VisitRow.id)
    ).all()
    return [convert.visit(row) for row in rows]
