"""The case report's figures: what the desk writes at a return and a decision, and what the
report reads back for a period (a year of 30,000 cases in a few queries)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, update
from sqlmodel import Session, select

from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.clock import WIB
from lpse_desk.domain.entities import OPEN_CASE_STATUSES, CaseStatus
from lpse_desk.domain.reports.cases import (
    CONCLUDED,
    Decision,
    OpenCase,
    Return,
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


# --- what the report reads ---------------------------------------------------------------


@dataclass(frozen=True)
class CaseFilter:
    """Which cases a report reads: from ``start`` to ``end`` (WIB days, both in), optionally
    of one service or one verifier (decided, returned, or assigned for the open ones)."""

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

    concluded = select(
        CaseRow.id, CaseRow.service_code, CaseRow.status, CaseRow.decided_by,
        CaseRow.concluded_at, CaseRow.worked_seconds,
    ).where(CaseRow.concluded_at >= low, CaseRow.concluded_at < high,
            *chosen.of_service(CaseRow.service_code))  # fmt: skip
    if mine is not None:
        concluded = concluded.where(CaseRow.decided_by == mine)
    rows = session.execute(concluded.order_by(CaseRow.concluded_at, CaseRow.id)).all()
    unknown = [row.id for row in rows if row.worked_seconds is None]
    worked_now = {}
    if unknown:  # concluded before revision 0012: from their events
        logged = events.histories(session=session, entity="case", entity_ids=unknown)
        worked_now = {cid: worked_of(logged.get(cid, []), calendar).seconds for cid in unknown}
    decisions = [
        Decision(
            case_id=row.id,
            service_code=row.service_code,
            verdict=row.status if row.status in CONCLUDED else CaseStatus.APPROVED.value,
            decided_by=row.decided_by,
            concluded_at=row.concluded_at,
            worked=timedelta(seconds=worked_now.get(row.id, row.worked_seconds) or 0),
            standard=standard(row.service_code),
        )
        for row in rows
    ]

    returned = (
        select(CaseReturnRow.case_id, CaseRow.service_code, CaseReturnRow.returned_by,
               CaseReturnRow.returned_at, CaseReturnRow.reasons)
        .join(CaseRow, CaseRow.id == CaseReturnRow.case_id)
        .where(CaseReturnRow.returned_at >= low, CaseReturnRow.returned_at < high,
               *chosen.of_service(CaseRow.service_code))
    )  # fmt: skip
    if mine is not None:
        returned = returned.where(CaseReturnRow.returned_by == mine)
    returns = [
        Return(case_id, code, by, at, tuple(reasons.split(",")) if reasons else ())
        for case_id, code, by, at, reasons in session.execute(
            returned.order_by(CaseReturnRow.returned_at, CaseReturnRow.id)
        )
    ]

    still = select(CaseRow.id, CaseRow.service_code, CaseRow.status, CaseRow.assigned_to,
                   CaseRow.due_at).where(
        CaseRow.status.in_([status.value for status in OPEN_CASE_STATUSES
                            if status is not CaseStatus.INTAKE]),
        *chosen.of_service(CaseRow.service_code))  # fmt: skip
    if mine is not None:
        still = still.where(CaseRow.assigned_to == mine)
    open_cases = []
    for case_id, code, status, assigned, due in session.execute(still.order_by(CaseRow.id)):
        late = None
        if status == CaseStatus.AWAITING_REVIEW.value and due is not None:
            left = calendar.remaining(due, now)
            late = -left if left < timedelta(0) else None
        open_cases.append(OpenCase(case_id, code, status, assigned, due, late))
    return CaseInputs(handed_off, decisions, returns, open_cases)

