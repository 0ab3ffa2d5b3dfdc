"""The time zone of the country where an event happens.

A call is read with a default zone (`--timezone`, Europe/Brussels); when its place turns out
to be in a country with a single zone of its own ("2 Marsham Street, London SW1P 4DF"), the
clock times the text gives are that country's, so the event's times keep their wall-clock
reading and take that zone. The country-to-zone table is the IANA `zone.tab` that ships with
the `tzdata` package (or the system's), so no list is kept here; countries spanning several
zones (US, CA, AU, ES with the Canaries…) keep the default.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import importlib.resources
from pathlib import Path
from zoneinfo import ZoneInfo

from affiche.model import Event, When

__all__ = ["country_zone", "move_to_zone"]

_SYSTEM_TABLE = Path("/usr/share/zoneinfo/zone.tab")


@functools.cache
def _zones_by_country() -> dict[str, tuple[str, ...]]:
    """Country code → its zones, from `zone.tab` (tzdata package first, else the system's)."""
    try:
        text = importlib.resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(
            encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        text = _SYSTEM_TABLE.read_text(encoding="utf-8") if _SYSTEM_TABLE.exists() else ""
    zones: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) >= 3:
            zones.setdefault(fields[0].upper(), []).append(fields[2])
    return {country: tuple(names) for country, names in zones.items()}


def country_zone(country: str | None) -> str | None:
    """The one time zone of `country` (ISO 3166 alpha-2), or None when it has several or is
    unknown."""
    if not country:
        return None
    zones = _zones_by_country().get(country.upper(), ())
    return zones[0] if len(zones) == 1 else None


def _moved(value: When | None, zone: ZoneInfo) -> When | None:
    """The same wall-clock time in `zone` (a date stays a date)."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=zone)
    return value


def _moved_text(text: str, zone: ZoneInfo) -> str:
    """An ISO datetime in a warning's candidates, moved the same way; other text unchanged."""
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    moved = _moved(value, zone)
    return moved.isoformat() if isinstance(moved, dt.datetime) else text


def move_to_zone(event: Event, name: str) -> None:
    """Read every clock time of `event` (start, end, meeting points, trains, the candidates
    of its warnings) in the zone `name`, keeping the times as the text wrote them."""
    if name == event.timezone:
        return
    zone = ZoneInfo(name)
    event.timezone = name
    event.start, event.end = _moved(event.start, zone), _moved(event.end, zone)
    for point in event.meeting_points:
        point.time = _moved(point.time, zone)
    for hint in event.transport:
        hint.departs, hint.arrives = _moved(hint.departs, zone), _moved(hint.arrives, zone)
    event.warnings = [dataclasses.replace(w, candidates=[_moved_text(c, zone)
                                                         for c in w.candidates])
                      for w in event.warnings]
