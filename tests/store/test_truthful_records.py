"""What the desk stores and prints matches what happened at the counter (issue 11, points 1-4).

Against a real SQLite file and the real PDF renderer: who brought the file, outcomes that
claim a hand-off, one case per visit and service, the meterai mark, daring originals.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy.exc import IntegrityError
from sqlmodel import func, select

from lpse_desk import paths
from lpse_desk.catalog import load_catalog
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.entities import CaseStatus, VisitStatus
from lpse_desk.domain.errors import Conflict, StoreFault, ValidationError
from lpse_desk.domain.queue.rules import QueuePolicy
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import cases
from lpse_desk.store.services.queue import QueueDesk
from lpse_desk.store.tables.cases import CaseRow, DocumentCheckRow
from lpse_desk.store.tables.desk import EventRow
from tests.store.actors import KIOS
from tests.store.reviewcases import desks, hold_a_call, make_team, make_vendor


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
def line(engine, catalog, calendar, clock):
    return QueueDesk(engine=engine, catalog=catalog, calendar=calendar, clock=clock,
                     policy=QueuePolicy())  # fmt: skip


def _served(line, officer, code="REG", name="Rudi Hartono"):
    visit = line.take(KIOS, code, name=name)
    line.open_loket(officer, 1)
    line.call(officer, 1, visit.id)
    return line.start(officer, visit.id)


def _text(path) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(str(path)).pages).split()
    )


def _case_count(engine) -> int:
    with read_session(engine) as session:
        return session.exec(select(func.count()).select_from(CaseRow)).one()


def _tick_all(intake, who, case_id, *, originals=True):
    for item in intake.lines(case_id):
        if item.requirement.mandatory and not item.complete:
            intake.tick(who, case_id, item.requirement.id, original_shown=originals,
                        copy_received=True)  # fmt: skip


# 1. who brought the file


def test_reg_tatap_muka_refuses_a_bearer_who_is_not_the_director(pair, line, team, engine, clock):
    intake, _ = pair
    vendor = make_vendor(engine, clock, 11)
    visit = _served(line, team.officer)
    before = _case_count(engine)
    with pytest.raises(Conflict, match="direktur/pemilik wajib datang sendiri.*daring"):
        intake.start(team.officer, service_code="REG", vendor_id=vendor.id, vendor_type="PT",
                     visit_id=visit.id, bearer_is_director=False,
                     bearer_name="Rudi Hartono")  # fmt: skip
    assert _case_count(engine) == before  # nothing written


def test_an_ubah_proxy_is_named_on_the_receipt_and_signs_it(pair, line, team, engine, clock):
    intake, _ = pair
    vendor = make_vendor(engine, clock, 12)
    visit = _served(line, team.officer, "UBAH")
    case = intake.start(team.officer, service_code="UBAH", vendor_id=vendor.id,
                        vendor_type="PT", visit_id=visit.id, bearer_is_director=False,
                        bearer_name="  Rudi   Hartono ")  # fmt: skip
    assert (case.bearer_name, case.bearer_is_director) == ("Rudi Hartono", False)
    assert any("kuasa" in x.requirement.name.lower() for x in intake.lines(case.id))
    _tick_all(intake, team.officer, case.id)
    text = _text(intake.finish(team.officer, case.id, loket=1).path)
    assert "Pembawa berkas Rudi Hartono, penerima kuasa dengan Surat Kuasa" in text
    assert "Penerima kuasa ( Dewi Lestari ) ( Rudi Hartono )" in text
    assert "Hendra Gunawan" not in text  # the director never came


def test_the_director_in_person_is_named_as_typed(pair, line, team, engine, clock):
    intake, _ = pair
    vendor = make_vendor(engine, clock, 13)
    visit = _served(line, team.officer)
    with pytest.raises(ValidationError, match="Tulis nama pembawa berkas"):  # before all else
        intake.start(team.officer, service_code="REG", vendor_id=vendor.id, vendor_type="PT",
                     visit_id=visit.id, bearer_is_director=False, bearer_name="   ")  # fmt: skip
    case = intake.start(team.officer, service_code="REG", vendor_id=vendor.id, vendor_type="PT",
                        visit_id=visit.id, bearer_is_director=True,
                        bearer_name="Hendra Gunawan")  # fmt: skip
    _tick_all(intake, team.officer, case.id)
    text = _text(intake.finish(team.officer, case.id, loket=1).path)
    assert "Pembawa berkas Hendra Gunawan (direktur/pemilik, datang sendiri)" in text
    assert "Direktur/pemilik ( Dewi Lestari ) ( Hendra Gunawan )" in text


# 2. outcomes and one case per visit


def test_an_outcome_claiming_a_hand_off_needs_the_handed_off_case(pair, line, team, engine, clock):
    intake, _ = pair
    vendor = make_vendor(engine, clock, 21)
    visit = _served(line, team.officer)
    with pytest.raises(Conflict, match="sudah diserahkan ke verifikator dengan tanda terima"):
        line.finish(team.officer, visit.id, "diterima")
    case = intake.start(team.officer, service_code="REG", vendor_id=vendor.id,
                        vendor_type="PT", visit_id=visit.id)  # fmt: skip
    with pytest.raises(Conflict, match="sudah diserahkan"):  # a case in intake is not enough
        line.finish(team.officer, visit.id, "diterima")
    assert next(v for v in line.visits() if v.id == visit.id).status is VisitStatus.SERVING
    _tick_all(intake, team.officer, case.id)
    intake.finish(team.officer, case.id, loket=1)  # the receipt hands off and finishes
    done = next(v for v in line.visits() if v.id == visit.id)
    assert (done.status, done.outcome) == (VisitStatus.DONE, "diterima")


def test_a_consultation_submitted_twice_records_one_case(pair, line, team, engine, clock):
    intake, _ = pair
    visit = _served(line, team.officer, "KONS")
    clock.advance(timedelta(minutes=10))
    intake.record_consultation(team.officer, vendor_id=None, visit_id=visit.id,
                               topic="Unggah penawaran", advice="Gunakan Apendo", minutes=10)  # fmt: skip
    with pytest.raises(Conflict):
        intake.record_consultation(team.officer, vendor_id=None, visit_id=visit.id,
                                   topic="Unggah penawaran", advice="Gunakan Apendo",
                                   minutes=10)  # fmt: skip
    with read_session(engine) as session:
        rows = session.exec(
            select(CaseRow.service_code, CaseRow.status).where(CaseRow.visit_id == visit.id)
        ).all()
    assert [tuple(r) for r in rows] == [("KONS", CaseStatus.CLOSED.value)]
    done = next(v for v in line.visits() if v.id == visit.id)
    assert (done.status, done.outcome) == (VisitStatus.DONE, "informasi")


def test_a_consultation_lasts_no_longer_than_its_visitor_has_been_at_the_loket(
    pair, line, team, engine, clock
):
    intake, _ = pair
    visit = _served(line, team.officer, "KONS")
    clock.advance(timedelta(minutes=25, seconds=10))
    before = _case_count(engine)
    with pytest.raises(ValidationError, match=r"480 menit melebihi waktu D-001 di loket \(baru 26 menit\)"):
        intake.record_consultation(team.officer, vendor_id=None, visit_id=visit.id,
                                   topic="Unggah penawaran", advice="Gunakan Apendo",
                                   minutes=480)  # fmt: skip
    assert _case_count(engine) == before
    assert next(v for v in line.visits() if v.id == visit.id).status is VisitStatus.SERVING
    case = intake.record_consultation(team.officer, vendor_id=None, visit_id=visit.id,
                                      topic="Unggah penawaran", advice="Gunakan Apendo",
                                      minutes=26)  # fmt: skip
    assert case.status is CaseStatus.CLOSED


def test_a_refused_finish_leaves_no_consultation_behind(pair, line, team, engine):
    intake, _ = pair
    visit = line.take(KIOS, "KONS")  # waiting, never called: it cannot be finished
    before = _case_count(engine)
    with pytest.raises(Conflict):
        intake.record_consultation(team.officer, vendor_id=None, visit_id=visit.id,
                                   topic="Unggah penawaran", advice="Gunakan Apendo",
                                   minutes=10)  # fmt: skip
    assert _case_count(engine) == before


def test_the_schema_allows_one_case_per_visit_and_service(line, team, engine, clock):
    visit = _served(line, team.officer, "KONS")

    def open_one(session):
        cases.open_case(session=session, service_code="KONS", procedure="tatap_muka",
                        checklist=(), vendor_id=None, visit_id=visit.id, intake_by=None,
                        bearer_is_director=True, now=clock.now(), actor="uji")  # fmt: skip

    with write_session(engine) as session:
        open_one(session)
    with pytest.raises(StoreFault, match="bentrok") as refused, write_session(engine) as session:
        open_one(session)
    assert isinstance(refused.value.__cause__, IntegrityError)
    with write_session(engine) as session:  # daring cases have no visit: never in the way
        for _ in range(2):
            cases.open_case(session=session, service_code="UID", procedure="daring",
                            checklist=(), vendor_id=None, visit_id=None, intake_by=None,
                            bearer_is_director=True, now=clock.now(), actor="uji")  # fmt: skip


# 3. the meterai mark


def test_an_invalid_meterai_keeps_the_document_missing_until_cleared(
    pair, line, team, engine, clock
):
    intake, _ = pair
    vendor = make_vendor(engine, clock, 31)
    visit = _served(line, team.officer, "UBAH")
    case = intake.start(team.officer, service_code="UBAH", vendor_id=vendor.id,
                        vendor_type="PT", visit_id=visit.id)  # fmt: skip
    letter = next(x for x in intake.lines(case.id) if x.requirement.meterai)
    plain = next(x for x in intake.lines(case.id) if not x.requirement.meterai)
    with pytest.raises(Conflict, match="tidak memerlukan meterai"):
        intake.mark_meterai(team.officer, case.id, plain.requirement.id, invalid=True)
    intake.tick(team.officer, case.id, letter.requirement.id, original_shown=True,
                copy_received=True)  # fmt: skip
    marked = intake.mark_meterai(team.officer, case.id, letter.requirement.id, invalid=True)
    assert marked.check.meterai_invalid and not marked.complete
    assert (marked.check.original_shown, marked.check.copy_received) == (False, False)
    assert marked.lacking[0] == "meterai"
    with pytest.raises(Conflict, match="meterai ditandai tidak sah"):
        intake.tick(team.officer, case.id, letter.requirement.id, original_shown=True,
                    copy_received=True)  # fmt: skip
    assert intake.tick_all_originals(team.officer, case.id) >= 1
    assert not intake.lines(case.id)[0].check.original_shown  # 'o' leaves the marked one
    # An incomplete file's slip never ticks it.
    _tick_all_but(intake, team.officer, case.id, letter.requirement.id)
    slip = intake.issue_slip(team.officer, case.id, loket=1)
    text = _text(slip.path)
    assert "Meterai tidak sah (tidak ada/bukan Rp 10.000): belum dapat diterima" in text


def test_a_fixed_meterai_is_ticked_only_with_the_officers_word(pair, line, team, engine, clock):
    intake, _ = pair
    vendor = make_vendor(engine, clock, 32)
    visit = _served(line, team.officer, "UBAH")
    case = intake.start(team.officer, service_code="UBAH", vendor_id=vendor.id,
                        vendor_type="PT", visit_id=visit.id)  # fmt: skip
    letter = next(x for x in intake.lines(case.id) if x.requirement.meterai)
    intake.mark_meterai(team.officer, case.id, letter.requirement.id, invalid=True)
    fixed = intake.tick(team.officer, case.id, letter.requirement.id, original_shown=True,
                        copy_received=True, clear_meterai=True)  # fmt: skip
    assert fixed.complete and not fixed.check.meterai_invalid
    with read_session(engine) as session:
        actions = session.exec(
            select(EventRow.action).where(EventRow.entity == "case", EventRow.entity_id == case.id)
        ).all()
    assert "meterai_tidak_sah" in actions and "meterai_tidak_sah_dihapus" in actions
    _tick_all(intake, team.officer, case.id)
    text = _text(intake.finish(team.officer, case.id, loket=1).path)
    assert "Meterai tidak sah" not in text


def _tick_all_but(intake, who, case_id, skipped: str) -> None:
    for item in intake.lines(case_id):
        if item.requirement.mandatory and item.requirement.id != skipped and not item.complete:
            intake.tick(who, case_id, item.requirement.id, original_shown=True,
                        copy_received=True)  # fmt: skip


# 4. daring originals


def test_daring_originals_are_checked_on_the_held_call_or_not_yet(pair, team, engine, clock):
    intake, review = pair
    vendor = make_vendor(engine, clock, 41)
    case = intake.start(team.officer, service_code="UID", vendor_id=vendor.id, vendor_type="PT",
                        helpdesk_request_no="HD-41")  # fmt: skip
    assert case.bearer_name is None  # nobody stood at the counter
    ktp = next(x for x in intake.lines(case.id) if x.requirement.original_required)
    assert ktp.original_text == "belum diperiksa"
    with pytest.raises(Conflict, match="diperiksa lewat panggilan video"):
        intake.tick(team.officer, case.id, ktp.requirement.id, original_shown=True,
                    copy_received=True)  # fmt: skip
    # Complete without anyone showing an original at the desk: the receipt says so.
    _tick_all(intake, team.officer, case.id, originals=False)
    text = _text(intake.finish(team.officer, case.id, loket=None).path)
    assert "Pembawa berkas" not in text
    assert "belum diperiksa" in text
    assert text.count("lewat video call") == 1  # only in the legend: no original was seen
    # The call is held: every original the catalog asks for is linked to it.
    hold_a_call(review, case.id, team.officer)
    (held,) = review.open(case.id).video_calls
    lines = intake.lines(case.id)
    originals = [x for x in lines if x.requirement.original_required]
    assert originals and all(x.check.original_call_id == held.id for x in originals)
    assert all(x.original_text == f"asli diperiksa lewat video call #{held.id}" for x in originals)
    assert all(x.check.original_call_id is None for x in lines if x not in originals)


def test_a_daring_original_ticked_after_the_call_is_linked_to_it(pair, team, engine, clock):
    intake, review = pair
    vendor = make_vendor(engine, clock, 42)
    case = intake.start(team.officer, service_code="UID", vendor_id=vendor.id, vendor_type="PT",
                        helpdesk_request_no="HD-42")  # fmt: skip
    ktp = next(x for x in intake.lines(case.id) if x.requirement.original_required)
    hold_a_call(review, case.id, team.officer)
    intake.tick(team.officer, case.id, ktp.requirement.id, original_shown=False,
                copy_received=True)  # fmt: skip  (the officer unticks it: not seen after all)
    unticked = next(x for x in intake.lines(case.id) if x.requirement.id == ktp.requirement.id)
    assert unticked.check.original_call_id is None
    seen = intake.tick(team.officer, case.id, ktp.requirement.id, original_shown=True,
                       copy_received=True)  # fmt: skip
    with read_session(engine) as session:
        stored = session.exec(
            select(DocumentCheckRow.original_call_id).where(DocumentCheckRow.id == seen.check.id)
        ).one()
    assert seen.check.original_call_id is not None
    assert stored == seen.check.original_call_id
    _tick_all(intake, team.officer, case.id, originals=False)
    text = _text(intake.finish(team.officer, case.id, loket=None).path)
    assert text.count("lewat video call") > 1  # the legend and the linked documents


def test_migration_0007_detaches_double_cases_and_converts_old_meterai_notes(tmp_path):
    from sqlalchemy import text

    from lpse_desk.store.db import make_engine, upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0006")
    old_note = "Meterai tidak ada/bukan Rp 10.000 (UU 10/2020): belum dapat diterima"
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO visit (id, service_date, service_code, prefix, number, status,"
            " arrived_at, priority) VALUES (1, '2026-06-10', 'KONS', 'D', 1, 'selesai',"
            " '2026-06-10 02:00:00.000000', NULL)"
        ))  # fmt: skip
        cases_before = (  # a consultation submitted twice, an intake, a handed-off case
            (1, "KONS", "selesai", 1), (2, "KONS", "selesai", 1),
            (3, "UBAH", "penerimaan", None), (4, "UBAH", "menunggu_verifikasi", None),
        )  # fmt: skip
        for case_id, code, status, visit_id in cases_before:
            conn.execute(text(
                "INSERT INTO \"case\" (id, service_code, procedure, status, visit_id,"
                " bearer_is_director, created_at, sikap_given) VALUES (:id, :code,"
                " 'tatap_muka', :status, :visit, 1, '2026-06-10 02:10:00.000000', 0)"
            ), {"id": case_id, "code": code, "status": status, "visit": visit_id})  # fmt: skip
        for case_id, ticked in ((3, 0), (4, 1)):
            conn.execute(text(
                "INSERT INTO document_check (case_id, requirement_id, name, mandatory,"
                " original_shown, copy_received, note, decision_note) VALUES (:case, 'surat',"
                " 'Surat', 1, :ticked, :ticked, :note, '')"
            ), {"case": case_id, "ticked": ticked, "note": old_note})  # fmt: skip
    upgrade(engine)
    with engine.connect() as conn:
        visits = conn.execute(text('SELECT id, visit_id FROM "case" ORDER BY id')).all()
        checks = conn.execute(text(
            "SELECT case_id, meterai_invalid, original_shown, note FROM document_check"
            " ORDER BY case_id"
        )).all()  # fmt: skip
        events = conn.execute(text(
            "SELECT entity_id, action FROM event WHERE action = 'dilepas_dari_kunjungan'"
        )).all()  # fmt: skip
    engine.dispose()
    assert [tuple(row) for row in visits] == [(1, 1), (2, None), (3, None), (4, None)]
    assert [tuple(row) for row in events] == [(2, "dilepas_dari_kunjungan")]
    # In intake the note becomes the mark; a handed-off case keeps what its receipt printed.
    assert [(c, bool(m), bool(o), n) for c, m, o, n in checks] == [
        (3, True, False, ""),
        (4, False, True, old_note),
    ]
