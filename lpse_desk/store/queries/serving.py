"""A visit at the loket: served, held, resumed, restored after a no-show, transferred,
finished, cancelled or put back; each a conditional move (``queue.move_visit``)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.entities import Visit, VisitStatus
from lpse_desk.domain.errors import Conflict, ValidationError
from lpse_desk.domain.queue.rules import (
    ACTIVE_STATUSES,
    QueuePolicy,
    check_move,
    check_outcome,
    check_outcome_matches,
    check_reason,
    no_show_expired,
)
from lpse_desk.store.queries.queue import get_visit, move_visit, open_service
from lpse_desk.store.tables.cases import CaseRow
from lpse_desk.store.tables.queue import VisitRow


def _move(session: Session, visit_id: int, action: str, now: datetime, actor: str, **values) -> Visit:
    """``queue.move_visit`` of the visit ``visit_id`` at ``now``."""
    visit = get_visit(session=session, visit_id=visit_id)
    return move_visit(session=session, visit=visit, action=action, at=now, actor=actor, **values)


def start_service(*, session: Session, visit_id: int, now: datetime, actor: str) -> Visit:
    """The called visitor has reached the loket."""
    return _move(session, visit_id, "mulai_dilayani", now, actor, served_at=now)


def hold(*, session: Session, visit_id: int, now: datetime, actor: str, reason: str) -> Visit:
    """Park the visitor (fetching a document, a meterai); the loket is free again."""
    reason = check_reason(reason, what="menahan")
    return _move(session, visit_id, "ditahan", now, actor, reason=reason, status_note=reason, loket=None)


def resume(*, session: Session, visit_id: int, now: datetime, actor: str) -> Visit:
    """A held visitor is back: to the front of the same queue."""
    return _move(session, visit_id, "kembali_antre", now, actor, front_since=now, status_note=None)


def no_show(*, session: Session, visit_id: int, now: datetime, actor: str) -> Visit:
    """The called visitor did not come; restorable within the policy's window."""
    return _move(session, visit_id, "tidak_hadir", now, actor, finished_at=now, loket=None)


def restore(
    *, session: Session, visit_id: int, now: datetime, actor: str, policy: QueuePolicy
) -> Visit:
    """A no-show turned up within the window: back at the front of the queue."""
    visit = get_visit(session=session, visit_id=visit_id)
    check_move(visit, "dipulihkan")
    if visit.finished_at and no_show_expired(visit.finished_at, now, policy):
        minutes = int(policy.no_show_window.total_seconds() // 60)
        raise Conflict(
            f"{visit.ticket} ditandai tidak hadir lebih dari {minutes} menit lalu; "
            "silakan ambil nomor baru."
        )
    return move_visit(
        session=session,
        visit=visit,
        action="dipulihkan",
        at=now,
        actor=actor,
        front_since=now,
        finished_at=None,
    )


def transfer(
    *,
    session: Session,
    catalog: Catalog,
    visit_id: int,
    to_service: str,
    now: datetime,
    actor: str,
    reason: str | None = None,
) -> Visit:
    """Move the visit to another service's queue; it keeps its ticket and arrival time."""
    visit = get_visit(session=session, visit_id=visit_id)
    service = open_service(catalog, to_service)
    if service.code == visit.service_code:
        raise ValidationError(f"{visit.ticket} sudah di antrian {service.code}", field="layanan")
    note = check_reason(reason, what="mengalihkan") if reason and reason.strip() else None
    return move_visit(
        session=session,
        visit=visit,
        action="dialihkan",
        at=now,
        actor=actor,
        reason=f"{visit.service_code} → {service.code}" + (f": {note}" if note else ""),
        service_code=service.code,
        transferred_from=visit.service_code,
        status_note=note,
        loket=None,
        front_since=None,
    )


def finish(
    *,
    session: Session,
    visit_id: int,
    now: datetime,
    actor: str,
    outcome: str,
    note: str | None = None,
    by: int | None = None,
) -> Visit:
    """Finish a served visit; an outcome is required and must match what happened.

    ``by``: the officer finishing it, from now on the one it is counted for (the counter
    report's "petugas yang menyelesaikan"): a visit left at the loket by one officer may be
    finished by the next one logged in there."""
    outcome, note = check_outcome(outcome, note)
    visit = get_visit(session=session, visit_id=visit_id)
    check_outcome_matches(outcome, handed_off=_handed_off(session, visit_id))
    finisher = {} if by is None else {"served_by": by}
    return move_visit(
        session=session,
        visit=visit,
        action="selesai",
        at=now,
        actor=actor,
        reason=f"{outcome}: {note}" if note else outcome,
        outcome=outcome,
        status_note=note,
        finished_at=now,
        **finisher,
    )


def finish_if_serving(
    *, session: Session, visit_id: int, now: datetime, actor: str, outcome: str,
    by: int | None = None,
) -> None:  # fmt: skip
    """Finish the visit when it is still being served (an intake's visit, at its receipt)."""
    row = session.get(VisitRow, visit_id)
    if row is not None and row.status == VisitStatus.SERVING.value:
        finish(session=session, visit_id=visit_id, now=now, actor=actor, outcome=outcome, by=by)


def _handed_off(session: Session, visit_id: int) -> bool:
    """Whether a case of this visit went to the verifiers (issuing hands off with the receipt)."""
    found = session.exec(
        select(CaseRow.id).where(CaseRow.visit_id == visit_id, CaseRow.handed_off_at.is_not(None))
    ).first()
    return found is not None


def cancel(*, session: Session, visit_id: int, now: datetime, actor: str, reason: str) -> Visit:
    """The visitor left the queue (waiting or on hold)."""
    reason = check_reason(reason, what="membatalkan")
    return _move(session, visit_id, "batal", now, actor, reason=reason, status_note=reason,
                 finished_at=now)  # fmt: skip


def put_back(*, session: Session, visit_id: int, loket: int, now: datetime, actor: str) -> Visit:
    """The officer leaves the loket: its called or served visit waits again in its own place.

    Call time, loket and officer are cleared so the next call starts afresh; the arrival
    time and number are kept, so the visit is called again in its original order.
    """
    visit = get_visit(session=session, visit_id=visit_id)
    if visit.status in ACTIVE_STATUSES and visit.loket != loket:
        raise Conflict(f"{visit.ticket} sedang ditangani loket {visit.loket}, bukan loket {loket}.")
    return move_visit(
        session=session,
        visit=visit,
        action="dikembalikan_ke_antrean",
        at=now,
        actor=actor,
        reason=f"loket {loket}",
        loket=None,
        served_by=None,
        called_at=None,
        served_at=None,
        front_since=None,
        status_note=None,
    )
