"""Resolve and check an extracted event: coordinates for its places, the time zone of its country
(`zones.py`), consistency warnings, and an overall confidence. `resolve(event, …)` is the entry
point; `check(event, reference)` returns the warnings alone.

Warning codes added here (the time engine adds `weekday_mismatch` and `past_date` on mentions):
`no_time` (only the day is known), `no_date` (no day), `no_place`, `place_not_found` (the
gazetteer knows no such locality), `meeting_after_start` (a rendez-vous later than the event),
`past_date` (the event starts before the reference), `end_before_start`.
"""

from __future__ import annotations

import datetime as dt

from affiche.model import Document, Event, Warning, iso
from affiche.resolve.zones import (
    country_zone,
    country_zones,
    move_to_zone,
    other_readings,
    zones_by_distance,
)

__all__ = ["resolve", "check", "share_zone", "WARNING_CODES"]

WARNING_CODES = {
    "weekday_mismatch": "the weekday and the day of the month disagree; candidates given",
    "past_date": "the date is before the reference date",
    "conflicting_dates": "the text gives two different dates for the same event",
    "no_time": "only the day is known, not the time",
    "no_date": "no day was found for the event",
    "no_place": "no place was found for the event",
    "place_not_found": "the locality is not in the gazetteer (no coordinates)",
    "meeting_after_start": "a meeting point is later than the start of the event",
    "end_before_start": "the end is before the start",
    "recurring": "the event repeats; only the next occurrence is given",
    "low_ocr_confidence": "the text was read by OCR with low confidence",
    "structured_data_differs": "the page's embedded schema.org data says otherwise",
    "ocr_no_text": "OCR found no text in the image (document warning)",
    "pdf_no_text": "a PDF page has no text layer and could not be read (document warning)",
    "pdf_truncated": "only the first pages of a long PDF were read (document warning)",
    "invalid_utf8": "a few bytes of a UTF-8 text were not UTF-8 and were replaced "
                    "(document warning)",
    "from_structured_data": "the event comes from the page's schema.org data, not its text",
    "zone_guessed": "the country spans several time zones; the zone was chosen from the place",
    "uncertain_start": "the start's calibrated confidence is under its threshold; candidates",
    "uncertain_end": "the end's calibrated confidence is under its threshold",
    "uncertain_place": "the place's calibrated confidence is under its threshold; candidates",
    "uncertain_kind": "the kind's calibrated confidence is under its threshold; candidates",
    "uncertain_meeting_point": "a meeting point's calibrated confidence is under its threshold",
}


def _as_datetime(value: dt.date | dt.datetime, zone: dt.tzinfo | None) -> dt.datetime:
    """A comparable datetime for a date or datetime value."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day, tzinfo=zone)


def check(event: Event, reference: dt.datetime) -> list[Warning]:
    """Consistency warnings about a whole event (never changes the event)."""
    found: list[Warning] = []
    zone = reference.tzinfo
    if event.start is None:
        found.append(Warning("no_date", "No date was found for this event.", []))
    elif not isinstance(event.start, dt.datetime):
        found.append(Warning("no_time", f"Only the day is known ({iso(event.start)}); "
                                        "the time is missing.", []))
    if event.place.is_empty():
        found.append(Warning("no_place", "No place was found for this event.", []))
    if event.start is not None:
        start = _as_datetime(event.start, zone)
        if start.date() < reference.date():
            found.append(Warning("past_date", f"The event starts on {iso(event.start)}, before "
                                              f"the reference date {reference.date()}.", []))
        if event.end is not None and _as_datetime(event.end, zone) < start:
            found.append(Warning("end_before_start",
                                 f"The end {iso(event.end)} is before the start.", []))
        for point in event.meeting_points:
            # a march's route starting after the assembly is expected, a rendez-vous is not
            if point.role in ("meeting", "group_departure") \
                    and isinstance(point.time, dt.datetime) \
                    and isinstance(event.start, dt.datetime) and point.time > event.start:
                found.append(Warning(
                    "meeting_after_start",
                    f"The meeting point at {point.time:%H:%M} is after the start at "
                    f"{event.start:%H:%M}.", [iso(point.time) or "", iso(event.start) or ""]))
    return found


def resolve(event: Event, document: Document, reference: dt.datetime, geocoder: str = "offline",
            nominatim_url: str | None = None) -> Event:
    """Geocode the event's places, add the consistency warnings and set its confidence."""
    if geocoder != "none":
        from affiche.resolve.geocode import geocode

        if not event.place.is_empty():
            event.place = geocode(event.place, backend=geocoder, nominatim_url=nominatim_url)
            if event.place.precision == "none" and event.place.locality:
                event.warnings.append(Warning(
                    "place_not_found",
                    f"The locality {event.place.locality!r} is not in the gazetteer.", []))
        for point in event.meeting_points:
            if not point.place.is_empty():
                point.place = geocode(point.place, backend=geocoder, nominatim_url=nominatim_url)
    # "2 Marsham Street, London": the clock times the text gives are the country's own
    _set_zone(event)
    codes = {(w.code, tuple(w.candidates)) for w in event.warnings}
    for warning in check(event, reference):
        if (warning.code, tuple(warning.candidates)) not in codes and not (
                warning.code == "past_date" and "past_date" in {c for c, _ in codes}):
            event.warnings.append(warning)
    if document.ocr_confidence is not None and document.ocr_confidence < 0.6:
        event.warnings.append(Warning("low_ocr_confidence", f"The text was read by OCR with "
                                      f"confidence {document.ocr_confidence:.2f}; check it.", []))
    event.confidence = _confidence(event)
    return event


def _set_zone(event: Event) -> None:
    """Read the event's clock times in the zone of its country; in a country of several zones,
    in the zone nearest its coordinates, and say so (never silently)."""
    country = event.place.country
    local = country_zone(country)
    if local is not None:
        move_to_zone(event, local)
        return
    if not country or len(country_zones(country)) < 2 \
            or not isinstance(event.start, dt.datetime):
        return  # a day without a clock time reads the same in every zone
    place = event.place.locality or event.place.name or country
    located = event.place.lat is not None and event.place.lon is not None
    ranked = zones_by_distance(country, event.place.lat, event.place.lon)
    if located and ranked:
        move_to_zone(event, ranked[0])
        message = (f"{country} spans several time zones; the times are read in {ranked[0]}, "
                   f"the zone whose reference city is nearest to {place}.")
    else:
        message = (f"{country} spans several time zones and {place} has no coordinates; the "
                   f"times are read in {event.timezone} (--timezone).")
    assert isinstance(event.start, dt.datetime)
    readings = other_readings(event.start, [event.timezone or "UTC", *ranked])
    event.warnings.append(Warning("zone_guessed", message, readings))


def share_zone(events: list[Event]) -> None:
    """Events of one text whose place names no country take the zone of the others when
    those agree ("Big rally on Friday outside the gates" under a Coventry picket line)."""
    zones = {e.timezone for e in events if e.place.country}
    if len(zones) == 1:
        (zone,) = zones
        for event in events:
            if not event.place.country and zone:
                move_to_zone(event, zone)


def _confidence(event: Event) -> float:
    """The event's confidence, derived from its calibrated field confidences
    (`affiche.extract.confidence`); 0.5 for an event that has none (made elsewhere)."""
    from affiche.extract.confidence import event_confidence

    return event_confidence(event.field_confidence) if event.field_confidence else 0.5
