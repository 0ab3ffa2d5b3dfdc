"""One error page for every failure: 404, 400 with the one-line message of the bad input, 405,
409 on an edit conflict, and 500 without any traceback (the error is logged for the operator).

Feeds and JSON routes (paths ending in .json, .jsonld, .ics, .atom) answer with a plain-text
line instead of a page, so a calendar app or a script shows the reason.
"""

from __future__ import annotations

import logging

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from affiche.errors import AfficheError
from affiche.web.render import N_, gettext, negotiate, render

__all__ = ["error_response", "handlers", "CatchAll"]

logger = logging.getLogger("affiche.web")



TITLES = {
    400: N_("Bad request"),
    403: N_("Forbidden"),
    404: N_("Page not found"),
    405: N_("Method not allowed"),
    409: N_("Conflict"),
    413: N_("Too large"),
    429: N_("Too many requests"),
    500: N_("Something went wrong"),
}
_DATA_SUFFIXES = (".json", ".jsonld", ".ics", ".atom")


def error_response(request: Request, status: int, message: str | None = None) -> Response:
    """The error page (or a plain line for feeds) with this status and an optional message."""
    headers = {"Cache-Control": "no-store"}
    if request.url.path.endswith(_DATA_SUFFIXES):
        locale = negotiate(request)
        title = gettext(locale, TITLES.get(status, N_("Error")))
        text = f"{status} {title}" + (f": {message}" if message else "") + "\n"
        return PlainTextResponse(text, status_code=status, headers=headers)
    return render(request, "error.html", status_code=status, headers=headers, status=status,
                  title=TITLES.get(status, N_("Error")), message=message)


async def _http(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    detail = error.detail if error.status_code < 500 else None
    # Starlette's default details merely repeat the status phrase; only ours say more.
    if detail and detail == _phrase(error.status_code):
        detail = None
    response = error_response(request, error.status_code, detail)
    if error.headers:
        response.headers.update(error.headers)
    return response


def _phrase(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


async def _input(request: Request, error: Exception) -> Response:
    return error_response(request, 400, str(error).splitlines()[0] if str(error) else None)


async def _not_found(request: Request, error: Exception) -> Response:
    return error_response(request, 404)


async def _conflict(request: Request, error: Exception) -> Response:
    return error_response(request, 409, str(error).splitlines()[0] if str(error) else None)


class CatchAll:
    """ASGI middleware: an unexpected exception becomes the 500 page, logged, never shown.

    Starlette's own 500 handler sits outside every middleware, so its page would miss the
    security headers; this one sits inside them.
    """

    def __init__(self, app: ASGIApp) -> None:
        """Wrap `app`."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; answer 500 if it fails before its response started."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as error:
            if started:
                raise
            request = Request(scope)
            logger.error("internal error on %s %s", request.method, request.url.path,
                         exc_info=error)
            response = error_response(request, 500)
            await response(scope, receive, send)


def handlers() -> dict[int | type[Exception], object]:
    """The exception handlers of the app, by status code or exception class."""
    table: dict[int | type[Exception], object] = {
        HTTPException: _http,
        AfficheError: _input,
    }
    try:
        from affiche.store import ConflictError, NotFound
    except ImportError:  # the store package is optional while the agenda is being assembled
        return table
    table[NotFound] = _not_found
    table[ConflictError] = _conflict
    return table
