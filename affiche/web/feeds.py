"""The agenda's feeds: iCalendar (`/events.ics`, `/events/<slug>.ics`), Atom (`/feed.atom`), JSON
(`/events.json`, Contract 1 events with their slug and URL) and schema.org JSON-LD
(`/events.jsonld`). Every feed takes the lists' filters as query parameters and answers
conditional requests with 304; bodies are rendered once per change (keyed by ETag), since a full
calendar of thousands of events costs far more to write than to send.

The serialisers are `affiche.publish`'s, given an `Entry` per event for the agenda's stable ids,
SEQUENCE and status (a cancelled event stays in the calendar as STATUS:CANCELLED).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from affiche.publish import jsonld_objects, to_atom, to_ics
from affiche.web import present
from affiche.web.caching import (
    FEED_SLOT,
    BoundedMap,
    RenderCache,
    Validators,
    not_modified,
    stamp,
    validators,
)
from affiche.web.pages import public_event
from affiche.web.query import filters_of, window_of
from affiche.web.render import negotiate

__all__ = ["routes", "FEED_LIMIT", "ATOM_LIMIT", "event_record", "selection", "warm"]

FEED_LIMIT = 50_000
ATOM_LIMIT = 100
ICS_TYPE = "text/calendar; charset=utf-8"
PAGE = 10_000          # the store's largest page
_cache = RenderCache()
# The VEVENT text of each event revision (keyed by its Entry): after a change, the next full
# calendar re-serialises the changed events only.
_vevents = BoundedMap(60_000)


def selection(store: Any, filters: Any, limit: int, offset: int = 0) -> list[Any]:
    """`limit` events of the filters from `offset` on, read a store page at a time."""
    items: list[Any] = []
    while len(items) < limit:
        page, total = store.list(filters, limit=min(PAGE, limit - len(items)),
                                 offset=offset + len(items))
        items.extend(page)
        if not page or offset + len(items) >= total:
            break
    return items


def _gzip(body: bytes) -> bytes:
    # mtime=0: the same body always compresses to the same bytes
    return gzip.compress(body, compresslevel=6, mtime=0)


def _feed(request: Request, kind: str, media_type: str, limit: int,
          make: Callable[[list[Any]], str]) -> Response:
    """A filtered feed: 304 when current, else the body (from the cache when already made)."""
    filters = filters_of(request)
    limit, offset = window_of(request, limit)
    locale = negotiate(request)
    settings = request.app.state.settings
    plain = validators(request.app.state.changes.of(request), kind, locale, str(request.url.query),
                       settings.base_url, slot=FEED_SLOT)
    zipped = "gzip" in request.headers.get("accept-encoding", "")
    # Each content coding is its own representation, with its own tag (RFC 9110 8.8.3).
    tags = Validators(plain.etag[:-1] + '-gz"', plain.last_modified) if zipped else plain
    fresh = not_modified(request, tags)
    if fresh is not None:
        return fresh

    def build() -> bytes:
        return make(selection(request.state.store, filters, limit, offset)).encode("utf-8")

    # Rendered (and compressed) once per change: a big calendar then costs a lookup.
    body = _cache.get(plain.etag, build)
    headers = {}
    if zipped:
        body = _cache.get(tags.etag, lambda: _gzip(_cache.get(plain.etag, build)))
        headers["Content-Encoding"] = "gzip"
    response = Response(body, media_type=media_type, headers=headers)
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Vary"] = "Accept-Language, Cookie, Accept-Encoding"
    return stamp(response, tags, max_age=300)


def _entries(request: Request, items: list[Any]) -> list[Any]:
    settings = request.app.state.settings
    locale = negotiate(request)
    return [present.entry_of(stored, settings, locale) for stored in items]


def events_ics(request: Request) -> Response:
    """Every public event of the selection as one calendar to subscribe to."""
    name = request.app.state.settings.site_name

    def make(items: list[Any]) -> str:
        return to_ics([s.event for s in items], calendar_name=name,
                      entries=_entries(request, items), cache=_vevents)

    return _feed(request, "ics", ICS_TYPE, FEED_LIMIT, make)


def event_ics(request: Request) -> Response:
    """One event as a calendar file to add."""
    stored = public_event(request, request.path_params["slug"])
    tags = validators(stored.updated, "event-ics", negotiate(request),
                      request.app.state.settings.base_url)
    fresh = not_modified(request, tags)
    if fresh is not None:
        return fresh
    body = to_ics([stored.event], calendar_name=request.app.state.settings.site_name,
                  entries=_entries(request, [stored]), cache=_vevents)
    response = Response(body, media_type=ICS_TYPE, headers={
        "Content-Disposition": f'inline; filename="{stored.slug}.ics"'})
    return stamp(response, tags)


def feed_atom(request: Request) -> Response:
    """The next events of the selection as an Atom feed; changed events carry their status."""
    settings = request.app.state.settings

    def make(items: list[Any]) -> str:
        newest = max((s.updated for s in items), default=None)
        return to_atom([s.event for s in items], feed_title=settings.site_name,
                       feed_url=settings.base_url + "/", feed_id=settings.base_url + "/feed.atom",
                       updated=newest, entries=_entries(request, items))

    return _feed(request, "atom", "application/atom+xml; charset=utf-8", ATOM_LIMIT, make)


def event_record(stored: Any, settings: Any) -> dict[str, Any]:
    """A Contract 1 Event with the agenda's slug, page URL, status and tags; the event's own
    `url` (where the call was read) moves to `source_url`, as `url` is the page (Contract 4)."""
    record = stored.event.to_dict()
    record.update(slug=stored.slug, url=present.event_url(settings, stored.slug),
                  source_url=stored.event.url,
                  status=stored.status, tags=list(stored.tags),
                  updated=stored.updated.isoformat(timespec="seconds"))
    return record


def events_json(request: Request) -> Response:
    """`{"events": [Event + slug + url, …]}`: the selection as Contract 1 JSON."""
    settings = request.app.state.settings

    def make(items: list[Any]) -> str:
        return json.dumps({"events": [event_record(s, settings) for s in items]},
                          ensure_ascii=False, separators=(",", ":"))

    return _feed(request, "json", "application/json", FEED_LIMIT, make)


def events_jsonld(request: Request) -> Response:
    """The selection as schema.org JSON-LD: `{"@context": …, "@graph": [Event, …]}`."""

    def make(items: list[Any]) -> str:
        graph = jsonld_objects([s.event for s in items], _entries(request, items))
        for item in graph:
            item.pop("@context", None)
        return json.dumps({"@context": "https://schema.org", "@graph": graph},
                          ensure_ascii=False, separators=(",", ":"))

    return _feed(request, "jsonld", "application/ld+json", FEED_LIMIT, make)


def warm(app: Any, paths: tuple[str, ...] = ("/events.ics",)) -> None:
    """Render the big feeds once, in this thread, as an anonymous client would ask for them, so
    the first subscriber after a start does not wait for thousands of VEVENTs to be written."""
    import asyncio
    import logging

    async def get(path: str) -> None:
        scope = {"type": "http", "method": "GET", "path": path, "raw_path": path.encode(),
                 "query_string": b"", "headers": [(b"accept-encoding", b"gzip")],
                 "scheme": "http", "server": ("127.0.0.1", 0), "client": ("127.0.0.1", 0),
                 "root_path": "", "http_version": "1.1", "app": app}

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            return None

        await app(scope, receive, send)

    for path in paths:
        try:
            asyncio.run(get(path))
        except Exception:  # noqa: BLE001 - a warm-up failure must never stop the server
            logging.getLogger("affiche.web").exception("warming %s failed", path)


routes: list[BaseRoute] = [
    Route("/events.ics", events_ics, methods=["GET", "HEAD"]),
    Route("/events/{slug}.ics", event_ics, methods=["GET", "HEAD"]),
    Route("/feed.atom", feed_atom, methods=["GET", "HEAD"]),
    Route("/events.json", events_json, methods=["GET", "HEAD"]),
    Route("/events.jsonld", events_jsonld, methods=["GET", "HEAD"]),
]
