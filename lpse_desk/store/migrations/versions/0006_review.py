"""Verifier review: document decisions, case decisions, checks, UBAH changes, video calls,
notifications.

Revision 0006 (after 0005), 2026-11-21.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision, down_revision = "0006", "0005"

_CASE_COLUMNS = (
    ("assigned_at", lambda: sa.DateTime(timezone=True)),
    ("decided_by", sa.Integer),
    ("decided_at", lambda: sa.DateTime(timezone=True)),
    ("decision_reason", lambda: sa.String(length=30)),
    ("decision_note", lambda: sa.String(length=2000)),
    ("spse_user_id", lambda: sa.String(length=100)),
    ("activated_at", lambda: sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        for name, kind in _CASE_COLUMNS:
            batch_op.add_column(sa.Column(name, kind(), nullable=True))
        batch_op.create_foreign_key("fk_case_decided_by_staff", "staff", ["decided_by"], ["id"])
    with op.batch_alter_table("document_check", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decision", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("decision_reason", sa.String(length=30), nullable=True))
        batch_op.add_column(
            sa.Column("decision_note", sa.String(length=300), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("decided_by", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(
            "fk_document_check_decided_by_staff", "staff", ["decided_by"], ["id"]
        )
    op.create_table(
        "case_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("confirmed_by", sa.Integer(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.ForeignKeyConstraint(["confirmed_by"], ["staff.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "code", name="uq_case_check"),
    )
    op.create_index("ix_case_check_case_id", "case_check", ["case_id"])
    op.create_table(
        "case_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=20), nullable=False),
        sa.Column("old_value", sa.String(length=500), nullable=True),
        sa.Column("new_value", sa.String(length=500), nullable=False),
        sa.Column("requested_by", sa.Integer(), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.ForeignKeyConstraint(["requested_by"], ["staff.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "field", name="uq_case_change_field"),
    )
    op.create_index("ix_case_change_case_id", "case_change", ["case_id"])
    op.create_table(
        "video_call",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("scheduled_for", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attendees", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("scheduled_by", sa.Integer(), nullable=True),
        sa.Column("scheduled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("held_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("rescheduled_from", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.ForeignKeyConstraint(["scheduled_by"], ["staff.id"]),
        sa.ForeignKeyConstraint(["recorded_by"], ["staff.id"]),
        sa.ForeignKeyConstraint(["rescheduled_from"], ["video_call.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_video_call_case_id", "video_call", ["case_id"])
    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.ForeignKeyConstraint(["created_by"], ["staff.id"]),
        sa.ForeignKeyConstraint(["sent_by"], ["staff.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_notification_case_id", "notification", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_notification_case_id", table_name="notification")
    op.drop_table("notification")
    op.drop_index("ix_video_call_case_id", table_name="video_call")
    op.drop_table("video_call")
    op.drop_index("ix_case_change_case_id", table_name="case_change")
    op.drop_table("case_change")
    op.drop_index("ix_case_check_case_id", table_name="case_check")
    op.drop_table("case_check")
    with op.batch_alter_table("document_check", schema=None) as batch_op:
        batch_op.drop_constraint("fk_document_check_decided_by_staff", type_="foreignkey")
        for name in ("decided_at", "decided_by", "decision_note", "decision_reason", "decision"):
            batch_op.drop_column(name)
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_constraint("fk_case_decided_by_staff", type_="foreignkey")
        for name, _kind in reversed(_CASE_COLUMNS):
            batch_op.drop_column(name)
