"""Intake: desk tickets (outbox-ready), receipt data for reprints, case details.

Revision 0003 (after 0002), 2026-11-21.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision, down_revision = "0003", "0002"


def upgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("vendor_type", sa.String(length=20), nullable=True))
        batch_op.add_column(
            sa.Column("sikap_given", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("sikap_note", sa.String(length=1000), nullable=True))
        batch_op.add_column(sa.Column("topic", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("advice", sa.String(length=2000), nullable=True))
        batch_op.add_column(sa.Column("duration_minutes", sa.Integer(), nullable=True))
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.add_column(sa.Column("payload", sa.Text(), nullable=False, server_default="{}"))
        batch_op.add_column(sa.Column("sha256", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("copies", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )
    op.create_table(
        "ticket_counter",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year"),
    )
    op.create_table(
        "desk_ticket",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("attachments", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("external_ref", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id"),
        sa.UniqueConstraint("number"),
        sa.UniqueConstraint("year", "seq", name="uq_ticket_seq"),
    )


def downgrade() -> None:
    op.drop_table("desk_ticket")
    op.drop_table("ticket_counter")
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.drop_column("copies")
        batch_op.drop_column("sha256")
        batch_op.drop_column("payload")
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_column("duration_minutes")
        batch_op.drop_column("advice")
        batch_op.drop_column("topic")
        batch_op.drop_column("sikap_note")
        batch_op.drop_column("sikap_given")
        batch_op.drop_column("vendor_type")
