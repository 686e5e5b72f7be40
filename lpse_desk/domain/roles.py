"""Staff roles and what each may do (DOMAIN.md §1)."""

from __future__ import annotations

from enum import StrEnum

from lpse_desk.domain.labelled import Labelled


class Role(Labelled):
    """A staff member's role."""

    PETUGAS = "petugas", "Petugas loket"
    VERIFIKATOR = "verifikator", "Verifikator"
    ADMIN = "admin", "Admin / Kepala"


ROLE_LABELS: dict[Role, str] = Role.labels()


class Permission(StrEnum):
    """An action that only some roles may take."""

    COUNTER = "counter"  # queue, intake, receipts, daring video calls, survey kiosk
    REVEAL_PERSONAL_ID = "reveal_personal_id"  # see a full NIK / personal NPWP (logged)
    DECIDE_CASES = "decide_cases"
    MANAGE = "manage"  # staff, catalog, calendar, settings
    REPORTS = "reports"


_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.PETUGAS: frozenset(
        {Permission.COUNTER, Permission.REVEAL_PERSONAL_ID, Permission.REPORTS}
    ),
    Role.VERIFIKATOR: frozenset(
        {Permission.REVEAL_PERSONAL_ID, Permission.DECIDE_CASES, Permission.REPORTS}
    ),
    Role.ADMIN: frozenset(Permission),
}


def parse_role(value: str) -> Role:
    """The role named by ``value``; ValueError with an Indonesian message otherwise."""
    try:
        return Role(value.strip().lower())
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        raise ValueError(f"Peran '{value}' tidak dikenal; pilih salah satu: {choices}") from None


def can(role: Role, permission: Permission) -> bool:
    """Whether ``role`` holds ``permission``."""
    return permission in _GRANTS[role]


def sits_at_loket(role: Role) -> bool:
    """Whether ``role`` works at a loket (serves the queue there): it logs in at one, may
    have a default one, and leaves its number there. A verifier sits at none."""
    return can(role, Permission.COUNTER)
