"""The case report's figures (issue 16).

- ``case.concluded_at``: when the case was approved or rejected, filled from the events;
- ``case.worked_seconds``: working time with the verifiers up to then, returned time left
  out; it needs the working calendar, so the desk writes it at each decision from now on and
  the report works it out from the events for cases concluded before (left NULL here);
- ``case_return``: one row per return to the vendor with the rejected documents' reasons;
  the returns found in the events get ``tidak_tercatat`` (their reasons were not kept);
- indexes on the hand-off and conclusion times and on the return time.

Revision 0012 (after 0011), 2026-12-05.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision, down_revision = "0012", "0011"


def upgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("concluded_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("worked_seconds", sa.Float(), nullable=True))
        batch_op.create_index("ix_case_handed_off", ["handed_off_at"])
        batch_op.create_index("ix_case_concluded", ["concluded_at"])
    op.create_table(
        "case_return",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("case.id"), nullable=False),
        sa.Column("returned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("returned_by", sa.Integer(), sa.ForeignKey("staff.id"), nullable=True),
        sa.Column("reasons", sa.String(length=300), nullable=False),
    )
    op.create_index("ix_case_return_case_id", "case_return", ["case_id"])
    op.create_index("ix_case_return_returned_at", "case_return", ["returned_at"])
    case = sa.table("case", sa.column("id"), sa.column("concluded_at"))
    event = sa.table("event", sa.column("at"), sa.column("entity"), sa.column("entity_id"),
                     sa.column("action"), sa.column("to_state"))  # fmt: skip
    of_case = (event.c.entity == "case", event.c.entity_id == case.c.id)
    op.execute(
        sa.update(case).values(
            concluded_at=sa.select(sa.func.min(event.c.at))
            .where(*of_case, event.c.to_state.in_(("disetujui", "ditolak")))
            .scalar_subquery()
        )
    )
    returns = sa.table("case_return", sa.column("case_id"), sa.column("returned_at"),
                       sa.column("reasons"))  # fmt: skip
    op.execute(
        returns.insert().from_select(
            ["case_id", "returned_at", "reasons"],
            sa.select(event.c.entity_id, event.c.at, sa.literal("tidak_tercatat")).where(
                event.c.entity == "case", event.c.action == "dikembalikan_ke_penyedia"
            ),
        )
    )


def downgrade() -> None:
    op.drop_index("ix_case_return_returned_at", table_name="case_return")
    op.drop_index("ix_case_return_case_id", table_name="case_return")
    op.drop_table("case_return")
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_index("ix_case_concluded")
        batch_op.drop_index("ix_case_handed_off")
        batch_op.drop_column("worked_seconds")
        batch_op.drop_column("concluded_at")
