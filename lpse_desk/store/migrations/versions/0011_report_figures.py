"""The visits' report figures on their rows (issue 16): the counter report of a year sums
these columns instead of reading every visit's events.

- ``visit.moved_at``: when the visit last changed state;
- ``visit.wait_seconds``: arrival to the call counted for the wait (NULL: never called);
- ``visit.serving_seconds`` / ``visit.held_seconds``: time being served / on hold so far;
- ``visit.first_served_at``: the first service start (it freezes the wait);
- three covering indexes for the report's sums (``ix_visit_report_*``).

The desk keeps them at every move; this revision fills them from the events for the
visits recorded before (the same statement the demo and the benchmarks use, given stubs of
the two tables as they are at this revision).

Revision 0011 (after 0010), 2026-12-05.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from lpse_desk.store.queries.tallies import refresh_on

revision, down_revision = "0011", "0010"

_INDEXES = (
    ("ix_visit_report_wait", "service_date", "wait_seconds"),
    ("ix_visit_report_service", "service_date", "status", "first_served_at", "served_by",
     "service_code", "serving_seconds"),
    ("ix_visit_report_day", "service_date", "arrived_at", "status", "first_served_at",
     "booking_code", "transferred_from", "held_seconds"),
)  # fmt: skip
"""The counter report's sums read these indexes only (covering), not the table."""
_COLUMNS = ("moved_at", "wait_seconds", "serving_seconds", "held_seconds", "first_served_at")


def upgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("moved_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("wait_seconds", sa.Float(), nullable=True))
        batch_op.add_column(
            sa.Column("serving_seconds", sa.Float(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("held_seconds", sa.Float(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("first_served_at", sa.DateTime(timezone=True), nullable=True)
        )
    for name, *columns in _INDEXES:
        op.create_index(name, "visit", columns)
    visit = sa.table("visit", sa.column("id"), sa.column("arrived_at"),
                     *(sa.column(name) for name in _COLUMNS))  # fmt: skip
    event = sa.table("event", sa.column("id"), sa.column("at"), sa.column("entity"),
                     sa.column("entity_id"), sa.column("action"), sa.column("to_state"))  # fmt: skip
    bind = op.get_bind()
    refresh_on(bind, visit, event)
    # A visit whose events say nothing (none recorded) starts its clock at its arrival.
    bind.execute(
        sa.update(visit).where(visit.c.moved_at.is_(None)).values(moved_at=visit.c.arrived_at)
    )


def downgrade() -> None:
    for name, *_columns in _INDEXES:
        op.drop_index(name, table_name="visit")
    with op.batch_alter_table("visit", schema=None) as batch_op:
        for name in reversed(_COLUMNS):
            batch_op.drop_column(name)
