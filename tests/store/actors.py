"""Actors for store tests: real staff accounts with known ids (``seed`` creates them in a
fresh database) and command-line actors, so every desk action's role check runs for real."""

from __future__ import annotations

from datetime import datetime

from lpse_desk.domain.access import SystemActor
from lpse_desk.domain.clock import WIB
from lpse_desk.domain.entities import StaffMember
from lpse_desk.domain.roles import Permission, Role, can
from lpse_desk.store.db import write_session
from lpse_desk.store.queries import staff
from lpse_desk.store.tables.desk import StaffRow

P = StaffMember(id=1, name="Putri Loket", role=Role.PETUGAS, active=True)
"""A counter officer."""
RATNA = StaffMember(id=2, name="Ratna Kepala", role=Role.ADMIN, active=True)
"""An admin (a counter role too)."""
KIOS = SystemActor("kios")
"""A plain actor allowed what the CLI may do: take numbers, check bookings in, import."""
CLI = SystemActor("cli:uji")
"""The command line."""
IMPORTER = SystemActor("admin")
"""The CLI importing a booking file (named as older tests expect it in the log)."""
SEEDED = 2
"""Events ``seed`` writes (one per account created)."""


def seed(engine, clock=None) -> None:
    """Create ``P`` and ``RATNA`` in a database without staff (their ids must match);
    nothing when they are there already."""
    now = clock.now() if clock is not None else datetime.now(WIB)
    with write_session(engine) as session:
        for member in (P, RATNA):
            stored = session.get(StaffRow, member.id)
            if stored is not None and stored.name == member.name:
                continue
            made = staff.create(
                session=session, name=member.name, role=member.role, pin="2468",
                actor="penyiapan-uji", now=now,
            )  # fmt: skip
            assert made.id == member.id, "seed() needs a database without staff"


def counter_officer(engine) -> StaffMember:
    """An active counter account (petugas loket or admin) of this database; one is created
    when there is none (for tests on a database whose staff another fixture made)."""
    with write_session(engine) as session:
        for member in staff.list_active(session=session):
            if can(member.role, Permission.COUNTER):
                return member
        return staff.create(session=session, name="Petugas Uji", role=Role.PETUGAS,
                            pin="2468", actor="penyiapan-uji", now=datetime.now(WIB))  # fmt: skip
