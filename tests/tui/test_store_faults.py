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
