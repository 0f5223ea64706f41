"""The admin: users, sessions, failed logins, decisions, ignored row errors; status-page indexes.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "admin_users",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=256), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_admin_users")),
    )
    op.create_table(
        "admin_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_sessions")),
    )
    op.create_table(
        "admin_login_attempts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_login_attempts")),
    )
    op.create_index(
        "ix_admin_login_attempts_key_at", "admin_login_attempts", ["key", "at"], unique=False
    )
    op.create_table(
        "admin_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("branch", sa.String(length=128), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("subject", sa.String(length=160), nullable=False),
        sa.Column("choice", sa.String(length=32), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_decisions")),
    )
    op.create_index(
        "ix_admin_decisions_open", "admin_decisions", ["branch", "applied_at"], unique=False
    )
    op.create_table(
        "admin_ignored_errors",
        sa.Column("branch", sa.String(length=128), nullable=False),
        sa.Column("tab", sa.String(length=128), nullable=False),
        sa.Column("locator", sa.String(length=160), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint(
            "branch", "tab", "locator", "kind", name=op.f("pk_admin_ignored_errors")
        ),
    )
    op.create_index("ix_sync_runs_branch_job_started", "sync_runs", ["branch", "job", "started_at"])
    op.create_index("ix_sync_runs_status_started", "sync_runs", ["status", "started_at"])


def downgrade() -> None:
    op.drop_index("ix_sync_runs_status_started", table_name="sync_runs")
    op.drop_index("ix_sync_runs_branch_job_started", table_name="sync_runs")
    op.drop_table("admin_ignored_errors")
    op.drop_index("ix_admin_decisions_open", table_name="admin_decisions")
    op.drop_table("admin_decisions")
    op.drop_index("ix_admin_login_attempts_key_at", table_name="admin_login_attempts")
    op.drop_table("admin_login_attempts")
    op.drop_table("admin_sessions")
    op.drop_table("admin_users")
