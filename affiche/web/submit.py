"""`/submit`: paste, upload or link a call, check the events affiche read in it, send them.

1. `GET /submit`: the form (text, file, URL, optional reference date; CSRF token, honeypot).
2. `POST /submit` (action `extract`): the submission is read (`intake.read_submission`) in a
   worker thread and every event found is shown as an editable form, with its warnings, the
   candidates as one-click buttons, each field's confidence and its evidence in the source.
3. The review form posts back to itself: `choose:<n>:<candidate>`, `remove:<n>`, `add` and
   `refresh` redraw it from the fields (no JavaScript needed); `confirm` stores the events as
   `pending` with their source and answers with what happens next.

The draft (source text, kept file, the events as read) travels in the review form, signed with
the site's secret, so the server keeps nothing until the submitter confirms; each confirmation
carries an idempotency key, so a repeated click stores the events once.
"""

from __future__ import annotations

import logging
from typing import Any

from itsdangerous import BadSignature, SignatureExpired
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from affiche import pipeline
from affiche.errors import AfficheError
from affiche.model import Event, parse_iso
from affiche.web import forms, intake, security
from affiche.web.render import format_moment, negotiate, render

__all__ = ["routes", "HONEYPOT", "event_views", "load_form", "relocate"]

logger = logging.getLogger("affiche.web.submit")

HONEYPOT = "website"
DRAFT_HOURS = 24
# A request body beyond this is refused before it is parsed (the upload limit and the form).
MAX_BODY = intake.MAX_UPLOAD + 16 * 1024 * 1024


async def load_form(request: Request) -> FormData:
    """The posted form within the size limits, its CSRF token checked (403 otherwise)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise HTTPException(413, f"the upload is too large (the limit is "
                                 f"{intake.MAX_UPLOAD // 2**20} MB)")
    try:
        form = await request.form(max_files=2, max_fields=3000, max_part_size=16 * 1024 * 1024)
    except HTTPException:
        raise
    except Exception as error:  # noqa: BLE001 - a malformed body is the client's error
        raise HTTPException(400, f"the form could not be read ({type(error).__name__})") from None
    security.check_csrf(request, form)
    return form


def _text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value if isinstance(value, str) else ""


def _page(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    context.setdefault("csrf", security.csrf_token(request))
    context.setdefault("honeypot", HONEYPOT)
    locale = negotiate(request)
    context.setdefault("moment", lambda value, zone: format_moment(value, zone, locale))
    return security.finish(request, render(request, template, status_code=status, **context))


async def submit_form(request: Request) -> Response:
    """The empty submission form."""
    return _page(request, "submit/form.html", error=None, text="", url="", reference="")


async def submit_post(request: Request) -> Response:
    """Every step of the submission: read, redraw the review, confirm."""
    form = await load_form(request)
    if _text(form, HONEYPOT).strip():
        # A bot filled the invisible field: answer like a success so it learns nothing.
        logger.info("submission from %s dropped by the honeypot", security.client_address(request))
        return _page(request, "submit/done.html", titles=[], contact=False)
    action = _text(form, "action") or "extract"
    if action == "extract":
        security.check_rate(request, "submit")
        return await _extract(request, form)
    draft = _draft(request, _text(form, "draft"))
    indexes = forms.form_indexes(form)
    raws = {i: forms.raw_values(form, i) for i in indexes}
    if action.startswith("remove:"):
        raws.pop(_number(action.split(":", 1)[1]), None)
    elif action == "add":
        raws[max(raws, default=-1) + 1] = {}
    elif action.startswith("choose:"):
        _, number, candidate = (action.split(":", 2) + ["", ""])[:3]
        raw = raws.get(_number(number))
        if raw is not None:
            forms.apply_choice(raw, candidate, raw.get("timezone") or "Europe/Brussels")
    contact = _text(form, "contact").strip()[:300]
    if action == "confirm":
        security.check_rate(request, "submit")
        return await _confirm(request, draft, raws, contact)
    return _review(request, draft, raws, contact)


def _number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise HTTPException(400, "unknown form action") from None


async def _extract(request: Request, form: FormData) -> Response:
    upload = form.get("file")
    content: bytes | None = None
    filename: str | None = None
    if isinstance(upload, UploadFile) and upload.filename:
        content = await upload.read(intake.MAX_UPLOAD + 1)
        filename = upload.filename
        if not content:
            content = None
    sub = intake.Submission(text=_text(form, "text"), filename=filename, content=content,
                            url=_text(form, "url"), reference=_text(form, "reference"))
    config = security.protection(request)
    try:
        draft = await run_in_threadpool(intake.read_submission, sub,
                                        allow_private_fetch=config.allow_private_fetch)
    except AfficheError as error:
        message = str(error).splitlines()[0] if str(error) else "the submission could not be read"
        return _page(request, "submit/form.html", status=400, error=message, text=sub.text,
                     url=sub.url, reference=sub.reference)
    raws: dict[int, dict[str, str] | None] = {i: None for i in range(len(draft.events))}
    if not raws:
        raws[0] = None
    return _review(request, draft, raws, "")


def _draft(request: Request, token: str) -> intake.Draft:
    try:
        data = security.signer(request, "affiche-draft").loads(token, max_age=DRAFT_HOURS * 3600)
    except SignatureExpired:
        raise HTTPException(400, "this draft is more than a day old; please send the call "
                                 "again") from None
    except BadSignature:
        raise HTTPException(400, "the draft in this form was damaged; please send the call "
                                 "again") from None
    return intake.Draft.from_payload(data)


def relocate(event: Event) -> None:
    """Give an edited place (which lost its coordinates) the geocoder's coordinates again."""
    if event.place.lat is None and not event.place.is_empty():
        try:
            event.place = pipeline.locate(event.place)
        except AfficheError:
            logger.info("no coordinates for the edited place %r", event.place.label())


