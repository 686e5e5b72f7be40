"""Several desks (processes) taking queue numbers from one SQLite file at the same moment."""

from __future__ import annotations

from datetime import date

import pytest

from lpse_desk.store.db import make_engine, read_session, write_session
from lpse_desk.store.queries.queue import issue_number
from lpse_desk.store.tables.queue import QueueCounterRow
from tests.processes import desk_processes

PROCESSES = 4
NUMBERS_EACH = 250
SERVICE_DAY = date(2026, 6, 10)


def _take_numbers(url: str, service_code: str, start, results) -> None:
    """One desk: wait for the others, then take numbers, each in its own transaction."""
    engine = make_engine(url)
    taken = []
    start.wait(timeout=60)
    for _ in range(NUMBERS_EACH):
        with write_session(engine) as session:
            taken.append(
                issue_number(session=session, service_code=service_code, service_date=SERVICE_DAY)
            )
    engine.dispose()
    results.put(taken)


ROUNDS = 3
"""Rounds allowed to observe interleaving: on a loaded machine one desk can, by luck,
take all its numbers before the others are scheduled (SQLite's lock is not fair)."""


def _run_desks(db_url: str, service_code: str) -> list[list[int]]:
    processes = desk_processes()
    start = processes.Barrier(PROCESSES)
    results = processes.Queue()
    desks = [
        processes.Process(target=_take_numbers, args=(db_url, service_code, start, results))
        for _ in range(PROCESSES)
    ]
    for desk in desks:
        desk.start()
    try:
        per_desk = [results.get(timeout=60) for _ in desks]
    finally:
        for desk in desks:
            desk.join(timeout=30)
            if desk.is_alive():
                desk.kill()
    assert [desk.exitcode for desk in desks] == [0] * PROCESSES
    return per_desk


@pytest.mark.slow
def test_concurrent_desks_never_share_or_skip_a_number(engine, db_url):
    overlapping = 0
    for service_code in ("REG", "UBAH", "UID")[:ROUNDS]:
        per_desk = _run_desks(db_url, service_code)
        numbers = [n for taken in per_desk for n in taken]
        assert len(numbers) == len(set(numbers)), "two desks called the same number"
        assert sorted(numbers) == list(range(1, PROCESSES * NUMBERS_EACH + 1)), (
            "a number was skipped"
        )
        for taken in per_desk:
            assert taken == sorted(taken)  # each desk sees the counter only move forward
        with read_session(engine) as session:
            counter = session.get(QueueCounterRow, (SERVICE_DAY, service_code))
            assert counter.last_number == PROCESSES * NUMBERS_EACH
        overlapping = sum(1 for taken in per_desk if taken[-1] - taken[0] + 1 > NUMBERS_EACH)
        if overlapping >= 1:
            break
    # The desks really ran side by side in some round: otherwise this test proves nothing.
    assert overlapping >= 1
