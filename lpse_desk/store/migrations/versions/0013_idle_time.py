"""Idle time at the lokets (issue 16): an open loket with nobody at it while numbers waited.

- ``loket.free_since``: open with nobody at it since then (NULL: calling, serving, paused or
  closed); the desk sets it from now on, so a loket open during the upgrade starts counting
  at its next visitor's departure or its next opening;
- ``loket_idle``: one row per stretch, written when the loket calls, pauses or closes;
- ``loket_idle_day``: each officer's whole seconds per day and loket, raised with each
  stretch, which the report adds up;
- ``ix_visit_report_over`` on the visits' service time: the report's worst visits are read
  from those served at least a bound long, not from every visit of the period.

The stretches of the days recorded before are worked out from the event log
(``domain.reports.idle.replay``, the rules the desk follows), given a stub of the event table
as it is at this revision.

Revision 0013 (after 0012), 2026-12-05.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from lpse_desk.store.queries.idle import replayed, write_all
from lpse_desk.store.types import UTCDateTime

revision, down_revision = "0013", "0012"


def upgrade() -> None:
    with op.batch_alter_table("loket", schema=None) as batch_op:
        batch_op.add_column(sa.Column("free_since", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "loket_idle",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("loket", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), sa.ForeignKey("staff.id"), nullable=True),
        sa.Column("service_date", sa.Date(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("ended_by", sa.String(length=20), nullable=False),
    )
    op.create_index("ix_loket_idle_day", "loket_idle", ["service_date"])
    op.create_table(
        "loket_idle_day",
        sa.Column("service_date", sa.Date(), primary_key=True),
        sa.Column("staff_id", sa.Integer(), sa.ForeignKey("staff.id"), primary_key=True),
        sa.Column("loket", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("seconds", sa.Integer(), nullable=False),
    )
    op.create_index("ix_visit_report_over", "visit", ["serving_seconds", "service_date"])
    event = sa.table(
        "event", sa.column("id"), sa.column("at", UTCDateTime()), sa.column("actor"),
        sa.column("entity"), sa.column("entity_id"), sa.column("action"),
        sa.column("from_state"), sa.column("to_state"), sa.column("reason"),
    )  # fmt: skip
    idle = sa.table(
        "loket_idle", sa.column("loket"), sa.column("staff_id"), sa.column("service_date"),
        sa.column("started_at", UTCDateTime()), sa.column("ended_at", UTCDateTime()),
        sa.column("seconds"), sa.column("ended_by"),
    )  # fmt: skip
    per_day = sa.table("loket_idle_day", sa.column("service_date"), sa.column("staff_id"),
                       sa.column("loket"), sa.column("seconds"))  # fmt: skip
    bind = op.get_bind()
    write_all(bind, idle, per_day, replayed(bind, event))


def downgrade() -> None:
    op.drop_index("ix_visit_report_over", table_name="visit")
    op.drop_table("loket_idle_day")
    op.drop_index("ix_loket_idle_day", table_name="loket_idle")
    op.drop_table("loket_idle")
    with op.batch_alter_table("loket", schema=None) as batch_op:
        batch_op.drop_column("free_since")
