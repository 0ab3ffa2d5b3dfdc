"""Property tests: generated events survive JSON, iCalendar, Atom and JSON-LD round-trips."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import icalendar
from hypothesis import example, given, settings
from hypothesis import strategies as st

from affiche.model import (
    KINDS,
    PRECISIONS,
    ROLES,
    Contact,
    Document,
    Event,
    MeetingPoint,
    Place,
    Transport,
    Warning,
)
from affiche.publish import jsonld_objects, to_atom, to_ics, to_json

BRUSSELS = ZoneInfo("Europe/Brussels")
ATOM = "{http://www.w3.org/2005/Atom}"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")

# Text that stresses the escapers: any non-surrogate character, with the ones iCalendar and XML
# treat specially drawn often.
texts = st.text(st.one_of(
    st.characters(exclude_categories=("Cs",)),
    st.sampled_from([",", ";", ":", "\\", "\n", "\r", '"', "<", "&", " "]),
), max_size=60)
optional_texts = st.none() | texts
moments = st.datetimes(
    min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2090, 12, 31),
    timezones=st.just(BRUSSELS), allow_imaginary=False,
).map(lambda value: value.replace(microsecond=0))
days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31))
whens = st.none() | moments | days
spans = st.none() | st.tuples(st.integers(0, 5000), st.integers(0, 5000))
latitudes = st.none() | st.floats(-90, 90, allow_nan=False)
longitudes = st.none() | st.floats(-180, 180, allow_nan=False)

places = st.builds(Place, name=optional_texts, street=optional_texts, postcode=optional_texts,
                   locality=optional_texts, country=st.none() | st.sampled_from(["BE", "FR"]),
                   lat=latitudes, lon=longitudes, precision=st.sampled_from(PRECISIONS))
meeting_points = st.builds(MeetingPoint, role=st.sampled_from(ROLES), time=whens, place=places,
                           note=optional_texts, evidence=spans)
transports = st.builds(Transport, mode=st.sampled_from(["train", "bus", "walk"]),
                       origin=optional_texts, destination=optional_texts, departs=whens,
                       arrives=whens, note=optional_texts, evidence=spans)
contacts = st.builds(Contact, type=st.sampled_from(["email", "phone", "url", "social"]),
                     value=texts, evidence=spans)
warnings = st.builds(Warning, code=st.sampled_from(["weekday_mismatch", "past_date"]),
                     message=texts, candidates=st.lists(texts, max_size=3))


@st.composite
def events(draw: st.DrawFn, start: st.SearchStrategy = whens) -> Event:
    """An event with any mix of known and unknown fields."""
    return Event(
        title=draw(optional_texts), kind=draw(st.sampled_from(KINDS)), start=draw(start),
        end=draw(whens), place=draw(places),
        meeting_points=draw(st.lists(meeting_points, max_size=2)),
        transport=draw(st.lists(transports, max_size=2)),
        contacts=draw(st.lists(contacts, max_size=2)),
        organisers=draw(st.lists(texts, max_size=2)),
        language=draw(st.none() | st.sampled_from(["fr", "nl", "en"])),
        url=draw(st.none() | st.just("https://example.org/e")),
        description=draw(optional_texts), warnings=draw(st.lists(warnings, max_size=2)),
        evidence=draw(st.dictionaries(st.sampled_from(["start", "place", "title"]),
                                      st.tuples(st.integers(0, 999), st.integers(0, 999)))),
        field_confidence=draw(st.dictionaries(st.sampled_from(["start", "place"]),
                                              st.floats(0, 1))),
        confidence=draw(st.integers(0, 1000)) / 1000,
    )


def is_second_of_two(value: dt.datetime) -> bool:
    """True for the second occurrence of a wall time repeated when clocks go back."""
    return bool(value.fold) and value.utcoffset() != value.replace(fold=0).utcoffset()


def expected_summary(event: Event) -> str:
    """What SUMMARY must read: the title on one line, without control characters."""
    title = CONTROL.sub("", " ".join((event.title or "").split()))
    return title or event.kind


@settings(max_examples=150, deadline=None)
@given(st.lists(events(), max_size=3), texts)
def test_json_round_trip(generated: list[Event], text: str) -> None:
    doc = Document(text=text, source="generated",
                   reference=dt.datetime(2030, 1, 1, tzinfo=BRUSSELS))
    data = json.loads(to_json(doc, generated))
    assert [Event.from_dict(item) for item in data["events"]] == generated
    assert Document.from_dict(data["document"]) == doc


@settings(max_examples=150, deadline=None)
@given(events(start=moments | days))
# Found by hypothesis: a title "\r" used as calendar name broke the NAME content line.
@example(Event(title="\r", start=dt.date(2000, 1, 1)))
# The second 02:30 of 27 Oct 2030 must not become the first one.
@example(Event(title="x", start=dt.datetime(2030, 10, 27, 2, 30, tzinfo=BRUSSELS, fold=1)))
# A written backslash-N ("C:\\Nouveau") is no line break: icalendar's own escaping made it one.
@example(Event(title="a \\N b", start=dt.date(2000, 1, 1), place=Place(name="x\\Ny")))
# Found by hypothesis: ";TZID=0" in a place's name was taken for a zone to build (a crash).
@example(Event(title="x;TZID=0", start=dt.date(2000, 1, 1), place=Place(name="a;TZID=0")))
def test_ics_parse_back(event: Event) -> None:
    text = to_ics([event], calendar_name=event.title)
    (vevent,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    summary = str(vevent["SUMMARY"])
    # Without a title the summary names the kind (and the locality): check the kind word shows.
    if event.title and expected_summary(event) != event.kind:
        assert summary == expected_summary(event)
    if isinstance(event.start, dt.datetime):
        # Compare instants: == between an ambiguous local time and another zone is always False.
        assert vevent.decoded("DTSTART").astimezone(dt.UTC) == event.start.astimezone(dt.UTC)
        if is_second_of_two(event.start):
            assert "TZID" not in vevent["DTSTART"].params
        else:
            assert vevent["DTSTART"].params["TZID"] == "Europe/Brussels"
    else:
        assert vevent["DTSTART"].params["VALUE"] == "DATE"
        assert vevent.decoded("DTSTART") == event.start
        assert vevent.decoded("DTEND") > event.start
    if "DTEND" in vevent:
        assert vevent.decoded("DTEND") > vevent.decoded("DTSTART")
    if not event.place.is_empty():
        label = event.place.label().replace("\r\n", "\n").replace("\r", "\n")
        assert str(vevent["LOCATION"]) == CONTROL.sub("", label)
    if event.place.lat is not None and event.place.lon is not None:
        assert vevent["GEO"].latitude == event.place.lat
        assert vevent["GEO"].longitude == event.place.lon
    if event.description and event.description.strip():
        text = event.description.strip().replace("\r\n", "\n").replace("\r", "\n")
        cleaned = CONTROL.sub("", text)
        assert cleaned in str(vevent["DESCRIPTION"])
    assert len(event.warnings) == str(vevent.get("DESCRIPTION", "")).count("Attention: ")
    again = icalendar.Calendar.from_ical(to_ics([event])).walk("VEVENT")[0]
    assert again["UID"] == vevent["UID"]


@settings(max_examples=100, deadline=None)
@given(st.lists(events(), max_size=4), texts)
def test_atom_is_well_formed(generated: list[Event], title: str) -> None:
    root = ET.fromstring(to_atom(generated, title, "https://example.org/feed").encode("utf-8"))
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(generated)
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids)


@settings(max_examples=100, deadline=None)
@given(st.lists(events(), max_size=3))
@example([Event(start=dt.datetime(1995, 9, 24, 2, 0, tzinfo=BRUSSELS))])
def test_jsonld_has_no_nulls_and_parses_dates(generated: list[Event]) -> None:
    objects = json.loads(json.dumps(jsonld_objects(generated), ensure_ascii=False))
    assert len(objects) == len(generated)
    for item, event in zip(objects, generated, strict=True):
        assert None not in item.values()
        if event.start is not None:
            parsed = (dt.datetime.fromisoformat(item["startDate"])
                      if isinstance(event.start, dt.datetime)
                      else dt.date.fromisoformat(item["startDate"]))
            assert (parsed.astimezone(dt.UTC) == event.start.astimezone(dt.UTC)
                    if isinstance(parsed, dt.datetime) else parsed == event.start)
