"""All SQLModel tables in one module. Schema changes go through Alembic migrations."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, Integer, Text, UniqueConstraint
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
    must_change_pin: bool = Field(default=False)
    """An admin reset the PIN: the officer sets a new one at the next login."""
    default_loket: int | None = Field(default=None)
    """The loket (1–99) the login screen proposes for this account."""


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
    __table_args__ = (
        Index("ix_case_status_due", "status", "due_at"),
        # One case per visit and service: a double submission cannot record two.
        Index("uq_case_visit_service", "visit_id", "service_code", unique=True),
        CheckConstraint("evaluation_score BETWEEN 1 AND 5", name="ck_case_evaluation_score"),
    )
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
    assigned_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    """When the case was last assigned to a verifier (``assigned_to``)."""
    decided_by: int | None = Field(default=None, foreign_key="staff.id")
    """The verifier who approved, returned or rejected the case last."""
    decided_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    decision_reason: str | None = Field(default=None, max_length=30)
    """A rejection's reason code (``domain.review.RefusalReason``)."""
    decision_note: str | None = Field(default=None, max_length=2000)
    """What the verifier wrote with the last decision (what to fix, why rejected)."""
    spse_user_id: str | None = Field(default=None, max_length=100)
    """REG: the SPSE user ID activated; UID: the user ID told to the vendor."""
    activated_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    """REG: when the SPSE account was activated."""
    evaluation_score: int | None = None
    """The vendor's service evaluation at the kiosk, 1–5 (CHECK ``ck_case_evaluation_score``)."""
    evaluation_comment: str | None = Field(default=None, max_length=1000)
    evaluated_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))


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
    meterai_invalid: bool = Field(default=False)
    """Brought, but its meterai is missing or not Rp 10.000: missing until cleared."""
    original_call_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("video_call.id", name="fk_document_check_original_call")),
    )
    """Daring: the held video call on which the original was seen."""
    decision: str | None = Field(default=None, max_length=20)
    """The verifier's verdict (``diterima``/``ditolak``); None while undecided."""
    decision_reason: str | None = Field(default=None, max_length=30)
    decision_note: str = Field(default="", max_length=300)
    decided_by: int | None = Field(default=None, foreign_key="staff.id")
    decided_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))


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
    """Append-only log of every state change, sealed in a hash chain (``store.eventchain``).

    Triggers refuse UPDATE, DELETE and an INSERT (or REPLACE) over an existing id; the chain
    shows an edit made after dropping them.
    """

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
    prev_hash: str | None = Field(default=None, max_length=64)
    """The ``chain_hash`` of the event before it in the chain (64 zeros for the first)."""
    chain_hash: str | None = Field(default=None, max_length=64)
    """HMAC-SHA256 of this event's content and ``prev_hash``, keyed by the installation.

    Nullable only because migration 0008 adds it to existing rows; the desk always sets it.
    """


class EventChainRow(SQLModel, table=True):
    """The end of the event chain: one row, taken (UPDATE) by every writer of an event.

    Taking it first serialises writers on every database, so event ids follow the chain.
    ``seal`` is an HMAC of the two other columns: moving the end back by hand shows.
    """

    __tablename__ = "event_chain"
    __table_args__ = (CheckConstraint("id = 1", name="ck_event_chain_one_row"),)
    id: int = Field(default=1, sa_column=Column(Integer, primary_key=True, autoincrement=False))
    last_id: int
    """The id of the last event in the chain (0 while the log is empty)."""
    last_hash: str = Field(max_length=64)
    """The ``chain_hash`` of that event."""
    seal: str = Field(max_length=64)


IKM_UNSUR_COLUMNS = (
    "persyaratan",
    "prosedur",
    "waktu",
    "biaya",
    "produk",
    "kompetensi",
    "perilaku",
    "pengaduan",
    "sarana",
)
"""The nine IKM unsur as columns of ``ikm_response``, keyed by name (DOMAIN.md §6)."""


