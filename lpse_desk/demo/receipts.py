"""The demo's tanda terima: every case handed to the verifiers gets its receipt PDF."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import select

from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.clock import FixedClock
from lpse_desk.store.db import write_session
from lpse_desk.store.services import receipts as issuing
from lpse_desk.store.services.intake import IntakeDesk
from lpse_desk.store.tables import CaseRow, ReceiptRow, VisitRow


def issue_all(
    engine: Engine,
    *,
    catalog: Catalog,
    calendar: WorkingCalendar,
    render: Callable[..., bytes],
    receipts_dir: Path,
    now: datetime,
) -> int:
    """Issue, in hand-off order, the receipt of every handed-off case that has none.

    Returns how many were issued. The files go under ``receipts_dir``; each receipt is
    dated at its case's hand-off and names the loket that served the visit (none: daring).
    """
    desk = IntakeDesk(
        engine=engine,
        catalog=catalog,
        calendar=calendar,
        clock=FixedClock(now),
        receipts_dir=receipts_dir,
        render=render,
    )
    with write_session(engine) as session:
        has_receipt = select(ReceiptRow.case_id)
        waiting = session.exec(
            select(CaseRow.id, CaseRow.handed_off_at, VisitRow.loket)
            .join(VisitRow, CaseRow.visit_id == VisitRow.id, isouter=True)
            .where(CaseRow.handed_off_at.is_not(None), CaseRow.id.not_in(has_receipt))
            .order_by(CaseRow.handed_off_at, CaseRow.id)
        ).all()
        for case_id, handed, loket in waiting:
            issuing.issue_for_handed_off(desk, session, case_id, at=handed, loket=loket)
    return len(waiting)
