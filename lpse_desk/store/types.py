"""Column types shared by the tables."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, DateTime
from sqlalchemy.types import TypeDecorator

from lpse_desk.domain.clock import WIB


class UTCDateTime(TypeDecorator):
    """Aware datetimes stored as UTC; read back as aware WIB.

    SQLite keeps no zone, so everything is normalised to UTC on the way in;
    PostgreSQL gets ``timestamptz`` and behaves the same.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        """Aware → UTC; naive values are refused (they are a bug upstream)."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass an aware WIB time")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        """UTC → aware WIB."""
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(WIB)


def utc_column(*, nullable: bool = False, index: bool = False) -> Column:
    """A timestamp column of ``UTCDateTime``."""
    return Column(UTCDateTime(), nullable=nullable, index=index)
