"""Eight desks doing a "first" at the same instant: the first number of a new day, the first
receipt number of a year, the installation's secret, the first admin of an empty store.

Each of these once read a row and wrote it when missing: on PostgreSQL at READ COMMITTED two
desks could both find nothing and both insert (a primary-key error shown to the officer), or
make two secrets, or two first admins. Run on both engines (``backend``); the counters are
tested with and without the store's write lock, so the single ``INSERT … ON CONFLICT``
statement is shown to hold on its own.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from lpse_desk.store.db import make_engine, read_session, write_session
from lpse_desk.store.tables.desk import StaffRow
from tests.processes import desk_processes

DESKS = 8
DAY = date(2026, 6, 11)


JOBS = (
    ("queue", True), ("queue", False), ("receipt", True), ("receipt", False),
    ("secret", True), ("first_admin", True),
)  # fmt: skip
"""What the desks do together, one after another: each job with the store's write lock
(``write_session``) and the counters also as one statement alone (no lock)."""


def _desk(url: str, start, results) -> None:
    """One desk process: for each job, wait for the others, then do it once; report each answer.

    One set of processes does every job (starting eight desks is the slow part)."""
    from lpse_desk.domain.clock import SystemClock
    from lpse_desk.domain.errors import DeskError
    from lpse_desk.domain.roles import Role
    from lpse_desk.store import upsert
    from lpse_desk.store.queries import meta
    from lpse_desk.store.services.staff import StaffDesk
    from lpse_desk.store.tables.cases import ReceiptCounterRow
    from lpse_desk.store.tables.queue import QueueCounterRow

    engine = make_engine(url)
    answers: list[tuple] = []
    try:
        for job_no, (job, locked) in enumerate(JOBS):
            start.wait(timeout=60)
            try:
                if job == "first_admin":
                    made = StaffDesk(engine, SystemClock()).create_first(
                        name=f"Admin {os.getpid()}", role=Role.ADMIN, pin="2580", actor="cli",
                        default_loket=None,
                    )  # fmt: skip
                    answers.append(("made", made.id))
                    continue
                session_of = write_session(engine) if locked else _plain_session(engine)
                with session_of as session:
                    if job == "queue":  # a fresh day for each job: no counter row yet
                        keys = {"service_date": DAY + timedelta(days=job_no), "service_code": "REG"}
                        got = upsert.bump(session, QueueCounterRow, keys=keys)
                    elif job == "receipt":
                        got = upsert.bump(session, ReceiptCounterRow, keys={"year": 2031 + job_no})
                    else:
                        got = meta.installation_secret(session=session).hex()
                answers.append(("got", got))
            except DeskError as exc:
                answers.append(("refused", str(exc)))
    finally:
        engine.dispose()
        results.put(answers)


class _plain_session:
    """A session committing at the end, without the store's write lock."""

    def __init__(self, engine) -> None:
        self.session = Session(engine)

    def __enter__(self) -> Session:
        return self.session

    def __exit__(self, kind, *_rest) -> None:
        if kind is None:
            self.session.commit()
        self.session.close()


@pytest.fixture
def answers(engine, db_url) -> dict[tuple[str, bool], list[tuple]]:
    """Every job's answers from the eight desks, by job."""
    from sqlmodel import delete

    from lpse_desk.store.queries.meta import SECRET_KEY
    from lpse_desk.store.tables.desk import DeskMeta

    with write_session(engine) as session:  # a store whose secret is still to be made
        session.exec(delete(DeskMeta).where(DeskMeta.key == SECRET_KEY))
    processes = desk_processes()
    start = processes.Barrier(DESKS)
    results = processes.Queue()
    desks = [processes.Process(target=_desk, args=(db_url, start, results)) for _ in range(DESKS)]
    for desk in desks:
        desk.start()
    try:
        per_desk = [results.get(timeout=120) for _ in desks]
    finally:
        for desk in desks:
            desk.join(timeout=30)
            if desk.is_alive():
                desk.kill()
    assert [desk.exitcode for desk in desks] == [0] * DESKS, "a desk died (an error, not an answer)"
    assert all(len(done) == len(JOBS) for done in per_desk), per_desk
    return {job: [done[n] for done in per_desk] for n, job in enumerate(JOBS)}


@pytest.mark.slow
def test_eight_desks_doing_a_first_at_once(engine, answers):
    # The first number of a new day, and the first receipt of a year: 1 to 8, no error, no
    # gap, with the write lock and as the single statement alone.
    for job in (("queue", True), ("queue", False), ("receipt", True), ("receipt", False)):
        assert sorted(answers[job]) == [("got", n) for n in range(1, DESKS + 1)], (job, answers[job])
    # The installation's secret: one, shared by all.
    secrets_seen = answers[("secret", True)]
    assert {kind for kind, _ in secrets_seen} == {"got"}
    assert len({secret for _, secret in secrets_seen}) == 1, "two desks made their own secret"
    from lpse_desk.store.queries import meta

    with read_session(engine) as session:
        assert meta.installation_secret_if_any(session=session).hex() == secrets_seen[0][1]
    # Eight first admins typed at once: one is made, seven are told there is one already.
    admins = answers[("first_admin", True)]
    made = [answer for answer in admins if answer[0] == "made"]
    refused = [answer for answer in admins if answer[0] == "refused"]
    assert len(made) == 1 and len(refused) == DESKS - 1, admins
    assert all("Sudah ada akun petugas" in message for _, message in refused)
    with read_session(engine) as session:
        assert len(session.exec(select(StaffRow)).all()) == 1


def test_a_write_lock_held_too_long_elsewhere_is_answered_as_locked(engine, db_url, monkeypatch):
    import time

    from lpse_desk.domain.errors import StoreFault
    from lpse_desk.store.db import BUSY_TIMEOUT_ENV
    from lpse_desk.store.queries import meta

    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "300")
    other_desk = make_engine(db_url)
    try:
        with write_session(engine) as holding:
            meta.put(session=holding, key="dipegang", value="1")
            started = time.monotonic()
            with pytest.raises(StoreFault, match="terkunci") as refused, write_session(other_desk) as waiting:  # fmt: skip
                meta.put(session=waiting, key="menunggu", value="1")
            waited = time.monotonic() - started
        assert "Tidak ada yang diubah" in str(refused.value)
        assert 0.25 <= waited < 5, waited
        with read_session(engine) as session:
            assert meta.get(session=session, key="menunggu") is None
            assert meta.get(session=session, key="dipegang") == "1"
    finally:
        other_desk.dispose()
