"""The checklist of C-005 (UID, PT Cahaya Surya Kencana) half ticked (frozen clock, fixed size).

Update it after a deliberate change with ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

from textual.widgets import DataTable

from tests.tui.helpers import (
    SIZES,
    choose_bearer,
    login,
    make_app,
    settle,
    wait_for_screen,
)


@SIZES
def test_checklist_half_ticked_with_the_demo_day(size, snap_compare, db_url, demo_day, clock):

    async def run_before(pilot):
        app = pilot.app
        await login(pilot, "Dewi Lestari", "2468")
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("a")
        await wait_for_screen(pilot, "QueueScreen")
        await settle(pilot)
        await pilot.press("i")  # C-005, called to loket 1
        await wait_for_screen(pilot, "IntakeStartScreen")
        await settle(pilot)
        await pilot.press(*"cahaya")
        for _ in range(10):  # the picker searches after a short pause, in a worker
            await pilot.pause(0.1)
            await settle(pilot, 1)
            if app.screen.query_one("#intake-picker").vendors:
                break
        await pilot.press("enter")
        await settle(pilot)
        await choose_bearer(pilot, director=True)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "ChecklistScreen")
        await settle(pilot)
        await pilot.press("space")  # the letter: original shown, copy kept
        await settle(pilot)
        app.screen.query_one(DataTable).move_cursor(row=1)
        await pilot.press("a")  # the director's KTP: only the original so far
        await settle(pilot)
        # The list itself: not the toast of i ("C-005 mulai dilayani."), which would cover
        # its lower right corner for a few seconds (test_intake_screen.py checks it is said).
        app.clear_notifications()
        await settle(pilot)

    assert snap_compare(make_app(db_url, clock), terminal_size=size, run_before=run_before)
