"""Opening a database: checking its URL, the SQLite pragmas, and running the migrations.

SQLite is the default (`sqlite:///affiche.db`, a file in the working directory) with WAL (readers
never block the writer), foreign keys on and a busy timeout, set on every new connection by a
connect event. PostgreSQL is reached through psycopg 3 (`postgresql+psycopg://…`; a bare
`postgresql://` or `postgres://` means the same). Every problem with the URL or the connection is
an `InputError` in one line.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.pool import StaticPool

from affiche.errors import InputError

__all__ = ["DEFAULT_URL", "check_url", "open_engine", "migrate", "describe"]

DEFAULT_URL = "sqlite:///affiche.db"
_HINT = "give sqlite:///FILE or postgresql+psycopg://USER@HOST/NAME"
_MIGRATIONS = Path(__file__).with_name("migrations")


def describe(url: URL) -> str:
    """The URL as it may be printed: the password hidden."""
    return url.render_as_string(hide_password=True)


def check_url(text: str) -> URL:
    """Parse a database URL and map it to a driver affiche ships, else `InputError`."""
    text = (text or "").strip()
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):
        raise InputError(f"database URL {text!r}: not a database URL; {_HINT}") from None
    backend = url.get_backend_name()
    if backend in ("postgres", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    elif backend == "sqlite":
        if url.get_driver_name() not in ("pysqlite",):
            raise InputError(f"database URL {describe(url)!r}: use sqlite:///FILE")
        _check_sqlite_file(url)
    else:
        raise InputError(f"database URL {describe(url)!r}: {backend} is not supported; {_HINT}")
    return url


def _check_sqlite_file(url: URL) -> None:
    """A file database's folder must exist (SQLite would say 'unable to open' much later)."""
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return
    folder = Path(database).expanduser().resolve().parent
    if not folder.is_dir():
        raise InputError(f"database {database!r}: folder {str(folder)!r} does not exist")
    if Path(database).is_dir():
        raise InputError(f"database {database!r}: is a folder, not a database file")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL, foreign keys and a busy timeout on every SQLite connection."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL in WAL mode loses nothing when the process dies, only on a power cut.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def open_engine(url: URL) -> Engine:
    """An engine for a checked URL, with the SQLite pragmas or PostgreSQL's connect timeout."""
    kwargs: dict[str, Any] = {}
    if url.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"check_same_thread": False}
        if url.database in (None, "", ":memory:"):
            # One shared connection, or every checkout would see a new, empty database.
            kwargs["poolclass"] = StaticPool
    else:
        timeout = int(os.environ.get("AFFICHE_DB_CONNECT_TIMEOUT", "10"))
        kwargs["connect_args"] = {"connect_timeout": timeout}
        kwargs["pool_pre_ping"] = True
    engine = create_engine(url, **kwargs)
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def alembic_config(url: URL | None = None) -> Config:
    """An Alembic configuration pointing at the migrations inside the package."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    if url is not None:
        config.set_main_option("sqlalchemy.url",
                               url.render_as_string(hide_password=False).replace("%", "%%"))
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the database to `revision` (default: the newest); `InputError` if it cannot."""
    config = alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except OperationalError as error:
        raise InputError(f"database {describe(engine.url)!r}: {_reason(error)}") from None
    except DBAPIError as error:
        raise InputError(f"database {describe(engine.url)!r}: {_reason(error)}") from None


def _reason(error: DBAPIError) -> str:
    """The first line of a driver's error, without SQLAlchemy's background link."""
    text = str(error.orig) if error.orig is not None else str(error)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__