class IkmResponseRow(SQLModel, table=True):
    """One anonymous IKM questionnaire (kiosk or paper): never who answered.

    ``visit_id`` is unique, so a visit has at most one response; paper ones have none.
    Every unsur score is 1–4, enforced by CHECK constraints as well as by the domain.
    """

    __tablename__ = "ikm_response"
    __table_args__ = (
        Index("ix_ikm_response_day", "service_date", "service_code"),
        CheckConstraint("source IN ('kiosk', 'kertas')", name="ck_ikm_response_source"),
        *(
            CheckConstraint(f"{name} BETWEEN 1 AND 4", name=f"ck_ikm_response_{name}")
            for name in IKM_UNSUR_COLUMNS
        ),
        CheckConstraint("usia IS NULL OR usia BETWEEN 10 AND 120", name="ck_ikm_response_usia"),
    )
    id: int | None = Field(default=None, primary_key=True)
    visit_id: int | None = Field(default=None, foreign_key="visit.id", unique=True)
    case_id: int | None = Field(default=None, foreign_key="case.id")
    service_code: str = Field(max_length=8)
    service_date: date
    """The WIB day of the service the response is about."""
    responded_at: datetime = Field(sa_column=_ts())
    source: str = Field(max_length=10)
    """``kiosk`` or ``kertas`` (a paper questionnaire imported from CSV)."""
    persyaratan: int
    prosedur: int
    waktu: int
    biaya: int
    produk: int
    kompetensi: int
    perilaku: int
    pengaduan: int
    sarana: int
    saran: str | None = Field(default=None, max_length=2000)
    jenis_kelamin: str | None = Field(default=None, max_length=1)
    usia: int | None = None
    pendidikan: str | None = Field(default=None, max_length=10)
    pekerjaan: str | None = Field(default=None, max_length=20)
    import_batch: str | None = Field(default=None, max_length=40)
    """The paper import this row came from (the file's hash prefix)."""


class IkmFollowupRow(SQLModel, table=True):
    """A follow-up item for a response with any unsur at 1 or 2, open until handled."""

    __tablename__ = "ikm_followup"
    id: int | None = Field(default=None, primary_key=True)
    response_id: int = Field(foreign_key="ikm_response.id", unique=True)
    opened_at: datetime = Field(sa_column=_ts())
    handled_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True, index=True))
    handled_by: int | None = Field(default=None, foreign_key="staff.id")
    note: str | None = Field(default=None, max_length=1000)


class CaseCheckRow(SQLModel, table=True):
    """A cross-document consistency check of a case, confirmed by a verifier."""

    __tablename__ = "case_check"
    __table_args__ = (UniqueConstraint("case_id", "code", name="uq_case_check"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    code: str = Field(max_length=40)
    label: str = Field(max_length=300)
    note: str = Field(default="", max_length=300)
    confirmed_by: int | None = Field(default=None, foreign_key="staff.id")
    confirmed_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    """None: the confirmation was withdrawn."""


class CaseChangeRow(SQLModel, table=True):
    """One change a UBAH case asks for; old and new values stay in the case once applied."""

    __tablename__ = "case_change"
    __table_args__ = (UniqueConstraint("case_id", "field", name="uq_case_change_field"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    field: str = Field(max_length=20)
    old_value: str | None = Field(default=None, max_length=500)
    new_value: str = Field(max_length=500)
    requested_by: int | None = Field(default=None, foreign_key="staff.id")
    requested_at: datetime = Field(sa_column=_ts())
    applied_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))


class VideoCallRow(SQLModel, table=True):
    """A daring case's video call; a call made after a missed one names it (``rescheduled_from``)."""

    __tablename__ = "video_call"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    scheduled_for: datetime = Field(sa_column=_ts())
    channel: str = Field(max_length=20)
    detail: str = Field(default="", max_length=300)
    status: str = Field(max_length=20)
    attendees: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    """JSON list of who attended (name and role)."""
    evidence: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    """JSON list of file paths or notes (photos of the originals, the recording)."""
    note: str = Field(default="", max_length=300)
    scheduled_by: int | None = Field(default=None, foreign_key="staff.id")
    scheduled_at: datetime = Field(sa_column=_ts())
    held_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    recorded_by: int | None = Field(default=None, foreign_key="staff.id")
    rescheduled_from: int | None = Field(default=None, foreign_key="video_call.id")


class NotificationRow(SQLModel, table=True):
    """The helpdesk message a decision produced, and when it was sent."""

    __tablename__ = "notification"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    kind: str = Field(max_length=20)
    message: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(sa_column=_ts())
    created_by: int | None = Field(default=None, foreign_key="staff.id")
    sent_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    sent_by: int | None = Field(default=None, foreign_key="staff.id")
