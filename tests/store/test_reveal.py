"""Revealing a full NIK / personal NPWP: each role, the petugas only during intake, logged
without the number."""

from __future__ import annotations

import pytest
from sqlmodel import select

from lpse_desk import paths
from lpse_desk.catalog import load_catalog
from lpse_desk.demo import company_npwp
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.errors import PermissionDenied, ValidationError
from lpse_desk.domain.queue.rules import QueuePolicy
from lpse_desk.domain.vendors import VendorDraft, validate_vendor
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import reveal, vendors
from lpse_desk.store.services.queue import QueueDesk
from lpse_desk.store.tables.desk import EventRow, StaffRow
from tests.store.actors import KIOS
from tests.store.reviewcases import desks, make_team

NIK = "3271011708450001"
NPWP = "3271015708450001"  # a person's NPWP is a NIK (16 digits, no leading 0)


@pytest.fixture
def catalog(desk_home):
    return load_catalog()


@pytest.fixture
def calendar(desk_home):
    return WorkingCalendar.from_file(paths.calendar_file())


@pytest.fixture
def team(engine, clock):
    return make_team(engine, clock)


@pytest.fixture
def intake(engine, catalog, calendar, clock, tmp_path):
    return desks(engine, catalog, calendar, clock, tmp_path)[0]


def _vendor(engine, clock, *, form="perorangan", npwp=NPWP, nik=NIK):
    draft = VendorDraft(
        legal_form=form, name=f"{form} Sinar Pakuan", npwp=npwp, spse_user_id="sinar1",
        director_name="Hendra Gunawan", director_nik=nik or "",
    )  # fmt: skip
    with write_session(engine) as session:
        return vendors.create(
            session=session,
            vendor=validate_vendor(draft, today=clock.now().date()),
            actor="uji",
            now=clock.now(),
        )


def _reveal(engine, clock, who, vendor_id, **where):
    with write_session(engine) as session:
        return reveal.reveal(
            session=session, who=who, vendor_id=vendor_id, now=clock.now(), **where
        )


def _reveal_events(engine) -> list:
    from lpse_desk.store import convert

    with read_session(engine) as session:
        rows = session.exec(select(EventRow).where(EventRow.action == reveal.ACTION)).all()
        return [convert.event(row) for row in rows]


def _intake_case(intake, officer, vendor):
    return intake.start(officer, service_code="REG", vendor_id=vendor.id,
                        vendor_type="perorangan", helpdesk_request_no="HD-1")  # fmt: skip


def test_each_role_sees_the_full_numbers_of_a_case_in_intake_and_it_is_logged(
    engine, clock, team, intake
):
    vendor = _vendor(engine, clock)
    case = _intake_case(intake, team.officer, vendor)
    for who in (team.officer, team.verifier, team.admin):
        shown = _reveal(engine, clock, who, vendor.id, case_id=case.id)
        assert (shown.nik, shown.npwp) == (NIK, NPWP)
    logged = _reveal_events(engine)
    assert [e.actor for e in logged] == [
        "Dewi Lestari (#1)",
        "Andi Wijaya (#3)",
        "Ratna Sari (#5)",
    ]
    for event in logged:
        assert (event.entity, event.entity_id, event.to_state) == ("case", case.id, "nik+npwp")
        assert f"penyedia #{vendor.id}" in event.reason and f"kasus #{case.id}" in event.reason
        fields = " ".join(str(v) for v in (event.from_state, event.to_state, event.reason))
        assert NIK not in fields and NPWP not in fields and "1708450001" not in fields


def test_a_petugas_is_refused_once_the_case_left_intake_a_verifier_is_not(
    engine, clock, team, intake
):
    vendor = _vendor(engine, clock)
    case = _intake_case(intake, team.officer, vendor)
    for line in intake.lines(case.id):
        if line.requirement.mandatory:
            intake.tick(team.officer, case.id, line.requirement.id, original_shown=False,
                        copy_received=True)  # fmt: skip
    intake.finish(team.officer, case.id, loket=None)
    with pytest.raises(PermissionDenied, match="selama penerimaan berkas.*Menunggu verifikasi"):
        _reveal(engine, clock, team.officer, vendor.id, case_id=case.id)
    assert _reveal(engine, clock, team.verifier, vendor.id, case_id=case.id).nik == NIK
    assert [e.actor for e in _reveal_events(engine)] == ["Andi Wijaya (#3)"]


