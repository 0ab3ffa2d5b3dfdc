"""The web agenda: pages, map, feeds and (with `submit`, `admin`) submission and moderation.

`create_app(settings)` in `affiche.web.app` builds the ASGI app; `affiche serve` runs it.
"""

from __future__ import annotations

__all__ = ["create_app", "Settings"]


def __getattr__(name: str) -> object:
    """Import the app lazily: `affiche.web.settings` alone must not load Starlette's routes."""
    if name == "create_app":
        from affiche.web.app import create_app

        return create_app
    if name == "Settings":
        from affiche.web.settings import Settings

        return Settings
    raise AttributeError(name)
