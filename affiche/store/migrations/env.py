"""Alembic environment of the store: `Store(url)` hands it an open connection; the `alembic`
command (docs/store.md) gives it a URL with `-x url=…` or the ini file's `sqlalchemy.url`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from affiche.store.schema import Base

config = context.config
target_metadata = Base.metadata


def _skip_search_tables(obj: object, name: str | None, type_: str, reflected: bool,
                        compare_to: object) -> bool:
    """Leave the full-text parts out of autogenerate: the FTS5 tables and the GIN index are
    written by hand in the migrations, not mapped by the ORM."""
    return not (name or "").startswith(("events_fts", "ix_events_search"))


def _run(connection: Connection) -> None:
    """Run the migrations on one connection, in one transaction."""
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite",
                      include_object=_skip_search_tables)
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    return context.get_x_argument(as_dictionary=True).get("url") or str(
        config.get_main_option("sqlalchemy.url"))


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
elif config.attributes.get("connection") is not None:
    _run(config.attributes["connection"])
else:
    engine = create_engine(_url())
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()
