"""The queue through ``QueueDesk`` on a real SQLite file: tickets, calling, moves, board, bookings."""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlmodel import func, select

from lpse_desk import paths
from lpse_desk.catalog import load_catalog
from lpse_desk.config import Settings
from lpse_desk.domain import actors
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.clock import WIB
from lpse_desk.domain.entities import VisitStatus
from lpse_desk.domain.errors import Conflict, NotFound, ValidationError
from lpse_desk.domain.queue.rules import LoketStatus, QueuePolicy
from lpse_desk.domain.roles import Role
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import bookings, events, lokets, queue, queueview, staff
from lpse_desk.store.services.desk import DeskStore
from lpse_desk.store.services.queue import QueueDesk
from lpse_desk.store.tables.desk import EventRow
from lpse_desk.store.tables.queue import BookingRow, QueueCallRow, QueueCounterRow, VisitRow
from tests.store.actors import IMPORTER, KIOS, RATNA, SEEDED, P, seed

HEADER = "kode_booking;nama;no_hp;layanan;tanggal;jam"


@pytest.fixture(autouse=True)
def _actors(engine, clock):
    """The staff accounts the tests act as (the desk checks each one's role)."""
    seed(engine, clock)


@pytest.fixture
def catalog(desk_home):
    """The shipped catalog (LAT is closed in it)."""
    return load_catalog()


@pytest.fixture
def desk(engine, catalog, clock):
    """Today's queue on a migrated SQLite file, with the default policy."""
    return QueueDesk(
        engine=engine,
        catalog=catalog,
        calendar=WorkingCalendar.from_file(paths.calendar_file()),
        clock=clock,
        policy=QueuePolicy(),
    )


def at(hhmm: str, *, seconds: int = 0) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return datetime(2026, 6, 10, hour, minute, seconds, tzinfo=WIB)


def count(engine, table) -> int:
    with read_session(engine) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def rows(engine, table) -> list[SimpleNamespace]:
    """Every row of a table, copied out of the session (which expires them on closing)."""
    with read_session(engine) as session:
        return [SimpleNamespace(**row.model_dump()) for row in session.exec(select(table)).all()]


def status_of(desk, visit_id):
    return next(v for v in desk.visits() if v.id == visit_id).status


def serve(desk, loket, who=P, **filters):
    """Call the next visitor to the loket, serve and finish them; their ticket (or None)."""
    called = desk.call_next(who, loket, **filters)
    if called is None:
        return None
    desk.start(who, called.id)
    desk.finish(who, called.id, "informasi")
    return called.ticket


def csv(*lines: str) -> bytes:
    return ("\n".join((HEADER, *lines)) + "\n").encode()


def booking_line(code, slot="09:40", service="REG", name="Budi Santoso", day="2026-06-10"):
    return f"{code};{name};0812-3456-7890;{service};{day};{slot}"


# --- tickets -------------------------------------------------------------------------------


def test_walk_in_numbers_count_per_service_with_its_prefix(desk, clock):
    tickets = [
        desk.take(KIOS, code).ticket for code in ("REG", "REG", "UBAH", "UID", "kons", "REG")
    ]
    assert tickets == ["A-001", "A-002", "B-001", "C-001", "D-001", "A-003"]
    first, *_ = desk.visits()
    assert (first.service_code, first.status, first.arrived_at, first.loket) == (
        "REG",
        VisitStatus.WAITING,
        clock.now(),
        None,
    )
    assert [v.service_code for v in desk.visits()] == ["REG", "REG", "UBAH", "UID", "KONS", "REG"]
    (taken,) = desk.history(first.id)
    assert (taken.action, taken.actor, taken.from_state, taken.to_state) == (
        "nomor_diambil",
        "kios",
        None,
        "menunggu",
    )


def test_a_walk_in_keeps_name_phone_and_priority(desk):
    visit = desk.take(KIOS, "UBAH", name="  Agus Salim ", phone="081311112222", priority="Lansia")
    assert (visit.ticket, visit.visitor_name, visit.phone, visit.priority) == (
        "B-001",
        "Agus Salim",
        "081311112222",
        "lansia",
    )
    assert desk.history(visit.id)[0].reason == "lansia"


@pytest.mark.parametrize(
    ("service", "extra", "error", "words"),
    [
        ("LAT", {}, Conflict, "Layanan LAT sedang ditutup: "),
        ("XYZ", {}, NotFound, "Layanan 'XYZ' tidak dikenal; pilih salah satu: REG"),
        ("  ", {}, ValidationError, "Kode layanan wajib diisi"),
        ("REG", {"priority": "vip"}, ValidationError, "Prioritas 'vip' tidak dikenal"),
        ("REG", {"name": "x" * 201}, ValidationError, "Nama paling banyak 200 karakter"),
        # a NIK or phone typed into the name: the queue list and the board show names whole
        ("REG", {"name": "Rudi 3271010101010009"}, ValidationError, "Nama berisi nomor panjang"),
        ("REG", {"name": "Rudi 0812-3456-7890"}, ValidationError, "Nama berisi nomor panjang"),
    ],
)
def test_refused_tickets_write_nothing(desk, engine, service, extra, error, words):
    with pytest.raises(error, match=re.escape(words)):
        desk.take(KIOS, service, **extra)
    assert [count(engine, t) for t in (VisitRow, QueueCounterRow, EventRow)] == [0, 0, SEEDED]
    assert desk.take(KIOS, "REG").ticket == "A-001"  # no number was used up


def test_a_closed_service_says_why_in_the_catalogs_words(desk, catalog):
    message = catalog.service("LAT").closed_message
    assert message
    with pytest.raises(Conflict) as refused:
        desk.take(KIOS, "lat")
    assert str(refused.value) == f"Layanan LAT sedang ditutup: {message}"


def test_numbers_start_again_the_next_day(desk, clock):
    assert desk.take(KIOS, "REG").ticket == "A-001"
    clock.advance(timedelta(days=1))
    assert desk.take(KIOS, "REG").ticket == "A-001"
    assert [v.ticket for v in desk.visits()] == ["A-001"]
    assert [v.ticket for v in desk.visits(clock.now().date() - timedelta(days=1))] == ["A-001"]


# --- calling -------------------------------------------------------------------------------


def _import_and_check_in(desk, clock, code, slot, *, arrive):
    clock.set(at(arrive))
    desk.import_bookings(IMPORTER, csv(booking_line(code, slot)), source=f"{code}.csv")
    return desk.check_in(KIOS, code)


