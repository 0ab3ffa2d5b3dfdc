"""Words and identities shared by the human-facing outputs (text, ICS, Atom).

Three things live here so every format says the same thing the same way:
- `labels(lang)`: the words of the outputs (kind names, meeting-point roles, field labels, day and
  month abbreviations). English is built in; a language file may carry a `[publish]` table with
  the same keys to translate them, and missing keys fall back to English.
- `when_words`, `place_words`, `meeting_point_line`, … : one event rendered as short phrases.
- `event_key`, `event_uid`, `event_urn`: a stable identity (hash of start, place and title), so the
  same event gets the same ICS UID and Atom id on every run.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import uuid
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from affiche import lang as lang_data
from affiche.model import Event, MeetingPoint, Place, Transport, Warning, parse_iso

__all__ = [
    "labels",
    "zone",
    "localise",
    "clean_text",
    "kind_label",
    "when_words",
    "date_words",
    "moment_words",
    "clock",
    "place_words",
    "meeting_point_line",
    "transport_line",
    "contact_line",
    "warning_line",
    "candidate_words",
    "summary_line",
    "detail_lines",
    "event_key",
    "event_uid",
    "event_urn",
    "unique_keys",
]

ENGLISH: dict[str, Any] = {
    "weekdays": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    "months": ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "kinds": {
        "rally": "Rally", "demonstration": "Demonstration", "march": "March", "vigil": "Vigil",
        "meeting": "Meeting", "assembly": "Assembly", "concert": "Concert",
        "workshop": "Workshop", "screening": "Screening", "party": "Party", "strike": "Strike",
        "action": "Action", "other": "Event",
    },
    "roles": {
        "meeting": "Meeting point", "group_departure": "Group departure",
        "route_start": "Start of the route", "route_end": "End of the route",
    },
    "modes": {"train": "Train", "bus": "Bus", "tram": "Tram", "metro": "Metro", "walk": "Walk",
              "bike": "Bike", "car": "Car"},
    "contact_types": {"email": "E-mail", "phone": "Phone", "url": "Web", "social": "Social"},
    "reference_sources": {
        "given": "as given", "filename": "from the file name",
        "exif": "from the photo's EXIF data", "html": "from the page's publication date",
        "pdf": "from the PDF's metadata", "mtime": "from the file's modification time",
    },
    "words": {
        "all_day": "all day", "unknown": "unknown", "at": "at", "from": "from", "to": "to",
        "departs": "departs", "arrives": "arrives", "until": "until",
        "precision": "precision", "candidates": "candidates", "attention": "Attention",
        "when": "When", "where": "Where", "kind": "Kind", "meeting_points": "Meeting points",
        "transport": "Transport", "contacts": "Contacts", "organisers": "Organisers",
        "warnings": "Warnings", "link": "Link", "about": "About", "event": "Event",
        "of": "of", "source": "Source", "dated": "dated", "no_reference": "no reference date",
        "no_event": "No event found.", "document_warnings": "Document warnings",
        "dated_today": "dated today", "no_date_in_text": "the text gives no date",
        "no_event_to_come": "No event to come", "past_event": "past event found",
        "past_events": "past events found",
        "published": "published", "language": "language",
        "cancelled": "cancelled", "postponed": "postponed", "rescheduled": "rescheduled",
        "scheduled": "scheduled", "check": "check", "confidence": "Confidence",
        "start_field": "start", "end_field": "end", "place_field": "place",
        "kind_field": "kind", "meeting_point": "meeting point",
    },
}


@functools.cache
def labels(lang: str = "en") -> dict[str, Any]:
    """The output words for a language: English, overlaid by the language file's `[publish]`."""
    merged = {key: (dict(value) if isinstance(value, dict) else list(value))
              for key, value in ENGLISH.items()}
    try:
        table = lang_data.load(lang).get("publish") or {}
    except (KeyError, OSError, ValueError):
        # An unknown language keeps the English words: an output must never fail on a label.
        table = {}
    for key, value in table.items():
        if isinstance(merged.get(key), dict) and isinstance(value, dict):
            merged[key].update({k: str(v) for k, v in value.items()})
        elif key in merged and isinstance(value, list) and len(value) == len(merged[key]):
            # Weekday and month lists must keep their length: they are indexed by number.
            merged[key] = [str(v) for v in value]
    return merged


@functools.cache
def zone(name: str | None) -> ZoneInfo | None:
    """The IANA zone of that name, or `None` when the name is empty or unknown."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def localise(value: dt.datetime, timezone: str | None) -> dt.datetime:
    """The datetime in the event's zone; naive values are read as local to that zone, else UTC."""
    tz = zone(timezone)
    if value.tzinfo is None:
        return value.replace(tzinfo=tz or dt.UTC)
    return value.astimezone(tz) if tz is not None else value


