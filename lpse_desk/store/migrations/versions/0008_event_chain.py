"""The event log becomes tamper-evident: a hash chain, its end, and no REPLACE over an event.

- ``event.prev_hash`` and ``event.chain_hash``: every existing event is sealed, in id order,
  with the installation key (made here when the store has none yet); see
  ``lpse_desk.store.eventchain``. The UPDATE trigger is lifted while the seals are written.
- ``event_chain``: the one row holding the chain's end, taken by every writer.
- SQLite: a BEFORE INSERT trigger refuses ``INSERT OR REPLACE`` / ``REPLACE INTO`` over an
  existing event (REPLACE deletes without firing the DELETE trigger). PostgreSQL has no
  REPLACE, and a plain INSERT on an existing id already fails there.

Revision 0008 (after 0007), 2026-12-04.
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

from lpse_desk.store.eventchain import GENESIS, chain_key, event_hash, head_seal

revision, down_revision = "0008", "0007"

_SECRET_KEY = "receipt_secret"  # intake.SECRET_KEY when this was written
_BATCH = 5000
_NO_REPLACE = (
    "CREATE TRIGGER event_no_replace BEFORE INSERT ON event "
    "WHEN EXISTS (SELECT 1 FROM event WHERE id = NEW.id) "
    "BEGIN SELECT RAISE(ABORT, 'event log is append-only'); END"
)
# 0001's UPDATE guard, per dialect (on PostgreSQL one trigger guards UPDATE and DELETE).
_UPDATE_GUARD = {
    "sqlite": (
        "DROP TRIGGER IF EXISTS event_no_update",
        "CREATE TRIGGER event_no_update BEFORE UPDATE ON event "
        "BEGIN SELECT RAISE(ABORT, 'event log is append-only'); END",
    ),
    "postgresql": (
        "DROP TRIGGER IF EXISTS event_no_change ON event",
        "CREATE TRIGGER event_no_change BEFORE UPDATE OR DELETE ON event "
        "FOR EACH ROW EXECUTE FUNCTION event_append_only()",
    ),
}
_EVENT = sa.table(
    "event",
    sa.column("id", sa.Integer()),
    sa.column("at", sa.DateTime(timezone=True)),
    *(
        sa.column(name, sa.String())
        for name in ("actor", "entity", "action", "from_state", "to_state", "reason")
    ),
    sa.column("entity_id", sa.Integer()),
)


def _secret(conn) -> bytes:
    value = conn.execute(
        sa.text("SELECT value FROM desk_meta WHERE key = :key"), {"key": _SECRET_KEY}
    ).scalar()
    if value is None:
        value = secrets.token_hex(32)
        conn.execute(
            sa.text("INSERT INTO desk_meta (key, value) VALUES (:key, :value)"),
            {"key": _SECRET_KEY, "value": value},
        )
    return bytes.fromhex(value)


def _seal_existing(conn, key: bytes) -> tuple[int, str]:
    """Seal every event in id order, a batch at a time; returns the chain's end.

    Old ids may skip (a PostgreSQL sequence does on rollback): each keeps its id, and the
    chain links whatever comes next.
    """
    last_id, last_hash = 0, GENESIS
    write = sa.text(
        "UPDATE event SET prev_hash = :prev_hash, chain_hash = :chain_hash WHERE id = :id"
    )
    while True:
        rows = (
            conn.execute(
                sa.select(_EVENT).where(_EVENT.c.id > last_id).order_by(_EVENT.c.id).limit(_BATCH)
            )
            .mappings()
            .all()
        )
        if not rows:
            return last_id, last_hash
        seals = []
        for row in rows:
            chain_hash = event_hash(key, row, last_hash)
            seals.append({"id": row["id"], "prev_hash": last_hash, "chain_hash": chain_hash})
            last_hash = chain_hash
        conn.execute(write, seals)
        last_id = rows[-1]["id"]


def upgrade() -> None:
    conn = op.get_bind()
    dialect = conn.dialect.name
    # Plain ADD COLUMN (no batch copy of the table, which would lose its triggers).
    op.add_column("event", sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column("event", sa.Column("chain_hash", sa.String(length=64), nullable=True))
    op.create_table(
        "event_chain",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.Column("seal", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_event_chain_one_row"),
        sa.PrimaryKeyConstraint("id"),
    )
    key = chain_key(_secret(conn))
    drop_guard, create_guard = _UPDATE_GUARD.get(dialect, (None, None))
    if drop_guard:
        op.execute(drop_guard)
    last_id, last_hash = _seal_existing(conn, key)
    if create_guard:
        op.execute(create_guard)
    conn.execute(
        sa.text(
            "INSERT INTO event_chain (id, last_id, last_hash, seal)"
            " VALUES (1, :last_id, :last_hash, :seal)"
        ),
        {"last_id": last_id, "last_hash": last_hash, "seal": head_seal(key, last_id, last_hash)},
    )
    if dialect == "sqlite":
        op.execute(_NO_REPLACE)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS event_no_replace")
    elif dialect == "postgresql":
        # The chain gave ids itself; the sequence must go on after them again.
        op.execute(
            "SELECT setval(pg_get_serial_sequence('event', 'id'),"
            " COALESCE((SELECT MAX(id) FROM event), 0) + 1, false)"
        )
    op.drop_table("event_chain")
    # Plain DROP COLUMN (SQLite 3.35+): a batch copy of the table would lose its triggers.
    op.execute("ALTER TABLE event DROP COLUMN chain_hash")
    op.execute("ALTER TABLE event DROP COLUMN prev_hash")
