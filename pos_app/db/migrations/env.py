"""Alembic environment: migrations run on the connection the app hands over (see db/migrate.py)."""

from __future__ import annotations

from alembic import context

from pos_app.db.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from pos_app.db.engine import make_engine

        engine = make_engine((config.get_main_option("sqlalchemy.url") or "").removeprefix("sqlite:///"))
        with engine.connect() as conn:
            _run(conn)
        engine.dispose()
    else:
        _run(connection)


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
