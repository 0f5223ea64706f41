"""Door-knocking: each round's Zetkin event and the base of the three-way rule, and the last
numbers read from each area assignment linked to a round.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "doorknock_rounds",
        sa.Column("branch", sa.String(length=128), nullable=False),
        sa.Column("round_id", sa.String(length=64), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("base", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("branch", "round_id", name=op.f("pk_doorknock_rounds")),
    )
    op.create_table(
        "doorknock_tallies",
        sa.Column("branch", sa.String(length=128), nullable=False),
        sa.Column("assignment_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("round_id", sa.String(length=64), nullable=False),
        sa.Column("team", sa.String(length=256), nullable=False),
        sa.Column("knocked", sa.Integer(), nullable=True),
        sa.Column("opened", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("branch", "assignment_id", name=op.f("pk_doorknock_tallies")),
    )


def downgrade() -> None:
    op.drop_table("doorknock_tallies")
    op.drop_table("doorknock_rounds")
