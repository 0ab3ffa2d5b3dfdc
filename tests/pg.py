"""A throwaway PostgreSQL cluster for the tests: a temporary folder, a loopback port, trust auth.

Debian's server binaries (`/usr/lib/postgresql/*/bin/initdb`, `pg_ctl`) are used as they are;
the Makefile's `system` target installs the `postgresql` package when run as root. PostgreSQL
refuses to run as root, so when the tests run as root the cluster runs as the `postgres` user
(through `runuser`) in a folder that user owns. `tests/conftest.py` wraps this in a
session-scoped fixture; anything missing makes those tests skip with the reason.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

__all__ = ["Cluster", "missing", "start"]

_USER = "affiche"


def _bin_dir() -> Path | None:
    """The newest Debian PostgreSQL bin folder that has initdb and pg_ctl."""
    found = [Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin")
             if Path(p, "initdb").exists() and Path(p, "pg_ctl").exists()]
    found.sort(key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
    return found[-1] if found else None


def missing() -> str | None:
    """Why a cluster cannot be started here, or None when it can."""
    if _bin_dir() is None:
        return "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin " \
               "(as root, `make setup` installs the Debian package postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no postgres user to run the server"
        if shutil.which("runuser") is None:
            return "running as root and runuser is not installed"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Cluster:
    """A running PostgreSQL cluster in a temporary folder."""

    def __init__(self) -> None:
        bin_dir = _bin_dir()
        assert bin_dir is not None
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="affiche-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
        self._run([str(self.bin / "initdb"), "-D", str(self.data), "-U", _USER,
                   "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"])
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} "
                   "-c fsync=off -c full_page_writes=off -c max_connections=60")
        self._run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-w",
                   "-t", "60", "-l", str(self.root / "server.log"), "start"])

    def _run(self, argv: list[str]) -> None:
        if self.as_postgres:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(argv)} failed:\n{done.stdout}{done.stderr}{tail}")

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of one database of the cluster."""
        return f"postgresql+psycopg://{_USER}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """Create an empty database and return its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={_USER} dbname=postgres",
                             autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        try:
            self._run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                       "-w", "stop"])
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def start() -> Cluster:
    """Start a cluster (callers check `missing()` first)."""
    return Cluster()
