"""The desk meets a locked, damaged or empty database: it says so in Indonesian and stays up."""

from __future__ import annotations

import sqlite3

from textual.widgets import Static

from lpse_desk import paths
from lpse_desk.store.db import BUSY_TIMEOUT_ENV
from tests.tui.helpers import SIZE, login, make_app, settle, wait_for_screen


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_a_locked_database_at_login_is_answered_and_the_desk_stays_up(
    db_url, demo_day, clock, monkeypatch
):
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "150")
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "LoginScreen")
        other_desk = sqlite3.connect(paths.default_db_path(), isolation_level=None)
        other_desk.execute("BEGIN IMMEDIATE")  # another desk in a long write
        try:
            await login(pilot, "Dewi Lestari", "2468")
            await settle(pilot)
            shown = _text(app, "#login-error")
        finally:
            other_desk.rollback()
            other_desk.close()
        assert type(app.screen).__name__ == "LoginScreen"
        assert "terkunci" in shown and "Tunggu sebentar lalu ulangi" in shown
        assert "locked" not in shown
        assert app.staff is None
        await login(pilot, "Dewi Lestari", "2468")  # once the other desk is done: in
        await wait_for_screen(pilot, "HomeScreen")


async def test_an_empty_database_file_is_refused_at_start(db_url, desk_home, clock):
    paths.default_db_path().write_bytes(b"")
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "StartScreen")
        for _ in range(20):
            await settle(pilot, 1)
            if app.screen.failed:
                break
        shown = _text(app, "#start-status")
        assert "kosong (0 byte)" in shown and "lpse-desk db init" in shown
        assert "Tekan R untuk mencoba lagi" in shown
    assert paths.default_db_path().stat().st_size == 0


async def test_a_locked_database_at_an_action_is_answered_and_nothing_changes(
    desk, db_url, clock, monkeypatch
):
    from lpse_desk.domain.entities import VisitStatus
    from tests.tui.test_queue_screen import notices, open_queue, press, visit

    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "150")
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Dewi Lestari", "2468")
        other_desk = sqlite3.connect(paths.default_db_path(), isolation_level=None)
        other_desk.execute("BEGIN IMMEDIATE")  # another desk in a long write
        try:
            await press(pilot, "m")  # start serving C-005, called at this loket
        finally:
            other_desk.rollback()
            other_desk.close()
        assert type(app.screen).__name__ == "QueueScreen"
        said = " ".join(notices(app))
        assert "terkunci" in said and "Tidak ada yang diubah" in said, said
        assert "locked" not in said
        assert visit(desk, "C-005").status is VisitStatus.CALLED
        await press(pilot, "m")  # the other desk is done: the same key works
        assert visit(desk, "C-005").status is VisitStatus.SERVING


async def test_a_staff_list_that_cannot_be_read_is_answered_and_read_again(db_url, demo_day, clock):
    from sqlalchemy import Engine, event
    from textual.widgets import OptionList

    def deny(action, table, column, *rest) -> int:
        # The staff names, not the count the start screen reads: the list alone fails.
        refused = action == sqlite3.SQLITE_READ and (table, column) == ("staff", "name")
        return sqlite3.SQLITE_DENY if refused else sqlite3.SQLITE_OK

    def deny_staff_names(dbapi_conn, _record) -> None:  # SQLite itself refuses: SQLITE_AUTH
        dbapi_conn.set_authorizer(deny)

    event.listen(Engine, "connect", deny_staff_names)
    app = make_app(db_url, clock)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_screen(pilot, "LoginScreen")
            await settle(pilot)
            shown = _text(app, "#login-error")
            assert "Daftar petugas belum dapat dibaca" in shown and "Izin ditolak" in shown, shown
            assert "Ctrl+R" in shown and "prohibited" not in shown
            assert app.screen.check_action("reload_staff", ()) is True
            event.remove(Engine, "connect", deny_staff_names)
            app.store.engine.dispose()  # the next connections are made without the refusal
            await pilot.press("ctrl+r")
            await settle(pilot)
            assert app.screen.query_one("#staff-list", OptionList).option_count > 0
            assert _text(app, "#login-error") == ""
            assert app.screen.check_action("reload_staff", ()) is False
    finally:
        if event.contains(Engine, "connect", deny_staff_names):
            event.remove(Engine, "connect", deny_staff_names)


async def test_a_damaged_database_is_refused_at_start(demo_day, clock):
    from tests.cli.test_db_faults import _corrupt_visit_table

    database = paths.default_db_path()
    _corrupt_visit_table(database)
    damaged = database.read_bytes()
    app = make_app(demo_day, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "StartScreen")
        for _ in range(20):
            await settle(pilot, 1)
            if app.screen.failed:
                break
        shown = _text(app, "#start-status")
        assert "rusak" in shown and "Belum ada cadangan" in shown, shown
        assert "lpse-desk db restore" in shown
        assert app.store is None  # nothing opened: nothing can be written
    assert database.read_bytes() == damaged


async def test_a_readable_database_is_made_private_and_the_desk_says_so(demo_day, clock):
    import os
    import stat

    database = paths.default_db_path()
    os.chmod(database, 0o644)
    app = make_app(demo_day, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "LoginScreen")
        await settle(pilot)  # let the login screen finish mounting before the app closes
        said = [n.message for n in app._notifications]
    assert any("diperketat menjadi 0600" in message for message in said), said
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
