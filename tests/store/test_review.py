"""The verifier's review on a real SQLite store: queue, case file, four-eyes, decisions,
the paused clock, UBAH changes, daring video calls and the helpdesk messages."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from sqlmodel import func, select

from lpse_desk import paths
from lpse_desk.catalog import load_catalog
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.clock import WIB
from lpse_desk.domain.daring import CallStatus
from lpse_desk.domain.entities import CaseStatus
from lpse_desk.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from lpse_desk.domain.notices import NoticeKind
from lpse_desk.domain.review import DocumentVerdict, RefusalReason, decide_document
from lpse_desk.domain.roles import Role
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import dashboard, decisions, review, staff, vendors
from lpse_desk.store.services.review import ReviewDesk
from lpse_desk.store.tables.cases import CaseRow
from lpse_desk.store.tables.desk import EventRow
from tests.store.reviewcases import accept_everything, desks, handed_off, make_team, make_vendor


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
def pair(engine, catalog, calendar, clock, tmp_path):
    return desks(engine, catalog, calendar, clock, tmp_path)


@pytest.fixture
def intake(pair):
    return pair[0]


@pytest.fixture
def desk(pair):
    return pair[1]


def _case(engine, case_id) -> CaseRow:
    with read_session(engine) as session:
        row = session.get(CaseRow, case_id)
        session.expunge(row)  # keep its loaded values past the read session's rollback
        return row


def make_team_admin(engine, clock):
    """A second admin, who did not take the case in."""
    with write_session(engine) as session:
        return staff.create(session=session, name="Yudi Pratama", role=Role.ADMIN, pin="1357",
                            actor="uji", now=clock.now())  # fmt: skip


def _event_count(engine) -> int:
    with read_session(engine) as session:
        return session.exec(select(func.count()).select_from(EventRow)).one()


def _actions(desk, case_id) -> list[str]:
    return [event.action for event in desk.open(case_id).events]


# --- queue and case file -----------------------------------------------------------------


def test_queue_lists_handed_off_cases_by_deadline_with_time_left(engine, clock, intake, desk, team):
    first = handed_off(intake, engine, clock, team.officer, serial=11, service="UBAH")
    clock.advance(timedelta(hours=2))
    second = handed_off(intake, engine, clock, team.officer, serial=12, service="REG")
    clock.set(datetime(2026, 6, 11, 10, 30, tzinfo=WIB))  # Thursday: the first is 1 hour late
    lines = desk.queue()
    assert [line.case.id for line in lines] == [first, second]
    late, on_time = lines
    assert late.overdue and late.time_left.left == -timedelta(hours=1)
    assert not on_time.overdue and on_time.time_left.left == timedelta(hours=1)
    assert late.vendor_name == "PT Sinar Pakuan 11" and late.status_label == "Menunggu verifikasi"
    assert late.ticket_number.startswith("TKT-LPSE/2026/")
    assert [line.case.id for line in desk.queue(service="reg")] == [second]
    assert [line.case.id for line in desk.queue(overdue_only=True)] == [first]
    with pytest.raises(NotFound, match="Layanan 'XYZ' tidak dikenal"):
        desk.queue(service="XYZ")
    with pytest.raises(ValidationError, match="Status 'mungkin' tidak dikenal"):
        desk.queue(status="mungkin")


def test_home_counts_come_from_the_queue_condition(engine, clock, intake, desk, team):
    ids = [handed_off(intake, engine, clock, team.officer, serial=20 + n) for n in range(3)]
    clock.advance(timedelta(days=1, hours=1))
    fresh = handed_off(intake, engine, clock, team.officer, serial=30)
    accept_everything(desk, team.verifier, ids[2])
    desk.reject_document(team.verifier, ids[1], "ktp_direksi", reason="tidak_sesuai_asli")
    desk.return_to_vendor(team.verifier, ids[1])
    desk.approve(team.verifier, ids[2])
    with read_session(engine) as session:
        summary = dashboard.day_summary(session=session, day=clock.now().date(), now=clock.now())
    assert (summary.handed_to_verifiers, summary.overdue) == desk.counts() == (2, 1)
    waiting = desk.queue(status="menunggu_verifikasi")
    assert len(waiting) == summary.handed_to_verifiers
    assert sum(line.overdue for line in waiting) == summary.overdue
    # The returned case is still in the queue, paused, after the running ones.
    assert [line.case.id for line in desk.queue()] == [ids[0], fresh, ids[1]]
    assert desk.queue()[-1].time_left.paused


def test_opening_a_case_shows_checklist_receipt_ticket_and_events(
    engine, clock, intake, desk, team
):
    case_id = handed_off(intake, engine, clock, team.officer, serial=40)
    opened = desk.open(case_id)
    assert opened.case.status is CaseStatus.AWAITING_REVIEW
    assert opened.vendor.name == "PT Sinar Pakuan 40" and opened.intake_by_name == "Dewi Lestari"
    assert [d.requirement_id for d in opened.documents if d.mandatory] == [
        "ktp_direksi", "npwp_perusahaan",
    ]  # fmt: skip
    assert all(d.verdict is None for d in opened.documents)
    assert opened.receipt_number.startswith("TT-LPSE/2026/")
    assert opened.ticket.number.startswith("TKT-LPSE/2026/") and opened.ticket.message
    assert "diserahkan_ke_verifikator" in [e.action for e in opened.events]
    assert [c.code for c in opened.checks] == ["nama_sama", "npwp_sama", "daftar_hitam"]
    assert not opened.may_approve and "Dokumen belum diputuskan" in opened.blockers[0]
    assert opened.time_left.left == timedelta(hours=24)
    with pytest.raises(NotFound, match="Kasus #999 tidak ditemukan"):
        desk.open(999)


# --- four-eyes and roles ------------------------------------------------------------------


def test_the_intake_officer_cannot_decide_through_the_store_functions(
    engine, clock, catalog, intake, desk, team
):
    case_id = handed_off(intake, engine, clock, team.admin, serial=50)  # an admin took it in
    before = _event_count(engine)
    accepted = decide_document("diterima")
    for who in (team.admin, team.officer):
        with pytest.raises(PermissionDenied), write_session(engine) as session:
            review.decide_document(session=session, who=who, case_id=case_id,
                                   requirement_id="ktp_direksi", decision=accepted,
                                   now=clock.now())  # fmt: skip
        with pytest.raises(PermissionDenied), write_session(engine) as session:
            decisions.approve(session=session, catalog=catalog, who=who, case_id=case_id,
                              user_id=None, now=clock.now())  # fmt: skip
        with pytest.raises(PermissionDenied), write_session(engine) as session:
            decisions.reject(session=session, catalog=catalog, who=who, case_id=case_id,
                             reason=RefusalReason.INCOMPLETE, note="", now=clock.now())  # fmt: skip
    with pytest.raises(PermissionDenied, match="empat mata: Ratna Sari"):
        desk.accept_document(team.admin, case_id, "ktp_direksi")
    with pytest.raises(PermissionDenied, match="Petugas loket tidak boleh"):
        desk.reject(team.officer, case_id, reason="tidak_lengkap")
    with pytest.raises(PermissionDenied, match="sudah masuk"):
        desk.approve("cli:ratna", case_id)
    assert _event_count(engine) == before
    assert _case(engine, case_id).status == CaseStatus.AWAITING_REVIEW.value
    # A verifier who did not take it in may.
    assert desk.accept_document(team.verifier, case_id, "ktp_direksi").verdict is (
        DocumentVerdict.ACCEPTED
    )


def test_a_case_cannot_be_assigned_to_its_intake_officer(engine, clock, intake, desk, team):
    # Taken in by an admin; assigning to others is the admin's, so an admin assigns here.
    admin2 = make_team_admin(engine, clock)
    case_id = handed_off(intake, engine, clock, team.admin, serial=55)
    with pytest.raises(PermissionDenied, match="empat mata"):
        desk.assign(admin2, case_id, team.admin.id)
    with pytest.raises(PermissionDenied, match="empat mata"):
        desk.assign(team.admin, case_id, team.admin.id)  # nor takes it themselves
    with pytest.raises(PermissionDenied, match="Petugas loket tidak boleh"):
        desk.assign(admin2, case_id, team.officer.id)
    with pytest.raises(PermissionDenied):
        desk.assign(team.officer, case_id, team.verifier.id)
    desk.assign(admin2, case_id, team.verifier2.id)
    assert [line.assigned_name for line in desk.queue(assigned_to=team.verifier2.id)] == [
        "Rina Marlina"
    ]
    assert desk.queue(assigned_to=team.verifier.id) == []
    desk.assign(admin2, case_id, None)
    assert desk.open(case_id).assigned_to is None
    assert _actions(desk, case_id)[-2:] == ["kasus_ditugaskan", "penugasan_dilepas"]


def test_a_verifier_takes_and_releases_only_for_themselves(engine, clock, intake, desk, team):
    case_id = handed_off(intake, engine, clock, team.officer, serial=56)
    before = _event_count(engine)
    with pytest.raises(PermissionDenied, match="hanya oleh admin"):
        desk.assign(team.verifier, case_id, team.verifier2.id)
    assert desk.open(case_id).assigned_to is None and _event_count(engine) == before
    desk.assign(team.verifier2, case_id, team.verifier2.id)  # Rina takes it
    with pytest.raises(PermissionDenied, match="ditugaskan ke staf lain"):
        desk.assign(team.verifier, case_id, None)  # Andi cannot release Rina's case
    assert desk.open(case_id).assigned_to == team.verifier2.id
    desk.assign(team.verifier, case_id, team.verifier.id)  # but may take it himself
    desk.assign(team.verifier, case_id, None)  # and release his own
    desk.assign(team.admin, case_id, team.verifier2.id)  # the admin gives it to Rina
    assert desk.open(case_id).assigned_name == "Rina Marlina"


# --- decisions ----------------------------------------------------------------------------


def test_approval_waits_for_every_document_and_check(engine, clock, intake, desk, team):
    case_id = handed_off(intake, engine, clock, team.officer, serial=60)
    desk.reject_document(team.verifier, case_id, "ktp_direksi", reason="tidak sesuai asli",
                         note="foto buram")  # fmt: skip
    before = _event_count(engine)
    with pytest.raises(Conflict) as refused:
        desk.approve(team.verifier, case_id)
    message = str(refused.value)
    assert "Dokumen ditolak: KTP/KITAS/KITAP Direksi" in message and "foto buram" in message
    assert "Dokumen belum diputuskan: NPWP Perusahaan" in message
    assert "Pemeriksaan belum dikonfirmasi" in message and "INAPROC" in message
    assert _event_count(engine) == before
    accept_everything(desk, team.verifier, case_id)
    assert desk.open(case_id).may_approve


def test_a_document_never_brought_cannot_be_accepted(engine, clock, intake, desk, team):
    # An optional document the vendor did not bring ("tidak dibawa"): nothing reached the
    # desk, so the record must not say a verifier accepted it.
    case_id = handed_off(intake, engine, clock, team.officer, serial=61)
    absent = next(d for d in desk.open(case_id).documents if not d.brought)
    before = _event_count(engine)
    with pytest.raises(Conflict, match="tidak dibawa ke loket"):
        desk.accept_document(team.verifier, case_id, absent.requirement_id)
    assert _event_count(engine) == before
    assert next(d for d in desk.open(case_id).documents
                if d.requirement_id == absent.requirement_id).verdict is None  # fmt: skip


def test_bad_input_changes_nothing(engine, clock, intake, desk, team):
    case_id = handed_off(intake, engine, clock, team.officer, serial=65)
    before = _event_count(engine)
    with pytest.raises(ValidationError, match="Pilih alasan penolakan"):
        desk.reject_document(team.verifier, case_id, "ktp_direksi", reason="")
    with pytest.raises(NotFound, match="Dokumen 'akta_palsu' tidak ada"):
        desk.accept_document(team.verifier, case_id, "akta_palsu")
    with pytest.raises(NotFound, match="Pemeriksaan 'bebas' tidak berlaku"):
        desk.confirm_check(team.verifier, case_id, "bebas")
    with pytest.raises(ValidationError, match="Sebutkan yang harus diperbaiki"):
        desk.return_to_vendor(team.verifier, case_id)
    with pytest.raises(ValidationError, match="Alasan 'bosan' tidak dikenal"):
        desk.reject(team.verifier, case_id, reason="bosan")
    with pytest.raises(Conflict, match="bukan layanan UBAH"):
        desk.request_change(team.officer, case_id, "email", "baru@contoh.co.id")
    assert _event_count(engine) == before
    assert all(d.verdict is None for d in desk.open(case_id).documents)


def test_reg_approval_activates_the_account_and_writes_the_message(
    engine, clock, intake, desk, team
):
    case_id = handed_off(intake, engine, clock, team.officer, serial=70)
    accept_everything(desk, team.verifier, case_id)
    clock.advance(timedelta(hours=3))
    # The form's user-ID field cleared: refused and said, the case still waiting.
    with pytest.raises(ValidationError, match=r"diaktifkan \(data penyedia: sinar70\)"):
        desk.approve(team.verifier, case_id, user_id=" ")
    assert _case(engine, case_id).status != CaseStatus.APPROVED.value
    decided = desk.approve(team.verifier, case_id)  # none given: the vendor's own
    row = _case(engine, case_id)
    assert row.status == CaseStatus.APPROVED.value
    assert (row.spse_user_id, row.activated_at, row.decided_by) == (
        "sinar70", clock.now(), team.verifier.id,
    )  # fmt: skip
    opened = desk.open(case_id)
    message = decided.notification.message
    assert opened.receipt_number in message and opened.ticket.number in message
    assert "user ID sinar70 telah diaktifkan" in message and "Langkah berikutnya" in message
    assert decided.notification.kind is NoticeKind.APPROVED and not decided.notification.sent
    assert {"disetujui", "akun_spse_diaktifkan", "notifikasi_dibuat"} <= set(
        _actions(desk, case_id)
    )
    assert desk.queue() == []
    assert [n.id for n in desk.unsent()] == [decided.notification.id]
    sent = desk.mark_sent(team.officer, decided.notification.id)
    assert sent.sent_at == clock.now() and sent.sent_by == team.officer.id
    assert desk.unsent() == []
    with pytest.raises(Conflict, match="sudah tercatat terkirim"):
        desk.mark_sent(team.officer, decided.notification.id)
    # A screen opened before the decision learns who took it, and when.
    with pytest.raises(Conflict, match=rf"berstatus disetujui \(oleh {team.verifier.name}, "
                                       r"\d\d/\d\d \d\d\.\d\d\): tidak dapat"):  # fmt: skip
        desk.reject(team.verifier2, case_id, reason="tidak_lengkap")


def test_reg_approval_with_another_user_id_says_whose_it_replaced(
    engine, clock, intake, desk, team
):
    case_id = handed_off(intake, engine, clock, team.officer, serial=71)
    accept_everything(desk, team.verifier, case_id)
    desk.approve(team.verifier, case_id, user_id="sinar71b")
    row = _case(engine, case_id)
    with read_session(engine) as session:
        vendor = vendors.get(session=session, vendor_id=row.vendor_id)
    assert (row.spse_user_id, vendor.spse_user_id) == ("sinar71b", "sinar71b")
    # The case's history says what SPSE now has and what the record held before.
    events = {e.action: e.reason for e in desk.open(case_id).events}
    assert events["akun_spse_diaktifkan"] == "User ID sinar71b (menggantikan sinar71)"


def test_uid_approval_records_the_user_id_given(engine, clock, intake, desk, team):
    case_id = handed_off(intake, engine, clock, team.officer, serial=75, service="UID",
                         user_id="")  # fmt: skip
    accept_everything(desk, team.verifier, case_id)
    with pytest.raises(ValidationError, match="UID: tulis user ID SPSE"):
        desk.approve(team.verifier, case_id)
    decided = desk.approve(team.verifier, case_id, user_id="sinarpakuan75")
    assert _case(engine, case_id).spse_user_id == "sinarpakuan75"
    assert "User ID SPSE Anda: sinarpakuan75" in decided.notification.message
    with read_session(engine) as session:
        vendor = vendors.get(session=session, vendor_id=_case(engine, case_id).vendor_id)
    assert vendor.spse_user_id == "sinarpakuan75"  # the vendor row follows SPSE


def test_ubah_applies_the_changes_keeping_old_and_new(engine, clock, intake, desk, team):
    case_id = handed_off(intake, engine, clock, team.officer, serial=80, service="UBAH",
                         form="perorangan")  # fmt: skip
    vendor_id = _case(engine, case_id).vendor_id
    with read_session(engine) as session:
        old = vendors.get(session=session, vendor_id=vendor_id)
    accept_everything(desk, team.verifier, case_id)
    # The case file says so too (the screen greys approve from the same list).
    assert not desk.open(case_id).may_approve
    assert any("belum ada perubahan data" in line for line in desk.open(case_id).blockers)
    with pytest.raises(Conflict, match="belum ada perubahan data"):
        desk.approve(team.verifier, case_id)
    with pytest.raises(ValidationError, match="sama dengan data sekarang"):
        desk.request_change(team.verifier2, case_id, "email", old.email)
    desk.request_change(team.verifier2, case_id, "email", "Baru@SinarPakuan.co.id")
    desk.request_change(team.verifier, case_id, "NPWP perusahaan", "3271015708450001")
    desk.request_change(team.verifier2, case_id, "address", "Jl. Salah")
    desk.withdraw_change(team.verifier, case_id, "address")
    shown = [(c.id, c.field, c.new_value) for c in desk.open(case_id).changes]
    decided = desk.approve(team.verifier, case_id, changes_seen=shown)
    with read_session(engine) as session:
        new = vendors.get(session=session, vendor_id=vendor_id)
        assert (new.email, new.npwp, new.address) == (
            "Baru@sinarpakuan.co.id", "3271015708450001", old.address,
        )  # fmt: skip
        logged = [e.reason for e in session.exec(select(EventRow).where(
            EventRow.entity == "vendor", EventRow.entity_id == vendor_id,
            EventRow.action == "penyedia_diubah")).all()]  # fmt: skip
    changes = desk.open(case_id).changes
    assert [(c.field, c.old_value, c.new_value) for c in changes] == [
        ("email", old.email, "Baru@sinarpakuan.co.id"),
        ("npwp", old.npwp, "3271015708450001"),
    ]
    assert all(c.applied_at == clock.now() for c in changes)
    # A person's NPWP is a NIK: masked in the vendor's log and in the message.
    assert any("3271********0001" in reason for reason in logged)
    assert not any("3271015708450001" in reason for reason in logged)
    assert "3271015708450001" not in decided.notification.message
    assert "Email: " in decided.notification.message


def test_after_hand_off_only_a_deciding_reviewer_changes_an_ubah_request(
    engine, clock, intake, desk, team
):
    vendor = make_vendor(engine, clock, 85)
    case = intake.start(team.officer, service_code="UBAH", vendor_id=vendor.id,
                        vendor_type="PT", helpdesk_request_no="HD-85")  # fmt: skip
    # In intake: any counter officer (not only the one at the desk), not a verifier.
    desk.request_change(team.officer2, case.id, "email", "satu@sinarpakuan.co.id")
    desk.request_change(team.officer, case.id, "address", "Jl. Baru 2, Kota Bogor")
    with pytest.raises(PermissionDenied, match="Verifikator tidak boleh mencatat perubahan"):
        desk.request_change(team.verifier, case.id, "email", "dua@sinarpakuan.co.id")
    for line in intake.lines(case.id):
        if line.requirement.mandatory:
            intake.tick(team.officer, case.id, line.requirement.id, original_shown=False,
                        copy_received=True)  # fmt: skip
    intake.finish(team.officer, case.id, loket=None)
    # Handed off: the counter, its intake officer above all, may no longer touch them.
    before = _event_count(engine)
    with pytest.raises(PermissionDenied, match="Petugas loket tidak boleh"):
        desk.request_change(team.officer, case.id, "email", "tiga@sinarpakuan.co.id")
    with pytest.raises(PermissionDenied, match="Petugas loket tidak boleh"):
        desk.withdraw_change(team.officer2, case.id, "address")
    assert _event_count(engine) == before
    assert [c.new_value for c in desk.open(case.id).changes] == [
        "satu@sinarpakuan.co.id", "Jl. Baru 2, Kota Bogor",
    ]  # fmt: skip
    desk.request_change(team.verifier, case.id, "email", "empat@sinarpakuan.co.id")
    desk.withdraw_change(team.admin, case.id, "address")
    assert [c.new_value for c in desk.open(case.id).changes] == ["empat@sinarpakuan.co.id"]


def test_an_admin_who_took_an_ubah_case_in_cannot_change_it_after_hand_off(
    engine, clock, intake, desk, team
):
    case_id = handed_off(intake, engine, clock, team.admin, serial=86, service="UBAH")
    with pytest.raises(PermissionDenied, match="Prinsip empat mata"):
        desk.request_change(team.admin, case_id, "email", "lima@sinarpakuan.co.id")


def test_ubah_approves_only_the_changes_the_verifier_saw(engine, clock, intake, desk, team):
    case_id = handed_off(intake, engine, clock, team.officer, serial=87, service="UBAH")
    accept_everything(desk, team.verifier, case_id)
    desk.request_change(team.verifier2, case_id, "email", "lama@sinarpakuan.co.id")
    shown = [(c.id, c.field, c.new_value) for c in desk.open(case_id).changes]
    # A colleague replaces the value while the approval dialog is open.
    desk.request_change(team.verifier2, case_id, "email", "lain@sinarpakuan.co.id")
    with pytest.raises(Conflict, match="Perubahan data kasus #\\d+ berubah sejak layar dibuka"):
        desk.approve(team.verifier, case_id, changes_seen=shown)
    desk.request_change(team.verifier2, case_id, "address", "Jl. Tambahan 3")
    with pytest.raises(Conflict, match="berubah sejak layar dibuka"):
        desk.approve(team.verifier, case_id, changes_seen=shown)
    assert _case(engine, case_id).status == CaseStatus.AWAITING_REVIEW.value
    shown = [(c.id, c.field, c.new_value) for c in desk.open(case_id).changes]
    decided = desk.approve(team.verifier, case_id, changes_seen=shown)
    assert decided.case.status is CaseStatus.APPROVED


def test_return_pauses_the_clock_and_resume_sets_the_new_deadline(
    engine, clock, intake, desk, team
):
    case_id = handed_off(intake, engine, clock, team.officer, serial=90)  # Wed 09.30
    desk.accept_document(team.verifier, case_id, "npwp_perusahaan")
    desk.reject_document(team.verifier, case_id, "ktp_direksi", reason="tidak_valid",
                         note="KTP kedaluwarsa")  # fmt: skip
    clock.advance(timedelta(hours=6))  # 15.30: 18 working hours left
    decided = desk.return_to_vendor(team.verifier, case_id, note="Bawa KTP yang berlaku")
    row = _case(engine, case_id)
    assert row.status == CaseStatus.RETURNED.value and row.remaining_seconds == 18 * 3600
    message = decided.notification.message
    assert "1. KTP/KITAS/KITAP Direksi" in message
    assert "tidak valid/kedaluwarsa — KTP kedaluwarsa" in message
    assert "2. Bawa KTP yang berlaku" in message and "18 jam waktu kerja" in message
    with pytest.raises(Conflict, match="berstatus dikembalikan ke penyedia"):
        desk.approve(team.verifier, case_id)
    clock.set(datetime(2026, 6, 19, 8, 0, tzinfo=WIB))  # Friday week after
    assert desk.queue()[0].time_left.left == timedelta(hours=18)  # paused, not overdue
    resumed = desk.resume(team.officer, case_id, note="KTP baru diunggah")
    assert resumed.status is CaseStatus.AWAITING_REVIEW
    # 16 hours left on Friday, then the weekend, then 2 hours on Monday.
    assert resumed.due_at == datetime(2026, 6, 22, 2, 0, tzinfo=WIB)
    documents = {d.requirement_id: d.verdict for d in desk.open(case_id).documents}
    assert documents["ktp_direksi"] is None  # to be reviewed again
    assert documents["npwp_perusahaan"] is DocumentVerdict.ACCEPTED
    assert _actions(desk, case_id)[-1] == "berkas_kembali"
    with pytest.raises(Conflict, match="tidak dapat dilanjutkan"):
        desk.resume(team.officer, case_id)


def test_resume_clears_the_check_confirmations(engine, clock, intake, desk, team):
    case_id = handed_off(intake, engine, clock, team.officer, serial=91)
    checks = desk.open(case_id).checks
    for check in checks:
        desk.confirm_check(team.verifier, case_id, check.code, note="cocok")
    desk.reject_document(team.verifier, case_id, "ktp_direksi", reason="tidak_valid")
    desk.return_to_vendor(team.verifier, case_id)
    assert all(check.confirmed for check in desk.open(case_id).checks)  # kept while away
    desk.resume(team.officer, case_id, note="KTP baru")
    opened = desk.open(case_id)
    assert not any(check.confirmed for check in opened.checks)  # confirm again
    assert all(check.confirmed_by is None for check in opened.checks)
    resumed = opened.events[-1]
    assert resumed.action == "berkas_kembali"
    assert f"konfirmasi {len(checks)} pemeriksaan dibatalkan" in resumed.reason
    assert checks[0].label in resumed.reason


def test_returning_an_overdue_case_says_it_is_past_its_deadline(engine, clock, intake, desk, team):
    case_id = handed_off(intake, engine, clock, team.officer, serial=92)
    clock.set(datetime(2026, 6, 15, 10, 0, tzinfo=WIB))  # Monday: past its deadline
    desk.reject_document(team.verifier, case_id, "ktp_direksi", reason="tidak_valid")
    message = desk.return_to_vendor(team.verifier, case_id).notification.message
    assert "sudah melewati batas waktu penyelesaian" in message
    assert "dihitung kembali" not in message


def test_reject_closes_the_case_with_the_reason(engine, clock, intake, desk, team):
    case_id = handed_off(intake, engine, clock, team.officer, serial=95)
    decided = desk.reject(team.admin, case_id, reason="daftar_hitam", note="SK Sanksi 7/2026")
    row = _case(engine, case_id)
    assert row.status == CaseStatus.REJECTED.value and row.closed_at == clock.now()
    assert (row.decision_reason, row.decision_note) == ("daftar_hitam", "SK Sanksi 7/2026")
    assert "Alasan: Masuk daftar hitam (INAPROC) — SK Sanksi 7/2026" in decided.notification.message
    assert desk.open(case_id).decided_by_name == "Ratna Sari"


def test_a_rejection_without_a_note_is_refused_and_changes_nothing(
    engine, clock, intake, desk, team
):
    """A rejected case is closed for good: the vendor must be told what exactly is wrong
    (three keys and an empty note closed it before)."""
    case_id = handed_off(intake, engine, clock, team.officer, serial=97)
    before = _event_count(engine)
    for empty in ("", "   \n "):
        with pytest.raises(ValidationError, match="Tulis catatan untuk penyedia") as refused:
            desk.reject(team.verifier, case_id, reason="daftar_hitam", note=empty)
        assert refused.value.field == "catatan"
    assert _case(engine, case_id).status == CaseStatus.AWAITING_REVIEW.value
    assert _event_count(engine) == before
    assert desk.open(case_id).notifications == ()


def test_a_returned_case_the_vendor_never_brings_back_can_be_rejected(
    engine, clock, intake, desk, team
):
    case_id = handed_off(intake, engine, clock, team.officer, serial=96)
    desk.reject_document(team.verifier, case_id, "ktp_direksi", reason="tidak_valid")
    # Verifier 2 opened the case while it was waiting; verifier 1 returns it meanwhile.
    shown = desk.open(case_id).case.status
    desk.return_to_vendor(team.verifier, case_id)
    before = _event_count(engine)
    with pytest.raises(Conflict, match="Status kasus berubah sejak layar dibuka.*muat ulang"):
        desk.reject(team.verifier2, case_id, reason="tidak_lengkap", seen=shown)
    assert _case(engine, case_id).status == CaseStatus.RETURNED.value
    assert _event_count(engine) == before
    # Seen as returned (the vendor never came back): it is closed with the reason.
    clock.advance(timedelta(days=30))
    decided = desk.reject(team.verifier2, case_id, reason="tidak_lengkap",
                          note="Perbaikan tidak dikirim", seen=CaseStatus.RETURNED)  # fmt: skip
    row = _case(engine, case_id)
    assert decided.case.status is CaseStatus.REJECTED and row.status == "ditolak"
    assert row.closed_at == clock.now() and row.decision_reason == "tidak_lengkap"
    assert "Tidak lengkap — Perbaikan tidak dikirim" in decided.notification.message
    with pytest.raises(Conflict, match="berstatus ditolak"):
        desk.reject(team.verifier2, case_id, reason="tidak_lengkap")


def test_a_stale_second_verifier_cannot_decide_again(engine, clock, intake, desk, team):
    case_id = handed_off(intake, engine, clock, team.officer, serial=97)
    accept_everything(desk, team.verifier, case_id)
    desk.approve(team.verifier, case_id)
    with pytest.raises(Conflict, match="berstatus disetujui"):
        desk.return_to_vendor(team.verifier2, case_id, note="x")
    with pytest.raises(Conflict):
        desk.reject_document(team.verifier2, case_id, "ktp_direksi", reason="tidak_lengkap")
    with read_session(engine) as session:
        decided = session.exec(select(EventRow.action).where(
            EventRow.entity == "case", EventRow.entity_id == case_id, EventRow.action.in_(
                ["disetujui", "ditolak", "dikembalikan_ke_penyedia"]))).all()  # fmt: skip
    assert decided == ["disetujui"]


def test_the_claim_refuses_a_case_moved_under_it(engine, clock, intake, team):
    case_id = handed_off(intake, engine, clock, team.officer, serial=98)
    with write_session(engine) as session:
        row = session.get(CaseRow, case_id)
        seen = CaseStatus(row.status)
        row_id = row.id
        session.expunge(row)
    with write_session(engine) as session:  # another verifier moves it meanwhile
        session.get(CaseRow, row_id).status = CaseStatus.REJECTED.value
    with pytest.raises(Conflict, match="baru saja diubah"), write_session(engine) as session:
        review.claim(session, session.get(CaseRow, row_id), seen)


# --- daring video calls ------------------------------------------------------------------


def test_daring_calls_are_scheduled_held_or_rescheduled_never_lost(
    engine, clock, intake, desk, team
):
    case_id = handed_off(intake, engine, clock, team.officer, serial=100)
    when = datetime(2026, 6, 11, 10, 0, tzinfo=WIB)
    with pytest.raises(PermissionDenied, match="Verifikator tidak boleh"):
        desk.schedule_call(team.verifier, case_id, when=when, channel="zoom")
    first = desk.schedule_call(team.officer, case_id, when=when, channel="zoom",
                               detail="https://zoom.us/j/123")  # fmt: skip
    clock.set(when + timedelta(minutes=20))
    missed, second = desk.miss_call(team.officer, first.id, new_time=when + timedelta(days=1),
                                    note="Direktur tidak bergabung")  # fmt: skip
    assert missed.status is CallStatus.MISSED and second.rescheduled_from == first.id
    assert second.channel == "zoom" and second.detail == "https://zoom.us/j/123"
    with pytest.raises(Conflict, match="sudah terlewat"):
        desk.hold_call(team.officer, first.id, attendees=["x"], evidence=["y"])
    with pytest.raises(ValidationError, match="Tulis bukti"):
        desk.hold_call(team.officer, second.id, attendees=["Hendra Gunawan (direktur)"],
                       evidence=[])  # fmt: skip
    clock.set(when + timedelta(days=1, minutes=20))
    held = desk.hold_call(team.officer, second.id,
                          attendees=["Hendra Gunawan (direktur)", "Dewi Lestari (TUS)"],
                          evidence=["receipts/daring/ktp-asli.jpg", "rekaman zoom 12/06"])  # fmt: skip
    assert held.status is CallStatus.HELD and held.held_at == clock.now()
    calls = desk.open(case_id).video_calls  # the verifier sees all of it
    assert [(c.id, c.status) for c in calls] == [
        (first.id, CallStatus.MISSED), (second.id, CallStatus.HELD),
    ]  # fmt: skip
    assert calls[1].evidence == ("receipts/daring/ktp-asli.jpg", "rekaman zoom 12/06")
    assert {"panggilan_video_dijadwalkan", "panggilan_video_terlewat",
            "panggilan_video_selesai"} <= set(_actions(desk, case_id))  # fmt: skip


def test_a_video_call_is_scheduled_only_within_the_service_hours(
    engine, catalog, calendar, clock, intake, team
):
    from lpse_desk.domain.office import Office

    office = Office(opens=time(8, 0), closes=time(15, 0))
    desk = ReviewDesk(engine=engine, catalog=catalog, calendar=calendar, clock=clock,
                      office=office)  # fmt: skip
    case_id = handed_off(intake, engine, clock, team.officer, serial=101)
    late = datetime(2026, 6, 11, 15, 30, tzinfo=WIB)
    with pytest.raises(ValidationError, match=r"Pukul 15\.30 di luar jam layanan \(08\.00–15\.00"):
        desk.schedule_call(team.officer, case_id, when=late, channel="zoom",
                           detail="https://zoom.us/j/123")  # fmt: skip
    assert desk.open(case_id).video_calls == ()  # nothing was written
    early = datetime(2026, 6, 11, 7, 45, tzinfo=WIB)
    with pytest.raises(ValidationError, match="di luar jam layanan"):
        desk.schedule_call(team.officer, case_id, when=early, channel="zoom",
                           detail="https://zoom.us/j/123")  # fmt: skip
    inside = datetime(2026, 6, 11, 14, 30, tzinfo=WIB)
    call = desk.schedule_call(team.officer, case_id, when=inside, channel="zoom",
                              detail="https://zoom.us/j/123")  # fmt: skip
    clock.set(inside + timedelta(minutes=20))
    with pytest.raises(ValidationError, match="di luar jam layanan"):  # a new time as well
        desk.miss_call(team.officer, call.id, new_time=late + timedelta(days=1), note="x")


def test_a_daring_case_is_approved_only_after_its_video_call_is_held(
    engine, clock, intake, desk, team
):
    case_id = handed_off(intake, engine, clock, team.officer, serial=102)
    opened = desk.open(case_id)
    assert opened.case.procedure == "daring"
    for document in opened.documents:  # everything accepted, but no call yet
        if document.needs_verdict:
            desk.accept_document(team.verifier, case_id, document.requirement_id)
    for check in opened.checks:
        desk.confirm_check(team.verifier, case_id, check.code)
    line = "Panggilan video verifikasi dokumen asli belum dilaksanakan"
    opened = desk.open(case_id)
    assert opened.blockers == (line,) and not opened.may_approve
    with pytest.raises(Conflict, match=line):
        desk.approve(team.verifier, case_id)
    # A scheduled, then missed call does not count: only a held one does.
    when = datetime(2026, 6, 10, 13, 0, tzinfo=WIB)
    first = desk.schedule_call(team.officer, case_id, when=when, channel="zoom",
                               detail="https://zoom.us/j/1")  # fmt: skip
    clock.set(when + timedelta(minutes=30))
    _missed, again = desk.miss_call(team.officer, first.id, new_time=when + timedelta(days=1))
    with pytest.raises(Conflict, match=line):
        desk.approve(team.verifier, case_id)
    assert _case(engine, case_id).status == CaseStatus.AWAITING_REVIEW.value
    clock.set(again.scheduled_for + timedelta(minutes=25))
    desk.hold_call(team.officer, again.id, attendees=["Hendra Gunawan (direktur)"],
                   evidence=["daring/ktp-asli.jpg"])  # fmt: skip
    assert desk.open(case_id).may_approve
    assert desk.approve(team.verifier, case_id).case.status is CaseStatus.APPROVED


def test_a_call_is_recorded_only_once_its_time_has_come(engine, clock, intake, desk, team):
    case_id = handed_off(intake, engine, clock, team.officer, serial=103)
    when = datetime(2026, 6, 11, 10, 0, tzinfo=WIB)  # tomorrow; it is 10 June 09.30
    call = desk.schedule_call(team.officer, case_id, when=when, channel="meet",
                              detail="https://meet.google.com/abc-defg-hij")  # fmt: skip
    before = _event_count(engine)
    with pytest.raises(Conflict, match="belum waktunya dicatat selesai"):
        desk.hold_call(team.officer, call.id, attendees=["Hendra"], evidence=["foto"])
    with pytest.raises(Conflict, match="belum waktunya dicatat terlewat"):
        desk.miss_call(team.officer, call.id, new_time=when + timedelta(days=1))
    clock.set(when - timedelta(minutes=16))
    with pytest.raises(Conflict, match="belum waktunya"):
        desk.hold_call(team.officer, call.id, attendees=["Hendra"], evidence=["foto"])
    assert _event_count(engine) == before
    assert desk.open(case_id).video_calls[0].status is CallStatus.SCHEDULED
    clock.set(when - timedelta(minutes=15))
    # nobody failed to appear before the time: missed only once it has come
    with pytest.raises(Conflict, match="belum waktunya dicatat terlewat; catat paling cepat pada"):
        desk.miss_call(team.officer, call.id, new_time=when + timedelta(days=1))
    held = desk.hold_call(team.officer, call.id, attendees=["Hendra"], evidence=["foto"])
    assert held.status is CallStatus.HELD  # a quarter of an hour early is fine: it began early


def test_a_call_is_missed_from_its_scheduled_time(engine, clock, intake, desk, team):
    case_id = handed_off(intake, engine, clock, team.officer, serial=104)
    when = datetime(2026, 6, 11, 10, 0, tzinfo=WIB)
    call = desk.schedule_call(team.officer, case_id, when=when, channel="whatsapp",
                              detail="0812 3456 7890")  # fmt: skip
    clock.set(when - timedelta(minutes=1))
    with pytest.raises(Conflict, match="belum waktunya dicatat terlewat"):
        desk.miss_call(team.officer, call.id, new_time=when + timedelta(days=1))
    clock.set(when)
    missed, again = desk.miss_call(team.officer, call.id, new_time=when + timedelta(days=1))
    assert (missed.status, again.status) == (CallStatus.MISSED, CallStatus.SCHEDULED)


def test_one_case_is_not_booked_on_two_calls_at_once(engine, clock, intake, desk, team):
    """Two calls of one vendor at the same minute (#5 Zoom, #6 WhatsApp) were both
    'Dijadwalkan', without a word."""
    case_id = handed_off(intake, engine, clock, team.officer, serial=105)
    when = datetime(2026, 6, 11, 10, 0, tzinfo=WIB)
    first = desk.schedule_call(team.officer, case_id, when=when, channel="zoom",
                               detail="https://zoom.us/j/1")  # fmt: skip
    before = _event_count(engine)
    for moment in (when, when + timedelta(minutes=20), when - timedelta(minutes=29)):
        with pytest.raises(Conflict, match=f"sudah punya panggilan video #{first.id} terjadwal "
                                           ".*paling sedikit 30 menit"):  # fmt: skip
            desk.schedule_call(team.officer, case_id, when=moment, channel="whatsapp")
    assert _event_count(engine) == before
    later = desk.schedule_call(team.officer, case_id, when=when + timedelta(minutes=30),
                               channel="whatsapp")  # fmt: skip
    assert later.id != first.id  # half an hour on: another call (the first one may run late)
    clock.set(when)  # the first did not happen: its new time may not sit on the other one
    with pytest.raises(Conflict, match=f"sudah punya panggilan video #{later.id} terjadwal"):
        desk.miss_call(team.officer, first.id, new_time=later.scheduled_for + timedelta(minutes=10))


def test_a_call_time_must_be_a_future_working_day(engine, clock, intake, desk, team):
    case_id = handed_off(intake, engine, clock, team.officer, serial=101)
    before = _event_count(engine)
    with pytest.raises(ValidationError, match="bukan hari kerja \\(Minggu\\)"):
        desk.schedule_call(team.officer, case_id, when=datetime(2026, 6, 14, 10, tzinfo=WIB),
                           channel="whatsapp")  # fmt: skip
    with pytest.raises(ValidationError, match="setelah saat ini"):
        desk.schedule_call(team.officer, case_id, when=clock.now(), channel="whatsapp")
    with pytest.raises(ValidationError, match="Kanal Google Meet: tulis tautan rapatnya"):
        desk.schedule_call(team.officer, case_id, when=clock.now() + timedelta(hours=1),
                           channel="meet", detail="nanti dikirim")  # fmt: skip
    assert _event_count(engine) == before


def test_an_npwp_change_to_another_vendors_npwp_is_refused(engine, clock, intake, desk, team):
    case_id = handed_off(intake, engine, clock, team.officer, serial=110, service="UBAH")
    other = make_vendor(engine, clock, 111)
    before = _event_count(engine)
    with pytest.raises(Conflict, match="sudah terdaftar atas nama 'PT Sinar Pakuan 111'"):
        desk.request_change(team.verifier, case_id, "npwp", other.npwp)
    assert _event_count(engine) == before and desk.open(case_id).changes == ()


# --- demo ---------------------------------------------------------------------------------


def test_the_demo_holds_open_overdue_returned_and_decided_cases(
    demo_engine, catalog, calendar, clock
):
    engine = demo_engine
    desk = ReviewDesk(engine=engine, catalog=catalog, calendar=calendar, clock=clock)
    queue = desk.queue()
    assert any(line.overdue for line in queue)
    assert any(not line.overdue and not line.time_left.paused for line in queue)
    assert sum(line.time_left.paused for line in queue) == 2
    assert {line.vendor_name for line in desk.cases(status="ditolak")} == {
        "Koperasi Karya Tani Sejahtera"
    }
    approved = [desk.open(line.case.id) for line in desk.cases(status="disetujui")]
    activated = [f for f in approved if f.spse_user_id]
    assert activated and all(n.sent for f in activated for n in f.notifications)
    # An approved daring case had its originals seen on a held video call (DOMAIN.md §2).
    daring_approved = [f for f in approved if f.case.procedure == "daring"]
    assert daring_approved and all(
        any(c.status is CallStatus.HELD for c in f.video_calls) for f in daring_approved
    )
    daring = next(desk.open(line.case.id) for line in queue
                  if desk.open(line.case.id).video_calls)  # fmt: skip
    assert [c.status for c in daring.video_calls] == [CallStatus.MISSED, CallStatus.HELD]
    assert [c.field for c in daring.changes] == ["email"]
    assert any(d.verdict is DocumentVerdict.ACCEPTED for d in daring.documents)
    assert len(desk.unsent()) == 2  # the rejection and the return wait to be sent
