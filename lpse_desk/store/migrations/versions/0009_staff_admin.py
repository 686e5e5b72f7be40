"""Staff administration: a PIN the officer must change, and a default loket.

- ``staff.must_change_pin``: set when an admin resets the PIN; the officer sets a new one at
  the next login, which clears it.
- ``staff.default_loket``: the loket (1–99) the login screen proposes for this account.

Revision 0009 (after 0008), 2026-12-05.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision, down_revision = "0009", "0008"


def upgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("must_change_pin", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("default_loket", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_column("default_loket")
        batch_op.drop_column("must_change_pin")
