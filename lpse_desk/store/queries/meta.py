"""Facts about the database itself, kept in ``desk_meta``."""

from __future__ import annotations

import secrets

from sqlalchemy import func, update
from sqlmodel import Session, select

from lpse_desk.store.tables.cases import CaseRow, ReceiptCounterRow, TicketCounterRow
from lpse_desk.store.tables.desk import DeskMeta, StaffRow
from lpse_desk.store.tables.queue import VisitRow
from lpse_desk.store.tables.vendors import VendorRow

CounterRow = ReceiptCounterRow | TicketCounterRow

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


SECRET_KEY = "receipt_secret"


def installation_secret(*, session: Session) -> bytes:
    """The per-installation key that signs receipts and seals the event log (made on first
    use, kept in the store)."""
    value = get(session=session, key=SECRET_KEY)
    if value is None:
        value = secrets.token_hex(32)
        put(session=session, key=SECRET_KEY, value=value)
        session.flush()
    return bytes.fromhex(value)


def installation_secret_if_any(*, session: Session) -> bytes | None:
    """The receipt key, if this store ever made one (reading never creates it)."""
    value = get(session=session, key=SECRET_KEY)
    return bytes.fromhex(value) if value else None


def bump_counter(*, session: Session, table: type[CounterRow], year: int) -> int:
    """The next number of a per-year counter (receipts, desk tickets); inside a write session."""
    bumped = session.execute(
        update(table)
        .where(table.year == year)
        .values(last_number=table.last_number + 1)
        .returning(table.last_number)
    ).scalar_one_or_none()
    if bumped is not None:
        return bumped
    session.add(table(year=year, last_number=1))
    session.flush()
    return 1
