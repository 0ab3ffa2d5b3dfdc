"""Embedded schema.org Events (`Document.hints`, from JSON-LD, microdata or microformats) as
strong hints, compared with what the text says.

A hint on the same day as an extracted event completes its missing fields (time, place) and,
where both say something different, adds a `structured_data_differs` warning with both
readings. A hint with no matching event becomes an event of its own, unless it is past or
cancelled. Nothing is overwritten silently: the text's reading stays and the hint's is a
candidate.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from affiche.model import Event, Place, Warning, iso

__all__ = ["apply_hints"]

_SKIPPED_STATUS = {"EventCancelled", "EventPostponed", "EventMovedOnline"}


def _when(value: Any, timezone: str) -> dt.datetime | dt.date | None:
    """A schema.org date or datetime in the event's zone; None when unreadable."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    zone = ZoneInfo(timezone)
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def _day(value: dt.datetime | dt.date) -> dt.date:
    """The calendar day of a date or datetime."""
    return value.date() if isinstance(value, dt.datetime) else value


def _place(location: dict[str, Any] | None) -> Place:
    """A Place from a hint's flat location."""
    location = location or {}
    place = Place(name=location.get("name"), street=location.get("streetAddress"),
                  postcode=location.get("postalCode"),
                  locality=location.get("addressLocality"),
                  country=location.get("addressCountry"))
    try:
        if location.get("latitude") is not None and location.get("longitude") is not None:
            place.lat, place.lon = float(location["latitude"]), float(location["longitude"])
            place.precision = "address"
    except (TypeError, ValueError):
        pass
    return place


def apply_hints(events: list[Event], hints: list[dict[str, Any]], reference: dt.datetime,
                timezone: str, lang: str) -> list[Event]:
    """Reconcile extracted events with embedded Event hints; return the events to keep."""
    for hint in hints:
        start = _when(hint.get("startDate"), timezone)
        if start is None or hint.get("status") in _SKIPPED_STATUS:
            continue
        twin = next((e for e in events if e.start is not None and _day(e.start) == _day(start)),
                    None)
        # an offset makes the hint an instant: read it on the clock of the event's country
        # (resolve later gives the event that zone, keeping the clock times)
        country = twin.place.country if twin is not None else None
        zone = _zone_of(country or _place(hint.get("location")).country, timezone)
        start = _when(hint.get("startDate"), zone) or start
        if twin is None:
            if _day(start) >= reference.date():
                events.append(_from_hint(hint, start, zone, lang))
            continue
        _compare(twin, hint, start)
    return events


def _zone_of(country: str | None, timezone: str) -> str:
    """The one time zone of `country` (an ISO code), else `timezone`."""
    from affiche.resolve.zones import country_zone

    own = country_zone(country) if isinstance(country, str) and len(country) == 2 else None
    return own or timezone


def _from_hint(hint: dict[str, Any], start: dt.datetime | dt.date, timezone: str,
               lang: str) -> Event:
    """An event read from a hint alone."""
    event = Event(title=hint.get("name"), start=start, end=_when(hint.get("endDate"), timezone),
                  timezone=timezone, place=_place(hint.get("location")), language=lang,
                  url=hint.get("url"), description=hint.get("description"))
    if hint.get("organizer"):
        event.organisers = [hint["organizer"]]
    event.warnings.append(Warning(
        "from_structured_data", "This event comes from the page's embedded schema.org data; "
        "the text itself does not state it.", []))
    return event


def _same_name(left: str | None, right: str | None) -> bool:
    """True when two place names are the same, or one contains the other (case-insensitively)."""
    if not left or not right:
        return False
    a, b = left.casefold(), right.casefold()
    return a == b or a in b or b in a


def _compare(event: Event, hint: dict[str, Any], start: dt.datetime | dt.date) -> None:
    """Complete `event` from the hint and warn where they disagree."""
    if isinstance(start, dt.datetime) and not isinstance(event.start, dt.datetime):
        event.warnings.append(Warning(
            "structured_data_differs", "The page's schema.org data gives a time the text does "
            "not; the text's reading is kept.", [iso(event.start) or "", iso(start) or ""]))
    elif isinstance(start, dt.datetime) and isinstance(event.start, dt.datetime) \
            and start.replace(tzinfo=None) != event.start.replace(tzinfo=None):
        # both on the clock of the event's place: the text's, as written; the hint's, moved
        event.warnings.append(Warning(
            "structured_data_differs", f"The text says {event.start:%H:%M}, the page's schema.org "
            f"data {start:%H:%M}.", [iso(event.start) or "", iso(start) or ""]))
    hinted = _place(hint.get("location"))
    if event.place.is_empty() and not hinted.is_empty():
        event.place = hinted
    elif _same_name(event.place.name, hinted.name):
        for name in ("street", "postcode", "locality", "country"):
            if getattr(event.place, name) is None:
                setattr(event.place, name, getattr(hinted, name))
    elif hinted.locality and event.place.locality and \
            hinted.locality.casefold() != event.place.locality.casefold():
        event.warnings.append(Warning(
            "structured_data_differs", f"The text places it in {event.place.locality}, the "
            f"page's schema.org data in {hinted.locality}.",
            [event.place.locality, hinted.locality]))
    if not event.url and hint.get("url"):
        event.url = hint["url"]
