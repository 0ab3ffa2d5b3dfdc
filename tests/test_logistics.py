"""Meeting points and transport hints per language, on short calls written for these tests."""

from __future__ import annotations

import pytest
from calls import extract

DEPARTURES = [
    ("fr", "Manifestation nationale le dimanche 5 octobre 2025 à 13h, gare du Nord à Bruxelles.\n"
           "Des trains spéciaux partent de Liège à 11h15 et de Namur à 11h40.",
     [("Liège", "11:15"), ("Namur", "11:40")]),
    ("nl", "Nationale betoging op zondag 5 oktober 2025 om 13u aan het Noordstation in Brussel.\n"
           "Bussen vertrekken uit Gent om 10u15 en uit Brugge om 9u40.",
     [("Gent", "10:15"), ("Brugge", "09:40")]),
    ("en", "National demonstration on Sunday 5 October 2025 at 1pm, Parliament Square, London.\n"
           "Coaches leave from Leeds at 7.15am and from Sheffield at 7.40am.",
     [("Leeds", "07:15"), ("Sheffield", "07:40")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), DEPARTURES)
def test_departures_from_two_places_are_two_hints(lang: str, text: str,
                                                  expected: list[tuple[str, str]]) -> None:
    events = extract(text, "2025-10-01", lang)
    assert len(events) == 1
    found = [(t.origin, t.departs.strftime("%H:%M")) for t in events[0].transport if t.departs]
    assert found == expected
    assert all(t.arrives is None for t in events[0].transport)


def test_a_march_leaving_towards_a_park_does_not_meet_there() -> None:
    text = ("Marche pour le climat le dimanche 5 octobre 2025 : rendez-vous à 13h à la gare du "
            "Nord à Bruxelles.\nDépart du cortège à 14h en direction du parc du Cinquantenaire.")
    events = extract(text, "2025-10-01", "fr")
    assert [m.place.name for m in events[0].meeting_points
            if m.place.name and m.role != "route_end"] == []
    # where it heads is the route's end (issue 15 item 3), never a place to meet
    assert [m.place.name for m in events[0].meeting_points
            if m.role == "route_end"] == ["parc du Cinquantenaire"]
    assert events[0].place.name == "gare du Nord"


def test_departures_listed_in_one_sentence_keep_their_own_places() -> None:
    text = ("Rassemblement le mercredi 22 octobre à 11h30 devant le Parlement de Wallonie, "
            "rue Saint-Nicolas 18, 5000 Namur.\n"
            "Départs en car depuis Charleroi (9h30, place de la Digue) et Mons (9h15, gare).")
    event = extract(text, "2025-10-01", "fr")[0]
    places = {m.time.strftime("%H:%M"): m.place.locality for m in event.meeting_points}
    assert places == {"09:15": "Mons", "09:30": "Charleroi"}


@pytest.mark.parametrize(("lang", "text", "departs", "arrives"), [
    ("nl", "Betoging op zaterdag 22 november om 14u op het Muntplein in Brussel.\n"
           "Trein vanuit Antwerpen-Centraal om 12u47, aankomst Brussel-Centraal 13u29.",
     "12:47", "13:29"),
    ("fr", "Manifestation le samedi 22 novembre à 14h place de la Monnaie à Bruxelles.\n"
           "Un train part de Liège-Guillemins à 12h15 et arrive à Bruxelles-Central à 13h20.",
     "12:15", "13:20"),
])
def test_a_train_named_with_where_it_arrives_has_one_departure_and_its_arrival(
        lang: str, text: str, departs: str, arrives: str) -> None:
    event = extract(text, "2025-11-17", lang)[0]
    trains = [t for t in event.transport if t.departs is not None]
    assert [(t.departs.strftime("%H:%M"), t.arrives and t.arrives.strftime("%H:%M"))
            for t in trains] == [(departs, arrives)]


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Zondag 7 december: de grote parade in Brussel.\n\nOns buurtcomité loopt mee in de "
           "parade. We treffen elkaar om 13u45 aan de Exki in het Noordstation."),
    ("fr", "Dimanche 7 décembre : grande parade à Bruxelles.\n\nNotre collectif participera à la "
           "parade. Rendez-vous à 13h45 devant le café Exki de la gare du Nord."),
    ("en", "Sunday 7 December: the Great Parade in Brussels.\n\nWe'll be joining the parade as a "
           "bloc. We meet at 1.45pm outside the Exki café at North Station."),
])
def test_a_groups_rendez_vous_to_join_anothers_event_is_a_departure(lang: str,
                                                                    text: str) -> None:
    event = extract(text, "2025-11-24", lang)[0]
    assert event.start.isoformat() == "2025-12-07"
    assert [(m.role, m.time.strftime("%H:%M")) for m in event.meeting_points] == [
        ("group_departure", "13:45")]


