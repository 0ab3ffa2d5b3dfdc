"""`/admin`: editors log in, work through the moderation queue and change events.

- `GET|POST /admin/login`, `POST /admin/logout`: the store checks the password (argon2) and
  locks an account after repeated failures; each address is rate-limited here as well.
- `GET /admin`: the queue (pending, newest first, with the warning count); `?status=` lists
  the other statuses (published, cancelled, postponed, rejected) for later edits.
- `GET /admin/events/<slug>`: the editable form with the original source beside it (evidence
  highlighted), possible duplicates with a one-click merge, and the audit log.
- `POST /admin/events/<slug>`: `save`, `publish`, `reject` (a reason, kept in the audit log),
  `cancel`, `postpone` (a new date), `merge:<slug>`. Every save carries the version read: a stale
  one answers with a conflict page showing both versions, the editor's own still editable.
- `GET /admin/sources/<slug>/<id>`: a stored upload (images were re-encoded on intake).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from affiche.errors import AfficheError
from affiche.model import Event
from affiche.web import forms, security
from affiche.web.render import format_moment, negotiate, render
from affiche.web.submit import event_views, load_form, relocate

__all__ = ["routes"]

logger = logging.getLogger("affiche.web.admin")
LISTED = ("pending", "published", "postponed", "cancelled", "rejected", "draft")
PAGE = 50


def _page(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    locale = negotiate(request)
    context.setdefault("csrf", security.csrf_token(request))
    context.setdefault("editor", security.session_editor(request))
    context.setdefault("moment", lambda value, zone: format_moment(value, zone, locale))
    return security.finish(request, render(request, template, status_code=status, **context))


def _editor(request: Request) -> str:
    """The logged-in editor; GET requests without one go to the login page, POSTs get 403."""
    editor = security.session_editor(request)
    if editor is None:
        if request.method == "GET":
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            raise HTTPException(303, "log in first",
                                headers={"Location": f"/admin/login?next={quote(target)}"})
        raise HTTPException(403, "your session has ended; log in again")
    return editor


def _safe_next(target: str) -> str:
    # Only our own admin pages: never an open redirect to another site.
    if target.startswith("/admin") and not target.startswith("//") and "\\" not in target:
        return target
    return "/admin"


async def login_form(request: Request) -> Response:
    """The login form."""
    return _page(request, "admin/login.html", error=None, name="",
                 next=_safe_next(request.query_params.get("next", "/admin")))


async def login(request: Request) -> Response:
    """Check the password; a session cookie on success."""
    form = await load_form(request)
    security.check_rate(request, "login")
    name = _text(form, "name").strip()[:100]
    password = _text(form, "password")[:1000]
    target = _safe_next(_text(form, "next") or "/admin")
    store = request.state.store
    editor = await run_in_threadpool(store.check_editor, name, password) if name else None
    if editor is None:
        logger.info("failed login for %r from %s", name, security.client_address(request))
        return _page(request, "admin/login.html", status=401, name=name, next=target,
                     error="wrong name or password, or the account is locked for a while after "
                           "repeated failures")
    response = RedirectResponse(target, status_code=303)
    security.set_session(request, response, editor.name)
    return response


async def logout(request: Request) -> Response:
    """End the session."""
    await load_form(request)
    response = RedirectResponse("/admin/login", status_code=303)
    security.clear_session(request, response)
    return response


def _text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value if isinstance(value, str) else ""


async def queue(request: Request) -> Response:
    """The moderation queue, or the events of another status."""
    _editor(request)
    from affiche.store import Filters

    status = request.query_params.get("status", "pending")
    if status not in LISTED:
        raise HTTPException(400, f"unknown status {status!r}")
    try:
        offset = max(0, int(request.query_params.get("offset", "0")))
    except ValueError:
        offset = 0
    store = request.state.store
    if status == "pending":
        items, total = await run_in_threadpool(lambda: store.queue(limit=PAGE, offset=offset))
    else:
        filters = Filters(past=True, statuses=(status,))
        items, total = await run_in_threadpool(
            lambda: store.list(filters, limit=PAGE, offset=offset))
    return _page(request, "admin/queue.html", items=items, total=total, listing=status,
                 statuses=LISTED, offset=offset, page=PAGE,
                 done=request.query_params.get("done", ""),
                 done_slug=request.query_params.get("slug", ""))


def _stored(request: Request, slug: str) -> Any:
    from affiche.store import NotFound

    try:
        return request.state.store.get(slug)
    except NotFound:
        raise HTTPException(404, f"no event {slug!r}") from None


def _edit_page(request: Request, stored: Any, raw: dict[str, str] | None = None,
               status: int = 200, conflict: Any = None, message: str | None = None) -> Response:
    store = request.state.store
    views = event_views(request, {0: (stored.event, raw)}, exclude=stored.slug)
    if raw is None:
        views[0]["form"].values["tags"] = ", ".join(stored.tags)
    sources = store.sources(stored.slug)
    spans = {f"e0-src-{k}": v for k, v in views[0]["form"].evidence.items()}
    shown = []
    for number, source in enumerate(sources):
        html = forms.highlight(source.text, spans if number == 0 else {})
        shown.append({"source": source, "html": html})
    version = conflict.version if conflict is not None else stored.version
    differences = []
    if conflict is not None and raw is not None:
        theirs = forms.event_form(conflict.event, 0, tags=conflict.tags).values
        differences = [(key, theirs.get(key, ""), raw.get(key, "")) for key in sorted(theirs)
                       if key in raw and (raw.get(key) or "").replace("\r\n", "\n").strip()
                       != (theirs.get(key) or "").strip()]
    return _page(request, "admin/edit.html", status=status, stored=stored, views=views,
                 sources=shown, audit=store.audit(stored.slug), version=version,
                 conflict=conflict, differences=differences, message=message,
                 excerpt=forms.excerpt, kinds=forms.KINDS, roles=forms.ROLES, modes=forms.MODES,
                 admin=True,
                 source_text=sources[0].text if sources else "")


async def edit(request: Request) -> Response:
    """An event's editable form with its source."""
    _editor(request)
    stored = _stored(request, request.path_params["slug"])
    return _edit_page(request, stored, message=request.query_params.get("done") or None)


