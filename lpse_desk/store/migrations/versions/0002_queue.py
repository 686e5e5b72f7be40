"""Queue: bookings, calls for the board, loket state; tickets survive a transfer.

Revision 0002 (after 0001), 2026-11-21.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision, down_revision = "0002", "0001"


def upgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("booked_for", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("front_since", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("served_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("transferred_from", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("status_note", sa.String(length=500), nullable=True))
        batch_op.drop_constraint("uq_visit_number", type_="unique")
        batch_op.create_unique_constraint("uq_visit_ticket", ["service_date", "prefix", "number"])

    op.create_table(
        "booking",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("service_code", sa.String(length=8), nullable=False),
        sa.Column("booked_date", sa.Date(), nullable=False),
        sa.Column("slot_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(length=120), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    with op.batch_alter_table("booking", schema=None) as batch_op:
        batch_op.create_index("ix_booking_day", ["booked_date"], unique=False)

    op.create_table(
        "queue_call",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("ticket", sa.String(length=10), nullable=False),
        sa.Column("service_code", sa.String(length=8), nullable=False),
        sa.Column("loket", sa.Integer(), nullable=False),
        sa.Column("recall", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("queue_call", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_queue_call_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_queue_call_visit_id"), ["visit_id"], unique=False)

    op.create_table(
        "loket",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"]),
        sa.PrimaryKeyConstraint("number"),
    )


def downgrade() -> None:
    op.drop_table("loket")
    with op.batch_alter_table("queue_call", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_queue_call_visit_id"))
        batch_op.drop_index(batch_op.f("ix_queue_call_at"))
    op.drop_table("queue_call")
    with op.batch_alter_table("booking", schema=None) as batch_op:
        batch_op.drop_index("ix_booking_day")
    op.drop_table("booking")
    # Before 0002 a ticket was unique per service: a transferred visit goes back to
    # the service that issued its number (lossy, like every downgrade).
    op.execute(
        "UPDATE visit SET service_code = transferred_from WHERE transferred_from IS NOT NULL"
    )
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_constraint("uq_visit_ticket", type_="unique")
        batch_op.create_unique_constraint(
            "uq_visit_number", ["service_date", "service_code", "number"]
        )
        batch_op.drop_column("status_note")
        batch_op.drop_column("transferred_from")
        batch_op.drop_column("served_at")
        batch_op.drop_column("front_since")
        batch_op.drop_column("booked_for")
