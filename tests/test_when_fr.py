"""French time expressions: table-driven cases resolved against Monday 13 January 2025, 10:00
in Europe/Brussels (our own expressions, written for these tests)."""

from __future__ import annotations

import functools

import pytest
import when_reading
from when_reading import REF

from affiche.when import find, parse

reading = functools.partial(when_reading.reading, lang="fr")


CASES = [
    ("14:00—19:00", "2025-01-13T14:00..2025-01-13T19:00 minute T"),
    ("samedi 19 à 14h", "2025-01-18T14:00 hour DT"),
    ("ce samedi", "2025-01-18T00:00 day D"),
    ("samedi", "2025-01-18T00:00 day D"),
    ("lundi", "2025-01-20T00:00 day D"),
    ("ce lundi", "2025-01-13T00:00 day D"),
    ("samedi prochain", "2025-01-18T00:00 day D"),
    ("demain", "2025-01-14T00:00 day D"),
    ("après-demain", "2025-01-15T00:00 day D"),
    ("demain soir", "2025-01-14T18:00..2025-01-15T00:00 hour DP"),
    ("demain à 18h30", "2025-01-14T18:30 minute DT"),
    ("le 3 mars prochain de 14h à 18h", "2025-03-03T14:00..2025-03-03T18:00 hour DT"),
    ("du 12 au 14 avril", "2025-04-12T00:00..2025-04-14T00:00 day D"),
    ("du 28 février au 2 mars", "2025-02-28T00:00..2025-03-02T00:00 day D"),
    ("14h30 précises", "2025-01-13T14:30 minute T"),
    ("14h", "2025-01-13T14:00 hour T"),
    ("20h15", "2025-01-13T20:15 minute T"),
    ("14.30", "2025-01-13T14:30 minute T"),
    ("14:30", "2025-01-13T14:30 minute T"),
    ("dès 19h", "after:2025-01-13T19:00.. hour T"),
    ("à partir de 15 h", "after:2025-01-13T15:00.. hour T"),
    ("le 1er mai", "2025-05-01T00:00 day D"),
    ("le premier mai", "2025-05-01T00:00 day D"),
    ("01/05", "2025-05-01T00:00 day D"),
    ("12/3", "2025-03-12T00:00 day D"),
    ("12/03/2026", "2026-03-12T00:00 day D"),
    ("à midi", "2025-01-13T12:00 hour T"),
    ("minuit", "2025-01-14T00:00 hour T"),
    ("midi et demi", "2025-01-13T12:30 minute T"),
    ("tous les jeudis", "2025-01-16T00:00 day DR"),
    ("vendredi 24 janvier 2025 à 20h", "2025-01-24T20:00 hour DT"),
    ("le mardi 4 février à 19h", "2025-02-04T19:00 hour DT"),
    ("jeudi 23/01 à 19h", "2025-01-23T19:00 hour DT"),
    ("vendredi 31 janvier, 18h30", "2025-01-31T18:30 minute DT"),
    ("lundi 27 janvier de 9h30 à 12h", "2025-01-27T09:30..2025-01-27T12:00 minute DT"),
    ("19h-22h", "2025-01-13T19:00..2025-01-13T22:00 hour T"),
    ("de 20h à 2h", "2025-01-13T20:00..2025-01-14T02:00 hour T"),
    ("le 8 janvier", "2026-01-08T00:00 day D"),
    ("la semaine prochaine", "2025-01-20T00:00 week D"),
    ("le mois prochain", "2025-02-01T00:00 month D"),
    ("mardi après-midi", "2025-01-14T12:00..2025-01-14T19:00 hour DP"),
    ("ce soir", "2025-01-13T18:00..2025-01-14T00:00 hour DP"),
    ("à 9h du matin", "2025-01-13T09:00 hour TP"),
    ("à 8 heures du soir", "2025-01-13T20:00 hour TP"),
    ("dans 3 jours", "2025-01-16T10:00 hour D"),
    ("début février", "2025-02-01T00:00..2025-02-10T00:00 day D"),
    ("le 2e samedi de mars", "2025-03-08T00:00 day D"),
    ("ce week-end", "2025-01-17T18:00..2025-01-20T00:00 hour D"),
    ("mars", "2025-03-01T00:00 month D"),
    ("samedi 14 juin à 20h", "2025-06-14T20:00 hour DT"),
    ("vendredi quinze à seize heures", "2025-01-17T16:00 hour DT"),
    ("noël", "2025-12-25T00:00 day D"),
    ("de 14 à 18h le samedi 1er février", "2025-02-01T14:00..2025-02-01T18:00 hour DT"),
    ("le 8 mars entre 11 et 13h", "2025-03-08T11:00..2025-03-08T13:00 hour DT"),
    ("deux jours après Noël", "2025-12-27T00:00 day D"),
    ("à 15h CET", "2025-01-13T15:00 minute T"),
    ("du lundi au vendredi de 9h à 17h", "2025-01-20T09:00..2025-01-24T17:00 hour DT"),
    ("samedi de 22h à 2h", "2025-01-18T22:00..2025-01-19T02:00 hour DT"),
    ("18h-minuit", "2025-01-13T18:00..2025-01-14T00:00 hour T"),
    ("pendant 3 jours à partir du 12 mars", "2025-03-12T00:00..2025-03-14T00:00 day D"),
    ("SAMEDI 25 JANVIER À 14H00", "2025-01-25T14:00 minute DT"),
    ("vendredi soir, apéro à partir de 18h", "after:2025-01-17T18:00.. hour DTP"),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_french_reading(text: str, expected: str) -> None:
    assert reading(text) == expected


def test_stated_end_and_exclusive_end_of_a_range() -> None:
    best = parse("de 14h à 18h", REF, "fr")[0]
    assert best.end_value.hour == 18
    assert best.end_exclusive.hour == 19
    days = parse("du 12 au 14 avril", REF, "fr")[0]
    assert (days.end_value.day, days.end_exclusive.day) == (14, 15)


def test_list_of_days_shares_month_and_time() -> None:
    found = find("Rendez-vous mercredi 15 et jeudi 16 janvier à 19h au local.", REF, "fr")
    assert [m.value.strftime("%d %H:%M") for m in found] == ["15 19:00", "16 19:00"]
    assert [m.text for m in found] == ["mercredi 15", "jeudi 16 janvier à 19h"]


def test_time_after_a_short_gap_joins_the_date() -> None:
    found = find("Rassemblement samedi 25 janvier, RDV à 14h devant la gare.", REF, "fr")
    assert len(found) == 1
    assert found[0].value.isoformat() == "2025-01-25T14:00:00+01:00"
    assert found[0].text == "samedi 25 janvier, RDV à 14h"


def test_bare_time_stays_undated() -> None:
    found = find("Départ groupé : RDV 13h30 place Flagey.", REF, "fr")
    assert len(found) == 1
    assert not found[0].has_date and found[0].has_time
    assert found[0].value.date() == REF.date()


def test_list_of_bare_days_takes_the_month() -> None:
    found = find("Grève générale les 27 et 28 janvier.", REF, "fr")
    assert [m.value.date().isoformat() for m in found] == ["2025-01-27", "2025-01-28"]


@pytest.mark.parametrize("text", [
    "Départ de la gare du Midi.", "Bruxelles-Midi", "Depuis des années, des militants",
    "Il a 25 et 30 ans.", "au 14 avenue Duquesne", "Rendez-vous à deux pas de la gare",
    "Il a été arrêté.", "Contact : 0470 10 11 12", "Mis à jour",
    "Entre 10-12 personnes, pour les 6-12 ans.", "Plus de trois heures de marche.",
    "Arrivée à Bruxelles Midi.", "Permanence 24/7.", "Une heure plus tard, une première réunion.",
])
def test_words_that_are_not_times(text: str) -> None:
    assert find(text, REF, "fr") == []


def test_two_dated_times_in_one_sentence() -> None:
    found = find("Le 10-12 à 14h, samedi 15-02 à 10h.", REF, "fr")
    assert [m.value.strftime("%m-%d %H") for m in found] == ["12-10 14", "02-15 10"]


def test_des_is_not_des() -> None:
    assert find("Samedi 1er février, des militants", REF, "fr")[0].open is None
    assert find("Samedi 1er février dès 14h", REF, "fr")[0].open == "after"


def test_past_date_is_flagged() -> None:
    best = parse("hier", REF, "fr")[0]
    assert [w.code for w in best.warnings] == ["past_date"]


def test_a_week_named_with_its_days_is_those_days() -> None:
    import datetime as dt
    from zoneinfo import ZoneInfo

    reference = dt.datetime(2026, 3, 2, tzinfo=ZoneInfo("Europe/Brussels"))
    (mention,) = find("Semaine du 8 au 14 mars", reference, "fr")
    assert (mention.value.date().isoformat(), mention.end_value.date().isoformat()) == (
        "2026-03-08", "2026-03-14")
