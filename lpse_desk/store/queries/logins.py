"""PIN attempts: lockout after repeated wrong PINs, read from the event log, and who sits
at a loket.

Nothing is kept in memory: every answer is replayed from the staff account's events, so a
restarted desk, or a second PC on the same database, sees the same lock.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, func, select

from lpse_desk.domain import actors
from lpse_desk.domain.clock import to_wib, wib_day
from lpse_desk.domain.entities import StaffMember
from lpse_desk.domain.logins import (
    CONFIRMED,
    FAILED,
    LOCK_AFTER,
    LOGGED_IN,
    LOGGED_OUT,
    LOKET_REASON,
    REFUSED_INACTIVE,
    REFUSED_LOCKED,
    SUCCESS,
    LockState,
    LoginResult,
    LoketUse,
    replay,
    until_text,
)
from lpse_desk.domain.roles import sits_at_loket
from lpse_desk.domain.security import needs_rehash, rehash_pin, verify_pin
from lpse_desk.store import convert
from lpse_desk.store.queries import events
from lpse_desk.store.tables.desk import EventRow, StaffRow


def lock_state(*, session: Session, staff_id: int) -> LockState:
    """The account's lock state, from its failures since its last right PIN."""
    of_account = (
        EventRow.entity == "staff",
        EventRow.entity_id == staff_id,
    )
    last_success = session.exec(
        select(func.max(EventRow.id)).where(*of_account, col(EventRow.action).in_(SUCCESS))
    ).one()
    query = select(EventRow.action, EventRow.at).where(*of_account, EventRow.action == FAILED)
    if last_success is not None:
        query = query.where(EventRow.id > last_success)
    return replay(session.exec(query.order_by(EventRow.id)).all())


def loket_in_use(*, session: Session, loket: int, staff_id: int, now: datetime) -> LoketUse | None:
    """Who else is logged in at ``loket`` today: their last login of the day was there and
    they have not logged out since (yesterday's logins never count)."""
    rows = session.exec(_logins_today(now).where(EventRow.entity_id != staff_id)
                        .order_by(EventRow.id)).all()  # fmt: skip
    latest: dict[int, tuple[str, str | None, datetime]] = {}
    for other, action, reason, at in rows:
        latest[other] = (action, reason, at)
    there = [
        (at, other)
        for other, (action, reason, at) in latest.items()
        if action == LOGGED_IN and reason is not None and _loket_of(reason) == loket
    ]
    if not there:
        return None
    since, other = max(there)  # two already there: name the latest
    row = session.get(StaffRow, other)
    name = row.name if row is not None else f"staf #{other}"
    return LoketUse(loket=loket, staff_id=other, name=name, since=since)


def logged_in_at(*, session: Session, staff_id: int, now: datetime) -> int | None:
    """The loket ``staff_id`` is logged in at now: where their last login of the day was,
    unless they have logged out since (None: at none, or a role at no loket)."""
    last = session.exec(_logins_today(now).where(EventRow.entity_id == staff_id)
                        .order_by(EventRow.id.desc()).limit(1)).first()  # fmt: skip
    if last is None or last.action != LOGGED_IN or last.reason is None:
        return None
    return _loket_of(last.reason)


def _logins_today(now: datetime):
    """Who logged in or out today (WIB), as (staff id, action, reason, at)."""
    start, _ = wib_day(to_wib(now).date())
    return select(EventRow.entity_id, EventRow.action, EventRow.reason, EventRow.at).where(
        EventRow.entity == "staff",
        col(EventRow.action).in_((LOGGED_IN, LOGGED_OUT)),
        EventRow.at >= start,
    )


def _loket_of(reason: str) -> int | None:
    match = LOKET_REASON.fullmatch(reason)
    return int(match.group(1)) if match else None


