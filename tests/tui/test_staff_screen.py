"""The head of unit at the desk: add an officer, reset her PIN; the officer sets a new one."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from lpse_desk.domain.roles import Role
from tests.tui.helpers import (
    SIZE,
    log_in_home,
    login,
    make_app,
    open_screen,
    settle,
    wait_for_screen,
)


async def test_an_admin_adds_an_officer_resets_her_pin_and_she_sets_a_new_one_at_login(
    demo_day, clock
):
    app = make_app(demo_day, clock)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_home(pilot, "Ratna Sari", "9753")
        await open_screen(pilot, "k", "StaffScreen")
        table = app.screen.query_one(DataTable)
        before = table.row_count
        await pilot.press("n")
        await wait_for_screen(pilot, "AddStaffDialog")
        # Name, Enter; role 1 (petugas loket); PIN twice; default loket 5, Enter saves. A
        # sequential PIN is refused by the store: the focus goes back to the PIN, so what is
        # typed next lands there, not in the loket field the Enter had reached.
        await pilot.press(*"Sri [b]Wahyuni", "enter", "1", *"1234", "enter", *"1234", "enter")
        await pilot.press("5", "enter")
        await settle(pilot)
        assert "berurutan" in str(app.screen.query_one(".form-error").render())
        assert app.focused is app.screen.query_one("#staff-pin")
        pins = [app.screen.query_one(f"#{ident}", Input) for ident in ("staff-pin", "staff-pin-again")]
        for field in pins:
            field.value = ""
        await pilot.press(*"4826", "enter", *"4826", "enter")
        assert app.screen.query_one("#staff-loket", Input).value == "5"
        await pilot.press("enter")
        await wait_for_screen(pilot, "StaffScreen")
        await settle(pilot)
        assert table.row_count == before + 1
        (sri,) = [
            a.member for a in app.store.staff_admin.accounts() if a.member.name == "Sri [b]Wahyuni"
        ]
        assert (sri.role, sri.default_loket, sri.active) == (Role.PETUGAS, 5, True)
        row = table.get_row_index(str(sri.id))
        assert str(table.get_cell_at((row, 1))) == "Sri [b]Wahyuni"  # the name as typed, not markup

        table.move_cursor(row=row)
        await pilot.press("p")
        await wait_for_screen(pilot, "ConfirmDialog")
        await pilot.press("enter")
        await wait_for_screen(pilot, "TemporaryPinDialog")
        temporary = app.screen.pin
        await pilot.press("escape")
        await wait_for_screen(pilot, "StaffScreen")
        await settle(pilot)
        assert "wajib ganti PIN" in str(table.get_cell_at((row, 3)))
        await pilot.press("escape", "o")
        await wait_for_screen(pilot, "ChoiceDialog")  # the demo day has a number at loket 1
        await pilot.press("2", "ctrl+s")  # leave it with the loket, then log out

        await login(pilot, "Sri [b]Wahyuni", temporary)
        await wait_for_screen(pilot, "NewPinDialog")
        await pilot.press(*"1357", "enter", *"7531", "enter")  # two different PINs: refused
        await settle(pilot)
        assert "Kedua PIN tidak sama" in str(app.screen.query_one(".form-error").render())
        for field in ("#new-pin", "#new-pin-again"):
            app.screen.query_one(field).value = ""
        app.screen.query_one("#new-pin").focus()
        await pilot.press(*"1357", "enter", *"1357", "enter")
        await wait_for_screen(pilot, "HomeScreen")
        assert app.staff.id == sri.id and not app.staff.must_change_pin
        assert app.loket == 5  # her default loket was proposed on the login screen
        assert not app.screen.check_action("staff", ())  # an officer has no staff screen
    accounts = {a.member.name: a.member for a in app.store.staff_admin.accounts()}
    assert not accounts["Sri [b]Wahyuni"].must_change_pin


async def test_an_admin_deactivates_and_reactivates_an_account_and_is_told_why_not_herself(
    demo_day, clock
):
    """d and k ask first, naming what Enter does; the store refuses the last admin, and the
    dialog says why."""
    from textual.widgets import Static

    app = make_app(demo_day, clock)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_home(pilot, "Ratna Sari", "9753")
        await open_screen(pilot, "k", "StaffScreen")
        table = app.screen.query_one(DataTable)
        members = {a.member.name: a.member for a in app.store.staff_admin.accounts()}
        # The demo's officers worked today: the list says when they logged in, not "never".
        assert [a.member.name for a in app.store.staff_admin.accounts() if not a.last_login] == []

        def active(name: str) -> bool:
            (member,) = [a.member for a in app.store.staff_admin.accounts() if a.member.name == name]
            return member.active

        table.move_cursor(row=table.get_row_index(str(members["Budi Santoso"].id)))
        await pilot.press("enter")  # Enter opens nothing: it names the keys for the account
        await settle(pilot)
        assert type(app.screen).__name__ == "StaffScreen" and active("Budi Santoso")
        assert [n.message for n in app._notifications] == [
            "Budi Santoso: d nonaktifkan · p atur ulang PIN · e ubah peran."
        ]
        await pilot.press("d")
        await wait_for_screen(pilot, "ConfirmDialog")
        assert str(app.screen.query_one(".form-keys", Static).visual).startswith(
            "Enter/ctrl+s nonaktifkan"
        )
        await pilot.press("enter")
        await wait_for_screen(pilot, "StaffScreen")
        await settle(pilot)
        assert not active("Budi Santoso")
        await pilot.press("k")
        await wait_for_screen(pilot, "ConfirmDialog")
        await pilot.press("enter")
        await wait_for_screen(pilot, "StaffScreen")
        await settle(pilot)
        assert active("Budi Santoso")

        # The last active admin: said at once, no question asked first (it asked, then
        # refused after Enter); Enter on her row does not offer what would be refused.
        table.move_cursor(row=table.get_row_index(str(members["Ratna Sari"].id)))
        await pilot.press("enter")
        await settle(pilot)
        assert [n.message for n in app._notifications][-1] == (
            "Ratna Sari satu-satunya admin aktif: p atur ulang PIN.")
        await pilot.press("d")
        await settle(pilot)
        assert type(app.screen).__name__ == "StaffScreen"
        assert any("satu-satunya admin aktif" in n.message for n in app._notifications)
        assert active("Ratna Sari")


async def test_an_admin_who_steps_down_is_warned_and_logged_out(demo_day, clock):
    """With another admin she may step down; the dialog says it is her own account, and the
    desk logs her out after it (her header said Admin while every admin screen refused)."""
    from textual.widgets import Static

    app = make_app(demo_day, clock)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_home(pilot, "Ratna Sari", "9753")
        admin = app.staff
        app.store.staff_admin.add(admin, name="Yusuf Maulana", role=Role.ADMIN, pin="1357",
                                  default_loket=None)  # fmt: skip
        await open_screen(pilot, "k", "StaffScreen")
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(str(admin.id)))
        await pilot.press("e")
        await wait_for_screen(pilot, "ChoiceDialog")
        assert "Ini akun Anda sendiri" in str(app.screen.query_one(".form-help", Static).visual)
        await pilot.press("2", "enter")  # verifikator
        await wait_for_screen(pilot, "LoginScreen")
        assert app.staff is None
        assert any("Akses admin Anda berakhir" in n.message for n in app._notifications)
        [ratna] = [a.member for a in app.store.staff_admin.accounts() if a.member.id == admin.id]
        assert ratna.role is Role.VERIFIKATOR
