"""The event log's hash chain: REPLACE refused, and every edit by SQL tools named by id."""

from __future__ import annotations

import sqlite3
import threading
from datetime import timedelta
from itertools import pairwise

import pytest
from sqlalchemy import exc, text

from lpse_desk.domain.errors import StoreFault
from lpse_desk.store import db, eventchain
from lpse_desk.store.queries import events, meta
from lpse_desk.store.queries.meta import SECRET_KEY

_FAKE = "f" * 64


def _record(engine, clock, count: int) -> None:
    with db.write_session(engine) as session:
        for n in range(count):
            events.record(
                session=session,
                at=clock.now() + timedelta(minutes=n),
                actor="test",
                entity="visit",
                entity_id=n + 1,
                action="dipanggil",
                from_state="menunggu",
                to_state="dipanggil",
                reason=f"catatan {n + 1}",
            )


def _check(engine) -> eventchain.ChainCheck:
    with db.read_session(engine) as session:
        return eventchain.verify(session=session)


def _sql(engine, *statements: str) -> None:
    """What someone with the sqlite3 shell would do (the triggers dropped first)."""
    conn = sqlite3.connect(engine.url.database)
    try:
        conn.execute("DROP TRIGGER IF EXISTS event_no_update")
        conn.execute("DROP TRIGGER IF EXISTS event_no_delete")
        conn.execute("DROP TRIGGER IF EXISTS event_no_replace")
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def _row(engine, event_id: int) -> tuple:
    with engine.connect() as conn:
        return conn.execute(text("SELECT * FROM event WHERE id = :id"), {"id": event_id}).one()


@pytest.mark.sqlite_only
@pytest.mark.parametrize("verb", ["REPLACE INTO", "INSERT OR REPLACE INTO"])
def test_replacing_an_existing_event_is_refused(engine, clock, verb):
    _record(engine, clock, 3)
    before = _row(engine, 2)
    statement = (
        f"{verb} event (id, at, actor, entity, entity_id, action) "
        "VALUES (2, '2026-06-10 02:00:00.000000', 'penyusup', 'visit', 2, 'dipanggil')"
    )
    with engine.connect() as conn, pytest.raises(exc.IntegrityError, match="append-only"):
        conn.execute(text(statement))
    assert _row(engine, 2) == before
    assert _check(engine).whole


def test_events_are_chained_in_id_order_and_verify(engine, clock):
    assert _check(engine) == eventchain.ChainCheck(0, 0)
    _record(engine, clock, 5)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, prev_hash, chain_hash FROM event ORDER BY id")).all()
        head = conn.execute(text("SELECT last_id, last_hash FROM event_chain")).one()
    assert [row.id for row in rows] == [1, 2, 3, 4, 5]
    assert rows[0].prev_hash == eventchain.GENESIS
    assert all(after.prev_hash == before.chain_hash for before, after in pairwise(rows))
    assert tuple(head) == (5, rows[-1].chain_hash)
    assert _check(engine) == eventchain.ChainCheck(5, 5)


@pytest.mark.sqlite_only
def test_an_edited_reason_after_drop_trigger_is_named(engine, clock):
    _record(engine, clock, 5)
    _sql(engine, "UPDATE event SET reason = 'catatan lain' WHERE id = 3")
    found = _check(engine)
    assert (found.broken_id, found.count, found.last_id) == (3, 2, 2)
    assert "Isi peristiwa #3 diubah" in found.reason


@pytest.mark.sqlite_only
def test_an_edited_last_event_is_named(engine, clock):
    _record(engine, clock, 4)
    _sql(engine, "UPDATE event SET actor = 'orang lain' WHERE id = 4")
    found = _check(engine)
    assert found.broken_id == 4 and "diubah" in found.reason


@pytest.mark.sqlite_only
def test_a_replaced_event_is_named(engine, clock):
    _record(engine, clock, 5)
    _sql(
        engine,
        "DELETE FROM event WHERE id = 2",
        "INSERT INTO event (id, at, actor, entity, entity_id, action, prev_hash, chain_hash) "
        f"SELECT 2, at, 'penyusup', entity, entity_id, action, chain_hash, '{_FAKE}' "
        "FROM event WHERE id = 1",
    )
    found = _check(engine)
    assert found.broken_id == 2 and "Peristiwa #2 diganti" in found.reason


