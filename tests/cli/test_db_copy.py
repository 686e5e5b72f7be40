"""``lpse-desk db copy --ke URL``: a unit's SQLite store moved to an empty database (the city's
PostgreSQL server) with every row, counter and event, checked before it is kept; a copy that
does not check out leaves the target empty."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import SQLModel
from typer.testing import CliRunner

from lpse_desk import paths
from lpse_desk.cli.main import app
from lpse_desk.store.db import current_revision, make_engine
from tests import pgserver

runner = CliRunner()


def lpse(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, tmp_path) -> Iterator[str]:
    """An empty database to copy into."""
    if request.param == "sqlite":
        yield paths.sqlite_url(tmp_path / "tujuan.db")
        return
    server = os.environ.get(pgserver.URL_ENV)
    if not server:
        pytest.skip("PostgreSQL dilewati: tidak ada server")
    url = pgserver.new_database(server, migrated=False)
    try:
        yield url
    finally:
        pgserver.drop_database(server, url)


@pytest.fixture(scope="module")
def _demo_file(tmp_path_factory) -> Path:
    """The demo's SQLite store filled once for this module (a day of queue, cases, receipts
    and survey answers); each test copies it."""
    home = tmp_path_factory.mktemp("demo-home")
    (home / "data").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(paths.HOME_ENV, str(home))
        patch.delenv("LPSE_DESK_DB", raising=False)
        filled = lpse("demo", "--no-open")
        assert filled.exit_code == 0, filled.output
        return paths.demo_db_path()


@pytest.fixture
def demo_store(desk_home, _demo_file) -> str:
    """A copy of the demo's store in this test's home."""
    shutil.copyfile(_demo_file, paths.demo_db_path())
    return paths.sqlite_url(paths.demo_db_path())


def _rows(url: str) -> dict[str, list[tuple]]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {
                table.name: sorted(
                    tuple(str(value) for value in row) for row in conn.execute(select(table))
                )
                for table in SQLModel.metadata.sorted_tables
                if table.name not in ("receipt",)  # its station is given by the copy
            }
    finally:
        engine.dispose()


@pytest.mark.slow
def test_a_filled_store_moves_with_every_row_counter_and_event(demo_store, target):
    copied = lpse("--db", demo_store, "db", "copy", "--ke", target)
    assert copied.exit_code == 0, copied.output
    assert "jumlah baris setiap tabel sama" in copied.stdout
    assert "Rantai log peristiwa utuh" in copied.stdout
    assert "digambar ulang dari salinan: sama persis" in copied.stdout
    source_rows, target_rows = _rows(demo_store), _rows(target)
    assert source_rows == target_rows  # every table, the counters and the event chain included
    assert source_rows["queue_counter"] and source_rows["event"]

    # The moved store works on: the next receipt and queue numbers follow the copied ones.
    engine = make_engine(target)
    try:
        with engine.connect() as conn:
            from lpse_desk.store.tables.queue import VisitRow

            highest = conn.execute(select(func.max(VisitRow.id))).scalar_one()
        taken = lpse("--db", target, "queue", "take", "REG")
        assert taken.exit_code == 0, taken.output
        with engine.connect() as conn:
            assert conn.execute(select(func.max(VisitRow.id))).scalar_one() == highest + 1
    finally:
        engine.dispose()

    again = lpse("--db", demo_store, "db", "copy", "--ke", target)
    assert again.exit_code == 1
    assert "tidak kosong" in again.output


@pytest.mark.slow
def test_a_copy_that_does_not_check_out_leaves_the_target_empty(demo_store, target):
    with sqlite3.connect(paths.demo_db_path()) as conn:  # an edit made with an SQL tool
        conn.execute("DROP TRIGGER event_no_update")
        conn.execute("UPDATE event SET reason = 'diubah' WHERE id = 3")
    refused = lpse("--db", demo_store, "db", "copy", "--ke", target)
    assert refused.exit_code == 1
    assert "Rantai log peristiwa salinan tidak utuh (peristiwa #3" in refused.output
    assert "basis data tujuan tidak diubah" in refused.output
    assert "Traceback" not in refused.output
    engine = make_engine(target)
    try:
        assert current_revision(engine) is None  # not even the schema stayed
    finally:
        engine.dispose()
