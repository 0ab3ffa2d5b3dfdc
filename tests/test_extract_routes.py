"""A march's route: where it sets off and where it ends (issue 15 item 3), per language."""

from __future__ import annotations

import pytest
from calls import extract

from affiche.model import Event

CALLS = {
    "fr": ("Marche pour le logement samedi 14 juin 2025.\n"
           "Rendez-vous à 13h30 place Saint-Paul à Liège. Départ du cortège à 14h vers "
           "l'hôtel de ville.\n", "hôtel de ville"),
    "en": ("Climate march on Saturday 14 June 2025 in Leeds.\n"
           "We gather at 11am in Park Square, set off at 12 noon and finish with a rally at "
           "Millennium Square.\n", "Millennium Square"),
    "nl": ("Mars voor vrede op zaterdag 14 juni 2025 in Gent.\n"
           "We verzamelen om 13u aan het Sint-Pietersplein. Om 14u vertrekt de stoet naar het "
           "Baudelokaal.\n", "Baudelokaal"),
}


def _only(events: list[Event]) -> Event:
    """The one event of a call."""
    assert len(events) == 1
    return events[0]


@pytest.mark.parametrize("lang", sorted(CALLS))
def test_the_place_a_march_heads_for_is_not_where_it_sets_off(lang: str) -> None:
    text, destination = CALLS[lang]
    event = _only(extract(text, "2025-06-01", lang))
    assert event.place.name != destination
    for point in event.meeting_points:
        if point.role in ("route_start", "meeting", "group_departure"):
            assert point.place.name != destination, point


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_place_a_march_heads_for_is_its_route_end(lang: str) -> None:
    text, destination = CALLS[lang]
    event = _only(extract(text, "2025-06-01", lang))
    ends = [m for m in event.meeting_points if m.role == "route_end"]
    assert [m.place.name for m in ends] == [destination]
    assert ends[0].time is not None and str(ends[0].time) == "2025-06-14"
