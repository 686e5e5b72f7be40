"""An unattended desk locks itself; leaving with a number at the loket asks first."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from textual.widgets import Static

from lpse_desk.domain.entities import VisitStatus
from lpse_desk.store.db import read_session
from lpse_desk.store.queries.events import history
from lpse_desk.tui import session as desk_session
from lpse_desk.tui.dialogs.choice import ChoiceDialog
from tests.tui.helpers import SIZE, login, make_app, settle, wait_for_screen


def _shown(app) -> str:
    return app.export_screenshot()


async def test_the_lock_hides_the_desk_and_only_the_officers_pin_lifts_it(
    db_url, demo_day, clock, desk
):
    at_loket = desk.queue.at_loket(2)  # the demo's visitor being served at loket 2
    assert at_loket is not None
    app = make_app(db_url, clock, loket=2)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Budi Santoso", "1357")
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("a")
        await wait_for_screen(pilot, "QueueScreen")
        await settle(pilot)
        assert "D-004" in _shown(app)  # the queue's numbers and names are on screen
        dialog = ChoiceDialog("Pilih", [("a", "Satu")], lambda choice, _note: choice)
        await app.push_screen(dialog)

        app.last_input = clock.now() - app.idle_timeout + timedelta(seconds=1)
        assert not app.lock_if_idle()  # not yet
        app.last_input = clock.now() - app.idle_timeout
        assert app.lock_if_idle()
        await wait_for_screen(pilot, "LockScreen")
        await settle(pilot)
        shown = _shown(app)
        assert "D-004" not in shown and at_loket.ticket not in shown
        title = app.screen.query_one("#lock-title", Static).content
        assert str(title) == "Layar dikunci — Budi Santoso, loket 2"
        assert not app.lock_if_idle()  # locked once
        dialog.dismiss(None)  # a screen below that closes itself does not lift the lock
        await settle(pilot)
        assert type(app.screen).__name__ == "LockScreen"

        await pilot.press(*"2468", "enter")  # Dewi's PIN, not Budi's
        await settle(pilot)
        assert type(app.screen).__name__ == "LockScreen"
        assert str(app.screen.query_one("#lock-error", Static).content) == "PIN salah. Sisa 4 percobaan sebelum akun dikunci."
        await pilot.press("ctrl+q")  # no quitting around the lock
        await settle(pilot)
        assert app.is_running and type(app.screen).__name__ == "LockScreen"

        await pilot.press(*"1357", "enter")
        await wait_for_screen(pilot, "QueueScreen")
        assert app.staff.name == "Budi Santoso"
        after = desk.queue.at_loket(2)
        assert (after.id, after.status, after.served_by) == (
            at_loket.id,
            at_loket.status,
            at_loket.served_by,
        )
    budi = next(m for m in desk.staff_members() if m.name == "Budi Santoso")
    with read_session(desk.engine) as session:
        log = [e.action for e in history(session=session, entity="staff", entity_id=budi.id)]
    # The PINs went through the login lockout (a wrong one counts); closing logged out.
    assert log[-6:] == [
        "layar_dikunci",
        "masuk_gagal",
        "layar_dibuka_gagal",
        "pin_dikonfirmasi",
        "layar_dibuka",
        "keluar",
    ]


async def _andi_locked(pilot, clock) -> None:
    """Andi Wijaya (verifikator) logged in, then his desk locked for being idle."""
    app = pilot.app
    await login(pilot, "Andi Wijaya", "8642")
    await wait_for_screen(pilot, "HomeScreen")
    app.last_input = clock.now() - app.idle_timeout
    assert app.lock_if_idle()
    await wait_for_screen(pilot, "LockScreen")


async def test_a_verifiers_lock_names_no_loket(db_url, demo_day, clock, desk):
    app = make_app(db_url, clock, loket=2)
    async with app.run_test(size=SIZE) as pilot:
        await _andi_locked(pilot, clock)
        await settle(pilot)
        title = app.screen.query_one("#lock-title", Static).content
        assert str(title) == "Layar dikunci — Andi Wijaya"
        said = str(app.screen.query_one(".form-help", Static).content)
        assert "Ctrl+O" in said and "loket" not in said  # no number of hers stays anywhere
    andi = next(m for m in desk.staff_members() if m.name == "Andi Wijaya")
    with read_session(desk.engine) as session:
        log = [(e.action, e.reason) for e in history(session=session, entity="staff",
                                                     entity_id=andi.id)]  # fmt: skip
    assert ("layar_dikunci", None) in log and ("masuk", None) in log


async def test_a_verifier_made_an_officer_while_away_logs_in_again(db_url, demo_day, clock, desk):
    # Made petugas while her desk was locked: she now works at a loket, which must be asked
    # (and recorded) at a login; the PC's number must not simply become hers.
    from lpse_desk.domain.roles import Role

    app = make_app(db_url, clock, loket=2)
    async with app.run_test(size=SIZE) as pilot:
        await _andi_locked(pilot, clock)
        ratna = next(m for m in desk.staff_members() if m.name == "Ratna Sari")
        andi = next(m for m in desk.staff_members() if m.name == "Andi Wijaya")
        desk.staff_admin.change_role(ratna, andi.id, Role.PETUGAS)
        await pilot.press(*"8642", "enter")
        await wait_for_screen(pilot, "LoginScreen")
        assert app.staff is None
        assert any("masuk lagi" in n.message for n in app._notifications)


async def test_quit_with_a_called_number_asks_and_can_put_it_back(db_url, demo_day, clock, desk):
    loket, visit = next(
        (n, v)
        for n in (1, 2)
        if (v := desk.queue.at_loket(n)) is not None and v.status is VisitStatus.CALLED
    )
    app = make_app(db_url, clock, loket=loket)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Budi Santoso", "1357")
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("ctrl+q")
        await wait_for_screen(pilot, "ChoiceDialog")
        help_text = str(app.screen.query_one(".form-help", Static).content)
        assert help_text.startswith(f"Nomor {visit.ticket} sedang dipanggil ke loket {loket}.")
        await pilot.press("escape")  # cancel: nothing changes, the desk stays
        await wait_for_screen(pilot, "HomeScreen")
        assert desk.queue.at_loket(loket).id == visit.id

        await pilot.press("ctrl+q")
        await wait_for_screen(pilot, "ChoiceDialog")
        await pilot.press("1", "ctrl+s")  # Kembalikan ke antrian, lalu keluar
        await settle(pilot)
    assert not app.is_running
    assert desk.queue.at_loket(loket) is None
    back = next(v for v in desk.queue.visits() if v.id == visit.id)
    assert (back.status, back.loket) == (VisitStatus.WAITING, None)
    assert desk.queue.history(visit.id)[-1].action == "dikembalikan_ke_antrean"


async def test_a_verifier_leaves_without_being_asked_about_the_lokets_number(
    db_url, demo_day, clock, desk
):
    """A verifier serves no queue: the number called to this PC's loket is not theirs to put
    back (they were asked, and refused when they chose to)."""
    loket = next(n for n in (1, 2) if desk.queue.at_loket(n) is not None)
    visit = desk.queue.at_loket(loket)
    app = make_app(db_url, clock, loket=loket)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Andi Wijaya", "8642")
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("o")  # keluar akun
        await wait_for_screen(pilot, "LoginScreen")
        assert not any(isinstance(s, ChoiceDialog) for s in app.screen_stack)
    assert desk.queue.at_loket(loket).id == visit.id  # untouched, still at the loket


def test_only_time_that_really_passed_counts_towards_the_lock(db_url, clock, monkeypatch):
    real = [1000.0]
    monkeypatch.setattr(desk_session, "time", SimpleNamespace(monotonic=lambda: real[0]))
    app = make_app(db_url, clock)
    app._ticked = (clock.now(), real[0])

    clock.advance(timedelta(days=2))  # the clock was corrected (or a test moved it)
    real[0] += 15
    app._idle_tick()
    assert clock.now() - app.last_input == timedelta(seconds=15)

    real[0] += 400  # a frozen clock: the real minutes still count
    app._idle_tick()
    assert clock.now() - app.last_input == timedelta(seconds=415)


async def test_an_account_deactivated_elsewhere_is_logged_out_here(db_url, demo_day, clock, desk):
    """Deactivated by the admin at her desk, Andi's open session went on reading cases and
    saving reports (only changes were refused). The next check logs him out, saying why."""
    app = make_app(db_url, clock, loket=2)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Andi Wijaya", "8642")
        await wait_for_screen(pilot, "HomeScreen")
        app.check_account()  # what every idle check does: still active, nothing happens
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen" and app.staff is not None
        # An answer about another account (logged out here meanwhile) logs nobody out.
        app._account_checked((app.staff.id + 1000, False))
        await settle(pilot)
        assert app.staff is not None and type(app.screen).__name__ == "HomeScreen"
        ratna = next(m for m in desk.staff_members() if m.name == "Ratna Sari")
        andi = next(m for m in desk.staff_members() if m.name == "Andi Wijaya")
        desk.staff_admin.set_active(ratna, andi.id, active=False)
        app.check_account()
        await wait_for_screen(pilot, "LoginScreen")
        assert app.staff is None
        assert any("Akun Andi Wijaya dinonaktifkan admin" in n.message for n in app._notifications)
    with read_session(desk.engine) as session:
        log = [e.action for e in history(session=session, entity="staff", entity_id=andi.id)]
    assert log[-1] == "keluar"  # the session's end is on record
