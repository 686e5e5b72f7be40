"""Actors for store tests: real staff accounts with known ids (``seed`` creates them in a
fresh database) and command-line actors, so every desk action's role check runs for real."""

from __future__ import annotations

from lpse_desk.domain.access import SystemActor
from lpse_desk.domain.entities import StaffMember
from lpse_desk.domain.roles import Role
from lpse_desk.store import staff
from lpse_desk.store.db import write_session

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


def seed(engine, clock) -> None:
    """Create ``P`` and ``RATNA`` in a database without staff (their ids must match)."""
    with write_session(engine) as session:
        for member in (P, RATNA):
            made = staff.create(
                session=session, name=member.name, role=member.role, pin="2468",
                actor="penyiapan-uji", now=clock.now(),
            )  # fmt: skip
            assert made.id == member.id, "seed() needs a database without staff"
