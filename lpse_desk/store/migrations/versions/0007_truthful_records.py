"""Truthful records: one case per visit and service, the meterai mark and the daring
originals on the checklist.

- ``case``: at most one case per visit and service (``uq_case_visit_service``). Cases a
  double submission recorded before are kept but detached from the visit (their
  ``visit_id`` cleared, with an event), so the index can be built.
- ``document_check.meterai_invalid``: the document was brought but its meterai is missing
  or not Rp 10.000; until it is cleared the document stays missing. Rows of checklists still
  in intake that were marked the old way (the note text alone) are converted; cases already
  handed off keep what their receipt printed.
- ``document_check.original_call_id``: in the daring procedure, the held video call on
  which the original was seen.

Revision 0007 (after 0006), 2026-12-03.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision, down_revision = "0007", "0006"

# The note the checklist wrote for an invalid meterai before this revision (frozen copy).
_OLD_METERAI_NOTE = "Meterai tidak ada/bukan Rp 10.000 (UU 10/2020): belum dapat diterima"


def _detach_duplicate_cases(conn) -> None:
    duplicates = conn.execute(
        sa.text(
            "SELECT c.id FROM \"case\" c WHERE c.visit_id IS NOT NULL AND EXISTS ("
            " SELECT 1 FROM \"case\" d WHERE d.visit_id = c.visit_id"
            " AND d.service_code = c.service_code AND d.id < c.id)"
        )
    ).scalars().all()
    now = datetime.now(UTC)
    if conn.dialect.name == "sqlite":
        now = now.replace(tzinfo=None)  # stored as naive UTC there, as UTCDateTime does
    record = sa.text(
        "INSERT INTO event (at, actor, entity, entity_id, action, reason)"
        " VALUES (:at, 'migrasi 0007', 'case', :id, 'dilepas_dari_kunjungan',"
        " 'Kasus ganda untuk kunjungan dan layanan yang sama (kiriman dua kali)')"
    ).bindparams(sa.bindparam("at", type_=sa.DateTime(timezone=True)))
    for case_id in duplicates:
        conn.execute(sa.text('UPDATE "case" SET visit_id = NULL WHERE id = :id'), {"id": case_id})
        conn.execute(record, {"at": now, "id": case_id})


def upgrade() -> None:
    conn = op.get_bind()
    _detach_duplicate_cases(conn)
    op.create_index(
        "uq_case_visit_service", "case", ["visit_id", "service_code"], unique=True
    )
    with op.batch_alter_table("document_check", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("meterai_invalid", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("original_call_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_document_check_original_call", "video_call", ["original_call_id"], ["id"]
        )
    # Only checklists still in intake: a handed-off case keeps what its receipt printed.
    conn.execute(
        sa.text(
            "UPDATE document_check SET meterai_invalid = :yes, note = '',"
            " original_shown = :no, copy_received = :no WHERE note = :old"
            " AND case_id IN (SELECT id FROM \"case\" WHERE status = 'penerimaan')"
        ),
        {"yes": True, "no": False, "old": _OLD_METERAI_NOTE},
    )


def downgrade() -> None:
    with op.batch_alter_table("document_check", schema=None) as batch_op:
        batch_op.drop_constraint("fk_document_check_original_call", type_="foreignkey")
        batch_op.drop_column("original_call_id")
        batch_op.drop_column("meterai_invalid")
    op.drop_index("uq_case_visit_service", table_name="case")
