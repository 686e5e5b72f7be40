"""The queue screen at loket 1 with the demo day (frozen clock, fixed size).

Update it after a deliberate change with ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

from tests.tui.helpers import SIZES, log_in_home, make_app, open_screen


@SIZES
def test_queue_at_loket_1_with_the_demo_day(size, snap_compare, db_url, demo_day, clock):

    async def run_before(pilot):
        await log_in_home(pilot, "Dewi Lestari", "2468")
        await open_screen(pilot, "a", "QueueScreen")

    assert snap_compare(make_app(db_url, clock), terminal_size=size, run_before=run_before)
