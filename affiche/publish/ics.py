"""iCalendar output (RFC 5545) through the icalendar library: one VEVENT per event with a start.

Each VEVENT carries DTSTART with the event's IANA zone as TZID (and the matching VTIMEZONE), or a
DATE value for all-day events; DTEND when known; SUMMARY, LOCATION, GEO, URL, CATEGORIES; a
DESCRIPTION a person can read in any calendar app (meeting points, transport, contacts,
organisers and every warning as "Attention: …"); the contacts again as CONTACT lines; a UID
that is the same on every run for the same event. Events without a start cannot be calendar
entries: they are left out, and `ics_skipped` counts them so callers can say so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import MutableMapping, Sequence

import icalendar

from affiche.model import Event
from affiche.publish.describe import (
    clean_text,
    contact_line,
    detail_lines,
    event_uid,
    labels,
    localise,
    moment_words,
    summary_line,
    unique_keys,
    zone,
)
from affiche.publish.entry import ICS_STATUS, Entry

__all__ = ["PRODID", "to_ics", "ics_skipped", "ics_events"]

PRODID = "-//affiche//affiche 0.1//EN"


def ics_events(events: list[Event]) -> list[Event]:
    """The events that become VEVENTs: those with a start."""
    return [event for event in events if event.start is not None]


def ics_skipped(events: list[Event]) -> int:
    """How many events `to_ics` leaves out because they have no start."""
    return len(events) - len(ics_events(events))


def _instant(value: dt.datetime, timezone: str) -> dt.datetime:
    """A datetime icalendar writes with a TZID: in the event's zone, else in UTC."""
    local = localise(value, timezone)
    if zone(timezone) is None:
        # A fixed offset without a zone name has no VTIMEZONE; UTC keeps the instant exact.
        return local.astimezone(dt.UTC)
    if local.fold and local.utcoffset() != local.replace(fold=0).utcoffset():
        # The second 02:30 of an autumn night: a TZID wall time means the first (RFC 5545 3.3.5).
        return local.astimezone(dt.UTC)
    return local


def _day(value: dt.date | dt.datetime, timezone: str) -> dt.date:
    return localise(value, timezone).date() if isinstance(value, dt.datetime) else value


def _add_times(vevent: icalendar.Event, event: Event, lines: list[str]) -> None:
    """DTSTART and DTEND, as DATE values for all-day events; an end that cannot be said is noted."""
    start, end = event.start, event.end
    assert start is not None
    words = labels("en")["words"]
    if not isinstance(start, dt.datetime):
        last = _day(end, event.timezone) if end is not None else start
        vevent.add("dtstart", start)
        if max(last, start) < dt.date.max:
            # DTEND of a DATE event is exclusive: the day after the last day.
            vevent.add("dtend", max(last, start) + dt.timedelta(days=1))
        return
    begin = _instant(start, event.timezone)
    vevent.add("dtstart", begin)
    if isinstance(end, dt.datetime):
        finish = _instant(end, event.timezone)
        if finish > begin:
            vevent.add("dtend", finish)
        else:
            lines.append(f"{words['until']} {moment_words(end, event.timezone)}")
    elif end is not None:
        # RFC 5545 forbids a DATE end after a DATE-TIME start: say it in words instead.
        lines.append(f"{words['until']} {moment_words(end, event.timezone)}")


def _add_entry(vevent: icalendar.Event, entry: Entry) -> None:
    """An agenda's revision and status: SEQUENCE, STATUS, CREATED, LAST-MODIFIED."""
    if entry.sequence is not None:
        vevent.add("sequence", int(entry.sequence))
    vevent.add("status", ICS_STATUS.get(entry.status, "CONFIRMED"))
    for name, value in (("created", entry.created), ("last-modified", entry.updated)):
        if value is not None:
            vevent.add(name, value.astimezone(dt.UTC).replace(microsecond=0))


class _Text(icalendar.vText):
    """A TEXT value escaped by RFC 5545 alone: icalendar first turns a written backslash-N
    into a line break ("C:\\Nouveau" would lose its backslash), so the escaping is ours."""

    def to_ical(self) -> bytes:
        """The value escaped: backslash first, then semicolon, comma and line break."""
        text = str(self).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        return text.replace("\n", "\\n").encode(self.encoding)


