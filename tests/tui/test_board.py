"""The hall's display board as the hall sees it: calls, waiting counts, voice, no personal data."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from rich.console import Console
from textual.widgets import Digits, Static

from lpse_desk import demo
from lpse_desk.config import Settings
from lpse_desk.domain.queue.rules import announcement
from lpse_desk.tui.board import BoardApp, CallPanel, split_drawable
from tests.store.actors import counter_officer
from tests.tui.helpers import finish_workers, settle, wait_for_screen

SIZE = (120, 36)


class RecordingVoice:
    """Stands in for the Announcer: keeps what it was asked to say."""

    def __init__(self) -> None:
        self.enabled = True
        self.available = True
        self.said: list[str] = []
        self.closed = False

    def say(self, text: str) -> None:
        if self.enabled:
            self.said.append(text)

    def close(self) -> None:
        self.closed = True


def make_board(db_url: str, clock, voice: RecordingVoice | None = None) -> BoardApp:
    return BoardApp(Settings(db_url=db_url), clock=clock, announcer=voice or RecordingVoice())


def screen_text(app) -> str:
    """Everything on the screen as plain text, the way a visitor reads it."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


def shown_calls(app) -> list[tuple[str, str]]:
    """(ticket, loket) as the panels' digits show them."""
    return [
        (
            panel.query_one(".call-ticket", Digits).value,
            panel.query_one(".call-loket", Digits).value,
        )
        for panel in app.screen.query(CallPanel)
    ]


async def open_board(pilot) -> None:
    await wait_for_screen(pilot, "BoardScreen")
    await settle(pilot)


async def poll(pilot) -> None:
    """One poll now, rather than waiting for the interval."""
    # A poll the interval started may have read before the test's write: let it land first.
    await finish_workers(pilot.app)
    pilot.app.screen.poll()
    await settle(pilot)


async def test_the_board_shows_the_demo_calls_and_waiting_counts(desk, db_url, clock):
    voice = RecordingVoice()
    app = make_board(db_url, clock, voice)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        assert shown_calls(app) == [("C-005", "1"), ("C-004", "2")]
        text = screen_text(app)
        assert "LPSE Kota Bogor · Mal Pelayanan Publik" in text
        assert "Rabu, 10 Juni 2026 · 09.30 WIB" in text
        assert "Panggilan terakhir" in text
        assert re.search(r"C-005\s+Loket 1\s+09\.28", text)
        for start, waiting in (
            ("A Registrasi Offline", 2),
            ("B Perubahan Data", 1),
            ("C Permohonan Informasi", 0),
            ("D Konsultasi Pengadaan", 1),
        ):
            assert re.search(rf"  {start}.* {waiting} menunggu", text), start
        assert "Loket 1 · Buka" in text and "Loket 2 · Buka" in text
        assert "Suara: aktif" in text
        assert voice.said == []  # what was called before the board opened is not announced
        assert not app.screen.query(".call.-new")
    assert voice.closed


async def test_a_new_call_appears_within_a_poll_and_is_announced_once(desk, db_url, clock):
    voice = RecordingVoice()
    app = make_board(db_url, clock, voice)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        clock.advance(timedelta(minutes=1))
        desk.queue.open_loket(counter_officer(desk.engine), 3)
        called = desk.queue.call_next(counter_officer(desk.engine), 3)
        assert called is not None
        for _ in range(40):  # the board's own interval, not a poll forced by the test
            if len(app.screen.query(".call-ticket")) == 3:
                break
            await pilot.pause(0.05)
        await settle(pilot)
        assert shown_calls(app) == [("C-005", "1"), ("C-004", "2"), (called.ticket, "3")]
        assert voice.said == [announcement(called.ticket, 3)]
        assert voice.said[0].endswith(", silakan ke loket tiga")
        [fresh] = app.screen.query(".call.-new")
        assert fresh.call.ticket == called.ticket

        await poll(pilot)
        await poll(pilot)
        assert len(voice.said) == 1

        clock.advance(timedelta(minutes=1))
        desk.queue.recall(counter_officer(desk.engine), 3)
        await poll(pilot)
        assert voice.said == [announcement(called.ticket, 3)] * 2
        assert "Panggilan ulang 09.32" in screen_text(app)
        # The recalled number stands out on its loket's panel, with or without the voice.
        [again] = app.screen.query(".call.-new")
        assert (again.call.ticket, again.call.loket, again.call.recall) == (called.ticket, 3, True)
        await pilot.press("s")  # sound off
        again.remove_class("-new")
        clock.advance(timedelta(minutes=1))
        desk.queue.recall(counter_officer(desk.engine), 3)
        await poll(pilot)
        assert len(voice.said) == 2  # silent now
        assert "Panggilan ulang 09.33" in screen_text(app)
        [silent] = app.screen.query(".call.-new")
        assert silent.call.recall and silent.call.loket == 3


