"""The event log is tamper-evident: REPLACE is refused, and any edit, deletion or back-dated
insertion made with ordinary SQL (triggers dropped first) is found and named."""

from __future__ import annotations

import sqlite3

import pytest
from typer.testing import CliRunner

from lpse_desk import paths
from lpse_desk.cli.main import app
from lpse_desk.config import Settings
from lpse_desk.store import eventchain
from lpse_desk.store.facade import DeskStore

runner = CliRunner()


@pytest.fixture
def store(migrated_home, clock):
    opened = DeskStore.open(Settings(db_url=paths.sqlite_url(paths.default_db_path())), clock)
    for _ in range(4):
        opened.queue.take("kios", "REG")
    yield opened
    opened.close()


def _sql(*statements: str) -> None:
    """What someone with the sqlite3 tool could do to the file."""
    conn = sqlite3.connect(paths.default_db_path(), isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def _audit():
    return runner.invoke(app, ["audit", "verify"], catch_exceptions=False)


def test_a_desk_s_events_form_an_intact_chain(store):
    report = eventchain.verify(store.engine)
    assert report.intact and report.count == 4 and report.last_id == 4
    result = _audit()
    assert result.exit_code == 0
    assert result.stdout == "Log peristiwa utuh: 4 peristiwa, rantai sampai #4.\n"


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT OR REPLACE INTO event (id, at, actor, entity, entity_id, action) "
        "VALUES (2, '2026-06-10 02:30:00.000000', 'x', 'visit', 1, 'palsu')",
        "REPLACE INTO event (id, at, actor, entity, entity_id, action) "
        "VALUES (2, '2026-06-10 02:30:00.000000', 'x', 'visit', 1, 'palsu')",
        "UPDATE event SET reason = 'diubah' WHERE id = 2",
        "DELETE FROM event WHERE id = 2",
    ],
)
def test_the_database_refuses_to_change_an_event(store, statement):
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        _sql(statement)
    assert eventchain.verify(store.engine).intact


def test_an_event_edited_after_drop_trigger_is_named(store):
    _sql("DROP TRIGGER event_no_update", "UPDATE event SET actor = 'orang lain' WHERE id = 3")
    report = eventchain.verify(store.engine)
    assert (report.broken_id, report.count) == (3, 3)
    assert "isi peristiwa ini diubah" in report.reason
    result = _audit()
    assert result.exit_code == 1
    assert "Log peristiwa TIDAK UTUH: peristiwa #3" in result.stderr


def test_an_event_replaced_after_drop_trigger_is_named(store):
    _sql(
        "DROP TRIGGER event_no_replace",
        "REPLACE INTO event (id, at, actor, entity, entity_id, action, prev_hash, hash) "
        "SELECT id, at, 'orang lain', entity, entity_id, action, prev_hash, hash "
        "FROM event WHERE id = 2",
    )
    assert eventchain.verify(store.engine).broken_id == 2


def test_a_deleted_event_is_found_in_the_middle_and_at_the_end(store):
    _sql("DROP TRIGGER event_no_delete", "DELETE FROM event WHERE id = 2")
    report = eventchain.verify(store.engine)
    assert report.broken_id == 3 and "rantai putus" in report.reason
    _sql("DELETE FROM event WHERE id >= 3")  # the end is gone too: the head remembers it
    report = eventchain.verify(store.engine)
    assert report.broken_id == 4 and "dihapus" in report.reason


def test_an_event_inserted_in_the_past_is_named(store):
    _sql("DROP TRIGGER event_no_delete", "DELETE FROM event WHERE id = 4")
    _sql(
        "INSERT INTO event (id, at, actor, entity, entity_id, action, prev_hash, hash) "
        "SELECT 4, at, 'penyusup', entity, entity_id, action, hash, 'dibuat-tanpa-kunci' "
        "FROM event WHERE id = 3"
    )
    report = eventchain.verify(store.engine)
    assert report.broken_id == 4 and "diubah" in report.reason


def test_new_events_continue_the_chain_after_a_restart(store, clock):
    store.close()
    again = DeskStore.open(Settings(db_url=paths.sqlite_url(paths.default_db_path())), clock)
    try:
        again.queue.take("kios", "REG")
        report = eventchain.verify(again.engine)
    finally:
        again.close()
    assert report.intact and report.last_id == 5


def test_events_recorded_before_the_chain_are_chained_by_the_migration(desk_home, db_url):
    from lpse_desk.store import db

    engine = db.make_engine(db_url)
    try:
        db.upgrade(engine, "0007")
        with engine.begin() as conn:
            for number in range(1, 7001):  # more than one batch of the migration
                conn.exec_driver_sql(
                    "INSERT INTO event (at, actor, entity, entity_id, action) "
                    f"VALUES ('2026-06-0{1 + number % 9} 02:30:00.{number:06d}', 'kios', "
                    f"'visit', {number}, 'nomor_diambil')"
                )
        db.upgrade(engine)
        report = eventchain.verify(engine)
    finally:
        engine.dispose()
    assert report.intact and (report.count, report.last_id) == (7000, 7000)