def _vevent(event: Event, key: bytes, stamp: dt.datetime,
            entry: Entry | None = None) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", entry.uid if entry and entry.uid else event_uid(key))
    vevent.add("dtstamp", stamp)
    extra: list[str] = [entry.status_line] if entry and entry.status_line else []
    _add_times(vevent, event, extra)
    vevent.add("summary", _Text(clean_text(summary_line(event))))
    place = event.place
    if not place.is_empty():
        vevent.add("location", _Text(clean_text(place.label())))
    if place.lat is not None and place.lon is not None:
        vevent.add("geo", (float(place.lat), float(place.lon)))
    description = "\n".join(extra + detail_lines(event))
    if description:
        vevent.add("description", _Text(clean_text(description)))
    url = entry.url if entry and entry.url else event.url
    if url:
        vevent.add("url", clean_text(url))
    if entry is not None:
        _add_entry(vevent, entry)
    for contact in event.contacts:
        vevent.add("contact", _Text(clean_text(contact_line(contact.type, contact.value))))
    vevent.add("categories", [event.kind])
    if event.language:
        # RFC 5545 has no per-event language property; LANGUAGE is a parameter of SUMMARY.
        vevent["summary"].params["LANGUAGE"] = event.language
    return vevent


def _zone_span(events: list[Event]) -> tuple[dt.date, dt.date]:
    """The years the VTIMEZONE must cover: a year either side of the events, not 1970-2038."""
    days = [_day(e.start, e.timezone) for e in events if e.start is not None]
    days += [_day(e.end, e.timezone) for e in events if e.end is not None]
    first, last = min(days), max(days)
    return dt.date(max(first.year - 1, 1), 1, 1), dt.date(min(last.year + 1, 9998), 12, 31)


def _head(calendar_name: str | None) -> str:
    """The calendar's own lines, from BEGIN:VCALENDAR to before its END line."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # icalendar does not know NAME and X-WR-CALNAME as TEXT: say so, or ";" and "," go unescaped.
    name = clean_text(" ".join((calendar_name or "").split()))
    if name:
        calendar.add("name", _Text(name))
        calendar.add("x-wr-calname", _Text(name))
    return calendar.to_ical().decode("utf-8").removesuffix("END:VCALENDAR\r\n")


# TZID in the parameters of a content line (before its first colon), never inside a value:
# a title "x;TZID=0" is escaped text, not a zone to build
_TZID = re.compile(r"^[A-Z][A-Z0-9-]*(?:;[^:\r\n]*)?;TZID=([^:;\r\n]+)", re.MULTILINE)


def _zones(blocks: list[str], dated: list[Event]) -> str:
    """The VTIMEZONE of every TZID the VEVENTs use, over the years they need."""
    used = sorted({name for block in blocks for name in _TZID.findall(block)})
    if not used or not hasattr(icalendar.Timezone, "from_tzid"):
        # icalendar < 6.1 cannot build VTIMEZONEs; readers then fall back on the TZID name.
        return ""
    first, last = _zone_span(dated)
    return "".join(icalendar.Timezone.from_tzid(name, first_date=first, last_date=last)
                   .to_ical().decode("utf-8") for name in used)


def to_ics(events: list[Event], calendar_name: str | None = None,
           stamp: dt.datetime | None = None, entries: Sequence[Entry] | None = None,
           cache: MutableMapping[Entry, str] | None = None) -> str:
    """An iCalendar text with one VEVENT per event that has a start (see `ics_skipped`);
    `entries`, one per event, give an agenda's UIDs, URLs, SEQUENCE and STATUS (and DTSTAMP
    from their `updated`); `cache` keeps each entry's VEVENT text across calls, which is sound
    when an entry's `updated` changes whenever its event does (an agenda's store guarantees it)."""
    stamp = (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    if entries is not None and len(entries) != len(events):
        raise ValueError("to_ics: give one entry per event")
    pairs = [(e, entries[i] if entries is not None else None)
             for i, e in enumerate(events) if e.start is not None]
    dated = [event for event, _ in pairs]
    blocks = []
    for (event, entry), key in zip(pairs, unique_keys(dated), strict=True):
        known = cache.get(entry) if cache is not None and entry is not None else None
        if known is None:
            # RFC 5545 3.8.7.2: without METHOD, DTSTAMP is when the store last revised it.
            moment = entry.updated if entry and entry.updated else stamp
            known = _vevent(event, key, moment.astimezone(dt.UTC).replace(microsecond=0),
                            entry).to_ical().decode("utf-8")
            if cache is not None and entry is not None:
                cache[entry] = known
        blocks.append(known)
    return _head(calendar_name) + _zones(blocks, dated) + "".join(blocks) + "END:VCALENDAR\r\n"
