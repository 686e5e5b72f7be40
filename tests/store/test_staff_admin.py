"""The admin's staff changes in the store: each one checks the acting admin as stored now."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from lpse_desk import paths
from lpse_desk.catalog import load_catalog
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.errors import Conflict, PermissionDenied, ValidationError
from lpse_desk.domain.roles import Role
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import events, staff
from lpse_desk.store.services.desk import DeskStore
from lpse_desk.store.services.staff import StaffDesk
from lpse_desk.store.tables.desk import EventRow


def _create(engine, clock, name, role, pin="2468"):
    with write_session(engine) as session:
        return staff.create(
            session=session, name=name, role=role, pin=pin, actor="penyiapan-pertama",
            now=clock.now(),
        )  # fmt: skip


@pytest.fixture
def desk(engine, clock) -> StaffDesk:
    return StaffDesk(engine, clock)


@pytest.fixture
def ratna(engine, clock):
    """The first admin."""
    return _create(engine, clock, "Ratna Sari", Role.ADMIN, pin="9753")


def _history(engine, member) -> list:
    with read_session(engine) as session:
        return events.history(session=session, entity="staff", entity_id=member.id)


def _authenticate(engine, member, pin):
    with read_session(engine) as session:
        return staff.authenticate(session=session, staff_id=member.id, pin=pin)


def test_an_admin_adds_an_officer_with_a_default_loket_and_the_event_names_her(desk, engine, ratna):
    dewi = desk.add(ratna, name="Dewi  Lestari", role=Role.PETUGAS, pin="2468", default_loket=3)
    assert (dewi.name, dewi.role, dewi.default_loket, dewi.must_change_pin) == (
        "Dewi Lestari", Role.PETUGAS, 3, False,
    )  # fmt: skip
    (added,) = _history(engine, dewi)
    assert (added.action, added.actor, added.to_state) == (
        "staf_ditambahkan",
        "Ratna Sari (#1)",
        "petugas",
    )
    assert _authenticate(engine, dewi, "2468") == dewi


@pytest.mark.parametrize("loket", [0, 100])
def test_a_default_loket_outside_1_to_99_is_refused(desk, ratna, loket):
    with pytest.raises(ValidationError, match="Loket default harus angka 1–99"):
        desk.add(ratna, name="Dewi", role=Role.PETUGAS, pin="2468", default_loket=loket)
    assert [a.member.name for a in desk.accounts()] == ["Ratna Sari"]


def test_a_verifier_gets_no_default_loket(desk, ratna):
    # She sits at no loket (she logs in at none): a default one would mean nothing.
    with pytest.raises(ValidationError, match="Verifikator tidak melayani antrian"):
        desk.add(ratna, name="Andi", role=Role.VERIFIKATOR, pin="8642", default_loket=2)
    assert [a.member.name for a in desk.accounts()] == ["Ratna Sari"]
    andi = desk.add(ratna, name="Andi", role=Role.VERIFIKATOR, pin="8642", default_loket=None)
    assert andi.default_loket is None
    # An officer made verifier leaves her default loket behind (it would still be listed).
    dewi = desk.add(ratna, name="Dewi", role=Role.PETUGAS, pin="2468", default_loket=3)
    assert desk.change_role(ratna, dewi.id, Role.VERIFIKATOR).default_loket is None


def test_a_name_is_taken_whatever_its_case_even_by_a_deactivated_account(desk, ratna):
    zoe = desk.add(ratna, name="Zoë Lukas", role=Role.PETUGAS, pin="2468", default_loket=None)
    desk.set_active(ratna, zoe.id, active=False)
    with pytest.raises(Conflict, match="Nama petugas 'ZOË LUKAS' sudah terdaftar"):
        desk.add(ratna, name="ZOË LUKAS", role=Role.ADMIN, pin="1357", default_loket=None)


def test_a_non_admin_changes_nothing(desk, engine, clock, ratna):
    dewi = desk.add(ratna, name="Dewi", role=Role.PETUGAS, pin="2468", default_loket=None)
    andi = desk.add(ratna, name="Andi", role=Role.VERIFIKATOR, pin="8642", default_loket=None)
    refusals = [
        lambda: desk.add(dewi, name="Budi", role=Role.ADMIN, pin="1357", default_loket=None),
        lambda: desk.set_active(andi, ratna.id, active=False),
        lambda: desk.change_role(dewi, dewi.id, Role.ADMIN),
        lambda: desk.reset_pin(andi, dewi.id),
    ]
    for refused in refusals:
        with pytest.raises(PermissionDenied, match="hanya admin aktif yang dapat mengelola"):
            refused()
    # A plain actor string is not an admin either.
    with pytest.raises(PermissionDenied), write_session(engine) as session:
        staff.set_active(
            session=session, by="cli:x", staff_id=dewi.id, active=False, now=clock.now()
        )
    assert [(a.member.name, a.member.role, a.member.active) for a in desk.accounts()] == [
        ("Andi", Role.VERIFIKATOR, True),
        ("Dewi", Role.PETUGAS, True),
        ("Ratna Sari", Role.ADMIN, True),
    ]


def test_an_admin_deactivated_or_demoted_elsewhere_is_refused_from_her_old_session(desk, ratna):
    yusuf = desk.add(ratna, name="Yusuf", role=Role.ADMIN, pin="1357", default_loket=None)
    desk.change_role(ratna, yusuf.id, Role.VERIFIKATOR)
    with pytest.raises(PermissionDenied, match="Yusuf berperan Verifikator"):
        desk.add(yusuf, name="Budi", role=Role.PETUGAS, pin="1357", default_loket=None)
    desk.change_role(ratna, yusuf.id, Role.ADMIN)
    desk.set_active(ratna, yusuf.id, active=False)
    # ``yusuf`` still says admin and active: the store reads the account as stored now.
    assert yusuf.role is Role.ADMIN and yusuf.active
    with pytest.raises(PermissionDenied, match="Akun Yusuf sudah nonaktif"):
        desk.reset_pin(yusuf, ratna.id)


def test_a_deactivated_account_cannot_log_in_is_not_listed_and_keeps_its_history(
    desk, engine, ratna
):
    dewi = desk.add(ratna, name="Dewi", role=Role.PETUGAS, pin="2468", default_loket=None)
    off = desk.set_active(ratna, dewi.id, active=False)
    assert not off.active
    assert _authenticate(engine, dewi, "2468") is None
    with read_session(engine) as session:
        assert [m.name for m in staff.list_active(session=session)] == ["Ratna Sari"]
    with pytest.raises(Conflict, match="Akun Dewi sudah nonaktif"):
        desk.set_active(ratna, dewi.id, active=False)
    desk.set_active(ratna, dewi.id, active=True)
    assert _authenticate(engine, dewi, "2468") is not None
    assert [(e.action, e.actor, e.from_state, e.to_state) for e in _history(engine, dewi)] == [
        ("staf_ditambahkan", "Ratna Sari (#1)", None, "petugas"),
        ("staf_dinonaktifkan", "Ratna Sari (#1)", "aktif", "nonaktif"),
        ("staf_diaktifkan", "Ratna Sari (#1)", "nonaktif", "aktif"),
    ]


def test_the_last_active_admin_can_be_neither_deactivated_nor_demoted(desk, engine, ratna):
    with pytest.raises(Conflict, match="satu-satunya admin aktif dan tidak dapat dinonaktifkan"):
        desk.set_active(ratna, ratna.id, active=False)
    with pytest.raises(Conflict, match="satu-satunya admin aktif dan tidak dapat diturunkan"):
        desk.change_role(ratna, ratna.id, Role.PETUGAS)
    # A deactivated second admin does not count.
    yusuf = desk.add(ratna, name="Yusuf", role=Role.ADMIN, pin="1357", default_loket=None)
    desk.set_active(ratna, yusuf.id, active=False)
    with pytest.raises(Conflict, match="satu-satunya admin aktif"):
        desk.change_role(ratna, ratna.id, Role.VERIFIKATOR)
    # With another active admin, she may step down.
    desk.set_active(ratna, yusuf.id, active=True)
    assert desk.change_role(ratna, ratna.id, Role.VERIFIKATOR).role is Role.VERIFIKATOR
    (changed,) = [e for e in _history(engine, ratna) if e.action == "peran_diubah"]
    assert (changed.actor, changed.from_state, changed.to_state) == (
        "Ratna Sari (#1)", "admin", "verifikator",
    )  # fmt: skip
    with pytest.raises(Conflict, match="Yusuf sudah berperan Admin / Kepala"):
        desk.change_role(yusuf, yusuf.id, Role.ADMIN)


def test_a_reset_pin_replaces_the_pin_and_must_be_changed_at_the_next_login(desk, engine, ratna):
    dewi = desk.add(ratna, name="Dewi", role=Role.PETUGAS, pin="2468", default_loket=None)
    temporary = desk.reset_pin(ratna, dewi.id)
    assert len(temporary) == 6 and temporary.isdigit()
    assert _authenticate(engine, dewi, "2468") is None
    member = _authenticate(engine, dewi, temporary)
    assert member.must_change_pin
    with pytest.raises(ValidationError, match="PIN baru harus berbeda"):
        desk.change_own_pin(member, temporary)
    with pytest.raises(ValidationError, match="PIN hanya boleh berisi angka"):
        desk.change_own_pin(member, "12ab")
    changed = desk.change_own_pin(member, "4826")
    assert not changed.must_change_pin
    assert _authenticate(engine, dewi, "4826") == changed
    reset, own = [e for e in _history(engine, dewi) if e.action in ("pin_direset", "pin_diganti")]
    assert (reset.actor, own.actor) == ("Ratna Sari (#1)", "Dewi (#2)")
    with read_session(engine) as session:  # no PIN, temporary or new, in the log
        logged = session.exec(select(EventRow)).all()
    assert not any(temporary in str(row.model_dump()) for row in logged)


def test_a_deactivated_account_cannot_set_its_own_pin(desk, ratna):
    dewi = desk.add(ratna, name="Dewi", role=Role.PETUGAS, pin="2468", default_loket=None)
    desk.set_active(ratna, dewi.id, active=False)
    with pytest.raises(PermissionDenied, match="tidak aktif lagi"):
        desk.change_own_pin(dewi, "4826")


def test_the_list_shows_every_account_with_its_last_successful_login(engine, clock, ratna):
    store = DeskStore(
        engine=engine,
        catalog=load_catalog(),
        calendar=WorkingCalendar.from_file(paths.calendar_file()),
        clock=clock,
    )
    dewi = store.staff_admin.add(ratna, name="Dewi", role=Role.PETUGAS, pin="2468", default_loket=4)
    assert store.login(staff_id=dewi.id, pin="2468", loket=4).member is not None
    clock.advance(timedelta(hours=1))
    assert store.login(staff_id=dewi.id, pin="9999", loket=4).member is None  # no login
    store.staff_admin.set_active(ratna, dewi.id, active=False)
    accounts = store.staff_admin.accounts()
    assert [(a.member.name, a.member.active, a.member.default_loket) for a in accounts] == [
        ("Dewi", False, 4),
        ("Ratna Sari", True, None),
    ]
    assert accounts[0].last_login == clock.now() - timedelta(hours=1)
    assert accounts[1].last_login is None
