"""Stored events as the pages show them: localised words, times in the event's zone, contacts
made safe, and the agenda `Entry` the feeds need (ids, URLs, SEQUENCE, status).

Templates receive plain dicts and strings from here, so every decision about what a person sees
is in Python and tested, and the templates only lay it out (autoescaped).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from affiche.model import Contact, Event, MeetingPoint, Place, Transport, parse_iso
from affiche.publish import Entry, jsonld_objects
from affiche.publish.describe import localise, summary_line
from affiche.web.links import calendar_links, share_links
from affiche.web.render import N_, format_clock, format_day, format_moment, gettext, zone_label
from affiche.web.settings import Settings

__all__ = [
    "KIND_LABELS",
    "ROLE_LABELS",
    "MODE_LABELS",
    "entry_of",
    "event_url",
    "local_day",
    "card",
    "day_groups",
    "event_view",
    "json_script",
    "safe_href",
]

KIND_LABELS = {
    "rally": N_("Rally"), "demonstration": N_("Demonstration"), "march": N_("March"),
    "vigil": N_("Vigil"), "meeting": N_("Meeting"), "assembly": N_("Assembly"),
    "concert": N_("Concert"), "workshop": N_("Workshop"), "screening": N_("Screening"),
    "party": N_("Party"), "strike": N_("Strike"), "action": N_("Action"), "other": N_("Event"),
}
ROLE_LABELS = {
    "meeting": N_("Meeting point"), "group_departure": N_("Group departure"),
    "route_start": N_("Start of the route"), "route_end": N_("End of the route"),
}
MODE_LABELS = {
    "train": N_("Train"), "bus": N_("Bus"), "tram": N_("Tram"), "metro": N_("Metro"),
    "walk": N_("On foot"), "bike": N_("Bike"), "car": N_("Car"), "coach": N_("Coach"),
}
CONTACT_LABELS = {"email": N_("E-mail"), "phone": N_("Phone"), "url": N_("Website"),
                  "social": N_("Social media")}
STATUS_LABELS = {"cancelled": N_("Cancelled"), "postponed": N_("Postponed"),
                 "rescheduled": N_("Date changed")}


def _t(locale: str, table: dict[str, str], key: str) -> str:
    """The localised word of a code, the code itself when the table does not know it."""
    return gettext(locale, table[key]) if key in table else key


def event_url(settings: Settings, slug: str) -> str:
    """The absolute address of an event's page."""
    return f"{settings.base_url}/events/{slug}"


def _entry_status(stored: Any) -> str:
    """The feed status of a stored event (see `affiche.publish.entry.ENTRY_STATUSES`)."""
    if stored.status == "cancelled":
        return "cancelled"
    if stored.status == "postponed":
        return "rescheduled" if stored.previous_start and stored.event.start else "postponed"
    return "rescheduled" if stored.previous_start else "scheduled"


def status_line(stored: Any, locale: str) -> str | None:
    """One sentence on a changed status, for banners and feeds; None when as announced."""
    status = _entry_status(stored)
    if status == "scheduled":
        return None
    text = gettext(locale, STATUS_LABELS[status])
    if stored.previous_start:
        try:
            before = parse_iso(stored.previous_start, stored.event.timezone)
        except ValueError:
            before = None
        if before is not None:
            text += " · " + gettext(locale, "first announced for %(when)s") % {
                "when": format_moment(before, stored.event.timezone, locale)}
    if stored.status_note:
        text += " · " + " ".join(stored.status_note.split())
    return text


def entry_of(stored: Any, settings: Settings, locale: str = "en") -> Entry:
    """The agenda record the feeds carry for a stored event."""
    host = urlsplit(settings.base_url).hostname or "affiche"
    url = event_url(settings, stored.slug)
    return Entry(uid=f"{stored.slug}@{host}", iri=url, url=url, sequence=stored.sequence,
                 status=_entry_status(stored), status_line=status_line(stored, locale),
                 previous_start=stored.previous_start, created=stored.created,
                 updated=stored.updated)


