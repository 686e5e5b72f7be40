"""Query functions against a migrated SQLite file: staff, vendors, queue, cases, dashboard, demo."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta

import pytest
from sqlmodel import func, select

from lpse_desk import demo, paths
from lpse_desk.catalog import load_catalog
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.catalog import ChecklistFacts, build_checklist
from lpse_desk.domain.clock import WIB
from lpse_desk.domain.entities import CaseStatus, LegalForm, VisitStatus
from lpse_desk.domain.errors import Conflict, NotFound, ValidationError
from lpse_desk.domain.queue.rules import LoketStatus, TicketHolder
from lpse_desk.domain.roles import Role
from lpse_desk.domain.vendors import VendorDraft, validate_vendor
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import (
    bookings,
    cases,
    dashboard,
    events,
    lokets,
    meta,
    queue,
    serving,
    staff,
    vendors,
)
from lpse_desk.store.tables.cases import CaseRow
from lpse_desk.store.tables.desk import EventRow, StaffRow
from lpse_desk.store.tables.queue import VisitRow
from lpse_desk.store.tables.vendors import VendorRow

NPWP_15 = "01.312.166.0-091.000"
NPWP_16 = "0013121660091000"
NIK_BOGOR = "3271011708450001"


def _count(session, table) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


def _add_staff(engine, clock, name="Siti Rahma", pin="2468", role=Role.PETUGAS):
    with write_session(engine) as session:
        return staff.create(
            session=session, name=name, role=role, pin=pin, actor="cli:test", now=clock.now()
        )


def _vendor(clock, **fields):
    draft = {"legal_form": "PT", "name": "PT Sinar Pakuan", "npwp": NPWP_16, **fields}
    return validate_vendor(VendorDraft(**draft), today=clock.now().date())


# --- staff --------------------------------------------------------------------------------


def test_staff_create_tidies_the_name_and_logs_it(engine, clock):
    member = _add_staff(engine, clock, name="  Siti   Rahma ", role=Role.VERIFIKATOR)
    assert (member.name, member.role, member.active) == ("Siti Rahma", Role.VERIFIKATOR, True)
    with read_session(engine) as session:
        assert staff.list_active(session=session) == [member]
        assert staff.count_active(session=session) == 1
        (logged,) = events.history(session=session, entity="staff", entity_id=member.id)
    assert (logged.action, logged.actor, logged.to_state, logged.at) == (
        "staf_ditambahkan",
        "cli:test",
        "verifikator",
        clock.now(),
    )


def test_staff_list_is_by_name(engine, clock):
    for name in ("Yusuf", "Ani", "Maya"):
        _add_staff(engine, clock, name=name)
    with read_session(engine) as session:
        assert [m.name for m in staff.list_active(session=session)] == ["Ani", "Maya", "Yusuf"]


def test_authenticate_accepts_only_the_right_pin_of_an_active_account(engine, clock):
    member = _add_staff(engine, clock, pin="240817")
    with read_session(engine) as session:
        assert staff.authenticate(session=session, staff_id=member.id, pin="240817") == member
        assert staff.authenticate(session=session, staff_id=member.id, pin="240818") is None
        assert staff.authenticate(session=session, staff_id=member.id, pin="") is None
        assert staff.authenticate(session=session, staff_id=member.id + 1, pin="240817") is None
    with write_session(engine) as session:
        session.get(StaffRow, member.id).active = False
    with read_session(engine) as session:
        assert staff.authenticate(session=session, staff_id=member.id, pin="240817") is None
        assert staff.list_active(session=session) == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Siti Rahma", "siti rahma"),
        ("Siti Rahma", " SITI   RAHMA "),
        ("Zoë Ana", "ZOË ANA"),
        ("ZOË ANA", "Zoë Ana"),
    ],
)
def test_staff_names_are_unique_ignoring_case(engine, clock, first, second):
    _add_staff(engine, clock, name=first)
    with pytest.raises(Conflict, match="sudah terdaftar"):
        _add_staff(engine, clock, name=second)
    with read_session(engine) as session:
        assert _count(session, StaffRow) == 1


@pytest.mark.parametrize(
    ("pin", "problem"),
    [
        ("", "wajib"),
        ("123", "4–12"),
        ("1234567890123", "4–12"),
        ("12a4", "angka"),
        ("12 34", "angka"),
        ("١٢٣٤", "angka"),  # Arabic-Indic digits pass str.isdigit() but not a PIN pad
        ("7777", "diulang"),
    ],
)
def test_bad_pins_are_refused_and_nothing_is_stored(engine, clock, pin, problem):
    with pytest.raises(ValidationError, match=problem) as raised:
        _add_staff(engine, clock, pin=pin)
    assert raised.value.field == "pin"
    with read_session(engine) as session:
        assert _count(session, StaffRow) == 0
        assert _count(session, EventRow) == 0


@pytest.mark.parametrize("name", ["", "   ", "x" * 101, "Siti\x00Rahma"])
def test_bad_staff_names_are_refused(engine, clock, name):
    with pytest.raises(ValidationError) as raised:
        _add_staff(engine, clock, name=name)
    assert raised.value.field == "name"


def test_pin_hashes_are_salted(engine, clock):
    first = _add_staff(engine, clock, name="Ani", pin="2468")
    second = _add_staff(engine, clock, name="Budi", pin="2468")
    with read_session(engine) as session:
        hashes = [session.get(StaffRow, m.id).pin_hash for m in (first, second)]
        assert hashes[0] != hashes[1]
        assert not any("2468" in h for h in hashes)
        for member in (first, second):
            assert staff.authenticate(session=session, staff_id=member.id, pin="2468") == member


# --- vendors ------------------------------------------------------------------------------


def test_vendor_is_stored_normalised_and_found_by_npwp(engine, clock):
    clean = _vendor(
        clock,
        npwp="0013.1216.6009.1000",
        nib=" 9120301000001 ",
        director_name="Hendra  Gunawan",
        director_nik=NIK_BOGOR,
    )
    with write_session(engine) as session:
        created = vendors.create(session=session, vendor=clean, actor="cli:test", now=clock.now())
    with read_session(engine) as session:
        found = vendors.by_npwp(session=session, npwp=NPWP_16)
        assert found == created == vendors.get(session=session, vendor_id=created.id)
        (logged,) = events.history(session=session, entity="vendor", entity_id=created.id)
    assert (found.legal_form, found.npwp, found.nib, found.director_name, found.director_nik) == (
        LegalForm.PT,
        NPWP_16,
        "9120301000001",
        "Hendra Gunawan",
        NIK_BOGOR,
    )
    assert logged.action == "penyedia_didaftarkan"


def test_a_registered_npwp_cannot_be_registered_again(engine, clock):
    with write_session(engine) as session:
        vendors.create(session=session, vendor=_vendor(clock), actor="t", now=clock.now())
    again = _vendor(clock, name="PT Nama Lain", npwp="0013-1216-6009-1000")
    with pytest.raises(Conflict, match="PT Sinar Pakuan"), write_session(engine) as session:
        vendors.create(session=session, vendor=again, actor="t", now=clock.now())
    with read_session(engine) as session:
        assert _count(session, VendorRow) == 1


def test_a_returning_vendor_is_found_by_either_npwp_form(engine, clock):
    with write_session(engine) as session:
        vendors.create(
            session=session, vendor=_vendor(clock, npwp=NPWP_15), actor="t", now=clock.now()
        )
    with pytest.raises(Conflict), write_session(engine) as session:
        vendors.create(
            session=session, vendor=_vendor(clock, npwp=NPWP_16), actor="t", now=clock.now()
        )


def test_foreign_vendors_without_npwp_do_not_clash(engine, clock):
    with write_session(engine) as session:
        for name in ("Acme Holdings Ltd", "Globex GmbH"):
            vendors.create(
                session=session,
                vendor=_vendor(clock, legal_form="asing", name=name, npwp=""),
                actor="t",
                now=clock.now(),
            )
    with read_session(engine) as session:
        assert _count(session, VendorRow) == 2


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"npwp": ""}, "npwp"),
        ({"npwp": "01.312.166"}, "npwp"),
        ({"director_nik": "3171013002001234"}, "director_nik"),
        ({"legal_form": "firma"}, "legal_form"),
        ({"name": "  "}, "name"),
        ({"spse_user_id": "zoe user"}, "spse_user_id"),  # an approval would refuse it
    ],
)
def test_invalid_vendor_never_reaches_the_store(fields, field, clock):
    with pytest.raises(ValidationError) as raised:
        _vendor(clock, **fields)
    assert raised.value.field == field


def test_every_wrong_field_of_a_vendor_is_named_at_once(clock):
    # A form with three mistakes is sent back once, naming all three (the first one's field
    # takes the focus), not three times one by one.
    with pytest.raises(ValidationError) as raised:
        _vendor(clock, name=" ", nib="123", email="admin@@x", spse_user_id="zoe user")
    lines = str(raised.value).splitlines()
    assert raised.value.field == "name" and len(lines) == 4, lines
    assert lines[0] == "Nama penyedia wajib diisi"
    assert lines[1].startswith("NIB") and lines[2].startswith("Email")
    assert lines[3].startswith("User ID SPSE tanpa spasi")


# --- queue --------------------------------------------------------------------------------


def _visit(engine, clock, code="REG", prefix="A", day=None, **extra):
    with write_session(engine) as session:
        return queue.register_visit(
            session=session,
            service_code=code,
            prefix=prefix,
            service_date=day or clock.now().date(),
            arrived_at=clock.now(),
            actor="kios",
            **extra,
        )


def _drive_to(engine, clock, visit, status, loket):
    """Move a waiting visit to ``status`` through the real queue moves."""
    now = clock.now()
    with write_session(engine) as s:
        if status is VisitStatus.CANCELLED:
            serving.cancel(session=s, visit_id=visit.id, now=now, actor="x", reason="pulang")
            return
        if status is VisitStatus.WAITING:
            return
        lokets.open_loket(session=s, loket=loket, staff_id=None, at=now, actor="x")
        queue.call_visit(
            session=s, visit_id=visit.id, now=now, loket=loket, staff_id=None, actor="x"
        )
        if status is VisitStatus.NO_SHOW:
            serving.no_show(session=s, visit_id=visit.id, now=now, actor="x")
        if status in (VisitStatus.SERVING, VisitStatus.DONE, VisitStatus.ON_HOLD):
            serving.start_service(session=s, visit_id=visit.id, now=now, actor="x")
        if status is VisitStatus.ON_HOLD:
            serving.hold(session=s, visit_id=visit.id, now=now, actor="x", reason="meterai")
        if status is VisitStatus.DONE:
            serving.finish(session=s, visit_id=visit.id, now=now, actor="x", outcome="informasi")


def test_queue_numbers_count_per_service_per_day(engine, clock):
    today = clock.now().date()
    tickets = [
        _visit(engine, clock, "REG", "A").ticket,
        _visit(engine, clock, "REG", "A").ticket,
        _visit(engine, clock, "UBAH", "B").ticket,
        _visit(engine, clock, "REG", "A").ticket,
    ]
    assert tickets == ["A-001", "A-002", "B-001", "A-003"]
    clock.advance(timedelta(days=1))
    tomorrow = clock.now().date()
    assert _visit(engine, clock, "REG", "A").ticket == "A-001"
    assert _visit(engine, clock, "UBAH", "B").ticket == "B-001"
    with read_session(engine) as session:
        assert [
            v.ticket for v in queue.visits_of_day(session=session, service_date=today)
        ] == tickets
        assert len(queue.visits_of_day(session=session, service_date=tomorrow)) == 2


def test_a_failed_registration_does_not_use_up_a_number(engine, clock):
    _visit(engine, clock)
    with pytest.raises(RuntimeError), write_session(engine) as session:
        queue.register_visit(
            session=session,
            service_code="REG",
            prefix="A",
            service_date=clock.now().date(),
            arrived_at=clock.now(),
            actor="kios",
        )
        raise RuntimeError("printer tiket macet")
    assert _visit(engine, clock).ticket == "A-002"


def test_visit_keeps_what_the_kiosk_recorded(engine, clock):
    holder = TicketHolder(visitor_name="Agus Salim", phone="081311112222", priority="lansia",
                          booking_code="MPP-260610-0001")  # fmt: skip
    visit = _visit(engine, clock, holder=holder)
    assert (visit.status, visit.visitor_name, visit.priority, visit.booking_code) == (
        VisitStatus.WAITING,
        "Agus Salim",
        "lansia",
        "MPP-260610-0001",
    )
    assert visit.arrived_at == clock.now()
    with read_session(engine) as session:
        (logged,) = events.history(session=session, entity="visit", entity_id=visit.id)
    assert (logged.action, logged.actor, logged.to_state) == ("nomor_diambil", "kios", "menunggu")


# --- cases --------------------------------------------------------------------------------


@pytest.fixture
def catalog(desk_home):
    """The shipped catalog, read from the isolated home."""
    return load_catalog()


@pytest.fixture
def calendar(desk_home):
    """The shipped calendar, read from the isolated home."""
    return WorkingCalendar.from_file(paths.calendar_file())


def _open_reg_case(engine, clock, catalog, *, officer_id=None):
    checklist = build_checklist(catalog.service("REG"), ChecklistFacts(vendor_type="PT"))
    with write_session(engine) as session:
        vendor = vendors.create(session=session, vendor=_vendor(clock), actor="t", now=clock.now())
        case = cases.open_case(
            session=session, service_code="REG", procedure="tatap_muka", checklist=checklist,
            vendor_id=vendor.id, visit_id=None, intake_by=officer_id, bearer_is_director=True,
            now=clock.now(), actor="Siti (#1)",
        )  # fmt: skip
    return case, checklist


def test_open_case_lays_out_the_checklist_unticked(engine, clock, catalog):
    case, checklist = _open_reg_case(engine, clock, catalog)
    assert case.status is CaseStatus.INTAKE
    assert checklist, "REG for a PT has requirements in the shipped catalog"
    with read_session(engine) as session:
        rows = cases.checks(session=session, case_id=case.id)
    assert [(r.requirement_id, r.mandatory) for r in rows] == [
        (q.id, q.mandatory) for q in checklist
    ]
    assert not any(r.original_shown or r.copy_received for r in rows)


def test_tick_records_one_requirement(engine, clock, catalog):
    case, checklist = _open_reg_case(engine, clock, catalog)
    first = checklist[0].id
    with write_session(engine) as session:
        cases.tick(
            session=session, case_id=case.id, requirement_id=first,
            tick=cases.Tick(original_shown=True, copy_received=True, expiry_date=date(2028, 1, 31),
                            note="fotokopi dilegalisasi"),
        )  # fmt: skip
    with read_session(engine) as session:
        rows = {r.requirement_id: r for r in cases.checks(session=session, case_id=case.id)}
    ticked = rows.pop(first)
    assert (ticked.original_shown, ticked.copy_received, ticked.expiry_date, ticked.note) == (
        True,
        True,
        date(2028, 1, 31),
        "fotokopi dilegalisasi",
    )
    assert not any(r.original_shown or r.copy_received for r in rows.values())
    with pytest.raises(NotFound, match="bukan_syarat"), write_session(engine) as session:
        cases.tick(
            session=session, case_id=case.id, requirement_id="bukan_syarat", tick=cases.Tick()
        )


def test_case_lifecycle_is_logged_in_order(engine, clock, catalog, calendar):
    case, _ = _open_reg_case(engine, clock, catalog)
    clock.advance(timedelta(minutes=10))
    due = calendar.due_at(clock.now())
    with write_session(engine) as session:
        handed = cases.hand_off(
            session=session, case_id=case.id, now=clock.now(), due_at=due, actor="Siti (#1)"
        )
    assert (handed.status, handed.handed_off_at, handed.due_at) == (
        CaseStatus.AWAITING_REVIEW,
        clock.now(),
        due,
    )
    with pytest.raises(Conflict), write_session(engine) as session:
        cases.hand_off(session=session, case_id=case.id, now=clock.now(), due_at=due, actor="x")
    clock.advance(timedelta(hours=3))
    with write_session(engine) as session:
        returned = cases.return_to_vendor(
            session=session, case_id=case.id, now=clock.now(), remaining_seconds=21 * 3600,
            actor="Andi (#4)", reason="Akta perubahan belum dilampirkan",
        )  # fmt: skip
    assert returned.status is CaseStatus.RETURNED
    with pytest.raises(Conflict), write_session(engine) as session:
        cases.return_to_vendor(
            session=session,
            case_id=case.id,
            now=clock.now(),
            remaining_seconds=1,
            actor="x",
            reason="x",
        )
    clock.advance(timedelta(days=1))
    with write_session(engine) as session:
        closed = cases.close(
            session=session, case_id=case.id, status=CaseStatus.REJECTED, now=clock.now(),
            actor="Andi (#4)", reason="Tidak dilengkapi",
        )  # fmt: skip
    assert (closed.status, closed.closed_at) == (CaseStatus.REJECTED, clock.now())
    with read_session(engine) as session:
        row = session.get(CaseRow, case.id)
        assert (row.remaining_seconds, row.paused_at) == (
            21 * 3600,
            clock.now() - timedelta(days=1),
        )
        log = events.history(session=session, entity="case", entity_id=case.id)
    assert [(e.action, e.from_state, e.to_state, e.reason) for e in log] == [
        ("kasus_dibuka", None, "penerimaan", None),
        ("diserahkan_ke_verifikator", "penerimaan", "menunggu_verifikasi", None),
        (
            "dikembalikan_ke_penyedia",
            "menunggu_verifikasi",
            "dikembalikan",
            "Akta perubahan belum dilampirkan",
        ),
        ("kasus_ditutup", "dikembalikan", "ditolak", "Tidak dilengkapi"),
    ]
    assert [e.actor for e in log] == ["Siti (#1)", "Siti (#1)", "Andi (#4)", "Andi (#4)"]


def test_an_overdue_return_keeps_no_negative_time(engine, clock, catalog):
    case, _ = _open_reg_case(engine, clock, catalog)
    with write_session(engine) as session:
        cases.hand_off(
            session=session, case_id=case.id, now=clock.now(), due_at=clock.now(), actor="x"
        )
        cases.return_to_vendor(
            session=session,
            case_id=case.id,
            now=clock.now(),
            remaining_seconds=-3600,
            actor="x",
            reason="x",
        )
    with read_session(engine) as session:
        assert session.get(CaseRow, case.id).remaining_seconds == 0


def test_unknown_case_is_not_found(engine, clock):
    for action in (
        lambda s: cases.hand_off(
            session=s, case_id=404, now=clock.now(), due_at=clock.now(), actor="x"
        ),
        lambda s: cases.close(
            session=s, case_id=404, status=CaseStatus.CLOSED, now=clock.now(), actor="x", reason="x"
        ),
        lambda s: cases.return_to_vendor(
            session=s, case_id=404, now=clock.now(), remaining_seconds=0, actor="x", reason="x"
        ),
    ):
        with pytest.raises(NotFound, match="#404"), write_session(engine) as session:
            action(session)


# --- dashboard ----------------------------------------------------------------------------


def test_day_summary_counts_today_and_open_reviews(engine, clock, catalog):
    now, today = clock.now(), clock.now().date()
    statuses = [
        VisitStatus.WAITING, VisitStatus.WAITING, VisitStatus.ON_HOLD,
        VisitStatus.CALLED, VisitStatus.SERVING,
        VisitStatus.DONE, VisitStatus.DONE, VisitStatus.DONE,
        VisitStatus.NO_SHOW, VisitStatus.CANCELLED,
    ]  # fmt: skip
    for loket, status in enumerate(statuses, start=1):
        visit = _visit(engine, clock)
        _drive_to(engine, clock, visit, status, loket)
    # Yesterday's forgotten tickets are not today's queue.
    _visit(engine, clock, day=today - timedelta(days=1))
    plans = [
        (now + timedelta(hours=20), None),  # with the verifiers, on time
        (now - timedelta(minutes=1), None),  # with the verifiers, overdue
        (now - timedelta(hours=5), CaseStatus.RETURNED),  # waiting on the vendor: not counted
        (now - timedelta(hours=5), CaseStatus.APPROVED),  # decided: not counted
    ]
    for due, outcome in plans:
        with write_session(engine) as session:
            case = cases.open_case(
                session=session, service_code="UID", procedure="daring", checklist=(),
                vendor_id=None, visit_id=None, intake_by=None, bearer_is_director=True,
                now=now, actor="x",
            )  # fmt: skip
            cases.hand_off(session=session, case_id=case.id, now=now, due_at=due, actor="x")
            if outcome is CaseStatus.RETURNED:
                cases.return_to_vendor(
                    session=session,
                    case_id=case.id,
                    now=now,
                    remaining_seconds=0,
                    actor="x",
                    reason="x",
                )
            elif outcome is not None:
                cases.close(
                    session=session, case_id=case.id, status=outcome, now=now, actor="x", reason="x"
                )
    # A case still at the counter is not with the verifiers yet.
    _open_reg_case(engine, clock, catalog)
    with read_session(engine) as session:
        summary = dashboard.day_summary(session=session, day=today, now=now)
    assert summary == dashboard.DaySummary(
        waiting=2, on_hold=1, being_served=2, served_today=3, handed_to_verifiers=2, overdue=1
    )


# --- demo ---------------------------------------------------------------------------------


def test_demo_fills_an_empty_store_with_a_realistic_day(demo_engine, clock):
    """``demo_engine`` is a copy of what ``demo.fill`` wrote at ``clock`` into an empty,
    migrated store (tests/conftest.py fills it once per worker)."""
    logins, engine = demo.DEMO_STAFF, demo_engine
    with read_session(engine) as session:
        assert meta.is_demo(session=session)
        members = {m.name: m for m in staff.list_active(session=session)}
        assert {(m.name, m.role) for m in members.values()} == {(x.name, x.role) for x in logins}
        assert {login.role for login in logins} == set(Role)  # one account per role to try
        for login in logins:
            member = members[login.name]
            assert staff.authenticate(session=session, staff_id=member.id, pin=login.pin) == member
        assert _count(session, VendorRow) == 8
        # The audit screen names every action the desk records in words (the demo records
        # every kind the counter and the verifiers take), not by its code.
        from lpse_desk.domain.audit import ACTION_LABELS
        from lpse_desk.store.tables.desk import EventRow

        recorded = set(session.exec(select(EventRow.action).distinct()).all())
        assert recorded - ACTION_LABELS.keys() == set()
        visits = queue.visits_of_day(session=session, service_date=clock.now().date())
        assert len(visits) == 19
        # The rest are the IKM quarter's served visits, all before the demo day.
        assert (
            _count(session, VisitRow) - 19
            == session.exec(
                select(func.count()).where(VisitRow.service_date < clock.now().date())
            ).one()
        )
        assert {v.ticket for v in visits} >= {"A-001", "A-006", "B-001", "C-005", "D-004"}
        summary = dashboard.day_summary(session=session, day=clock.now().date(), now=clock.now())
        assert summary == dashboard.DaySummary(
            waiting=4, on_hold=1, being_served=2, served_today=9, handed_to_verifiers=9, overdue=1
        )
        # A day the queue screen can show every kind of line of.
        statuses = {v.status for v in visits}
        assert statuses == set(VisitStatus)
        assert any(v.transferred_from == "KONS" and v.service_code == "REG" for v in visits)
        assert any(v.priority for v in visits if v.status is VisitStatus.WAITING)
        day_bookings = bookings.of_day(session=session, day=clock.now().date())
        assert len(day_bookings) == 6
        assert sum(1 for b in day_bookings if b.visit_id is None) == 2  # later today
        assert {s.status for s in lokets.all_states(session=session, day=clock.now().date())} == {
            LoketStatus.OPEN
        }
        # Every visit, vendor and case has its history.
        for table, entity in ((VisitRow, "visit"), (VendorRow, "vendor"), (CaseRow, "case")):
            for row_id in session.exec(select(table.id)).all():
                assert events.history(session=session, entity=entity, entity_id=row_id)


def test_every_case_handed_off_in_the_demo_has_its_receipt_file(
    engine, clock, catalog, calendar, tmp_path
):
    from lpse_desk import receipts
    from lpse_desk.domain.office import Office
    from lpse_desk.domain.receipt import ReceiptData
    from lpse_desk.store.tables.cases import ReceiptRow

    office = Office(address="Jl. Contoh No. 1, Kota Bogor", phone="(0251) 000000")
    demo.fill(engine, catalog=catalog, calendar=calendar, now=clock.now(), office=office,
              render=receipts.render_receipt, receipts_dir=tmp_path / "demo")  # fmt: skip
    with read_session(engine) as session:
        handed = set(session.exec(select(CaseRow.id).where(CaseRow.handed_off_at.is_not(None))))
        rows = session.exec(select(ReceiptRow).order_by(ReceiptRow.issued_at)).all()
        assert handed and {row.case_id for row in rows} == handed
        for row in rows:  # the installation's [kantor] heads the demo's receipts too
            data = ReceiptData.from_json(row.payload)
            assert (data.office_address, data.office_phone) == (office.address, office.phone)
        assert [row.seq for row in rows] == list(range(1, len(rows) + 1))  # in hand-off order
        for row in rows:
            pdf = tmp_path / "demo" / row.file_path
            assert hashlib.sha256(pdf.read_bytes()).hexdigest() == row.sha256


def test_every_demo_vendor_passes_validation(demo_engine, clock):
    with read_session(demo_engine) as session:
        rows = [
            vendors.get(session=session, vendor_id=i) for i in session.exec(select(VendorRow.id))
        ]
    assert {row.legal_form for row in rows} >= {"PT", "CV", "koperasi", "perorangan"}
    for row in rows:
        draft = VendorDraft(
            legal_form=row.legal_form.value,
            name=row.name,
            **{
                name: getattr(row, name) or ""
                for name in (
                    "npwp", "nib", "spse_user_id", "email", "phone", "address",
                    "director_name", "director_nik",
                )
            },
        )  # fmt: skip
        clean = validate_vendor(draft, today=clock.now().date())
        assert clean.warnings == (), row.name
        assert clean.npwp == row.npwp and clean.director_nik == row.director_nik


def test_demo_refuses_a_store_that_holds_data(engine, clock, catalog, calendar):
    member = _add_staff(engine, clock)
    with pytest.raises(Conflict, match="kosong"):
        demo.fill(engine, catalog=catalog, calendar=calendar, now=clock.now())
    with read_session(engine) as session:
        assert staff.list_active(session=session) == [member]
        assert not meta.is_demo(session=session)
        assert _count(session, VendorRow) == 0


def test_demo_can_be_wiped_and_filled_again(demo_engine, clock, catalog, calendar):
    engine = demo_engine  # filled at ``clock``
    clock.advance(timedelta(days=1))
    demo.wipe(engine)
    demo.fill(engine, catalog=catalog, calendar=calendar, now=clock.now())
    with read_session(engine) as session:
        assert _count(session, StaffRow) == 4
        today = queue.visits_of_day(session=session, service_date=clock.now().date())
        assert len(today) == 19
        assert (
            queue.visits_of_day(session=session, service_date=clock.now().date())[0].ticket
            == "A-001"
        )


def test_a_store_opened_on_a_demo_database_writes_its_receipts_apart(engine, clock, catalog,
                                                                      calendar):  # fmt: skip
    from lpse_desk.config import load_settings
    from lpse_desk.store.services.desk import DeskStore

    working = DeskStore.open(load_settings(), clock)
    assert working.intake.receipts_dir == paths.receipts_dir()
    working.close()
    demo.fill(engine, catalog=catalog, calendar=calendar, now=clock.now())
    tried = DeskStore.open(load_settings(), clock)
    assert tried.intake.receipts_dir == paths.demo_receipts_dir() != paths.receipts_dir()
    tried.close()


def test_the_demo_filled_just_after_midnight_plays_its_day_on_that_day(engine, catalog, calendar):
    """Filled at 00.15 WIB the demo day would begin the evening before (and fail calling its
    numbers at today's lokets): it ends at 03.00 of that day instead."""
    just_after_midnight = datetime(2026, 12, 5, 0, 15, tzinfo=WIB)
    assert demo.demo_moment(just_after_midnight) == datetime(2026, 12, 5, 3, 0, tzinfo=WIB)
    later = datetime(2026, 12, 5, 9, 30, tzinfo=WIB)
    assert demo.demo_moment(later) == later
    demo.fill(engine, catalog=catalog, calendar=calendar, now=just_after_midnight)
    with read_session(engine) as session:
        visits = queue.visits_of_day(session=session, service_date=just_after_midnight.date())
    assert len(visits) == 19 and {v.arrived_at.date() for v in visits} == {date(2026, 12, 5)}
