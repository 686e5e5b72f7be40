"""Leaving the desk: a called number put back in the queue, and the idle lock's PIN check."""

from __future__ import annotations

from datetime import datetime

import pytest

from lpse_desk import paths
from lpse_desk.catalog import load_catalog
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.clock import WIB
from lpse_desk.domain.entities import VisitStatus
from lpse_desk.domain.errors import Conflict
from lpse_desk.domain.queue.rules import QueuePolicy
from lpse_desk.domain.roles import Role
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import logins, staff
from lpse_desk.store.queries.events import history
from lpse_desk.store.services.desk import DeskStore
from lpse_desk.store.services.queue import QueueDesk
from tests.store.actors import KIOS, RATNA, P, seed


@pytest.fixture
def desk(engine, clock, desk_home):
    seed(engine, clock)
    return QueueDesk(
        engine=engine,
        catalog=load_catalog(),
        calendar=WorkingCalendar.from_file(paths.calendar_file()),
        clock=clock,
        policy=QueuePolicy(),
    )


def at(hhmm: str) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return datetime(2026, 6, 10, hour, minute, tzinfo=WIB)


def three_waiting(desk, clock):
    tickets = []
    for hhmm in ("09:00", "09:05", "09:10"):
        clock.set(at(hhmm))
        tickets.append(desk.take(KIOS, "REG"))
    clock.set(at("09:30"))
    desk.open_loket(P, 2)
    return tickets


@pytest.mark.parametrize("serving", [False, True])
def test_a_called_or_served_visit_goes_back_to_its_own_place(desk, clock, serving):
    first, second, _third = three_waiting(desk, clock)
    called = desk.call_next(P, 2)
    assert called.id == first.id
    if serving:
        desk.start(P, first.id)
    assert desk.at_loket(2).id == first.id
    clock.set(at("09:45"))

    back = desk.put_back(P, 2, first.id)

    assert (back.status, back.loket, back.served_by, back.called_at, back.served_at) == (
        VisitStatus.WAITING, None, None, None, None,
    )  # fmt: skip
    assert (back.arrived_at, back.number) == (first.arrived_at, first.number)
    assert desk.at_loket(2) is None
    # A-001 arrived first: it is called before A-002 again, by whichever loket calls next.
    assert [v.id for v in desk.view().waiting][:2] == [first.id, second.id]
    assert desk.call_next(RATNA, 2).id == first.id
    last = desk.history(first.id)[-2]
    assert (last.action, last.actor, last.from_state, last.to_state, last.reason, last.at) == (
        "dikembalikan_ke_antrean",
        "Putri Loket (#1)",
        "dilayani" if serving else "dipanggil",
        "menunggu",
        "loket 2",
        at("09:45"),
    )


@pytest.mark.parametrize("status", ["waiting", "on_hold", "done", "no_show"])
def test_only_a_visit_at_the_loket_can_be_put_back(desk, clock, status):
    first, *_ = three_waiting(desk, clock)
    if status != "waiting":
        desk.call_next(P, 2)
    if status == "on_hold":
        desk.hold(P, first.id, "Memfotokopi dokumen")
    elif status == "done":
        desk.start(P, first.id)
        desk.finish(P, first.id, "informasi")
    elif status == "no_show":
        desk.no_show(P, first.id)
    before = desk.history(first.id)
    state = next(v for v in desk.visits() if v.id == first.id).status

    with pytest.raises(Conflict, match="A-001 sedang .*; tidak dapat dikembalikan ke antrian"):
        desk.put_back(P, 2, first.id)

    assert desk.history(first.id) == before
    assert next(v for v in desk.visits() if v.id == first.id).status is state


def test_another_lokets_visit_is_not_put_back(desk, clock):
    first, *_ = three_waiting(desk, clock)
    desk.call_next(P, 2)
    with pytest.raises(Conflict, match="A-001 sedang ditangani loket 2, bukan loket 3"):
        desk.put_back(P, 3, first.id)
    assert desk.at_loket(2).id == first.id


