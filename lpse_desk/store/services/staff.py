"""``StaffDesk``: the admin's staff screen and the new-PIN step of a login.

Each method runs in its own short transaction and returns domain objects; ``by`` is the
admin at the desk, re-read by the store before anything changes.
"""

from __future__ import annotations

from sqlalchemy import Engine

from lpse_desk.domain.clock import Clock
from lpse_desk.domain.entities import StaffAccount, StaffMember
from lpse_desk.domain.errors import Conflict, found
from lpse_desk.domain.logins import LoginResult
from lpse_desk.domain.roles import Role
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import logins, staff
from lpse_desk.store.services.base import Service


class StaffDesk(Service):
    """Staff accounts of one store."""

    def __init__(self, engine: Engine, clock: Clock, *, pin_min_length: int = 4) -> None:
        self.engine = engine
        self.clock = clock
        self.pin_min_length = pin_min_length
        """The fewest digits of a new PIN (setting ``pin_minimal``)."""

    def accounts(self) -> list[StaffAccount]:
        """Every account, active or not, with its last login."""
        return self._read(staff.list_all)

    def add(
        self, by: StaffMember, *, name: str, role: Role, pin: str, default_loket: int | None
    ) -> StaffMember:
        """Add an account (admin only)."""
        with write_session(self.engine) as session:
            return staff.add(
                session=session, by=by, name=name, role=role, pin=pin,
                default_loket=default_loket, now=self.clock.now(),
                min_length=self.pin_min_length,
            )  # fmt: skip

    def set_active(self, by: StaffMember, staff_id: int, *, active: bool) -> StaffMember:
        """Deactivate or reactivate an account (admin only; never the last admin)."""
        with write_session(self.engine) as session:
            return staff.set_active(
                session=session, by=by, staff_id=staff_id, active=active, now=self.clock.now()
            )

    def change_role(self, by: StaffMember, staff_id: int, role: Role) -> StaffMember:
        """Give an account another role (admin only; the last admin stays admin)."""
        with write_session(self.engine) as session:
            return staff.change_role(
                session=session, by=by, staff_id=staff_id, role=role, now=self.clock.now()
            )

    def reset_pin(self, by: StaffMember, staff_id: int) -> str:
        """A temporary PIN for the account, to be changed at its next login (admin only)."""
        with write_session(self.engine) as session:
            return staff.reset_pin(session=session, by=by, staff_id=staff_id, now=self.clock.now())

    def change_own_pin(self, who: StaffMember, pin: str) -> StaffMember:
        """The logged-in officer's new PIN; clears the must-change flag."""
        return self._decide(staff.change_own_pin, who, pin=pin, min_length=self.pin_min_length)

    # the command line: accounts by name, the admin's PIN, the first account

    def no_accounts_yet(self) -> bool:
        """No account at all, active or not: only a first admin may be made."""
        with read_session(self.engine) as session:
            return staff.count_all(session=session) == 0

    def named(self, name: str) -> StaffMember:
        """The account of that name, active or not (case-insensitive); NotFound otherwise."""
        return found(
            self._read(staff.find_by_name, name=name),
            f"Petugas '{name}' tidak ditemukan; lihat: lpse-desk staff list",
        )

    def attempt_by_name(self, name: str, pin: str) -> LoginResult | None:
        """One PIN attempt for the account of that name (None: no such account).

        The PIN goes through the login lockout (``queries.logins``): five wrong PINs lock the
        account here as at the desk, and the attempt is recorded whatever its outcome."""
        with write_session(self.engine) as session:
            found = staff.find_by_name(session=session, name=name)
            if found is None:
                return None
            return logins.attempt(
                session=session, staff_id=found.id, pin=pin, now=self.clock.now()
            )

    def create_first(
        self, *, name: str, role: Role, pin: str, actor: str, default_loket: int | None
    ) -> StaffMember:
        """The first account of an empty database, made without an admin's PIN."""
        with write_session(self.engine) as session:
            # Checked again inside the write: two first admins typed at once make one.
            if staff.count_all(session=session):
                raise Conflict("Sudah ada akun petugas; ulangi dengan --admin NAMA dan PIN admin")
            return staff.create(
                session=session, name=name, role=role, pin=pin, actor=actor,
                now=self.clock.now(), default_loket=default_loket,
                min_length=self.pin_min_length,
            )  # fmt: skip
