"""Facts about the database itself, kept in ``desk_meta``."""

from __future__ import annotations

import secrets

from sqlalchemy import func
from sqlmodel import Session, select

from lpse_desk.store import upsert
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
    """Store ``value`` under ``key`` (one statement: two desks storing it at once both succeed)."""
    upsert.put(session, DeskMeta, keys={"key": key}, values={"value": value})
    for row in list(session.identity_map.values()):
        if isinstance(row, DeskMeta) and row.key == key:
            session.expire(row)  # read earlier in this session: it shows the new value


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
        # Made once: a second desk making its own at the same instant keeps the first one's.
        upsert.insert_once(
            session, DeskMeta, keys={"key": SECRET_KEY}, values={"value": secrets.token_hex(32)}
        )
        value = session.exec(select(DeskMeta.value).where(DeskMeta.key == SECRET_KEY)).one()
    return bytes.fromhex(value)


def installation_secret_if_any(*, session: Session) -> bytes | None:
    """The receipt key, if this store ever made one (reading never creates it)."""
    value = get(session=session, key=SECRET_KEY)
    return bytes.fromhex(value) if value else None


def next_number(
    *, session: Session, table: type[CounterRow], year: int, prefix: str
) -> tuple[int, str]:
    """The next number of a per-year counter (receipts, desk tickets) and its text,
    ``<prefix>/2026/000123``; inside a write session."""
    seq = upsert.bump(session, table, keys={"year": year})
    return seq, f"{prefix}/{year}/{seq:06d}"
