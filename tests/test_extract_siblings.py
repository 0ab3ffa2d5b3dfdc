"""A sibling event told in a later sentence ("a rally is also planned in York") is an event of
its own on the same day at its own place; a sentence repeating the event's place is not."""

from __future__ import annotations

import pytest
from calls import extract, starts

SIBLINGS = {
    "fr": ("Grève et manifestation le mardi 17 juin 2025 à 10h place Saint-Lambert à Liège. Une "
           "manifestation est aussi prévue à Namur, place d'Armes.\n", ["Liège", "Namur"]),
    "en": ("Rally on Tuesday 17 June 2025 at noon outside Leeds Town Hall. A rally is also "
           "planned in York, in St Helen's Square.\n", ["Leeds", "York"]),
    "nl": ("Betoging op dinsdag 17 juni 2025 om 10u aan het Zuidstation in Brussel. Ook in Gent "
           "wordt een betoging gehouden, op de Korenmarkt.\n", ["Brussel", "Gent"]),
}


@pytest.mark.parametrize("lang", sorted(SIBLINGS))
def test_a_sibling_event_is_an_event_of_its_own(lang: str) -> None:
    text, towns = SIBLINGS[lang]
    events = extract(text, "2025-06-01", lang)
    assert [e.place.locality for e in events] == towns
    assert starts(events)[1] == "2025-06-17"


def test_the_same_place_told_again_is_no_sibling() -> None:
    text = ("Rally on Tuesday 17 June 2025 at noon outside Leeds Town Hall. Speeches will also "
            "be given at the rally outside Leeds Town Hall.\n")
    assert len(extract(text, "2025-06-01", "en")) == 1


OTHER_ONE = {
    "fr": ("La CGT manifeste samedi 22 mars 2025 à 14h place d'Armes à Namur. L'autre syndicat "
           "se rassemble à Liège, place Saint-Lambert.\n", "Liège"),
    "en": ("The RMT will hold a rally outside Leeds station on Saturday 22 March 2025 at noon. "
           "The other union holds a rally in Sheffield, at the Peace Gardens.\n", "Sheffield"),
    "nl": ("De ACOD betoogt op zaterdag 22 maart 2025 om 14 uur aan het station van Gent. De "
           "andere vakbond houdt een betoging in Antwerpen op de Groenplaats.\n", "Antwerpen"),
}


@pytest.mark.parametrize("lang", sorted(OTHER_ONE))
def test_the_other_group_elsewhere_is_a_sibling_of_the_day(lang: str) -> None:
    text, town = OTHER_ONE[lang]
    events = extract(text, "2025-03-17", lang)
    assert starts(events)[1] == "2025-03-22"
    assert events[1].place.locality == town
