"""Row errors without typed values: blank the quoted value out of every stored message.

Earlier runs stored the board's typed text in ``row_errors.message`` ("Ugyldig telefonnummer:
«42360791»"). The cell and the kind say where and what; the value stays in the sheet only.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A copy of ledger.store's rule as it stood, so this migration never changes meaning.
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")


def _blank(quoted: re.Match[str]) -> str:
    """Keep the quotes, drop what is between them."""
    text = quoted.group(0)
    return text[0] + "…" + text[-1]


def upgrade() -> None:
    from bridge.redact import redact

    conn = op.get_bind()
    errors = sa.table("row_errors", sa.column("id", sa.Integer), sa.column("message", sa.Text))
    rows = conn.execute(sa.select(errors.c.id, errors.c.message)).all()
    changed = []
    for row_id, message in rows:
        clean = redact(_QUOTED.sub(_blank, message or ""))
        if clean != message:
            changed.append({"_id": row_id, "message": clean})
    if changed:
        conn.execute(
            errors.update().where(errors.c.id == sa.bindparam("_id")),
            changed,
        )


def downgrade() -> None:
    """Nothing to undo: the values are gone on purpose."""
