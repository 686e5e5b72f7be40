"""Engine, write transactions and migrations, against a real SQLite file."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import event, exc, inspect, text
from sqlmodel import func, select

from lpse_desk.domain.clock import WIB
from lpse_desk.domain.errors import ConfigError, StoreFault
from lpse_desk.domain.roles import Role
from lpse_desk.store import db
from lpse_desk.store.queries import events, staff
from lpse_desk.store.tables.cases import CaseRow
from lpse_desk.store.tables.desk import EventRow, StaffRow
from lpse_desk.store.tables.queue import VisitRow

TABLES = {
    "desk_meta",
    "event",
    "event_chain",
    "case_return",
    "booking",
    "queue_call",
    "loket",
    "loket_idle",
    "loket_idle_day",
    "desk_ticket",
    "ticket_counter",
    "queue_counter",
    "receipt_counter",
    "staff",
    "vendor",
    "visit",
    "case",
    "document_check",
    "receipt",
    "ikm_response",
    "ikm_followup",
    "case_check",
    "case_change",
    "video_call",
    "notification",
}


@pytest.fixture
def engine(db_url: str) -> Iterator:
    """An engine on ``db_url`` migrated here by Alembic, not copied from the template.

    These tests are about the engine and the migrations: a copied file would already be in
    WAL mode and at the head revision whatever ``make_engine`` and ``upgrade`` did.
    """
    store_engine = db.make_engine(db_url)
    db.upgrade(store_engine)
    yield store_engine
    store_engine.dispose()


def _sqlite_path(url: str) -> str:
    return url.removeprefix("sqlite:///")


def _add_staff(session, clock, name: str = "Siti Rahma") -> int:
    member = staff.create(
        session=session, name=name, role=Role.PETUGAS, pin="2468", actor="test", now=clock.now()
    )
    return member.id


# --- engine -------------------------------------------------------------------------------


@pytest.mark.sqlite_only
def test_engine_sets_wal_foreign_keys_and_busy_timeout_on_a_file(engine, db_url):
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.busy_timeout_ms()
    assert db.busy_timeout_ms() >= 5_000  # a second desk must wait, not fail at once
    # WAL is a property of the file: a plain sqlite3 connection sees it too.
    raw = sqlite3.connect(_sqlite_path(db_url))
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()


def test_engine_creates_the_folder_of_a_new_database_file(tmp_path):
    target = tmp_path / "nested" / "deeper" / "desk.db"
    store_engine = db.make_engine(f"sqlite:///{target}")
    try:
        db.upgrade(store_engine)
    finally:
        store_engine.dispose()
    assert target.is_file()


def test_engine_refuses_a_malformed_url_in_indonesian():
    with pytest.raises(ConfigError, match="tidak valid"):
        db.make_engine("bukan-alamat-basis-data")


@pytest.mark.parametrize(
    "url", ["mysql://kasir:rahasia@server/lpse", "postgresql+psycopg2://lpse@server/lpse"]
)
def test_engine_refuses_an_engine_or_driver_the_desk_does_not_ship(url):
    with pytest.raises(ConfigError) as refused:
        db.make_engine(url)
    message = str(refused.value)
    assert "tidak didukung" in message and "postgresql+psycopg://" in message
    assert "rahasia" not in message and "ModuleNotFoundError" not in message


def test_a_postgresql_url_without_a_driver_uses_the_one_installed():
    engine = db.make_engine("postgresql://lpse:rahasia@server/lpse")  # no connection is made
    try:
        assert engine.url.drivername == "postgresql+psycopg"
        assert engine.url.password == "rahasia" and engine.url.host == "server"
    finally:
        engine.dispose()


# --- transactions -------------------------------------------------------------------------


@pytest.mark.sqlite_only
def test_write_session_begins_immediate(engine):
    statements: list[str] = []

    def remember(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement.strip().upper())

    event.listen(engine, "before_cursor_execute", remember)
    try:
        with db.write_session(engine) as session:
            session.exec(select(func.count()).select_from(StaffRow)).one()
        with db.read_session(engine) as session:
            session.exec(select(func.count()).select_from(StaffRow)).one()
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    begins = [s for s in statements if s.startswith("BEGIN")]
    assert begins == ["BEGIN IMMEDIATE", "BEGIN"]


@pytest.mark.sqlite_only
def test_open_write_session_holds_the_write_lock(engine, db_url, clock):
    other = sqlite3.connect(_sqlite_path(db_url), timeout=0, isolation_level=None)
    try:
        with db.write_session(engine) as session:
            # Before anything is written the lock is already held: a second desk waits here
            # instead of reading the same counter value.
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            _add_staff(session, clock)
        other.execute("BEGIN IMMEDIATE")  # released on commit
        other.execute("ROLLBACK")
        with db.read_session(engine):
            other.execute("BEGIN IMMEDIATE")  # a reader does not block writers
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_write_session_commits_when_the_block_ends(engine, clock):
    with db.write_session(engine) as session:
        staff_id = _add_staff(session, clock)
    with db.read_session(engine) as session:
        assert session.get(StaffRow, staff_id).name == "Siti Rahma"
        assert [
            e.action for e in events.history(session=session, entity="staff", entity_id=staff_id)
        ] == ["staf_ditambahkan"]


def test_write_session_rolls_back_everything_on_an_exception(engine, clock):
    with pytest.raises(RuntimeError, match="printer"), db.write_session(engine) as session:
        _add_staff(session, clock)
        raise RuntimeError("printer macet")
    with db.read_session(engine) as session:
        assert session.exec(select(func.count()).select_from(StaffRow)).one() == 0
        assert session.exec(select(func.count()).select_from(EventRow)).one() == 0
    # The lock is released: the next write goes through.
    with db.write_session(engine) as session:
        _add_staff(session, clock)


def test_read_session_commits_nothing(engine, clock):
    with db.read_session(engine) as session:
        _add_staff(session, clock)
    with db.read_session(engine) as session:
        assert session.exec(select(func.count()).select_from(StaffRow)).one() == 0


# --- schema rules -------------------------------------------------------------------------


def test_event_log_refuses_update_and_delete(engine, clock):
    with db.write_session(engine) as session:
        _add_staff(session, clock)
    for statement in ("UPDATE event SET actor = 'penyusup'", "DELETE FROM event"):
        with engine.connect() as conn, pytest.raises(exc.DBAPIError, match="append-only"):
            conn.execute(text(statement))
    with db.read_session(engine) as session:
        (only,) = session.exec(select(EventRow)).all()
        assert only.actor == "test"


def test_foreign_keys_are_enforced(engine, clock):
    with (
        pytest.raises(StoreFault, match="bentrok") as refused,
        db.write_session(engine) as session,
    ):
        session.add(
            CaseRow(
                service_code="REG",
                procedure="tatap_muka",
                status="penerimaan",
                vendor_id=999,
                created_at=clock.now(),
            )
        )
        session.flush()
    assert isinstance(refused.value.__cause__, exc.IntegrityError)
    assert "foreign key" in str(refused.value.__cause__).lower()


def test_the_store_refuses_naive_datetimes(engine):
    with pytest.raises(exc.StatementError, match="naive"), db.write_session(engine) as session:
        session.add(
            StaffRow(
                name="Tanpa Zona", role="petugas", pin_hash="x", created_at=datetime(2026, 6, 10)
            )
        )
        session.flush()


# --- migrations ---------------------------------------------------------------------------


def _tables(store_engine) -> set[str]:
    with store_engine.connect() as conn:
        return set(inspect(conn).get_table_names()) - {"alembic_version"}


def test_upgrade_from_an_empty_file_builds_every_table(db_url):
    store_engine = db.make_engine(db_url)
    try:
        assert db.current_revision(store_engine) is None
        assert db.needs_upgrade(store_engine)
        assert db.ensure_schema(store_engine) is True
        assert db.current_revision(store_engine) == db.HEAD_REVISION
        assert not db.needs_upgrade(store_engine)
        assert db.ensure_schema(store_engine) is False
        assert _tables(store_engine) == TABLES
    finally:
        store_engine.dispose()


def test_head_revision_matches_the_alembic_scripts():
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory(str(Path(db.__file__).parent / "migrations"))
    assert scripts.get_heads() == [db.HEAD_REVISION]


def test_migrated_schema_matches_the_table_models(engine):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert differences == []


@pytest.mark.sqlite_only
def test_the_template_other_tests_copy_is_what_alembic_builds(engine, migrated_template):
    """tests/conftest.py hands other tests copies of one migrated file instead of migrating."""

    def schema(conn) -> set[tuple]:
        # Alembic's batch mode rebuilds tables with their constraints in no fixed order.
        return set(conn.execute("SELECT type, name, tbl_name FROM sqlite_master").fetchall())

    def rows(conn) -> int:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return sum(
            conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            for t in tables
            if t != "alembic_version"
        )

    fresh = sqlite3.connect(_sqlite_path(str(engine.url)))
    template = sqlite3.connect(f"file:{migrated_template}?mode=ro", uri=True)
    try:
        assert schema(template) == schema(fresh)
        assert template.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (db.HEAD_REVISION,)
        ]
        # Only the event chain's (empty) end and the key that seals it.
        assert rows(template) == rows(fresh) == 2
        assert template.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        fresh.close()
        template.close()


@pytest.mark.sqlite_only
def test_downgrade_to_base_then_upgrade_gives_a_working_empty_store(engine, clock):
    with db.write_session(engine) as session:
        _add_staff(session, clock)
    db.downgrade(engine, "base")
    assert db.current_revision(engine) is None
    assert _tables(engine) == set()
    db.upgrade(engine)
    assert db.current_revision(engine) == db.HEAD_REVISION
    assert _tables(engine) == TABLES
    with db.write_session(engine) as session:
        assert session.exec(select(func.count()).select_from(StaffRow)).one() == 0
        _add_staff(session, clock)
    # The triggers came back with the schema.
    with engine.connect() as conn, pytest.raises(exc.IntegrityError, match="append-only"):
        conn.execute(text("DELETE FROM event"))


def test_0014_gives_the_visits_recorded_before_their_wib_hour_of_arrival(db_url):
    """The counter report counts arrivals by the hour kept on the row: a store upgraded with
    visits gets each one's WIB hour, across midnight UTC too, on both engines; a visit
    written after the upgrade gets its own."""
    store_engine = db.make_engine(db_url)
    try:
        db.upgrade(store_engine, "0013")
        with store_engine.begin() as conn:
            for number, arrived in ((1, "2026-06-10 02:00:00"), (2, "2026-06-09 18:30:00")):
                conn.execute(
                    text("INSERT INTO visit (service_date, service_code, prefix, number, "
                         "status, arrived_at) VALUES (:day, 'REG', 'A', :number, 'selesai', "
                         ":arrived)"),
                    {"day": date(2026, 6, 10), "number": number,
                     "arrived": datetime.fromisoformat(arrived + "+00:00").astimezone(UTC)
                     if db_url.startswith("postgresql") else arrived + ".000000"},
                )  # fmt: skip
        db.upgrade(store_engine)
        with store_engine.connect() as conn:
            hours = conn.execute(text("SELECT number, arrived_hour FROM visit ORDER BY number"))
            assert hours.all() == [(1, 9), (2, 1)]
        with db.write_session(store_engine) as session:
            session.add(VisitRow(service_date=date(2026, 6, 10), service_code="REG", prefix="A",
                                 number=3, status="menunggu",
                                 arrived_at=datetime(2026, 6, 10, 14, 59, tzinfo=WIB)))  # fmt: skip
        with store_engine.connect() as conn:
            third = text("SELECT arrived_hour FROM visit WHERE number = 3")
            assert conn.execute(third).scalar_one() == 14
    finally:
        store_engine.dispose()


@pytest.mark.sqlite_only
def test_upgrading_a_0001_store_with_visits_and_cases_keeps_them(db_url):
    """0002 rebuilds the visit table; rows pointing at it (cases) must survive."""
    store_engine = db.make_engine(db_url)
    try:
        db.upgrade(store_engine, "0001")
        with store_engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO visit (id, service_date, service_code, prefix, number, status, "
                    "arrived_at) VALUES (7, '2026-06-10', 'REG', 'A', 1, 'selesai', "
                    "'2026-06-10 02:00:00.000000')"
                )
            )
            conn.execute(
                text(
                    'INSERT INTO "case" (id, service_code, procedure, status, visit_id, '
                    "bearer_is_director, created_at) VALUES (3, 'REG', 'tatap_muka', "
                    "'menunggu_verifikasi', 7, 1, '2026-06-10 02:10:00.000000')"
                )
            )
        db.upgrade(store_engine)
        assert db.current_revision(store_engine) == db.HEAD_REVISION
        with store_engine.connect() as conn:
            assert conn.execute(text('SELECT visit_id FROM "case"')).scalar_one() == 7
            assert conn.execute(text("SELECT prefix, number FROM visit")).one() == ("A", 1)
            # 02.00 UTC is 09.00 WIB: the hour of arrival the counter report counts by.
            assert conn.execute(text("SELECT arrived_hour FROM visit")).scalar_one() == 9
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
            # The ticket (prefix and number) is now unique per day, whatever the service.
            with pytest.raises(exc.IntegrityError, match="UNIQUE"):
                conn.execute(
                    text(
                        "INSERT INTO visit (service_date, service_code, prefix, number, "
                        "status, arrived_at, arrived_hour) VALUES ('2026-06-10', 'UBAH', "
                        "'A', 1, 'menunggu', '2026-06-10 03:00:00.000000', 10)"
                    )
                )
    finally:
        store_engine.dispose()


_NO_ALEMBIC_PROBE = """
import json, sys
from lpse_desk.store.db import ensure_schema, make_engine, needs_upgrade, open_store
engine = make_engine(sys.argv[1])
result = {"needs_upgrade": needs_upgrade(engine), "ensure_schema": ensure_schema(engine)}
engine.dispose()
engine, migrated = open_store(sys.argv[1])
engine.dispose()
result["open_store_migrated"] = migrated
result["alembic_loaded"] = sorted(m for m in sys.modules if m.split(".")[0] == "alembic")
print(json.dumps(result))
"""


def test_nothing_pending_means_alembic_is_never_imported(engine, db_url):
    completed = subprocess.run(
        [sys.executable, "-c", _NO_ALEMBIC_PROBE, db_url],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(completed.stdout) == {
        "needs_upgrade": False,
        "ensure_schema": False,
        "open_store_migrated": False,
        "alembic_loaded": [],
    }
