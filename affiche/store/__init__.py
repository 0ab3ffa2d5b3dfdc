"""The agenda's store: events, sources, audit log and editors in SQLite or PostgreSQL.

The API the web, the submission flow, batch and the editors' command line code against
(docs/store.md tells the schema and how to add a migration):

    from affiche.store import Store, Filters
    store = Store("sqlite:///affiche.db")        # migrations run here
    stored = store.add(event, status="pending", source=SourceIn("text", text))
    page, total = store.list(Filters(q="liege"), limit=20)
"""

from __future__ import annotations

from affiche.store.core import Store
from affiche.store.engine import DEFAULT_URL
from affiche.store.types import (
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
