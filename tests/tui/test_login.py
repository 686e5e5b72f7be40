"""The login screen against guessing: the lock and until when, and a loket already in use."""

from __future__ import annotations

from textual.widgets import Static

from lpse_desk.store.db import make_engine, read_session, write_session
from lpse_desk.store.queries import events, logins, staff
from tests.tui.helpers import SIZE, login, make_app, settle, wait_for_screen


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _staff_id(engine, name: str) -> int:
    with read_session(engine) as session:
        return next(m.id for m in staff.list_active(session=session) if m.name == name)


def _attempt(db_url, clock, name: str, pin: str, **loket) -> int:
    """A PIN typed on another desk (or before this desk was restarted)."""
    engine = make_engine(db_url)
    try:
        staff_id = _staff_id(engine, name)
        with write_session(engine) as session:
            logins.attempt(session=session, staff_id=staff_id, pin=pin, now=clock.now(), **loket)
        return staff_id
    finally:
        engine.dispose()


async def _highlight(pilot, name: str) -> None:
    """Move the login list's highlight to ``name`` (as the arrows would), and let it land."""
    from textual.widgets import OptionList

    names = pilot.app.screen.query_one("#staff-list", OptionList)
    rows = [str(names.get_option_at_index(n).prompt) for n in range(names.option_count)]
    names.highlighted = next(n for n, row in enumerate(rows) if row.startswith(name))
    await pilot.pause()


async def test_the_fifth_wrong_pin_locks_and_the_lock_holds_after_a_restart(
    db_url, demo_day, clock
):
    for _ in range(4):  # typed on the desk before it was restarted
        _attempt(db_url, clock, "Dewi Lestari", "1111")
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Dewi Lestari", "1111")
        locked = "Akun dikunci sampai 09.35 WIB karena 5 kali PIN salah."
        assert _text(app, "#login-error") == locked
        await login(pilot, "Dewi Lestari", "2468")  # the right PIN is not even checked
        assert _text(app, "#login-error") == locked
        assert type(app.screen).__name__ == "LoginScreen" and app.staff is None


async def test_a_loket_in_use_is_entered_only_after_the_officer_confirms(db_url, demo_day, clock):
    budi = _attempt(db_url, clock, "Budi Santoso", "1357", loket=1)
    app = make_app(db_url, clock, loket=1)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Dewi Lestari", "2468")
        await wait_for_screen(pilot, "ConfirmDialog")
        shown = _text(app, ".form-help")
        assert "Loket 1 sedang dipakai oleh Budi Santoso (masuk 09.30)" in shown
        assert "Tetap masuk di loket ini?" in shown
        await pilot.press("escape")
        await wait_for_screen(pilot, "LoginScreen")
        assert app.staff is None and "Belum masuk" in _text(app, "#login-error")

        await login(pilot, "Dewi Lestari", "2468")
        await wait_for_screen(pilot, "ConfirmDialog")
        await pilot.press("enter")
        await wait_for_screen(pilot, "HomeScreen")
        assert app.staff is not None and app.staff.name == "Dewi Lestari" and app.loket == 1
        with read_session(app.store.engine) as session:
            (last,) = events.history(session=session, entity="staff", entity_id=app.staff.id)[-1:]
            budi_last = events.history(session=session, entity="staff", entity_id=budi)[-1]
    assert (last.action, last.reason) == ("masuk", "loket 1")
    assert budi_last.action == "masuk"


async def test_a_verifier_logs_in_at_no_loket(db_url, demo_day, clock):
    # Dewi sits at loket 1; Andi verifies at the back office on a PC set to loket 1. The loket
    # field is not his to fill, he is not asked about Dewi, and he is recorded at no loket.
    from textual.widgets import Input, Label

    from tests.tui.helpers import settle

    _attempt(db_url, clock, "Dewi Lestari", "2468", loket=1)
    app = make_app(db_url, clock, loket=1)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "LoginScreen")
        await settle(pilot)
        field = app.screen.query_one("#loket", Input)
        await _highlight(pilot, "Andi")
        assert field.disabled and field.value == ""
        assert "tidak dipakai" in str(app.screen.query_one("#loket-label", Label).render())
        await _highlight(pilot, "Budi")
        assert not field.disabled and field.value == "1"  # an officer types his loket again
        await login(pilot, "Andi Wijaya", "8642")
        await wait_for_screen(pilot, "HomeScreen")
        assert _text(app, "#home-who") == "Andi Wijaya · Verifikator"
        with read_session(app.store.engine) as session:
            last = events.history(session=session, entity="staff", entity_id=app.staff.id)[-1]
    assert (last.action, last.reason) == ("masuk", None)


