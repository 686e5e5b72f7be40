"""The case report's figures: what the desk writes at a return and a decision, and what the
report reads back for a period (a year of 30,000 cases in a few queries)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, select

from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.clock import WIB
from lpse_desk.domain.entities import OPEN_CASE_STATUSES, CaseStatus
from lpse_desk.domain.reports.cases import (
    CONCLUDED,
    LATE_LISTED,
    Decision,
    OpenCase,
    Return,
    latest,
    worked_of,
)
from lpse_desk.store.queries import events
from lpse_desk.store.tables.cases import CaseReturnRow, CaseRow

# --- what the desk writes ----------------------------------------------------------------


def record_return(
    *, session: Session, case_id: int, at: datetime, by: int | None, reasons: Sequence[str]
) -> None:
    """One return to the vendor with the rejected documents' reason codes (one each)."""
    session.add(CaseReturnRow(case_id=case_id, returned_at=at, returned_by=by,
                              reasons=",".join(reasons)[:300]))  # fmt: skip


def conclude(*, session: Session, case_id: int, calendar: WorkingCalendar) -> None:
    """After an approval or rejection: the case's working time with the verifiers, from its
    events (``worked_of``), kept on the row for the report."""
    worked = worked_of(events.history(session=session, entity="case", entity_id=case_id), calendar)
    session.execute(
        update(CaseRow)
        .where(CaseRow.id == case_id)
        .values(concluded_at=worked.concluded_at, worked_seconds=worked.seconds)
        .execution_options(synchronize_session=False)
    )


def conclude_all(*, session: Session, calendar: WorkingCalendar) -> int:
    """``conclude`` every concluded case that has no working time yet (cases written in bulk:
    the demo, the benchmarks); how many."""
    ids = list(session.exec(select(CaseRow.id).where(
        CaseRow.status.in_(CONCLUDED), CaseRow.worked_seconds.is_(None))))  # fmt: skip
    logged = events.histories(session=session, entity="case", entity_ids=ids)
    for case_id in ids:
        worked = worked_of(logged.get(case_id, []), calendar)
        session.execute(
            update(CaseRow)
            .where(CaseRow.id == case_id)
            .values(concluded_at=worked.concluded_at, worked_seconds=worked.seconds)
            .execution_options(synchronize_session=False)
        )
    return len(ids)


def _with_dates(session: Session, decisions: list[Decision]) -> list[Decision]:
    """The decisions, the late ones the report lists with their conclusion time (read for
    those only: a year's 30,000 timestamps cost more than the rest of the report)."""
    late = latest((one for one in decisions if one.worked > one.standard), LATE_LISTED)
    if not late:
        return decisions
    when = dict(session.execute(select(CaseRow.id, CaseRow.concluded_at).where(
        CaseRow.id.in_([one.case_id for one in late]))).all())  # fmt: skip
    return [one._replace(concluded_at=when[one.case_id]) if one.case_id in when else one
            for one in decisions]  # fmt: skip


# --- what the report reads ---------------------------------------------------------------


@dataclass(frozen=True)
class CaseFilter:
    """Which cases a report reads: from ``start`` to ``end`` (WIB days, both in), optionally
    of one service or one verifier (decided, returned, or for the open ones assigned, or
    returned by him and waiting with the vendor)."""

    start: date
    end: date
    service_code: str | None = None
    officer_id: int | None = None

    def bounds(self) -> tuple[datetime, datetime]:
        """The period as instants: from 00.00 WIB of ``start`` to 00.00 WIB after ``end``."""
        low = datetime.combine(self.start, time(0), tzinfo=WIB)
        return low, datetime.combine(self.end + timedelta(days=1), time(0), tzinfo=WIB)

    def of_service(self, column) -> list:
        return [] if self.service_code is None else [column == self.service_code]


@dataclass(frozen=True)
class CaseInputs:
    """What the domain's ``case_report`` is made of."""

    handed_off: Mapping[str, int]
    decisions: list[Decision]
    returns: list[Return]
    open_cases: list[OpenCase]


