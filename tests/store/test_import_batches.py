"""Long imports write in short batches: other desks get the lock between them, and an
import interrupted after a batch is completed by running it again, every row once."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event
from sqlmodel import func, select

from lpse_desk import paths
from lpse_desk.catalog import load_catalog
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.errors import Conflict, StoreFault, ValidationError
from lpse_desk.domain.ikm.index import UNSUR_KEYS
from lpse_desk.domain.importfile import ImportInterrupted
from lpse_desk.domain.queue.rules import QueuePolicy
from lpse_desk.store.db import BUSY_TIMEOUT_ENV, make_engine, read_session
from lpse_desk.store.services.ikm import IkmDesk
from lpse_desk.store.services.queue import QueueDesk
from lpse_desk.store.tables.desk import EventRow
from lpse_desk.store.tables.ikm import IkmResponseRow
from lpse_desk.store.tables.queue import BookingRow
from tests.store.actors import IMPORTER

ROWS = 1_200
BOOKING_HEADER = "kode_booking;nama;no_hp;layanan;tanggal;jam"
PAPER_HEADER = "tanggal;layanan;" + ";".join(UNSUR_KEYS)


@pytest.fixture
def queue_desk(engine, clock):
    catalog = load_catalog()
    calendar = WorkingCalendar.from_file(paths.calendar_file())
    return QueueDesk(
        engine=engine, catalog=catalog, calendar=calendar, clock=clock, policy=QueuePolicy()
    )


@pytest.fixture
def ikm_desk(engine, clock):
    return IkmDesk(engine=engine, catalog=load_catalog(), clock=clock)


def booking_file(rows: int = ROWS) -> bytes:
    lines = [
        f"MPP-260610-{number:04d};Pengunjung {number};;REG;2026-06-10;{8 + number % 8:02d}:00"
        for number in range(1, rows + 1)
    ]
    return ("\n".join((BOOKING_HEADER, *lines)) + "\n").encode()


def paper_file(rows: int = ROWS) -> bytes:
    lines = [
        f"2026-06-{1 + number % 9:02d};REG;" + ";".join(str(1 + (number + k) % 4) for k in range(9))
        for number in range(rows)
    ]
    return ("\n".join((PAPER_HEADER, *lines)) + "\n").encode()


def count(engine, table) -> int:
    with read_session(engine) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def write_transactions(engine) -> list[str]:
    """Every BEGIN IMMEDIATE the engine issues from now on (one per write transaction)."""
    seen: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _statement(conn, cursor, statement, *args) -> None:
        if statement == "BEGIN IMMEDIATE":
            seen.append(statement)

    return seen


def other_desk_writes(engine) -> None:
    """Another desk takes the write lock at once (50 ms busy timeout) and commits."""
    other = sqlite3.connect(engine.url.database, timeout=0.05, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("COMMIT")
    finally:
        other.close()


IMPORTS = [
    pytest.param("queue_desk", "import_bookings", booking_file, BookingRow, id="booking"),
    pytest.param("ikm_desk", "import_paper", paper_file, IkmResponseRow, id="ikm-kertas"),
]


@pytest.mark.sqlite_only
@pytest.mark.parametrize(("desk_name", "method", "make", "table"), IMPORTS)
def test_1200_rows_are_written_in_three_short_transactions_with_the_lock_free_between(
    request, engine, desk_name, method, make, table
):
    desk = request.getfixturevalue(desk_name)
    begins = write_transactions(engine)
    seen = []

    def between(done, total):
        seen.append((done, total, count(engine, table)))
        other_desk_writes(engine)  # would raise "database is locked" inside a long write

    getattr(desk, method)(IMPORTER, make(), source="berkas.csv", progress=between, batch_rows=500)
    assert len(begins) == 3
    assert seen == [(500, ROWS, 500), (1000, ROWS, 1000), (ROWS, ROWS, ROWS)]
    assert count(engine, table) == ROWS
    with read_session(engine) as session:
        reasons = session.exec(select(EventRow.reason).order_by(EventRow.id)).all()
    assert reasons[-3:][0].endswith("dari berkas.csv (baris 2–501)")


@pytest.mark.parametrize(("desk_name", "method", "make", "table"), IMPORTS)
def test_an_import_interrupted_after_a_batch_is_completed_by_running_it_again(
    request, engine, desk_name, method, make, table
):
    desk = request.getfixturevalue(desk_name)
    data = make()

    def crash(done, total):
        raise KeyboardInterrupt  # the officer closed the window, the PC lost power, …

    with pytest.raises(KeyboardInterrupt):
        getattr(desk, method)(IMPORTER, data, source="berkas.csv", progress=crash, batch_rows=500)
    assert count(engine, table) == 500
    again = getattr(desk, method)(IMPORTER, data, source="berkas.csv")  # default batches
    assert count(engine, table) == ROWS
    if table is BookingRow:
        assert (again.result.added, again.result.unchanged) == (700, 500)
        with read_session(engine) as session:
            codes = session.exec(select(BookingRow.code)).all()
        assert len(set(codes)) == ROWS
    else:
        assert (again.added, again.resumed) == (700, 500)
        with pytest.raises(Conflict, match="sudah pernah diimpor"):
            getattr(desk, method)(IMPORTER, data, source="berkas.csv")
    third = getattr(desk, method) if table is BookingRow else None
    if third is not None:  # a complete booking file again adds nothing
        assert third(IMPORTER, data, source="berkas.csv").result.added == 0
    assert count(engine, table) == ROWS


@pytest.mark.sqlite_only
@pytest.mark.parametrize(("desk_name", "method", "make", "table"), IMPORTS)
def test_a_fault_after_a_batch_says_what_is_stored_and_how_to_go_on(
    request, monkeypatch, db_url, engine, desk_name, method, make, table
):
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "50")  # a locked database answers at once
    impatient = make_engine(db_url)
    desk = request.getfixturevalue(desk_name)
    desk.engine = impatient
    holder = sqlite3.connect(engine.url.database, isolation_level=None)

    def another_desk_holds_the_lock(done, total):
        holder.execute("BEGIN IMMEDIATE")

    try:
        with pytest.raises(ImportInterrupted) as caught:
            getattr(desk, method)(
                IMPORTER,
                make(),
                source="berkas.csv",
                progress=another_desk_holds_the_lock,
                batch_rows=500,
            )
    finally:
        holder.close()
        impatient.dispose()
    assert isinstance(caught.value.__cause__, StoreFault)
    assert "Impor terhenti: 500 dari 1.200" in str(caught.value)
    assert "impor berkas yang sama lagi" in str(caught.value)
    assert count(engine, table) == 500


def test_a_bad_line_anywhere_writes_nothing(queue_desk, engine):
    data = booking_file().replace(b"MPP-260610-1150;", b"MPP 260610 1150;")
    with pytest.raises(ValidationError, match="baris 1151, kolom kode_booking"):
        queue_desk.import_bookings(IMPORTER, data, source="booking.csv")
    assert count(engine, BookingRow) == 0
