"""Row errors count the runs in a row that saw them (the admin's errors page shows it), and
each tab's sheetId is kept for the admin's cell links.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("row_errors") as batch:
        batch.add_column(sa.Column("seen", sa.Integer(), server_default="1", nullable=False))
    op.create_table(
        "sheet_tabs",
        sa.Column("branch", sa.String(length=128), nullable=False),
        sa.Column("tab", sa.String(length=128), nullable=False),
        sa.Column("sheet_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("branch", "tab"),
    )


def downgrade() -> None:
    op.drop_table("sheet_tabs")
    with op.batch_alter_table("row_errors") as batch:
        batch.drop_column("seen")
