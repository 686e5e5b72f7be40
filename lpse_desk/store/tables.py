"""All SQLModel tables in one module. Schema changes go through Alembic migrations."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from lpse_desk.store.types import UTCDateTime


def _ts(*, nullable: bool = False, index: bool = False) -> Column:
    return Column(UTCDateTime(), nullable=nullable, index=index)


class DeskMeta(SQLModel, table=True):
    """Key/value facts about this database (e.g. that it is a demo)."""

    __tablename__ = "desk_meta"
    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=1000)


class StaffRow(SQLModel, table=True):
    """A counter officer, verifier or admin."""

    __tablename__ = "staff"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    role: str = Field(max_length=20)
    pin_hash: str = Field(max_length=200)
    active: bool = Field(default=True)
    created_at: datetime = Field(sa_column=_ts())


class VendorRow(SQLModel, table=True):
    """A penyedia. ``npwp`` is normalised digits and unique when present.

    The ``name_key_*`` and ``user_id_key`` columns are derived search keys (see
    ``store.vendors.search_keys``), rewritten whenever the name, legal form or user ID changes.
    """

    __tablename__ = "vendor"
    # PostgreSQL uses a btree for ``LIKE 'prefix%'`` only with the pattern operator class.
    __table_args__ = tuple(
        Index(f"ix_vendor_{key}", key, postgresql_ops={key: "varchar_pattern_ops"})
        for key in (*(f"name_key_{n}" for n in range(1, 7)), "user_id_key")
    )
    id: int | None = Field(default=None, primary_key=True)
    legal_form: str = Field(max_length=20)
    name: str = Field(max_length=200, index=True)
    npwp: str | None = Field(default=None, max_length=16, unique=True)
    nib: str | None = Field(default=None, max_length=13, index=True)
    spse_user_id: str | None = Field(default=None, max_length=100, index=True)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=20)
    address: str | None = Field(default=None, max_length=500)
    director_name: str | None = Field(default=None, max_length=200)
    director_nik: str | None = Field(default=None, max_length=16)
    created_at: datetime = Field(sa_column=_ts())
    updated_at: datetime = Field(sa_column=_ts())
    name_key_1: str | None = Field(default=None, max_length=250)
    """The name's search words (accents and case folded, legal-form words last)."""
    name_key_2: str | None = Field(default=None, max_length=250)
    """The same words rotated to start at the 2nd, so a prefix search finds any word."""
    name_key_3: str | None = Field(default=None, max_length=250)
    name_key_4: str | None = Field(default=None, max_length=250)
    name_key_5: str | None = Field(default=None, max_length=250)
    name_key_6: str | None = Field(default=None, max_length=250)
    user_id_key: str | None = Field(default=None, max_length=100)
    """The SPSE user ID folded to lower case."""


class QueueCounterRow(SQLModel, table=True):
    """The last number issued per service per WIB day, bumped inside a write transaction."""

    __tablename__ = "queue_counter"
    service_date: date = Field(primary_key=True)
    service_code: str = Field(primary_key=True, max_length=8)
    last_number: int = Field(default=0)


class VisitRow(SQLModel, table=True):
    """One queue ticket."""

    __tablename__ = "visit"
    __table_args__ = (
        # The ticket (prefix and number) is the visitor's for the day, even after a
        # transfer to another service changes ``service_code``.
        UniqueConstraint("service_date", "prefix", "number", name="uq_visit_ticket"),
        Index("ix_visit_day_status", "service_date", "status"),
    )
    id: int | None = Field(default=None, primary_key=True)
    service_date: date
    service_code: str = Field(max_length=8)
    prefix: str = Field(max_length=2)
    number: int
    status: str = Field(max_length=20)
    visitor_name: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=20)
    priority: str | None = Field(default=None, max_length=20)
    booking_code: str | None = Field(default=None, max_length=40, index=True)
    loket: int | None = None
    served_by: int | None = Field(default=None, foreign_key="staff.id")
    outcome: str | None = Field(default=None, max_length=200)
    arrived_at: datetime = Field(sa_column=_ts())
    called_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    finished_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    booked_for: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    """The booking's slot, for a visit that checked in with a booking."""
    front_since: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    """Set when a held or no-show visitor is put back at the front of the queue."""
    served_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    transferred_from: str | None = Field(default=None, max_length=8)
    status_note: str | None = Field(default=None, max_length=500)
    """The reason given with the last move (why on hold, why transferred)."""


class BookingRow(SQLModel, table=True):
    """A slot booked in the MPP app, imported from its CSV list."""

    __tablename__ = "booking"
    __table_args__ = (Index("ix_booking_day", "booked_date"),)
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True)
    name: str = Field(max_length=200)
    phone: str | None = Field(default=None, max_length=20)
    service_code: str = Field(max_length=8)
    booked_date: date
    slot_at: datetime = Field(sa_column=_ts())
    imported_at: datetime = Field(sa_column=_ts())
    imported_by: str = Field(max_length=120)
    visit_id: int | None = Field(default=None, foreign_key="visit.id")


class QueueCallRow(SQLModel, table=True):
    """Every call and recall of a ticket to a loket; the display board reads these."""

    __tablename__ = "queue_call"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=_ts(index=True))
    visit_id: int = Field(foreign_key="visit.id", index=True)
    ticket: str = Field(max_length=10)
    service_code: str = Field(max_length=8)
    loket: int
    recall: bool = Field(default=False)


