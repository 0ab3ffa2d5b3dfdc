"""Each output format, validated by parsing it back: json, icalendar, JSON-LD shape, Atom XML."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import icalendar
import pytest

from affiche.errors import InputError
from affiche.model import (
    Contact,
    Document,
    Event,
    MeetingPoint,
    Place,
    Transport,
    Warning,
)
from affiche.publish import (
    FORMATS,
    describe,
    feed_link,
    ics_skipped,
    jsonld_objects,
    render,
    to_atom,
    to_ics,
    to_json,
    to_jsonld,
    to_text,
)

BRUSSELS = ZoneInfo("Europe/Brussels")
ATOM = "{http://www.w3.org/2005/Atom}"
STAMP = dt.datetime(2030, 1, 1, 12, 0, tzinfo=dt.UTC)


def at(*parts: int) -> dt.datetime:
    """A Brussels datetime."""
    return dt.datetime(*parts, tzinfo=BRUSSELS)


def rally() -> Event:
    """A rally at a detention centre with a group departure from the nearby station."""
    return Event(
        title="Rassemblement : solidarité avec les détenu·es",
        kind="rally",
        start=at(2030, 1, 19, 14, 0),
        place=Place(name="Centre fermé", street="Tervuursesteenweg 300", postcode="1820",
                    locality="Steenokkerzeel", country="BE", lat=50.91, lon=4.51,
                    precision="address"),
        meeting_points=[MeetingPoint(role="group_departure", time=at(2030, 1, 19, 13, 30),
                                     place=Place(name="Gare de Nossegem", locality="Nossegem"),
                                     note="départ groupé")],
        transport=[Transport(mode="train", origin="Bruxelles-Midi", destination="Nossegem",
                             departs=at(2030, 1, 19, 13, 0), arrives=at(2030, 1, 19, 13, 29))],
        contacts=[Contact("email", "collectif@example.org"), Contact("phone", "+32 470 12 34 56")],
        organisers=["Collectif Exemple"],
        language="fr",
        url="https://example.org/rassemblement",
        warnings=[Warning("weekday_mismatch", "le 19 janvier 2030 est un samedi, pas un dimanche",
                          ["2030-01-19T14:00:00+01:00", "2030-01-20T14:00:00+01:00"])],
        evidence={"start": (10, 30)},
        confidence=0.82,
    )


def concert() -> Event:
    """A benefit concert known only by its day."""
    return Event(title="Concert de soutien", kind="concert", start=dt.date(2030, 6, 21),
                 place=Place(name="Salle des fêtes", locality="Liège", country="BE",
                             precision="locality"), language="fr")


def festival() -> Event:
    """A three-day festival."""
    return Event(title="Zomerfeest", kind="party", start=dt.date(2030, 7, 5),
                 end=dt.date(2030, 7, 7), place=Place(locality="Gent"), language="nl")


def assembly() -> Event:
    """A meeting with a time range but no known place."""
    return Event(title="Assemblée générale", kind="assembly", start=at(2030, 2, 4, 19, 0),
                 end=at(2030, 2, 4, 21, 30), organisers=["Comité A", "Comité B"],
                 contacts=[Contact("url", "https://example.org/ag")])


def unicode_event() -> Event:
    """A title with punctuation that iCalendar and XML must escape, and non-Latin scripts."""
    return Event(title='Manif « Stop » ; vrede, 平和 & <peace> "now" ✊🏽\\', kind="march",
                 start=at(2030, 5, 1, 10, 0), place=Place(street="Place Saint-Lambert",
                                                          locality="Liège"))


def undated() -> Event:
    """A vigil whose date could not be found."""
    return Event(title="Veillée", kind="vigil", place=Place(locality="Namur"))


def all_events() -> list[Event]:
    """Every fixture, in a fixed order."""
    return [rally(), concert(), festival(), assembly(), unicode_event(), undated()]


def document() -> Document:
    """The document the events came from, dated by its file name."""
    return Document(text="Rassemblement samedi 19 à 14h…", source="appel-2030-01-13.txt",
                    reference=at(2030, 1, 13, 0, 0), reference_source="filename", language="fr")


def vevents(text: str) -> list[icalendar.Event]:
    """The VEVENTs of an iCalendar text, parsed with the icalendar library."""
    return icalendar.Calendar.from_ical(text).walk("VEVENT")


# ---- JSON (Contract 1) ----

def test_json_round_trips_every_event() -> None:
    events = all_events()
    data = json.loads(to_json(document(), events))
    assert set(data) == {"document", "events"}
    assert [Event.from_dict(item) for item in data["events"]] == events
    assert Document.from_dict(data["document"]) == document()


def test_json_keeps_unicode_and_honours_indent() -> None:
    text = to_json(document(), [unicode_event()], indent=None)
    assert "平和" in text and "\\u" not in text and "\n" not in text
    assert to_json(document(), []).startswith('{\n  "document"')


def test_json_values_are_contract_strings() -> None:
    data = json.loads(to_json(document(), [rally(), concert()]))
    first, second = data["events"]
    assert first["start"] == "2030-01-19T14:00:00+01:00" and first["all_day"] is False
    assert second["start"] == "2030-06-21" and second["all_day"] is True
    assert first["meeting_points"][0]["time"] == "2030-01-19T13:30:00+01:00"
    assert data["document"]["reference_source"] == "filename"


# ---- iCalendar ----

def test_ics_calendar_header_and_timezone() -> None:
    calendar = icalendar.Calendar.from_ical(to_ics(all_events(), calendar_name="Agenda"))
    assert str(calendar["PRODID"]) == "-//affiche//affiche 0.1//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Agenda"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]


def test_ics_calendar_name_is_one_escaped_line() -> None:
    text = to_ics([], calendar_name="Agenda; Bruxelles,\nLiège")
    assert "X-WR-CALNAME:Agenda\\; Bruxelles\\, Liège\r\n" in text
    assert "NAME" not in to_ics([], calendar_name=" \r\n")


def test_ics_calendar_name_keeps_a_written_backslash() -> None:
    # a backslash before N is the name's own, not a line break to write as \n
    text = to_ics([], calendar_name="Archives C:\\Nouveau")
    assert "X-WR-CALNAME:Archives C:\\\\Nouveau\r\n" in text


def test_ics_rally_event() -> None:
    (vevent,) = vevents(to_ics([rally()]))
    assert vevent["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert vevent.decoded("DTSTART") == at(2030, 1, 19, 14, 0)
    assert "DTEND" not in vevent
    assert str(vevent["SUMMARY"]) == "Rassemblement : solidarité avec les détenu·es"
    assert str(vevent["LOCATION"]) == "Centre fermé, Tervuursesteenweg 300, 1820 Steenokkerzeel"
    assert (vevent["GEO"].latitude, vevent["GEO"].longitude) == (50.91, 4.51)
    assert str(vevent["URL"]) == "https://example.org/rassemblement"
    assert vevent["CATEGORIES"].cats == ["rally"]
    assert [str(c) for c in vevent["CONTACT"]] == ["E-mail: collectif@example.org",
                                                   "Phone: +32 470 12 34 56"]
    description = str(vevent["DESCRIPTION"])
    for expected in ("Group departure at 13:30: Gare de Nossegem, Nossegem (départ groupé)",
                     "Train from Bruxelles-Midi to Nossegem, departs 13:00, arrives 13:29",
                     "E-mail: collectif@example.org", "Phone: +32 470 12 34 56",
                     "Organisers: Collectif Exemple",
                     "Attention: le 19 janvier 2030 est un samedi",
                     "Sat 19 Jan 2030, 14:00", "Sun 20 Jan 2030, 14:00"):
        assert expected in description


@pytest.mark.parametrize("event, first, after_last", [
    (concert(), dt.date(2030, 6, 21), dt.date(2030, 6, 22)),
    (festival(), dt.date(2030, 7, 5), dt.date(2030, 7, 8)),
], ids=["one-day", "three-days"])
def test_ics_all_day(event: Event, first: dt.date, after_last: dt.date) -> None:
    (vevent,) = vevents(to_ics([event]))
    assert vevent["DTSTART"].params["VALUE"] == "DATE"
    assert vevent.decoded("DTSTART") == first
    assert vevent.decoded("DTEND") == after_last
    assert "GEO" not in vevent


def test_ics_time_range_without_place() -> None:
    (vevent,) = vevents(to_ics([assembly()]))
    assert vevent.decoded("DTEND") == at(2030, 2, 4, 21, 30)
    assert vevent["DTEND"].params["TZID"] == "Europe/Brussels"
    assert "LOCATION" not in vevent and "GEO" not in vevent
    assert "Organisers: Comité A, Comité B" in str(vevent["DESCRIPTION"])


def test_ics_skips_events_without_start() -> None:
    events = all_events()
    assert len(vevents(to_ics(events))) == len(events) - 1
    assert ics_skipped(events) == 1
    assert ics_skipped([]) == 0
    assert vevents(to_ics([undated()])) == []


def test_ics_escapes_punctuation() -> None:
    (vevent,) = vevents(to_ics([unicode_event()]))
    assert str(vevent["SUMMARY"]) == unicode_event().title


def test_ics_uid_is_stable_and_distinct() -> None:
    first = [str(v["UID"]) for v in vevents(to_ics(all_events(), stamp=STAMP))]
    again = [str(v["UID"]) for v in vevents(to_ics(all_events()))]
    assert first == again
    assert len(set(first)) == len(first)
    assert all(uid.endswith("@affiche") for uid in first)
    moved = rally()
    moved.start = at(2030, 1, 20, 14, 0)
    assert str(vevents(to_ics([moved]))[0]["UID"]) != first[0]


def test_ics_uid_depends_on_the_instant_not_its_spelling() -> None:
    same = rally()
    same.start = dt.datetime(2030, 1, 19, 13, 0, tzinfo=dt.UTC)
    same.title = "  rassemblement :  SOLIDARITÉ avec les détenu·es "
    assert vevents(to_ics([same]))[0]["UID"] == vevents(to_ics([rally()]))[0]["UID"]
    copied = Event.from_dict(json.loads(json.dumps(rally().to_dict())))
    assert vevents(to_ics([copied]))[0]["UID"] == vevents(to_ics([rally()]))[0]["UID"]


def test_ics_repeated_event_gets_distinct_uids() -> None:
    uids = [str(v["UID"]) for v in vevents(to_ics([rally(), rally()]))]
    assert len(set(uids)) == 2


def test_ics_stamp_and_summary_fallback() -> None:
    untitled = rally()
    untitled.title = None
    (vevent,) = vevents(to_ics([untitled], stamp=STAMP))
    assert vevent.decoded("DTSTAMP") == STAMP
    assert str(vevent["SUMMARY"]) == "Rally — Steenokkerzeel"


@pytest.mark.parametrize("fold, utc_hour", [(0, 0), (1, 1)])
def test_ics_repeated_autumn_hour_keeps_its_instant(fold: int, utc_hour: int) -> None:
    event = assembly()
    event.start = at(2030, 10, 27, 2, 30).replace(fold=fold)
    event.end = None
    (vevent,) = vevents(to_ics([event]))
    start = vevent.decoded("DTSTART").astimezone(dt.UTC)
    assert (start.hour, start.minute) == (utc_hour, 30)


def test_ics_unknown_zone_falls_back_to_utc() -> None:
    event = assembly()
    event.timezone = "Mars/Olympus_Mons"
    (vevent,) = vevents(to_ics([event]))
    assert vevent.decoded("DTSTART") == at(2030, 2, 4, 19, 0)
    assert vevent.to_ical().decode().count("DTSTART:20300204T180000Z") == 1


@pytest.mark.parametrize("end", [at(2030, 2, 4, 18, 0), dt.date(2030, 2, 5)],
                         ids=["end-before-start", "date-end"])
def test_ics_end_that_cannot_be_dtend_is_said_in_words(end: dt.date) -> None:
    event = assembly()
    event.end = end
    (vevent,) = vevents(to_ics([event]))
    assert "DTEND" not in vevent
    assert str(vevent["DESCRIPTION"]).startswith("until ")


def test_ics_removes_control_characters() -> None:
    event = rally()
    event.title = "Bad\x00 title\x1b"
    (vevent,) = vevents(to_ics([event]))
    assert str(vevent["SUMMARY"]) == "Bad title"


# ---- JSON-LD ----

def walk(value: object):
    """Every value nested in a JSON structure."""
    yield value
    if isinstance(value, dict):
        for item in value.values():
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


def test_jsonld_graph_shape() -> None:
    data = json.loads(to_jsonld(all_events()))
    assert data["@context"] == "https://schema.org"
    graph = data["@graph"]
    assert [item["@type"] for item in graph] == [
        "Event", "MusicEvent", "SocialEvent", "Event", "Event", "Event"]
    for item in graph:
        assert {"@id", "name", "eventStatus", "eventAttendanceMode"} <= set(item)
        assert item["@id"].startswith("urn:uuid:")
        assert item["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert None not in list(walk(data))
    assert "startDate" not in graph[-1]


def test_jsonld_rally_details() -> None:
    (item,) = jsonld_objects([rally()])
    assert item["@context"] == "https://schema.org"
    assert dt.datetime.fromisoformat(item["startDate"]) == at(2030, 1, 19, 14, 0)
    assert item["keywords"] == "rally" and item["inLanguage"] == "fr"
    location = item["location"]
    assert location["@type"] == "Place" and location["name"] == "Centre fermé"
    assert location["address"] == {
        "@type": "PostalAddress", "streetAddress": "Tervuursesteenweg 300",
        "postalCode": "1820", "addressLocality": "Steenokkerzeel", "addressCountry": "BE"}
    assert location["geo"] == {"@type": "GeoCoordinates", "latitude": 50.91, "longitude": 4.51}
    (sub,) = item["subEvent"]
    assert sub["@type"] == "Event"
    assert sub["name"] == "Group departure — Gare de Nossegem"
    assert dt.datetime.fromisoformat(sub["startDate"]) == at(2030, 1, 19, 13, 30)
    assert sub["location"]["address"]["addressLocality"] == "Nossegem"
    assert item["organizer"] == [{"@type": "Organization", "name": "Collectif Exemple",
                                  "email": "collectif@example.org",
                                  "telephone": "+32 470 12 34 56"}]
    assert item["url"] == "https://example.org/rassemblement"


def test_jsonld_dates_and_contacts_without_single_organiser() -> None:
    concert_item, festival_item, assembly_item = jsonld_objects(
        [concert(), festival(), assembly()])
    assert concert_item["startDate"] == "2030-06-21" and "endDate" not in concert_item
    assert (festival_item["startDate"], festival_item["endDate"]) == ("2030-07-05", "2030-07-07")
    assert dt.datetime.fromisoformat(assembly_item["endDate"]) == at(2030, 2, 4, 21, 30)
    assert "location" not in assembly_item
    assert assembly_item["organizer"] == [
        {"@type": "Organization", "name": "Comité A"},
        {"@type": "Organization", "name": "Comité B"},
        {"@type": "Organization", "url": "https://example.org/ag"}]


def test_jsonld_social_contacts() -> None:
    event = assembly()
    event.organisers = ["Comité A"]
    event.contacts = [Contact("social", "https://social.example/@comite"),
                      Contact("social", "@comite_a"), Contact("email", "a@example.org"),
                      Contact("email", "b@example.org")]
    (item,) = jsonld_objects([event])
    assert item["organizer"] == [{
        "@type": "Organization", "name": "Comité A",
        "sameAs": "https://social.example/@comite",
        "contactPoint": {"@type": "ContactPoint", "name": "@comite_a", "contactType": "social"},
        "email": ["a@example.org", "b@example.org"]}]


# ---- Atom ----

def parse_feed(text: str) -> ET.Element:
    """The feed element, after checking the text is well-formed XML in the Atom namespace."""
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    return root


def test_atom_feed_structure() -> None:
    feed = parse_feed(to_atom(all_events(), "Agenda", "https://example.org/agenda",
                              updated=STAMP))
    assert feed.findtext(f"{ATOM}id") == "https://example.org/agenda"
    assert feed.findtext(f"{ATOM}title") == "Agenda"
    assert dt.datetime.fromisoformat(feed.findtext(f"{ATOM}updated")) == STAMP
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(all_events())
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    for entry in entries:
        assert entry.findtext(f"{ATOM}title")
        assert dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) == STAMP
        assert entry.find(f"{ATOM}link").get("href")
        assert entry.find(f"{ATOM}content").get("type") == "text"


def test_atom_rally_entry() -> None:
    feed = parse_feed(to_atom([rally()], "Agenda", "https://example.org/agenda"))
    entry = feed.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == rally().title
    assert entry.find(f"{ATOM}link").get("href") == "https://example.org/rassemblement"
    summary = entry.findtext(f"{ATOM}summary")
    assert "Sat 19 Jan 2030, 14:00 (Europe/Brussels)" in summary
    assert "1820 Steenokkerzeel" in summary
    content = entry.findtext(f"{ATOM}content")
    assert "Group departure at 13:30" in content and "Attention:" in content
    assert entry.find(f"{ATOM}category").get("term") == "rally"
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Collectif Exemple"
    assert entry.findtext("{http://www.georss.org/georss}point") == "50.91 4.51"


def test_atom_ids_match_ics_uids_and_jsonld_ids() -> None:
    events = [rally(), concert()]
    uids = [str(v["UID"]).split("@")[0] for v in vevents(to_ics(events))]
    feed = parse_feed(to_atom(events, "Agenda", "https://example.org/agenda"))
    ids = [entry.findtext(f"{ATOM}id") for entry in feed.findall(f"{ATOM}entry")]
    assert [i.removeprefix("urn:uuid:").replace("-", "")[:12] for i in ids] == \
           [uid[:12] for uid in uids]
    assert [item["@id"] for item in jsonld_objects(events)] == ids


def test_atom_is_deterministic_and_escapes() -> None:
    first = to_atom(all_events(), "A & B <agenda>", "https://example.org/a?x=1&y=2",
                    updated=STAMP)
    assert first == to_atom(all_events(), "A & B <agenda>", "https://example.org/a?x=1&y=2",
                            updated=STAMP)
    feed = parse_feed(first)
    assert feed.findtext(f"{ATOM}title") == "A & B <agenda>"
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert unicode_event().title in titles


def test_atom_feed_without_url_gets_a_urn_id() -> None:
    event = rally()
    event.url = None
    event.title = "Nul\x00 byte"
    feed = parse_feed(to_atom([event], "Local", ""))
    assert feed.findtext(f"{ATOM}id").startswith("urn:uuid:")
    assert feed.find(f"{ATOM}link") is None
    assert feed.find(f"{ATOM}entry/{ATOM}link") is None
    assert feed.findtext(f"{ATOM}entry/{ATOM}title") == "Nul byte"


# ---- text ----

def test_text_summary_of_the_rally() -> None:
    text = to_text(document(), [rally()])
    lines = text.splitlines()
    assert lines[0] == ("Source: appel-2030-01-13.txt (text), dated Sun 13 Jan 2030 "
                        "from the file name, language fr")
    for expected in ("Event 1 of 1: Rassemblement : solidarité avec les détenu·es",
                     "  Kind: Rally",
                     "  When: Sat 19 Jan 2030, 14:00 (Europe/Brussels)",
                     "  Where: Centre fermé, Tervuursesteenweg 300, 1820 Steenokkerzeel "
                     "(50.91000, 4.51000; precision address)",
                     "    - Group departure at 13:30: Gare de Nossegem, Nossegem (départ groupé)",
                     "    - Train from Bruxelles-Midi to Nossegem, departs 13:00, arrives 13:29",
                     "    - E-mail: collectif@example.org",
                     "  Organisers: Collectif Exemple",
                     "    ! weekday_mismatch: le 19 janvier 2030 est un samedi, pas un dimanche",
                     "      candidates: Sat 19 Jan 2030, 14:00; Sun 20 Jan 2030, 14:00"):
        assert expected in lines
    assert lines.index("  Warnings:") > lines.index("  Organisers: Collectif Exemple")


@pytest.mark.parametrize("event, when", [
    (concert(), "Fri 21 Jun 2030 (all day)"),
    (festival(), "Fri 5 Jul 2030 – Sun 7 Jul 2030 (all day)"),
    (assembly(), "Mon 4 Feb 2030, 19:00–21:30 (Europe/Brussels)"),
    (undated(), "unknown"),
], ids=["all-day", "multi-day", "range", "undated"])
def test_text_when(event: Event, when: str) -> None:
    assert f"  When: {when}" in to_text(document(), [event]).splitlines()


@pytest.mark.parametrize("source, phrase", [
    ("given", "as given"), ("filename", "from the file name"),
    ("exif", "from the photo's EXIF data"), ("html", "from the page's publication date"),
    ("pdf", "from the PDF's metadata"), ("mtime", "from the file's modification time"),
])
def test_text_reference_sources(source: str, phrase: str) -> None:
    doc = document()
    doc.reference_source = source
    assert to_text(doc, []).splitlines()[0].endswith(f"dated Sun 13 Jan 2030 {phrase}, language fr")


def test_text_without_reference_or_events() -> None:
    doc = Document(text="", source="-", warnings=[Warning("empty_text", "the text is empty")])
    lines = to_text(doc, []).splitlines()
    # the flow reads a text without a date against today, and says so (issue 15, item 8)
    assert lines[0].startswith("Source: - (text), dated today, ")
    assert lines[0].endswith(" (the text gives no date)")
    assert "  ! empty_text: the text is empty" in lines
    assert lines[-1] == "No event found."


def test_text_counts_events_and_place_unknown() -> None:
    text = to_text(document(), [assembly(), undated()])
    assert "Event 2 of 2: Veillée" in text
    assert "  Where: unknown" in text


def test_text_unknown_language_keeps_english_words() -> None:
    assert to_text(document(), [rally()], lang="xx") == to_text(document(), [rally()])


def test_text_words_come_from_a_language_publish_table(monkeypatch: pytest.MonkeyPatch) -> None:
    table = {"publish": {
        "weekdays": ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
        "months": ["janv."] * 12,
        "kinds": {"rally": "Rassemblement"},
        "words": {"when": "Quand"},
        "roles": {"group_departure": "Départ groupé"},
    }}
    monkeypatch.setattr(describe.lang_data, "load", lambda lang: table)
    describe.labels.cache_clear()
    try:
        lines = to_text(document(), [rally()], lang="fr").splitlines()
    finally:
        monkeypatch.undo()
        describe.labels.cache_clear()
    assert "  Kind: Rassemblement" in lines
    assert "  Quand: sam. 19 janv. 2030, 14:00 (Europe/Brussels)" in lines
    assert "    - Départ groupé at 13:30: Gare de Nossegem, Nossegem (départ groupé)" in lines


# ---- render ----

def test_render_dispatches_every_format() -> None:
    assert {"text", "json", "ics", "jsonld", "atom"} == FORMATS
    doc, events = document(), [rally(), concert()]
    assert render("json", doc, events) == to_json(doc, events) + "\n"
    assert render("text", doc, events) == to_text(doc, events)
    assert render("jsonld", doc, events) == to_jsonld(events) + "\n"
    assert len(vevents(render("ics", doc, events))) == 2
    feed = parse_feed(render("atom", doc, events))
    assert feed.find(f"{ATOM}link").get("href") == "appel-2030-01-13.txt"


def test_render_refuses_unknown_format() -> None:
    with pytest.raises(InputError, match="unknown output format 'yaml'.*atom, ics, json"):
        render("yaml", document(), [])


@pytest.mark.parametrize("doc, link", [
    (Document(text="", source="x.html", url="https://example.org/p"), "https://example.org/p"),
    (Document(text="", source="https://example.org/q"), "https://example.org/q"),
    (Document(text="", source="mes appels/jan.txt"), "mes%20appels/jan.txt"),
    (Document(text="", source="-"), ""),
])
def test_feed_link(doc: Document, link: str) -> None:
    assert feed_link(doc) == link


def test_a_day_with_only_its_closing_time_reads_until_then() -> None:
    from affiche.publish.describe import when_words
    event = Event(start=dt.date(2026, 10, 6), timezone="Europe/Brussels",
                  end=dt.datetime(2026, 10, 6, 17, 0, tzinfo=ZoneInfo("Europe/Brussels")))
    assert when_words(event) == "Tue 6 Oct 2026, until 17:00"
