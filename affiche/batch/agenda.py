"""`affiche batch --into-agenda`: the events found become pending events of the agenda.

Events are stored from the driver as partitions finish (one writer, as SQLite wants), each
with its document's text as its source (the evidence spans point into it) and an idempotency
key made of the document id and the event's index, so a resumed or repeated run stores nothing
twice. With `--dedupe`, an event that duplicates a pending event of the agenda
(`Store.duplicates`, i.e. `affiche.match.is_duplicate`) is merged into it, keeping both
sources; a duplicate of an event already published is still stored as pending, so that what
editors published is never changed without them.
"""

from __future__ import annotations

import os
from typing import Any

from affiche.model import Event

__all__ = ["Agenda", "open_store"]


class Agenda:
    """The agenda a batch writes its events into."""

    def __init__(self, url: str) -> None:
        """Open the agenda's store at `url` (its migrations run here)."""
        from affiche.store import Store

        self.store = Store(url)
        self.merged = 0

    def add_found(self, found: list[tuple[dict[str, Any], list[dict[str, Any]], str | None]],
                  *, dedupe: bool = False) -> int:
        """Store the events of finished documents as pending; the number of new events."""
        from affiche.store import SourceIn

        added = 0
        for info, events, text in found:
            source = _source(info, text or "", SourceIn)
            for index, data in enumerate(events):
                key = f"batch:{info['doc_id']}:{index}"
                if self.store.get_by_key(key) is not None:
                    continue
                event = Event.from_dict(data)
                pending = [s for s in self.store.duplicates(event)
                           if s.status == "pending"] if dedupe else []
                stored = self.store.add(event, status="pending", source=source,
                                        actor="batch", key=key)
                if pending:
                    self.store.merge(pending[0].slug, stored.slug, actor="batch")
                    self.merged += 1
                else:
                    added += 1
        return added

    def close(self) -> None:
        """Release the database."""
        self.store.close()


def _source(info: dict[str, Any], text: str, source_in: Any) -> Any:
    """The `SourceIn` of a document: a page's URL, a file's name, or a JSON line's text."""
    kind = info.get("unit_kind")
    if kind == "warc" or (kind == "file" and info.get("doc_url")):
        return source_in(kind="url", text=text, url=info.get("doc_url"))
    if kind == "file":
        return source_in(kind="file", text=text, filename=os.path.basename(info["source"]))
    return source_in(kind="text", text=text)


def open_store(url: str) -> Agenda:
    """The agenda at `url`."""
    return Agenda(url)
