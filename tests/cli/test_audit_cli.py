"""``lpse-desk audit verify``: the event log whole after the demo, an edit named in Indonesian."""

from __future__ import annotations

import sqlite3

import pytest
from typer.testing import CliRunner

from lpse_desk import paths
from lpse_desk.cli.main import app
from tests.pgserver import desk_db_url

runner = CliRunner()


def lpse(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _fill_demo(clock) -> int:
    from lpse_desk import demo
    from lpse_desk.catalog import load_catalog
    from lpse_desk.domain.calendar import WorkingCalendar
    from lpse_desk.store.db import make_engine

    engine = make_engine(desk_db_url())
    try:
        demo.fill(
            engine,
            catalog=load_catalog(),
            calendar=WorkingCalendar.from_file(paths.calendar_file()),
            now=clock.now(),
        )
    finally:
        engine.dispose()
    with sqlite3.connect(paths.default_db_path()) as conn:
        return conn.execute("SELECT max(id) FROM event").fetchone()[0]


def _tamper(*statements: str) -> None:
    conn = sqlite3.connect(paths.default_db_path())
    try:
        conn.execute("DROP TRIGGER event_no_update")
        conn.execute("DROP TRIGGER event_no_delete")
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def test_a_fresh_desk_has_a_whole_empty_log(migrated_home):
    result = lpse("audit", "verify")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Log peristiwa utuh: 0 peristiwa (rantai masih kosong).\n"


@pytest.mark.sqlite_only
def test_the_demo_verifies_then_an_edit_after_drop_trigger_is_named(migrated_home, clock):
    last = _fill_demo(clock)
    assert last > 1000  # the past quarter's bulk history joined the chain
    whole = lpse("audit", "verify")
    assert whole.exit_code == 0, whole.output
    shown = f"{last:,}".replace(",", ".")
    assert whole.stdout == f"Log peristiwa utuh: {shown} peristiwa, rantai sampai #{last}.\n"

    _tamper("UPDATE event SET reason = 'tidak jadi' WHERE id = 42")
    broken = lpse("audit", "verify")
    assert broken.exit_code == 1
    assert broken.stdout == ""
    assert broken.stderr.startswith("Galat: Log peristiwa TIDAK UTUH mulai peristiwa #42. ")
    assert "Isi peristiwa #42 diubah sesudah dicatat" in broken.stderr
    assert "41 peristiwa sebelumnya utuh (sampai #41)" in broken.stderr
    assert "Traceback" not in broken.output


@pytest.mark.sqlite_only
def test_a_deleted_last_event_is_named(migrated_home, clock):
    from lpse_desk.domain.roles import Role
    from lpse_desk.store import db
    from lpse_desk.store.db import make_engine
    from lpse_desk.store.queries import staff

    engine = make_engine(desk_db_url())
    try:
        with db.write_session(engine) as session:
            for name in ("Siti Rahma", "Budi Santoso"):
                staff.create(
                    session=session,
                    name=name,
                    role=Role.PETUGAS,
                    pin="2468",
                    actor="t",
                    now=clock.now(),
                )
    finally:
        engine.dispose()
    _tamper("DELETE FROM event WHERE id = 2")
    broken = lpse("audit", "verify")
    assert broken.exit_code == 1
    assert "mulai peristiwa #2" in broken.stderr
    assert "dihapus dari ujung log" in broken.stderr
