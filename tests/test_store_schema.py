"""Migrations from an empty database, the schema they build, and bad database URLs."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from affiche.errors import InputError
from affiche.store import Store
from affiche.store.engine import alembic_config, check_url
from affiche.store.schema import Base

TABLES = {"events", "places", "meeting_points", "transport", "contacts", "organisers", "tags",
          "event_tags", "sources", "audit", "editors", "alembic_version"}


def _url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path}/empty.db"
    return str(request.getfixturevalue("postgres_url"))


def _skip_fts(obj: object, name: str | None, type_: str, *_: object) -> bool:
    return not (name or "").startswith(("events_fts", "ix_events_search"))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_migrations_build_the_model_schema(backend: str, request: pytest.FixtureRequest,
                                           tmp_path: Path) -> None:
    store = Store(_url(backend, request, tmp_path))
    try:
        names = set(inspect(store.engine).get_table_names())
        assert names >= TABLES
        with store.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"include_object": _skip_fts, "compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            assert connection.execute(text("SELECT version_num FROM alembic_version")) \
                .scalar_one() == "0001"
    finally:
        store.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_downgrade_to_empty_and_upgrade_again(backend: str, request: pytest.FixtureRequest,
                                              tmp_path: Path) -> None:
    url = _url(backend, request, tmp_path)
    Store(url).close()
    engine = create_engine(check_url(url))
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()
    Store(url).close()


def test_sqlite_pragmas(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path}/p.db")
    try:
        with store.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    finally:
        store.close()


def test_in_memory_sqlite_works() -> None:
    store = Store("sqlite://")
    try:
        assert store.queue() == ([], 0)
    finally:
        store.close()


@pytest.mark.parametrize("url, message", [
    ("nonsense", "not a database URL"),
    ("", "not a database URL"),
    ("mysql://u@localhost/x", "mysql is not supported"),
    ("sqlite+weird:///x.db", "use sqlite:///FILE"),
    ("sqlite:////no/such/folder/x.db", "does not exist"),
])
def test_bad_urls_are_one_line_input_errors(url: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as error:
        Store(url)
    assert "\n" not in str(error.value)


def test_sqlite_file_that_is_a_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        Store(f"sqlite:///{tmp_path}")


def test_sqlite_file_that_is_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is no database at all" * 100)
    with pytest.raises(InputError, match="junk.db") as error:
        Store(f"sqlite:///{junk}")
    assert "\n" not in str(error.value)


def test_unreachable_postgresql_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AFFICHE_DB_CONNECT_TIMEOUT", "2")
    # Port 1 on loopback: nothing listens there.
    with pytest.raises(InputError, match="127.0.0.1") as error:
        Store("postgresql://nobody:secret@127.0.0.1:1/agenda")
    assert "secret" not in str(error.value) and "\n" not in str(error.value)


def test_postgres_urls_use_psycopg_3() -> None:
    assert check_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert check_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert check_url("postgresql+psycopg2://u@h/db").drivername == "postgresql+psycopg"