def test_call_next_follows_the_call_order_end_to_end(desk, clock):
    clock.set(at("09:00"))
    desk.take(KIOS, "REG")  # A-001 ordinary, first to arrive
    clock.set(at("09:05"))
    desk.take(KIOS, "REG", priority="lansia")
    clock.set(at("09:10"))
    desk.take(KIOS, "REG")
    due = _import_and_check_in(desk, clock, "MPP-260610-0001", "09:40", arrive="09:20")
    later = _import_and_check_in(desk, clock, "MPP-260610-0002", "11:00", arrive="09:25")
    clock.set(at("09:28"))
    held = desk.take(KIOS, "REG", priority="hamil")
    clock.set(at("09:30"))
    desk.open_loket(P, 1)
    # A-006 is called out of turn, goes to fetch a meterai and comes back: front of the queue.
    desk.call(P, 1, held.id)
    desk.hold(P, held.id, "Membeli/menempel meterai")
    desk.resume(P, held.id)
    assert (due.ticket, later.ticket, held.ticket) == ("A-004", "A-005", "A-006")
    assert [v.ticket for v in desk.view().waiting] == [
        "A-006",  # back at the front
        "A-004",  # booking due (09:40 − 15 minutes)
        "A-002",  # priority
        "A-001",  # arrival order...
        "A-003",
        "A-005",  # ...including a booking whose slot is not near yet
    ]
    served = [serve(desk, 1) for _ in range(6)]
    assert served == ["A-006", "A-004", "A-002", "A-001", "A-003", "A-005"]
    marker = desk.marker()
    assert desk.call_next(P, 1) is None
    assert desk.marker() == marker  # calling nobody changes nothing


def test_a_booking_moves_ahead_when_its_slot_comes_near(desk, clock):
    clock.set(at("09:20"))
    walk_in = desk.take(KIOS, "REG")
    booked = _import_and_check_in(desk, clock, "MPP-260610-0003", "10:00", arrive="09:30")
    assert [v.id for v in desk.view().waiting] == [walk_in.id, booked.id]
    clock.set(at("09:44", seconds=59))
    assert [v.id for v in desk.view().waiting] == [walk_in.id, booked.id]
    clock.set(at("09:45"))
    assert [v.id for v in desk.view().waiting] == [booked.id, walk_in.id]
    desk.open_loket(P, 1)
    assert desk.call_next(P, 1).id == booked.id


def test_call_next_with_services_takes_only_those(desk):
    desk.take(KIOS, "REG")
    ubah = desk.take(KIOS, "UBAH")
    desk.open_loket(P, 3)
    assert desk.call_next(P, 3, services=["UBAH", "UID"]).id == ubah.id
    desk.start(P, ubah.id)
    desk.finish(P, ubah.id, "informasi")
    assert desk.call_next(P, 3, services=["UBAH"]) is None


def test_call_next_on_an_empty_queue_is_none(desk, engine):
    desk.open_loket(P, 1)
    assert desk.call_next(P, 1) is None
    assert count(engine, QueueCallRow) == 0


@pytest.mark.parametrize(
    ("prepare", "words"),
    [
        (lambda desk: None, "Loket 1 tutup; buka dulu untuk memanggil."),
        (
            lambda desk: (desk.open_loket(P, 1), desk.pause_loket(P, 1, "Salat")),
            "Loket 1 sedang jeda (Salat); buka dulu untuk memanggil.",
        ),
        (
            lambda desk: (desk.open_loket(P, 1), desk.close_loket(P, 1, "Jam layanan selesai")),
            "Loket 1 tutup; buka dulu untuk memanggil.",
        ),
    ],
    ids=["never-opened", "paused", "closed"],
)
def test_a_loket_that_is_not_open_cannot_call(desk, engine, prepare, words):
    waiting = desk.take(KIOS, "REG")
    prepare(desk)
    with pytest.raises(Conflict) as refused:
        desk.call_next(P, 1)
    assert str(refused.value) == words
    with pytest.raises(Conflict, match=re.escape(words)):
        desk.call(P, 1, waiting.id)
    assert status_of(desk, waiting.id) is VisitStatus.WAITING
    assert count(engine, QueueCallRow) == 0


def test_a_loket_handles_one_visit_at_a_time(desk):
    first = desk.take(KIOS, "REG")
    second = desk.take(KIOS, "REG")
    desk.open_loket(P, 1)
    desk.call_next(P, 1)
    for step in ("called", "serving"):
        with pytest.raises(Conflict, match="Loket 1 masih menangani A-001"):
            desk.call_next(P, 1)
        with pytest.raises(Conflict, match="Loket 1 masih menangani A-001"):
            desk.call(P, 1, second.id)
        assert status_of(desk, second.id) is VisitStatus.WAITING, step
        if step == "called":
            desk.start(P, first.id)
    desk.finish(P, first.id, "informasi")
    assert desk.call_next(P, 1).id == second.id


def test_two_lokets_never_get_the_same_visit(desk):
    first = desk.take(KIOS, "REG")
    desk.take(KIOS, "REG")
    desk.open_loket(P, 1)
    desk.open_loket(P, 2)
    called = [desk.call_next(P, 1), desk.call_next(P, 2)]
    assert [(v.ticket, v.loket) for v in called] == [("A-001", 1), ("A-002", 2)]
    desk.open_loket(P, 3)
    with pytest.raises(Conflict, match="A-001 sedang dipanggil; tidak dapat dipanggil"):
        desk.call(P, 3, first.id)
    assert desk.view().at_loket(1).id == first.id
    assert desk.view().at_loket(3) is None


def test_calling_an_unknown_visit_is_not_found(desk):
    desk.open_loket(P, 1)
    with pytest.raises(NotFound, match="Kunjungan #404 tidak ditemukan"):
        desk.call(P, 1, 404)
    with pytest.raises(NotFound, match="#404"):
        desk.start(P, 404)


def test_a_call_records_who_where_and_when(desk, engine, clock):
    member = _staff(engine, clock)
    visit = desk.take(KIOS, "REG")
    desk.open_loket(member, 2)
    called = desk.call_next(member, 2)
    assert (called.status, called.loket, called.served_by, called.called_at) == (
        VisitStatus.CALLED,
        2,
        member.id,
        clock.now(),
    )
    (call,) = rows(engine, QueueCallRow)
    assert (call.visit_id, call.ticket, call.service_code, call.loket, call.recall) == (
        visit.id,
        "A-001",
        "REG",
        2,
        False,
    )


# --- recall --------------------------------------------------------------------------------


