"""KONS and LAT in the store: a consultation or a training request recorded as a case that
closes at once, its visit finished in the same transaction."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from lpse_desk.domain.entities import Case, CaseStatus, format_ticket
from lpse_desk.domain.intake import check_consultation_length
from lpse_desk.store.queries import cases, serving
from lpse_desk.store.tables.cases import CaseRow
from lpse_desk.store.tables.queue import VisitRow


def record_light_case(
    *,
    session: Session,
    code: str,
    vendor_id: int | None,
    visit_id: int | None,
    intake_by: int | None,
    topic: str,
    advice: str | None,
    minutes: int | None,
    now: datetime,
    actor: str,
) -> Case:
    """Record a KONS/LAT case, closed at once, and finish its visit.

    The visit is finished first (refused unless it is being served), so a second
    submission or a refused finish leaves no case behind.
    """
    if visit_id is not None:
        visit = session.get(VisitRow, visit_id)
        if visit is not None and minutes is not None:
            times = [t for t in (visit.first_served_at, visit.called_at) if t is not None]
            check_consultation_length(minutes, since=min(times, default=None), now=now,
                                      ticket=format_ticket(visit.prefix, visit.number))  # fmt: skip
        serving.finish(session=session, visit_id=visit_id, now=now, actor=actor, outcome="informasi",
                       by=intake_by)  # fmt: skip
    case = cases.open_case(
        session=session,
        service_code=code,
        procedure="tatap_muka" if visit_id else "daring",
        checklist=(),
        vendor_id=vendor_id,
        visit_id=visit_id,
        intake_by=intake_by,
        bearer_is_director=True,
        now=now,
        actor=actor,
    )
    row = session.get(CaseRow, case.id)
    row.topic, row.advice, row.duration_minutes = topic, advice, minutes
    session.add(row)
    return cases.close(
        session=session, case_id=case.id, status=CaseStatus.CLOSED, now=now, actor=actor,
        reason=topic,
    )  # fmt: skip
