"""MPP bookings: importing the app's list and checking a visitor in by booking code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import update
from sqlmodel import Session, select

from lpse_desk.domain.bookings import BookingDraft, normalize_booking_code
from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.csvfile import LineProblem
from lpse_desk.domain.entities import Visit, format_ticket
from lpse_desk.domain.errors import Conflict, NotFound, ValidationError
from lpse_desk.domain.queue.rules import TicketHolder
from lpse_desk.domain.textfmt import format_date_id
from lpse_desk.store.queries import events, queue
from lpse_desk.store.tables.queue import BookingRow, VisitRow


@dataclass(frozen=True)
class Booking:
    """An imported booking."""

    id: int
    code: str
    name: str
    phone: str | None
    service_code: str
    slot_at: datetime
    visit_id: int | None


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    added: int
    unchanged: int
    """Rows already imported with the same data (the same file imported twice)."""


def _booking(row: BookingRow) -> Booking:
    return Booking(
        row.id, row.code, row.name, row.phone, row.service_code, row.slot_at, row.visit_id
    )


def _same(row: BookingRow, draft: BookingDraft) -> bool:
    return (
        row.name == draft.name
        and (row.phone or None) == (draft.phone or None)
        and row.service_code == draft.service_code
        and row.slot_at == draft.slot_at
    )


def _stored(session: Session, drafts: Sequence[BookingDraft]) -> dict[str, BookingRow]:
    """The stored bookings with the drafts' codes (SQLite allows 999 parameters: 500 a query)."""
    codes = [draft.code for draft in drafts]
    return {
        row.code: row
        for chunk_start in range(0, len(codes), 500)
        for row in session.exec(
            select(BookingRow).where(BookingRow.code.in_(codes[chunk_start : chunk_start + 500]))
        ).all()
    }


def _clash(draft: BookingDraft) -> LineProblem:
    return LineProblem(
        draft.line,
        None,
        f"kode booking {draft.code} sudah diimpor dengan data lain (nama, layanan, tanggal "
        "atau jam berbeda)",
    )


def conflicts(*, session: Session, drafts: Sequence[BookingDraft]) -> list[LineProblem]:
    """The drafts whose code is already stored with other data, as problems of their line."""
    stored = _stored(session, drafts)
    return [
        _clash(draft)
        for draft in drafts
        if draft.code in stored and not _same(stored[draft.code], draft)
    ]


def add_batch(
    *,
    session: Session,
    drafts: Sequence[BookingDraft],
    now: datetime,
    actor: str,
    source: str,
    part: bool = False,
) -> ImportResult:
    """Add the drafts whose code is not stored yet, in the caller's transaction.

    A code stored with the same data is skipped, so a batch written once already (an
    import interrupted and run again) adds nothing. A code stored with other data (another
    desk imported a different list meanwhile) is a ValidationError for that line. The event
    names the batch's lines when it is ``part`` of a longer file.
    """
    stored = _stored(session, drafts)
    clashes = [
        draft for draft in drafts if draft.code in stored and not _same(stored[draft.code], draft)
    ]
    if clashes:
        raise ValidationError(_clash(clashes[0]).message, field="kode_booking")
    fresh = [draft for draft in drafts if draft.code not in stored]
    for draft in fresh:
        session.add(
            BookingRow(
                code=draft.code,
                name=draft.name,
                phone=draft.phone,
                service_code=draft.service_code,
                booked_date=draft.slot_at.date(),
                slot_at=draft.slot_at,
                imported_at=now,
                imported_by=actor,
            )
        )
    session.flush()
    if fresh:
        events.imported(session=session, at=now, actor=actor, entity="booking",
                        action="booking_diimpor", count=len(fresh), what="booking", source=source,
                        lines=(drafts[0].line, drafts[-1].line) if part else None)  # fmt: skip
    return ImportResult(added=len(fresh), unchanged=len(drafts) - len(fresh))


def find(*, session: Session, code: str) -> Booking:
    """The booking with this code; ValidationError when malformed, NotFound when unknown."""
    wanted = normalize_booking_code(code)
    row = session.exec(select(BookingRow).where(BookingRow.code == wanted)).first()
    if row is None:
        raise NotFound(
            f"Kode booking {wanted} tidak ditemukan; periksa kodenya atau impor daftar booking "
            "MPP hari ini dulu."
        )
    return _booking(row)


def check_in(
    *,
    session: Session,
    catalog: Catalog,
    code: str,
    now: datetime,
    actor: str,
    service_code: str | None = None,
    priority: str | None = None,
) -> Visit:
    """Give the booked visitor a ticket; the booking's slot puts them ahead when due."""
    booking = find(session=session, code=code)
    if booking.slot_at.date() != now.date():
        raise Conflict(
            f"Booking {booking.code} untuk {format_date_id(booking.slot_at.date())}, "
            "bukan hari ini."
        )
    if booking.visit_id is not None:
        row = session.get(VisitRow, booking.visit_id)
        raise Conflict(
            f"Booking {booking.code} sudah check-in dengan nomor "
            f"{format_ticket(row.prefix, row.number)}."
        )
    if service_code and service_code.strip().upper() != booking.service_code:
        raise Conflict(
            f"Booking {booking.code} untuk layanan {booking.service_code}, "
            f"bukan {service_code.strip().upper()}."
        )
    holder = TicketHolder(visitor_name=booking.name, phone=booking.phone, priority=priority,
                          booking_code=booking.code, booked_for=booking.slot_at)  # fmt: skip
    visit = queue.take_number(session=session, catalog=catalog, service_code=booking.service_code,
                              now=now, actor=actor, holder=holder)  # fmt: skip
    claimed = session.execute(
        update(BookingRow)
        .where(BookingRow.id == booking.id, BookingRow.visit_id.is_(None))
        .values(visit_id=visit.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:  # another desk checked the same booking in a moment ago
        raise Conflict(f"Booking {booking.code} baru saja check-in di loket lain.")
    return visit


def of_day(*, session: Session, day: date) -> list[Booking]:
    """The day's bookings by slot."""
    rows = session.exec(
        select(BookingRow).where(BookingRow.booked_date == day).order_by(BookingRow.slot_at)
    ).all()
    return [_booking(row) for row in rows]
