"""Towns: a small town's name that names a venue, a street or a square is not the event's
town; a list item labelled with its town is in that town."""

from __future__ import annotations

import pytest
from calls import extract

NAMING = [
    ("fr", "Projection le jeudi 12 juin 2025 à 20h au cinéma Sauvenière à Liège.\n", "Liège"),
    ("en", "Vigil on Thursday 12 June 2025 at 8pm in Dorchester Square, Montreal.\n",
     "Montreal"),
]


@pytest.mark.parametrize(("lang", "text", "town"), NAMING)
def test_a_small_town_naming_a_venue_is_not_the_town(lang: str, text: str, town: str) -> None:
    (event,) = extract(text, "2025-06-01", lang)
    assert event.place.locality == town


LABELLED = {
    "fr": "Rassemblements du samedi 14 juin 2025\n\nNamur : gare, 14h00\n\nMons : gare, 15h00\n",
    "en": "Rallies on Saturday 14 June 2025\n\nYork: railway station, 14:00\n\n"
          "Leeds: railway station, 15:00\n",
    "nl": "Acties op zaterdag 14 juni 2025\n\nGent: station, 14u00\n\nBrugge: station, 15u00\n",
}
TOWNS = {"fr": ["Namur", "Mons"], "en": ["York", "Leeds"], "nl": ["Gent", "Brugge"]}


@pytest.mark.parametrize("lang", sorted(LABELLED))
def test_an_item_labelled_with_its_town_is_there(lang: str) -> None:
    events = extract(LABELLED[lang], "2025-06-01", lang)
    assert [e.place.locality for e in events] == TOWNS[lang]


def test_two_towns_as_near_are_an_ambiguous_place() -> None:
    text = "Marche pour le climat le samedi 14 juin 2025 à 14h.\nDépart de Namur ou de Liège.\n"
    (event,) = extract(text, "2025-06-01", "fr")
    warning = next(w for w in event.warnings if w.code == "ambiguous_place")
    assert event.place.locality in warning.candidates
    assert set(warning.candidates) == {"Namur", "Liège"}


def test_one_town_named_is_no_ambiguous_place() -> None:
    text = "Marche pour le climat le samedi 14 juin 2025 à 14h au départ de la gare de Namur.\n"
    (event,) = extract(text, "2025-06-01", "fr")
    assert not any(w.code == "ambiguous_place" for w in event.warnings)


BRACKETED = [
    ("fr", "Rassemblement le samedi 14 juin 2025 à 14h, place Communale (4000).\n", "4000",
     "Liège"),
    ("nl", "Betoging op zaterdag 14 juni 2025 om 14u aan het gemeentehuis (9000).\n", "9000",
     "Gent"),
]


@pytest.mark.parametrize(("lang", "text", "postcode", "town"), BRACKETED)
def test_a_postcode_in_brackets_gives_its_town(lang: str, text: str, postcode: str,
                                               town: str) -> None:
    (event,) = extract(text, "2025-06-01", lang)
    assert (event.place.postcode, event.place.locality) == (postcode, town)


def test_a_bracketed_postcode_before_the_date_is_no_year() -> None:
    text = "Rassemblement devant la maison communale (1060) le samedi 14 juin 2025 à 14h.\n"
    (event,) = extract(text, "2025-06-01", "fr")
    assert event.start is not None and event.start.isoformat()[:16] == "2025-06-14T14:00"
    assert (event.place.postcode, event.place.locality) == ("1060", "Saint-Gilles")


# a saint's name after (or, in English, before) a venue, street or square word is the place's
# dedication, however big the town of that name
DEDICATIONS = [
    ("fr", "Rassemblement le jeudi 12 juin 2025 à 18h au parc Saint-Charles, à Namur.\n", "Namur"),
    ("fr", "Rassemblement le jeudi 12 juin 2025 à 18h devant l'hôpital Saint-Denis.\n", None),
    ("nl", "Wake op donderdag 12 juni 2025 om 18u aan het ziekenhuis Sint-Niklaas in Gent.\n",
     "Gent"),
    ("en", "Vigil on Thursday 12 June 2025 at 6pm outside St Louis Hospital in Paris.\n",
     "Paris"),
]


@pytest.mark.parametrize(("lang", "text", "town"), DEDICATIONS)
def test_a_saint_naming_a_venue_is_not_the_town(lang: str, text: str, town: str | None) -> None:
    (event,) = extract(text, "2025-06-01", lang)
    assert event.place.locality == town


def test_a_saint_named_town_is_still_a_town() -> None:
    text = "Manifestation le jeudi 12 juin 2025 à 18h à Saint-Denis, devant la mairie.\n"
    (event,) = extract(text, "2025-06-01", "fr")
    assert event.place.locality == "Saint-Denis"
