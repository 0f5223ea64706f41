"""Call rounds mirrored as Zetkin call assignments (issue 14).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "call_mirrors",
        sa.Column("branch", sa.String(length=128), nullable=False),
        sa.Column("round_id", sa.String(length=64), nullable=False),
        sa.Column("ref", sa.String(length=128), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=True),
        sa.Column("target_query_id", sa.Integer(), nullable=True),
        sa.Column("synced", sa.JSON(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("branch", "round_id", name=op.f("pk_call_mirrors")),
    )


def downgrade() -> None:
    op.drop_table("call_mirrors")
