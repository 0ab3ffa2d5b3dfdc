"""A coach's stops on the way ("Arrêt à Arras à 8h", "the coach stops at Sheffield at 7.15am",
"opstappen in Aalst om 10u30") are places to board it: meeting points of the event, on calls
written for these tests."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from affiche import pipeline

REFERENCE = dt.datetime(2025, 3, 1, tzinfo=ZoneInfo("Europe/Brussels"))


def boarding(text: str, lang: str) -> list[tuple[str, str | None, str]]:
    """(time, place name, role) of the meeting points of the only event of `text`."""
    _, events = pipeline.extract_text(text, reference=REFERENCE, lang=lang)
    assert len(events) == 1
    return [(m.time.isoformat()[11:16] if isinstance(m.time, dt.datetime) else "",
             m.place.name or m.place.locality, m.role) for m in events[0].meeting_points]


@pytest.mark.parametrize("text, lang, stop", [
    ("Manifestation à Paris le samedi 15 mars 2025 à 14h place de la République.\n\n"
     "Pour y aller :\nCar au départ de Lille : rendez-vous le samedi 15 mars à 7h place de la "
     "Gare\nArrêt à Arras vers 8h sur le parking du stade\nArrivée à Paris vers 11h", "fr",
     ("08:00", "parking du stade")),
    ("March in London on Saturday 15 March 2025 at 1pm from Hyde Park.\n\n"
     "Coach from Leeds: meet at 6am outside Leeds station.\nThe coach stops at Sheffield at "
     "7.15am (Interchange).\nArrival in London around 11am.", "en", ("07:15", "Interchange")),
    ("Betoging in Brussel op zondag 16 maart 2025 om 13 uur aan het Noordstation.\n\n"
     "Bus vanuit Gent: vertrek om 10u aan het Sint-Pietersstation.\nOpstappen in Aalst om 10u30 "
     "aan het station.\nAankomst in Brussel rond 11u15.", "nl", ("10:30", "station")),
])
def test_a_coach_stop_on_the_way_is_a_meeting_point(text: str, lang: str,
                                                     stop: tuple[str, str]) -> None:
    found = boarding(text, lang)
    assert (stop[0], stop[1], "group_departure") in found


def test_a_rendezvous_to_join_the_march_is_a_group_departure() -> None:
    text = ("Grande marche pour le climat le dimanche 16 mars 2025 à 14h au parc du Cinquantenaire "
            "à Bruxelles.\n\nRendez-vous à 13h à la gare de Namur pour rejoindre le cortège "
            "ensemble.")
    assert ("13:00", "gare de Namur", "group_departure") in boarding(text, "fr")


@pytest.mark.parametrize("text, lang, where", [
    ("Join us on the picket line outside Leeds General Infirmary, Great George Street, on "
     "Saturday 15 March 2025 from 1pm to 3pm.\n\nPlease sign in first at the strike office, "
     "12 Park Lane, Leeds. It is a short walk from the hospital.", "en", "12 Park Lane"),
    ("Piquet de grève devant l'hôpital de la Citadelle, boulevard du 12e de Ligne 1 à Liège, le "
     "samedi 15 mars 2025 de 13h à 15h.\n\nPrésentez-vous d'abord à la permanence syndicale, "
     "rue Louvrex 45 à Liège.", "fr", "rue Louvrex 45"),
    ("Stakingspost aan het ziekenhuis in de Kapucijnenvoer 33 in Leuven op zaterdag 15 maart "
     "2025 van 13 tot 15 uur.\n\nMeld je eerst aan bij het vakbondslokaal in de Tiensestraat 12 "
     "in Leuven.", "nl", "Tiensestraat 12"),
])
def test_a_place_to_sign_in_first_is_a_meeting_point(text: str, lang: str, where: str) -> None:
    _, events = pipeline.extract_text(text, reference=REFERENCE, lang=lang)
    assert len(events) == 1
    streets = [m.place.street for m in events[0].meeting_points]
    assert any(street and where in street for street in streets), events[0].meeting_points


@pytest.mark.parametrize("text, lang, where", [
    ("Grand rassemblement contre le terminal le samedi 15 mars 2025 à 14h au champ de Gonesse."
     "\n\nBus : les cars seront accueillis place de la Mairie de Gonesse, puis guidés plus "
     "loin.", "fr", "place de la Mairie"),
    ("Mass rally against the incinerator on Saturday 15 March 2025 in Edmonton, London.\n\n"
     "Coaches will be met at Pymmes Park and guided to the parking area.", "en", "Pymmes Park"),
])
def test_where_the_coaches_are_received_is_a_meeting_point(text: str, lang: str,
                                                           where: str) -> None:
    _, events = pipeline.extract_text(text, reference=REFERENCE, lang=lang)
    names = [m.place.name or "" for e in events for m in e.meeting_points]
    assert any(where in name for name in names), names


def test_two_named_places_of_one_town_are_two_places() -> None:
    from affiche.extract.logistics import same_place
    from affiche.model import Place

    square = Place(name="place de l'Église", locality="Bure")
    camp = Place(name="la ZAD", locality="Bure")
    assert not same_place(square, camp)
    assert same_place(Place(name="gare de Namur", locality="Namur"), Place(locality="Namur"))
    assert same_place(Place(name="gare de Namur"), Place(name="la gare de Namur", locality="Namur"))
