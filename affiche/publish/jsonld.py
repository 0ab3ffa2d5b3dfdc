"""schema.org JSON-LD output: each event as an `Event` (or its closest schema.org subtype).

Mapping (kept to terms schema.org defines):
- kind → `@type`: concert → MusicEvent, screening → ScreeningEvent, workshop → EducationEvent,
  party → SocialEvent, everything else (rally, march, vigil, strike, …) → Event; the kind itself
  is kept in `keywords` since schema.org has no type for a demonstration.
- `location`: a `Place` with `address` (`PostalAddress`) and `geo` (`GeoCoordinates`).
- meeting points: `subEvent`s, each an `Event` with its own `startDate` and `location`, named
  after their role and place ("Group departure — Gare de Nossegem").
- organisers: `organizer`, a list of `Organization`; the contacts become that organisation's
  `email`, `telephone`, `url`, `sameAs` (social account URLs) and `contactPoint` (bare handles)
  when there is one organiser, else those of an unnamed `Organization` that carries them (a
  call's contact is always an organiser's).
- `@id`: the same stable `urn:uuid` as the Atom entry id.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from affiche.model import Event, MeetingPoint, Place, iso, parse_iso
from affiche.publish.describe import event_urn, labels, localise, summary_line, unique_keys
from affiche.publish.entry import SCHEMA_STATUS, Entry

__all__ = ["SCHEMA_TYPES", "jsonld_objects", "to_jsonld"]

CONTEXT = "https://schema.org"
SCHEMA_TYPES = {
    "concert": "MusicEvent",
    "screening": "ScreeningEvent",
    "workshop": "EducationEvent",
    "party": "SocialEvent",
}
_CONTACT_PROPERTIES = {"email": "email", "phone": "telephone", "url": "url", "social": "sameAs"}


def _iso(value: dt.date | dt.datetime | None, timezone: str) -> str | None:
    """ISO 8601 in the event's zone, so every date carries the offset people live by."""
    if isinstance(value, dt.datetime):
        return iso(localise(value, timezone))
    return iso(value)


def _prune(data: dict[str, Any]) -> dict[str, Any]:
    """Drop absent values: JSON-LD says nothing rather than null."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _place(place: Place) -> dict[str, Any] | None:
    if place.is_empty() and (place.lat is None or place.lon is None):
        return None
    address = _prune({
        "@type": "PostalAddress", "streetAddress": place.street, "postalCode": place.postcode,
        "addressLocality": place.locality, "addressCountry": place.country,
    })
    geo = None
    if place.lat is not None and place.lon is not None:
        geo = {"@type": "GeoCoordinates", "latitude": place.lat, "longitude": place.lon}
    return _prune({
        "@type": "Place",
        "name": place.name or place.label() or None,
        "address": address if len(address) > 1 else None,
        "geo": geo,
    })


def _sub_event(point: MeetingPoint, event: Event) -> dict[str, Any]:
    role = labels("en")["roles"].get(point.role, point.role)
    where = point.place.name or point.place.label()
    return _prune({
        "@type": "Event",
        "name": f"{role} — {where}" if where else role,
        "startDate": _iso(point.time, event.timezone),
        "location": _place(point.place),
        "description": point.note,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "inLanguage": event.language,
    })


def _is_url(value: str) -> bool:
    return urlsplit(value).scheme in ("http", "https")


def _organizers(event: Event) -> list[dict[str, Any]]:
    organisations = [{"@type": "Organization", "name": name} for name in event.organisers]
    reach: dict[str, list[Any]] = {}
    for contact in event.contacts:
        prop = _CONTACT_PROPERTIES.get(contact.type, "contactPoint")
        if prop == "sameAs" and not _is_url(contact.value):
            prop = "contactPoint"
        if prop == "contactPoint":
            # sameAs must be a URL: a bare handle ("@collectif") is kept as a named contact point.
            reach.setdefault(prop, []).append({"@type": "ContactPoint", "name": contact.value,
                                               "contactType": contact.type})
        else:
            reach.setdefault(prop, []).append(contact.value)
    if reach:
        holder = organisations[0] if len(organisations) == 1 else {"@type": "Organization"}
        for prop, values in reach.items():
            holder[prop] = values[0] if len(values) == 1 else values
        if holder not in organisations:
            organisations.append(holder)
    return organisations


def _previous(entry: Entry | None, event: Event) -> str | None:
    """The start before a move, in the event's zone (schema.org `previousStartDate`)."""
    if entry is None or not entry.previous_start:
        return None
    try:
        return _iso(parse_iso(entry.previous_start), event.timezone)
    except ValueError:
        return None


def _event_object(event: Event, key: bytes, entry: Entry | None = None) -> dict[str, Any]:
    status = entry.status if entry is not None else "scheduled"
    return _prune({
        "@context": CONTEXT,
        "@type": SCHEMA_TYPES.get(event.kind, "Event"),
        "@id": entry.iri if entry and entry.iri else event_urn(key),
        "name": summary_line(event),
        "startDate": _iso(event.start, event.timezone),
        "endDate": _iso(event.end, event.timezone),
        "eventStatus": SCHEMA_STATUS.get(status, SCHEMA_STATUS["scheduled"]),
        "previousStartDate": _previous(entry, event),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _place(event.place),
        "subEvent": [_sub_event(point, event) for point in event.meeting_points],
        "organizer": _organizers(event),
        "inLanguage": event.language,
        "url": (entry.url if entry and entry.url else None) or event.url,
        "description": event.description,
        "keywords": event.kind,
    })


def jsonld_objects(events: list[Event],
                   entries: Sequence[Entry] | None = None) -> list[dict[str, Any]]:
    """One schema.org object per event, each with its own `@context` (embeddable alone);
    `entries`, one per event, give an agenda's ids, page URLs and statuses."""
    if entries is not None and len(entries) != len(events):
        raise ValueError("jsonld_objects: give one entry per event")
    return [_event_object(event, key, entries[i] if entries is not None else None)
            for i, (event, key) in enumerate(zip(events, unique_keys(events), strict=True))]


def to_jsonld(events: list[Event], indent: int | None = 2,
              entries: Sequence[Entry] | None = None) -> str:
    """A JSON-LD document: `{"@context": "https://schema.org", "@graph": [events…]}`."""
    graph = []
    for item in jsonld_objects(events, entries):
        item = dict(item)
        item.pop("@context")
        graph.append(item)
    return json.dumps({"@context": CONTEXT, "@graph": graph}, ensure_ascii=False, indent=indent)
