"""The agenda's pages: the list of upcoming events (`/`), an event's page, the map, the embeddable
list, the subscription page and the language switch. Every page works without JavaScript; only
the maps use it (Leaflet), and they fall back to links and lists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from affiche.errors import InputError
from affiche.publish.describe import summary_line
from affiche.store import PUBLIC_STATUSES, NotFound
from affiche.web import present
from affiche.web.caching import RenderCache, not_modified, shared, stamp, validators
from affiche.web.query import filters_of, page_of, raw_filters, with_query
from affiche.web.render import COOKIE, LOCALES, negotiate, render, render_text

__all__ = ["routes", "public_event", "MAP_LIMIT", "EMBED_LIMIT"]

MAP_LIMIT = 5000
EMBED_LIMIT = 50
YEAR = 365 * 24 * 3600
# Rendered pages by ETag: a page changes only when the store does (or the day, or the release).
_pages = RenderCache(size=2048)


def public_event(request: Request, slug: str) -> Any:
    """The stored event of `slug` when it is public; a 404 otherwise (drafts stay unseen)."""
    try:
        stored = request.state.store.get(slug)
    except NotFound:
        raise HTTPException(404) from None
    if stored.status not in PUBLIC_STATUSES:
        raise HTTPException(404)
    return stored


def _tags(request: Request, *variant: str) -> Any:
    """Validators of a page: the store's last change, the locale, the query, the page kind."""
    return validators(request.app.state.changes.of(request), negotiate(request),
                      str(request.url.query), *variant)


def _page(request: Request, tags: Any, template: str,
          context: Callable[[], dict[str, Any]]) -> Response:
    """A page answered with 304, from the render cache, or rendered (and kept) now."""
    fresh = not_modified(request, tags)
    if fresh is not None:
        return fresh

    def make() -> bytes:
        return render_text(request, template, **context()).encode("utf-8")

    body = _pages.get(tags.etag, make) if shared(request) else make()
    response = HTMLResponse(body, headers={"Content-Language": negotiate(request),
                                           "Vary": "Accept-Language, Cookie"})
    return stamp(response, tags)


def _options(locale: str) -> dict[str, Any]:
    """The choices of the filter form, in the locale's words."""
    from affiche.web.render import gettext

    return {
        "kinds": sorted(((k, gettext(locale, v)) for k, v in present.KIND_LABELS.items()),
                        key=lambda kv: kv[1]),
        "languages": [(code, name) for code, name in (("fr", "Français"), ("nl", "Nederlands"),
                                                      ("en", "English"))],
    }


def home(request: Request) -> Response:
    """Upcoming public events grouped by day, with filters, search and pagination."""
    filters = filters_of(request)
    page = page_of(request)

    def context() -> dict[str, Any]:
        size = request.app.state.settings.page_size
        items, total = request.state.store.list(filters, limit=size, offset=(page - 1) * size)
        pages = max(1, -(-total // size))
        if page > pages and total:
            raise HTTPException(404)
        locale = negotiate(request)
        raw = raw_filters(request)
        query = filters.to_query()
        return {
            "groups": present.day_groups(items, locale), "total": total, "page": page,
            "pages": pages, "raw": raw, "options": _options(locale), "filtered": bool(raw),
            "feeds": _feed_links(request, query),
            "previous": with_query("/", query, page=page - 1 if page > 2 else None)
            if page > 1 else None,
            "next": with_query("/", query, page=page + 1) if page < pages else None,
        }

    return _page(request, _tags(request, "home"), "home.html", context)


def _feed_links(request: Request, query: dict[str, str]) -> dict[str, str]:
    """The feeds of the current selection, and its webcal:// address for calendar apps."""
    base = urlsplit(request.app.state.settings.base_url)
    ics = with_query("/events.ics", query)
    return {"ics": ics, "webcal": f"webcal://{base.netloc}{base.path}{ics}",
            "atom": with_query("/feed.atom", query), "json": with_query("/events.json", query),
            "jsonld": with_query("/events.jsonld", query)}


def event_page(request: Request) -> Response:
    """One event: when, where, meeting points, transport, contacts, links, JSON-LD."""
    slug = request.path_params["slug"]
    tags = _tags(request, slug, "event")

    def context() -> dict[str, Any]:
        stored = public_event(request, slug)
        view = present.event_view(stored, request.app.state.settings, negotiate(request))
        return {"e": view, "title": summary_line(stored.event)}

    return _page(request, tags, "event.html", context)


def map_page(request: Request) -> Response:
    """Every upcoming public event with coordinates on a map, and the same as a list without JS."""
    filters = filters_of(request)

    def context() -> dict[str, Any]:
        items, total = request.state.store.list(filters, limit=MAP_LIMIT)
        locale = negotiate(request)
        markers, unplaced = [], 0
        for stored in items:
            place = stored.event.place
            if place.lat is None or place.lon is None:
                unplaced += 1
                continue
            view = present.card(stored, locale)
            markers.append({"lat": place.lat, "lon": place.lon, "title": view["title"],
                            "when": view["when"], "place": view["place"],
                            "url": f"/events/{stored.slug}", "status": view["status_label"]})
        settings = request.app.state.settings
        data = {"tiles": settings.tiles, "attribution": settings.tile_attribution,
                "markers": markers}
        return {"markers": markers, "marker_data": present.json_script(data),
                "unplaced": unplaced, "total": total, "raw": raw_filters(request),
                "options": _options(locale), "shown": len(items)}

    return _page(request, _tags(request, "map"), "map.html", context)


def embed(request: Request) -> Response:
    """A small list of upcoming events to show in an iframe on another site."""
    filters = filters_of(request)
    text = request.query_params.get("limit", "").strip() or "10"
    if not text.isdigit() or not 1 <= int(text) <= EMBED_LIMIT:
        raise InputError(f"limit {text!r}: give a number of events from 1 to {EMBED_LIMIT}")

    def context() -> dict[str, Any]:
        items, total = request.state.store.list(filters, limit=int(text))
        locale = negotiate(request)
        return {"events": [present.card(s, locale) for s in items], "total": total,
                "more": with_query("/", filters.to_query())}

    return _page(request, _tags(request, "embed"), "embed.html", context)


def subscribe(request: Request) -> Response:
    """How to follow the agenda: the feeds of every format, with the page's filters."""
    filters = filters_of(request)
    raw = raw_filters(request)
    return render(request, "subscribe.html", feeds=_feed_links(request, filters.to_query()),
                  raw=raw, base_url=request.app.state.settings.base_url)


def switch_language(request: Request) -> Response:
    """Remember the chosen language in a cookie and go back to the page it was chosen on."""
    code = request.path_params["code"]
    if code not in LOCALES:
        raise HTTPException(404)
    target = request.query_params.get("next", "/")
    parts = urlsplit(target)
    # Only a path on this site: never an open redirect to another host.
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") \
            or "\\" in target:
        target = "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE, code, max_age=YEAR, samesite="lax", httponly=True,
                        secure=request.url.scheme == "https")
    return response


routes: list[BaseRoute] = [
    Route("/", home, methods=["GET", "HEAD"]),
    Route("/events/{slug}", event_page, methods=["GET", "HEAD"]),
    Route("/map", map_page, methods=["GET", "HEAD"]),
    Route("/embed", embed, methods=["GET", "HEAD"]),
    Route("/subscribe", subscribe, methods=["GET", "HEAD"]),
    Route("/lang/{code}", switch_language, methods=["GET"]),
]