def test_recall_announces_again_without_a_new_recent_line(desk, engine):
    visit = desk.take(KIOS, "REG")
    desk.open_loket(P, 2)
    desk.call_next(P, 2)
    first_board = desk.board()
    for _ in range(2):
        assert desk.recall(P, 2).id == visit.id
    board = desk.board()
    assert [(c.ticket, c.loket, c.recall) for c in board.current] == [("A-001", 2, True)]
    assert [c.ticket for c in board.recent] == ["A-001"]
    assert board.last_call_id > first_board.last_call_id  # the board speaks again
    assert [r.recall for r in rows(engine, QueueCallRow)] == [False, True, True]
    recalls = [e for e in desk.history(visit.id) if e.action == "panggil_ulang"]
    assert [(e.reason, e.from_state, e.to_state) for e in recalls] == [("loket 2", None, None)] * 2
    assert desk.times(visit.id).called == 3
    assert status_of(desk, visit.id) is VisitStatus.CALLED


def test_recall_needs_a_called_number(desk):
    visit = desk.take(KIOS, "REG")
    desk.open_loket(P, 1)
    with pytest.raises(Conflict, match="Tidak ada nomor yang sedang dipanggil di loket 1"):
        desk.recall(P, 1)
    desk.call_next(P, 1)
    desk.start(P, visit.id)
    with pytest.raises(Conflict, match="Tidak ada nomor yang sedang dipanggil di loket 1"):
        desk.recall(P, 1)


# --- hold and resume -----------------------------------------------------------------------


def test_hold_frees_the_loket_and_resume_puts_the_visitor_at_the_front(desk, clock):
    clock.set(at("09:00"))
    first = desk.take(KIOS, "REG")
    clock.set(at("09:05"))
    second = desk.take(KIOS, "REG")
    clock.set(at("09:10"))
    third = desk.take(KIOS, "REG")
    desk.open_loket(P, 1)
    desk.call_next(P, 1)
    desk.start(P, first.id)
    with pytest.raises(ValidationError, match="Alasan menahan wajib diisi"):
        desk.hold(P, first.id, "  ")
    assert status_of(desk, first.id) is VisitStatus.SERVING
    held = desk.hold(P, first.id, " Mengambil dokumen yang kurang ")
    assert (held.status, held.loket, held.status_note) == (
        VisitStatus.ON_HOLD,
        None,
        "Mengambil dokumen yang kurang",
    )
    assert [v.id for v in desk.view().held] == [first.id]
    assert desk.call_next(P, 1).id == second.id  # the loket is free again
    desk.start(P, second.id)
    desk.finish(P, second.id, "informasi")
    with pytest.raises(Conflict, match="A-003 sedang menunggu; tidak dapat dikembalikan"):
        desk.resume(P, third.id)
    clock.set(at("09:40"))
    back = desk.resume(P, first.id)
    assert (back.status, back.front_since, back.status_note) == (
        VisitStatus.WAITING,
        clock.now(),
        None,
    )
    assert desk.view().held == ()
    # A-003 arrived at 09:10, long before A-001 came back at 09:40; A-001 goes first.
    assert desk.call_next(P, 1).id == first.id
    assert desk.visits()[0].front_since is None  # the front is spent once called


def test_a_held_visitor_can_be_called_straight_from_hold(desk):
    visit = desk.take(KIOS, "REG")
    desk.open_loket(P, 1)
    desk.call_next(P, 1)
    desk.hold(P, visit.id, "Memfotokopi dokumen")
    again = desk.call(P, 1, visit.id)
    assert (again.status, again.loket) == (VisitStatus.CALLED, 1)
    assert again.status_note is None  # the hold's reason no longer describes the visit


def test_a_loket_left_open_yesterday_starts_today_closed(desk, clock):
    desk.open_loket(P, 1)
    desk.take(KIOS, "REG")
    clock.advance(timedelta(days=1))
    desk.take(KIOS, "REG")
    assert desk.loket(1).status is LoketStatus.CLOSED
    assert desk.view().lokets == ()
    with pytest.raises(Conflict, match="Loket 1 tutup"):
        desk.call_next(P, 1)
    desk.open_loket(P, 1)
    assert desk.call_next(P, 1).ticket == "A-001"


def test_a_walk_in_phone_number_is_checked_and_normalised(desk, engine):
    with pytest.raises(ValidationError) as refused:
        desk.take(KIOS, "REG", phone="12345")
    assert refused.value.field == "no_hp"
    assert count(engine, VisitRow) == 0
    visit = desk.take(KIOS, "REG", phone="0813 1001 4455")
    assert visit.phone == "081310014455"


def test_a_transfer_reason_is_limited(desk, engine):
    visit = desk.take(KIOS, "KONS")
    with pytest.raises(ValidationError, match="paling banyak 200"):
        desk.transfer(P, visit.id, "REG", "x" * 201)
    assert status_of(desk, visit.id) is VisitStatus.WAITING


# --- no-show and restore -------------------------------------------------------------------


def test_a_no_show_restored_within_the_window_goes_to_the_front(desk, clock):
    missing = desk.take(KIOS, "REG")
    clock.advance(timedelta(minutes=1))
    patient = desk.take(KIOS, "REG")
    desk.open_loket(P, 1)
    with pytest.raises(Conflict, match="Hanya nomor yang sedang dipanggil"):
        desk.no_show(P, missing.id)
    desk.call_next(P, 1)
    gone = desk.no_show(P, missing.id)
    assert (gone.status, gone.loket, gone.finished_at) == (VisitStatus.NO_SHOW, None, clock.now())
    clock.advance(timedelta(minutes=30))  # exactly the window: still restorable
    assert [v.id for v in desk.view().no_shows] == [missing.id]
    restored = desk.restore(P, missing.id)
    assert (restored.status, restored.front_since, restored.finished_at) == (
        VisitStatus.WAITING,
        clock.now(),
        None,
    )
    assert desk.view().no_shows == ()
    assert [v.id for v in desk.view().waiting] == [missing.id, patient.id]
    assert desk.call_next(P, 1).id == missing.id


def test_a_no_show_after_the_window_needs_a_new_number(desk, clock):
    missing = desk.take(KIOS, "REG")
    desk.open_loket(P, 1)
    desk.call_next(P, 1)
    desk.no_show(P, missing.id)
    clock.advance(timedelta(minutes=30, seconds=1))
    assert desk.view().no_shows == ()
    marker = desk.marker()
    with pytest.raises(Conflict) as refused:
        desk.restore(P, missing.id)
    assert str(refused.value) == (
        "A-001 ditandai tidak hadir lebih dari 30 menit lalu; silakan ambil nomor baru."
    )
    assert status_of(desk, missing.id) is VisitStatus.NO_SHOW
    assert desk.marker() == marker