def _served_at_loket_1(engine, clock, catalog, calendar, officer):
    """A visit called to loket 1 and being served by ``officer``."""
    line = QueueDesk(engine=engine, catalog=catalog, calendar=calendar, clock=clock,
                     policy=QueuePolicy())  # fmt: skip
    visit = line.take(KIOS, "REG")
    line.open_loket(officer, 1)
    line.call_next(officer, 1)
    return line.start(officer, visit.id)


def test_a_petugas_sees_them_for_the_visit_they_serve_only(engine, clock, team, catalog, calendar):
    vendor = _vendor(engine, clock)
    visit = _served_at_loket_1(engine, clock, catalog, calendar, team.officer)
    with pytest.raises(PermissionDenied, match="tidak sedang Anda layani"):
        _reveal(engine, clock, team.officer2, vendor.id, visit_id=visit.id)
    shown = _reveal(engine, clock, team.officer, vendor.id, visit_id=visit.id)
    assert shown.nik == NIK
    (event,) = _reveal_events(engine)
    assert (event.entity, event.entity_id) == ("visit", visit.id)
    with pytest.raises(PermissionDenied, match="buat daftar periksa dulu"):
        _reveal(engine, clock, team.officer, vendor.id)  # no case, no visit
    assert _reveal(engine, clock, team.admin, vendor.id).npwp == NPWP  # admin: from anywhere


def test_the_officer_carrying_on_at_the_loket_sees_them(engine, clock, team, catalog, calendar):
    # Dewi logged out leaving the visit at loket 1 ("Biarkan di loket"); Budi, logged in at
    # loket 1 next, goes on serving it: it is his to take in. At loket 2 it is not.
    from lpse_desk.store.queries import logins

    vendor = _vendor(engine, clock)
    visit = _served_at_loket_1(engine, clock, catalog, calendar, team.officer)

    def log_in(loket: int) -> None:
        with write_session(engine) as session:
            logins.attempt(session=session, staff_id=team.officer2.id, pin="2468",
                           now=clock.now(), loket=loket, loket_confirmed=True)  # fmt: skip

    log_in(2)
    with pytest.raises(PermissionDenied, match="tidak sedang Anda layani"):
        _reveal(engine, clock, team.officer2, vendor.id, visit_id=visit.id)
    log_in(1)
    assert _reveal(engine, clock, team.officer2, vendor.id, visit_id=visit.id).nik == NIK


def test_the_account_is_read_as_stored_now(engine, clock, team, intake):
    vendor = _vendor(engine, clock)
    case = _intake_case(intake, team.officer, vendor)
    with write_session(engine) as session:
        session.get(StaffRow, team.verifier.id).active = False
    with pytest.raises(PermissionDenied, match="dinonaktifkan"):
        _reveal(engine, clock, team.verifier, vendor.id, case_id=case.id)
    with pytest.raises(PermissionDenied, match="masuk ke desk"):
        _reveal(engine, clock, "cli:ratna", vendor.id, case_id=case.id)
    assert _reveal_events(engine) == []


def test_a_company_without_a_personal_number_has_nothing_to_reveal(engine, clock, team):
    vendor = _vendor(engine, clock, form="PT", npwp=company_npwp(7), nik=None)
    with pytest.raises(ValidationError, match="NPWP badan sudah tampil lengkap"):
        _reveal(engine, clock, team.admin, vendor.id)
    assert _reveal_events(engine) == []


def test_the_desk_store_method_reveals_through_the_store(engine, clock, team, desk_home):
    from lpse_desk.store.services.desk import DeskStore

    vendor = _vendor(engine, clock, form="PT", npwp=company_npwp(8))
    store = DeskStore(engine=engine, catalog=load_catalog(),
                      calendar=WorkingCalendar.from_file(paths.calendar_file()), clock=clock)  # fmt: skip
    shown = store.reveal_personal_ids(team.admin, vendor_id=vendor.id)
    assert (shown.nik, shown.npwp) == (NIK, None)  # a company's NPWP is not personal
    (event,) = _reveal_events(engine)
    assert event.to_state == "nik"
