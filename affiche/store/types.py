"""The store's public types: statuses, filters, the stored event, sources, audit entries, editors.

These are plain dataclasses so the web, the submission flow and batch code against them without
touching SQLAlchemy; `affiche.store.core` maps them to and from the tables.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from affiche.errors import AfficheError, InputError
from affiche.model import KINDS, Event

__all__ = [
    "STATUSES", "PUBLIC_STATUSES", "Filters", "SourceIn", "Source", "StoredEvent", "AuditEntry",
    "Editor", "ConflictError", "NotFound", "fold",
]

STATUSES = ("draft", "pending", "published", "rejected", "cancelled", "postponed")
PUBLIC_STATUSES = ("published", "cancelled", "postponed")
SOURCE_KINDS = ("text", "file", "url")

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_LANG = re.compile(r"[a-z]{2,3}")


class NotFound(AfficheError):
    """No event (or editor) under that name."""


class ConflictError(AfficheError):
    """The event changed since it was read: the save used a stale version; nothing was written."""

    def __init__(self, message: str, current: StoredEvent | None = None) -> None:
        super().__init__(message)
        self.current = current


def fold(text: str | None) -> str:
    """Lower-case `text` and strip its accents, for comparisons and search ("Liège" → "liege")."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _day(params: Mapping[str, str], name: str) -> dt.date | None:
    value = (params.get(name) or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{name} {value!r}: not a date; give YYYY-MM-DD") from None


def _text(params: Mapping[str, str], name: str, limit: int = 200) -> str | None:
    value = " ".join((params.get(name) or "").split())
    if len(value) > limit:
        raise InputError(f"{name}: longer than {limit} characters")
    return value or None


@dataclass(frozen=True)
class Filters:
    """What a list or feed shows (the query names of Contract 4: from, to, locality, …, past)."""

    start: dt.date | None = None
    end: dt.date | None = None
    locality: str | None = None
    kind: str | None = None
    tag: str | None = None
    lang: str | None = None
    q: str | None = None
    past: bool = False
    statuses: tuple[str, ...] = PUBLIC_STATUSES

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> Filters:
        """Read the query parameters of a page or feed; a bad value is an `InputError`."""
        start, end = _day(params, "from"), _day(params, "to")
        if start and end and end < start:
            raise InputError(f"to {end.isoformat()} is before from {start.isoformat()}")
        kind = _text(params, "kind")
        if kind is not None and kind not in KINDS:
            raise InputError(f"kind {kind!r}: unknown; use one of {', '.join(KINDS)}")
        lang = _text(params, "lang")
        if lang is not None and not _LANG.fullmatch(lang):
            raise InputError(f"lang {lang!r}: give a language code such as fr, nl or en")
        past_text = (params.get("past") or "").strip().lower()
        if past_text not in _TRUE | _FALSE:
            raise InputError(f"past {past_text!r}: give 1 or 0")
        return cls(start=start, end=end, locality=_text(params, "locality"), kind=kind,
                   tag=_text(params, "tag"), lang=lang, q=_text(params, "q", 500),
                   past=past_text in _TRUE)

    def to_query(self) -> dict[str, str]:
        """The query parameters that give these filters back (defaults left out)."""
        query: dict[str, str] = {}
        if self.start:
            query["from"] = self.start.isoformat()
        if self.end:
            query["to"] = self.end.isoformat()
        for name in ("locality", "kind", "tag", "lang", "q"):
            value = getattr(self, name)
            if value:
                query[name] = value
        if self.past:
            query["past"] = "1"
        return query


@dataclass
class SourceIn:
    """What an event was read from, kept for editors and never published raw."""

    kind: str
    text: str
    url: str | None = None
    filename: str | None = None
    media_type: str | None = None
    content: bytes | None = None
    submitter_contact: str | None = None


@dataclass
class Source:
    """A stored source of an event (see `SourceIn`), with its id and when it was received."""

    id: int
    kind: str
    text: str
    url: str | None
    filename: str | None
    media_type: str | None
    content: bytes | None
    submitter_contact: str | None
    created: dt.datetime


@dataclass
class StoredEvent:
    """An event of the agenda: the Contract 1 Event with its slug, status and versions."""

    id: int
    slug: str
    status: str
    version: int
    sequence: int
    created: dt.datetime
    updated: dt.datetime
    event: Event
    tags: list[str] = field(default_factory=list)
    status_note: str | None = None
    previous_start: str | None = None
    warning_count: int = 0
    key: str | None = None


@dataclass
class AuditEntry:
    """One line of the audit log: who did what to which event, when, with details."""

    id: int
    slug: str | None
    actor: str
    action: str
    at: dt.datetime
    detail: dict[str, Any]


@dataclass
class Editor:
    """An editor account (the password hash never leaves the store)."""

    id: int
    name: str
    failed: int
    locked_until: dt.datetime | None
    created: dt.datetime