def _new_start(form: FormData, stored: Any) -> str | None:
    date = _text(form, "postpone_date").strip()
    time = _text(form, "postpone_time").strip()
    if not date:
        return None
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        raise HTTPException(400, f"new date {date!r}: give it as YYYY-MM-DD") from None
    if not time:
        return day.isoformat()
    try:
        clock = dt.time.fromisoformat(time if len(time) > 2 else f"{int(time):02d}:00")
    except ValueError:
        raise HTTPException(400, f"new time {time!r}: give it as HH:MM") from None
    zone = ZoneInfo(stored.event.timezone or "Europe/Brussels")
    return dt.datetime.combine(day, clock, tzinfo=zone).isoformat(timespec="seconds")


async def act(request: Request) -> Response:
    """Save, publish, reject, cancel, postpone or merge one event."""
    from affiche.store import ConflictError

    form = await load_form(request)
    editor = _editor(request)
    slug = request.path_params["slug"]
    stored = _stored(request, slug)
    store = request.state.store
    action = _text(form, "action") or "save"
    try:
        version = int(_text(form, "version"))
    except ValueError:
        raise HTTPException(400, "the form has no version; reload the page") from None
    raw = forms.raw_values(form, 0)
    if action.startswith("choose:"):
        _, _, candidate = (action.split(":", 2) + ["", ""])[:3]
        forms.apply_choice(raw, candidate, raw.get("timezone") or stored.event.timezone)
        return _edit_page(request, stored, raw=raw)
    if action.startswith("merge:"):
        keep = action.split(":", 1)[1]
        _stored(request, keep)
        kept = await run_in_threadpool(lambda: store.merge(keep, slug, actor=editor))
        return RedirectResponse(f"/admin/events/{kept.slug}?done=merged", status_code=303)
    event, tags, errors = forms.read_event(raw, stored.event)
    relocate(event)
    if errors:
        return _edit_page(request, stored, raw=raw, status=400)
    reason = _text(form, "reason").strip()[:1000] or None
    if action == "reject" and not reason:
        return _edit_page(request, stored, raw=raw, status=400,
                          message="give a reason to reject the event (kept in the audit log)")
    try:
        current = await run_in_threadpool(_apply, store, stored, event, tags, version, editor,
                                          action, reason, _new_start(form, stored)
                                          if action == "postpone" else None)
    except ConflictError as error:
        latest = error.current or _stored(request, slug)
        return _edit_page(request, latest, raw=raw, status=409, conflict=latest)
    except AfficheError as error:
        raise HTTPException(400, str(error).splitlines()[0]) from None
    logger.info("%s: %s by %s", slug, action, editor)
    if action in ("publish", "reject"):
        done = "published" if action == "publish" else "rejected"
        return RedirectResponse(f"/admin?done={done}&slug={quote(current.slug)}",
                                status_code=303)
    return RedirectResponse(f"/admin/events/{quote(current.slug)}?done={action}", status_code=303)


_TARGET = {"publish": "published", "reject": "rejected", "cancel": "cancelled",
           "postpone": "postponed"}


def _apply(store: Any, stored: Any, event: Event, tags: list[str], version: int, editor: str,
           action: str, reason: str | None, new_start: str | None) -> Any:
    """Save the edits (when there are any), then change the status: one version checked."""
    if action not in ("save", *_TARGET):
        raise HTTPException(400, f"unknown action {action!r}")
    current = stored
    changed = event.to_dict() != stored.event.to_dict() or tags != list(stored.tags)
    if changed or version != stored.version:
        current = store.update(stored.slug, event, version=version, actor=editor, tags=tags)
    if action == "save":
        return current
    return store.set_status(current.slug, _TARGET[action], actor=editor, reason=reason,
                            new_start=new_start, version=current.version)


async def source_file(request: Request) -> Response:
    """A stored upload: images inline (re-encoded JPEG), anything else as a download."""
    _editor(request)
    stored = _stored(request, request.path_params["slug"])
    wanted = request.path_params["source"]
    for source in request.state.store.sources(stored.slug):
        if source.id == wanted and source.content:
            inline = source.media_type == "image/jpeg"
            name = (source.filename or "source").encode("ascii", "replace").decode()
            name = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in name)
            return Response(source.content,
                            media_type="image/jpeg" if inline else "application/octet-stream",
                            headers={"Content-Disposition":
                                     f'{"inline" if inline else "attachment"}; filename="{name}"',
                                     "Cache-Control": "no-store"})
    raise HTTPException(404, "no such file")


routes: list[BaseRoute] = [
    Route("/admin/login", login_form, methods=["GET"]),
    Route("/admin/login", login, methods=["POST"]),
    Route("/admin/logout", logout, methods=["POST"]),
    Route("/admin", queue, methods=["GET"]),
    Route("/admin/events/{slug}", edit, methods=["GET"]),
    Route("/admin/events/{slug}", act, methods=["POST"]),
    Route("/admin/sources/{slug}/{source:int}", source_file, methods=["GET"]),
]
