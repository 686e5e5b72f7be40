"""The desk itself: its settings and secret (``desk_meta``), staff accounts, the event log and its hash chain."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Column, Index, Integer
from sqlmodel import Field, SQLModel

from lpse_desk.store.types import utc_column


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
    created_at: datetime = Field(sa_column=utc_column())
    must_change_pin: bool = Field(default=False)
    """An admin reset the PIN: the officer sets a new one at the next login."""
    default_loket: int | None = Field(default=None)
    """The loket (1–99) the login screen proposes for this account."""


class EventRow(SQLModel, table=True):
    """Append-only log of every state change, sealed in a hash chain (``store.eventchain``).

    Triggers refuse UPDATE, DELETE and an INSERT (or REPLACE) over an existing id; the chain
    shows an edit made after dropping them.
    """

    __tablename__ = "event"
    __table_args__ = (Index("ix_event_entity", "entity", "entity_id"),)
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=utc_column(index=True))
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
