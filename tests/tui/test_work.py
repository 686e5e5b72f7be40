"""The one worker path (``tui.work``): what a store call came to reaches the screen as one
typed message, with the refusal or the fault in Indonesian."""

from __future__ import annotations

import sqlite3

import pytest
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from lpse_desk.domain.errors import ChangedElsewhere, DeskError, ValidationError
from lpse_desk.tui import work
from lpse_desk.tui.work import Done, Failed, Job, Loaded, Outcome, Refused, outcome_of
from tests.tui.helpers import settle

NUMBERS: Job[list[int]] = Job("numbers")
SAVE: Job[str] = Job("save")


def _locked() -> None:
    raise sqlite3.OperationalError("database is locked")


# the one error handler, without a desk


def test_a_call_that_returns_is_loaded_or_done_with_its_value():
    loaded = outcome_of(NUMBERS, lambda: [1, 2], loading=True)
    done = outcome_of(SAVE, lambda: "ok", loading=False)
    assert type(loaded) is Loaded and loaded.job is NUMBERS and loaded.data == [1, 2]
    assert type(done) is Done and done.job is SAVE and done.result == "ok"


@pytest.mark.parametrize(
    "error",
    [
        DeskError("Loket 2 sedang dijeda."),
        ValidationError("NIK harus 16 angka", field="nik"),
        ChangedElsewhere("C-005 sudah dipanggil di loket 3."),
    ],
)
def test_a_refusal_keeps_the_stores_words_and_the_error(error):
    def refuse():
        raise error

    outcome = outcome_of(SAVE, refuse, loading=False)
    assert type(outcome) is Refused
    assert outcome.reason == str(error) and outcome.error is error


def test_a_fault_is_described_in_indonesian_never_in_the_drivers_english():
    outcome = outcome_of(SAVE, _locked, loading=False)
    assert type(outcome) is Failed
    assert "terkunci" in outcome.reason and "locked" not in outcome.reason
    assert isinstance(outcome.error, sqlite3.OperationalError)


def test_any_other_exception_is_a_failure_not_a_crash():
    outcome = outcome_of(NUMBERS, lambda: 1 / 0, loading=True)
    assert type(outcome) is Failed and "ZeroDivisionError" in outcome.reason


def test_outcomes_stay_on_the_node_they_were_posted_to():
    assert not any(kind.bubble for kind in (Outcome, Loaded, Done, Refused, Failed))
    assert Loaded.handler_name == "on_work_loaded"
    assert Refused.handler_name == "on_work_refused"


# through a screen


class WorkingScreen(Screen):
    """A screen that runs work and shows what came of it, as the desk's screens do."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[Outcome] = []
        self.numbers: list[int] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="said")

    def _say(self, text: str) -> None:
        self.query_one("#said", Static).update(text)

    def on_work_loaded(self, message: Loaded[list[int]]) -> None:
        self.seen.append(message)
        if message.job is NUMBERS:
            self.numbers = message.data

    def on_work_done(self, message: Done[str]) -> None:
        self.seen.append(message)
        self._say(f"Tersimpan: {message.result}")

    def on_work_refused(self, message: Refused) -> None:
        self.seen.append(message)
        self._say(message.reason)

    def on_work_failed(self, message: Failed) -> None:
        self.seen.append(message)
        self._say(f"Gagal: {message.reason}")


class WorkingApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.at_app: list[Outcome] = []

    def on_mount(self) -> None:
        self.push_screen(WorkingScreen())

    def on_work_loaded(self, message: Loaded) -> None:
        self.at_app.append(message)

    def on_work_failed(self, message: Failed) -> None:
        self.at_app.append(message)


def _said(app: App) -> str:
    return str(app.screen.query_one("#said", Static).render())


async def test_a_load_arrives_as_typed_data_for_the_job_that_asked():
    app = WorkingApp()
    async with app.run_test() as pilot:
        screen = app.screen
        other: Job[list[int]] = Job("numbers")  # same name, another job: not this one
        work.load(screen, NUMBERS, lambda: [3, 1, 4])
        work.load(screen, other, lambda: [9], group="other")
        await settle(pilot)
        assert screen.numbers == [3, 1, 4]
        assert sorted(m.job.name for m in screen.seen) == ["numbers", "numbers"]
        assert app.at_app == []  # the app never hears of a screen's work


async def test_a_refusal_reaches_the_screen_as_the_stores_indonesian_words():
    app = WorkingApp()
    async with app.run_test() as pilot:

        def refuse() -> str:
            raise DeskError("Nomor C-005 sudah dipanggil di loket 3.")

        work.act(app.screen, SAVE, refuse)
        await settle(pilot)
        assert [type(m) for m in app.screen.seen] == [Refused]
        assert _said(app) == "Nomor C-005 sudah dipanggil di loket 3."


async def test_a_fault_reaches_the_screen_in_indonesian_and_the_desk_stays_up():
    app = WorkingApp()
    async with app.run_test() as pilot:
        work.act(app.screen, SAVE, _locked)
        await settle(pilot)
        assert [type(m) for m in app.screen.seen] == [Failed]
        said = _said(app)
        assert said.startswith("Gagal: ") and "terkunci" in said and "locked" not in said
        assert app.is_running and app.at_app == []
        work.act(app.screen, SAVE, lambda: "C-005")  # the same path works once the store is free
        await settle(pilot)
        assert _said(app) == "Tersimpan: C-005"


async def test_a_load_replaced_by_a_newer_one_never_arrives_after_it():
    """A filter pressed while the list was being read: the older rows, finishing later,
    must not replace the newer ones."""
    import threading

    app = WorkingApp()
    async with app.run_test() as pilot:
        screen = app.screen
        release = threading.Event()

        def old_rows() -> list[int]:
            release.wait(5)
            return [1, 1, 1]

        work.load(screen, NUMBERS, old_rows)
        await pilot.pause()
        work.load(screen, NUMBERS, lambda: [2])  # exclusive: the old one is cancelled
        await settle(pilot)
        assert screen.numbers == [2]
        release.set()
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert screen.numbers == [2]
        assert [m.data for m in screen.seen if isinstance(m, Loaded)] == [[2]]