async def test_calls_between_two_polls_are_all_announced_in_order(desk, db_url, clock):
    voice = RecordingVoice()
    app = make_board(db_url, clock, voice)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        desk.queue.open_loket(counter_officer(desk.engine), 3)
        desk.queue.open_loket(counter_officer(desk.engine), 4)
        first = desk.queue.call_next(counter_officer(desk.engine), 3)
        second = desk.queue.call_next(counter_officer(desk.engine), 4)
        desk.queue.no_show(counter_officer(desk.engine), second.id)  # gone from the panels before the poll
        await poll(pilot)
        assert voice.said == [announcement(first.ticket, 3), announcement(second.ticket, 4)]
        assert (first.ticket, "3") in shown_calls(app)
        assert (second.ticket, "4") not in shown_calls(app)


async def test_a_paused_loket_and_the_sound_key(desk, db_url, clock):
    clock.advance(timedelta(days=-1))
    desk.queue.open_loket(counter_officer(desk.engine), 5)  # left open yesterday evening
    clock.advance(timedelta(days=1))
    voice = RecordingVoice()
    app = make_board(db_url, clock, voice)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        desk.queue.pause_loket(counter_officer(desk.engine), 2, "Salat")
        await poll(pilot)
        text = screen_text(app)
        assert "Loket 1 · Buka    Loket 2 · Jeda: Salat" in text
        assert "Loket 5" not in text

        await pilot.press("s")
        await settle(pilot)  # the label's new width laid out before the screen is read
        assert voice.enabled is False
        assert "Suara: mati" in screen_text(app)
        desk.queue.open_loket(counter_officer(desk.engine), 3)
        desk.queue.call_next(counter_officer(desk.engine), 3)
        await poll(pilot)
        assert voice.said == []
        await pilot.press("s")
        await settle(pilot)
        assert "Suara: aktif" in screen_text(app)


async def test_no_personal_data_reaches_the_board(desk, db_url, clock):
    visits = desk.queue.visits()
    secrets = {v.visitor_name for v in visits if v.visitor_name}
    secrets |= {v.phone for v in visits if v.phone} | {
        v.booking_code for v in visits if v.booking_code
    }
    secrets |= {login.name for login in demo.DEMO_STAFF}
    secrets |= {director for _name, _form, director, _nik in demo._VENDORS}
    secrets |= {nik for *_rest, nik in demo._VENDORS}
    assert "Zoë Łukasiewicz-Nguyễn" in secrets and len(secrets) > 20
    app = make_board(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        desk.queue.open_loket(counter_officer(desk.engine), 3)
        desk.queue.call_next(counter_officer(desk.engine), 3)
        await poll(pilot)
        text = screen_text(app)
        svg = app.export_screenshot()
    assert "C-005" in text
    for secret in secrets:
        assert secret.casefold() not in text.casefold(), secret
        assert secret not in svg, secret
    assert not re.search(r"\d{10,}", text)  # no phone, NIK or NPWP shape either


async def test_a_database_that_cannot_open_is_reported_not_crashed(desk_home, clock, tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    app = make_board(f"sqlite:///{blocker}/desk.db", clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, 8)
        assert type(app.screen).__name__ == "BoardOpeningScreen"
        status = str(app.screen.query_one("#opening-status", Static).render())
        assert "Basis data tidak dapat dibuka" in status
        assert "Tekan R untuk mencoba sekarang" in status
        assert "Traceback" not in screen_text(app)
        await pilot.press("r")
        await settle(pilot, 8)
        assert type(app.screen).__name__ == "BoardOpeningScreen"
        assert app.store is None


async def test_a_database_read_failure_keeps_the_last_figures(desk, db_url, clock):
    app = make_board(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)

        def broken():
            raise RuntimeError("database is locked")

        app.store.queue.board = broken
        await poll(pilot)
        assert shown_calls(app) == [("C-005", "1"), ("C-004", "2")]
        assert "belum dapat diperbarui sejak pukul 09.30" in screen_text(app)


@pytest.mark.parametrize(
    ("ticket", "expected"),
    [("A-003", ("", "A-003")), ("F-120", ("", "F-120")), ("G-003", ("G", "-003"))],
)
def test_tickets_digits_cannot_draw_keep_their_letter_as_text(ticket, expected):
    assert split_drawable(ticket) == expected