class LoketRow(SQLModel, table=True):
    """A counter and whether it is open, paused or closed."""

    __tablename__ = "loket"
    number: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    status: str = Field(max_length=10)
    reason: str | None = Field(default=None, max_length=200)
    staff_id: int | None = Field(default=None, foreign_key="staff.id")
    since: datetime = Field(sa_column=_ts())


class CaseRow(SQLModel, table=True):
    """One service request of one vendor, from intake to closure."""

    __tablename__ = "case"
    __table_args__ = (Index("ix_case_status_due", "status", "due_at"),)
    id: int | None = Field(default=None, primary_key=True)
    service_code: str = Field(max_length=8)
    procedure: str = Field(max_length=20)
    status: str = Field(max_length=30)
    vendor_id: int | None = Field(default=None, foreign_key="vendor.id", index=True)
    visit_id: int | None = Field(default=None, foreign_key="visit.id", index=True)
    intake_by: int | None = Field(default=None, foreign_key="staff.id")
    assigned_to: int | None = Field(default=None, foreign_key="staff.id")
    bearer_name: str | None = Field(default=None, max_length=200)
    bearer_is_director: bool = Field(default=True)
    helpdesk_request_no: str | None = Field(default=None, max_length=60)
    note: str | None = Field(default=None, max_length=2000)
    created_at: datetime = Field(sa_column=_ts())
    handed_off_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    due_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    paused_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    remaining_seconds: int | None = None
    closed_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    vendor_type: str | None = Field(default=None, max_length=20)
    """The catalog's vendor type the checklist was built for (PT, CV, …)."""
    sikap_given: bool = Field(default=False)
    sikap_note: str | None = Field(default=None, max_length=1000)
    """What was filled in during the SIKaP assistance (seed step 13)."""
    topic: str | None = Field(default=None, max_length=300)
    """KONS: the consultation's topic; LAT: what training is asked for."""
    advice: str | None = Field(default=None, max_length=2000)
    """KONS: the advice given."""
    duration_minutes: int | None = None


class DocumentCheckRow(SQLModel, table=True):
    """Per requirement of a case: original shown, copy received, expiry, note."""

    __tablename__ = "document_check"
    __table_args__ = (UniqueConstraint("case_id", "requirement_id", name="uq_doc_requirement"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    requirement_id: str = Field(max_length=60)
    name: str = Field(max_length=300)
    mandatory: bool = Field(default=True)
    original_shown: bool = Field(default=False)
    copy_received: bool = Field(default=False)
    expiry_date: date | None = None
    note: str = Field(default="", max_length=1000)


class TicketCounterRow(SQLModel, table=True):
    """The last desk ticket number issued per year."""

    __tablename__ = "ticket_counter"
    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    last_number: int = Field(default=0)


class DeskTicketRow(SQLModel, table=True):
    """The desk's own service ticket of a case, kept ready for an external helpdesk."""

    __tablename__ = "desk_ticket"
    __table_args__ = (UniqueConstraint("year", "seq", name="uq_ticket_seq"),)
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=40, unique=True)
    year: int
    seq: int
    case_id: int = Field(foreign_key="case.id", unique=True)
    subject: str = Field(max_length=300)
    message: str = Field(sa_column=Column(Text, nullable=False))
    attachments: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    """JSON list of file paths to attach (the receipt PDF)."""
    created_at: datetime = Field(sa_column=_ts())
    sent_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    external_ref: str | None = Field(default=None, max_length=100)


class ReceiptCounterRow(SQLModel, table=True):
    """The last receipt number issued per year."""

    __tablename__ = "receipt_counter"
    year: int = Field(primary_key=True)
    last_number: int = Field(default=0)


class ReceiptRow(SQLModel, table=True):
    """A tanda terima (or an incomplete-file slip) issued for a case."""

    __tablename__ = "receipt"
    __table_args__ = (UniqueConstraint("year", "seq", name="uq_receipt_seq"),)
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=40, unique=True)
    year: int
    seq: int
    kind: str = Field(default="tanda_terima", max_length=20)
    case_id: int = Field(foreign_key="case.id", index=True)
    issued_by: int | None = Field(default=None, foreign_key="staff.id")
    issued_at: datetime = Field(sa_column=_ts())
    file_path: str | None = Field(default=None, max_length=500)
    payload: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    """The receipt's data as printed (JSON), so it can be reprinted and verified."""
    sha256: str | None = Field(default=None, max_length=64)
    """Hash of the original PDF's bytes."""
    copies: int = Field(default=0)
    """How many copies (reprints) were made."""


class EventRow(SQLModel, table=True):
    """Append-only log of every state change (triggers refuse UPDATE and DELETE)."""

    __tablename__ = "event"
    __table_args__ = (Index("ix_event_entity", "entity", "entity_id"),)
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=_ts(index=True))
    actor: str = Field(max_length=120)
    entity: str = Field(max_length=30)
    entity_id: int
    action: str = Field(max_length=60)
    from_state: str | None = Field(default=None, max_length=60)
    to_state: str | None = Field(default=None, max_length=60)
    reason: str | None = Field(default=None, max_length=2000)
