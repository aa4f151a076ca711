"""caregivers: a patient's one-time invitations and the caregivers who follow their nights

Revision ID: 0003_caregivers
Revises: 0002_corrections
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.base

revision = "0003_caregivers"
# The revision id of 0001_initial_schema.py is "0001" (the merger chains the additive ones).
down_revision = "0002_corrections"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "caregiver_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column("patient_name", sa.String(length=64), nullable=True),
        sa.Column("created_at", storage.base.UtcDateTime(), nullable=False),
        sa.Column("expires_at", storage.base.UtcDateTime(), nullable=False),
        sa.Column("accepted_at", storage.base.UtcDateTime(), nullable=True),
        sa.Column("caregiver_chat_id", sa.BigInteger(), nullable=True),
        sa.Column("caregiver_name", sa.String(length=64), nullable=True),
        sa.Column("shares_checkins", sa.Boolean(), nullable=False),
        sa.Column("told_missed_until", storage.base.UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_caregiver_links_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_caregiver_links")),
        sa.UniqueConstraint(
            "patient_id",
            "caregiver_chat_id",
            name=op.f("uq_caregiver_links_patient_id_caregiver_chat_id"),
        ),
        sa.UniqueConstraint("token_hash", name=op.f("uq_caregiver_links_token_hash")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("caregiver_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_caregiver_links_caregiver_chat_id"), ["caregiver_chat_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_caregiver_links_patient_id"), ["patient_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("caregiver_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_caregiver_links_patient_id"))
        batch_op.drop_index(batch_op.f("ix_caregiver_links_caregiver_chat_id"))
    op.drop_table("caregiver_links")
