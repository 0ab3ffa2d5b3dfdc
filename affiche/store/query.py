"""Filters as SQL: dates, locality, kind, tag, language, status, and the full-text search.

The search is one function with a branch per dialect: SQLite's FTS5 table `events_fts`
(external content over `events.search_text`, kept in step by triggers) and PostgreSQL's
`to_tsvector('simple', search_text)` with its GIN expression index. The store folds accents
before writing `search_text` and folds the query the same way, so "liege" finds "Liège" on
both without the unaccent extension. Every word of the query must match, as a prefix.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal_column, or_, select, text

from affiche.store.convert import normalise_tag
from affiche.store.schema import EventRow, EventTagRow, PlaceRow, TagRow
from affiche.store.types import Filters, fold

__all__ = ["apply_filters", "search_condition", "query_words", "ordered"]

_QUERY_WORD = re.compile(r"\w+")
_MAX_WORDS = 16


def query_words(q: str | None) -> list[str]:
    """The folded words of a search query (at most 16; punctuation is not searched)."""
    return _QUERY_WORD.findall(fold(q))[:_MAX_WORDS]


def search_condition(dialect: str, q: str) -> ColumnElement[bool] | None:
    """The condition "every word of q, as a prefix, is in the event", or None for no words."""
    words = query_words(q)
    if not words:
        return None
    if dialect == "postgresql":
        query = " & ".join(f"{word}:*" for word in words)
        vector = func.to_tsvector(literal_column("'simple'"), EventRow.search_text)
        return vector.op("@@")(func.to_tsquery(literal_column("'simple'"), query))
    # Each word quoted, so FTS5's operators (AND, NEAR, -, ^…) in a query are plain text.
    match = " ".join(f'"{word}"*' for word in words)
    matching = text("SELECT rowid FROM events_fts WHERE events_fts MATCH :match").bindparams(
        match=match)
    return EventRow.id.in_(matching)


def apply_filters(query: Select[Any], filters: Filters, dialect: str,
                  now: dt.datetime | None = None) -> Select[Any]:
    """Add the conditions of `filters` to a select over `EventRow`."""
    conditions: list[ColumnElement[bool]] = [EventRow.status.in_(filters.statuses)]
    if filters.start is not None:
        conditions.append(func.coalesce(EventRow.last_day, EventRow.first_day) >= filters.start)
    if filters.end is not None:
        conditions.append(EventRow.first_day <= filters.end)
    if not filters.past:
        moment = now or dt.datetime.now(dt.UTC)
        # An event without a date is neither past nor over: it stays listed, after the dated.
        conditions.append(or_(EventRow.first_day.is_(None), EventRow.until_utc > moment))
    if filters.locality:
        places = select(PlaceRow.id).where(PlaceRow.locality_key == fold(filters.locality))
        conditions.append(EventRow.place_id.in_(places))
    if filters.kind:
        conditions.append(EventRow.kind == filters.kind)
    if filters.lang:
        conditions.append(EventRow.language == filters.lang)
    if filters.tag:
        tagged = (select(EventTagRow.event_id).join(TagRow, TagRow.id == EventTagRow.tag_id)
                  .where(TagRow.name == normalise_tag(filters.tag)))
        conditions.append(EventRow.id.in_(tagged))
    if filters.q:
        condition = search_condition(dialect, filters.q)
        if condition is not None:
            conditions.append(condition)
    return query.where(and_(*conditions))


def ordered(query: Select[Any]) -> Select[Any]:
    """Order by start (undated last), then title, then id, so pages never overlap."""
    return query.order_by(EventRow.start_utc.is_(None), EventRow.start_utc, EventRow.title,
                          EventRow.id)
