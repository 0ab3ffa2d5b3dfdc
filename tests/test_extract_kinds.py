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
