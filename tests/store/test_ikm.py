"""The IKM survey through ``DeskStore.ikm`` on a real SQLite file."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import exc, text
from sqlmodel import func, select

from lpse_desk.config import load_settings
from lpse_desk.domain.errors import Conflict, PermissionDenied, ValidationError
from lpse_desk.domain.ikm.index import UNSUR_KEYS, Weighting
from lpse_desk.domain.ikm.kiosk import SURVEY_AFTER_SERVICE, KioskAnswers
from lpse_desk.domain.ikm.profile import Profile
from lpse_desk.domain.roles import Role
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import events, staff
from lpse_desk.store.services.desk import DeskStore
from lpse_desk.store.tables.cases import CaseRow
from lpse_desk.store.tables.desk import EventRow
from lpse_desk.store.tables.ikm import IkmFollowupRow, IkmResponseRow
from tests.store.actors import CLI, KIOS, P, seed

TODAY = date(2026, 6, 10)
GOOD = dict.fromkeys(UNSUR_KEYS, 3)
HEADER = "tanggal;layanan;" + ";".join(UNSUR_KEYS)


@pytest.fixture(autouse=True)
def _actors(engine, clock):
    """The staff accounts the tests act as (the desk checks each one's role)."""
    seed(engine, clock)


@pytest.fixture
def store(engine, desk_home, clock):
    """The desk's store on the migrated file, with the shipped catalog."""
    opened = DeskStore.open(load_settings(), clock)
    yield opened
    opened.close()


def served(store, code="REG", loket=1, *, finish=True):
    visit = store.queue.take(KIOS, code, name="Budi Santoso")
    store.queue.open_loket(P, loket)
    store.queue.call(P, loket, visit.id)
    store.queue.start(P, visit.id)
    if finish:
        store.queue.finish(P, visit.id, "informasi")
    return visit


def add_case(engine, clock, visit_id):
    with write_session(engine) as session:
        row = CaseRow(
            service_code="REG",
            procedure="tatap_muka",
            status="menunggu_verifikasi",
            visit_id=visit_id,
            created_at=clock.now(),
        )
        session.add(row)
        session.flush()
        return row.id


def make_staff(engine, clock, role, name):
    with write_session(engine) as session:
        return staff.create(
            session=session, name=name, role=role, pin="2468", actor="uji", now=clock.now()
        )


def paper(*lines, header=HEADER) -> bytes:
    return ("\n".join((header, *lines)) + "\n").encode()


def row(day="2026-06-01", code="REG", scores="3;3;3;3;3;3;3;3;3"):
    return f"{day};{code};{scores}"


def responses(engine):
    with read_session(engine) as session:
        return session.exec(select(func.count()).select_from(IkmResponseRow)).one()


# --- kiosk --------------------------------------------------------------------------------


@pytest.mark.sqlite_only
def test_a_kiosk_response_is_linked_to_its_visit_and_stores_the_evaluation_on_the_case(
    store, engine, clock
):
    visit = served(store)
    case_id = add_case(engine, clock, visit.id)
    target = store.ikm.target(visit.id)
    assert (target.visit.id, target.case_id) == (visit.id, case_id)
    answers = KioskAnswers(
        scores=GOOD,
        saran="  Ruang tunggu lebih sejuk ",
        profile=Profile("p", "34", "d4", "swasta"),
        evaluation=5,
        comment="Cepat",
    )
    response_id = store.ikm.submit(P, answers, visit_id=visit.id)
    with read_session(engine) as session:
        response = session.get(IkmResponseRow, response_id)
        case = session.get(CaseRow, case_id)
        assert (response.visit_id, response.case_id, response.service_code) == (
            visit.id,
            case_id,
            "REG",
        )
        assert (response.source, response.service_date, response.saran) == (
            "kiosk",
            TODAY,
            "Ruang tunggu lebih sejuk",
        )
        assert (response.jenis_kelamin, response.usia, response.pendidikan) == ("P", 34, "D4/S1")
        assert (case.evaluation_score, case.evaluation_comment) == (5, "Cepat")
        assert case.evaluated_at == clock.now()
        actions = session.exec(select(EventRow.action)).all()
        assert {"evaluasi_layanan", "survei_diisi"} <= set(actions)
        # Never who answered: the response has no vendor or name column at all.
        columns = {c[1] for c in session.connection().exec_driver_sql(
            "PRAGMA table_info(ikm_response)").all()}  # fmt: skip
        assert not columns & {"vendor_id", "visitor_name", "name", "phone", "nama"}


def test_a_visit_answers_once(store, engine, clock):
    visit = served(store)
    store.ikm.submit(P, KioskAnswers(scores=GOOD), visit_id=visit.id)
    with pytest.raises(Conflict, match="sudah diisi; setiap kunjungan hanya satu kali"):
        store.ikm.submit(P, KioskAnswers(scores=GOOD), visit_id=visit.id)
    with pytest.raises(Conflict, match="sudah diisi"):
        store.ikm.target(visit.id)
    assert responses(engine) == 1


def test_a_waiting_visit_cannot_be_surveyed(store, engine):
    visit = store.queue.take(KIOS, "REG")
    with pytest.raises(Conflict, match="belum dilayani"):
        store.ikm.submit(P, KioskAnswers(scores=GOOD), visit_id=visit.id)
    assert responses(engine) == 0


def test_an_evaluation_without_a_case_is_refused_and_nothing_is_stored(store, engine):
    visit = served(store)
    with pytest.raises(Conflict, match="tidak memiliki berkas"):
        store.ikm.submit(P, KioskAnswers(scores=GOOD, evaluation=4), visit_id=visit.id)
    assert responses(engine) == 0


@pytest.mark.parametrize("bad", [0, 5, "", "baik", None])
def test_bad_scores_never_enter_the_store(store, engine, bad):
    visit = served(store)
    with pytest.raises(ValidationError, match="Waktu penyelesaian"):
        store.ikm.submit(P, KioskAnswers(scores={**GOOD, "waktu": bad}), visit_id=visit.id)
    assert responses(engine) == 0


@pytest.mark.parametrize("bad", [0, 6])
def test_bad_evaluations_never_enter_the_store(store, engine, clock, bad):
    visit = served(store)
    add_case(engine, clock, visit.id)
    with pytest.raises(ValidationError, match="1 sampai 5"):
        store.ikm.submit(P, KioskAnswers(scores=GOOD, evaluation=bad), visit_id=visit.id)
    assert responses(engine) == 0


@pytest.mark.sqlite_only
@pytest.mark.parametrize("value", ["0", "5", "''", "'tiga'", "NULL"])
def test_the_database_itself_refuses_scores_outside_1_to_4(engine, value):
    columns = ", ".join(UNSUR_KEYS)
    values = ", ".join([value] + ["3"] * 8)
    with pytest.raises(exc.IntegrityError), engine.begin() as conn:
        conn.execute(
            text(
                f"INSERT INTO ikm_response (service_code, service_date, responded_at, source, "
                f"{columns}) VALUES ('REG', '2026-06-10', '2026-06-10 02:00:00.000000', "
                f"'kiosk', {values})"
            )
        )
    with pytest.raises(exc.IntegrityError), engine.begin() as conn:
        conn.execute(text('INSERT INTO "case" (service_code, procedure, status, '
                          "bearer_is_director, sikap_given, created_at, evaluation_score) "
                          "VALUES ('REG', 'x', 'y', 1, 0, '2026-06-10 02:00:00.000000', 6)"))  # fmt: skip


def test_an_anonymous_kiosk_response_needs_a_service(store, engine):
    with pytest.raises(ValidationError, match="Layanan belum dipilih"):
        store.ikm.submit(P, KioskAnswers(scores=GOOD), visit_id=None)
    store.ikm.submit(P, KioskAnswers(scores=GOOD, service_code="ubah"), visit_id=None)
    with read_session(engine) as session:
        only = session.exec(select(IkmResponseRow)).one()
        assert (only.visit_id, only.service_code) == (None, "UBAH")


def test_the_kiosk_at_a_loket_asks_about_the_visit_served_there_or_just_finished(store, clock):
    """The kiosk asked about any unsurveyed visit of the day at the loket: opened with a new
    number called (its vendor not yet there) it took A-003, finished an hour before, and the
    person at the counter answered for someone long gone."""
    served(store, loket=1)
    clock.advance(timedelta(minutes=5))
    second = served(store, loket=1)
    served(store, "UBAH", loket=2)
    assert store.ikm.loket_target(1).visit.id == second.id  # the one just finished
    store.ikm.submit(P, KioskAnswers(scores=GOOD), visit_id=second.id)
    assert store.ikm.loket_target(1) is None  # never the one before it: that vendor left
    served(store, loket=1)
    clock.advance(SURVEY_AFTER_SERVICE + timedelta(seconds=1))
    assert store.ikm.loket_target(1) is None  # finished too long ago: anonymous
    serving = served(store, loket=1, finish=False)
    assert store.ikm.loket_target(1).visit.id == serving.id  # being served: that one
    assert store.ikm.loket_target(None) is None
    store.queue.finish(P, serving.id, "informasi")
    assert store.ikm.loket_target(1).visit.id == serving.id  # just finished
    following = store.queue.take(KIOS, "REG", name="Sri")
    store.queue.call(P, 1, following.id)  # the next number is called: its vendor may be there
    assert store.ikm.loket_target(1) is None
    store.queue.no_show(P, following.id)  # and marked absent: still not the one before it
    assert store.ikm.loket_target(1) is None


# --- follow-ups ---------------------------------------------------------------------------


def test_a_low_score_opens_a_follow_up_that_only_an_admin_closes(store, engine, clock):
    visit = served(store)
    store.ikm.submit(P, KioskAnswers(scores={**GOOD, "waktu": 2, "sarana": 1}, saran="Antrean lama"),
                     visit_id=visit.id)  # fmt: skip
    store.ikm.submit(P, KioskAnswers(scores=GOOD), visit_id=served(store).id)
    (item,) = store.ikm.followups()
    assert item.low_unsur == ("waktu", "sarana")
    assert item.low_text == "Waktu penyelesaian 2, Sarana dan prasarana 1"
    assert item.saran == "Antrean lama"
    petugas = make_staff(engine, clock, Role.PETUGAS, "Siti Rahma")
    admin = make_staff(engine, clock, Role.ADMIN, "Ratna Dewi")
    with pytest.raises(PermissionDenied, match="Hanya admin"):
        store.ikm.handle_followup(petugas, item.id, "sudah")
    assert len(store.ikm.followups()) == 1
    done = store.ikm.handle_followup(admin, item.id, "Ditambah kursi tunggu")
    assert (done.handled_by_name, done.note) == ("Ratna Dewi", "Ditambah kursi tunggu")
    assert store.ikm.followups() == []
    (kept,) = store.ikm.followups(include_handled=True)
    assert kept.handled_at == clock.now()
    with pytest.raises(Conflict, match="sudah ditangani"):
        store.ikm.handle_followup(admin, item.id, "lagi")
    with read_session(engine) as session:
        assert session.exec(select(func.count()).select_from(IkmFollowupRow)).one() == 1


def test_questionnaires_about_a_service_closed_now_are_counted_and_said(store, engine):
    """LAT is closed in the catalog: a sheet's LAT line entered the quarter's index without a
    word. It may be an old sheet from when LAT was held, so it is imported, and said."""
    data = paper(row(), row(code="LAT"), row(day="2026-06-02", code="lat"))
    outcome = store.ikm.import_paper(CLI, data, source="kertas.csv")
    assert outcome.added == 3
    (said,) = [w for w in outcome.warnings if "LAT" in w]
    assert said.startswith("2 kuesioner tentang layanan LAT, yang kini tutup (baris 3, 4)")
    assert responses(engine) == 3 and all("REG" not in w for w in outcome.warnings)


@pytest.mark.parametrize("note", ["", "   ", " \t\n "])
def test_a_follow_up_is_not_closed_without_saying_what_was_done(store, engine, clock, note):
    store.ikm.submit(P, KioskAnswers(scores={**GOOD, "waktu": 1}), visit_id=served(store).id)
    (item,) = store.ikm.followups()
    admin = make_staff(engine, clock, Role.ADMIN, "Ratna Dewi")
    with pytest.raises(ValidationError, match="Catatan tindak lanjut wajib diisi") as refused:
        store.ikm.handle_followup(admin, item.id, note)
    assert refused.value.field == "catatan"
    assert [i.id for i in store.ikm.followups()] == [item.id]  # still open
    (kept,) = store.ikm.followups(include_handled=True)
    assert (kept.handled_at, kept.handled_by_name, kept.note) == (None, None, None)


# --- paper questionnaires -----------------------------------------------------------------


def test_paper_questionnaires_are_imported_with_their_profile(store, engine):
    header = HEADER + ";jenis_kelamin;usia;pendidikan;pekerjaan;saran"
    data = paper(
        row() + ";L;41;S1;PNS;Parkir sempit",
        row(day="02/06/2026", code="ubah", scores="4;4;4;4;4;4;4;2;4") + ";;;;;",
        header=header,
    )
    outcome = store.ikm.import_paper(CLI, data, source="kertas.csv")
    assert (outcome.added, outcome.followups) == (2, 1)
    with read_session(engine) as session:
        rows = session.exec(select(IkmResponseRow).order_by(IkmResponseRow.id)).all()
        assert [(r.service_date, r.service_code, r.source) for r in rows] == [
            (date(2026, 6, 1), "REG", "kertas"),
            (date(2026, 6, 2), "UBAH", "kertas"),
        ]
        assert (rows[0].pendidikan, rows[0].pekerjaan, rows[0].saran) == (
            "D4/S1",
            "PNS",
            "Parkir sempit",
        )
        assert rows[1].visit_id is None and rows[1].pengaduan == 2
    assert len(store.ikm.followups()) == 1


def test_a_file_with_one_bad_line_imports_nothing(store, engine):
    data = paper(row(), row(scores="3;3;5;3;3;3;3;3;3"), row(), row(scores="3;;3;3;3;3;3;3;3"))
    with pytest.raises(ValidationError) as caught:
        store.ikm.import_paper(CLI, data, source="kertas.csv")
    assert str(caught.value).splitlines() == [
        "kertas.csv baris 3, kolom waktu: Nilai Waktu penyelesaian 5 di luar skala 1–4; "
        "isi 1, 2, 3 atau 4",
        "kertas.csv baris 5, kolom prosedur: Nilai Sistem, mekanisme, dan prosedur belum "
        "diisi; isi 1, 2, 3 atau 4",
    ]
    assert responses(engine) == 0


def test_the_same_file_twice_is_refused(store, engine):
    data = paper(row(), row())
    store.ikm.import_paper(CLI, data, source="kertas.csv")
    with pytest.raises(Conflict, match="sudah pernah diimpor"):
        store.ikm.import_paper(CLI, data, source="kertas.csv")
    # Saved again by a spreadsheet: Windows line endings, a BOM, "," instead of ";".
    resaved = b"\xef\xbb\xbf" + data.replace(b";", b",").replace(b"\n", b"\r\n")
    with pytest.raises(Conflict, match="sudah pernah diimpor"):
        store.ikm.import_paper(CLI, resaved, source="kertas-lagi.csv")
    assert responses(engine) == 2


def test_the_same_file_with_lines_added_imports_only_the_new_lines(store, engine):
    """The week's spreadsheet with this week's questionnaires added below last week's: the
    earlier lines were counted again (2 + 3 = 5 respondents for 3 questionnaires)."""
    week1 = [row(), row(day="02/06/2026", scores="4;4;4;4;4;4;4;2;4")]
    assert store.ikm.import_paper(CLI, paper(*week1), source="minggu.csv").added == 2
    week2 = [*week1, row(day="03/06/2026", code="ubah")]
    outcome = store.ikm.import_paper(CLI, paper(*week2), source="minggu.csv")
    assert (outcome.added, outcome.earlier, outcome.followups) == (1, 2, 0)
    assert outcome.said == (
        "1 kuesioner diimpor (2 kuesioner pertama sama dengan berkas yang sudah diimpor "
        "sebelumnya: dilewati, tidak dihitung dua kali)."
    )
    assert responses(engine) == 3
    with pytest.raises(Conflict, match="sudah pernah diimpor"):  # and that one, once only
        store.ikm.import_paper(CLI, paper(*week2), source="minggu.csv")
    # Week 3 holds week 2's, which was stored without week 1's: all three weeks chain.
    week3 = [*week2, row(day="04/06/2026", code="uid")]
    outcome = store.ikm.import_paper(CLI, paper(*week3), source="minggu.csv")
    assert (outcome.added, outcome.earlier) == (1, 3)
    assert responses(engine) == 4
    # A file that only shares some lines with an earlier one is a new file: all counted.
    assert store.ikm.import_paper(CLI, paper(row(), row(day="04/06/2026")), source="x.csv").added == 2
    assert responses(engine) == 6


def test_a_sheet_whose_beginning_was_imported_only_in_part_waits_for_that_import(store, engine):
    """The first import of the sheet stopped after one of its three questionnaires; the sheet
    with a line added must not count that one again: it waits until the first is finished."""
    first = [row(), row(day="02/06/2026"), row(day="03/06/2026")]

    def stop_after_the_first_batch(done: int, total: int) -> None:
        raise KeyboardInterrupt  # as a desk killed mid-import

    with pytest.raises(KeyboardInterrupt):
        store.ikm.import_paper(CLI, paper(*first), source="a.csv", batch_rows=1,
                               progress=stop_after_the_first_batch)  # fmt: skip
    assert responses(engine) == 1
    grown = [*first, row(day="04/06/2026")]
    with pytest.raises(Conflict, match=r"3 kuesioner pertama .* impornya terputus \(1 masuk\)"):
        store.ikm.import_paper(CLI, paper(*grown), source="a.csv")
    assert responses(engine) == 1
    assert store.ikm.import_paper(CLI, paper(*first), source="a.csv").resumed == 1
    assert store.ikm.import_paper(CLI, paper(*grown), source="a.csv").added == 1
    assert responses(engine) == 4


# --- report -------------------------------------------------------------------------------

WORKED = [
    "4;3;3;4;3;4;4;3;3", "3;3;3;4;3;3;4;3;3", "4;4;3;4;4;4;4;3;4", "3;3;2;4;3;3;3;3;3",
    "4;4;4;4;4;4;4;4;4", "3;3;3;4;3;3;3;2;3", "4;3;3;4;3;4;4;3;3", "3;2;2;4;3;3;3;3;2",
    "4;4;3;4;3;4;4;3;3", "3;3;3;4;3;3;4;3;3",
]  # fmt: skip


def test_the_report_of_the_worked_example(store):
    store.ikm.import_paper(CLI, paper(*(row(scores=s) for s in WORKED)), source="k.csv")
    store.ikm.import_paper(
        CLI, paper(row(day="2026-05-31", scores="1;1;1;1;1;1;1;1;1")), source="mei.csv"
    )
    report = store.ikm.report(start=date(2026, 6, 1), end=date(2026, 6, 30))
    assert report.result.respondents == 10
    assert report.result.ikm == Decimal("83.61")
    assert report.result.grade.letter == "B"
    assert report.result.of("waktu").value == Decimal("72.50")
    assert report.low_counts["waktu"] == 2 and report.low_counts["biaya"] == 0
    assert [item.unsur.key for item in report.weakest()] == ["waktu", "pengaduan", "sarana"]
    assert report.sources == {"kiosk": 0, "kertas": 10}
    compat = store.ikm.report(
        start=date(2026, 6, 1), end=date(2026, 6, 30), weighting=Weighting.PRINTED_011
    )
    assert compat.result.ikm == Decimal("82.78")
    assert store.ikm.report(start=date(2026, 6, 1), end=date(2026, 6, 30),
                            service_code="UBAH").result.ikm is None  # fmt: skip


def test_the_population_is_the_visits_served_in_the_period(store):
    for _ in range(3):
        served(store)
    served(store, "UBAH", loket=2)
    served(store, loket=1, finish=False)
    store.queue.take(KIOS, "REG")  # waiting: not served
    report = store.ikm.report(start=TODAY, end=TODAY)
    assert (report.sample.population, report.sample.minimum) == (4, 4)
    assert store.ikm.report(start=TODAY, end=TODAY, service_code="REG").sample.population == 3
    assert store.ikm.report(start=TODAY + timedelta(days=1), end=TODAY + timedelta(days=2)
                            ).sample.population == 0  # fmt: skip


def test_the_report_counts_profiles_and_suggestions(store):
    header = HEADER + ";jenis_kelamin;usia;pendidikan;saran"
    data = paper(
        row() + ";L;22;SMA;Parkir sempit",
        row() + ";P;30;S2;Parkir sempit",
        row() + ";P;;;Tambah kursi",
        row() + ";;61;;",
        header=header,
    )
    store.ikm.import_paper(CLI, data, source="k.csv")
    report = store.ikm.report(start=date(2026, 6, 1), end=date(2026, 6, 1))
    sections = dict(report.profile.sections())
    assert dict(sections["Jenis kelamin"]) == {"Laki-laki": 1, "Perempuan": 2, "Tidak diisi": 1}
    assert dict(sections["Usia"])["< 25 tahun"] == 1
    assert dict(sections["Usia"])["≥ 55 tahun"] == 1
    assert dict(sections["Usia"])["Tidak diisi"] == 1
    assert dict(sections["Pendidikan"])["S2"] == 1
    assert [(s.text, s.count) for s in report.suggestions] == [
        ("Parkir sempit", 2),
        ("Tambah kursi", 1),
    ]
    assert report.suggestion_total == 3


def test_a_number_typed_into_a_suggestion_is_masked_in_the_report(store):
    """The report is published and anonymous: a phone or NIK in a suggestion is masked."""
    visit = served(store)
    saran = "Mohon dihubungi di 0812-3456-7890, NIK 3271011708450001"
    store.ikm.submit(P, KioskAnswers(scores=GOOD, saran=saran), visit_id=visit.id)
    (suggestion,) = store.ikm.report(start=TODAY, end=TODAY).suggestions
    assert suggestion.text == "Mohon dihubungi di 08********90, NIK 3271********0001"


def test_a_reversed_period_is_refused(store):
    with pytest.raises(ValidationError, match="Periode terbalik"):
        store.ikm.report(start=TODAY, end=TODAY - timedelta(days=1))


# --- kiosk unlock ---------------------------------------------------------------------------


def test_five_wrong_pins_lock_the_kiosk_for_five_minutes(store, engine, clock):
    officer = make_staff(engine, clock, Role.PETUGAS, "Siti Rahma")  # PIN 2468
    for _ in range(4):
        with pytest.raises(ValidationError, match="PIN salah"):
            store.ikm.unlock(officer.id, "0000")
    # The fifth also locks the account (store.logins): the kiosk says so.
    with pytest.raises(Conflict, match="Akun ini dikunci sampai 09.35 WIB karena 5 kali PIN"):
        store.ikm.unlock(officer.id, "0000")
    with pytest.raises(Conflict, match="5 kali PIN salah: layar survei terkunci sampai pukul"):
        store.ikm.unlock(officer.id, "2468")  # even the right PIN waits
    clock.advance(timedelta(minutes=5, seconds=1))
    assert store.ikm.unlock(officer.id, "2468").id == officer.id
    with pytest.raises(ValidationError, match="PIN salah"):
        store.ikm.unlock(officer.id, "1111")  # the count starts again after an unlock


def test_pins_guessed_at_the_kiosk_lock_the_account_at_the_login_too(store, engine, clock):
    officer = make_staff(engine, clock, Role.PETUGAS, "Siti Rahma")  # PIN 2468
    for _ in range(5):
        with pytest.raises((ValidationError, Conflict), match="PIN salah|dikunci"):
            store.ikm.unlock(officer.id, "0000")
    locked = store.login(staff_id=officer.id, pin="2468", loket=1)
    assert locked.member is None and locked.locked_until == clock.now() + timedelta(minutes=5)


def test_an_account_deactivated_meanwhile_closes_its_kiosk_with_its_own_pin(store, engine, clock):
    """Deactivated while the vendor answered, Siti's right PIN was "PIN salah" six times and
    the kiosk locked F12: the desk was stuck on the survey. Her own PIN closes it (the desk
    then logs her out); any other PIN is still wrong and counts towards the kiosk's pause."""
    officer = make_staff(engine, clock, Role.PETUGAS, "Siti Rahma")  # PIN 2468
    admin = make_staff(engine, clock, Role.ADMIN, "Ratna Dewi")
    store.staff_admin.set_active(admin, officer.id, active=False)
    with pytest.raises(ValidationError, match="PIN salah"):
        store.ikm.unlock(officer.id, "0000")  # a vendor guessing
    closed = store.ikm.unlock(officer.id, "2468")
    assert closed.id == officer.id and not closed.active
    with read_session(engine) as session:
        log = [(e.action, e.reason) for e in events.history(session=session, entity="staff",
                                                            entity_id=officer.id)]  # fmt: skip
    assert log[-1] == ("kios_dibuka", "akun nonaktif: desk keluar dari akun ini")
    assert ("kios_pin_salah", None) in log


def test_a_stale_admin_object_of_a_demoted_account_cannot_close_a_follow_up(store, engine, clock):
    store.ikm.submit(P, KioskAnswers(scores={**GOOD, "waktu": 1}), visit_id=served(store).id)
    (item,) = store.ikm.followups()
    admin = make_staff(engine, clock, Role.ADMIN, "Ratna Dewi")
    with write_session(engine) as session:  # the account is made a counter officer meanwhile
        session.exec(text(f"UPDATE staff SET role = 'petugas' WHERE id = {admin.id}"))
    with pytest.raises(PermissionDenied, match="Hanya admin"):
        store.ikm.handle_followup(admin, item.id, "sudah")  # the object still says admin
    assert len(store.ikm.followups()) == 1
