"""Initial ledger tables: sync runs, row errors, person links, audit entries, OAuth tokens.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _ts(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "sync_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("job", sa.String(length=64), nullable=False),
        sa.Column("branch", sa.String(length=128), nullable=False),
        _ts("started_at"),
        _ts("finished_at", nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("requests", sa.JSON(), nullable=False),
        sa.Column("plan_summary", sa.JSON(), nullable=False),
        sa.Column("held_plan", sa.JSON(), nullable=True),
        sa.Column("sources_fingerprint", sa.String(length=128), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('running', 'ok', 'failed', 'held', 'approved', 'dry_run')",
            name=op.f("ck_sync_runs_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_runs")),
    )
    op.create_index("ix_sync_runs_branch_started", "sync_runs", ["branch", "started_at"])

    op.create_table(
        "row_errors",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("branch", sa.String(length=128), nullable=False),
        sa.Column("tab", sa.String(length=128), nullable=False),
        sa.Column("cell", sa.String(length=32), nullable=True),
        sa.Column("row_key", sa.String(length=128), nullable=True),
        sa.Column("locator", sa.String(length=160), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        _ts("first_seen"),
        _ts("last_seen"),
        _ts("resolved_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_row_errors")),
        sa.UniqueConstraint("branch", "tab", "locator", "kind", name="uq_row_errors_identity"),
    )
    op.create_index("ix_row_errors_open", "row_errors", ["branch", "resolved_at"])

    op.create_table(
        "person_links",
        sa.Column("branch", sa.String(length=128), nullable=False),
        sa.Column("zetkin_person_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("sheet_row_key", sa.String(length=128), nullable=False),
        sa.Column("base", sa.JSON(), nullable=False),
        _ts("first_seen"),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("branch", "zetkin_person_id", name=op.f("pk_person_links")),
    )

    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        _ts("at"),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("branch", sa.String(length=128), nullable=False),
        sa.Column("system", sa.String(length=16), nullable=False),
        sa.Column("target", sa.String(length=256), nullable=False),
        sa.Column("field", sa.String(length=128), nullable=True),
        sa.Column("zetkin_person_id", sa.Integer(), nullable=True),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
    )
    op.create_index("ix_audit_entries_at", "audit_entries", ["at"])
    op.create_index("ix_audit_entries_person", "audit_entries", ["branch", "zetkin_person_id"])

    op.create_table(
        "oauth_tokens",
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("token", sa.LargeBinary(), nullable=False),
        _ts("expires_at", nullable=True),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_oauth_tokens")),
    )


def downgrade() -> None:
    op.drop_table("oauth_tokens")
    op.drop_index("ix_audit_entries_person", table_name="audit_entries")
    op.drop_index("ix_audit_entries_at", table_name="audit_entries")
    op.drop_table("audit_entries")
    op.drop_table("person_links")
    op.drop_index("ix_row_errors_open", table_name="row_errors")
    op.drop_table("row_errors")
    op.drop_index("ix_sync_runs_branch_started", table_name="sync_runs")
    op.drop_table("sync_runs")