def test_only_a_no_show_can_be_restored(desk):
    visit = desk.take(KIOS, "REG")
    with pytest.raises(Conflict, match="A-001 sedang menunggu; tidak dapat dipulihkan"):
        desk.restore(P, visit.id)


# --- transfer ------------------------------------------------------------------------------


def test_transfer_keeps_ticket_and_arrival_and_queues_by_arrival(desk, clock):
    clock.set(at("09:00"))
    moved = desk.take(KIOS, "REG")
    clock.set(at("09:05"))
    b1 = desk.take(KIOS, "UBAH")
    clock.set(at("09:20"))
    b2 = desk.take(KIOS, "UBAH")
    clock.set(at("09:30"))
    desk.open_loket(P, 1)
    desk.call_next(P, 1, services=["REG"])
    desk.start(P, moved.id)
    transferred = desk.transfer(P, moved.id, "ubah", " Perlu perubahan data ")
    assert (
        transferred.ticket,
        transferred.prefix,
        transferred.number,
        transferred.arrived_at,
        transferred.service_code,
        transferred.transferred_from,
        transferred.status,
        transferred.loket,
        transferred.status_note,
    ) == (
        "A-001",
        "A",
        1,
        at("09:00"),
        "UBAH",
        "REG",
        VisitStatus.WAITING,
        None,
        "Perlu perubahan data",
    )
    assert desk.history(moved.id)[-1].reason == "REG → UBAH: Perlu perubahan data"
    view = desk.view()
    assert [v.id for v in view.waiting] == [moved.id, b1.id, b2.id]
    assert {c.code: c.waiting for c in view.per_service}["UBAH"] == 3
    assert view.at_loket(1) is None  # the REG loket is free
    desk.open_loket(P, 2)
    assert desk.call_next(P, 2, services=["UBAH"]).id == moved.id
    assert desk.call_next(P, 1, services=["REG"]) is None
    assert desk.take(KIOS, "REG").ticket == "A-002"  # REG's numbers go on undisturbed


@pytest.mark.parametrize(
    ("to", "error", "words"),
    [
        ("REG", ValidationError, "A-001 sudah di antrian REG"),
        ("LAT", Conflict, "Layanan LAT sedang ditutup"),
        ("NOPE", NotFound, "Layanan 'NOPE' tidak dikenal"),
    ],
)
def test_transfer_to_the_same_or_a_closed_service_is_refused(desk, engine, to, error, words):
    visit = desk.take(KIOS, "REG")
    before = count(engine, EventRow)
    with pytest.raises(error, match=re.escape(words)):
        desk.transfer(P, visit.id, to)
    (unchanged,) = desk.visits()
    assert (unchanged.service_code, unchanged.transferred_from) == ("REG", None)
    assert count(engine, EventRow) == before


def test_a_finished_visit_cannot_be_transferred(desk):
    visit = desk.take(KIOS, "REG")
    desk.open_loket(P, 1)
    serve(desk, 1)
    with pytest.raises(Conflict, match="A-001 sedang selesai; tidak dapat dialihkan"):
        desk.transfer(P, visit.id, "UBAH")


# --- finish and cancel ---------------------------------------------------------------------


def test_finish_needs_the_visitor_at_the_loket(desk):
    visit = desk.take(KIOS, "REG")
    desk.open_loket(P, 1)
    desk.call_next(P, 1)
    with pytest.raises(Conflict) as refused:
        desk.finish(P, visit.id, "informasi")
    assert str(refused.value) == (
        "A-001 sedang dipanggil; tidak dapat diselesaikan. "
        "Mulai layani dulu saat penyedia tiba di loket."
    )
    assert status_of(desk, visit.id) is VisitStatus.CALLED


def test_finish_needs_an_outcome(desk, clock):
    visit = desk.take(KIOS, "REG")
    desk.open_loket(P, 1)
    desk.call_next(P, 1)
    desk.start(P, visit.id)
    for outcome, note, words in [
        ("", None, "Hasil layanan wajib dipilih sebelum menyelesaikan"),
        ("beres", None, "Hasil layanan 'beres' tidak dikenal"),
        ("lainnya", "  ", "Tulis keterangan untuk hasil 'Lainnya'"),
    ]:
        with pytest.raises(ValidationError, match=re.escape(words)):
            desk.finish(P, visit.id, outcome, note)
        assert status_of(desk, visit.id) is VisitStatus.SERVING
    clock.advance(timedelta(minutes=12))
    done = desk.finish(P, visit.id, "lainnya", " Minta surat keterangan terdaftar ")
    assert (done.status, done.outcome, done.status_note, done.finished_at) == (
        VisitStatus.DONE,
        "lainnya",
        "Minta surat keterangan terdaftar",
        clock.now(),
    )
    assert desk.history(visit.id)[-1].reason == "lainnya: Minta surat keterangan terdaftar"
    assert desk.view().finished == 1
    assert desk.view().at_loket(1) is None


def test_cancel_needs_a_reason_and_a_visitor_not_at_a_loket(desk, clock):
    waiting = desk.take(KIOS, "REG")
    called = desk.take(KIOS, "REG")
    desk.open_loket(P, 1)
    desk.call(P, 1, called.id)
    with pytest.raises(ValidationError, match="Alasan membatalkan wajib diisi"):
        desk.cancel(P, waiting.id, " ")
    assert status_of(desk, waiting.id) is VisitStatus.WAITING
    cancelled = desk.cancel(P, waiting.id, "Penyedia pulang, kembali besok")
    assert (cancelled.status, cancelled.status_note, cancelled.finished_at) == (
        VisitStatus.CANCELLED,
        "Penyedia pulang, kembali besok",
        clock.now(),
    )
    with pytest.raises(Conflict, match="A-002 sedang dipanggil; tidak dapat dibatalkan"):
        desk.cancel(P, called.id, "pulang")
    assert [v.id for v in desk.view().waiting] == []


# --- events and times ----------------------------------------------------------------------


def _staff(engine, clock, name="Siti Rahma"):
    with write_session(engine) as session:
        return staff.create(
            session=session, name=name, role=Role.PETUGAS, pin="2468", actor="t", now=clock.now()
        )