def test_the_lines_under_a_heading_naming_buses_are_group_departures() -> None:
    text = ("Nationale betoging op woensdag 25 maart 2026 in Brussel. Verzamelen om 10u aan het "
            "Noordstation.\n\nGratis bussen vanuit de regio's:\n"
            "* Brugge: vertrek 7u45 aan het Stationsplein\n"
            "* Gent: vertrek 8u15 aan het Sint-Pietersplein\n")
    events = extract(text, "2026-03-02", "nl")
    assert [e.start.isoformat()[11:16] for e in events] == ["10:00"]
    assert [(m.role, m.time.strftime("%H:%M")) for m in events[0].meeting_points] == [
        ("group_departure", "07:45"), ("group_departure", "08:15")]


@pytest.mark.parametrize(("lang", "text", "places"), [
    ("nl", "Lunchprotest op vrijdag 6 maart om 12u30 aan het stadhuis van Mechelen.\n\n"
           "Treinreizigers uit Brussel: afspraak om 11u40 in de grote hal van Brussel-Centraal, "
           "we nemen samen de trein van 11u52.",
     {"11:40": "hal van Brussel-Centraal", "11:52": "hal van Brussel-Centraal"}),
    ("fr", "Marche le dimanche 22 mars à 14h place du Marché à Liège.\n\nRendez-vous à 12h45 "
           "sur le quai 1 de la gare de Verviers-Central, nous prendrons ensemble le train de "
           "12h58 vers Liège-Guillemins.",
     {"12:45": "gare de Verviers-Central", "12:58": "gare de Verviers-Central"}),
])
def test_a_train_taken_together_leaves_from_the_meeting_place(lang: str, text: str,
                                                              places: dict) -> None:
    event = extract(text, "2026-03-02", lang)[0]
    assert {m.time.strftime("%H:%M"): m.place.name for m in event.meeting_points} == places


@pytest.mark.parametrize(("lang", "text", "start"), [
    ("fr", "MANIFESTATION NATIONALE — MARDI 26 MAI 2026 — BRUXELLES\n\nRendez-vous à 10h30 à la "
           "Gare du Nord.\n\n🚆 En train : rendez-vous à 8h15 dans le hall de la gare de "
           "Liège-Guillemins (train de 8h33).\n🚌 Huy : départ du car à 7h45, parking du Quai "
           "de Namur.", "10:30"),
    ("nl", "NATIONALE BETOGING — Donderdag 11 juni 2026 – Brussel\n\nVerzamelen om 10u30 aan het "
           "Noordstation.\n\n🚌 Limburg: bus om 8u00 vanaf de parking aan het Kolonel "
           "Dusartplein, 3500 Hasselt.\n🚆 Gent: afspraak om 9u00 aan Gent-Sint-Pieters; we "
           "nemen samen de trein van 9u16.", "10:30"),
])
def test_coach_and_train_lines_are_departures_not_the_start(lang: str, text: str,
                                                            start: str) -> None:
    event = extract(text, "2026-05-04", lang)[0]
    assert event.start.strftime("%H:%M") == start
    times = {m.time.strftime("%H:%M") for m in event.meeting_points}
    times |= {t.departs.strftime("%H:%M") for t in event.transport if t.departs}
    assert start not in times and len(times) >= 2
