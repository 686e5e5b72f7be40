"""The event log becomes tamper-evident.

- ``event.prev_hash`` and ``event.hash``: each event is chained to the one before it with an
  HMAC keyed by the installation secret (``store/eventchain.py``); existing events are
  chained here in id order, in batches.
- ``event_chain``: the head of the chain (last id and hash), one row.
- SQLite: ``event_no_replace`` refuses an INSERT whose id already exists, so INSERT OR
  REPLACE / REPLACE INTO can no longer swap an event (REPLACE deletes without firing the
  DELETE trigger). PostgreSQL has no REPLACE; a duplicate key already fails there.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

from lpse_desk.store.eventchain import event_hash
from lpse_desk.store.types import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_BATCH = 5000
_NO_REPLACE = (
    "CREATE TRIGGER event_no_replace BEFORE INSERT ON event "
    "WHEN EXISTS (SELECT 1 FROM event WHERE id = NEW.id) "
    "BEGIN SELECT RAISE(ABORT, 'event log is append-only'); END"
)
_NO_UPDATE = (
    "CREATE TRIGGER event_no_update BEFORE UPDATE ON event "
    "BEGIN SELECT RAISE(ABORT, 'event log is append-only'); END"
)
_PG_NO_CHANGE = (
    "CREATE TRIGGER event_no_change BEFORE UPDATE OR DELETE ON event "
    "FOR EACH ROW EXECUTE FUNCTION event_append_only()"
)

_event = sa.table(
    "event",
    sa.column("id", sa.Integer),
    sa.column("at", UTCDateTime()),
    sa.column("actor", sa.String),
    sa.column("entity", sa.String),
    sa.column("entity_id", sa.Integer),
    sa.column("action", sa.String),
    sa.column("from_state", sa.String),
    sa.column("to_state", sa.String),
    sa.column("reason", sa.String),
    sa.column("prev_hash", sa.String),
    sa.column("hash", sa.String),
)


def _secret(conn) -> bytes:
    row = conn.execute(sa.text("SELECT value FROM desk_meta WHERE key = 'receipt_secret'")).first()
    if row is not None:
        return bytes.fromhex(row[0])
    value = secrets.token_hex(32)
    conn.execute(
        sa.text("INSERT INTO desk_meta (key, value) VALUES ('receipt_secret', :value)"),
        {"value": value},
    )
    return bytes.fromhex(value)


def _chain_existing(conn) -> tuple[int, str]:
    secret = _secret(conn)
    last_id, last_hash = 0, ""
    while True:
        rows = conn.execute(
            sa.select(_event).where(_event.c.id > last_id).order_by(_event.c.id).limit(_BATCH)
        ).all()
        if not rows:
            return last_id, last_hash
        updates = []
        for row in rows:
            event = dict(row._mapping)
            event_digest = event_hash(secret, event, last_hash)
            updates.append({"key": event["id"], "prev": last_hash, "digest": event_digest})
            last_id, last_hash = event["id"], event_digest
        conn.execute(
            _event.update()
            .where(_event.c.id == sa.bindparam("key"))
            .values(prev_hash=sa.bindparam("prev"), hash=sa.bindparam("digest")),
            updates,
        )


def upgrade() -> None:
    conn = op.get_bind()
    dialect = conn.dialect.name
    op.add_column("event", sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column("event", sa.Column("hash", sa.String(length=64), nullable=True))
    op.create_table(
        "event_chain",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS event_no_update")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS event_no_change ON event")
    last_id, last_hash = _chain_existing(conn)
    conn.execute(
        sa.text("INSERT INTO event_chain (id, last_id, last_hash) VALUES (1, :last_id, :hash)"),
        {"last_id": last_id, "hash": last_hash},
    )
    if dialect == "sqlite":
        op.execute(_NO_UPDATE)
        op.execute(_NO_REPLACE)
    elif dialect == "postgresql":
        op.execute(_PG_NO_CHANGE)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS event_no_replace")
        op.execute("DROP TRIGGER IF EXISTS event_no_update")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS event_no_change ON event")
    op.drop_table("event_chain")
    with op.batch_alter_table("event") as batch:
        batch.drop_column("hash")
        batch.drop_column("prev_hash")
    if dialect == "sqlite":  # the table was copied: its triggers went with the old one
        op.execute("DROP TRIGGER IF EXISTS event_no_update")
        op.execute("DROP TRIGGER IF EXISTS event_no_delete")
        op.execute(_NO_UPDATE)
        op.execute(_NO_UPDATE.replace("no_update", "no_delete").replace("UPDATE ON", "DELETE ON"))
    elif dialect == "postgresql":
        op.execute(_PG_NO_CHANGE)