def test_every_move_is_an_event_with_actor_states_and_reason(desk, engine, clock):
    siti = _staff(engine, clock)
    andi = _staff(engine, clock, name="Andi Wijaya")
    visit = desk.take(KIOS, "REG", priority="hamil")
    desk.open_loket(siti, 1)
    desk.open_loket(andi, 2)
    desk.call_next(siti, 1)
    desk.recall(siti, 1)
    desk.start(siti, visit.id)
    desk.hold(siti, visit.id, "Membeli/menempel meterai")
    desk.resume(RATNA, visit.id)
    desk.call_next(siti, 1)
    desk.start(siti, visit.id)
    desk.transfer(siti, visit.id, "UBAH", "Ubah data direksi")
    desk.call_next(andi, 2)
    desk.no_show(andi, visit.id)
    desk.restore(andi, visit.id)
    desk.call_next(andi, 2)
    desk.start(andi, visit.id)
    desk.finish(andi, visit.id, "informasi")
    s, a = actors.actor_for(siti), actors.actor_for(andi)
    assert [
        (e.action, e.actor, e.from_state, e.to_state, e.reason) for e in desk.history(visit.id)
    ] == [
        ("nomor_diambil", "kios", None, "menunggu", "hamil"),
        ("dipanggil", s, "menunggu", "dipanggil", "loket 1"),
        ("panggil_ulang", s, None, None, "loket 1"),
        ("mulai_dilayani", s, "dipanggil", "dilayani", None),
        ("ditahan", s, "dilayani", "ditahan", "Membeli/menempel meterai"),
        ("kembali_antre", actors.actor_for(RATNA), "ditahan", "menunggu", None),
        ("dipanggil", s, "menunggu", "dipanggil", "loket 1"),
        ("mulai_dilayani", s, "dipanggil", "dilayani", None),
        ("dialihkan", s, "dilayani", "menunggu", "REG → UBAH: Ubah data direksi"),
        ("dipanggil", a, "menunggu", "dipanggil", "loket 2"),
        ("tidak_hadir", a, "dipanggil", "tidak_hadir", None),
        ("dipulihkan", a, "tidak_hadir", "menunggu", None),
        ("dipanggil", a, "menunggu", "dipanggil", "loket 2"),
        ("mulai_dilayani", a, "dipanggil", "dilayani", None),
        ("selesai", a, "dilayani", "selesai", "informasi"),
    ]
    assert all(e.at == clock.now() for e in desk.history(visit.id))
    assert desk.visits()[0].served_by == andi.id


def test_a_visit_counts_for_the_officer_who_finishes_it(desk):
    # Putri called and started A-001 and logged out leaving it at loket 1; Ratna, logged in
    # there next, finished it: the counter report ("petugas yang menyelesaikan") counts it
    # for Ratna.
    visit = desk.take(KIOS, "REG")
    desk.open_loket(P, 1)
    desk.call_next(P, 1)
    desk.start(P, visit.id)
    assert desk.visits()[0].served_by == P.id
    desk.finish(RATNA, visit.id, "informasi")
    assert desk.visits()[0].served_by == RATNA.id


def test_a_cancel_is_an_event_with_its_reason(desk):
    visit = desk.take(KIOS, "UID")
    desk.cancel(RATNA, visit.id, "Salah ambil layanan")
    assert [
        (e.action, e.actor, e.from_state, e.to_state, e.reason) for e in desk.history(visit.id)
    ][-1] == ("batal", actors.actor_for(RATNA), "menunggu", "batal", "Salah ambil layanan")


def test_times_come_from_the_events(desk, clock):
    visit = desk.take(KIOS, "REG")
    desk.open_loket(P, 1)
    clock.advance(timedelta(minutes=7))
    desk.call_next(P, 1)
    clock.advance(timedelta(minutes=1))
    desk.recall(P, 1)
    clock.advance(timedelta(minutes=1))
    desk.start(P, visit.id)
    clock.advance(timedelta(minutes=10))
    desk.hold(P, visit.id, "Memfotokopi dokumen")
    clock.advance(timedelta(minutes=5))
    assert desk.times(visit.id).held == timedelta(minutes=5)  # still on hold: counts till now
    desk.resume(P, visit.id)
    clock.advance(timedelta(minutes=3))
    desk.call_next(P, 1)
    clock.advance(timedelta(seconds=45))
    desk.start(P, visit.id)
    clock.advance(timedelta(minutes=4))
    desk.finish(P, visit.id, "informasi")
    expected = (
        timedelta(minutes=7 + 3),
        timedelta(minutes=2, seconds=45),
        timedelta(minutes=10 + 4),
        timedelta(minutes=5),
        3,
    )
    times = desk.times(visit.id)
    assert (times.waiting, times.walking, times.serving, times.held, times.called) == expected
    clock.advance(timedelta(hours=2))  # a finished visit's times stay put
    times = desk.times(visit.id)
    assert (times.waiting, times.walking, times.serving, times.held, times.called) == expected


# --- lokets --------------------------------------------------------------------------------


def test_a_loket_opens_pauses_and_closes_with_reasons(desk, engine, clock):
    member = _staff(engine, clock)
    assert desk.loket(1) == lokets.LoketState(1, LoketStatus.CLOSED, None, None, None)
    with pytest.raises(Conflict, match="Loket 1 tutup; tidak dapat dijeda"):
        desk.pause_loket(member, 1, "Istirahat")
    opened = desk.open_loket(member, 1)
    assert (opened.status, opened.staff_id, opened.reason, opened.since) == (
        LoketStatus.OPEN,
        member.id,
        None,
        clock.now(),
    )
    desk.open_loket(member, 1)  # already open: nothing to record
    with pytest.raises(ValidationError, match="Alasan jeda wajib diisi"):
        desk.pause_loket(member, 1, "")
    clock.advance(timedelta(minutes=5))
    paused = desk.pause_loket(member, 1, " Istirahat ")
    assert (paused.status, paused.reason, paused.since) == (
        LoketStatus.PAUSED,
        "Istirahat",
        clock.now(),
    )
    desk.open_loket(member, 1)
    visit = desk.take(KIOS, "REG")
    desk.call_next(member, 1)
    with pytest.raises(ValidationError, match="Alasan menutup loket wajib diisi"):
        desk.close_loket(member, 1, None)
    with pytest.raises(Conflict, match="Loket 1 masih menangani A-001; selesaikan dulu"):
        desk.close_loket(member, 1, "Jam layanan selesai")
    assert desk.loket(1).status is LoketStatus.OPEN
    desk.start(member, visit.id)
    desk.finish(member, visit.id, "informasi")
    closed = desk.close_loket(member, 1, "Jam layanan selesai")
    assert (closed.status, closed.reason) == (LoketStatus.CLOSED, "Jam layanan selesai")
    assert desk.view().lokets == (closed,)
    with read_session(engine) as session:
        log = events.history(session=session, entity="loket", entity_id=1)
    assert [(e.action, e.from_state, e.to_state, e.reason, e.actor) for e in log] == [
        ("loket_buka", None, "buka", None, "Siti Rahma (#3)"),
        ("loket_jeda", "buka", "jeda", "Istirahat", "Siti Rahma (#3)"),
        ("loket_buka", "jeda", "buka", None, "Siti Rahma (#3)"),
        ("loket_tutup", "buka", "tutup", "Jam layanan selesai", "Siti Rahma (#3)"),
    ]


