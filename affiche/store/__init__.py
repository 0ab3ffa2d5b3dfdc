"""The agenda's store: events, sources, audit log and editors in SQLite or PostgreSQL.

The API the web, the submission flow, batch and the editors' command line code against
(docs/store.md tells the schema and how to add a migration):

    from affiche.store import Store, Filters
    store = Store("sqlite:///affiche.db")        # migrations run here
    stored = store.add(event, status="pending", source=SourceIn("text", text))
    page, total = store.list(Filters(q="liege"), limit=20)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from affiche.store.core import Store
    from affiche.store.types import (
        DEFAULT_URL,
        PUBLIC_STATUSES,
        STATUSES,
        AuditEntry,
        ConflictError,
        Editor,
        Filters,
        NotFound,
        Source,
        SourceIn,
        StoredEvent,
    )

__all__ = [
    "Store", "StoredEvent", "Filters", "SourceIn", "Source", "AuditEntry", "Editor",
    "ConflictError", "NotFound", "STATUSES", "PUBLIC_STATUSES", "DEFAULT_URL",
]

# Loaded on first use, so that `import affiche.cli` (every command) does not pay for SQLAlchemy,
# Alembic and argon2 when no command touches the agenda.
_HOMES = {name: "core" if name == "Store" else "types" for name in __all__}


def __getattr__(name: str) -> Any:
    """Import the public names from their modules when they are first asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'affiche.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"affiche.store.{home}"), name)
    globals()[name] = value
    return value
