"""Events from other agendas: an iCalendar feed (RFC 5545, read with icalendar) or our JSON.

Each imported event carries an idempotency key (`ics:` + the VEVENT's UID, `json:` + the slug)
so importing the same feed again adds nothing. What the model has no field for is kept: an ICS
STATUS:CANCELLED becomes a warning on the event when it is not published as cancelled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar

from affiche.errors import InputError
from affiche.model import KINDS, Contact, Event, Place, Warning

__all__ = ["Imported", "read_ics", "read_json", "read_file"]

_POSTCODE_TOWN = re.compile(
    r"^(?P<code>[A-Z]{0,2}-?\d{4,5}|[A-Z]\d{2}\s?[A-Z0-9]{4})\s+(?P<town>.+)$")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"\+?[\d ()./-]{6,}")
_MAX_BYTES = 50 * 2**20


@dataclass
class Imported:
    """One event read from another agenda, with what the store needs beside it."""

    event: Event
    key: str
    status: str | None = None          # the source's status word: published, cancelled, …
    tags: list[str] = field(default_factory=list)
    text: str = ""                     # the VEVENT or JSON item as it was read (the source)


def _zone_name(value: Any, default: str) -> str:
    tzinfo = getattr(value, "tzinfo", None)
    name = getattr(tzinfo, "key", None) or getattr(tzinfo, "zone", None)
    # A UTC time says nothing of where the event is: read it in the agenda's zone.
    if isinstance(name, str) and name not in ("UTC", "Etc/UTC", "GMT", "Etc/GMT", "Z"):
        try:
            ZoneInfo(name)
            return name
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return default


def _when(value: Any, zone: str) -> dt.datetime | dt.date | None:
    if value is None:
        return None
    moment = value.dt if hasattr(value, "dt") else value
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is None:  # floating time: the agenda's own zone
            return moment.replace(tzinfo=ZoneInfo(zone))
        return moment.astimezone(ZoneInfo(zone))
    if isinstance(moment, dt.date):
        return moment
    return None


def _place(location: str | None, geo: Any) -> Place:
    """A place from a LOCATION line ("name, street, postcode town") and GEO."""
    place = Place()
    parts = [p.strip() for p in (location or "").split(",") if p.strip()]
    if parts:
        town = _POSTCODE_TOWN.match(parts[-1])
        if town and len(parts) >= 1:
            place.postcode, place.locality = town["code"], town["town"]
            parts = parts[:-1]
        elif len(parts) >= 2:
            place.locality = parts.pop()
        if parts:
            place.name = parts[0]
        if len(parts) >= 2:
            place.street = ", ".join(parts[1:])
    if geo is not None:
        place.lat, place.lon = float(geo.latitude), float(geo.longitude)
    if place.street and place.lat is not None:
        place.precision = "address"
    elif place.street:
        place.precision = "street"
    elif place.locality:
        place.precision = "locality"
    return place


def _contact(text: str) -> Contact | None:
    value = text.split(":", 1)[1].strip() if re.match(r"^[\w -]{2,20}:\s", text) else text.strip()
    if _EMAIL.fullmatch(value):
        return Contact(type="email", value=value)
    if value.startswith(("http://", "https://")):
        return Contact(type="url", value=value)
    if _PHONE.fullmatch(value):
        return Contact(type="phone", value=value)
    return None


def _texts(component: Any, name: str) -> list[str]:
    value = component.get(name)
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in values:
        if hasattr(item, "cats"):
            out += [str(c) for c in item.cats]
        else:
            out.append(str(item))
    return out


def _vevent(component: Any, timezone: str) -> Imported:
    start_prop = component.get("dtstart")
    zone = _zone_name(start_prop.dt if start_prop is not None else None, timezone)
    start = _when(start_prop, zone)
    end = _when(component.get("dtend"), zone)
    if isinstance(start, dt.date) and not isinstance(start, dt.datetime) \
            and isinstance(end, dt.date) and not isinstance(end, dt.datetime):
        # An all-day DTEND is exclusive; the model's end is the last day, or none for one day.
        last = end - dt.timedelta(days=1)
        end = last if last > start else None
    summary = component.get("summary")
    categories = [c.strip() for c in _texts(component, "categories") if c.strip()]
    kind = next((c.lower() for c in categories if c.lower() in KINDS), "other")
    tags = [c for c in categories if c.lower() not in KINDS]
    contacts = [c for c in (_contact(t) for t in _texts(component, "contact")) if c]
    organizer = component.get("organizer")
    organisers = []
    if organizer is not None:
        name = organizer.params.get("CN") if hasattr(organizer, "params") else None
        organisers = [str(name)] if name else []
    language = summary.params.get("LANGUAGE") if hasattr(summary, "params") else None
    event = Event(
        title=str(summary).strip() or None if summary is not None else None, kind=kind,
        start=start, end=end, timezone=zone,
        place=_place(str(component.get("location") or "") or None, component.get("geo")),
        contacts=contacts, organisers=organisers,
        language=str(language).lower()[:8] if language else None,
        url=str(component.get("url")) if component.get("url") else None,
        description=str(component.get("description") or "").strip() or None)
    if component.get("rrule") is not None:
        event.warnings.append(Warning(
            code="recurring",
            message="the agenda this event comes from repeats it (RRULE); only its first "
                    "date is kept"))
    status = str(component.get("status") or "").upper()
    word = {"CANCELLED": "cancelled", "TENTATIVE": "published", "CONFIRMED": "published"}.get(
        status, "published")
    text = component.to_ical().decode("utf-8", "replace")
    uid = str(component.get("uid") or "").strip()
    key = "ics:" + (uid or hashlib.sha256(text.encode()).hexdigest()[:32])
    return Imported(event=event, key=key[:300], status=word, tags=tags, text=text)


def read_ics(data: bytes, name: str, timezone: str = "Europe/Brussels") -> list[Imported]:
    """The VEVENTs of an iCalendar text; `InputError` when it is not one."""
    try:
        calendar = icalendar.Calendar.from_ical(data.decode("utf-8-sig", "replace"))
    except (ValueError, KeyError, IndexError) as error:
        raise InputError(f"{name}: not an iCalendar file ({error})".splitlines()[0]) from None
    found = []
    for component in calendar.walk("VEVENT"):
        try:
            found.append(_vevent(component, timezone))
        except (ValueError, TypeError, AttributeError) as error:
            raise InputError(f"{name}: a VEVENT cannot be read ({error})".splitlines()[0]) \
                from None
    return found


def read_json(data: bytes, name: str) -> list[Imported]:
    """Events of our JSON (`{"events": [...]}`, from export, a feed or extract); `InputError`."""
    try:
        payload = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{name}: not JSON ({error})".splitlines()[0]) from None
    items = payload.get("events") if isinstance(payload, dict) else payload
    if not isinstance(items, list):
        raise InputError(f'{name}: expected {{"events": [...]}} or a list of events')
    found = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise InputError(f"{name}: event {number} is not an object")
        record = dict(item)
        slug = record.pop("slug", None)
        status = record.pop("status", None)
        tags = record.pop("tags", None) or []
        page_url = record.pop("url", None)
        record["url"] = record.pop("source_url", None) or (None if slug else page_url)
        for extra in ("updated", "sequence", "status_note", "previous_start", "warning_count"):
            record.pop(extra, None)
        try:
            event = Event.from_dict(record)
        except (ValueError, TypeError, KeyError) as error:
            raise InputError(f"{name}: event {number} cannot be read ({error})") from None
        canonical = json.dumps(event.to_dict(), sort_keys=True, ensure_ascii=False)
        key = "json:" + (str(slug) if slug else hashlib.sha256(canonical.encode()).hexdigest()[:32])
        found.append(Imported(event=event, key=key[:300],
                              status=status if isinstance(status, str) else None,
                              tags=[str(t) for t in tags if isinstance(t, str)],
                              text=json.dumps(item, ensure_ascii=False)))
    return found


def read_file(path: str, timezone: str = "Europe/Brussels") -> list[Imported]:
    """Read FILE.ics or FILE.json (by extension, else by content); `InputError` on a bad file."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(_MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not an .ics or .json file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    if len(data) > _MAX_BYTES:
        raise InputError(f"{path}: larger than {_MAX_BYTES // 2**20} MB")
    lower = path.lower()
    head = data.lstrip()[:20].upper()
    if lower.endswith((".ics", ".ical", ".ifb")) or head.startswith(b"BEGIN:VCALENDAR"):
        return read_ics(data, path, timezone)
    if lower.endswith(".json") or head[:1] in (b"{", b"["):
        return read_json(data, path)
    raise InputError(f"{path}: give an iCalendar (.ics) or JSON (.json) file")
