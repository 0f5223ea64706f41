"""Alembic environment for the ledger.

Normally :mod:`ledger.migrate` hands in a live connection via ``config.attributes``. For
developers running the ``alembic`` command itself (``alembic -c ledger/alembic.ini -x
url=sqlite:///dev.db revision --autogenerate -m "..."``), a URL from ``-x url=`` works too.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from ledger.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise SystemExit("give the database with -x url=... (or use `bridge db upgrade`)")
    return url


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    given = config.attributes.get("connection")
    if given is not None:
        _run(given)
    else:
        engine = create_engine(_url())
        try:
            with engine.begin() as conn:
                _run(conn)
        finally:
            engine.dispose()
