"""Staff accounts: create, list, authenticate."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from lpse_desk.domain.entities import StaffMember
from lpse_desk.domain.errors import Conflict, ValidationError
from lpse_desk.domain.roles import Role
from lpse_desk.domain.security import hash_pin, verify_pin
from lpse_desk.store import convert, events
from lpse_desk.store.tables import StaffRow

NAME_MAX = 100


def count_active(*, session: Session) -> int:
    """How many active staff accounts exist (0 → the desk shows first-time setup)."""
    return session.exec(select(func.count()).select_from(StaffRow).where(StaffRow.active)).one()


def clean_name(name: str) -> str:
    """A staff name with spaces tidied; ValidationError if empty or too long."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValidationError("Nama petugas wajib diisi", field="name")
    if len(cleaned) > NAME_MAX:
        raise ValidationError(
            f"Nama petugas paling panjang {NAME_MAX} karakter; terisi {len(cleaned)}",
            field="name",
        )
    if not cleaned.isprintable():
        raise ValidationError("Nama petugas berisi karakter yang tidak dapat dicetak", field="name")
    return cleaned


def create(
    *, session: Session, name: str, role: Role, pin: str, actor: str, now: datetime
) -> StaffMember:
    """Add a staff account; Conflict if the name is taken (case-insensitive)."""
    cleaned = clean_name(name)
    pin_hash = hash_pin(pin)  # validates the PIN rules first
    # Compared in Python: SQLite's lower() folds ASCII letters only (Zoë ≠ ZOË).
    wanted = cleaned.casefold()
    names = session.exec(select(StaffRow.name)).all()
    if any(name.casefold() == wanted for name in names):
        raise Conflict(f"Nama petugas '{cleaned}' sudah terdaftar")
    row = StaffRow(name=cleaned, role=role.value, pin_hash=pin_hash, created_at=now)
    session.add(row)
    session.flush()
    events.record(
        session=session,
        at=now,
        actor=actor,
        entity="staff",
        entity_id=row.id,
        action="staf_ditambahkan",
        to_state=role.value,
    )
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
