"""PIN attempts as the rules see them: when wrong PINs lock an account and for how long, and
what one attempt came to. The store replays an account's events through ``replay``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from lpse_desk.domain.clock import to_wib
from lpse_desk.domain.entities import StaffMember

LOCK_AFTER = 5
"""Wrong PINs in a row that lock the account."""
LOCK_STEPS = (timedelta(minutes=5), timedelta(minutes=15), timedelta(minutes=60))
"""How long the first, second and every later lock lasts (until a right PIN resets it)."""

LOGGED_IN = "masuk"
"""A login at a loket (``reason``: ``loket N``)."""
LOGGED_OUT = "keluar"
FAILED = "masuk_gagal"
REFUSED_LOCKED = "masuk_ditolak_terkunci"
"""A PIN typed while the account was locked: not checked, not counted."""
REFUSED_INACTIVE = "masuk_ditolak_nonaktif"
"""A PIN typed for an account the admin deactivated (at a desk still open for it): not
checked, not counted as wrong."""
CONFIRMED = "pin_dikonfirmasi"
"""A right PIN that is not a login at a loket (unlocking the desk, an admin's CLI check)."""
SUCCESS = (LOGGED_IN, CONFIRMED)
LOKET_REASON = re.compile(r"loket (\d+)")


@dataclass(frozen=True)
class LockState:
    """Where one account stands with its wrong PINs."""

    failures: int
    """Wrong PINs since the last right one or the end of the last lock."""
    locks: int
    """Locks since the last right PIN (chooses the next lock's length)."""
    locked_until: datetime | None
    """The end of the latest lock (it may be over already)."""

    def locked_at(self, now: datetime) -> bool:
        """Whether the account is locked at ``now``."""
        return self.locked_until is not None and now < self.locked_until


@dataclass(frozen=True)
class LoketUse:
    """Someone else at a loket today."""

    loket: int
    staff_id: int
    name: str
    since: datetime
    """Their login at that loket."""


@dataclass(frozen=True)
class LoginResult:
    """The answer to one PIN attempt: exactly one of the fields says what happened."""

    member: StaffMember | None = None
    """The officer, when the PIN was right (and the loket free or confirmed)."""
    locked_until: datetime | None = None
    """The account is locked until then (the PIN was not checked, or this one locked it)."""
    attempts_left: int | None = None
    """A wrong PIN: how many more before the account is locked."""
    loket_in_use: LoketUse | None = None
    """The PIN was right but the loket is someone else's: ask, then try again confirmed."""
    inactive: bool = False
    """The account was deactivated by an admin: the PIN was not checked."""


def replay(moments: Iterable[tuple[str, datetime]]) -> LockState:
    """The lock state after these (action, at) events of one account, oldest first."""
    failures, locks, locked_until = 0, 0, None
    for action, at in moments:
        if action in SUCCESS:
            failures, locks, locked_until = 0, 0, None
        elif action == FAILED:
            if locked_until is not None and at < locked_until:
                continue  # typed on another desk while this one locked it: not a new run
            failures += 1
            if failures >= LOCK_AFTER:
                locked_until = at + LOCK_STEPS[min(locks, len(LOCK_STEPS) - 1)]
                failures, locks = 0, locks + 1
    return LockState(failures=failures, locks=locks, locked_until=locked_until)


def until_text(moment: datetime) -> str:
    """``10.35``: the lock's end in WIB, rounded up to the minute so it is never early."""
    wib = to_wib(moment)
    if wib.second or wib.microsecond:
        wib = wib.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return f"{wib:%H.%M}"


def locked_text(until: datetime) -> str:
    """``dikunci sampai 10.35 WIB karena 5 kali PIN salah``: how every screen and command
    says an account is locked."""
    return f"dikunci sampai {until_text(until)} WIB karena {LOCK_AFTER} kali PIN salah"