# XML 1.0 and RFC 5545 both refuse C0 controls (except tab and newline), DEL for RFC 5545, lone
# surrogates and the two non-characters U+FFFE/U+FFFF; a feed that contains one does not parse.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Text safe for XML and iCalendar: newlines normalised to LF, control characters removed."""
    return _FORBIDDEN.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def kind_label(kind: str, lang: str = "en") -> str:
    """The word for an event kind ("Rally"), the code itself when unknown."""
    return labels(lang)["kinds"].get(kind, kind)


def date_words(day: dt.date, lang: str = "en") -> str:
    """A day in words: "Sat 18 Jan 2025"."""
    words = labels(lang)
    return (f"{words['weekdays'][day.weekday()]} {day.day} "
            f"{words['months'][day.month - 1]} {day.year}")


def clock(value: dt.datetime) -> str:
    """A time of day as HH:MM (seconds shown only when not zero)."""
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


def moment_words(value: dt.date | dt.datetime, timezone: str | None, lang: str = "en") -> str:
    """A day, or a day and time in the event's zone: \"Sat 18 Jan 2025, 14:00\"."""
    if isinstance(value, dt.datetime):
        local = localise(value, timezone)
        return f"{date_words(local.date(), lang)}, {clock(local)}"
    return date_words(value, lang)


def when_words(event: Event, lang: str = "en") -> str:
    """When the event happens in words: "Sat 18 Jan 2025, 14:00–17:00 (Europe/Brussels)"."""
    words = labels(lang)["words"]
    start, end = event.start, event.end
    if start is None:
        return words["unknown"]
    if not isinstance(start, dt.datetime):
        text = date_words(start, lang)
        if isinstance(end, dt.datetime) and localise(end, event.timezone).date() == start:
            # "Jusqu'à 17h, permanence": open from the morning, closing at a stated time
            return f"{text}, {words['until']} {clock(localise(end, event.timezone))}"
        if end is not None:
            last = end.date() if isinstance(end, dt.datetime) else end
            if last != start:
                text += f" – {date_words(last, lang)}"
        return f"{text} ({words['all_day']})"
    local_start = localise(start, event.timezone)
    text = moment_words(local_start, event.timezone, lang)
    if isinstance(end, dt.datetime):
        local_end = localise(end, event.timezone)
        same_day = local_end.date() == local_start.date()
        text += (f"–{clock(local_end)}" if same_day
                 else f" – {moment_words(local_end, event.timezone, lang)}")
    elif end is not None:
        text += f" – {date_words(end, lang)}"
    zone_name = event.timezone if zone(event.timezone) else local_start.tzname()
    return f"{text} ({zone_name})"


def place_words(place: Place, lang: str = "en", with_geo: bool = False) -> str:
    """A place in words: its label, then coordinates and precision when asked and known."""
    words = labels(lang)["words"]
    text = place.label() or words["unknown"]
    if with_geo and place.lat is not None and place.lon is not None:
        text += f" ({place.lat:.5f}, {place.lon:.5f}; {words['precision']} {place.precision})"
    elif with_geo and not place.is_empty() and place.precision != "none":
        text += f" ({words['precision']} {place.precision})"
    return text


def _time_of(value: dt.date | dt.datetime | None, event: Event, lang: str) -> str | None:
    """A meeting or transport time: HH:MM on the event's day, with the day when it differs."""
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        return date_words(value, lang)
    local = localise(value, event.timezone)
    start = event.start
    start_day = (localise(start, event.timezone).date() if isinstance(start, dt.datetime)
                 else start)
    if start_day is not None and local.date() != start_day:
        return f"{date_words(local.date(), lang)}, {clock(local)}"
    return clock(local)


def meeting_point_line(point: MeetingPoint, event: Event, lang: str = "en") -> str:
    """One meeting point: "Group departure at 13:30: Gare de Nossegem, Nossegem (départ groupé)"."""
    words = labels(lang)
    text = words["roles"].get(point.role, point.role)
    time = _time_of(point.time, event, lang)
    if time:
        text += f" {words['words']['at']} {time}"
    if not point.place.is_empty():
        text += f": {point.place.label()}"
    if point.note:
        text += f" ({point.note})"
    return text


