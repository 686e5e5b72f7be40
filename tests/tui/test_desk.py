"""The desk as an officer uses it: first start, login, home, work areas, palette."""

from __future__ import annotations

from textual.widgets import DataTable, Digits, Input, Static

from lpse_desk.domain.roles import Role
from lpse_desk.store.db import read_session
from lpse_desk.store.queries import staff as staff_store
from tests.tui.helpers import SIZE, login, make_app, open_report, settle, wait_for_screen


def _error_text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_first_start_creates_the_first_admin(db_url, engine, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "SetupScreen")
        await pilot.press(*"Ratna Sari", "enter")
        await pilot.press(*"2468", "enter")
        await pilot.press(*"2469", "enter")
        await settle(pilot)
        assert "tidak sama" in _error_text(app, "#setup-error")
        with read_session(engine) as session:
            assert staff_store.count_active(session=session) == 0
        assert type(app.screen).__name__ == "SetupScreen"

        app.screen.query_one("#pin2", Input).value = "2468"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "HomeScreen")
        assert app.staff is not None and app.staff.role is Role.ADMIN
    with read_session(engine) as session:
        members = staff_store.list_active(session=session)
    assert [(m.name, m.role) for m in members] == [("Ratna Sari", Role.ADMIN)]


async def test_setup_refuses_a_weak_pin_and_an_empty_name(db_url, engine, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "SetupScreen")
        await pilot.press("ctrl+s")
        assert "Nama admin wajib diisi" in _error_text(app, "#setup-error")
        await pilot.press(*"Ratna", "enter", *"12", "enter", *"12", "enter")
        await settle(pilot)
        assert "PIN harus 4–12 angka" in _error_text(app, "#setup-error")
        assert type(app.screen).__name__ == "SetupScreen"
    with read_session(engine) as session:
        assert staff_store.count_active(session=session) == 0


