"""Security of the agenda's pages: headers (a Content-Security-Policy without inline scripts),
CSRF tokens for every form, editors' session cookies, and per-address rate limits.

- Headers: only this site's own scripts, styles, fonts and forms; images from this site and the
  configured map-tile host; `<script type="application/ld+json">` blocks are data, which a browser
  never executes. Framing is refused everywhere except `/embed`, made for iframes on other sites.
  A plain ASGI middleware (not BaseHTTPMiddleware), so streaming and error responses get them too.
- CSRF: a random token in an HttpOnly cookie; forms carry its HMAC under the site's secret, so a
  page on another site can neither read the cookie nor forge the field, and a cookie planted by a
  neighbour (a subdomain) is useless without the secret. Requests whose `Origin` names another
  site are refused as well.
- Sessions: the editor's name in a cookie signed with itsdangerous (timestamped, 12 hours),
  HttpOnly, SameSite=Strict, `Secure` when served over https (`AFFICHE_COOKIE_SECURE`).
- Rate limits: a sliding window per client address, in memory (one process serves the agenda;
  the store's lockout protects editors' accounts across processes).
"""

from __future__ import annotations

import collections
import hashlib
import hmac
import os
import secrets
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["SecurityHeaders", "content_security_policy", "EMBED_PREFIX", "Protection",
           "protection", "RateLimiter", "csrf_token", "check_csrf", "finish", "client_address",
           "set_session", "clear_session", "session_editor", "signer", "CSRF_FIELD"]

EMBED_PREFIX = "/embed"
CSRF_COOKIE = "affiche_csrf"
CSRF_FIELD = "csrf"
SESSION_COOKIE = "affiche_session"
SESSION_HOURS = 12


def content_security_policy(image_hosts: Iterable[str], *, framable: bool = False) -> str:
    """The CSP text: self only, images also from `image_hosts`, framing only when `framable`."""
    images = " ".join(["'self'", "data:", *image_hosts])
    directives = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        f"img-src {images}",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors *" if framable else "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


class SecurityHeaders:
    """ASGI middleware adding the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp, image_hosts: Iterable[str] = ()) -> None:
        """Wrap `app`; `image_hosts` are the origins images may load from (the tile host)."""
        self.app = app
        hosts = list(image_hosts)
        self.policy = content_security_policy(hosts)
        self.embed_policy = content_security_policy(hosts, framable=True)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers when the response starts."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        framable = path == EMBED_PREFIX or path.startswith(EMBED_PREFIX + "/")
        private = path.startswith(("/admin", "/submit"))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy",
                                   self.embed_policy if framable else self.policy)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                # The tile servers' usage policies ask for the site's origin, nothing more.
                headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
                headers.setdefault("Permissions-Policy",
                                   "camera=(), microphone=(), geolocation=(), interest-cohort=()")
                headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
                if not framable:
                    headers.setdefault("X-Frame-Options", "DENY")
                if private:
                    # Drafts and the queue hold submitters' contacts: never in a shared cache.
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self.app(scope, receive, send_with_headers)


@dataclass(frozen=True)
class Protection:
    """Limits and switches of the submission and moderation pages (`AFFICHE_*` variables)."""

    cookie_secure: str = "auto"          # auto (when the request is https), always, never
    submit_limit: int = 20               # extractions and submissions per address per window
    submit_window: float = 600.0
    login_limit: int = 10                # login attempts per address per window
    login_window: float = 600.0
    # Fetch URLs on loopback/private addresses: only for tests with a local server, never on.
    allow_private_fetch: bool = False

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Protection:
        """The settings from `AFFICHE_COOKIE_SECURE`, `AFFICHE_SUBMIT_LIMIT`, … ."""
        env = os.environ if env is None else env
        secure = env.get("AFFICHE_COOKIE_SECURE", "auto").strip().lower()
        if secure not in ("auto", "always", "never"):
            secure = "auto"
        return cls(
            cookie_secure=secure,
            submit_limit=_int(env.get("AFFICHE_SUBMIT_LIMIT"), cls.submit_limit),
            login_limit=_int(env.get("AFFICHE_LOGIN_LIMIT"), cls.login_limit),
            allow_private_fetch=env.get("AFFICHE_TEST_ALLOW_PRIVATE_FETCH") == "1",
        )


def _int(text: str | None, default: int) -> int:
    try:
        return max(1, int(text)) if text else default
    except ValueError:
        return default


class RateLimiter:
    """At most `limit` hits per key in any `window` seconds (sliding window, in memory)."""

    def __init__(self, limit: int, window: float, max_keys: int = 10_000) -> None:
        """A limiter allowing `limit` hits per `window` seconds for each key."""
        self.limit, self.window, self.max_keys = limit, window, max_keys
        self._hits: collections.OrderedDict[str, collections.deque[float]] = (
            collections.OrderedDict())
        self._lock = threading.Lock()

    def hit(self, key: str, now: float | None = None) -> bool:
        """Count one hit; False when the key is over its limit (the hit is then not counted)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.pop(key, None) or collections.deque()
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            allowed = len(hits) < self.limit
            if allowed:
                hits.append(now)
            self._hits[key] = hits
            while len(self._hits) > self.max_keys:
                self._hits.popitem(last=False)
            return allowed

    def retry_after(self, key: str, now: float | None = None) -> int:
        """Seconds until the key may hit again (0 when it may now)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.get(key)
            if not hits or len(hits) < self.limit:
                return 0
            return max(1, int(hits[0] + self.window - now) + 1)


def protection(request: Request) -> Protection:
    """This app's `Protection` (set on `app.state.protection`, else read from the environment)."""
    state = request.app.state
    found = getattr(state, "protection", None)
    if found is None:
        found = Protection.from_env()
        state.protection = found
    return found