def test_a_paused_loket_still_finishes_the_visit_it_has(desk):
    visit = desk.take(KIOS, "REG")
    desk.open_loket(P, 1)
    desk.call_next(P, 1)
    desk.pause_loket(P, 1, "Rapat/koordinasi")
    desk.start(P, visit.id)
    assert desk.finish(P, visit.id, "informasi").status is VisitStatus.DONE


# --- change marker -------------------------------------------------------------------------


def test_the_change_marker_grows_after_every_move(desk, clock):
    moves = []
    seen = [desk.marker()]
    ids: dict[str, int] = {}

    def step(name, action):
        action()
        seen.append(desk.marker())
        moves.append(name)

    step("open", lambda: desk.open_loket(P, 1))
    step("take", lambda: ids.setdefault("a", desk.take(KIOS, "REG").id))
    step("take2", lambda: ids.setdefault("b", desk.take(KIOS, "REG").id))
    step("call", lambda: desk.call_next(P, 1))
    step("recall", lambda: desk.recall(P, 1))
    step("start", lambda: desk.start(P, ids["a"]))
    step("hold", lambda: desk.hold(P, ids["a"], "meterai"))
    step("resume", lambda: desk.resume(P, ids["a"]))
    step("call-again", lambda: desk.call_next(P, 1))
    step("no-show", lambda: desk.no_show(P, ids["a"]))
    step("restore", lambda: desk.restore(P, ids["a"]))
    step("transfer", lambda: desk.transfer(P, ids["a"], "UID"))
    step("cancel", lambda: desk.cancel(P, ids["a"], "pulang"))
    step("call-b", lambda: desk.call_next(P, 1))
    step("start-b", lambda: desk.start(P, ids["b"]))
    step("finish-b", lambda: desk.finish(P, ids["b"], "informasi"))
    step("pause", lambda: desk.pause_loket(P, 1, "Istirahat"))
    step("close", lambda: desk.close_loket(P, 1, "Jam layanan selesai"))
    for name, before, after in zip(moves, seen[:-1], seen[1:], strict=True):
        assert after > before, name
    assert desk.view().marker == seen[-1]
    with pytest.raises(Conflict):
        desk.resume(P, ids["b"])
    assert desk.marker() == seen[-1]  # a refused move changes nothing


# --- the queue screen's view ---------------------------------------------------------------


def test_queue_view_groups_the_day(desk, engine, clock):
    clock.set(at("08:00"))
    desk.open_loket(P, 1)
    desk.open_loket(P, 2)
    desk.open_loket(P, 3)
    old_no_show = desk.take(KIOS, "REG")
    desk.call_next(P, 1)
    desk.no_show(P, old_no_show.id)
    clock.set(at("09:00"))
    recent_no_show = desk.take(KIOS, "REG")
    desk.call_next(P, 1)
    desk.no_show(P, recent_no_show.id)
    clock.set(at("09:10"))
    done = desk.take(KIOS, "UBAH")  # B-001
    desk.call_next(P, 1)
    desk.start(P, done.id)
    desk.finish(P, done.id, "informasi")
    held = desk.take(KIOS, "UID")  # C-001
    desk.call_next(P, 1)
    desk.hold(P, held.id, "Memfotokopi dokumen")
    serving = desk.take(KIOS, "REG")
    desk.call_next(P, 2)
    desk.start(P, serving.id)
    called = desk.take(KIOS, "UBAH")  # B-002
    desk.call_next(P, 3)
    cancelled = desk.take(KIOS, "REG")
    desk.cancel(P, cancelled.id, "pulang")
    clock.set(at("09:20"))
    plain = desk.take(KIOS, "REG")
    clock.set(at("09:25"))
    priority = desk.take(KIOS, "UBAH", priority="disabilitas")  # B-003
    # A LAT ticket issued before LAT was closed still waits and is still counted.
    with write_session(engine) as session:
        lat = queue.register_visit(
            session=session, service_code="LAT", prefix="E", service_date=clock.now().date(),
            arrived_at=at("07:55"), actor="kios",
        )  # fmt: skip
    clock.set(at("09:30"))
    view = desk.view()
    assert (view.day, view.now) == (clock.now().date(), clock.now())
    assert [v.ticket for v in view.waiting] == ["B-003", "E-001", "A-005"]
    assert [v.id for v in view.waiting] == [priority.id, lat.id, plain.id]
    assert [(v.ticket, v.loket, v.status) for v in view.active] == [
        ("A-003", 2, VisitStatus.SERVING),
        ("B-002", 3, VisitStatus.CALLED),
    ]
    assert view.at_loket(3).id == called.id
    assert view.at_loket(1) is None
    assert [v.id for v in view.held] == [held.id]
    assert [v.id for v in view.no_shows] == [recent_no_show.id]  # 08:00's is past the window
    assert view.finished == 1
    assert [(c.code, c.prefix, c.waiting) for c in view.per_service] == [
        ("REG", "A", 1),
        ("UBAH", "B", 1),
        ("UID", "C", 0),
        ("KONS", "D", 0),
        ("LAT", "E", 1),
    ]
    assert [(state.number, state.status) for state in view.lokets] == [
        (1, LoketStatus.OPEN),
        (2, LoketStatus.OPEN),
        (3, LoketStatus.OPEN),
    ]
    assert view.marker == desk.marker()


def test_a_closed_service_nobody_waits_for_is_left_off_the_counts(desk):
    desk.take(KIOS, "REG")
    view = desk.view()
    assert [c.code for c in view.per_service] == ["REG", "UBAH", "UID", "KONS"]
    assert [c.code for c in desk.board().per_service] == ["REG", "UBAH", "UID", "KONS"]


def test_yesterdays_tickets_are_not_in_todays_view(desk, clock):
    desk.take(KIOS, "REG")
    clock.advance(timedelta(days=1))
    view = desk.view()
    assert (view.waiting, view.active, view.finished) == ((), (), 0)


# --- the display board ---------------------------------------------------------------------


PERSONAL = ("Agus Salim", "081311112222", "Rina Marlina", "085799998888")