@pytest.mark.sqlite_only
def test_a_deleted_middle_event_is_named(engine, clock):
    _record(engine, clock, 6)
    _sql(engine, "DELETE FROM event WHERE id = 4")
    found = _check(engine)
    assert found.broken_id == 4
    assert "Peristiwa #4 hilang (dihapus)" in found.reason


@pytest.mark.sqlite_only
def test_deleted_first_events_are_named(engine, clock):
    _record(engine, clock, 4)
    _sql(engine, "DELETE FROM event WHERE id <= 2")
    found = _check(engine)
    assert found.broken_id == 1 and "#1–#2 hilang" in found.reason


@pytest.mark.sqlite_only
def test_a_deleted_last_event_is_found_through_the_end_of_the_chain(engine, clock):
    _record(engine, clock, 5)
    _sql(engine, "DELETE FROM event WHERE id = 5")
    found = _check(engine)
    assert (found.broken_id, found.count) == (5, 4)
    assert "dihapus dari ujung log" in found.reason


@pytest.mark.sqlite_only
def test_moving_the_end_back_by_hand_shows(engine, clock):
    _record(engine, clock, 5)
    _sql(
        engine,
        "DELETE FROM event WHERE id = 5",
        "UPDATE event_chain SET last_id = 4,"
        " last_hash = (SELECT chain_hash FROM event WHERE id = 4)",
    )
    found = _check(engine)
    assert found.broken_id == 4 and "Ujung rantai" in found.reason


@pytest.mark.sqlite_only
def test_an_event_inserted_in_the_past_with_a_made_up_hash_is_named(engine, clock):
    _record(engine, clock, 3)
    _sql(
        engine,
        "INSERT INTO event (at, actor, entity, entity_id, action, prev_hash, chain_hash) "
        "SELECT '2026-01-05 02:00:00.000000', 'test', 'visit', 9, 'selesai', chain_hash, "
        f"'{_FAKE}' FROM event WHERE id = 3",
    )
    found = _check(engine)
    assert found.broken_id == 4 and "disisipkan di luar aplikasi" in found.reason


@pytest.mark.sqlite_only
def test_an_unsealed_event_is_named(engine, clock):
    _record(engine, clock, 2)
    _sql(
        engine,
        "UPDATE event SET chain_hash = NULL WHERE id = 2",
    )
    found = _check(engine)
    assert found.broken_id == 2 and "tidak bersegel" in found.reason


@pytest.mark.sqlite_only
def test_a_lost_end_of_chain_refuses_new_events_and_fails_the_check(engine, clock):
    _record(engine, clock, 2)
    _sql(engine, "DELETE FROM event_chain")
    with pytest.raises(StoreFault, match="event_chain"):
        _record(engine, clock, 1)
    assert "hilang" in _check(engine).reason


@pytest.mark.sqlite_only
def test_a_lost_key_fails_the_check_and_is_never_made_by_it(engine, clock):
    _record(engine, clock, 2)
    _sql(engine, f"DELETE FROM desk_meta WHERE key = '{SECRET_KEY}'")
    assert "Kunci instalasi" in _check(engine).reason
    with db.read_session(engine) as session:
        assert meta.get(session=session, key=SECRET_KEY) is None


@pytest.mark.sqlite_only
def test_events_sealed_with_another_key_fail(engine, clock):
    _record(engine, clock, 2)
    _sql(engine, f"UPDATE desk_meta SET value = '{'ab' * 32}' WHERE key = '{SECRET_KEY}'")
    found = _check(engine)
    assert found.broken_id == 1


def test_record_many_continues_the_chain(engine, clock):
    _record(engine, clock, 2)
    batch = [
        {
            "at": clock.now(),
            "actor": "kios",
            "entity": "visit",
            "entity_id": n,
            "action": "nomor_diambil",
            "from_state": None,
            "to_state": "menunggu",
            "reason": None,
        }
        for n in range(3)
    ]
    with db.write_session(engine) as session:
        assert events.record_many(session=session, events=batch) == [3, 4, 5]
    _record(engine, clock, 1)
    assert _check(engine) == eventchain.ChainCheck(6, 6)