async def test_wrong_pin_says_so_and_how_many_tries_are_left(db_url, demo_day, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Dewi Lestari", "1111")
        assert type(app.screen).__name__ == "LoginScreen"
        shown = _error_text(app, "#login-error")
        assert shown == "PIN salah. Sisa 4 percobaan sebelum akun dikunci."
        assert app.screen.query_one("#pin", Input).value == ""
        assert app.staff is None


async def test_home_shows_the_demo_day_and_opens_the_work_areas(db_url, demo_day, clock):
    app = make_app(db_url, clock, loket=3)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Dewi Lestari", "2468")
        await wait_for_screen(pilot, "HomeScreen")
        await settle(pilot)
        digits = {
            card: app.screen.query_one(f"#{card} Digits", Digits).value
            for card in ("stat-waiting", "stat-serving", "stat-review", "stat-overdue")
        }
        # demo day: 4 waiting + 1 on hold; 1 called + 1 served; 7 handed off today + 1 overdue
        assert digits == {
            "stat-waiting": "4",
            "stat-serving": "2",
            "stat-review": "9",
            "stat-overdue": "1",
        }
        assert "Loket 3" in _error_text(app, "#home-who")
        # counted as the queue counts (4 menunggu · 1 ditahan), the held said below
        assert _error_text(app, "#stat-waiting .stat-label") == "Menunggu\n(1 ditahan)"

        await pilot.press("a")
        await wait_for_screen(pilot, "QueueScreen")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        # 4 waiting, 1 held, 1 restorable no-show, 2 at lokets 1 and 2
        assert table.row_count == 8
        assert "D-004" in str(table.get_row_at(0)[1])  # the disabilitas visitor is first
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")

        await pilot.press("v")
        await wait_for_screen(pilot, "ReviewQueueScreen")
        await settle(pilot)
        cases = app.screen.query_one(DataTable)
        assert cases.row_count == 11  # 9 with verifiers + 2 returned (paused)
        lefts = [str(cases.get_row_at(i)[5]) for i in range(cases.row_count)]
        assert sum(1 for left in lefts if left.startswith("lewat")) == 1
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")

        await pilot.press("p")
        await wait_for_screen(pilot, "IntakeStartScreen")
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")

        await open_report(pilot, "IkmReportScreen")
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")

        await pilot.press("o")
        await wait_for_screen(pilot, "LoginScreen")
        assert app.staff is None


async def test_verifier_is_not_offered_intake(db_url, demo_day, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Andi Wijaya", "8642")
        await wait_for_screen(pilot, "HomeScreen")
        keys = {b.binding.action for b in app.screen.active_bindings.values()}
        assert "intake" not in keys  # hidden from the footer and the palette
        assert {"queue", "verification"} <= keys
        await pilot.press("p")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"  # nothing opens; one line says why
        assert [n.message for n in app._notifications] == [
            "Bukan untuk peran Verifikator: area ini untuk petugas loket dan admin."
        ]
        # nor listed among the work areas, where its letter would promise it
        areas = " ".join(str(area.render()) for area in app.screen.query(".area"))
        assert "Antrian" in areas and "Verifikasi" in areas
        assert "Penerimaan daring" not in areas and "Survei IKM" not in areas


async def test_palette_offers_the_screen_keys_in_indonesian(db_url, demo_day, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Ratna Sari", "9753")
        await wait_for_screen(pilot, "HomeScreen")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for expected in ("Antrian", "Verifikasi", "Muat ulang", "Keluar akun", "Tutup"):
            assert expected in titles
        assert not any("Focus" in title or "Copy" in title for title in titles)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert type(app.screen).__name__ == "DeskPalette"
        from textual.command import CommandInput, CommandList

        search = app.screen.query_one(CommandInput)
        for _ in range(30):
            if app.focused is search:
                break
            await pilot.pause(0.05)
        await pilot.press(*"zzqx")  # nothing is called that: said in Indonesian
        commands = app.screen.query_one(CommandList)
        for _ in range(40):  # Textual waits half a second before saying so
            if commands.option_count == 1:
                break
            await pilot.pause(0.05)
        [line] = [commands.get_option_at_index(n) for n in range(commands.option_count)]
        assert line.disabled and line.prompt.renderable.plain == "Tidak ada yang cocok"


async def test_a_store_that_cannot_open_is_reported_not_crashed(desk_home, clock, tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    app = make_app(f"sqlite:///{blocker}/desk.db", clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, 8)
        assert type(app.screen).__name__ == "StartScreen"
        status = _error_text(app, "#start-status")
        assert "bukan folder" in status and str(blocker) in status, status
        assert app.screen.check_action("retry", ()) is True
        await pilot.press("r")
        await settle(pilot, 8)
        assert type(app.screen).__name__ == "StartScreen"
        assert app.store is None


async def test_every_work_area_of_the_admin_is_on_an_80x24_screen(db_url, demo_day):
    """At 80×24 the admin's K Staf and U Audit lines stood below the bottom edge."""
    from datetime import datetime

    from lpse_desk.domain.clock import WIB, FixedClock

    # A long date ("Rabu, 30 September 2026 pukul 09.53 WIB") beside the name and role.
    app = make_app(db_url, FixedClock(datetime(2026, 9, 30, 9, 53, tzinfo=WIB)))
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, "Ratna Sari", "9753")
        await wait_for_screen(pilot, "HomeScreen")
        await settle(pilot)
        areas = list(app.screen.query(".area"))
        assert [str(area.visual)[:1] for area in areas][-2:] == ["K", "U"]
        footer = app.screen.query_one("DeskFooter").region
        assert all(area.region.height == 1 and area.region.bottom <= footer.y for area in areas)
        # and the line above names the role whole (the long clock cut it: "Admin / Kepa…")
        who = app.screen.query_one("#home-who", Static)
        assert len(str(who.visual)) <= who.region.width, (str(who.visual), who.region)
