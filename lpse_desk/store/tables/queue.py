"""The queue: numbers per day and service, visits, bookings, calls and lokets."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, SmallInteger, UniqueConstraint
from sqlmodel import Field, SQLModel

from lpse_desk.domain.clock import to_wib
from lpse_desk.store.types import utc_column


def arrival_hour(context) -> int:
    """The column default of ``visit.arrived_hour``: the WIB hour of the row's ``arrived_at``
    (every insert, the ORM's and a bulk ``insert()``'s, gets it from its own arrival)."""
    return to_wib(context.get_current_parameters()["arrived_at"]).hour


class QueueCounterRow(SQLModel, table=True):
    """The last number issued per service per WIB day, bumped inside a write transaction."""

    __tablename__ = "queue_counter"
    service_date: date = Field(primary_key=True)
    service_code: str = Field(primary_key=True, max_length=8)
    last_number: int = Field(default=0)


REPORT_INDEXES = (
    Index("ix_visit_report_wait", "service_date", "wait_seconds"),
    Index("ix_visit_report_service", "service_date", "status", "first_served_at", "served_by",
          "service_code", "serving_seconds"),
    Index("ix_visit_report_day", "service_date", "arrived_hour", "status", "first_served_at",
          "booking_code", "transferred_from", "held_seconds"),
)  # fmt: skip
OVER_INDEX = Index("ix_visit_report_over", "serving_seconds", "service_date")
"""The visits furthest over their standard: those served at least a bound long (migration 0013)."""


class VisitRow(SQLModel, table=True):
    """One queue ticket."""

    __tablename__ = "visit"
    __table_args__ = (
        # The ticket (prefix and number) is the visitor's for the day, even after a
        # transfer to another service changes ``service_code``.
        UniqueConstraint("service_date", "prefix", "number", name="uq_visit_ticket"),
        Index("ix_visit_day_status", "service_date", "status"),
        # The counter report's three sums read only these indexes (issue 16: a year's
        # report in a fraction of the time a scan of the table takes; migration 0011).
        *REPORT_INDEXES,
        OVER_INDEX,
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
    arrived_at: datetime = Field(sa_column=utc_column())
    arrived_hour: int | None = Field(
        default=None,
        sa_column=Column(SmallInteger, nullable=False, default=arrival_hour),
    )
    """The WIB hour of ``arrived_at``, written with the row (migration 0014)."""
    called_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    finished_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    booked_for: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    """The booking's slot, for a visit that checked in with a booking."""
    front_since: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    """Set when a held or no-show visitor is put back at the front of the queue."""
    served_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    transferred_from: str | None = Field(default=None, max_length=8)
    status_note: str | None = Field(default=None, max_length=500)
    """The reason given with the last move (why on hold, why transferred)."""
    # The report figures, kept current at every move (domain.reports.counter.tally_after;
    # migration 0011 filled them from the events for older visits).
    moved_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    wait_seconds: float | None = None
    serving_seconds: float = Field(default=0.0, sa_column_kwargs={"server_default": "0"})
    held_seconds: float = Field(default=0.0, sa_column_kwargs={"server_default": "0"})
    first_served_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


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
    slot_at: datetime = Field(sa_column=utc_column())
    imported_at: datetime = Field(sa_column=utc_column())
    imported_by: str = Field(max_length=120)
    visit_id: int | None = Field(default=None, foreign_key="visit.id")


class QueueCallRow(SQLModel, table=True):
    """Every call and recall of a ticket to a loket; the display board reads these."""

    __tablename__ = "queue_call"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=utc_column(index=True))
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
    since: datetime = Field(sa_column=utc_column())
    free_since: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    """Open with nobody at it since then (None: calling, serving, paused or closed); the
    start of an idle stretch (``domain.reports.idle``)."""


class LoketIdleRow(SQLModel, table=True):
    """One stretch of a loket's idle time while numbers were waiting (``domain.reports.idle``),
    written when the loket calls, pauses or closes (migration 0013)."""

    __tablename__ = "loket_idle"
    __table_args__ = (Index("ix_loket_idle_day", "service_date"),)
    id: int | None = Field(default=None, primary_key=True)
    loket: int
    staff_id: int | None = Field(default=None, foreign_key="staff.id")
    service_date: date
    started_at: datetime = Field(sa_column=utc_column())
    ended_at: datetime = Field(sa_column=utc_column())
    seconds: float
    ended_by: str = Field(max_length=20)


class LoketIdleDayRow(SQLModel, table=True):
    """Each officer's idle time per day and loket in whole seconds: the sum of their
    ``loket_idle`` stretches, raised with each, which the counter report adds up (a year is a
    few thousand rows, not one per call)."""

    __tablename__ = "loket_idle_day"
    service_date: date = Field(primary_key=True)
    staff_id: int = Field(primary_key=True, foreign_key="staff.id")
    loket: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    seconds: int = Field(default=0)