def local_day(event: Event) -> dt.date | None:
    """The day an event starts on, in its own zone."""
    start = event.start
    if isinstance(start, dt.datetime):
        return localise(start, event.timezone).date()
    return start


def when_text(event: Event, locale: str) -> str:
    """When, in the locale's words: "sam. 18 janv. 2025, 14:00–17:00"."""
    start, end, zone = event.start, event.end, event.timezone
    if start is None:
        return gettext(locale, "Date to be announced")
    text = format_moment(start, zone, locale)
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime) and end > start:
        same_day = localise(end, zone).date() == localise(start, zone).date()
        text += "–" + format_clock(end, zone, locale) if same_day \
            else " – " + format_moment(end, zone, locale)
    elif end is not None and not isinstance(end, dt.datetime) and end != local_day(event):
        text += " – " + format_moment(end, zone, locale)
    if not isinstance(start, dt.datetime):
        text += " · " + gettext(locale, "All day")
    return text


def _point_time(value: dt.date | dt.datetime | None, event: Event, locale: str) -> str | None:
    """A meeting or transport time: the clock on the event's day, the full date otherwise."""
    if value is None:
        return None
    same_day = isinstance(value, dt.datetime) and \
        localise(value, event.timezone).date() == local_day(event)
    if same_day:
        return format_clock(value, event.timezone, locale)
    return format_moment(value, event.timezone, locale)


def _iso_local(value: dt.date | dt.datetime | None, timezone: str) -> str | None:
    if isinstance(value, dt.datetime):
        return localise(value, timezone).isoformat(timespec="minutes")
    return value.isoformat() if value is not None else None


def safe_href(value: str | None) -> str | None:
    """A link target only when it is an http(s) address (never javascript: or data:)."""
    if not value:
        return None
    parts = urlsplit(value.strip())
    return value.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def _place(place: Place) -> dict[str, Any]:
    has_geo = place.lat is not None and place.lon is not None
    return {"label": place.label(), "name": place.name, "street": place.street,
            "town": " ".join(p for p in (place.postcode, place.locality) if p),
            "lat": place.lat if has_geo else None, "lon": place.lon if has_geo else None,
            "precision": place.precision, "empty": place.is_empty()}


def _meeting_point(point: MeetingPoint, event: Event, locale: str) -> dict[str, Any]:
    return {"role": point.role, "role_label": _t(locale, ROLE_LABELS, point.role),
            "time": _point_time(point.time, event, locale),
            "time_iso": _iso_local(point.time, event.timezone),
            "place": _place(point.place), "note": point.note}


def _transport(hint: Transport, event: Event, locale: str) -> dict[str, Any]:
    return {"mode": hint.mode, "mode_label": _t(locale, MODE_LABELS, hint.mode),
            "origin": hint.origin, "destination": hint.destination,
            "departs": _point_time(hint.departs, event, locale),
            "departs_iso": _iso_local(hint.departs, event.timezone),
            "arrives": _point_time(hint.arrives, event, locale),
            "arrives_iso": _iso_local(hint.arrives, event.timezone), "note": hint.note}


def _contact(contact: Contact, locale: str) -> dict[str, Any]:
    """A contact to show: e-mails split for the assembling script, with a readable fallback."""
    view: dict[str, Any] = {"type": contact.type, "value": contact.value, "href": None,
                            "label": _t(locale, CONTACT_LABELS, contact.type)}
    if contact.type == "email" and contact.value.count("@") == 1:
        user, domain = contact.value.split("@")
        # No "@" and no mailto: in the HTML: harvesters look for those; people read "[at]".
        view.update(user=user, domain=domain, fallback=f"{user} [at] {domain}")
    elif contact.type == "phone":
        digits = "".join(c for c in contact.value if c.isdigit() or c == "+")
        view["href"] = f"tel:{digits}" if len(digits) >= 6 else None
    else:
        view["href"] = safe_href(contact.value)
    return view


