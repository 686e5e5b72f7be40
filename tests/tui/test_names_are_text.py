"""Names, notes and reasons are text, never markup: shown literally, never a crash.

A booking named ``[/]`` once crashed every desk that opened the queue, all day. The
hypothesis test feeds hostile names through the queue, intake and receipts screens of
one desk per example and reads back what each screen shows.
"""

from __future__ import annotations

import asyncio
import os
import shutil

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from rich.text import Text
from sqlmodel import Session, select
from textual.widgets import DataTable

from lpse_desk import paths
from lpse_desk.domain.textfmt import printable
from lpse_desk.store.tables.cases import CaseRow, ReceiptRow
from lpse_desk.store.tables.vendors import VendorRow
from lpse_desk.tui.widgets.vendor_picker import VendorPicker
from tests.conftest import FROZEN_NOW
from tests.store.actors import KIOS, counter_officer
from tests.tui.helpers import SIZE, make_app, settle, wait_for_screen
from tests.tui.test_board import make_board, screen_text
from tests.tui.test_queue_screen import open_queue, poll, row_of, rows, shown

pytestmark = pytest.mark.paints  # every frame drawn: hostile text must never break one

HOSTILE = (
    "[/]",
    "[@click=app.quit]x",
    "[b]tebal",
    "\x1b[2J\x1b[31mmerah",
    "a\tb\nc",
    "akhir\\",
    "[$accent]y $x",
    "PT [red]Maju[/red] \\[Jaya]",
)
"""Markup, a click action, ANSI escapes, tabs and newlines, a trailing backslash, variables."""

names = st.one_of(st.sampled_from(HOSTILE), st.text(min_size=1, max_size=24)).filter(
    lambda text: text.strip() and "\x00" not in text  # SQLite text ends at NUL
)


def _receipt_for(engine, vendor_name: str) -> str:
    """A tanda terima today for a vendor renamed ``vendor_name`` (the list reads the name)."""
    with Session(engine) as session:
        case = session.exec(select(CaseRow).where(CaseRow.vendor_id.is_not(None))).first()
        vendor = session.get(VendorRow, case.vendor_id)
        vendor.name = vendor_name
        number = f"TT/UJI/{FROZEN_NOW:%Y}/99999"
        session.add(
            ReceiptRow(
                number=number,
                year=FROZEN_NOW.year,
                seq=99999,
                case_id=case.id,
                issued_at=FROZEN_NOW,
                payload="{}",
            )  # fmt: skip
        )
        session.add(vendor)
        session.commit()
        return number


async def test_a_booking_named_like_a_closing_tag_does_not_crash_the_queue(desk, db_url, clock):
    code = "MPP-UJI-0001"
    day = f"{FROZEN_NOW:%Y-%m-%d}"
    desk.queue.import_bookings(
        KIOS, f"kode_booking,nama,layanan,tanggal,jam\n{code},[/],REG,{day},10:00\n".encode(),
        source="mpp.csv",
    )  # fmt: skip
    booked = desk.queue.check_in(KIOS, code)
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Dewi Lestari", "2468")
        assert row_of(app, booked.ticket)[3] == "[/]"
        serving = next(v for v in desk.queue.visits() if v.ticket == "C-004")
        desk.queue.hold(counter_officer(desk.engine), serving.id, "[/] \x1b[2J")
        await poll(pilot)
        assert row_of(app, "C-004")[4] == "Ditahan: [/] \\x1b[2J"
        assert type(app.screen).__name__ == "QueueScreen"


async def test_the_board_shows_a_pause_reason_literally(desk, db_url, clock):
    desk.queue.pause_loket(counter_officer(desk.engine), 2, "[/] rapat\t\x1b[2J")
    board = make_board(db_url, clock)
    async with board.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "BoardScreen")
        await settle(pilot)
        assert "Loket 2 · Jeda: [/] rapat\\t\\x1b[2J" in screen_text(board)


def _plain(cell: object) -> str:
    """A cell as the officer reads it; user text arrives as a Text, never as markup."""
    assert isinstance(cell, Text)
    return cell.plain


def _literal(shown: str, text: str) -> None:
    """``text`` shown literally: whole, or where its column ends, its start and an ellipsis."""
    cut = shown.endswith("…") and len(shown) > 1 and text.startswith(shown[:-1])
    assert shown == text or cut, (shown, text)


async def _walk_through(db_url, clock, desk, visitors, reason, vendor_name) -> None:
    taken = [desk.queue.take(KIOS, "REG", name=name) for name in visitors]
    held = next(v for v in desk.queue.visits() if v.ticket == "C-004")
    desk.queue.hold(counter_officer(desk.engine), held.id, reason)
    receipt = _receipt_for(desk.engine, vendor_name)
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Dewi Lestari", "2468")
        for visit in taken:
            _literal(row_of(app, visit.ticket)[3], printable(visit.visitor_name))
        note = next(v for v in desk.queue.visits() if v.id == held.id).status_note
        _literal(row_of(app, "C-004")[4], f"Ditahan: {printable(note)}")
        assert len(rows(app)) == app.screen.query_one(DataTable).row_count

        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("t")
        await wait_for_screen(pilot, "ReceiptsScreen")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        shown_vendor = _plain(table.get_row(receipt)[3])
        stored = next(r for r in desk.intake.receipts() if r.number == receipt).vendor_name
        assert shown_vendor == printable(stored)

        from lpse_desk.tui.screens.intake import IntakeStartScreen

        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")
        app.push_screen(IntakeStartScreen(taken[0]))
        await wait_for_screen(pilot, "IntakeStartScreen")
        await settle(pilot)
        title = shown(app, ".screen-title")
        assert title.endswith(f" · REG · {printable(taken[0].visitor_name)}")
        vendor = desk.vendors.get(_vendor_id(desk.engine))
        app.screen.post_message(VendorPicker.Chosen(vendor))
        await settle(pilot)
        assert shown(app, "#intake-vendor").startswith(f"{printable(vendor.name)} · NPWP ")


def _vendor_id(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(CaseRow.vendor_id).where(CaseRow.vendor_id.is_not(None))).first()


# One desk per example (a Pilot run costs seconds): each example carries several names, and
# shrinking is off, as a failing example already names its text.
@settings(max_examples=1, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(visitors=st.lists(names, min_size=1, max_size=5), reason=names, vendor_name=names)
@example(visitors=list(HOSTILE), reason="[/]", vendor_name=HOSTILE[-1])
def test_hostile_names_are_shown_literally_on_queue_receipts_and_intake(
    demo_db, db_url, clock, visitors, reason, vendor_name
):
    from lpse_desk.config import Settings
    from lpse_desk.store.services.desk import DeskStore

    target = paths.default_db_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(demo_db, target)
    os.chmod(target, 0o600)
    for stale in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
        stale.unlink(missing_ok=True)
    desk = DeskStore.open(Settings(db_url=db_url), clock)
    try:
        asyncio.run(_walk_through(db_url, clock, desk, visitors, reason, vendor_name))
    finally:
        desk.close()
