"""IKM survey responses and the follow-ups of low scores."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel

from lpse_desk.store.types import utc_column

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
    responded_at: datetime = Field(sa_column=utc_column())
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
    opened_at: datetime = Field(sa_column=utc_column())
    handled_at: datetime | None = Field(
        default=None, sa_column=utc_column(nullable=True, index=True)
    )
    handled_by: int | None = Field(default=None, foreign_key="staff.id")
    note: str | None = Field(default=None, max_length=1000)
