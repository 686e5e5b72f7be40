"""Vendors (penyedia) with their search keys."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from lpse_desk.store.types import utc_column


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
    created_at: datetime = Field(sa_column=utc_column())
    updated_at: datetime = Field(sa_column=utc_column())
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
