"""The day's tanda terima as the counter sees them: list, change day, reprint a copy."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from lpse_desk import demo, paths, receipts
from lpse_desk.catalog import load_catalog
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.clock import to_wib
from lpse_desk.domain.textfmt import format_date_id
from lpse_desk.tui.fmt import day_time
from tests.tui.helpers import SIZE, SMALL, login, make_app, settle, wait_for_screen


def _demo_with_receipts(engine, clock) -> None:
    demo.fill(engine, catalog=load_catalog(), now=clock.now(),
              calendar=WorkingCalendar.from_file(paths.calendar_file()),
              render=receipts.render_receipt, receipts_dir=paths.demo_receipts_dir())  # fmt: skip


async def test_the_counter_lists_the_days_receipts_and_reprints_one_as_a_copy(
    db_url, engine, clock, desk_home
):
    _demo_with_receipts(engine, clock)
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Dewi Lestari", "2468")
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("t")
        await wait_for_screen(pilot, "ReceiptsScreen")
        await settle(pilot)
        screen = app.screen
        table = screen.query_one(DataTable)
        today = app.store.intake.receipts()
        assert [str(c.label) for c in table.columns.values()] == [c.label for c in screen.COLS]
        assert today and table.row_count == len(today)
        assert not screen.check_action("day", (1,))  # no day after today
        # The cursor starts on the newest receipt (the one just issued, usually the one the
        # vendor needs again), not on the day's first.
        assert table.cursor_row == table.row_count - 1 > 0
        first = today[-1]
        await pilot.press("enter")  # Enter makes no copy: it names the key that does
        await settle(pilot)
        assert app.store.intake.receipts()[-1].copies == 0
        assert [n.message for n in app._notifications][-1] == (
            f"Tekan c untuk mencetak ulang {first.number} (SALINAN)."
        )
        await pilot.press("c")
        for _ in range(20):
            await pilot.pause(0.1)
            if not screen.busy:
                break
        await settle(pilot)
        assert app.store.intake.receipts()[-1].copies == 1
        copy = paths.demo_receipts_dir().rglob(first.number.replace("/", "-") + "-SALINAN-1.pdf")
        assert app.store.intake.verify(next(copy).read_bytes()).copy is True
        assert any(f"Salinan {first.number}" in n.message for n in app._notifications)
        last = table.row_count - 1  # the cursor stayed on it through the refresh
        assert (table.cursor_row, table.get_cell_at((last, 5))) == (last, "1")
        steps = 0
        while table.row_count and steps < 7:  # back to a day without receipts
            await pilot.press("left")
            await settle(pilot)
            steps += 1
        assert table.row_count == 0  # it says which day, not "hari ini"
        status = str(screen.query_one(".screen-status", Static).render())
        assert status == f"Tidak ada tanda terima pada {format_date_id(screen.day)}."
        for _ in range(steps):
            await pilot.press("right")
            await settle(pilot)
        await pilot.press("left")
        await settle(pilot)
        assert screen.day < today[0].issued_at.date()
        assert table.row_count == len(app.store.intake.receipts(screen.day))
        await pilot.press("right")
        await settle(pilot)
        assert table.row_count == len(today)


async def test_a_verifier_sees_the_receipts_but_cannot_reprint(db_url, engine, clock, desk_home):
    _demo_with_receipts(engine, clock)
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Andi Wijaya", "8642")
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("t")
        await wait_for_screen(pilot, "ReceiptsScreen")
        await settle(pilot)
        assert app.screen.query_one(DataTable).row_count > 0
        assert not app.screen.check_action("reprint", ())
        status = str(app.screen.query_one(".screen-status", Static).render())
        assert "tanda terima" in status and "cetak ulang" not in status  # not promised either
        await pilot.press("c")
        await settle(pilot)
        assert app.store.intake.receipts()[0].copies == 0
        # Neither c nor Enter is silent: one line says whose work a reprint is.
        said = "Bukan untuk peran Verifikator: cetak ulang oleh petugas loket atau admin."
        assert [n.message for n in app._notifications] == [said]
        # headed as what it is: another role's key, not "not yet"
        assert [n.title for n in app._notifications] == ["Bukan untuk peran ini"]
        await pilot.press("enter")
        await settle(pilot)
        assert [n.message for n in app._notifications][-1] == said
        assert type(app.screen).__name__ == "ReceiptsScreen"

        # Search every day by vendor name or receipt number ("/"); too short is said in the
        # dialog; ← goes back to the day.
        screen, table = app.screen, app.screen.query_one(DataTable)
        first = app.store.intake.receipts()[0]
        await pilot.press("slash")
        await wait_for_screen(pilot, "FieldsDialog")
        app.screen.query_one("#cari", Input).value = "ab"
        await pilot.press("enter")
        await settle(pilot)
        assert "paling sedikit 3 huruf" in str(app.screen.query_one(".form-error", Static).visual)
        app.screen.query_one("#cari", Input).value = first.vendor_name.split()[-1].upper()
        await pilot.press("enter")
        await wait_for_screen(pilot, "ReceiptsScreen")
        await settle(pilot)
        found = app.store.intake.find_receipts(first.vendor_name.split()[-1])
        assert found and table.row_count == len(found)
        assert {table.get_row_at(n)[3].plain for n in range(table.row_count)} == {
            line.vendor_name for line in found}  # fmt: skip
        assert first.number in [str(table.get_row_at(n)[0]) for n in range(table.row_count)]
        # Found on any day: each row says its day and time whole (the year is in its number),
        # at 80 columns too (the column was cut to "07/12/202" there).
        issued = {str(table.get_row_at(n)[1]).strip() for n in range(table.row_count)}
        assert issued == {day_time(line.issued_at) for line in found}
        assert all(line.number.split("/")[1] == f"{to_wib(line.issued_at).year}" for line in found)
        await pilot.resize_terminal(*SMALL)
        await settle(pilot)
        assert table.columns["Terbit"].width >= len(day_time(first.issued_at))
        assert sum(column.get_render_width(table) for column in table.columns.values()) <= SMALL[0]
        assert {str(table.get_row_at(n)[1]).strip() for n in range(table.row_count)} == issued
        assert "cari" in str(screen.query_one(".screen-title", Static).visual)
        number = app.store.intake.find_receipts(first.number[-6:])
        assert first.number in [line.number for line in number]  # by number, any day
        await pilot.press("left")
        await settle(pilot)
        assert table.row_count == len(app.store.intake.receipts())
