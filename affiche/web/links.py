"""Plain links out of an event page: "add to calendar" (the ICS file, Google Calendar, Outlook)
and "share" (e-mail and a few networks' share addresses). They are ordinary links: nothing is
requested from those sites until a person follows one, and no third-party script is loaded.

An event without a known end gets two hours in the calendar services, which require an end; the
ICS file keeps the end unknown.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote, urlencode

from affiche.model import Event
from affiche.publish.describe import localise, summary_line
from affiche.publish.entry import Entry
from affiche.web.settings import Settings

__all__ = ["calendar_links", "share_links", "DEFAULT_DURATION"]

DEFAULT_DURATION = dt.timedelta(hours=2)


def _span(event: Event) -> tuple[dt.datetime | dt.date, dt.datetime | dt.date] | None:
    """Start and end for a calendar service; the end exclusive for all-day events."""
    start, end = event.start, event.end
    if start is None:
        return None
    if isinstance(start, dt.datetime):
        begin = localise(start, event.timezone)
        finish = localise(end, event.timezone) if isinstance(end, dt.datetime) else None
        return begin, finish if finish and finish > begin else begin + DEFAULT_DURATION
    last = end if isinstance(end, dt.date) and not isinstance(end, dt.datetime) else start
    return start, max(last, start) + dt.timedelta(days=1)


def _details(event: Event, url: str) -> str:
    text = (event.description or "").strip()
    if len(text) > 600:
        text = text[:600].rsplit(" ", 1)[0] + " …"
    return "\n\n".join(p for p in (text, url) if p)


def google_link(event: Event, url: str) -> str | None:
    """A Google Calendar "create event" address pre-filled with the event."""
    span = _span(event)
    if span is None:
        return None
    begin, finish = span
    if isinstance(begin, dt.datetime):
        fmt = "%Y%m%dT%H%M%SZ"
        dates = f"{begin.astimezone(dt.UTC):{fmt}}/{finish.astimezone(dt.UTC):{fmt}}"  # type: ignore[union-attr]
    else:
        dates = f"{begin:%Y%m%d}/{finish:%Y%m%d}"
    query = {"action": "TEMPLATE", "text": summary_line(event), "dates": dates,
             "details": _details(event, url), "location": event.place.label(),
             "ctz": event.timezone}
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_link(event: Event, url: str) -> str | None:
    """An Outlook.com "compose event" address pre-filled with the event."""
    span = _span(event)
    if span is None:
        return None
    begin, finish = span
    all_day = not isinstance(begin, dt.datetime)
    query = {"path": "/calendar/action/compose", "rru": "addevent",
             "subject": summary_line(event), "startdt": begin.isoformat(),
             "enddt": finish.isoformat(), "allday": "true" if all_day else "false",
             "location": event.place.label(), "body": _details(event, url)}
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(query)


def calendar_links(stored: Any, entry: Entry, settings: Settings) -> dict[str, str | None]:
    """The ICS file of the event and its Google and Outlook links."""
    event = stored.event
    url = entry.url or ""
    return {"ics": f"/events/{stored.slug}.ics", "google": google_link(event, url),
            "outlook": outlook_link(event, url)}


def share_links(title: str, url: str) -> list[dict[str, str]]:
    """Share addresses: e-mail, Bluesky, Mastodon's share page, Telegram, WhatsApp, Facebook."""
    text = f"{title} {url}".strip()
    return [
        {"name": "E-mail", "href": "mailto:?" + urlencode({"subject": title, "body": url},
                                                          quote_via=_quote)},
        {"name": "Bluesky", "href": "https://bsky.app/intent/compose?" + urlencode({"text": text})},
        {"name": "Telegram", "href": "https://t.me/share/url?" + urlencode({"url": url,
                                                                              "text": title})},
        {"name": "WhatsApp", "href": "https://wa.me/?" + urlencode({"text": text})},
        {"name": "Facebook", "href": "https://www.facebook.com/sharer/sharer.php?"
                                     + urlencode({"u": url})},
    ]


def _quote(value: str, safe: str = "", encoding: str | None = None,
           errors: str | None = None) -> str:
    """Percent-encoding with %20 for spaces: mail clients show a "+" literally."""
    return quote(value, safe=safe, encoding=encoding, errors=errors)
