"""Security headers on every response: a Content-Security-Policy without inline scripts and the
usual companions (nosniff, referrer policy, framing, permissions).

The policy allows only this site's own scripts, styles, fonts and forms, and images from this site
and the configured map-tile host; `<script type="application/ld+json">` blocks are data, which a
browser never executes, so they need no exception. Framing is refused everywhere except `/embed`,
the list made to be shown in an iframe on other sites.

Written as a plain ASGI middleware (not Starlette's BaseHTTPMiddleware) so streaming responses and
the error pages get the headers too, at no cost per request.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["SecurityHeaders", "content_security_policy", "EMBED_PREFIX"]

EMBED_PREFIX = "/embed"


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
            await send(message)

        await self.app(scope, receive, send_with_headers)
