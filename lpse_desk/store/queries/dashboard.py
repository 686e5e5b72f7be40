"""The day at a glance: the figures on the home screen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, select

from lpse_desk.domain.entities import CaseStatus, VisitStatus
from lpse_desk.store.queries import reviewqueue
from lpse_desk.store.tables.queue import VisitRow


@dataclass(frozen=True)
class DaySummary:
    """Counts shown on the home screen."""

    waiting: int
    """In the line now (as the queue's "menunggu"); the held ones are ``on_hold``."""
    on_hold: int
    being_served: int
    served_today: int
    handed_to_verifiers: int
    overdue: int


def _count_visits(session: Session, day: date, statuses: tuple[VisitStatus, ...]) -> int:
    return session.exec(
        select(func.count())
        .select_from(VisitRow)
        .where(VisitRow.service_date == day, VisitRow.status.in_([s.value for s in statuses]))
    ).one()


def awaiting_review_count(*, session: Session) -> int:
    """Cases handed to the verifiers and not yet decided (the verifier queue's own condition)."""
    return reviewqueue.queue_count(session=session, status=CaseStatus.AWAITING_REVIEW)


def overdue_count(*, session: Session, now: datetime) -> int:
    """Cases with the verifiers whose deadline has passed (the queue's overdue condition)."""
    return reviewqueue.queue_count(session=session, overdue_at=now)


def day_summary(*, session: Session, day: date, now: datetime) -> DaySummary:
    """Waiting, being served and served today; cases with verifiers and overdue."""
    return DaySummary(
        waiting=_count_visits(session, day, (VisitStatus.WAITING,)),
        on_hold=_count_visits(session, day, (VisitStatus.ON_HOLD,)),
        being_served=_count_visits(session, day, (VisitStatus.CALLED, VisitStatus.SERVING)),
        served_today=_count_visits(session, day, (VisitStatus.DONE,)),
        handed_to_verifiers=awaiting_review_count(session=session),
        overdue=overdue_count(session=session, now=now),
    )