def test_unlock_checks_the_officers_own_pin_and_records_each_try(engine, clock, desk_home):
    store = DeskStore(
        engine=engine,
        catalog=load_catalog(),
        calendar=WorkingCalendar.from_file(paths.calendar_file()),
        clock=clock,
    )
    with write_session(engine) as session:
        siti = staff.create(
            session=session, name="Siti Rahma", role=Role.PETUGAS, pin="2468", actor="t",
            now=clock.now(),
        )  # fmt: skip
        staff.create(
            session=session, name="Budi Santoso", role=Role.PETUGAS, pin="1357", actor="t",
            now=clock.now(),
        )  # fmt: skip

    store.lock_screen(siti, 2)
    refused = store.unlock(siti, "1357")  # another officer's PIN does not open it
    assert refused.member is None and refused.attempts_left == 4  # it counts towards a lock
    assert store.unlock(siti, "2468").member.id == siti.id

    with read_session(engine) as session:
        log = history(session=session, entity="staff", entity_id=siti.id)
    assert [(e.action, e.actor) for e in log][-5:] == [
        ("layar_dikunci", "Siti Rahma (#1)"),
        ("masuk_gagal", "staf #1"),  # the lockout's count
        ("layar_dibuka_gagal", "Siti Rahma (#1)"),
        ("pin_dikonfirmasi", "Siti Rahma (#1)"),
        ("layar_dibuka", "Siti Rahma (#1)"),
    ]
    assert log[-1].reason is None and log[-3].reason == "PIN salah"


def test_a_deactivated_officers_locked_desk_says_so_and_counts_no_wrong_pin(
    engine, clock, desk_home
):
    """Deactivated while her desk was locked, Siti typed her right PIN and read "PIN salah.
    Sisa 4 percobaan": the log counted a wrong PIN towards locking an account she no longer
    has."""
    store = DeskStore(engine=engine, catalog=load_catalog(), clock=clock,
                      calendar=WorkingCalendar.from_file(paths.calendar_file()))  # fmt: skip
    with write_session(engine) as session:
        ratna = staff.create(session=session, name="Ratna Sari", role=Role.ADMIN, pin="9753",
                             actor="t", now=clock.now())  # fmt: skip
        siti = staff.create(session=session, name="Siti Rahma", role=Role.PETUGAS, pin="2468",
                            actor="t", now=clock.now())  # fmt: skip
    store.lock_screen(siti, 2)
    store.staff_admin.set_active(ratna, siti.id, active=False)
    for _ in range(6):  # more than the five wrong PINs that lock an account
        answer = store.unlock(siti, "2468")
        assert answer.inactive and answer.member is None and answer.attempts_left is None
    with read_session(engine) as session:
        events = history(session=session, entity="staff", entity_id=siti.id)
        log = [e.action for e in events]
        assert "masuk_gagal" not in log and log.count("masuk_ditolak_nonaktif") == 6
        # the lock screen's own line says why, not "PIN salah"
        assert {e.reason for e in events if e.action == "layar_dibuka_gagal"} == {"akun nonaktif"}
        assert not logins.lock_state(session=session, staff_id=siti.id).locked_at(clock.now())


def test_a_locked_desks_failed_tries_say_what_happened(engine, clock, desk_home):
    """The try that locked the account was a wrong PIN; a try while locked was not checked."""
    store = DeskStore(engine=engine, catalog=load_catalog(), clock=clock,
                      calendar=WorkingCalendar.from_file(paths.calendar_file()))  # fmt: skip
    with write_session(engine) as session:
        siti = staff.create(session=session, name="Siti Rahma", role=Role.PETUGAS, pin="2468",
                            actor="t", now=clock.now())  # fmt: skip
    store.lock_screen(siti, 2)
    for _ in range(5):
        store.unlock(siti, "1111")
    store.unlock(siti, "2468")  # the right PIN, while locked: not checked
    with read_session(engine) as session:
        tries = [e.reason for e in history(session=session, entity="staff", entity_id=siti.id)
                 if e.action == "layar_dibuka_gagal"]  # fmt: skip
    assert tries == ["PIN salah"] * 4 + ["PIN salah; akun terkunci", "akun terkunci"]
