"""The data model and its one serialisation (Contract 1): round-trips and the JSON shape."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from affiche.model import (
    KINDS,
    Contact,
    Document,
    Event,
    MeetingPoint,
    Place,
    Transport,
    Warning,
    iso,
    parse_iso,
)

BRUSSELS = ZoneInfo("Europe/Brussels")


def at(*parts: int) -> dt.datetime:
    """A Brussels datetime."""
    return dt.datetime(*parts, tzinfo=BRUSSELS)


def full_event() -> Event:
    """An event with every field filled, as extraction would produce it."""
    return Event(
        title="Rassemblement devant le centre fermé",
        kind="rally",
        start=at(2030, 3, 9, 14, 0),
        end=at(2030, 3, 9, 16, 30),
        place=Place(name="Centre fermé", street="Voorbeeldstraat 12", postcode="1820",
                    locality="Steenokkerzeel", country="BE", lat=50.9, lon=4.5,
                    precision="address"),
        meeting_points=[MeetingPoint(role="group_departure", time=at(2030, 3, 9, 13, 15),
                                     place=Place(name="Gare de Nossegem", locality="Nossegem",
                                                 precision="locality"),
                                     note="départ groupé", evidence=(200, 240))],
        transport=[Transport(mode="train", origin="Bruxelles-Nord", destination="Nossegem",
                             departs=at(2030, 3, 9, 12, 50), arrives=at(2030, 3, 9, 13, 5),
                             note="direction Leuven", evidence=(250, 300))],
        contacts=[Contact("email", "collectif@example.org", (400, 421)),
                  Contact("phone", "+32 470 00 00 00")],
        organisers=["Collectif Exemple", "Réseau Solidaire"],
        language="fr",
        url="https://example.org/appel",
        description="Venez nombreux.",
        warnings=[Warning("weekday_mismatch", "samedi 10 mars 2030 est un dimanche",
                          ["2030-03-09T14:00:00+01:00", "2030-03-10T14:00:00+01:00"])],
        evidence={"start": (10, 25), "place": (40, 90)},
        field_confidence={"start": 0.7, "place": 0.9},
        confidence=0.812,
    )


def through_json(data: dict) -> dict:
    """What another program reads: the dict after a trip through JSON text."""
    return json.loads(json.dumps(data, ensure_ascii=False))


@pytest.mark.parametrize("event", [
    full_event(),
    Event(),
    Event(title="Concert de soutien", kind="concert", start=dt.date(2030, 6, 21)),
    Event(title="Festival", kind="party", start=dt.date(2030, 7, 4), end=dt.date(2030, 7, 6)),
    Event(title="Wake", kind="vigil", start=at(2030, 10, 27, 2, 30).replace(fold=1)),
    Event(title="Overseas", start=dt.datetime(2030, 1, 5, 9, tzinfo=ZoneInfo("America/Montreal")),
          timezone="America/Montreal"),
], ids=["full", "empty", "all-day", "multi-day", "dst-fold", "other-zone"])
def test_event_round_trip(event: Event) -> None:
    assert Event.from_dict(through_json(event.to_dict())) == event


def test_repeated_autumn_hour_keeps_its_offset() -> None:
    second = at(2030, 10, 27, 2, 30).replace(fold=1)
    data = Event(start=second).to_dict()
    assert data["start"] == "2030-10-27T02:30:00+01:00"
    back = Event.from_dict(data).start
    assert back.fold == 1 and back.utcoffset() == dt.timedelta(hours=1)


def test_event_json_shape_follows_contract_1() -> None:
    data = full_event().to_dict()
    contract = {"title", "kind", "start", "end", "all_day", "timezone", "place", "meeting_points",
                "transport", "contacts", "organisers", "language", "warnings", "evidence",
                "confidence"}
    assert contract <= set(data)
    assert data["start"] == "2030-03-09T14:00:00+01:00"
    assert data["all_day"] is False
    assert set(data["place"]) == {"name", "street", "postcode", "locality", "country", "lat",
                                  "lon", "precision"}
    assert data["meeting_points"][0]["role"] == "group_departure"
    assert data["meeting_points"][0]["time"] == "2030-03-09T13:15:00+01:00"
    assert data["transport"][0]["from"] == "Bruxelles-Nord"
    assert data["transport"][0]["to"] == "Nossegem"
    assert data["warnings"][0]["candidates"] == ["2030-03-09T14:00:00+01:00",
                                                 "2030-03-10T14:00:00+01:00"]
    assert data["evidence"] == {"start": [10, 25], "place": [40, 90]}
    assert data["kind"] in KINDS


def test_unknown_values_are_null_never_invented() -> None:
    data = Event().to_dict()
    assert data["title"] is None and data["start"] is None and data["end"] is None
    assert data["all_day"] is False
    assert all(value is None for key, value in data["place"].items() if key != "precision")
    assert data["place"]["precision"] == "none"
    assert data["meeting_points"] == [] and data["warnings"] == []


def test_all_day_event_is_a_plain_date() -> None:
    event = Event(start=dt.date(2030, 6, 21))
    data = event.to_dict()
    assert data["start"] == "2030-06-21" and data["all_day"] is True
    back = Event.from_dict(data)
    assert type(back.start) is dt.date and back.all_day


def test_from_dict_converts_times_into_the_event_zone() -> None:
    back = Event.from_dict({"start": "2030-03-09T13:00:00+00:00", "timezone": "Europe/Brussels",
                            "meeting_points": [{"time": "2030-03-09T12:15:00Z"}]})
    assert back.start == at(2030, 3, 9, 14, 0)
    assert back.start.tzinfo is BRUSSELS and back.start.hour == 14
    assert back.meeting_points[0].time.hour == 13
    assert back.meeting_points[0].role == "meeting"


def test_from_dict_reads_naive_times_as_local() -> None:
    back = Event.from_dict({"start": "2030-08-01T18:00:00", "timezone": "Europe/Brussels"})
    assert back.start.utcoffset() == dt.timedelta(hours=2)


def test_from_dict_fills_defaults_for_missing_keys() -> None:
    back = Event.from_dict({})
    assert back == Event()
    assert back.kind == "other" and back.timezone == "Europe/Brussels"


@pytest.mark.parametrize("value, text", [
    (None, None),
    (dt.date(2030, 1, 2), "2030-01-02"),
    (at(2030, 1, 2, 3, 4, 5), "2030-01-02T03:04:05+01:00"),
    (at(2030, 7, 2, 3, 4, 5, 999), "2030-07-02T03:04:05+02:00"),
    (dt.datetime(2030, 1, 2, 3, 4, tzinfo=dt.UTC), "2030-01-02T03:04:00+00:00"),
])
def test_iso(value: dt.date | None, text: str | None) -> None:
    assert iso(value) == text


@pytest.mark.parametrize("text, expected", [
    (None, None),
    ("2030-01-02", dt.date(2030, 1, 2)),
    ("2030-01-02T03:04:05+01:00", at(2030, 1, 2, 3, 4, 5)),
])
def test_parse_iso(text: str | None, expected: dt.date | None) -> None:
    assert parse_iso(text) == expected


def test_warning_candidates_and_evidence_survive() -> None:
    warning = Warning("ambiguous_date", "03/04 could be 3 April or 4 March",
                      ["2030-04-03", "2030-03-04"])
    assert Warning.from_dict(through_json(warning.to_dict())) == warning
    assert Warning.from_dict({"code": "x"}) == Warning("x", "", [])
    contact = Contact("url", "https://example.org", (5, 24))
    assert Contact.from_dict(through_json(contact.to_dict())) == contact
    assert Contact.from_dict({"type": "email", "value": "a@b.c"}).evidence is None


def test_place_label_and_emptiness() -> None:
    place = Place(name="Salle", street="Rue Haute 1", postcode="1000", locality="Bruxelles")
    assert place.label() == "Salle, Rue Haute 1, 1000 Bruxelles"
    assert Place(locality="Gent").label() == "Gent"
    assert Place().is_empty() and Place().label() == ""
    assert Place(lat=50.0, lon=4.0).is_empty()
    assert Place.from_dict(None) == Place()


def full_document() -> Document:
    """A document as ingest would produce it from an HTML page."""
    return Document(
        text="Rassemblement samedi à 14h.\nÀ bientôt !",
        source="https://example.org/appel",
        kind="html",
        title="Appel au rassemblement",
        url="https://example.org/appel",
        language="fr",
        reference=at(2030, 3, 4, 10, 30),
        reference_source="html",
        published=dt.datetime(2030, 3, 4, 9, 30, tzinfo=dt.UTC),
        timezone="Europe/Brussels",
        ocr_confidence=None,
        warnings=[Warning("reference_from_html", "date taken from the page", [])],
    )


@pytest.mark.parametrize("document", [
    full_document(),
    Document(text=""),
    Document(text="photo", source="flyer.jpg", kind="image", ocr_confidence=0.61,
             reference=at(2030, 1, 13, 0, 0), reference_source="exif"),
], ids=["html", "empty", "image"])
def test_document_round_trip(document: Document) -> None:
    assert Document.from_dict(through_json(document.to_dict())) == document


def test_document_json_shape() -> None:
    data = full_document().to_dict()
    assert data["reference"] == "2030-03-04T10:30:00+01:00"
    assert data["reference_source"] == "html"
    assert data["published"] == "2030-03-04T09:30:00+00:00"
    assert data["text"].startswith("Rassemblement")
    assert data["warnings"] == [{"code": "reference_from_html",
                                 "message": "date taken from the page", "candidates": []}]


def test_document_confidence_at_uses_ocr_lines() -> None:
    document = Document(text="line one\nline two", line_confidence=[(0, 8, 0.9), (9, 17, 0.4)])
    assert document.confidence_at(0, 4) == 0.9
    assert document.confidence_at(5, 12) == 0.4
    assert Document(text="plain").confidence_at(0, 5) == 1.0
