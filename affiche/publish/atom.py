"""Atom 1.0 output (RFC 4287): a feed with one entry per event, built with xml.etree.

Each entry has a stable id (the `urn:uuid` derived from the same key as the ICS UID), the title,
`updated`, a link (the event's URL, else the feed's), a one-line summary saying when and where,
a text content with everything a reader needs (meeting points, transport, contacts, organisers,
warnings), the organisers as authors, the kind as a category, and a GeoRSS point when the place
is geocoded. Text is cleaned of the control characters XML 1.0 cannot carry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from urllib.parse import urlsplit

from affiche import __version__
from affiche.model import Event
from affiche.publish.describe import (
    clean_text,
    detail_lines,
    event_urn,
    kind_label,
    labels,
    place_words,
    summary_line,
    unique_keys,
    when_words,
)
from affiche.publish.entry import Entry

__all__ = ["ATOM_NS", "GEORSS_NS", "to_atom", "feed_identity"]

ATOM_NS = "http://www.w3.org/2005/Atom"
GEORSS_NS = "http://www.georss.org/georss"


def feed_identity(feed_url: str, feed_title: str) -> str:
    """The feed id: its URL when that is an absolute IRI, else a urn:uuid of URL and title."""
    # One-letter schemes are Windows drive letters, not IRIs.
    if len(urlsplit(feed_url).scheme) > 1:
        return feed_url
    digest = hashlib.sha256(f"{feed_url}\x1f{feed_title}".encode("utf-8", "surrogatepass"))
    return uuid.UUID(bytes=digest.digest()[:16], version=5).urn


def _stamp(value: dt.datetime | None) -> str:
    """An RFC 3339 timestamp; naive values are read as UTC."""
    value = value or dt.datetime.now(dt.UTC)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.replace(microsecond=0).isoformat()


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = clean_text(text)
    return element


def _entry(feed: ET.Element, event: Event, key: bytes, updated: str, feed_url: str,
           record: Entry | None = None) -> None:
    words = labels("en")["words"]
    entry = ET.SubElement(feed, "entry")
    _text(entry, "id", record.iri if record and record.iri else event_urn(key))
    title = summary_line(event)
    if record is not None and record.status != "scheduled":
        # A feed reader shows the updated entry's title: the change must be in it.
        title = f"{labels('en')['words'].get(record.status, record.status).capitalize()}: {title}"
    _text(entry, "title", title)
    _text(entry, "updated", _stamp(record.updated) if record and record.updated else updated)
    if record is not None and record.created is not None:
        _text(entry, "published", _stamp(record.created))
    for name in event.organisers:
        author = ET.SubElement(entry, "author")
        _text(author, "name", name)
    link = (record.url if record and record.url else None) or event.url or feed_url
    if link:
        ET.SubElement(entry, "link", {"rel": "alternate", "href": clean_text(link)})
    when = when_words(event)
    where = place_words(event.place)
    status = [record.status_line] if record and record.status_line else []
    _text(entry, "summary",
          " ".join(status + [f"{words['when']}: {when}. {words['where']}: {where}."]))
    located = place_words(event.place, with_geo=True)
    body = status + [f"{words['when']}: {when}", f"{words['where']}: {located}"]
    _text(entry, "content", "\n".join(body + detail_lines(event)), type="text")
    ET.SubElement(entry, "category", {"term": event.kind, "label": kind_label(event.kind)})
    if event.place.lat is not None and event.place.lon is not None:
        _text(entry, "georss:point", f"{event.place.lat} {event.place.lon}")


def to_atom(events: list[Event], feed_title: str, feed_url: str, feed_id: str | None = None,
            updated: dt.datetime | None = None, entries: Sequence[Entry] | None = None) -> str:
    """An Atom 1.0 feed of the events (`updated` defaults to now; ids are stable across runs);
    `entries`, one per event, give an agenda's ids, links, update times and statuses."""
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xmlns:georss": GEORSS_NS})
    stamp = _stamp(updated)
    _text(feed, "id", feed_id or feed_identity(feed_url, feed_title))
    _text(feed, "title", feed_title or "affiche")
    _text(feed, "updated", stamp)
    if feed_url:
        ET.SubElement(feed, "link", {"rel": "alternate", "href": clean_text(feed_url)})
    author = ET.SubElement(feed, "author")
    _text(author, "name", "affiche")
    _text(feed, "generator", "affiche", version=__version__)
    if entries is not None and len(entries) != len(events):
        raise ValueError("to_atom: give one entry per event")
    for index, (event, key) in enumerate(zip(events, unique_keys(events), strict=True)):
        _entry(feed, event, key, stamp, feed_url, entries[index] if entries is not None else None)
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"
