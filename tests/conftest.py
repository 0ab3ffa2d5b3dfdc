"""Shared fixtures: a throwaway PostgreSQL cluster for the tests that ask for one (tests/pg.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pg
import pytest


@pytest.fixture(scope="session")
def postgres() -> Iterator[pg.Cluster]:
    """One PostgreSQL cluster for the whole session, stopped at its end; skips when missing."""
    reason = pg.missing()
    if reason:
        pytest.skip(reason)
    cluster = pg.start()
    yield cluster
    cluster.stop()


@pytest.fixture
def postgres_url(postgres: pg.Cluster) -> str:
    """The URL of a new, empty PostgreSQL database."""
    return postgres.new_database()
