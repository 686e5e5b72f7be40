"""Staff accounts: create, list, authenticate, and the admin's changes to them.

Every change an admin makes re-reads the acting account (``require_admin``): an admin
demoted or deactivated on another desk cannot go on changing accounts from a session that
started earlier.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from lpse_desk.domain import actors
from lpse_desk.domain.accounts import check_loket, clean_name, require_another_admin
from lpse_desk.domain.entities import StaffAccount, StaffMember
from lpse_desk.domain.errors import Conflict, PermissionDenied, ValidationError, found
from lpse_desk.domain.roles import Permission, Role, can, sits_at_loket
from lpse_desk.domain.security import PIN_MIN, check_pin_rules, hash_pin, verify_pin
from lpse_desk.store import convert
from lpse_desk.store.queries import events
from lpse_desk.store.tables.desk import EventRow, StaffRow


def count_active(*, session: Session) -> int:
    """How many active staff accounts exist (0 → the desk shows first-time setup)."""
    return session.exec(select(func.count()).select_from(StaffRow).where(StaffRow.active)).one()


def count_all(*, session: Session) -> int:
    """How many staff accounts exist, active or not (0 → only a first admin may be made)."""
    return session.exec(select(func.count()).select_from(StaffRow)).one()


def find_by_name(*, session: Session, name: str) -> StaffMember | None:
    """The account of that name, active or not (case-insensitive), or None."""
    wanted = " ".join(name.split()).casefold()
    for row in session.exec(select(StaffRow)).all():
        # Compared in Python: SQLite's lower() folds ASCII letters only (Zoë ≠ ZOË).
        if row.name.casefold() == wanted:
            return convert.staff(row)
    return None


def create(
    *,
    session: Session,
    name: str,
    role: Role,
    pin: str,
    actor: str,
    now: datetime,
    default_loket: int | None = None,
    min_length: int = PIN_MIN,
) -> StaffMember:
    """Add a staff account; Conflict if the name is taken (case-insensitive).

    No permission check here: the first admin, the demo and ``staffadmin.add`` (which checks
    the acting admin) call it.
    """
    cleaned = clean_name(name)
    check_loket(default_loket, role=role)
    pin_hash = hash_pin(pin, min_length=min_length)  # validates the PIN rules first
    if find_by_name(session=session, name=cleaned) is not None:
        raise Conflict(f"Nama petugas '{cleaned}' sudah terdaftar")
    row = StaffRow(
        name=cleaned,
        role=role.value,
        pin_hash=pin_hash,
        created_at=now,
        default_loket=default_loket,
    )
    events.saved(row, session=session, entity="staff", at=now, actor=actor,
                 action="staf_ditambahkan", to_state=role.value)  # fmt: skip
    return convert.staff(row)


def list_active(*, session: Session) -> list[StaffMember]:
    """Active staff, by name (for the login list)."""
    rows = session.exec(select(StaffRow).where(StaffRow.active).order_by(StaffRow.name)).all()
    return [convert.staff(row) for row in rows]


def authenticate(*, session: Session, staff_id: int, pin: str) -> StaffMember | None:
    """The staff member if ``pin`` is theirs and the account is active, else None."""
    row = session.get(StaffRow, staff_id)
    if row is None or not row.active or not verify_pin(pin, row.pin_hash):
        return None
    return convert.staff(row)


def current(*, session: Session, who: object) -> StaffMember | None:
    """The acting staff member as stored now (role and active flag re-read), or None when
    ``who`` is not a staff member (a CLI actor string) or no longer exists."""
    if not isinstance(who, StaffMember):
        return None
    row = session.get(StaffRow, who.id)
    return convert.staff(row) if row is not None else None


# --- the admin's changes ------------------------------------------------------------------

ADMIN_ONLY = "hanya admin aktif yang dapat mengelola akun petugas"
TEMPORARY_PIN_DIGITS = 6


def require_admin(*, session: Session, by: object) -> StaffMember:
    """The acting admin as stored now; PermissionDenied unless an active admin."""
    if not isinstance(by, StaffMember):
        raise PermissionDenied(f"Perubahan akun ditolak: {ADMIN_ONLY} (masuk dengan nama dan PIN)")
    stored = current(session=session, who=by)
    if stored is None:
        raise PermissionDenied(f"Akun #{by.id} tidak ditemukan lagi; {ADMIN_ONLY}")
    if not stored.active:
        raise PermissionDenied(f"Akun {stored.name} sudah nonaktif; {ADMIN_ONLY}")
    if not can(stored.role, Permission.MANAGE):  # DOMAIN.md §1: staff is the admin's
        raise PermissionDenied(f"{stored.name} berperan {stored.role.label}; {ADMIN_ONLY}")
    return stored


def _row(session: Session, staff_id: int) -> StaffRow:
    return found(
        session.get(StaffRow, staff_id),
        f"Akun petugas #{staff_id} tidak ditemukan; muat ulang daftarnya",
    )


def _keeps_an_admin(session: Session, row: StaffRow, change: str) -> None:
    """Refuse to take away the last active admin (nobody could manage the staff then)."""
    if row.role != Role.ADMIN.value or not row.active:
        return
    others = session.exec(
        select(func.count())
        .select_from(StaffRow)
        .where(StaffRow.active, StaffRow.role == Role.ADMIN.value, StaffRow.id != row.id)
    ).one()
    require_another_admin(row.name, active_admin=True, other_admins=others, change=change)


def _log(
    session: Session, admin: StaffMember, row: StaffRow, action: str, now: datetime, **states
) -> None:
    events.saved(row, session=session, entity="staff", at=now, actor=actors.actor_for(admin),
                 action=action, **states)  # fmt: skip


def add(
    *,
    session: Session,
    by: object,
    name: str,
    role: Role,
    pin: str,
    now: datetime,
    default_loket: int | None = None,
    min_length: int = PIN_MIN,
) -> StaffMember:
    """An admin adds an account (the event names the admin)."""
    admin = require_admin(session=session, by=by)
    return create(
        session=session,
        name=name,
        role=role,
        pin=pin,
        actor=actors.actor_for(admin),
        now=now,
        default_loket=default_loket,
        min_length=min_length,
    )


def set_active(
    *, session: Session, by: object, staff_id: int, active: bool, now: datetime
) -> StaffMember:
    """Deactivate (history stays, login refused) or reactivate an account."""
    admin = require_admin(session=session, by=by)
    row = _row(session, staff_id)
    if row.active == active:
        state = "aktif" if active else "nonaktif"
        raise Conflict(f"Akun {row.name} sudah {state}; tidak ada yang diubah")
    if not active:
        _keeps_an_admin(session, row, "dinonaktifkan")
    row.active = active
    _log(
        session, admin, row, "staf_diaktifkan" if active else "staf_dinonaktifkan", now,
        from_state="nonaktif" if active else "aktif", to_state="aktif" if active else "nonaktif",
    )  # fmt: skip
    return convert.staff(row)


def change_role(
    *, session: Session, by: object, staff_id: int, role: Role, now: datetime
) -> StaffMember:
    """Give an account another role; the last active admin keeps hers."""
    admin = require_admin(session=session, by=by)
    row = _row(session, staff_id)
    if row.role == role.value:
        raise Conflict(f"{row.name} sudah berperan {role.label}; tidak ada yang diubah")
    if role is not Role.ADMIN:
        _keeps_an_admin(session, row, "diturunkan perannya")
    before = row.role
    row.role = role.value
    if not sits_at_loket(role):
        row.default_loket = None  # a role at no loket keeps none (``check_loket``)
    _log(session, admin, row, "peran_diubah", now, from_state=before, to_state=role.value)
    return convert.staff(row)


def temporary_pin() -> str:
    """A random PIN that passes the PIN rules, for a reset."""
    while True:
        pin = "".join(secrets.choice("0123456789") for _ in range(TEMPORARY_PIN_DIGITS))
        try:
            return check_pin_rules(pin)
        except ValidationError:
            continue


def reset_pin(
    *, session: Session, by: object, staff_id: int, now: datetime, pin: str | None = None
) -> str:
    """Give the account a temporary PIN (``pin``, or a random one) that must be changed at the
    next login; returns it, to be told to the officer. The event never holds the PIN."""
    admin = require_admin(session=session, by=by)
    row = _row(session, staff_id)
    temporary = pin if pin is not None else temporary_pin()
    row.pin_hash = hash_pin(temporary)
    row.must_change_pin = True
    _log(session, admin, row, "pin_direset", now, reason="wajib ganti PIN saat masuk")
    return temporary


def change_own_pin(
    *, session: Session, who: object, pin: str, now: datetime, min_length: int = PIN_MIN
) -> StaffMember:
    """The officer sets her own new PIN (after a reset); clears ``must_change_pin``."""
    stored = current(session=session, who=who)
    if stored is None or not stored.active:
        raise PermissionDenied("Akun ini tidak aktif lagi; PIN tidak diganti")
    row = _row(session, stored.id)
    check_pin_rules(pin, min_length=min_length)
    if verify_pin(pin, row.pin_hash):
        raise ValidationError("PIN baru harus berbeda dari PIN yang sekarang", field="pin")
    row.pin_hash = hash_pin(pin, min_length=min_length)
    row.must_change_pin = False
    _log(session, stored, row, "pin_diganti", now)
    return convert.staff(row)


def list_all(*, session: Session) -> list[StaffAccount]:
    """Every account, active or not, by name, with its last successful login."""
    rows = session.exec(select(StaffRow).order_by(StaffRow.name)).all()
    last = dict(
        session.exec(
            select(EventRow.entity_id, func.max(EventRow.at))
            .where(EventRow.entity == "staff", EventRow.action == "masuk")
            .group_by(EventRow.entity_id)
        ).all()
    )
    return [StaffAccount(member=convert.staff(row), last_login=last.get(row.id)) for row in rows]