def test_the_board_shows_each_lokets_call_and_no_personal_data(desk):
    desk.take(KIOS, "REG", name="Agus Salim", phone="081311112222")
    desk.take(KIOS, "UBAH", name="Rina Marlina", phone="085799998888", priority="lansia")
    desk.take(KIOS, "REG", name="Agus Salim", phone="081311112222")
    desk.open_loket(P, 2)
    desk.open_loket(P, 1)
    desk.call_next(P, 2)  # B-001: the priority goes first
    desk.call_next(P, 1)
    board = desk.board()
    assert [(c.ticket, c.loket, c.recall) for c in board.current] == [
        ("A-001", 1, False),
        ("B-001", 2, False),
    ]
    assert [c.ticket for c in board.recent] == ["A-001", "B-001"]  # newest first
    assert {c.code: c.waiting for c in board.per_service} == {
        "REG": 1,
        "UBAH": 0,
        "UID": 0,
        "KONS": 0,
    }
    assert [state.number for state in board.lokets] == [1, 2]
    # Nothing on the board can carry a visitor's name or phone...
    fields = {
        kind.__name__: {f.name for f in dataclasses.fields(kind)}
        for kind in (queueview.BoardView, queueview.Call, queueview.ServiceCount, lokets.LoketState)
    }
    assert fields == {
        "BoardView": {"now", "current", "recent", "per_service", "lokets", "last_call_id"},
        "Call": {"id", "at", "ticket", "loket", "recall"},
        "ServiceCount": {"code", "prefix", "name", "waiting"},  # the service's name
        "LoketState": {"number", "status", "reason", "staff_id", "since"},
    }
    # ...and nothing on it does.
    shown = repr(board)
    assert not [value for value in PERSONAL if value in shown]


def test_the_board_drops_a_loket_whose_visit_is_finished_or_held(desk):
    first = desk.take(KIOS, "REG")
    second = desk.take(KIOS, "REG")
    desk.open_loket(P, 1)
    desk.open_loket(P, 2)
    desk.call_next(P, 1)
    desk.call_next(P, 2)
    desk.start(P, first.id)
    assert [c.loket for c in desk.board().current] == [1, 2]  # serving still shows
    desk.finish(P, first.id, "informasi")
    assert [(c.ticket, c.loket) for c in desk.board().current] == [("A-002", 2)]
    desk.hold(P, second.id, "Memfotokopi dokumen")
    board = desk.board()
    assert board.current == ()
    assert [c.ticket for c in board.recent] == ["A-002", "A-001"]


def _no_show_then_restore(desk, visit):
    desk.no_show(P, visit.id)
    desk.restore(P, visit.id)


def _hold_then_resume(desk, visit):
    desk.hold(P, visit.id, "Membeli/menempel meterai")
    desk.resume(P, visit.id)


def _transfer(desk, visit):
    desk.transfer(P, visit.id, "UBAH")


@pytest.mark.parametrize(
    "send_back", [_no_show_then_restore, _hold_then_resume, _transfer], ids=lambda f: f.__name__
)
def test_the_board_shows_a_visitor_only_at_the_loket_they_are_called_to_now(desk, send_back):
    visit = desk.take(KIOS, "REG")
    desk.open_loket(P, 1)
    desk.open_loket(P, 2)
    desk.call_next(P, 1)
    send_back(desk, visit)
    assert desk.board().current == ()
    desk.call_next(P, 2)
    board = desk.board()
    assert [(c.ticket, c.loket) for c in board.current] == [("A-001", 2)]
    assert [(c.ticket, c.loket) for c in board.recent] == [("A-001", 2)]


def test_the_board_starts_empty_each_day(desk, clock):
    desk.take(KIOS, "REG")
    desk.open_loket(P, 1)
    desk.call_next(P, 1)
    clock.advance(timedelta(days=1))
    board = desk.board()
    assert (board.current, board.recent, board.last_call_id) == ((), (), 0)


# --- bookings ------------------------------------------------------------------------------


GOOD_FILE = csv(
    booking_line("MPP-260610-0002", "10:30", "UBAH", "Rina Marlina"),
    booking_line("MPP-260610-0001", "09:40"),
    booking_line("MPP-260611-0001", "08:00", "UID", "Dewi Lestari", day="2026-06-11"),
)


def test_a_good_booking_file_imports_once(desk, engine, clock):
    result = desk.import_bookings(IMPORTER, GOOD_FILE, source="booking-mpp.csv")
    assert (result.result.added, result.result.unchanged, result.warnings) == (3, 0, ())
    with read_session(engine) as session:
        today = bookings.of_day(session=session, day=clock.now().date())
        found = bookings.find(session=session, code=" mpp-260610-0002 ")
    assert [(b.code, b.service_code, b.slot_at) for b in today] == [
        ("MPP-260610-0001", "REG", at("09:40")),
        ("MPP-260610-0002", "UBAH", at("10:30")),
    ]
    assert (found.name, found.phone, found.visit_id) == ("Rina Marlina", "081234567890", None)
    again = desk.import_bookings(IMPORTER, GOOD_FILE, source="booking-mpp.csv")
    assert (again.result.added, again.result.unchanged) == (0, 3)
    assert count(engine, BookingRow) == 3
    imports = [e for e in rows(engine, EventRow) if e.action == "booking_diimpor"]
    assert [(e.actor, e.reason) for e in imports] == [("admin", "3 booking dari booking-mpp.csv")]


def test_a_file_with_a_bad_line_imports_nothing_and_names_every_bad_line(desk, engine):
    data = csv(
        booking_line("MPP-260610-0001"),
        booking_line("MPP-260610-0002", "25:00"),
        booking_line("MPP-260610-0003"),
        booking_line("MPP-260610-0004", service="LAT"),
    )
    with pytest.raises(ValidationError) as refused:
        desk.import_bookings(IMPORTER, data, source="booking.csv")
    message = str(refused.value)
    assert "booking.csv baris 3, kolom jam:" in message
    assert "booking.csv baris 5, kolom layanan: Layanan LAT ditutup" in message
    assert "baris 2" not in message and "baris 4" not in message
    assert count(engine, BookingRow) == 0
    assert count(engine, EventRow) == SEEDED


