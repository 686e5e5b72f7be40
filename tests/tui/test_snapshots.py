"""A few snapshots of meaningful screen states (frozen clock, fixed size).

Update them after a deliberate change with ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.tui.helpers import (
    SIZES,
    SMALL,
    WIDE,
    log_in_home,
    login,
    make_app,
    open_report,
    open_screen,
    settle,
    wait_for_screen,
)


@SIZES
def test_setup_screen(size, snap_compare, db_url, engine, clock):
    async def run_before(pilot):
        await wait_for_screen(pilot, "SetupScreen")
        await pilot.press(*"Ratna Sari")

    assert snap_compare(make_app(db_url, clock), terminal_size=size, run_before=run_before)


@SIZES
def test_login_after_a_wrong_pin(size, snap_compare, db_url, demo_day, clock):

    async def run_before(pilot):
        await login(pilot, "Dewi Lestari", "1111")
        pilot.app.screen.query_one("#pin", Input).blur()
        await settle(pilot)

    assert snap_compare(make_app(db_url, clock), terminal_size=size, run_before=run_before)


@SIZES
def test_home_with_the_demo_day(size, snap_compare, db_url, demo_day, clock):

    async def run_before(pilot):
        await log_in_home(pilot, "Dewi Lestari", "2468")
        await settle(pilot)

    assert snap_compare(make_app(db_url, clock), terminal_size=size, run_before=run_before)


@SIZES
def test_review_queue_by_deadline(size, snap_compare, db_url, demo_day, clock):

    async def run_before(pilot):
        await log_in_home(pilot, "Andi Wijaya", "8642")
        await open_screen(pilot, "v", "ReviewQueueScreen")

    assert snap_compare(make_app(db_url, clock), terminal_size=size, run_before=run_before)


@SIZES
def test_case_review_of_the_overdue_case(size, snap_compare, db_url, demo_day, clock):

    async def run_before(pilot):
        await log_in_home(pilot, "Andi Wijaya", "8642")
        await open_screen(pilot, "v", "ReviewQueueScreen")
        await pilot.press("enter")  # the first row: the overdue daring case
        await wait_for_screen(pilot, "CaseReviewScreen")
        await settle(pilot)

    assert snap_compare(make_app(db_url, clock), terminal_size=size, run_before=run_before)


@SIZES
def test_survey_kiosk_first_question(size, snap_compare, db_url, desk, clock):
    from tests.tui.test_kiosk import a004_finished_now

    a004_finished_now(desk, clock)  # the kiosk asks about a visit just finished

    async def run_before(pilot):
        await log_in_home(pilot, "Dewi Lestari", "2468")
        await open_screen(pilot, "s", "KioskScreen")

    assert snap_compare(make_app(db_url, clock), terminal_size=size, run_before=run_before)


@SIZES
def test_ikm_report_of_the_demo_quarter(size, snap_compare, db_url, demo_day, clock):

    async def run_before(pilot):
        await log_in_home(pilot, "Ratna Sari", "9753")
        await open_report(pilot, "IkmReportScreen")
        await settle(pilot)

    assert snap_compare(make_app(db_url, clock), terminal_size=size, run_before=run_before)


def _counter_report_of_the_demo_month(snap_compare, db_url, clock, size):
    async def run_before(pilot):
        await log_in_home(pilot, "Ratna Sari", "9753")
        await open_report(pilot, "CounterReportScreen")
        await settle(pilot)

    return snap_compare(make_app(db_url, clock), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(120, 40), SMALL, WIDE], ids=["120x40", "80x24", "160x50"])
def test_counter_report_of_the_demo_month(size, snap_compare, db_url, demo_day, clock):
    """Side by side at 120 columns: figures and time spreads, the visits per day and the
    distributions (the rest scrolls); one column at 80×24, the headline figures first."""
    assert _counter_report_of_the_demo_month(snap_compare, db_url, clock, size)


@pytest.mark.parametrize("size", [(120, 40), SMALL, WIDE], ids=["120x40", "80x24", "160x50"])
def test_case_report_of_the_demo_month(size, snap_compare, db_url, demo_day, clock):
    """Side by side at 120 columns: the figures beside the time to a decision and its chart,
    the decisions per service beside the returns by reason (the rest scrolls)."""

    async def run_before(pilot):
        await log_in_home(pilot, "Ratna Sari", "9753")
        await open_report(pilot, "CaseReportScreen")
        await settle(pilot)

    assert snap_compare(make_app(db_url, clock), terminal_size=size, run_before=run_before)


# The screens without a 120-column snapshot, at the smallest and the widest sizes.
EDGES = pytest.mark.parametrize("size", [SMALL, WIDE], ids=["80x24", "160x50"])


@EDGES
def test_intake_start_of_the_called_visitor(size, snap_compare, db_url, demo_day, clock):
    async def run_before(pilot):
        await log_in_home(pilot, "Dewi Lestari", "2468")
        await open_screen(pilot, "a", "QueueScreen")
        await pilot.press("m", "i")
        await wait_for_screen(pilot, "IntakeStartScreen")
        await settle(pilot)

    assert snap_compare(make_app(db_url, clock), terminal_size=size, run_before=run_before)


@EDGES
@pytest.mark.parametrize(("key", "screen"), [("t", "ReceiptsScreen"), ("k", "StaffScreen"),
                                             ("u", "AuditScreen")])  # fmt: skip
def test_an_admin_list_screen(key, screen, size, snap_compare, db_url, demo_day, clock):
    async def run_before(pilot):
        await log_in_home(pilot, "Ratna Sari", "9753")
        await open_screen(pilot, key, screen)

    assert snap_compare(make_app(db_url, clock), terminal_size=size, run_before=run_before)


@EDGES
def test_the_lock_screen_over_the_queue(size, snap_compare, db_url, demo_day, clock):
    async def run_before(pilot):
        await log_in_home(pilot, "Dewi Lestari", "2468")
        await open_screen(pilot, "a", "QueueScreen")
        pilot.app.last_input = clock.now() - pilot.app.idle_timeout
        assert pilot.app.lock_if_idle()
        await wait_for_screen(pilot, "LockScreen")
        await settle(pilot)

    assert snap_compare(make_app(db_url, clock), terminal_size=size, run_before=run_before)
