"""The time zone of the country where an event happens.

A call is read with a default zone (`--timezone`, Europe/Brussels); when its place turns out
to be in a country with a single zone of its own ("2 Marsham Street, London SW1P 4DF"), the
clock times the text gives are that country's, so the event's times keep their wall-clock
reading and take that zone. The country-to-zone table is the IANA `zone.tab` that ships with
the `tzdata` package (or the system's), so no list is kept here. In a country spanning several
zones (US, CA, AU, ES with the Canaries…) the place's coordinates choose the zone whose
reference city in `zone.tab` is nearest (Washington → America/New_York): a guess near zone
borders, which the caller reports as one (`zone_guessed`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import importlib.resources
import math
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from affiche.model import Event, When

__all__ = ["country_zone", "country_zones", "nearest_zone", "zones_by_distance", "move_to_zone",
           "other_readings"]

_SYSTEM_TABLE = Path("/usr/share/zoneinfo/zone.tab")


@functools.cache
def _zones_by_country() -> dict[str, tuple[tuple[str, float, float], ...]]:
    """Country code → its zones with their reference city's latitude and longitude, from
    `zone.tab` (tzdata package first, else the system's)."""
    try:
        text = importlib.resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(
            encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        text = _SYSTEM_TABLE.read_text(encoding="utf-8") if _SYSTEM_TABLE.exists() else ""
    zones: dict[str, list[tuple[str, float, float]]] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) >= 3:
            place = _COORDINATES.fullmatch(fields[1])
            lat, lon = (_degrees(place.group(1)), _degrees(place.group(2))) if place \
                else (math.nan, math.nan)
            zones.setdefault(fields[0].upper(), []).append((fields[2], lat, lon))
    return {country: tuple(names) for country, names in zones.items()}


# ISO 6709 as zone.tab writes it: ±DDMM±DDDMM or ±DDMMSS±DDDMMSS
_COORDINATES = re.compile(r"([+-]\d{4}(?:\d{2})?)([+-]\d{5}(?:\d{2})?)")


def _degrees(text: str) -> float:
    """Degrees from zone.tab's ±D…DMM[SS] form."""
    sign = -1.0 if text[0] == "-" else 1.0
    digits = text[1:]
    head = len(digits) - (4 if len(digits) in (6, 7) else 2)
    seconds = int(digits[head + 2:] or 0)
    return sign * (int(digits[:head]) + int(digits[head:head + 2]) / 60 + seconds / 3600)


def country_zones(country: str | None) -> tuple[str, ...]:
    """The time zones of `country` (ISO 3166 alpha-2); empty when unknown."""
    if not country:
        return ()
    return tuple(name for name, _, _ in _zones_by_country().get(country.upper(), ()))


def country_zone(country: str | None) -> str | None:
    """The one time zone of `country` (ISO 3166 alpha-2), or None when it has several or is
    unknown."""
    zones = country_zones(country)
    return zones[0] if len(zones) == 1 else None


def nearest_zone(country: str, lat: float, lon: float) -> str | None:
    """The zone of `country` whose reference city is nearest to (lat, lon)."""
    ranked = zones_by_distance(country, lat, lon)
    return ranked[0] if ranked else None


def zones_by_distance(country: str, lat: float | None, lon: float | None) -> list[str]:
    """The zones of `country`, the one whose reference city is nearest to (lat, lon) first
    (in zone.tab's order when the place has no coordinates)."""
    zones = [z for z in _zones_by_country().get(country.upper(), ()) if not math.isnan(z[1])]
    if lat is None or lon is None:
        return [name for name, _, _ in zones]

    def distance(zone: tuple[str, float, float]) -> float:
        # the angle between the two points on the sphere (haversine), enough to rank them
        p1, p2 = math.radians(lat), math.radians(zone[1])
        dp, dl = p2 - p1, math.radians(zone[2] - lon)
        return math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2

    return [name for name, _, _ in sorted(zones, key=distance)]


@functools.lru_cache(maxsize=512)
def _zone(name: str) -> ZoneInfo:
    """The zone named `name`, kept: the library keeps only the last few zones it loaded and
    reads a zone's file again for the others, and the readings of a country of many zones go
    through all of them for each event (bounded: zone names are a few hundred)."""
    return ZoneInfo(name)


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


def other_readings(value: dt.datetime, zones: list[str], limit: int = 4) -> list[str]:
    """The same wall-clock time read in each of `zones` that gives another UTC offset than
    those before it, in order, at most `limit`: the candidates of a guessed zone."""
    seen: list[dt.timedelta | None] = []
    readings: list[str] = []
    for name in zones:
        moved = value.replace(tzinfo=_zone(name))
        if moved.utcoffset() in seen:
            continue
        seen.append(moved.utcoffset())
        readings.append(moved.isoformat())
        if len(readings) == limit:
            break
    return readings


def move_to_zone(event: Event, name: str) -> None:
    """Read every clock time of `event` (start, end, meeting points, trains, the candidates
    of its warnings) in the zone `name`, keeping the times as the text wrote them."""
    if name == event.timezone:
        return
    zone = _zone(name)
    event.timezone = name
    event.start, event.end = _moved(event.start, zone), _moved(event.end, zone)
    for point in event.meeting_points:
        point.time = _moved(point.time, zone)
    for hint in event.transport:
        hint.departs, hint.arrives = _moved(hint.departs, zone), _moved(hint.arrives, zone)
    event.warnings = [dataclasses.replace(w, candidates=[_moved_text(c, zone)
                                                         for c in w.candidates])
                      for w in event.warnings]