async def test_typing_the_first_letters_of_a_name_moves_to_it(db_url, demo_day, clock):
    """With a dozen accounts the officer types "dew" instead of pressing ↓; the same letter
    again goes to the next name with it; a letter no name begins with leaves the choice."""
    from datetime import timedelta

    from textual.widgets import OptionList

    from lpse_desk.domain.roles import Role
    from tests.tui.helpers import settle

    engine = make_engine(db_url)
    try:
        with write_session(engine) as session:
            staff.create(session=session, name="Dedi Kurniawan", role=Role.PETUGAS, pin="1593",
                         actor="uji", now=clock.now() - timedelta(days=1))  # fmt: skip
    finally:
        engine.dispose()
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "LoginScreen")
        await settle(pilot)
        names = app.screen.query_one("#staff-list", OptionList)

        def chosen() -> str:
            return str(names.get_option_at_index(names.highlighted).prompt).split(" — ")[0]

        await pilot.press("r")
        assert chosen() == "Ratna Sari"
        await pilot.press("d", "e", "w")
        assert chosen() == "Dewi Lestari"
        await pilot.press("d")  # after "dew", a lone "d" starts again: the first D
        first_d = chosen()
        await pilot.press("d")
        second_d = chosen()
        assert {first_d, second_d} == {"Dedi Kurniawan", "Dewi Lestari"}
        await pilot.press("d")
        assert chosen() == first_d  # round again
        await pilot.press("x")
        assert chosen() == first_d
        assert type(app.screen).__name__ == "LoginScreen"  # a letter never logs in


async def test_the_next_officer_starts_from_this_pcs_loket_not_the_last_one_typed(
    db_url, demo_day, clock
):
    from textual.widgets import Input

    from tests.tui.helpers import settle

    app = make_app(db_url, clock, loket=1)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "LoginScreen")
        await settle(pilot)
        await _highlight(pilot, "Ratna")
        app.screen.query_one("#loket", Input).value = "9"  # Ratna sits at loket 9 today
        await login(pilot, "Ratna Sari", "9753")
        await wait_for_screen(pilot, "HomeScreen")
        assert app.loket == 9
        await pilot.press("o")  # log out: nothing at loket 9 to ask about
        await wait_for_screen(pilot, "LoginScreen")
        await settle(pilot)
        await _highlight(pilot, "Budi")
        assert app.screen.query_one("#loket", Input).value == "1"  # this PC's, not Ratna's 9


async def test_an_account_activated_elsewhere_joins_the_list_and_the_place_is_kept(
    db_url, demo_day, clock, desk
):
    """Logged out when Budi was deactivated, a desk's list never showed him again after he
    was activated: Down picked Dewi, and his PIN counted as a wrong one against her account."""
    from textual.widgets import OptionList

    ratna = next(m for m in desk.staff_members() if m.name == "Ratna Sari")
    budi = next(m for m in desk.staff_members() if m.name == "Budi Santoso")
    desk.staff_admin.set_active(ratna, budi.id, active=False)
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "LoginScreen")
        await settle(pilot)
        listed = app.screen.query_one("#staff-list", OptionList)
        assert not any("Budi" in str(o.prompt) for o in listed.options)
        await pilot.press("down")  # the officer's place: Dewi
        place = listed.highlighted_option.id
        desk.staff_admin.set_active(ratna, budi.id, active=True)
        app.screen._refresh_staff()  # what the screen does every half minute
        await settle(pilot)
        assert any("Budi" in str(o.prompt) for o in listed.options)
        assert listed.highlighted_option.id == place  # still on the same person
        # The person chosen is deactivated meanwhile: no one else is chosen in their place
        # (a PIN typed would have counted against the account now on that line).
        app.screen.query_one("#pin").value = "12"
        desk.staff_admin.set_active(ratna, int(place), active=False)
        app.screen._refresh_staff()
        await settle(pilot)
        assert listed.highlighted is None and app.screen.query_one("#pin").value == ""
        assert "tidak aktif lagi" in _text(app, "#login-error")
