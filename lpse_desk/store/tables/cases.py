"""Cases at intake: the checklist, the desk ticket and the receipts with their numbering."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from lpse_desk.store.types import utc_column


class CaseRow(SQLModel, table=True):
    """One service request of one vendor, from intake to closure."""

    __tablename__ = "case"
    __table_args__ = (
        Index("ix_case_status_due", "status", "due_at"),
        # The case report reads the period's hand-offs and decisions (migration 0012).
        Index("ix_case_handed_off", "handed_off_at"),
        Index("ix_case_concluded", "concluded_at"),
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
    created_at: datetime = Field(sa_column=utc_column())
    handed_off_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    due_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    paused_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    remaining_seconds: int | None = None
    closed_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
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
    assigned_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    """When the case was last assigned to a verifier (``assigned_to``)."""
    decided_by: int | None = Field(default=None, foreign_key="staff.id")
    """The verifier who approved, returned or rejected the case last."""
    decided_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    decision_reason: str | None = Field(default=None, max_length=30)
    """A rejection's reason code (``domain.review.RefusalReason``)."""
    decision_note: str | None = Field(default=None, max_length=2000)
    """What the verifier wrote with the last decision (what to fix, why rejected)."""
    spse_user_id: str | None = Field(default=None, max_length=100)
    """REG: the SPSE user ID activated; UID: the user ID told to the vendor."""
    activated_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    """REG: when the SPSE account was activated."""
    evaluation_score: int | None = None
    """The vendor's service evaluation at the kiosk, 1–5 (CHECK ``ck_case_evaluation_score``)."""
    evaluation_comment: str | None = Field(default=None, max_length=1000)
    evaluated_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    concluded_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    """When the case was approved or rejected (``decided_at`` also moves on a return)."""
    worked_seconds: float | None = None
    """Working time with the verifiers from hand-off to ``concluded_at``, returned time left
    out (``domain.reports.cases.worked_of``); None for cases concluded before revision 0012,
    which the report works out from their events."""


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
        sa_column=Column(
            Integer, ForeignKey("video_call.id", name="fk_document_check_original_call")
        ),
    )
    """Daring: the held video call on which the original was seen."""
    decision: str | None = Field(default=None, max_length=20)
    """The verifier's verdict (``diterima``/``ditolak``); None while undecided."""
    decision_reason: str | None = Field(default=None, max_length=30)
    decision_note: str = Field(default="", max_length=300)
    decided_by: int | None = Field(default=None, foreign_key="staff.id")
    decided_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


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
    created_at: datetime = Field(sa_column=utc_column())
    sent_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    external_ref: str | None = Field(default=None, max_length=100)


class ReceiptCounterRow(SQLModel, table=True):
    """The last receipt number issued per year."""

    __tablename__ = "receipt_counter"
    year: int = Field(primary_key=True)
    last_number: int = Field(default=0)


class CaseReturnRow(SQLModel, table=True):
    """One return of a case to the vendor, with its reasons (the case report counts them)."""

    __tablename__ = "case_return"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    returned_at: datetime = Field(sa_column=utc_column(index=True))
    returned_by: int | None = Field(default=None, foreign_key="staff.id")
    reasons: str = Field(default="", max_length=300)
    """The rejected documents' reason codes, comma-separated, one per document (empty: the
    verifier's note only; ``tidak_tercatat``: a return from before revision 0012)."""


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
    issued_at: datetime = Field(sa_column=utc_column())
    file_path: str | None = Field(default=None, max_length=500)
    """Where the file was written: relative to the receipts folder of the PC that wrote it
    (``YYYY/MM/<number>.pdf``; absolute in rows older than revision 0010)."""
    station: str | None = Field(default=None, max_length=80)
    """The PC that wrote the file (``receipts/.pc``); None before revision 0010."""
    payload: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    """The receipt's data as printed (JSON), so it can be reprinted and verified."""
    sha256: str | None = Field(default=None, max_length=64)
    """Hash of the original PDF's bytes."""
    copies: int = Field(default=0)
    """How many copies (reprints) were made."""
