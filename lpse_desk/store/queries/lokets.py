"""Counters (loket): open, paused or closed, with the reason and who is there."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from lpse_desk.domain.clock import to_wib
from lpse_desk.domain.entities import VisitStatus, format_ticket
from lpse_desk.domain.errors import Conflict, NextStep
from lpse_desk.domain.queue.rules import LoketState, LoketStatus, check_reason, loket_state_on
from lpse_desk.store.queries import events, idle
from lpse_desk.store.tables.queue import LoketRow, VisitRow


def _state(row: LoketRow, day: date) -> LoketState:
    return loket_state_on(day, row.number, LoketStatus(row.status), reason=row.reason,
                          staff_id=row.staff_id, since=row.since)  # fmt: skip


def state(*, session: Session, loket: int, day: date) -> LoketState:
    """The loket's state on ``day``; a loket not opened that day counts as closed."""
    row = session.get(LoketRow, loket)
    if row is None:
        return LoketState(loket, LoketStatus.CLOSED, None, None, None)
    return _state(row, day)


def all_states(*, session: Session, day: date) -> list[LoketState]:
    """The lokets that were opened on ``day``, by number."""
    rows = session.exec(select(LoketRow).order_by(LoketRow.number)).all()
    return [_state(row, day) for row in rows if row.since.date() >= day]


def require_open(*, session: Session, loket: int, day: date) -> None:
    """Conflict (in Indonesian) unless the loket is open for calling."""
    current = state(session=session, loket=loket, day=day)
    if current.status is LoketStatus.PAUSED:
        raise Conflict(f"Loket {loket} sedang jeda ({current.reason}); buka dulu untuk memanggil.",
                       step=NextStep.OPEN_LOKET)  # fmt: skip
    if current.status is LoketStatus.CLOSED:
        raise Conflict(f"Loket {loket} tutup; buka dulu untuk memanggil.",
                       step=NextStep.OPEN_LOKET)  # fmt: skip


def _set(
    *,
    session: Session,
    loket: int,
    status: LoketStatus,
    reason: str | None,
    staff_id: int | None,
    at: datetime,
    actor: str,
) -> LoketState:
    row = session.get(LoketRow, loket)
    previous = row.status if row else None
    if row is None:
        row = LoketRow(number=loket, status=status.value, since=at)
    elif (
        previous == status.value
        and row.staff_id == staff_id
        and row.reason == reason
        and row.since.date() == at.date()
    ):
        return state(session=session, loket=loket, day=at.date())
    ending = None  # a pause or close ends the loket's idle stretch (read before it changes)
    if status is not LoketStatus.OPEN:
        ending = idle.ending(session=session, loket=loket, staff_id=staff_id, at=at,
                             ended_by=f"loket_{status.value}")  # fmt: skip
    row.status = status.value
    row.reason = reason
    row.staff_id = staff_id
    row.since = at
    free = status is LoketStatus.OPEN and _busy(session, loket, to_wib(at).date()) is None
    row.free_since = at if free else None
    session.add(row)
    session.flush()
    if ending is not None:
        idle.end(session=session, loket=loket, found=ending)
    events.record(
        session=session,
        at=at,
        actor=actor,
        entity="loket",
        entity_id=loket,
        action=f"loket_{status.value}",
        from_state=previous,
        to_state=status.value,
        reason=reason,
    )
    return state(session=session, loket=loket, day=at.date())


def _busy(session: Session, loket: int, day: date) -> VisitRow | None:
    """The visit called to or served at the loket on ``day``, if any."""
    return session.exec(
        select(VisitRow).where(
            VisitRow.service_date == day,
            VisitRow.loket == loket,
            VisitRow.status.in_([VisitStatus.CALLED.value, VisitStatus.SERVING.value]),
        )
    ).first()


def open_loket(
    *, session: Session, loket: int, staff_id: int | None, at: datetime, actor: str
) -> LoketState:
    """Open (or reopen after a pause) the loket for this staff member."""
    return _set(session=session, loket=loket, status=LoketStatus.OPEN,
                reason=None, staff_id=staff_id, at=at, actor=actor)  # fmt: skip


def pause_loket(
    *, session: Session, loket: int, staff_id: int | None, at: datetime, actor: str, reason: str
) -> LoketState:
    """Pause calling (a break, prayer, a meeting) with a reason."""
    reason = check_reason(reason, what="jeda")
    if state(session=session, loket=loket, day=at.date()).status is LoketStatus.CLOSED:
        raise Conflict(f"Loket {loket} tutup; tidak dapat dijeda.")
    return _set(session=session, loket=loket, status=LoketStatus.PAUSED,
                reason=reason, staff_id=staff_id, at=at, actor=actor)  # fmt: skip


def close_loket(
    *,
    session: Session,
    loket: int,
    staff_id: int | None,
    at: datetime,
    actor: str,
    reason: str,
) -> LoketState:
    """Close the loket with a reason; refused while it still handles a visit of ``at``'s day
    (WIB)."""
    reason = check_reason(reason, what="menutup loket")
    busy = _busy(session, loket, to_wib(at).date())
    if busy is not None:
        ticket = format_ticket(busy.prefix, busy.number)
        raise Conflict(f"Loket {loket} masih menangani {ticket}; selesaikan dulu sebelum menutup.")
    return _set(session=session, loket=loket, status=LoketStatus.CLOSED,
                reason=reason, staff_id=staff_id, at=at, actor=actor)  # fmt: skip
