"""Helpers for driving the desk with Pilot."""

from __future__ import annotations

import contextlib

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerState

from lpse_desk.config import Settings
from lpse_desk.domain.clock import FixedClock
from lpse_desk.tui.app import DeskApp

SIZE = (120, 36)
SMALL, WIDE = (80, 24), (160, 50)
SIZES = pytest.mark.parametrize(
    "size", [SIZE, SMALL, WIDE], ids=["120x36", "80x24", "160x50"]
)
"""A snapshot at the usual size, at the smallest terminal (80×24) and on a wide monitor."""


def make_app(db_url: str, clock: FixedClock, *, loket: int = 1) -> DeskApp:
    """A desk on ``db_url`` with a frozen clock."""
    return DeskApp(settings=Settings(db_url=db_url, loket=loket), clock=clock)


async def settle(pilot: Pilot, rounds: int = 4) -> None:
    """Let workers finish and their messages be handled (never sleep).

    A worker's outcome is a message (``tui.work``), and its handler may start the next worker
    (a reload after a dialog closed): after the rounds, go on while one is still running."""
    for _ in range(rounds):
        await finish_workers(pilot.app)
        await pilot.pause()
    for _ in range(20):
        if not any(not worker.is_finished for worker in pilot.app.workers):
            return
        await finish_workers(pilot.app)
        await pilot.pause()


async def finish_workers(app, workers=None) -> None:
    """Wait for ``workers`` (default: all the app's) to end; a cancelled one counts as ended.

    Textual's ``wait_for_complete`` raises ``WorkerCancelled`` when a dialog closed before its
    worker was done (a race the desk handles by design); a failed worker still raises.
    """
    for worker in list(app.workers if workers is None else workers):
        if worker.state is WorkerState.PENDING:
            continue  # not started yet: nothing to wait for in this round
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()


async def wait_for_screen(pilot: Pilot, name: str, tries: int = 50) -> None:
    """Wait until the current screen is of class ``name``."""
    for _ in range(tries):
        if type(pilot.app.screen).__name__ == name:
            return
        await settle(pilot, 1)
    raise AssertionError(f"screen {name} never appeared; at {type(pilot.app.screen).__name__}")


def fill_demo(engine, clock: FixedClock) -> None:
    """The demo day in the store."""
    from lpse_desk import demo, paths
    from lpse_desk.catalog import load_catalog
    from lpse_desk.domain.calendar import WorkingCalendar

    demo.fill(
        engine,
        catalog=load_catalog(),
        calendar=WorkingCalendar.from_file(paths.calendar_file()),
        now=clock.now(),
    )


async def login(pilot: Pilot, name: str, pin: str) -> None:
    """Choose ``name`` in the staff list, type the PIN and press Enter."""
    from textual.widgets import OptionList

    await wait_for_screen(pilot, "LoginScreen")
    await settle(pilot)
    options = pilot.app.screen.query_one("#staff-list", OptionList)
    for index in range(options.option_count):
        if str(options.get_option_at_index(index).prompt).startswith(name):
            options.highlighted = index
            break
    else:
        raise AssertionError(f"{name} not in the staff list")
    options.focus()
    await pilot.press("enter")
    # The PIN is pasted, then Enter pressed: typing each digit waits for the desk to go idle
    # (~50 ms a key) and proves nothing the login tests (test_login.py, test_desk.py) do not.
    from textual import events

    pilot.app.focused.post_message(events.Paste(pin))
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)


async def choose_bearer(pilot: Pilot, *, director: bool) -> None:
    """On the intake start screen, say who brought the file, with the keyboard.

    The ticket's name differs from the director's in the demo, so the officer must choose:
    the first answer is the director in person, the second someone with a Surat Kuasa.
    """
    from textual.widgets import RadioSet

    radios = pilot.app.screen.query_one("#intake-bearer-role", RadioSet)
    radios.focus()
    await pilot.pause()
    wanted_index = 0 if director else 1
    for _ in range(3):  # the arrows wrap around; the highlight starts on the pressed one
        if radios._selected == wanted_index:
            break
        await pilot.press("down")
    await pilot.press("enter")
    await settle(pilot, 1)
    wanted = "bearer-director" if director else "bearer-proxy"
    assert radios.pressed_button is not None and radios.pressed_button.id == wanted


async def log_in_home(pilot: Pilot, name: str, pin: str) -> None:
    """Log in as ``name`` and wait for the home screen."""
    await login(pilot, name, pin)
    await wait_for_screen(pilot, "HomeScreen")


async def open_screen(pilot: Pilot, key: str, screen: str) -> None:
    """Press ``key`` and wait until ``screen`` shows with its data loaded."""
    await pilot.press(key)
    await wait_for_screen(pilot, screen)
    await settle(pilot)


REPORT_NUMBERS = {"CounterReportScreen": "1", "CaseReportScreen": "2", "IkmReportScreen": "3"}
"""The line of each report in the home screen's report menu (``l``)."""


async def open_report(pilot: Pilot, screen: str) -> None:
    """From home: ``l``, the report's number in the menu, Enter; wait for its screen."""
    await pilot.press("l")
    await wait_for_screen(pilot, "ChoiceDialog")
    await pilot.press(REPORT_NUMBERS[screen], "enter")
    await wait_for_screen(pilot, screen)
