"""The agenda's store: events with their status and versions, sources, audit log, editors.

One `Store` per process, safe to share between threads: every call opens its own short session
and commits before it returns, so an acknowledged write is on disk. Saves are checked against
the version the editor read (optimistic locking): a stale save raises `ConflictError` and
writes nothing.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from affiche.errors import InputError
from affiche.model import Event, iso
from affiche.store import convert
from affiche.store.editors import EditorsMixin
from affiche.store.engine import DEFAULT_URL, check_url, describe, migrate, open_engine
from affiche.store.merging import merge_events
from affiche.store.query import apply_filters, ordered
from affiche.store.reader import fetch
from affiche.store.schema import AuditRow, EventRow, SourceRow, TagRow
from affiche.store.types import (
    SOURCE_KINDS,
    STATUSES,
    AuditEntry,
    ConflictError,
    Filters,
    NotFound,
    Source,
    SourceIn,
    StoredEvent,
)

__all__ = ["Store"]

_ACTIONS = {"published": "publish", "rejected": "reject", "cancelled": "cancel",
            "postponed": "postpone", "pending": "requeue", "draft": "draft"}
# A change of these fields is a change calendars must see (iCalendar SEQUENCE).
_SCHEDULE_FIELDS = ("start", "end", "all_day", "timezone", "place")
_MAX_PAGE = 10_000


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _check_status(status: str) -> str:
    if status not in STATUSES:
        raise InputError(f"status {status!r}: unknown; use one of {', '.join(STATUSES)}")
    return status


def _check_page(limit: int, offset: int) -> None:
    if not 0 <= limit <= _MAX_PAGE or offset < 0:
        raise InputError(f"page limit {limit} / offset {offset}: give 0-{_MAX_PAGE} and ≥ 0")


def _source(row: SourceRow) -> Source:
    return Source(id=row.id, kind=row.kind, text=row.text, url=row.url, filename=row.filename,
                  media_type=row.media_type, content=row.content,
                  submitter_contact=row.submitter_contact, created=row.created)


def _source_row(source: SourceIn, at: dt.datetime) -> SourceRow:
    if source.kind not in SOURCE_KINDS:
        raise InputError(f"source kind {source.kind!r}: use one of {', '.join(SOURCE_KINDS)}")
    return SourceRow(kind=source.kind, text=source.text or "", url=source.url,
                     filename=source.filename, media_type=source.media_type,
                     content=source.content, submitter_contact=source.submitter_contact,
                     created=at)


class Store(EditorsMixin):
    """The agenda in a database: SQLite (default) or PostgreSQL, migrated at start."""

    def __init__(self, url: str = DEFAULT_URL) -> None:
        """Open the database at `url` and bring its schema to the newest migration."""
        self.url = check_url(url)
        self.engine = open_engine(self.url)
        self.dialect = self.engine.dialect.name
        try:
            migrate(self.engine)
        except BaseException:
            self.engine.dispose()
            raise
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, autoflush=False)

    def __repr__(self) -> str:
        return f"Store({describe(self.url)!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    @contextmanager
    def _session(self) -> Iterator[Session]:
        try:
            with self._sessions() as session, session.begin():
                yield session
        except StaleDataError:
            # Another writer saved the same version between our read and our write.
            raise ConflictError("the event was changed by someone else while you saved; "
                                "reload it and save again") from None

    # -- reading ----

    def _row(self, session: Session, slug: str) -> EventRow:
        row = session.scalars(select(EventRow).where(EventRow.slug == slug)).first()
        if row is None:
            raise NotFound(f"no event {slug!r} in the agenda")
        return row

    def _one(self, session: Session, event_id: int) -> StoredEvent:
        return fetch(session, [event_id])[0]

    def _by(self, condition: Any) -> StoredEvent | None:
        with self._session() as session:
            ids = list(session.scalars(select(EventRow.id).where(condition)))
            return fetch(session, ids)[0] if ids else None

    def get(self, slug: str) -> StoredEvent:
        """The event stored under `slug`; `NotFound` if there is none."""
        found = self._by(EventRow.slug == slug)
        if found is None:
            raise NotFound(f"no event {slug!r} in the agenda")
        return found

    def get_by_key(self, key: str) -> StoredEvent | None:
        """The event stored under an idempotency key, if any."""
        return self._by(EventRow.key == key)

    def list(self, filters: Filters, *, limit: int = 50,
             offset: int = 0) -> tuple[builtins.list[StoredEvent], int]:
        """One page of the events matching `filters`, by start then title, and the total count."""
        _check_page(limit, offset)
        with self._session() as session:
            matching = apply_filters(select(EventRow.id), filters, self.dialect)
            total = session.scalar(select(func.count()).select_from(matching.subquery())) or 0
            page = ordered(apply_filters(select(EventRow.id), filters, self.dialect))
            ids = list(session.scalars(page.limit(limit).offset(offset)))
            return fetch(session, ids), int(total)

    def queue(self, *, limit: int = 50,
              offset: int = 0) -> tuple[builtins.list[StoredEvent], int]:
        """The pending events, newest first, and how many there are."""
        _check_page(limit, offset)
        with self._session() as session:
            pending = EventRow.status == "pending"
            total = session.scalar(select(func.count(EventRow.id)).where(pending)) or 0
            query = (select(EventRow.id).where(pending)
                     .order_by(EventRow.created.desc(), EventRow.id.desc()))
            ids = list(session.scalars(query.limit(limit).offset(offset)))
            return fetch(session, ids), int(total)

    def changed_at(self, filters: Filters) -> dt.datetime | None:
        """The newest change among the events a list or feed shows (for ETag/Last-Modified)."""
        # An event rejected or merged away leaves the feed: its change must move the date too.
        wider = replace(filters, statuses=tuple(dict.fromkeys((*filters.statuses, "rejected"))))
        with self._session() as session:
            query = apply_filters(select(func.max(EventRow.updated)), wider, self.dialect)
            value = session.scalar(query)
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value

    def sources(self, slug: str) -> builtins.list[Source]:
        """The sources the event was read from, oldest first."""
        with self._session() as session:
            row = self._row(session, slug)
            rows = session.scalars(select(SourceRow).where(SourceRow.event_id == row.id)
                                   .order_by(SourceRow.id)).all()
            return [_source(r) for r in rows]

    def audit(self, slug: str) -> builtins.list[AuditEntry]:
        """Who did what to the event and when, oldest first."""
        with self._session() as session:
            row = self._row(session, slug)
            rows = session.scalars(select(AuditRow).where(AuditRow.event_id == row.id)
                                   .order_by(AuditRow.id)).all()
            return [AuditEntry(id=r.id, slug=r.slug, actor=r.actor, action=r.action, at=r.at,
                               detail=dict(r.detail or {})) for r in rows]

    def duplicates(self, event: Event) -> builtins.list[StoredEvent]:
        """Stored events (not rejected) that `event` duplicates, most similar first."""
        from affiche.match import is_duplicate, similarity

        probe = EventRow(timezone=event.timezone)
        convert.fill_row(probe, event)
        if probe.first_day is None:
            return []
        with self._session() as session:
            query = select(EventRow.id).where(EventRow.first_day == probe.first_day,
                                              EventRow.status != "rejected")
            found = fetch(session, list(session.scalars(query)))
        same = [s for s in found if is_duplicate(event, s.event)]
        return sorted(same, key=lambda s: -similarity(event, s.event))

    # -- writing ----

    def _audit(self, session: Session, row: EventRow, actor: str, action: str,
               detail: dict[str, Any], at: dt.datetime) -> None:
        session.add(AuditRow(event_id=row.id, slug=row.slug, actor=actor or "unknown",
                             action=action, at=at, detail=detail))

    def _set_tags(self, session: Session, row: EventRow, tags: Sequence[str]) -> None:
        names = list(dict.fromkeys(convert.normalise_tag(t) for t in tags if t and t.strip()))
        known = session.scalars(select(TagRow).where(TagRow.name.in_(names)))
        existing = {t.name: t for t in known}
        row.tags = [existing.get(name) or TagRow(name=name) for name in names]

    def _unique_slug(self, session: Session, base: str) -> str:
        taken = set(session.scalars(select(EventRow.slug).where(
            (EventRow.slug == base) | EventRow.slug.like(f"{base}-%"))))
        if base not in taken:
            return base
        number = 2
        while f"{base}-{number}" in taken:
            number += 1
        return f"{base}-{number}"

    def add(self, event: Event, *, status: str = "pending", source: SourceIn | None = None,
            tags: Sequence[str] = (), actor: str = "cli", key: str | None = None) -> StoredEvent:
        """Store a new event (with its source and tags); under a known `key`, return that one."""
        _check_status(status)
        if key is not None and not 0 < len(key) <= 300:
            raise InputError(f"idempotency key {key[:40]!r}…: give 1 to 300 characters")
        if key is not None:
            known = self.get_by_key(key)
            if known is not None:
                return known
        for attempt in range(5):
            try:
                return self._insert(event, status, source, tags, actor, key)
            except IntegrityError:
                # Another writer took the slug or the key between our check and our insert.
                if key is not None:
                    known = self.get_by_key(key)
                    if known is not None:
                        return known
                if attempt == 4:
                    raise
        raise AssertionError("unreachable")

    def _insert(self, event: Event, status: str, source: SourceIn | None, tags: Sequence[str],
                actor: str, key: str | None) -> StoredEvent:
        at = _now()
        with self._session() as session:
            row = EventRow(status=status, sequence=0, created=at, updated=at, key=key)
            convert.fill_row(row, event)
            row.slug = self._unique_slug(session, convert.slug_base(event))
            self._set_tags(session, row, tags)
            row.search_text = convert.search_text(event, [t.name for t in row.tags])
            session.add(row)
            session.flush()
            if source is not None:
                stored_source = _source_row(source, at)
                stored_source.event_id = row.id
                session.add(stored_source)
            self._audit(session, row, actor, "add",
                        {"status": status, "source": source.kind if source else None}, at)
            session.flush()
            return self._one(session, row.id)

    def _rewrite(self, session: Session, row: EventRow, event: Event,
                 tags: Sequence[str] | None) -> None:
        """Write a new state of the event into its row, dropping the places it stops using."""
        for place in convert.fill_row(row, event):
            session.delete(place)
        if tags is not None:
            self._set_tags(session, row, tags)
        row.search_text = convert.search_text(event, [t.name for t in row.tags])

    def _check_version(self, session: Session, row: EventRow, version: int | None) -> None:
        if version is not None and row.version != version:
            raise ConflictError(
                f"event {row.slug!r} was changed by someone else (version {row.version}, "
                f"yours {version}); reload it, redo your change and save again",
                current=self._one(session, row.id))

    def _flush(self, session: Session, row: EventRow) -> None:
        """Flush, turning a concurrent save of the same version into a `ConflictError`."""
        slug = row.slug
        try:
            session.flush()
        except StaleDataError:
            raise ConflictError(f"event {slug!r} was changed by someone else while you "
                                "saved; reload it and save again") from None

    def update(self, slug: str, event: Event, *, version: int, actor: str,
               tags: Sequence[str] | None = None) -> StoredEvent:
        """Save an edited event read at `version`; `ConflictError` if it changed since."""
        with self._session() as session:
            row = self._row(session, slug)
            self._check_version(session, row, version)
            before = self._one(session, row.id).event.to_dict()
            after = event.to_dict()
            fields = [name for name in after if after[name] != before.get(name)]
            old_tags = [t.name for t in row.tags]
            new_tags = None if tags is None else list(dict.fromkeys(
                convert.normalise_tag(t) for t in tags if t and t.strip()))
            if new_tags is not None and new_tags != old_tags:
                fields.append("tags")
            if not fields:
                return self._one(session, row.id)
            at = _now()
            self._rewrite(session, row, event, new_tags)
            if any(name in fields for name in _SCHEDULE_FIELDS):
                row.sequence += 1
            if "start" in fields and row.status in ("published", "cancelled", "postponed"):
                row.previous_start = before["start"]
            row.updated = at
            self._flush(session, row)
            self._audit(session, row, actor, "update", {"fields": fields}, at)
            return self._one(session, row.id)

    def set_status(self, slug: str, status: str, *, actor: str, reason: str | None = None,
                   new_start: str | None = None, version: int | None = None) -> StoredEvent:
        """Publish, reject (a reason is required), cancel, postpone (to `new_start`) or requeue."""
        _check_status(status)
        reason = " ".join((reason or "").split()) or None
        if status == "rejected" and reason is None:
            raise InputError("a rejection needs a reason (it is kept in the audit log)")
        with self._session() as session:
            row = self._row(session, slug)
            self._check_version(session, row, version)
            if row.status == status and new_start is None and reason in (None, row.status_note):
                return self._one(session, row.id)
            at = _now()
            detail: dict[str, Any] = {"from": row.status, "to": status}
            if reason:
                detail["reason"] = reason
            note = reason
            if new_start is not None:
                if status != "postponed":
                    raise InputError("a new start is only given when postponing an event")
                event = self._one(session, row.id).event
                old_start = iso(event.start)
                moved = _moved(event, new_start)
                self._rewrite(session, row, moved, None)
                row.previous_start = old_start
                detail["previous_start"], detail["new_start"] = old_start, iso(moved.start)
                if note is None and old_start:
                    note = f"postponed from {old_start}"
            # A note belongs to the status it explains: publishing again clears the old one.
            row.status_note = note
            row.status = status
            row.sequence += 1
            row.updated = at
            self._flush(session, row)
            self._audit(session, row, actor, _ACTIONS[status], detail, at)
            return self._one(session, row.id)

    def merge(self, keep: str, other: str, *, actor: str) -> StoredEvent:
        """Merge `other` into `keep`: both sources kept, the richer fields taken; `other` is
        rejected with a note naming `keep`."""
        if keep == other:
            raise InputError(f"cannot merge {keep!r} into itself")
        with self._session() as session:
            kept, gone = self._row(session, keep), self._row(session, other)
            merged, fields = merge_events(self._one(session, kept.id).event,
                                          self._one(session, gone.id).event)
            at = _now()
            tags = [t.name for t in kept.tags] + [t.name for t in gone.tags]
            self._rewrite(session, kept, merged, tags)
            if any(name in fields for name in _SCHEDULE_FIELDS):
                kept.sequence += 1
            for source in session.scalars(select(SourceRow).where(SourceRow.event_id == gone.id)):
                source.event_id = kept.id
            kept.updated = gone.updated = at
            previous = gone.status
            gone.status, gone.status_note = "rejected", f"merged into {kept.slug}"
            gone.sequence += 1
            self._flush(session, kept)
            self._audit(session, kept, actor, "merge", {"other": gone.slug, "fields": fields}, at)
            self._audit(session, gone, actor, "merged_into",
                        {"keep": kept.slug, "from": previous}, at)
            session.flush()
            return self._one(session, kept.id)


def _moved(event: Event, new_start: str) -> Event:
    """The event at its new start (a date or an ISO datetime), its end shifted alike."""
    text = new_start.strip()
    try:
        start = convert.parse_when(text, event.timezone)
    except ValueError:
        raise InputError(f"new start {new_start!r}: give YYYY-MM-DD or an ISO datetime") from None
    moved = replace(event, start=start)
    old = event.start
    if old is not None and event.end is not None and type(old) is type(start):
        moved.end = event.end + (start - old)  # type: ignore[operator]
    elif event.end is not None:
        moved.end = None
    return moved
