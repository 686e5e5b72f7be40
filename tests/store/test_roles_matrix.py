"""Every store action that changes something, tried by every kind of actor (DOMAIN.md §1).

Actors: a counter officer, a verifier, an admin; an account deactivated since it logged in;
an account logged in as admin whose role was changed since (its stored row now lacks the
permission the action needs); a bare string; None; the command line's system actor.
A refused action raises PermissionDenied in Indonesian and writes no event. The expected
actors are written out here from §1's table, not computed from ``domain.access``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import func, select

from lpse_desk import paths, receipts
from lpse_desk.catalog import load_catalog
from lpse_desk.domain.access import SystemActor
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.entities import CaseStatus, StaffMember
from lpse_desk.domain.errors import DeskError, PermissionDenied
from lpse_desk.domain.ikm.index import UNSUR_KEYS
from lpse_desk.domain.ikm.kiosk import KioskAnswers
from lpse_desk.domain.queue.rules import QueuePolicy
from lpse_desk.domain.roles import Role
from lpse_desk.domain.vendors import VendorDraft
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import staff
from lpse_desk.store.services.ikm import IkmDesk
from lpse_desk.store.services.intake import IntakeDesk
from lpse_desk.store.services.queue import QueueDesk
from lpse_desk.store.services.review import ReviewDesk
from lpse_desk.store.services.vendors import VendorDesk
from lpse_desk.store.tables.cases import CaseRow
from lpse_desk.store.tables.desk import EventRow, StaffRow
from tests.store.reviewcases import handed_off, make_team, make_vendor

COUNTER = {"petugas", "admin"}
COUNTER_AND_CLI = COUNTER | {"cli"}
DECIDE = {"verifikator", "admin"}
ANY_STAFF = {"petugas", "verifikator", "admin", "peran_berubah"}  # any role: still staff
ADMIN = {"admin"}
ACTORS = ("petugas", "verifikator", "admin", "nonaktif", "peran_berubah", "teks", "none", "cli")
GOOD = dict.fromkeys(UNSUR_KEYS, 3)
LOW = {**GOOD, "waktu": 1}


@dataclass
class World:
    engine: object
    clock: object
    queue: QueueDesk
    intake: IntakeDesk
    review: ReviewDesk
    vendors: VendorDesk
    ikm: IkmDesk
    team: object
    serial: int = 500
    loket: int = 0

    def next_serial(self) -> int:
        self.serial += 1
        return self.serial

    def next_loket(self) -> int:
        """A loket of its own for each prepared state (one still serves the last one's visit)."""
        self.loket += 1
        return self.loket


@pytest.fixture
def world(engine, clock, desk_home, tmp_path) -> World:
    catalog = load_catalog()
    calendar = WorkingCalendar.from_file(paths.calendar_file())
    intake = IntakeDesk(engine=engine, catalog=catalog, calendar=calendar, clock=clock,
                        receipts_dir=tmp_path / "receipts", render=receipts.render_receipt,
                        read_pdf=receipts.signed_summary_of_pdf)  # fmt: skip
    return World(
        engine=engine,
        clock=clock,
        queue=QueueDesk(
            engine=engine, catalog=catalog, calendar=calendar, clock=clock, policy=QueuePolicy()
        ),  # fmt: skip
        intake=intake,
        review=ReviewDesk(engine=engine, catalog=catalog, calendar=calendar, clock=clock),
        vendors=VendorDesk(engine, clock),
        ikm=IkmDesk(engine=engine, catalog=catalog, clock=clock),
        team=make_team(engine, clock),
    )


def _account(world: World, name: str, role: Role) -> StaffMember:
    with write_session(world.engine) as session:
        return staff.create(session=session, name=name, role=role, pin="2468", actor="uji",
                            now=world.clock.now())  # fmt: skip


def _set_row(world: World, member: StaffMember, **values) -> None:
    """What an admin's change does to the stored account while its owner is still logged in."""
    with write_session(world.engine) as session:
        row = session.get(StaffRow, member.id)
        for key, value in values.items():
            setattr(row, key, value)
        session.add(row)


def _event_count(engine) -> int:
    with read_session(engine) as session:
        return session.exec(select(func.count()).select_from(EventRow)).one()


def actor(world: World, kind: str, needs_counter: bool):
    """The actor of ``kind``; the stale ones are real accounts changed in the store."""
    team = world.team
    if kind in ("petugas", "verifikator", "admin"):
        return {"petugas": team.officer, "verifikator": team.verifier, "admin": team.admin}[kind]
    if kind == "nonaktif":
        gone = _account(world, f"Akun Nonaktif {world.next_serial()}", Role.ADMIN)
        _set_row(world, gone, active=False)
        return gone  # the object still says active admin
    if kind == "peran_berubah":
        moved = _account(world, f"Akun Berubah {world.next_serial()}", Role.ADMIN)
        lacking = Role.VERIFIKATOR if needs_counter else Role.PETUGAS
        _set_row(world, moved, role=lacking.value)
        return moved  # the object still says admin
    return {"teks": "cli:ratna", "none": None, "cli": SystemActor("cli:ratna")}[kind]


# --- the actions: each ``setup(world)`` prepares the state and returns ``act(who)`` --------


def _booking_csv(code: str) -> bytes:
    return (
        "kode_booking;nama;no_hp;layanan;tanggal;jam\n"
        f"{code};Budi Santoso;0812-3456-7890;REG;2026-06-10;09:40\n"
    ).encode()


def _waiting(world: World):
    return world.queue.take(SystemActor("cli:uji"), "REG")


def _called(world: World):
    visit, loket = _waiting(world), world.next_loket()
    world.queue.open_loket(world.team.officer2, loket)
    return world.queue.call(world.team.officer2, loket, visit.id)


def _in_intake(world: World, *, complete: bool):
    officer = world.team.officer2
    vendor = make_vendor(world.engine, world.clock, world.next_serial())
    case = world.intake.start(officer, service_code="REG", vendor_id=vendor.id,
                              vendor_type="PT", helpdesk_request_no=f"HD-{world.serial}")  # fmt: skip
    mandatory = [line for line in world.intake.lines(case.id) if line.requirement.mandatory]
    for number, line in enumerate(mandatory):  # incomplete: no copy of the first one
        world.intake.tick(officer, case.id, line.requirement.id, original_shown=False,
                          copy_received=complete or number > 0)  # fmt: skip
    return case


def _handed(world: World) -> int:
    return handed_off(world.intake, world.engine, world.clock, world.team.officer,
                      serial=world.next_serial())  # fmt: skip


def _returned(world: World) -> int:
    case_id = _handed(world)
    world.review.reject_document(world.team.verifier2, case_id, "ktp_direksi",
                                 reason="tidak_valid")  # fmt: skip
    world.review.return_to_vendor(world.team.verifier2, case_id)
    return case_id


def _followup(world: World) -> int:
    world.ikm.submit(world.team.officer2, KioskAnswers(LOW, service_code="REG"), visit_id=None)
    return world.ikm.followups()[0].id


def _vendor_draft(serial: int) -> VendorDraft:
    from lpse_desk.demo import company_npwp

    return VendorDraft(legal_form="PT", name=f"PT Baru Matriks {serial}",
                       npwp=company_npwp(serial), spse_user_id=f"baru{serial}",
                       director_name="Hendra Gunawan", director_nik="3271031203780004")  # fmt: skip


def _ikm_paper(world: World) -> bytes:
    day = f"2026-05-{world.next_serial() % 28 + 1:02d}"  # another file each time
    return (
        "tanggal;layanan;" + ";".join(UNSUR_KEYS) + "\n"
        f"{day};REG;{';'.join(['3'] * len(UNSUR_KEYS))}\n"
    ).encode()


def _own_id(who) -> int | None:
    return who.id if isinstance(who, StaffMember) else None


ACTIONS = {
    # queue (DOMAIN §1: counter); the CLI has `queue take` and `queue import`
    "antrean.ambil": (COUNTER_AND_CLI, lambda w: lambda who: w.queue.take(who, "REG")),
    "antrean.kedatangan_booking": (
        COUNTER_AND_CLI,
        lambda w: (
            w.queue.import_bookings(
                SystemActor("cli:uji"),
                _booking_csv(c := f"MPP-260610-{w.next_serial():04d}"),
                source="b.csv",
            ),
            lambda who: w.queue.check_in(who, c),
        )[1],
    ),  # fmt: skip
    "antrean.impor_booking": (
        COUNTER_AND_CLI,
        lambda w: (
            lambda who: w.queue.import_bookings(
                who, _booking_csv(f"MPP-260610-{w.next_serial():04d}"), source="b.csv"
            )
        ),
    ),
    "antrean.buka_loket": (COUNTER, lambda w: lambda who: w.queue.open_loket(who, 1)),
    "antrean.panggil": (
        COUNTER,
        lambda w: (
            _waiting(w),
            n := w.next_loket(),
            w.queue.open_loket(w.team.officer2, n),
            lambda who: w.queue.call_next(who, n),
        )[-1],
    ),
    "antrean.mulai_layani": (
        COUNTER,
        lambda w: (v := _called(w), lambda who: w.queue.start(who, v.id))[-1],
    ),
    "antrean.batal": (
        COUNTER,
        lambda w: (v := _waiting(w), lambda who: w.queue.cancel(who, v.id, "pulang"))[-1],
    ),
    # intake and receipts (counter); the CLI has `receipt reprint` and `ticket sent`
    "penerimaan.mulai": (
        COUNTER,
        lambda w: (
            v := make_vendor(w.engine, w.clock, w.next_serial()),
            lambda who: w.intake.start(
                who,
                service_code="REG",
                vendor_id=v.id,
                vendor_type="PT",
                helpdesk_request_no=f"HD-{v.id}",  # one request, one case: each its own
            ),
        )[-1],
    ),  # fmt: skip
    "penerimaan.centang": (
        COUNTER,
        lambda w: (
            c := _in_intake(w, complete=False),
            lambda who: w.intake.tick(
                who, c.id, "npwp_perusahaan", original_shown=False, copy_received=True
            ),
        )[-1],
    ),  # fmt: skip
    "penerimaan.sikap": (
        COUNTER,
        lambda w: (
            c := _in_intake(w, complete=False),
            lambda who: w.intake.record_sikap(who, c.id, "Akun SIKaP dibuat"),
        )[-1],
    ),
    "penerimaan.konsultasi": (
        COUNTER,
        lambda w: (
            lambda who: w.intake.record_consultation(
                who, vendor_id=None, visit_id=None, topic="Tender", advice="Baca SE", minutes=10
            )
        ),
    ),
    "tanda_terima.terbit": (
        COUNTER,
        lambda w: (
            c := _in_intake(w, complete=True),
            lambda who: w.intake.finish(who, c.id, loket=None),
        )[-1],
    ),
    "tanda_terima.slip": (
        COUNTER,
        lambda w: (
            c := _in_intake(w, complete=False),
            lambda who: w.intake.issue_slip(who, c.id, loket=None),
        )[-1],
    ),
    "tanda_terima.cetak_ulang": (
        COUNTER_AND_CLI,
        lambda w: (
            _handed(w),
            n := w.intake.receipts()[-1].number,
            lambda who: w.intake.reprint(who, n),
        )[-1],
    ),
    "tiket.terkirim": (
        COUNTER_AND_CLI,
        lambda w: (
            _handed(w),
            n := w.intake.tickets()[-1].number,
            lambda who: w.intake.mark_ticket_sent(who, n, ref="OST-1"),
        )[-1],
    ),
    "penyedia.daftar": (
        COUNTER,
        lambda w: lambda who: w.vendors.create(who, _vendor_draft(w.next_serial())),
    ),
    "panggilan_video.jadwal": (
        COUNTER,
        lambda w: (
            c := _handed(w),
            lambda who: w.review.schedule_call(
                who, c, when=w.clock.now() + timedelta(hours=1), channel="zoom",
                detail="https://zoom.us/j/1",
            ),
        )[-1],
    ),
    # the survey (counter: the kiosk runs on the officer's desk); the CLI has `ikm import`
    "ikm.kios": (
        COUNTER,
        lambda w: lambda who: w.ikm.submit(
            who, KioskAnswers(GOOD, service_code="REG"), visit_id=None
        ),
    ),
    "ikm.impor_kertas": (
        COUNTER_AND_CLI,
        lambda w: (
            lambda who: w.ikm.import_paper(who, _ikm_paper(w), source=f"{w.next_serial()}.csv")
        ),
    ),
    "ikm.tindak_lanjut": (
        ADMIN,
        lambda w: (
            f := _followup(w),
            lambda who: w.ikm.handle_followup(who, f, "Ruang tunggu diperbaiki"),
        )[-1],
    ),
    # review and decisions (verifikator, admin)
    "verifikasi.ambil_kasus": (
        DECIDE,
        lambda w: (c := _handed(w), lambda who: w.review.assign(who, c, _own_id(who)))[-1],
    ),
    "verifikasi.terima_dokumen": (
        DECIDE,
        lambda w: (
            c := _handed(w),
            lambda who: w.review.accept_document(who, c, "npwp_perusahaan"),
        )[-1],
    ),
    "verifikasi.tolak": (
        DECIDE,
        lambda w: (
            c := _handed(w),
            lambda who: w.review.reject(who, c, reason="tidak_lengkap", note="Tidak datang"),
        )[-1],
    ),
    "verifikasi.kembalikan": (
        DECIDE,
        lambda w: (
            c := _handed(w),
            w.review.reject_document(w.team.verifier2, c, "ktp_direksi", reason="tidak_valid"),
            lambda who: w.review.return_to_vendor(who, c, note="Bawa KTP yang berlaku"),
        )[-1],
    ),
    "verifikasi.berkas_perbaikan": (
        ANY_STAFF,
        lambda w: (c := _returned(w), lambda who: w.review.resume(who, c, note="KTP baru"))[-1],
    ),
}


@pytest.mark.parametrize("name", list(ACTIONS))
def test_each_action_is_allowed_exactly_to_the_roles_of_the_table(world, name):
    allowed, setup = ACTIONS[name]
    needs_counter = allowed != DECIDE and allowed != ADMIN
    refused = [kind for kind in ACTORS if kind not in allowed]
    act = setup(world)
    for kind in refused:  # nothing changes, so they all share one prepared state
        who = actor(world, kind, needs_counter)
        before = _event_count(world.engine)
        with pytest.raises(PermissionDenied) as denied:
            act(who)
        message = str(denied.value)
        assert message and "Traceback" not in message and message.isprintable()
        assert _event_count(world.engine) == before, f"{name} by {kind} wrote an event"
    for kind in sorted(allowed):  # each allowed actor on a fresh state of its own
        act = setup(world)
        before = _event_count(world.engine)
        act(actor(world, kind, needs_counter))
        assert _event_count(world.engine) > before, f"{name} by {kind} recorded nothing"


def test_the_refusals_say_who_may_and_why_in_indonesian(world):
    team = world.team
    with pytest.raises(PermissionDenied, match="^Verifikator tidak boleh mengambilkan nomor "
                       "antrian; hanya petugas loket atau admin$"):  # fmt: skip
        world.queue.take(team.verifier, "REG")
    with pytest.raises(PermissionDenied, match="^Hanya staf yang sudah masuk yang boleh "
                       "menerbitkan tanda terima atau slip$"):  # fmt: skip
        world.intake.finish("cli:ratna", 1, loket=None)
    with pytest.raises(PermissionDenied, match=r"^Perintah baris \(CLI\) tidak boleh memanggil "
                       "antrian; lakukan dari desk oleh petugas loket atau admin yang sudah masuk$"):  # fmt: skip
        world.queue.call_next(SystemActor("cli:ratna"), 1)
    gone = _account(world, "Dewi Lama", Role.PETUGAS)
    _set_row(world, gone, active=False)
    with pytest.raises(PermissionDenied, match="^Akun Dewi Lama tidak aktif$"):
        world.queue.open_loket(gone, 1)


# --- four-eyes over everyone who took part in the intake -----------------------------------


def test_the_admin_who_issued_the_receipt_of_anothers_intake_may_not_decide_it(world):
    team = world.team
    case = _in_intake(world, complete=True)  # started and ticked by officer2
    world.intake.finish(team.admin, case.id, loket=None)  # the admin finishes it
    for attempt in (
        lambda: world.review.reject(team.admin, case.id, reason="tidak_lengkap", note="Akta tidak ada"),
        lambda: world.review.accept_document(team.admin, case.id, "npwp_perusahaan"),
        lambda: world.review.assign(team.admin, case.id, team.admin.id),
    ):
        before = _event_count(world.engine)
        with pytest.raises(PermissionDenied, match="empat mata: Ratna Sari ikut menerima"):
            attempt()
        assert _event_count(world.engine) == before
    world.review.reject(team.verifier, case.id, reason="tidak_lengkap", note="Akta tidak ada")  # another may


def test_an_admin_who_ticked_a_document_of_the_intake_may_not_decide_it(world):
    team = world.team
    case = _in_intake(world, complete=False)
    for line in world.intake.lines(case.id):
        if line.requirement.mandatory:
            world.intake.tick(team.admin, case.id, line.requirement.id, original_shown=False,
                              copy_received=True)  # fmt: skip
    world.intake.finish(team.officer2, case.id, loket=None)
    with pytest.raises(PermissionDenied, match="empat mata"):
        world.review.reject(team.admin, case.id, reason="tidak_lengkap", note="Akta tidak ada")
    with pytest.raises(PermissionDenied, match="empat mata"):  # nor be given it
        world.review.assign(team.admin, case.id, team.admin.id)


# --- the property: nobody both takes a case in and decides it ------------------------------

INTAKE_STEPS = ("start", "tick", "finish")
DECISIONS = ("reject", "accept", "assign_self")


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    takers=st.lists(st.sampled_from(["officer", "officer2", "admin"]), min_size=3, max_size=3),
    decisions=st.lists(
        st.tuples(
            st.sampled_from(["verifier", "admin", "officer", "officer2"]),
            st.sampled_from(DECISIONS),
        ),
        min_size=1,
        max_size=4,
    ),  # fmt: skip
)
def test_no_sequence_lets_one_account_take_a_case_in_and_decide_it(world, takers, decisions):
    team = world.team
    people = {"officer": team.officer, "officer2": team.officer2, "admin": team.admin,
              "verifier": team.verifier}  # fmt: skip
    starter, ticker, issuer = (people[name] for name in takers)
    vendor = make_vendor(world.engine, world.clock, world.next_serial())
    case = world.intake.start(starter, service_code="REG", vendor_id=vendor.id,
                              vendor_type="PT", helpdesk_request_no=f"HD-{world.serial}")  # fmt: skip
    for line in world.intake.lines(case.id):
        if line.requirement.mandatory:
            world.intake.tick(ticker, case.id, line.requirement.id, original_shown=False,
                              copy_received=True)  # fmt: skip
    world.intake.finish(issuer, case.id, loket=None)
    took_part = {starter.id, ticker.id, issuer.id}
    for name, decision in decisions:
        who = people[name]
        try:
            if decision == "reject":
                world.review.reject(who, case.id, reason="tidak_lengkap", note="Akta tidak ada")
            elif decision == "accept":
                world.review.accept_document(who, case.id, "npwp_perusahaan")
            else:
                world.review.assign(who, case.id, who.id)
        except DeskError:
            continue
        assert who.id not in took_part, f"{name} took part in the intake and did {decision}"
    with read_session(world.engine) as session:
        row = session.get(CaseRow, case.id)
        assert row.decided_by not in took_part
        if row.status == CaseStatus.REJECTED.value:
            assert row.decided_by is not None
