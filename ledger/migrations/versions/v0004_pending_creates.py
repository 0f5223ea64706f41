"""Pending creates: a Zetkin create recorded before its request, keyed by its idempotency ref.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pending_creates",
        sa.Column("branch", sa.String(length=128), nullable=False),
        sa.Column("ref", sa.String(length=128), nullable=False),
        sa.Column("anchor", sa.JSON(), nullable=False),
        sa.Column("base", sa.JSON(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("branch", "ref", name=op.f("pk_pending_creates")),
    )


def downgrade() -> None:
    op.drop_table("pending_creates")
