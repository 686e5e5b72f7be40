"""Vendor search keys: folded name words in six rotations and the folded SPSE user ID.

Revision 0004 (after 0003), 2026-11-21.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision, down_revision = "0004", "0003"

_NAME_KEYS = [f"name_key_{n}" for n in range(1, 7)]
_KEYS = [*_NAME_KEYS, "user_id_key"]


def upgrade() -> None:
    with op.batch_alter_table("vendor", schema=None) as batch_op:
        for column in _NAME_KEYS:
            batch_op.add_column(sa.Column(column, sa.String(length=250), nullable=True))
        batch_op.add_column(sa.Column("user_id_key", sa.String(length=100), nullable=True))
        for column in _KEYS:
            batch_op.create_index(
                f"ix_vendor_{column}",
                [column],
                unique=False,
                postgresql_ops={column: "varchar_pattern_ops"},
            )
    _backfill()


def _backfill() -> None:
    # The keys must be exactly what the desk's queries expect, so they come from the same
    # function the store uses when it writes a vendor (not a frozen copy of it).
    from lpse_desk.store.queries.vendors import search_keys

    vendor = sa.table(
        "vendor",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("legal_form", sa.String),
        sa.column("spse_user_id", sa.String),
        *(sa.column(column, sa.String) for column in _KEYS),
    )
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(vendor.c.id, vendor.c.name, vendor.c.legal_form, vendor.c.spse_user_id)
    ).all()
    if not rows:
        return
    updates = [
        {
            "vendor_id": row.id,
            **search_keys(name=row.name, legal_form=row.legal_form, spse_user_id=row.spse_user_id),
        }
        for row in rows
    ]
    statement = (
        vendor.update()
        .where(vendor.c.id == sa.bindparam("vendor_id"))
        .values({column: sa.bindparam(column) for column in _KEYS})
    )
    for start in range(0, len(updates), 5000):
        conn.execute(statement, updates[start : start + 5000])


def downgrade() -> None:
    with op.batch_alter_table("vendor", schema=None) as batch_op:
        for column in reversed(_KEYS):
            batch_op.drop_index(f"ix_vendor_{column}")
        for column in reversed(_KEYS):
            batch_op.drop_column(column)
