"""Receipts on a shared store: which PC wrote each receipt's file.

- ``receipt.station``: the PC (its receipts folder's name, ``receipts/.pc``) that wrote the
  file; on a server each PC checks and redraws only its own. NULL for receipts issued before
  this revision: a SQLite store has one PC, which repairs every receipt whatever its station;
  ``lpse-desk db copy`` gives them the copying PC's name when the store moves to a server.
- ``receipt.file_path`` of new receipts is relative to the receipts folder of that PC
  (``YYYY/MM/<number>.pdf``); older rows keep their absolute path (shown as it was).

Revision 0010 (after 0009), 2026-12-05.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision, down_revision = "0010", "0009"


def upgrade() -> None:
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.add_column(sa.Column("station", sa.String(length=80), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.drop_column("station")
