"""Between a Contract 1 `Event` and its rows: writing the parts, reading them back unchanged.

Times are kept as the exact ISO text `Event.to_dict` writes, so an event reads back with the
same offsets it was stored with (a datetime whose offset is its zone's at that instant comes back
in that zone; any other keeps its fixed offset); UTC instants and local days beside them serve
sorting and filtering. Slugs and the search text are derived here too.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from affiche.model import Contact, Event, MeetingPoint, Place, Transport, Warning, iso
from affiche.store.schema import (
    ContactRow,
    EventRow,
    MeetingPointRow,
    OrganiserRow,
    PlaceRow,
    TransportRow,
)
from affiche.store.types import fold

__all__ = ["fill_row", "read_event", "slug_base", "normalise_tag", "parse_when", "search_text"]

_WORD = re.compile(r"[a-z0-9]+")
_SLUG_WORDS = 6


def _zone(name: str) -> dt.tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def parse_when(text: str | None, timezone: str) -> dt.datetime | dt.date | None:
    """Read a stored ISO time back with the very offset it was written with."""
    if text is None:
        return None
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        return value.replace(tzinfo=_zone(timezone))
    local = value.astimezone(_zone(timezone))
    return local if local.utcoffset() == value.utcoffset() else value


def _local_day(value: dt.datetime | dt.date, timezone: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.astimezone(_zone(timezone)).date()
    return value


def _midnight_utc(day: dt.date, timezone: str) -> dt.datetime:
    local = dt.datetime(day.year, day.month, day.day, tzinfo=_zone(timezone))
    return local.astimezone(dt.UTC)


def ascii_words(text: str | None) -> list[str]:
    """The ASCII words of `text`, accents folded ("Liège, 1er mai" → liege, 1er, mai)."""
    folded = fold(text).encode("ascii", "ignore").decode()
    return _WORD.findall(folded)


def slug_base(event: Event) -> str:
    """The slug before de-duplication: day, a few title words, the locality."""
    words = ascii_words(event.title)[:_SLUG_WORDS] or ascii_words(event.kind)
    town = ascii_words(event.place.locality)
    if town and " ".join(town) not in " ".join(words):
        words = words + town
    day = _local_day(event.start, event.timezone).isoformat() if event.start else ""
    slug = "-".join([day, *words] if day else words)
    return slug[:120].rstrip("-") or "event"


def normalise_tag(tag: str) -> str:
    """A tag as stored: trimmed, inner spaces collapsed, lower-case."""
    return " ".join(tag.split()).lower()[:100]


def search_text(event: Event, tags: list[str]) -> str:
    """The accent-folded text the full-text index covers."""
    parts: list[str | None] = [event.title, event.description, event.place.label(),
                               event.place.country, *event.organisers, *tags]
    parts += [m.place.label() for m in event.meeting_points]
    parts += [m.note for m in event.meeting_points]
    return fold(" ".join(p for p in parts if p))


def _place_row(place: Place) -> PlaceRow:
    return PlaceRow(name=place.name, street=place.street, postcode=place.postcode,
                    locality=place.locality, locality_key=fold(place.locality)[:200],
                    country=place.country, lat=place.lat, lon=place.lon,
                    precision=place.precision)


def _span(span: tuple[int, int] | None) -> list[int] | None:
    return list(span) if span is not None else None


def fill_row(row: EventRow, event: Event) -> list[PlaceRow]:
    """Write `event` into `row` and its child rows; return the place rows it no longer uses."""
    old_places = [p for p in [row.place, *(m.place for m in row.meeting_points)] if p is not None]
    row.title, row.kind, row.timezone = event.title, event.kind, event.timezone
    row.start, row.end = iso(event.start), iso(event.end)
    row.language, row.url, row.description = event.language, event.url, event.description
    row.warnings = [w.to_dict() for w in event.warnings]
    row.evidence = {k: list(v) for k, v in event.evidence.items()}
    row.field_confidence = dict(event.field_confidence)
    row.confidence = float(event.confidence)
    row.warning_count = len(event.warnings)
    _fill_times(row, event)
    row.place = _place_row(event.place)
    row.meeting_points = [
        MeetingPointRow(position=i, role=m.role, time=iso(m.time), note=m.note,
                        evidence=_span(m.evidence), place=_place_row(m.place))
        for i, m in enumerate(event.meeting_points)]
    row.transport = [
        TransportRow(position=i, mode=t.mode, origin=t.origin, destination=t.destination,
                     departs=iso(t.departs), arrives=iso(t.arrives), note=t.note,
                     evidence=_span(t.evidence))
        for i, t in enumerate(event.transport)]
    row.contacts = [ContactRow(position=i, type=c.type, value=c.value, evidence=_span(c.evidence))
                    for i, c in enumerate(event.contacts)]
    row.organisers = [OrganiserRow(position=i, name=name)
                      for i, name in enumerate(event.organisers)]
    return old_places


def _fill_times(row: EventRow, event: Event) -> None:
    """The UTC start, the first and last local days, and the end of the last day in UTC."""
    if event.start is None:
        row.start_utc = row.first_day = row.last_day = row.until_utc = None
        return
    first = _local_day(event.start, event.timezone)
    last = max(first, _local_day(event.end, event.timezone)) if event.end is not None else first
    if isinstance(event.start, dt.datetime):
        row.start_utc = event.start.astimezone(dt.UTC)
    else:
        row.start_utc = _midnight_utc(first, event.timezone)
    row.first_day, row.last_day = first, last
    row.until_utc = _midnight_utc(last + dt.timedelta(days=1), event.timezone) \
        if last < dt.date.max else None


def _place(row: PlaceRow | None) -> Place:
    if row is None:
        return Place()
    return Place(name=row.name, street=row.street, postcode=row.postcode, locality=row.locality,
                 country=row.country, lat=row.lat, lon=row.lon, precision=row.precision)


def _pair(value: Any) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value is not None else None


def read_event(row: EventRow) -> Event:
    """The Contract 1 Event stored in `row`, exactly as it was written."""
    zone = row.timezone
    return Event(
        title=row.title, kind=row.kind, start=parse_when(row.start, zone),
        end=parse_when(row.end, zone), timezone=zone, place=_place(row.place),
        meeting_points=[MeetingPoint(role=m.role, time=parse_when(m.time, zone),
                                     place=_place(m.place), note=m.note,
                                     evidence=_pair(m.evidence))
                        for m in row.meeting_points],
        transport=[Transport(mode=t.mode, origin=t.origin, destination=t.destination,
                             departs=parse_when(t.departs, zone),
                             arrives=parse_when(t.arrives, zone), note=t.note,
                             evidence=_pair(t.evidence))
                   for t in row.transport],
        contacts=[Contact(type=c.type, value=c.value, evidence=_pair(c.evidence))
                  for c in row.contacts],
        organisers=[o.name for o in row.organisers], language=row.language, url=row.url,
        description=row.description,
        warnings=[Warning.from_dict(w) for w in row.warnings or []],
        evidence={k: (int(v[0]), int(v[1])) for k, v in (row.evidence or {}).items()},
        field_confidence=dict(row.field_confidence or {}),
        confidence=float(row.confidence or 0.0),
    )
