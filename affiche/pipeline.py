"""One orchestrating flow from a source to checked events.

Stages, each one package with one entry function:
  1. ingest   `affiche.ingest.read(source)`        → Document (text, reference date, language)
  2. extract  `affiche.extract.extract(document)`  → Events (times via `affiche.when`, places,
                                                      meeting points, transport, contacts, kind)
  3. resolve  `affiche.resolve.resolve(event)`     → geocoded places, consistency warnings,
                                                      confidence
Publishing (`affiche.publish`) takes the result from there.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from affiche.errors import AfficheError, InputError
from affiche.model import Document, Event, Place
from affiche.windows import DEFAULT_BUDGET, THRESHOLD, Deadline, in_windows

logger = logging.getLogger(__name__)

__all__ = ["Options", "run", "read_sources", "extract_record", "extract_text", "past_events",
           "locate"]


@dataclass(frozen=True)
class Options:
    """How to run the flow: language, time zone and geocoder."""

    lang: str | None = None
    timezone: str = "Europe/Brussels"
    geocoder: str = "offline"
    nominatim_url: str | None = None
    budget: float | None = DEFAULT_BUDGET  # seconds per document; None: no limit


def reference_of(document: Document, timezone: str) -> dt.datetime:
    """The document's reference datetime, or now in `timezone` when it has none."""
    if document.reference is not None:
        return document.reference
    return dt.datetime.now(ZoneInfo(timezone)).replace(microsecond=0)


def run(document: Document, options: Options | None = None) -> list[Event]:
    """Extract and resolve the events of one document."""
    from affiche import extract, resolve
    from affiche.extract import hints
    from affiche.ingest.language import detect

    options = options or Options()
    lang = options.lang or document.language or detect(document.text) or "fr"
    document.language = lang
    document.timezone = options.timezone
    reference = reference_of(document, options.timezone)
    deadline = Deadline(options.budget, document.source)
    events = in_windows(document, lambda part: extract.extract(part, lang=lang,
                                                               reference=reference), deadline)
    if document.hints and len(document.text) >= THRESHOLD:
        # the windows were read without the page's schema.org Events: compare them once
        events = hints.apply_hints(events, document.hints, reference, document.timezone, lang)
    for event in events:
        deadline.check("resolve")
        resolve.resolve(event, document, reference, geocoder=options.geocoder,
                        nominatim_url=options.nominatim_url)
    resolve.share_zone(events)
    return events


def past_events(document: Document, options: Options | None = None) -> list[Event]:
    """The events a document told of for days already over (extraction keeps only what is
    to come): read again against the day before the earliest past day it names."""
    from affiche import extract, when

    options = options or Options()
    lang = options.lang or document.language or "fr"
    reference = reference_of(document, options.timezone)
    deadline = Deadline(options.budget, document.source)
    days = [m.value for m in when.find(document.text, reference, lang)
            if m.has_date and isinstance(m.value, dt.datetime) and m.value < reference]
    if not days:
        return []
    earlier = (min(days) - dt.timedelta(days=1)).replace(hour=0, minute=0, second=0)
    quiet = dataclasses.replace(document, hints=[])
    found = in_windows(quiet, lambda part: extract.extract(part, lang=lang, reference=earlier),
                       deadline)
    return [e for e in found if e.start is not None and _before(e.start, reference)]


def _before(value: dt.date | dt.datetime, reference: dt.datetime) -> bool:
    """True when a start (a day or a datetime) is before the reference."""
    if isinstance(value, dt.datetime):
        return value < reference
    return value < reference.date()


def locate(place: Place, options: Options | None = None) -> Place:
    """A place with the coordinates of the configured geocoder (an edited place, say)."""
    from affiche.resolve.geocode import geocode

    options = options or Options()
    return geocode(place, options.geocoder, options.nominatim_url)


def read_sources(sources: list[str], reference: dt.datetime | None,
                 timezone: str) -> Iterator[Document | AfficheError]:
    """Read each source (file, directory, URL or `-`), yielding a Document or the error for it."""
    from affiche import ingest

    for source in sources:
        try:
            yield from ingest.read_many([source], reference=reference, timezone=timezone)
        except AfficheError as error:
            yield error


def extract_text(text: str, reference: dt.datetime | None = None, lang: str | None = None,
                 source: str = "-", options: Options | None = None) -> tuple[Document, list[Event]]:
    """Run the flow on text already in memory."""
    from affiche import ingest

    options = options or Options()
    document = ingest.read_text(text, source=source, reference=reference,
                                timezone=options.timezone, lang=lang or options.lang)
    if lang:
        options = dataclasses.replace(options, lang=lang)
    return document, run(document, options)


def _record_reference(value: Any, timezone: str) -> dt.datetime | None:
    """Read a Contract 2 `reference`: a date or an ISO datetime, or absent."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"reference {value!r} is not a string")
    from affiche.cli import parse_reference

    return parse_reference(value, timezone)


def extract_record(line: str, number: int, reference: dt.datetime | None,
                   options: Options) -> dict[str, Any]:
    """Contract 2: one input line to one output object; errors become an `error` member."""
    record_id: Any = None
    try:
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"line {number}: not JSON ({error.msg})") from None
        if not isinstance(record, dict):
            raise InputError(f"line {number}: expected a JSON object")
        record_id = record.get("id", number)
        text = record.get("text")
        if not isinstance(text, str):
            raise InputError(f"line {number}: missing string field 'text'")
        lang = record.get("lang") or options.lang
        if lang is not None and lang not in ("fr", "nl", "en"):
            raise InputError(f"line {number}: unknown lang {lang!r}; use fr, nl or en")
        ref = _record_reference(record.get("reference"), options.timezone) or reference
        _, events = extract_text(text, reference=ref, lang=lang, source=str(record_id),
                                 options=options)
        return {"id": record_id, "events": [event.to_dict() for event in events]}
    except AfficheError as error:
        return {"id": record_id, "events": [], "error": str(error)}
    except Exception as error:  # noqa: BLE001 - one bad record never stops a batch
        logger.exception("line %s: internal error", number)
        return {"id": record_id, "events": [],
                "error": f"internal error: {type(error).__name__}: {error}"}