def limiter(request: Request, name: str) -> RateLimiter:
    """The app's rate limiter `name` ("submit" or "login"), made on first use."""
    state = request.app.state
    limiters = getattr(state, "limiters", None)
    if limiters is None:
        limiters = state.limiters = {}
    if name not in limiters:
        config = protection(request)
        limit, window = ((config.login_limit, config.login_window) if name == "login"
                         else (config.submit_limit, config.submit_window))
        limiters[name] = RateLimiter(limit, window)
    return limiters[name]


def client_address(request: Request) -> str:
    """The client's address (behind a proxy, uvicorn's --proxy-headers sets it)."""
    return request.client.host if request.client else "unknown"


def check_rate(request: Request, name: str) -> None:
    """HTTP 429 when this address is over the limit `name`."""
    bucket = limiter(request, name)
    address = client_address(request)
    if not bucket.hit(address):
        wait = bucket.retry_after(address)
        raise HTTPException(429, f"too many attempts from your address; try again in "
                                 f"{max(1, wait // 60)} min", headers={"Retry-After": str(wait)})


def _secret(request: Request) -> bytes:
    return request.app.state.settings.secret_key.encode()


def _secure(request: Request) -> bool:
    mode = protection(request).cookie_secure
    return mode == "always" or (mode == "auto" and request.url.scheme == "https")


def _mac(request: Request, token: str) -> str:
    return hmac.new(_secret(request), b"csrf:" + token.encode(), hashlib.sha256).hexdigest()


def csrf_token(request: Request) -> str:
    """The CSRF field value for forms on this page (a new cookie is set by `finish`)."""
    token = request.cookies.get(CSRF_COOKIE, "")
    if len(token) < 32:
        token = getattr(request.state, "new_csrf", "") or secrets.token_urlsafe(32)
        request.state.new_csrf = token
    return _mac(request, token)


def check_csrf(request: Request, form: Mapping[str, Any]) -> None:
    """HTTP 403 unless the form's token matches the cookie and the origin is this site."""
    origin = request.headers.get("origin")
    if origin and origin != "null":
        expected = f"{request.url.scheme}://{request.url.netloc}"
        if origin.rstrip("/") != expected:
            raise HTTPException(403, "this form was sent from another site")
    token = request.cookies.get(CSRF_COOKIE, "")
    sent = form.get(CSRF_FIELD)
    if not token or not isinstance(sent, str) or not hmac.compare_digest(sent, _mac(request,
                                                                                      token)):
        raise HTTPException(403, "the form's security token is missing or expired; reload the "
                                 "page and send it again")


def finish(request: Request, response: Response) -> Response:
    """Set the CSRF cookie on `response` when this request made a new one."""
    token = getattr(request.state, "new_csrf", "")
    if token:
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="lax",
                            secure=_secure(request), path="/")
    return response


def signer(request: Request, salt: str) -> URLSafeTimedSerializer:
    """A serializer signing data under the site's secret, for one purpose (`salt`)."""
    return URLSafeTimedSerializer(request.app.state.settings.secret_key, salt=salt)


def set_session(request: Request, response: Response, editor: str) -> None:
    """Log `editor` in: a signed, HttpOnly, SameSite=Strict session cookie."""
    value = signer(request, "affiche-session").dumps({"editor": editor,
                                                      "n": secrets.token_hex(8)})
    response.set_cookie(SESSION_COOKIE, value, max_age=SESSION_HOURS * 3600, httponly=True,
                        samesite="strict", secure=_secure(request), path="/")


def clear_session(request: Request, response: Response) -> None:
    """Log out: the session cookie is deleted."""
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict",
                           secure=_secure(request))


def session_editor(request: Request) -> str | None:
    """The logged-in editor's name, or None (no cookie, a bad signature or an old one)."""
    value = request.cookies.get(SESSION_COOKIE)
    if not value:
        return None
    try:
        data = signer(request, "affiche-session").loads(value, max_age=SESSION_HOURS * 3600)
    except BadSignature:
        return None
    editor = data.get("editor") if isinstance(data, dict) else None
    return editor if isinstance(editor, str) and editor else None
