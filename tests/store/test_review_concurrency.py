"""Two verifiers (processes) deciding the same cases at the same moment: only one ever wins."""

from __future__ import annotations

import multiprocessing

import pytest
from sqlmodel import select

from lpse_desk import paths
from lpse_desk.catalog import load_catalog
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.clock import FixedClock
from lpse_desk.domain.entities import CaseStatus
from lpse_desk.domain.errors import Conflict
from lpse_desk.store.db import make_engine, read_session
from lpse_desk.store.services.review import ReviewDesk
from lpse_desk.store.tables.cases import CaseRow
from lpse_desk.store.tables.desk import EventRow
from lpse_desk.store.tables.review import NotificationRow
from tests.conftest import FROZEN_NOW
from tests.store.reviewcases import accept_everything, desks, handed_off, make_team

CASES = 6
DECISIONS = ("disetujui", "ditolak", "dikembalikan_ke_penyedia")


@pytest.fixture
def catalog(desk_home):
    return load_catalog()


@pytest.fixture
def calendar(desk_home):
    return WorkingCalendar.from_file(paths.calendar_file())


def _verifier(url, calendar_file, who, how, case_ids, start, results) -> None:
    """One verifier's desk: at each case, wait for the other, then decide it."""
    desk = ReviewDesk(engine=make_engine(url), catalog=load_catalog(),
                      calendar=WorkingCalendar.from_file(calendar_file),
                      clock=FixedClock(FROZEN_NOW))  # fmt: skip
    outcome = []
    for case_id in case_ids:
        start.wait(timeout=20)
        try:
            if how == "approve":
                desk.approve(who, case_id)
            elif how == "reject":
                # A returned case may be rejected too (the vendor never came back), so
                # the rejecting verifier says what they saw, as the screen does: a case
                # returned by a colleague meanwhile is then refused, not closed over it.
                desk.reject(who, case_id, reason="tidak_lengkap", note="uji",
                            seen=CaseStatus.AWAITING_REVIEW)  # fmt: skip
            else:
                desk.return_to_vendor(who, case_id, note="Lengkapi akta")
            outcome.append((case_id, "won"))
        except Conflict:
            outcome.append((case_id, "lost"))
    desk.engine.dispose()
    results.put((how, outcome))


@pytest.mark.slow
def test_two_verifiers_deciding_at_once_never_both_win(
    engine, db_url, catalog, calendar, clock, tmp_path
):
    team = make_team(engine, clock)
    intake, review = desks(engine, catalog, calendar, clock, tmp_path)
    case_ids = []
    for serial in range(CASES):
        case_id = handed_off(intake, engine, clock, team.officer, serial=500 + serial)
        accept_everything(review, team.verifier, case_id)
        case_ids.append(case_id)
    engine.dispose()  # no connection may cross the fork

    fork = multiprocessing.get_context("fork")
    start = fork.Barrier(3)
    results = fork.Queue()
    plans = (("approve", team.verifier), ("reject", team.verifier2), ("return", team.admin))
    workers = [
        fork.Process(target=_verifier,
                     args=(db_url, paths.calendar_file(), who, how, case_ids, start, results))
        for how, who in plans
    ]  # fmt: skip
    for worker in workers:
        worker.start()
    try:
        outcomes = dict(results.get(timeout=60) for _ in workers)
    finally:
        for worker in workers:
            worker.join(timeout=30)
            if worker.is_alive():
                worker.kill()
    assert [worker.exitcode for worker in workers] == [0, 0, 0]

    with read_session(engine) as session:
        for case_id in case_ids:
            winners = [how for how, result in outcomes.items() if (case_id, "won") in result]
            assert len(winners) == 1, f"case {case_id}: {winners} all won"
            decided = session.exec(
                select(EventRow.action).where(
                    EventRow.entity == "case",
                    EventRow.entity_id == case_id,
                    EventRow.action.in_(DECISIONS),
                )
            ).all()
            assert len(decided) == 1, f"case {case_id} decided twice: {decided}"
            expected = {"approve": "disetujui", "reject": "ditolak",
                        "return": "dikembalikan_ke_penyedia"}[winners[0]]  # fmt: skip
            assert decided == [expected]
            assert session.get(CaseRow, case_id).status == {
                "approve": "disetujui", "reject": "ditolak", "return": "dikembalikan",
            }[winners[0]]  # fmt: skip
            notes = session.exec(
                select(NotificationRow).where(NotificationRow.case_id == case_id)
            ).all()
            assert len(notes) == 1