def event_views(request: Request, events: dict[int, tuple[Event | None, dict[str, str] | None]],
                *, check: bool = False, exclude: str | None = None) -> list[dict[str, Any]]:
    """One view per event: its form (from the base event and the submitted values), the
    duplicates already stored, and the parsed event."""
    store = request.state.store
    locale = negotiate(request)
    views = []
    for index, (base, raw) in events.items():
        event, tags, errors = forms.read_event(raw, base) if raw is not None else (
            base or Event(), [], {})
        if raw is not None:
            relocate(event)
        if check:
            if not event.title:
                errors["title"] = "required"
            if event.start is None and "start" not in errors:
                errors["start"] = "required"
        form = forms.event_form(base or Event(), index, tags=tags, errors=errors, raw=raw)
        for choice in form.choices.get("start", []):
            value = parse_iso(choice.value, event.timezone)
            if value is not None:
                choice.label = format_moment(value, event.timezone, locale)
        duplicates = []
        if event.start is not None:
            try:
                duplicates = [d for d in store.duplicates(event) if d.slug != exclude][:3]
            except Exception:  # noqa: BLE001 - a failing check must not lose the submission
                logger.exception("duplicate check failed")
        views.append({"form": form, "event": event, "tags": tags, "errors": errors,
                      "duplicates": duplicates})
    return views


def _review(request: Request, draft: intake.Draft, raws: dict[int, dict[str, str] | None],
            contact: str, status: int = 200) -> Response:
    bases = {i: (draft.events[i] if i < len(draft.events) else None, raw)
             for i, raw in raws.items()}
    views = event_views(request, bases, check=status != 200)
    token = security.signer(request, "affiche-draft").dumps(draft.to_payload())
    spans = {f"e{v['form'].index}-src-{k}": span for v in views
             for k, span in v["form"].evidence.items()}
    return _page(request, "submit/review.html", status=status, views=views, draft=draft,
                 token=token, contact=contact, source_html=forms.highlight(draft.text, spans),
                 excerpt=forms.excerpt, kinds=forms.KINDS, roles=forms.ROLES, modes=forms.MODES,
                 admin=False)


async def _confirm(request: Request, draft: intake.Draft,
                   raws: dict[int, dict[str, str] | None], contact: str) -> Response:
    from affiche.store import SourceIn

    if not raws:
        return _review(request, draft, {0: {}}, contact, status=400)
    bases = {i: (draft.events[i] if i < len(draft.events) else None, raw or {})
             for i, raw in raws.items()}
    views = event_views(request, bases, check=True)
    if any(v["errors"] for v in views):
        return _review(request, draft, raws, contact, status=400)
    source = SourceIn(kind=draft.kind, text=draft.text, url=draft.url, filename=draft.filename,
                      media_type=draft.media_type, content=draft.content,
                      submitter_contact=contact or None)
    store = request.state.store

    def save() -> list[str]:
        return [store.add(v["event"], status="pending", source=source, tags=v["tags"],
                          actor="submission", key=f"submit:{draft.nonce}:{v['form'].index}").slug
                for v in views]

    slugs = await run_in_threadpool(save)
    logger.info("submission stored as pending: %s", ", ".join(slugs))
    return _page(request, "submit/done.html", titles=[v["event"].title for v in views],
                 contact=bool(contact), slugs=slugs)


routes: list[BaseRoute] = [
    Route("/submit", submit_form, methods=["GET"], name="submit"),
    Route("/submit", submit_post, methods=["POST"], name="submit_post"),
]
