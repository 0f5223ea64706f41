"""Run statuses "aborted" (left running by a dead process) and "skipped" (the lock was taken).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD = "status IN ('running', 'ok', 'failed', 'held', 'approved', 'dry_run')"
# Written out, not imported from the models: a migration must not change when the models do.
_NEW = "status IN ('running', 'ok', 'failed', 'held', 'approved', 'dry_run', 'aborted', 'skipped')"


def _replace_check(check: str) -> None:
    # SQLite cannot alter a CHECK constraint: batch mode copies the table with the new one.
    with op.batch_alter_table("sync_runs", recreate="auto") as batch:
        batch.drop_constraint(op.f("ck_sync_runs_status"), type_="check")
        batch.create_check_constraint(op.f("ck_sync_runs_status"), check)


def upgrade() -> None:
    _replace_check(_NEW)


def downgrade() -> None:
    op.execute("UPDATE sync_runs SET status = 'failed' WHERE status IN ('aborted', 'skipped')")
    _replace_check(_OLD)