@pytest.mark.sqlite_only
def test_verify_streams_in_batches(engine, clock):
    _record(engine, clock, 7)
    with db.read_session(engine) as session:
        assert eventchain.verify(session=session, batch=2) == eventchain.ChainCheck(7, 7)
    _sql(engine, "DELETE FROM event WHERE id = 5")
    with db.read_session(engine) as session:
        assert eventchain.verify(session=session, batch=2).broken_id == 5


# --- migration 0008 ---------------------------------------------------------------------


def _old_events(conn, ids) -> None:
    conn.execute(
        text(
            "INSERT INTO event (id, at, actor, entity, entity_id, action, reason) "
            "VALUES (:id, :at, 'cli:ratna', 'visit', :id, 'selesai', :reason)"
        ),
        [
            {
                "id": event_id,
                "at": f"2026-06-{1 + event_id % 28:02d} 02:{event_id % 60:02d}:00.{event_id:06d}",
                "reason": None if event_id % 3 else f"alasan «{event_id}»",
            }
            for event_id in ids
        ],
    )


@pytest.fixture
def engine_at_0007(db_url):
    store_engine = db.make_engine(db_url)
    db.upgrade(store_engine, "0007")
    yield store_engine
    store_engine.dispose()


@pytest.mark.sqlite_only
def test_migrating_a_0007_store_seals_every_event_and_keeps_the_key(engine_at_0007, clock):
    engine = engine_at_0007
    # Ids that skip (as a PostgreSQL sequence does), in more than one batch.
    ids = [*range(1, 6001), *range(6003, 11_001)]
    with engine.begin() as conn:
        _old_events(conn, ids)
        conn.execute(
            text("INSERT INTO desk_meta (key, value) VALUES (:k, :v)"),
            {"k": SECRET_KEY, "v": "cd" * 32},
        )
    db.upgrade(engine)
    assert db.current_revision(engine) == db.HEAD_REVISION
    assert _check(engine) == eventchain.ChainCheck(len(ids), 11_000)
    with db.read_session(engine) as session:
        assert meta.get(session=session, key=SECRET_KEY) == "cd" * 32  # receipts still verify
    _record(engine, clock, 1)
    assert _check(engine) == eventchain.ChainCheck(len(ids) + 1, 11_001)
    # The guards are all back after the seals were written.
    for statement in ("UPDATE event SET actor = 'x'", "DELETE FROM event"):
        with engine.connect() as conn, pytest.raises(exc.IntegrityError, match="append-only"):
            conn.execute(text(statement))
    # An event slipped into a gap of the old ids is named, and told from an edit.
    _sql(
        engine,
        "INSERT INTO event (id, at, actor, entity, entity_id, action, prev_hash, chain_hash) "
        f"VALUES (6001, '2026-06-03 02:00:00', 'x', 'visit', 1, 'selesai', '{_FAKE}', '{_FAKE}')",
    )
    found = _check(engine)
    assert found.broken_id == 6001 and "disisipkan di tengah" in found.reason


@pytest.mark.sqlite_only
def test_migrating_makes_a_key_when_there_is_none_and_downgrade_removes_the_chain(
    engine_at_0007,
):
    engine = engine_at_0007
    with engine.begin() as conn:
        _old_events(conn, [1, 2, 3])
    db.upgrade(engine)
    with db.read_session(engine) as session:
        assert meta.get(session=session, key=SECRET_KEY)
    assert _check(engine) == eventchain.ChainCheck(3, 3)
    db.downgrade(engine, "0007")
    with engine.connect() as conn:
        columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(event)")}
        tables = {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
        assert conn.execute(text("SELECT count(*) FROM event")).scalar() == 3
    assert not {"prev_hash", "chain_hash"} & columns
    assert "event_chain" not in tables and "event_no_replace" not in tables
    assert {"event_no_update", "event_no_delete"} <= tables
    db.upgrade(engine)
    assert _check(engine) == eventchain.ChainCheck(3, 3)


def test_desks_writing_at_once_keep_one_chain(engine, clock):
    """Four writers at once: the end of the chain is taken first, so no two events share it."""

    def desk(number: int) -> None:
        for n in range(8):
            with db.write_session(engine) as session:
                for action in ("dipanggil", "selesai"):
                    events.record(
                        session=session,
                        at=clock.now(),
                        actor=f"loket {number}",
                        entity="visit",
                        entity_id=n,
                        action=action,
                    )

    threads = [threading.Thread(target=desk, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert _check(engine) == eventchain.ChainCheck(64, 64)
