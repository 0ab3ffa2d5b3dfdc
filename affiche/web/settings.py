"""The web agenda's settings: one frozen object built from options and the environment.

Every value has a default that runs a local agenda at once; `Settings.from_env()` reads the
`AFFICHE_*` variables so a deployment needs no code, and `affiche serve` overrides them by option.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from affiche.errors import InputError

__all__ = ["Settings", "DEFAULT_DATABASE", "DEFAULT_TILES", "LOCALES", "tile_hosts"]

DEFAULT_DATABASE = "sqlite:///affiche.db"
# OpenStreetMap's standard tile layer; its usage policy asks for the attribution shown on maps.
DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_ATTRIBUTION = "© OpenStreetMap contributors"
LOCALES = ("fr", "nl", "en")


def tile_hosts(template: str) -> list[str]:
    """The origins a tile URL template loads from, for the CSP (`{s}` becomes a wildcard)."""
    parts = urlsplit(template)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return []
    host = parts.netloc
    if "{s}" in host:
        host = "*." + host.split("{s}.", 1)[-1]
    return [f"{parts.scheme}://{host}"]


@dataclass(frozen=True)
class Settings:
    """How one agenda runs: its database, public address, map tiles, name and secret."""

    database: str = DEFAULT_DATABASE
    base_url: str = "http://127.0.0.1:8000"
    tiles: str = DEFAULT_TILES
    tile_attribution: str = DEFAULT_ATTRIBUTION
    site_name: str = "affiche"
    secret_key: str = ""
    default_locale: str = "en"
    page_size: int = 30
    freshness: float = 1.0      # seconds an anonymous page may lag behind the store
    warm: bool = True           # render the full calendar once at start, in the background

    def __post_init__(self) -> None:
        """Check the values a typo would break, and give the secret a random default."""
        if not self.secret_key:
            # A fresh secret per process: sessions then end with the server, never leak.
            object.__setattr__(self, "secret_key", secrets.token_urlsafe(32))
        base = urlsplit(self.base_url)
        if base.scheme not in ("http", "https") or not base.netloc:
            raise InputError(f"base URL {self.base_url!r}: give an http(s) address such as "
                             "https://agenda.example.org")
        object.__setattr__(self, "base_url", self.base_url.rstrip("/"))
        if not tile_hosts(self.tiles) or not all(k in self.tiles for k in ("{z}", "{x}", "{y}")):
            raise InputError(f"tile URL {self.tiles!r}: give an http(s) template with {{z}}, "
                             "{x} and {y}, such as " + DEFAULT_TILES)
        if self.default_locale not in LOCALES:
            raise InputError(f"default locale {self.default_locale!r}: use one of "
                             + ", ".join(LOCALES))
        if self.page_size < 1:
            raise InputError("page size must be at least 1")
        if not 0 <= self.freshness <= 3600:
            raise InputError(f"freshness {self.freshness}: give 0 to 3600 seconds")

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from the `AFFICHE_*` environment variables, then the given overrides."""
        env = os.environ
        values: dict[str, object] = {
            "database": env.get("AFFICHE_DATABASE") or DEFAULT_DATABASE,
            "base_url": env.get("AFFICHE_BASE_URL") or "http://127.0.0.1:8000",
            "tiles": env.get("AFFICHE_TILES") or DEFAULT_TILES,
            "tile_attribution": env.get("AFFICHE_TILE_ATTRIBUTION") or DEFAULT_ATTRIBUTION,
            "site_name": env.get("AFFICHE_SITE_NAME") or "affiche",
            "secret_key": env.get("AFFICHE_SECRET_KEY") or "",
            "default_locale": env.get("AFFICHE_LOCALE") or "en",
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

    def with_(self, **changes: object) -> Settings:
        """A copy with some values changed."""
        return replace(self, **changes)  # type: ignore[arg-type]
