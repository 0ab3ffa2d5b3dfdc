"""Common kinds a call may name only by their own word (a study day, an open-air cinema) are
events, with that kind: a new phrasing is a new word in the language file."""

from __future__ import annotations

import pytest
from calls import extract, starts

CALLS = [
    ("fr", "Journée d'étude sur le droit au logement\nJeudi 12 juin 2025, Maison du Peuple de "
           "Saint-Gilles.\n", "2025-06-12", "meeting"),
    ("fr", "Cinéma en plein air\nVendredi 13 juin 2025 à 22h au parc de Forest.\n",
     "2025-06-13T22:00", "screening"),
    ("en", "Study day on housing rights\nThursday 12 June 2025 at the Quaker Meeting House, "
           "Leeds.\n", "2025-06-12", "meeting"),
    ("en", "Open-air cinema in the park\nFriday 13 June 2025, 10pm, Roundhay Park, Leeds.\n",
     "2025-06-13T22:00", "screening"),
    ("nl", "Studiedag over betaalbaar wonen\nDonderdag 12 juni 2025 in de Vooruit in Gent.\n",
     "2025-06-12", "meeting"),
    ("nl", "Openluchtcinema in het park\nVrijdag 13 juni 2025 om 22u in het Citadelpark in "
           "Gent.\n", "2025-06-13T22:00", "screening"),
]


@pytest.mark.parametrize(("lang", "text", "start", "kind"), CALLS)
def test_an_event_named_by_its_own_word(lang: str, text: str, start: str, kind: str) -> None:
    events = extract(text, "2025-06-01", lang)
    assert starts(events) == [start]
    assert events[0].kind == kind


# a generic word of calls to act ("action", "actie") names the call; a word of the event's form
# in the same sentence (a procession, a march) names the event
GENERIC = [
    ("fr", "Action pour le climat\n\nLe samedi 14 juin 2025 à 14h, action et cortège de la gare "
           "de Namur jusqu'au parlement.\n", "march"),
    ("en", "Action for the climate\n\nOn Saturday 14 June 2025 at 2pm, action and march from "
           "Leeds station to the town hall.\n", "march"),
    ("nl", "Actie voor het klimaat\n\nOp zaterdag 14 juni 2025 om 14u komt de actie samen met "
           "een optocht van het station van Gent naar het stadhuis.\n", "march"),
    ("fr", "Le samedi 14 juin 2025 à 14h, action de blocage devant le dépôt de Namur.\n",
     "action"),
]


@pytest.mark.parametrize(("lang", "text", "kind"), GENERIC)
def test_a_generic_word_gives_way_to_the_events_form(lang: str, text: str, kind: str) -> None:
    (event,) = extract(text, "2025-06-01", lang)
    assert event.kind == kind


def test_the_kind_decision_is_in_the_weights_file() -> None:
    from affiche.extract import scoring
    table = scoring.weights("kind_of")
    assert table.weights["head"] > table.weights["text"] > 0 > table.weights["generic"]
    assert all(table.notes[name] for name in table.weights)


# a headline of one generic word ("Action", "Actie") names the call: the event's own form word
# in the text decides its kind
HEADED = [
    ("fr", "Action\n\nNous nous rassemblerons le mardi 17 juin 2025 à 18h devant la mairie de "
           "Namur, comme chaque mois. D'autres actions suivront.\n", "rally"),
    ("en", "Action\n\nWe will gather on Tuesday 17 June 2025 at 6pm outside Leeds Town Hall, as "
           "every month. More actions will follow.\n", "rally"),
    ("nl", "Actie\n\nOp dinsdag 17 juni 2025 om 18u zullen we samenkomen aan het stadhuis van "
           "Gent, zoals elke maand. Er volgen nog acties.\n", "rally"),
]


@pytest.mark.parametrize(("lang", "text", "kind"), HEADED)
def test_a_generic_headline_gives_way_to_the_events_form(lang: str, text: str,
                                                         kind: str) -> None:
    (event,) = extract(text, "2025-06-01", lang)
    assert event.kind == kind


# a Dutch separable verb names the kind from its finite verb, the particle closing the clause
SEPARABLE = [
    ("Op dinsdag 17 juni 2025 om 18u komen de buren samen in zaal De Centrale in Gent.\n",
     "rally"),
    ("Elke eerste dinsdag komt de groep om 18u samen in zaal De Centrale in Gent, voor het "
     "eerst op 3 juni 2025.\n", "rally"),
    # the particle in another sentence is no part of the verb
    ("Op dinsdag 17 juni 2025 om 18u komen de buren naar zaal De Centrale in Gent. Samen "
     "zijn we sterk.\n", "other"),
]


@pytest.mark.parametrize(("text", "kind"), SEPARABLE)
def test_a_separable_verb_names_the_kind(text: str, kind: str) -> None:
    (event,) = extract(text, "2025-06-01", "nl")
    assert event.kind == kind


# a gathering with candles is a vigil: the gathering is the vigil's form
CANDLES = [
    ("fr", "Le jeudi 12 juin 2025 à 21h, rassemblement avec des bougies devant la prison de "
           "Namur.\n"),
    ("en", "On Thursday 12 June 2025 at 9pm we gather with candles outside Leeds prison.\n"),
    ("nl", "Op donderdag 12 juni 2025 om 21u komen we met kaarsen samen aan de gevangenis van "
           "Gent.\n"),
]


@pytest.mark.parametrize(("lang", "text"), CANDLES)
def test_a_gathering_with_candles_is_a_vigil(lang: str, text: str) -> None:
    (event,) = extract(text, "2025-06-01", lang)
    assert event.kind == "vigil"