def test_a_code_already_imported_with_other_data_refuses_the_whole_file(desk, engine):
    desk.import_bookings(IMPORTER, csv(booking_line("MPP-260610-0001")), source="pagi.csv")
    clash = csv(
        booking_line("MPP-260610-0009", "11:00"),
        booking_line("MPP-260610-0001", name="Budi Santosa"),
    )
    with pytest.raises(ValidationError) as refused:
        desk.import_bookings(IMPORTER, clash, source="siang.csv")
    assert str(refused.value) == (
        "siang.csv baris 3: kode booking MPP-260610-0001 sudah diimpor dengan data lain "
        "(nama, layanan, tanggal atau jam berbeda)"
    )
    assert [b.code for b in rows(engine, BookingRow)] == ["MPP-260610-0001"]
    assert rows(engine, BookingRow)[0].name == "Budi Santoso"


def test_a_later_file_adds_only_the_new_bookings(desk, engine):
    desk.import_bookings(IMPORTER, csv(booking_line("MPP-260610-0001")), source="pagi.csv")
    later = csv(booking_line("MPP-260610-0001"), booking_line("MPP-260610-0002", "13:00"))
    result = desk.import_bookings(IMPORTER, later, source="siang.csv").result
    assert (result.added, result.unchanged) == (1, 1)
    assert count(engine, BookingRow) == 2


def test_a_checked_in_booking_keeps_its_slot_and_links_the_visit(desk, engine, clock):
    desk.import_bookings(IMPORTER, GOOD_FILE, source="booking.csv")
    clock.set(at("09:20"))
    visit = desk.check_in(KIOS, " mpp-260610-0001 ", service_code="reg")
    assert (
        visit.ticket,
        visit.booking_code,
        visit.booked_for,
        visit.arrived_at,
        visit.visitor_name,
        visit.phone,
    ) == ("A-001", "MPP-260610-0001", at("09:40"), at("09:20"), "Budi Santoso", "081234567890")
    assert desk.history(visit.id)[0].reason == "booking MPP-260610-0001"
    with read_session(engine) as session:
        assert bookings.find(session=session, code="MPP-260610-0001").visit_id == visit.id


@pytest.mark.parametrize(
    ("code", "service", "error", "words"),
    [
        ("A1", None, ValidationError, 'Kode booking "A1" tidak valid'),
        ("", None, ValidationError, "Kode booking belum diisi"),
        ("MPP-260610-0404", None, NotFound, "Kode booking MPP-260610-0404 tidak ditemukan"),
        (
            "MPP-260611-0001",
            None,
            Conflict,
            "Booking MPP-260611-0001 untuk 11 Juni 2026, bukan hari ini.",
        ),
        (
            "MPP-260610-0001",
            "ubah",
            Conflict,
            "Booking MPP-260610-0001 untuk layanan REG, bukan UBAH",
        ),
    ],
)
def test_check_in_refusals_write_nothing(desk, engine, code, service, error, words):
    desk.import_bookings(IMPORTER, GOOD_FILE, source="booking.csv")
    before = [count(engine, t) for t in (VisitRow, QueueCounterRow, EventRow)]
    with pytest.raises(error, match=re.escape(words)):
        desk.check_in(KIOS, code, service_code=service)
    assert [count(engine, t) for t in (VisitRow, QueueCounterRow, EventRow)] == before
    with read_session(engine) as session:
        assert all(
            b.visit_id is None for b in bookings.of_day(session=session, day=at("09:00").date())
        )


def test_a_booking_checks_in_once(desk, engine):
    desk.import_bookings(IMPORTER, GOOD_FILE, source="booking.csv")
    desk.take(KIOS, "REG")
    first = desk.check_in(KIOS, "MPP-260610-0001")
    assert first.ticket == "A-002"
    with pytest.raises(Conflict) as refused:
        desk.check_in(KIOS, "mpp-260610-0001")
    assert str(refused.value) == "Booking MPP-260610-0001 sudah check-in dengan nomor A-002."
    assert count(engine, VisitRow) == 2


def test_a_booking_for_tomorrow_checks_in_tomorrow(desk, clock):
    desk.import_bookings(IMPORTER, GOOD_FILE, source="booking.csv")
    clock.set(datetime(2026, 6, 11, 7, 50, tzinfo=WIB))
    visit = desk.check_in(KIOS, "MPP-260611-0001")
    assert (visit.ticket, visit.service_code, visit.service_date) == (
        "C-001",
        "UID",
        clock.now().date(),
    )
    assert visit.booked_for == datetime(2026, 6, 11, 8, 0, tzinfo=WIB)


def test_a_due_booking_is_called_before_earlier_walk_ins(desk, clock):
    desk.import_bookings(IMPORTER, GOOD_FILE, source="booking.csv")
    clock.set(at("09:00"))
    desk.take(KIOS, "REG", priority="lansia")
    desk.take(KIOS, "REG")
    clock.set(at("09:26"))
    booked = desk.check_in(KIOS, "MPP-260610-0001")
    desk.open_loket(P, 1)
    assert desk.call_next(P, 1).id == booked.id


# --- the desk's facade ---------------------------------------------------------------------


def test_desk_store_opens_a_queue_with_the_settings_policy(db_url, clock):
    store = DeskStore.open(Settings(db_url=db_url, no_show_minutes=5), clock)
    try:
        assert store.queue.policy == QueuePolicy(
            no_show_window=timedelta(minutes=5), booking_early=timedelta(minutes=15)
        )
        visit = store.queue.take(KIOS, "REG")
        store.queue.open_loket(P, 1)
        store.queue.call_next(P, 1)
        store.queue.no_show(P, visit.id)
        clock.advance(timedelta(minutes=5, seconds=1))
        with pytest.raises(Conflict, match="lebih dari 5 menit lalu"):
            store.queue.restore(P, visit.id)
        assert [v.ticket for v in store.queue.visits()] == ["A-001"]
    finally:
        store.close()


def test_a_move_from_an_out_of_date_view_is_refused_as_changed_elsewhere(desk, engine, clock):
    """The conditional UPDATE: a desk acting on what it read before another desk moved the
    visit changes nothing, and says so (the screen adds that it reloads its list)."""
    from lpse_desk.domain.errors import ChangedElsewhere

    siti = _staff(engine, clock)
    visit = desk.take(KIOS, "REG")
    desk.open_loket(siti, 1)
    called = desk.call_next(siti, 1)
    desk.start(siti, visit.id)  # meanwhile, at the loket
    stale = rf"^{called.ticket} baru saja diubah di loket lain\.$"
    with pytest.raises(ChangedElsewhere, match=stale), write_session(engine) as session:
        queue.move_visit(session=session, visit=called, action="mulai_dilayani", at=clock.now(),
                    actor="uji")  # fmt: skip
    assert desk.history(visit.id)[-1].action == "mulai_dilayani"  # one start, not two
    assert len([e for e in desk.history(visit.id) if e.action == "mulai_dilayani"]) == 1
