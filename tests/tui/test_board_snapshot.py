"""The display board with the demo day (frozen clock, fixed size, a silent voice).

Update it after a deliberate change with ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

from lpse_desk.config import Settings
from lpse_desk.tui.board import BoardApp
from tests.tui.helpers import SIZES, settle, wait_for_screen


class SilentVoice:
    """An installed voice that says nothing (the snapshot shows "Suara: aktif")."""

    enabled = True
    available = True

    def say(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


@SIZES
def test_board_with_the_demo_day(size, snap_compare, db_url, demo_day, clock):
    app = BoardApp(Settings(db_url=db_url), clock=clock, announcer=SilentVoice())

    async def run_before(pilot):
        await wait_for_screen(pilot, "BoardScreen")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