def case_inputs(
    *,
    session: Session,
    chosen: CaseFilter,
    standards: Mapping[str, timedelta],
    default_standard: timedelta,
    calendar: WorkingCalendar,
    now: datetime,
) -> CaseInputs:
    """The period's hand-offs, decisions and returns and the cases open at ``now``."""
    low, high = chosen.bounds()
    mine = chosen.officer_id

    def standard(code: str) -> timedelta:
        return standards.get(code, default_standard)

    handed = select(CaseRow.service_code, func.count()).where(
        CaseRow.handed_off_at >= low, CaseRow.handed_off_at < high,
        *chosen.of_service(CaseRow.service_code))  # fmt: skip
    if mine is not None:
        handed = handed.where((CaseRow.assigned_to == mine) | (CaseRow.decided_by == mine))
    handed_off = dict(session.execute(handed.group_by(CaseRow.service_code)).all())

    # A year: 30,000 rows, read through Core (the ORM's row handling doubles the time).
    case = CaseRow.__table__.c
    concluded = sa_select(
        case.id, case.service_code, case.status, case.decided_by, case.worked_seconds
    ).where(case.concluded_at >= low, case.concluded_at < high,
            *chosen.of_service(case.service_code))  # fmt: skip
    if mine is not None:
        concluded = concluded.where(case.decided_by == mine)
    rows = session.connection().execute(concluded.order_by(case.concluded_at, case.id)).all()
    unknown = [case_id for case_id, _code, _status, _by, worked in rows if worked is None]
    worked_now: dict[int, int | None] = {}
    if unknown:  # concluded before revision 0012: from their events
        logged = events.histories(session=session, entity="case", entity_ids=unknown)
        worked_now = {cid: worked_of(logged.get(cid, []), calendar).seconds for cid in unknown}
    limits = {code: standard(code) for code in {row[1] for row in rows}}
    decisions = [
        Decision(case_id, code, status if status in CONCLUDED else CaseStatus.APPROVED.value,
                 by, None, timedelta(seconds=worked_now.get(case_id, worked) or 0),
                 limits[code])  # fmt: skip
        for case_id, code, status, by, worked in rows
    ]
    decisions = _with_dates(session, decisions)

    back = CaseReturnRow.__table__.c
    returned = (
        sa_select(back.case_id, case.service_code, back.returned_by, back.returned_at,
                  back.reasons)
        .join_from(CaseReturnRow.__table__, CaseRow.__table__, case.id == back.case_id)
        .where(back.returned_at >= low, back.returned_at < high,
               *chosen.of_service(case.service_code))
    )  # fmt: skip
    if mine is not None:
        returned = returned.where(back.returned_by == mine)
    returns = [
        Return(case_id, code, by, at, tuple(reasons.split(",")) if reasons else ())
        for case_id, code, by, at, reasons in session.connection().execute(
            returned.order_by(back.returned_at, back.id)
        )
    ]

    # A verifier's open cases: those assigned to him, and those he returned that wait with
    # the vendor (his "dikembalikan" above must not vanish from "di tangan penyedia" here).
    still = select(CaseRow.id, CaseRow.service_code, CaseRow.status, CaseRow.assigned_to,
                   CaseRow.due_at).where(
        CaseRow.status.in_([status.value for status in OPEN_CASE_STATUSES
                            if status is not CaseStatus.INTAKE]),
        *chosen.of_service(CaseRow.service_code))  # fmt: skip
    if mine is not None:
        returned_by_mine = (CaseRow.status == CaseStatus.RETURNED.value) & (
            CaseRow.decided_by == mine
        )
        still = still.where((CaseRow.assigned_to == mine) | returned_by_mine)
    open_cases = []
    for case_id, code, status, assigned, due in session.execute(still.order_by(CaseRow.id)):
        late = None
        if status == CaseStatus.AWAITING_REVIEW.value and due is not None:
            left = calendar.remaining(due, now)
            late = -left if left < timedelta(0) else None
        open_cases.append(OpenCase(case_id, code, status, assigned, due, late))
    return CaseInputs(handed_off, decisions, returns, open_cases)

