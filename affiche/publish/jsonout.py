"""JSON output: the document and its events exactly as Contract 1 of DESIGN.md.

The shape is owned by `affiche.model` (`Document.to_dict`, `Event.to_dict`); this module only
wraps them, so the contract has one definition.
"""

from __future__ import annotations

import json
from typing import Any

from affiche.model import Document, Event

__all__ = ["to_json", "json_object"]


def json_object(document: Document, events: list[Event]) -> dict[str, Any]:
    """The Contract 1 object: `{"document": {...}, "events": [...]}`."""
    return {"document": document.to_dict(), "events": [event.to_dict() for event in events]}


def to_json(document: Document, events: list[Event], indent: int | None = 2) -> str:
    """The Contract 1 JSON text, UTF-8 characters kept as they are (no \\u escapes)."""
    return json.dumps(json_object(document, events), ensure_ascii=False, indent=indent)
