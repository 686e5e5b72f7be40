"""Several lokets (processes) calling from one SQLite queue at the same moment."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from datetime import datetime

import pytest
from sqlmodel import select

from lpse_desk.catalog import load_catalog
from lpse_desk.domain import actors
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.clock import WIB, FixedClock
from lpse_desk.domain.entities import StaffMember, VisitStatus
from lpse_desk.domain.queue.rules import QueuePolicy
from lpse_desk.domain.roles import Role
from lpse_desk.paths import shipped_data_dir
from lpse_desk.store.db import make_engine, read_session, write_session
from lpse_desk.store.queries import staff
from lpse_desk.store.services.queue import QueueDesk
from lpse_desk.store.tables.desk import EventRow
from lpse_desk.store.tables.queue import QueueCallRow
from tests.store.actors import KIOS

LOKETS = (1, 2, 3, 4)
VISITS = 60
MOMENT = datetime(2026, 6, 10, 9, 30, tzinfo=WIB)


def _desk(url: str) -> QueueDesk:
    data = shipped_data_dir()
    return QueueDesk(
        engine=make_engine(url),
        catalog=load_catalog(data / "catalog.toml"),
        calendar=WorkingCalendar.from_file(data / "calendar.toml"),
        clock=FixedClock(MOMENT),
        policy=QueuePolicy(),
    )


ROUNDS = VISITS // len(LOKETS) + 1
"""Enough rounds for every visit, plus one in which every loket finds the queue empty."""


def _officer(loket: int) -> StaffMember:
    """The counter officer of a loket (account id = loket number in a fresh database)."""
    return StaffMember(id=loket, name=f"Petugas Loket {loket}", role=Role.PETUGAS, active=True)


def _loket_of(actor: str) -> int:
    return next(n for n in LOKETS if actor == actors.actor_for(_officer(n)))


def _loket(url: str, loket: int, serving, results) -> None:
    """One loket: each round call the next visitor, wait until every loket has called
    (a visitor takes minutes at the counter), then serve and finish them."""
    desk = _desk(url)
    who = _officer(loket)
    served = []
    for _ in range(ROUNDS):
        visit = desk.call_next(who, loket)
        serving.wait(timeout=10)
        if visit is not None:
            desk.start(who, visit.id)
            desk.finish(who, visit.id, "informasi")
            served.append(visit.id)
    desk.engine.dispose()
    results.put((loket, served))


def _replay(log: list[EventRow]) -> tuple[dict[int, int], int]:
    """Walk the event log in commit order; who served each visit and the most lokets busy at once.

    Fails when a loket is given a visit while it still handles one, or a visit is
    called twice.
    """
    busy: dict[int, int] = {}  # loket → visit
    served_by: dict[int, int] = {}  # visit → loket
    most_busy = 0
    for event in log:
        if event.action == "dipanggil":
            loket = int(event.reason.removeprefix("loket "))
            assert event.actor == actors.actor_for(_officer(loket))
            assert loket not in busy, f"loket {loket} got visit {event.entity_id} while busy"
            assert event.entity_id not in served_by, f"visit {event.entity_id} called twice"
            busy[loket] = event.entity_id
            served_by[event.entity_id] = loket
            most_busy = max(most_busy, len(busy))
        elif event.action in ("mulai_dilayani", "selesai"):
            loket = _loket_of(event.actor)
            assert busy.get(loket) == event.entity_id, "a loket moved a visit it does not hold"
            if event.action == "selesai":
                del busy[loket]
    assert busy == {}
    return served_by, most_busy


@pytest.mark.slow
def test_lokets_calling_at_once_call_every_visit_exactly_once(engine, db_url):
    desk = _desk(db_url)
    with write_session(engine) as session:
        for loket in LOKETS:
            made = staff.create(session=session, name=_officer(loket).name, role=Role.PETUGAS,
                                pin="2468", actor="uji", now=MOMENT)  # fmt: skip
            assert made.id == loket
    taken = [desk.take(KIOS, ("REG", "UBAH", "UID")[n % 3]).id for n in range(VISITS)]
    for loket in LOKETS:
        desk.open_loket(_officer(loket), loket)
    # No connection may cross the fork: each loket opens its own engine, like a separate desk.
    desk.engine.dispose()
    engine.dispose()

    fork = multiprocessing.get_context("fork")  # spawn would spend seconds re-importing
    serving = fork.Barrier(len(LOKETS))
    results = fork.Queue()
    lokets = [
        fork.Process(target=_loket, args=(db_url, loket, serving, results)) for loket in LOKETS
    ]
    for process in lokets:
        process.start()
    try:
        per_loket = dict(results.get(timeout=30) for _ in lokets)
    finally:
        for process in lokets:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
    assert [process.exitcode for process in lokets] == [0] * len(LOKETS)

    served = Counter(visit for visits in per_loket.values() for visit in visits)
    assert sorted(served) == sorted(taken), "a visit was left waiting or never existed"
    assert set(served.values()) == {1}, "a visit was served at two lokets"

    with read_session(engine) as session:
        log = session.exec(
            select(EventRow).where(EventRow.entity == "visit").order_by(EventRow.id)
        ).all()
        calls = session.exec(select(QueueCallRow)).all()
        served_by, most_busy = _replay(log)
        assert sorted(call.visit_id for call in calls) == sorted(taken)
    assert served_by == {visit: loket for loket, visits in per_loket.items() for visit in visits}
    assert all(v.status is VisitStatus.DONE for v in desk.visits())
    # Every loket held a visitor at the same moment while the next calls raced.
    assert most_busy == len(LOKETS)
    assert sorted(len(visits) for visits in per_loket.values()) == [VISITS // len(LOKETS)] * len(
        LOKETS
    )