def card(stored: Any, locale: str) -> dict[str, Any]:
    """An event as a line of a list: title, kind, time, place, status."""
    event = stored.event
    start = event.start
    status = _entry_status(stored)
    return {
        "slug": stored.slug, "title": summary_line(event), "kind": event.kind,
        "kind_label": _t(locale, KIND_LABELS, event.kind),
        "time": (format_clock(start, event.timezone, locale)
                 if isinstance(start, dt.datetime) else gettext(locale, "All day")),
        "when": when_text(event, locale), "time_iso": _iso_local(start, event.timezone),
        "place": event.place.label(), "locality": event.place.locality,
        "status": status, "status_label": (gettext(locale, STATUS_LABELS[status])
                                           if status in STATUS_LABELS else None),
        "tags": list(stored.tags), "language": event.language,
    }


def day_groups(items: list[Any], locale: str) -> list[dict[str, Any]]:
    """Events grouped by their local day, in the order given (the store orders by start)."""
    groups: list[dict[str, Any]] = []
    for stored in items:
        day = local_day(stored.event)
        if not groups or groups[-1]["day"] != day:
            groups.append({"day": day, "iso": day.isoformat() if day else None,
                           "label": (format_day(day, locale) if day
                                     else gettext(locale, "Date to be announced")),
                           "events": []})
        groups[-1]["events"].append(card(stored, locale))
    return groups


def json_script(data: Any) -> Markup:
    """JSON to embed in a `<script type="application/…json">`: `<`, `>` and `&` escaped, so no
    text in it can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _page_jsonld(event: Event, entry: Entry) -> dict[str, Any]:
    """The schema.org object of the page, without e-mails and phones (kept from harvesters)."""
    data = jsonld_objects([event], [entry])[0]
    organisers = []
    for organiser in data.get("organizer", []):
        organiser.pop("email", None)
        organiser.pop("telephone", None)
        if set(organiser) - {"@type"}:  # an unnamed holder of the contacts says nothing now
            organisers.append(organiser)
    if organisers:
        data["organizer"] = organisers
    else:
        data.pop("organizer", None)
    return data


def event_view(stored: Any, settings: Settings, locale: str) -> dict[str, Any]:
    """Everything the event page shows, in the locale's words."""
    event = stored.event
    entry = entry_of(stored, settings, locale)
    start = event.start
    paragraphs = [" ".join(p.split("\n")).strip()
                  for p in (event.description or "").replace("\r", "").split("\n\n")]
    view = card(stored, locale)
    points = [_meeting_point(p, event, locale) for p in event.meeting_points]
    markers = [{"lat": p["place"]["lat"], "lon": p["place"]["lon"],
                "label": " · ".join(x for x in (p["role_label"], p["time"], p["place"]["label"])
                                    if x)}
               for p in points if p["place"]["lat"] is not None]
    view.update({
        "url": entry.url, "event": event, "status_line": status_line(stored, locale),
        "zone": zone_label(start, event.timezone) if isinstance(start, dt.datetime) else None,
        "place_view": _place(event.place),
        "meeting_points": points,
        # a data attribute, escaped by the template like any other text
        "points_json": json.dumps(markers, ensure_ascii=False),
        "transport": [_transport(t, event, locale) for t in event.transport],
        "contacts": [_contact(c, locale) for c in event.contacts],
        "organisers": list(event.organisers),
        "description": [p for p in paragraphs if p],
        "source_url": safe_href(event.url),
        "calendar": calendar_links(stored, entry, settings),
        "share": share_links(summary_line(event), entry.url or ""),
        "jsonld": json_script(_page_jsonld(event, entry)),
        "updated_iso": stored.updated.isoformat(timespec="seconds"),
        "updated_text": format_moment(stored.updated, event.timezone, locale),
    })
    return view
