"""Facts about the database itself, kept in ``desk_meta``."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from lpse_desk.store.tables import CaseRow, DeskMeta, StaffRow, VendorRow, VisitRow

DEMO_KEY = "demo"


def get(*, session: Session, key: str) -> str | None:
    """The stored value of ``key``."""
    row = session.get(DeskMeta, key)
    return row.value if row else None


def put(*, session: Session, key: str, value: str) -> None:
    """Store ``value`` under ``key``."""
    row = session.get(DeskMeta, key) or DeskMeta(key=key, value=value)
    row.value = value
    session.add(row)


def is_demo(*, session: Session) -> bool:
    """Whether this database was filled by ``lpse-desk demo``."""
    return get(session=session, key=DEMO_KEY) == "1"


def holds_data(*, session: Session) -> bool:
    """Whether any staff, vendor, visit or case exists."""
    for table in (StaffRow, VendorRow, VisitRow, CaseRow):
        if session.exec(select(func.count()).select_from(table)).one():
            return True
    return False
