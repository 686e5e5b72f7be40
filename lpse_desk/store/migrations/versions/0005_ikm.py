"""IKM survey: anonymous responses, low-score follow-ups, the service evaluation on a case.

Revision 0005 (after 0004), 2026-11-21.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision, down_revision = "0005", "0004"

# Keyed by name (DOMAIN.md §6, U1..U9); never by position.
_UNSUR = (
    "persyaratan",
    "prosedur",
    "waktu",
    "biaya",
    "produk",
    "kompetensi",
    "perilaku",
    "pengaduan",
    "sarana",
)


def upgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("evaluation_score", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("evaluation_comment", sa.String(length=1000), nullable=True))
        batch_op.add_column(sa.Column("evaluated_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_check_constraint(
            "ck_case_evaluation_score", "evaluation_score BETWEEN 1 AND 5"
        )

    op.create_table(
        "ikm_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("service_code", sa.String(length=8), nullable=False),
        sa.Column("service_date", sa.Date(), nullable=False),
        sa.Column("responded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in _UNSUR),
        sa.Column("saran", sa.String(length=2000), nullable=True),
        sa.Column("jenis_kelamin", sa.String(length=1), nullable=True),
        sa.Column("usia", sa.Integer(), nullable=True),
        sa.Column("pendidikan", sa.String(length=10), nullable=True),
        sa.Column("pekerjaan", sa.String(length=20), nullable=True),
        sa.Column("import_batch", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"]),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("visit_id"),
        sa.CheckConstraint("source IN ('kiosk', 'kertas')", name="ck_ikm_response_source"),
        *(
            sa.CheckConstraint(f"{name} BETWEEN 1 AND 4", name=f"ck_ikm_response_{name}")
            for name in _UNSUR
        ),
        sa.CheckConstraint("usia IS NULL OR usia BETWEEN 10 AND 120", name="ck_ikm_response_usia"),
    )
    with op.batch_alter_table("ikm_response", schema=None) as batch_op:
        batch_op.create_index("ix_ikm_response_day", ["service_date", "service_code"], unique=False)

    op.create_table(
        "ikm_followup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("handled_by", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=1000), nullable=True),
        sa.ForeignKeyConstraint(["response_id"], ["ikm_response.id"]),
        sa.ForeignKeyConstraint(["handled_by"], ["staff.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("response_id"),
    )
    with op.batch_alter_table("ikm_followup", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ikm_followup_handled_at"), ["handled_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("ikm_followup", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ikm_followup_handled_at"))
    op.drop_table("ikm_followup")
    with op.batch_alter_table("ikm_response", schema=None) as batch_op:
        batch_op.drop_index("ix_ikm_response_day")
    op.drop_table("ikm_response")
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_constraint("ck_case_evaluation_score", type_="check")
        batch_op.drop_column("evaluated_at")
        batch_op.drop_column("evaluation_comment")
        batch_op.drop_column("evaluation_score")
