"""The agenda's ASGI application: `create_app(settings)` builds it.

Routes are gathered from modules that each expose `routes: list[BaseRoute]`: `feeds` and `pages`
(the public agenda), and `submit` and `admin` (submission and moderation) when those modules
exist. Every request finds the `Store` at `request.state.store` and the settings at
`request.app.state.settings`; every response carries the security headers of `security.py`.
"""

from __future__ import annotations

import contextlib
import importlib
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from affiche.web.caching import ChangeClock
from affiche.web.errors import CatchAll, handlers
from affiche.web.security import SecurityHeaders
from affiche.web.settings import Settings, tile_hosts

__all__ = ["create_app", "ROUTE_MODULES"]

STATIC_DIR = Path(__file__).parent / "static"
# feeds first: "/events/<slug>.ics" must win over the page route "/events/<slug>".
ROUTE_MODULES = ("feeds", "pages", "submit", "admin")


class _StoreState:
    """ASGI middleware that puts the store on every request's state."""

    def __init__(self, app: ASGIApp, store: Any) -> None:
        """Wrap `app` with the `store` every request sees."""
        self.app = app
        self.store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Set `request.state.store`, then pass the request on."""
        if scope["type"] in ("http", "websocket"):
            scope.setdefault("state", {})["store"] = self.store
        await self.app(scope, receive, send)


class _CachedStatic(StaticFiles):
    """Static files with a day of caching: they change only with a release."""

    def file_response(self, *args: Any, **kwargs: Any) -> Any:
        """The file, with a Cache-Control header."""
        response = super().file_response(*args, **kwargs)
        response.headers.setdefault("Cache-Control", "public, max-age=86400")
        return response


def _routes() -> tuple[list[BaseRoute], list[str]]:
    """The routes of every route module present, in order, then the static files; the names."""
    routes: list[BaseRoute] = []
    present: list[str] = []
    for name in ROUTE_MODULES:
        try:
            module = importlib.import_module(f"affiche.web.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"affiche.web.{name}":
                raise  # a module that exists but fails to import is a bug, not an absence
            continue
        routes.extend(module.routes)
        present.append(name)
    routes.append(Mount("/static", app=_CachedStatic(directory=str(STATIC_DIR)), name="static"))
    return routes, present


def create_app(settings: Settings | None = None, store: Any = None) -> Starlette:
    """The agenda app for `settings`; opens the store at `settings.database` unless given one."""
    settings = settings or Settings.from_env()
    owned = store is None
    if store is None:
        from affiche.store import Store

        store = Store(settings.database)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if settings.warm and "feeds" in app.state.modules:
            from affiche.web.feeds import warm

            # In the background: the server answers at once; a feed asked meanwhile waits for
            # this one build instead of starting its own.
            threading.Thread(target=warm, args=(app,), name="affiche-warm", daemon=True).start()
        yield
        if owned:
            store.close()

    routes, modules = _routes()
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(SecurityHeaders, image_hosts=tile_hosts(settings.tiles)),
            Middleware(CatchAll),
            Middleware(_StoreState, store=store),
        ],
        exception_handlers=handlers(),  # type: ignore[arg-type]
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.modules = modules
    app.state.changes = ChangeClock(store, settings.freshness)
    return app
