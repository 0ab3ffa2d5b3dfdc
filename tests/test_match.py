"""affiche.match: the duplicate decision on events written for these tests."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from affiche.match import distance_m, is_duplicate, similarity, text_similarity
from affiche.model import Event, Place

BXL = ZoneInfo("Europe/Brussels")


def _event(title: str, start: dt.datetime | dt.date | None, locality: str | None = None,
           lat: float | None = None, lon: float | None = None,
           description: str | None = None) -> Event:
    return Event(title=title, start=start, description=description,
                 place=Place(locality=locality, lat=lat, lon=lon,
                             precision="address" if lat is not None else "locality"))


SAT = dt.datetime(2026, 3, 14, 15, 0, tzinfo=BXL)


def test_same_rally_told_twice_is_a_duplicate() -> None:
    a = _event("Rassemblement pour le climat devant la gare", SAT, "Namur", 50.4686, 4.8625)
    b = _event("Rassemblement climat à la gare de Namur", SAT.replace(hour=14, minute=30),
               "Namur", 50.4690, 4.8630)
    assert is_duplicate(a, b)
    assert is_duplicate(b, a)
    assert similarity(a, b) > 0.7


def test_accents_and_case_do_not_matter() -> None:
    a = _event("Veillée pour la paix", SAT, "Liège")
    b = _event("VEILLEE POUR LA PAIX", SAT, "Liege")
    assert is_duplicate(a, b)


def test_another_day_is_never_a_duplicate() -> None:
    a = _event("Assemblée des locataires", SAT, "Gent")
    b = _event("Assemblée des locataires", SAT + dt.timedelta(days=7), "Gent")
    assert not is_duplicate(a, b)
    assert similarity(a, b) < similarity(a, a)


def test_far_apart_places_in_other_towns_are_two_events() -> None:
    a = _event("Grève devant l'hôpital", SAT, "Charleroi", 50.411, 4.444)
    b = _event("Grève devant l'hôpital", SAT, "Mons", 50.454, 3.952)
    assert not is_duplicate(a, b)


def test_nearby_coordinates_count_as_the_same_place_even_with_other_locality_names() -> None:
    # The border of two communes runs through the square: the geocoder names either.
    a = _event("Concert de soutien aux sans-papiers", SAT, "Ixelles", 50.8330, 4.3670)
    b = _event("Concert de soutien aux sans papiers", SAT, "Saint-Gilles", 50.8340, 4.3680)
    assert distance_m(a.place, b.place) is not None
    assert distance_m(a.place, b.place) < 300
    assert is_duplicate(a, b)


def test_different_titles_same_day_same_town_are_different_events() -> None:
    a = _event("Atelier vélo : réparer ses freins", SAT, "Leuven")
    b = _event("Projection du film sur les mineurs", SAT, "Leuven")
    assert not is_duplicate(a, b)
    assert text_similarity(a, b) < 0.5


def test_word_order_and_extra_words_are_tolerated() -> None:
    a = _event("Mars tegen de kernwapens", SAT, "Antwerpen")
    b = _event("Grote mars tegen kernwapens in Antwerpen", SAT, "Antwerpen")
    assert is_duplicate(a, b)


def test_description_can_carry_the_match_when_titles_differ() -> None:
    text = ("Nous nous retrouvons sur le parvis de la maison communale pour exiger "
            "l'ouverture d'un abri de nuit pendant tout l'hiver")
    a = _event("Action abri de nuit", SAT, "Verviers", description=text)
    b = _event("Toutes et tous à la maison communale", SAT, "Verviers",
               description=text + ", venez nombreux.")
    assert is_duplicate(a, b)


def test_unknown_places_need_near_identical_text() -> None:
    a = _event("Soirée de solidarité avec les grévistes", SAT)
    b = _event("Soirée de solidarité avec les grévistes", SAT)
    c = _event("Soirée de solidarité", SAT)
    assert is_duplicate(a, b)
    assert not is_duplicate(a, c)


def test_undated_events_are_not_duplicates() -> None:
    a = _event("Assemblée générale", None, "Liège")
    assert not is_duplicate(a, a)


def test_all_day_and_timed_on_the_same_day_match() -> None:
    a = _event("Journée de grève générale", dt.date(2026, 3, 14), "Bruxelles")
    b = _event("Grève générale", SAT, "Bruxelles")
    assert is_duplicate(a, b)


def test_day_is_read_in_the_event_zone() -> None:
    # 23:30 in Brussels is already the next day in UTC: still the same local day.
    late = dt.datetime(2026, 3, 14, 23, 30, tzinfo=BXL)
    a = _event("Veillée de nuit pour les exilés", late, "Mons")
    b = _event("Veillée de nuit pour les exilés", SAT, "Mons")
    assert is_duplicate(a, b)


def test_similarity_is_symmetric_and_bounded() -> None:
    a = _event("Fête de quartier", SAT, "Namur", 50.46, 4.86, "Musique et repas partagé")
    b = _event("Repas de quartier en musique", SAT, "Namur", 50.47, 4.87)
    assert similarity(a, b) == similarity(b, a)
    assert 0.0 <= similarity(a, b) <= 1.0
    assert similarity(a, a) == 1.0
