"""Conditional requests: ETag and Last-Modified on every list, page and feed, and 304 answers.

The validators come from `Store.changed_at` over the whole store (any status, past included):
any change anywhere, even one that takes an event out of a list, gives every list a new ETag.
The time, in ten-minute slots, is part of a page's tag too, because an event leaves "upcoming"
when it ends (feeds hold a day: a calendar keeps today's events all day, and the full calendar
is then rebuilt only when the store changes); so are the locale and the query, and a token of
this server process, so a new release never serves an old page as fresh.

For anonymous requests the store's last change is read at most once per `Settings.freshness`
seconds (default 1): under load, that query would otherwise be most of a cached page's cost. A
request with a session cookie (an editor who has just changed an event) always reads it afresh.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, MutableMapping
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

__all__ = ["Validators", "validators", "not_modified", "stamp", "RenderCache", "store_changed",
           "ChangeClock", "shared", "LANGUAGE_COOKIE", "BoundedMap", "SLOT", "FEED_SLOT"]

LANGUAGE_COOKIE = "affiche_lang"

_BOOT = secrets.token_hex(4)
SLOT = 600  # seconds: pages; feeds hold a day (FEED_SLOT)
FEED_SLOT = 86_400


class Validators:
    """An ETag and an optional Last-Modified time for one representation."""

    def __init__(self, etag: str, last_modified: dt.datetime | None) -> None:
        """Keep the strong-looking weak tag and the time (seconds, UTC)."""
        self.etag = etag
        self.last_modified = (last_modified.astimezone(dt.UTC).replace(microsecond=0)
                              if last_modified else None)


def store_changed(store: Any) -> dt.datetime | None:
    """The newest change of any event in the store."""
    from affiche.store import STATUSES, Filters

    return store.changed_at(Filters(past=True, statuses=tuple(STATUSES)))


def shared(request: Request) -> bool:
    """True when the answer is the same for everyone asking it this way: no cookie but the
    language's (an editor's session, say, may change the page), so it may come from a cache."""
    return all(name == LANGUAGE_COOKIE for name in request.cookies)


class ChangeClock:
    """The store's last change, read at most once per `ttl` seconds unless asked afresh."""

    def __init__(self, store: Any, ttl: float) -> None:
        """Watch `store`; `ttl` 0 reads it every time."""
        self.store = store
        self.ttl = ttl
        self._value: tuple[float, dt.datetime | None] | None = None
        self._lock = threading.Lock()

    def get(self, fresh: bool = False) -> dt.datetime | None:
        """The newest change of any event (from memory when younger than `ttl`)."""
        now = time.monotonic()
        with self._lock:
            known = self._value
        if not fresh and self.ttl > 0 and known is not None and now - known[0] < self.ttl:
            return known[1]
        value = store_changed(self.store)
        with self._lock:
            self._value = (now, value)
        return value

    def of(self, request: Request) -> dt.datetime | None:
        """The last change as this request may see it (afresh for a request with a session)."""
        return self.get(fresh=not shared(request))


def validators(changed: dt.datetime | None, *variant: str, slot: int = SLOT) -> Validators:
    """Validators of a representation that depends on `changed` and on `variant` words, valid
    for one time slot of `slot` seconds at most."""
    # Lists drop an event when it ends, so a tag holds for one slot at most.
    slot_text = f"{slot}:{int(time.time() // slot)}"
    material = "\x1f".join([_BOOT, slot_text, changed.isoformat() if changed else "-", *variant])
    digest = hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return Validators(f'W/"{digest}"', changed)


def not_modified(request: Request, tags: Validators) -> Response | None:
    """A 304 response when the client's copy is current, else None."""
    match = request.headers.get("if-none-match")
    if match is not None:
        offered = {t.strip() for t in match.split(",")}
        # Weak comparison (RFC 9110 13.1.2): the W/ prefix does not matter for GET.
        plain = tags.etag.removeprefix("W/")
        if "*" in offered or tags.etag in offered or plain in offered:
            return stamp(Response(status_code=304), tags)
        return None
    since = request.headers.get("if-modified-since")
    if since and tags.last_modified is not None:
        try:
            moment = parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return None
        if moment.tzinfo is not None and tags.last_modified <= moment:
            return stamp(Response(status_code=304), tags)
    return None


def stamp(response: Response, tags: Validators, max_age: int = 60) -> Response:
    """Put the validators and a short public cache lifetime on a response."""
    response.headers["ETag"] = tags.etag
    if tags.last_modified is not None:
        response.headers["Last-Modified"] = format_datetime(tags.last_modified, usegmt=True)
    response.headers.setdefault("Cache-Control", f"public, max-age={max_age}")
    return response


class RenderCache:
    """A small least-recently-used cache of rendered bodies keyed by ETag (the full ICS feed of
    thousands of events is worth rendering once per change, not once per request). Concurrent
    requests for a body being made wait for it instead of making it again."""

    def __init__(self, size: int = 32) -> None:
        """Keep at most `size` bodies."""
        self.size = size
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._making: dict[str, threading.Lock] = {}

    def _cached(self, key: str) -> bytes | None:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            return None

    def get(self, key: str, make: Callable[[], bytes]) -> bytes:
        """The body under `key`, made (and kept) when absent."""
        body = self._cached(key)
        if body is not None:
            return body
        with self._lock:
            making = self._making.setdefault(key, threading.Lock())
        with making:
            body = self._cached(key)
            if body is None:
                body = make()
                with self._lock:
                    self._items[key] = body
                    while len(self._items) > self.size:
                        self._items.popitem(last=False)
        with self._lock:
            self._making.pop(key, None)
        return body


class BoundedMap(MutableMapping[Any, Any]):
    """A thread-safe mapping that forgets its least recently used items beyond `size` (the
    VEVENT text of each event revision, reused by every calendar that lists it)."""

    def __init__(self, size: int) -> None:
        """Keep at most `size` items."""
        self.size = size
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def __getitem__(self, key: Any) -> Any:
        """The item, now the most recently used."""
        with self._lock:
            value = self._items[key]
            self._items.move_to_end(key)
            return value

    def __setitem__(self, key: Any, value: Any) -> None:
        """Keep the item, forgetting the oldest beyond `size`."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def __delitem__(self, key: Any) -> None:
        """Forget the item."""
        with self._lock:
            del self._items[key]

    def __iter__(self) -> Iterator[Any]:
        """The keys, oldest first (a snapshot)."""
        with self._lock:
            return iter(list(self._items))

    def __len__(self) -> int:
        """How many items are kept."""
        return len(self._items)