def attempt(
    *,
    session: Session,
    staff_id: int,
    pin: str,
    now: datetime,
    loket: int | None = None,
    loket_confirmed: bool = False,
) -> LoginResult:
    """Check one PIN for one account, in the caller's transaction, and record the attempt.

    A locked account's PIN is not checked (``masuk_ditolak_terkunci``), nor a deactivated
    one's (``masuk_ditolak_nonaktif``). A wrong PIN is
    ``masuk_gagal``; the fifth in a row locks the account. A right PIN upgrades a hash made
    with an older cost and is recorded as ``masuk`` at ``loket``, or, without a loket (the
    desk's unlock, an admin check in the CLI), as ``pin_dikonfirmasi``. A role that serves no
    queue (the verifier) logs in at no loket, whatever the PC's number. When ``loket`` is
    someone else's today and not ``loket_confirmed``, nothing is recorded and the answer
    names who is there.
    """
    state = lock_state(session=session, staff_id=staff_id)
    if state.locked_at(now):
        assert state.locked_until is not None
        _attempted(session, staff_id, now, REFUSED_LOCKED,
                   reason=f"akun terkunci sampai {until_text(state.locked_until)} WIB")  # fmt: skip
        return LoginResult(locked_until=state.locked_until)
    row = session.get(StaffRow, staff_id)
    if row is not None and not row.active:  # not a wrong PIN: no step towards a lock
        _attempted(session, staff_id, now, REFUSED_INACTIVE, reason="akun nonaktif")
        return LoginResult(inactive=True)
    if row is None or not verify_pin(pin, row.pin_hash):
        return _failed(session=session, staff_id=staff_id, now=now)
    member = convert.staff(row)
    desk_login = loket is not None
    if not sits_at_loket(member.role):
        loket = None  # a verifier serves no queue: the PC's loket is not hers to take
    if loket is not None and not loket_confirmed:
        use = loket_in_use(session=session, loket=loket, staff_id=staff_id, now=now)
        if use is not None:
            return LoginResult(loket_in_use=use)
    if needs_rehash(row.pin_hash):
        row.pin_hash = rehash_pin(pin)  # same PIN, today's cost; the login event covers it
        session.add(row)
    _attempted(session, staff_id, now, LOGGED_IN if desk_login else CONFIRMED,
               reason=f"loket {loket}" if loket is not None else None, by=member)  # fmt: skip
    return LoginResult(member=member)


def inactive_pin_matches(*, session: Session, staff_id: int, pin: str) -> StaffMember | None:
    """The deactivated account itself when ``pin`` is its PIN (a desk still open for it may
    only be closed by it), else None. Nothing is logged here: the caller says what it was."""
    row = session.get(StaffRow, staff_id)
    if row is None or row.active or not verify_pin(pin, row.pin_hash):
        return None
    return convert.staff(row)


def _attempted(
    session: Session, staff_id: int, now: datetime, action: str, *,
    reason: str | None = None, by: StaffMember | None = None,
) -> None:  # fmt: skip
    """Record one login attempt on the account, by ``by`` once the PIN is right (until then,
    by the account's number: nobody is known to be at the desk)."""
    actor = actors.actor_for(by) if by is not None else f"staf #{staff_id}"
    events.record(session=session, at=now, actor=actor, entity="staff", entity_id=staff_id,
                  action=action, reason=reason)  # fmt: skip


def _failed(*, session: Session, staff_id: int, now: datetime) -> LoginResult:
    _attempted(session, staff_id, now, FAILED, reason="PIN salah")
    after = lock_state(session=session, staff_id=staff_id)
    if after.locked_at(now):
        return LoginResult(locked_until=after.locked_until)
    return LoginResult(attempts_left=LOCK_AFTER - after.failures)


def recent_actions(
    *, session: Session, staff_id: int, actions: tuple[str, ...], since: datetime, limit: int
) -> list[tuple[str, datetime]]:
    """(action, time) of a staff account's latest events of those kinds since ``since``,
    newest first, at most ``limit``."""
    return list(
        session.exec(
            select(EventRow.action, EventRow.at)
            .where(
                EventRow.entity == "staff",
                EventRow.entity_id == staff_id,
                EventRow.action.in_(actions),
                EventRow.at >= since,
            )
            .order_by(EventRow.id.desc())
            .limit(limit)
        ).all()
    )
