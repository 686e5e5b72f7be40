"""The desk's session over time: the idle lock (the desk covers itself after a spell with no
key, and only the officer's PIN lifts it) and the account check (an account an admin
deactivated at another desk is logged out here within one check).

A mixin of ``DeskApp``: it uses the app's ``staff``, ``store``, ``loket``, ``clock``,
``lock_screen``, ``kiosk_locked``, ``leaving`` and ``log_out``.
"""

from __future__ import annotations

import time
from datetime import timedelta

from textual import events

from lpse_desk.domain.entities import StaffMember
from lpse_desk.tui import fmt, work
from lpse_desk.tui.work import Job

IDLE_CHECK_SECONDS = 15
"""How often the desk asks whether it has been left alone (the lock may come this much late)."""

_ACTIVITY = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)

ACCOUNT: Job[tuple[int, bool]] = Job("account-check")
"""Which account was asked about, and whether it is still active (with each idle check)."""


class DeskSession:
    """The idle lock and the account check of ``DeskApp``."""

    # the idle lock

    async def on_event(self, event: events.Event) -> None:
        """Every key or click keeps the desk awake (seen here before any widget takes it)."""
        if isinstance(event, _ACTIVITY) and not event.is_forwarded:
            self.last_input = self.clock.now()
        await super().on_event(event)

    def _idle_tick(self) -> None:
        # A clock that jumps (a time correction, a test's frozen clock moved by days) is not
        # time spent away: only the time that really passed counts towards the lock.
        now, real = self.clock.now(), time.monotonic()
        last_now, last_real = self._ticked
        self.last_input += (now - last_now) - timedelta(seconds=real - last_real)
        self._ticked = (now, real)
        self.lock_if_idle()
        self.check_account()

    def check_account(self) -> None:
        """Ask the store whether the account logged in here is still active: deactivated by an
        admin at another desk, its session ends here within one idle check, instead of going
        on reading cases and saving reports (the store refuses its changes already). Not
        while the vendor answers the survey (it ends when the kiosk is closed)."""
        staff, store = self.staff, self.store
        if staff is None or store is None or self.kiosk_locked or self.leaving:
            return
        work.load(self, ACCOUNT, lambda: (staff.id, store.still_active(staff)),
                  group="account-check")  # fmt: skip

    def _account_checked(self, checked: tuple[int, bool]) -> None:
        staff, (staff_id, active) = self.staff, checked
        # Only for the account asked about: another may have logged in meanwhile.
        if active or staff is None or staff.id != staff_id or self.kiosk_locked:
            return
        self.log_out()
        self.notify(
            f"Akun {staff.name} dinonaktifkan admin: desk keluar dari akun ini. Nomor di loket "
            "tetap di sana untuk petugas berikutnya; hubungi admin bila ini keliru.",
            title="Akun dinonaktifkan", severity="warning", markup=False, timeout=20,
        )  # fmt: skip

    def lock_if_idle(self) -> bool:
        """Lock the desk if it has been left alone long enough; whether it locked now.

        Not before a login, not on the survey kiosk, and not while a screen is saving (its
        result would land under the lock); the check comes again a few seconds later.
        """
        if self.lock_screen is not None or self.staff is None or self.store is None:
            return False
        if self.kiosk_locked or self.leaving or getattr(self.screen, "busy", False):
            return False
        if self.clock.now() - self.last_input < self.idle_timeout:
            return False
        self.lock_desk()
        return True

    def lock_desk(self) -> None:
        """Cover every screen with the lock; the queue and the loket stay as they are."""
        from lpse_desk.tui.screens.lock import LockScreen

        staff, store, loket = self.staff, self.store, self.loket
        self.lock_screen = LockScreen(staff, loket)
        self.clear_notifications()  # a toast may quote a vendor's name
        super().push_screen(self.lock_screen)
        self.run_worker(
            lambda: store.lock_screen(staff, loket), thread=True, group="lock", exit_on_error=False
        )

    def unlock_desk(self, member: StaffMember) -> None:
        """The officer's PIN was right: back to where the desk was. Moved meanwhile between a
        role at a loket and one at none, she logs in again (her loket asked or dropped there)."""
        if self.staff is not None and fmt.serves_a_loket(member) != fmt.serves_a_loket(self.staff):
            self.log_out()
            self.notify(f"Peran akun Anda kini {member.role.label}: masuk lagi.",
                        title="Peran berubah", severity="warning", markup=False)  # fmt: skip
            return
        self.staff = member
        self.lock_screen = None
        self.last_input = self.clock.now()
        super().pop_screen()
        waiting, self._after_unlock = self._after_unlock, []
        for step in waiting:
            step()