def transport_line(hint: Transport, event: Event, lang: str = "en") -> str:
    """One transport hint: "Train from Bruxelles-Midi to Nossegem, departs 13:00, arrives 13:29"."""
    words = labels(lang)
    parts = [words["modes"].get(hint.mode, hint.mode)]
    if hint.origin:
        parts.append(f"{words['words']['from']} {hint.origin}")
    if hint.destination:
        parts.append(f"{words['words']['to']} {hint.destination}")
    text = " ".join(parts)
    for key, value in (("departs", hint.departs), ("arrives", hint.arrives)):
        time = _time_of(value, event, lang)
        if time:
            text += f", {words['words'][key]} {time}"
    if hint.note:
        text += f" ({hint.note})"
    return text


def contact_line(contact_type: str, value: str, lang: str = "en") -> str:
    """One contact: "E-mail: collectif@example.org"."""
    return f"{labels(lang)['contact_types'].get(contact_type, contact_type)}: {value}"


def candidate_words(candidate: str, event: Event, lang: str = "en") -> str:
    """A warning candidate in words when it is an ISO date or datetime, else as written."""
    try:
        value = parse_iso(candidate)
    except (ValueError, TypeError):
        return candidate
    if value is None:
        return candidate
    if isinstance(value, dt.datetime) and value.utcoffset() is not None \
            and localise(value, event.timezone).utcoffset() != value.utcoffset():
        # a reading in another zone (`zone_guessed`): its own wall clock and offset
        return f"{date_words(value.date(), lang)}, {clock(value)} ({_utc_offset(value)})"
    return moment_words(value, event.timezone, lang)


def _utc_offset(value: dt.datetime) -> str:
    """The offset of an aware datetime as "UTC−05:00"."""
    offset = value.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def warning_line(warning: Warning, event: Event, lang: str = "en") -> str:
    """One warning for a person: "Attention: message (candidates: Sat 18 Jan …; Sun 19 Jan …)"."""
    words = labels(lang)["words"]
    text = f"{words['attention']}: {warning.message or warning.code}"
    if warning.candidates:
        readable = "; ".join(candidate_words(c, event, lang) for c in warning.candidates)
        text += f" ({words['candidates']}: {readable})"
    return text


def summary_line(event: Event, lang: str = "en") -> str:
    """The event's title, or its kind and locality when it has no title."""
    title = clean_text(" ".join((event.title or "").split()))
    if title:
        return title
    kind = kind_label(event.kind, lang)
    return f"{kind} — {event.place.locality}" if event.place.locality else kind


def detail_sections(event: Event, lang: str = "en") -> list[tuple[str, list[str]]]:
    """(heading, items) for the meeting points, transport and contacts an event has."""
    words = labels(lang)["words"]
    sections = [
        (words["meeting_points"],
         [meeting_point_line(p, event, lang) for p in event.meeting_points]),
        (words["transport"], [transport_line(t, event, lang) for t in event.transport]),
        (words["contacts"], [contact_line(c.type, c.value, lang) for c in event.contacts]),
    ]
    return [(heading, items) for heading, items in sections if items]


def detail_lines(event: Event, lang: str = "en") -> list[str]:
    """The details a calendar or feed reader needs besides when and where, one per line."""
    words = labels(lang)["words"]
    lines: list[str] = []
    if event.description:
        lines.append(event.description.strip())
    for heading, items in detail_sections(event, lang):
        lines.append(f"{heading}:")
        lines += [f"- {item}" for item in items]
    if event.organisers:
        lines.append(f"{words['organisers']}: {', '.join(event.organisers)}")
    lines += [warning_line(w, event, lang) for w in event.warnings]
    return lines


def _normal(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def event_key(event: Event, salt: str = "") -> bytes:
    """A digest of start, place and title: the same event hashes the same on every run."""
    start = event.start
    if isinstance(start, dt.datetime):
        # The instant, not its spelling: 14:00+01:00 and 13:00Z are the same start.
        start_text = localise(start, event.timezone).astimezone(dt.UTC).isoformat()
    else:
        start_text = start.isoformat() if start is not None else ""
    place = event.place
    place_text = _normal(place.label())
    title_text = _normal(event.title) or event.kind
    material = "\x1f".join((start_text, place_text, title_text, salt))
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).digest()


def event_uid(key: bytes) -> str:
    """The ICS UID of an event key: hex digits and "@affiche"."""
    return f"{key[:16].hex()}@affiche"


def event_urn(key: bytes) -> str:
    """The Atom/JSON-LD id of an event key: a name-based (version 5 layout) urn:uuid."""
    return uuid.UUID(bytes=key[:16], version=5).urn


def unique_keys(events: list[Event]) -> list[bytes]:
    """One key per event; a repeated event gets a numbered salt so ids stay unique in one feed."""
    seen: dict[bytes, int] = {}
    keys = []
    for event in events:
        key = event_key(event)
        count = seen.get(key, 0)
        seen[key] = count + 1
        keys.append(key if count == 0 else event_key(event, salt=str(count + 1)))
    return keys
