"""The verifiers' side of a case: confirmed checks, UBAH changes, daring video calls, helpdesk messages."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from lpse_desk.store.types import utc_column


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
    confirmed_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
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
    requested_at: datetime = Field(sa_column=utc_column())
    applied_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


class VideoCallRow(SQLModel, table=True):
    """A daring case's video call; a call made after a missed one names it (``rescheduled_from``)."""

    __tablename__ = "video_call"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    scheduled_for: datetime = Field(sa_column=utc_column())
    channel: str = Field(max_length=20)
    detail: str = Field(default="", max_length=300)
    status: str = Field(max_length=20)
    attendees: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    """JSON list of who attended (name and role)."""
    evidence: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    """JSON list of file paths or notes (photos of the originals, the recording)."""
    note: str = Field(default="", max_length=300)
    scheduled_by: int | None = Field(default=None, foreign_key="staff.id")
    scheduled_at: datetime = Field(sa_column=utc_column())
    held_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    recorded_by: int | None = Field(default=None, foreign_key="staff.id")
    rescheduled_from: int | None = Field(default=None, foreign_key="video_call.id")


class NotificationRow(SQLModel, table=True):
    """The helpdesk message a decision produced, and when it was sent."""

    __tablename__ = "notification"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    kind: str = Field(max_length=20)
    message: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(sa_column=utc_column())
    created_by: int | None = Field(default=None, foreign_key="staff.id")
    sent_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    sent_by: int | None = Field(default=None, foreign_key="staff.id")
