"""Lists of events: items labelled with their town, each its own event even on a shared day
(several events told in one list are not one event told twice)."""

from __future__ import annotations

import pytest
from calls import extract, sorted_starts

LABELLED = {
    "fr": ("Rassemblements pour les services publics\n\n"
           "Liège : place Saint-Lambert, 12h00 le 14 juin 2025\n\n"
           "Namur : place d'Armes, 14h00 le 14 juin 2025\n\n"
           "Mons : Grand-Place, 12h00 le 14 juin 2025\n",
           ["2025-06-14T12:00", "2025-06-14T12:00", "2025-06-14T14:00"],
           {"Liège", "Namur", "Mons"}),
    "en": ("Rallies for the libraries\n\n"
           "Leeds: Park Square, 12:00 June 14 2025\n\n"
           "York: St Helen's Square, 14:00 June 14 2025\n\n"
           "Sheffield: Devonshire Green, 12:00 June 14 2025\n",
           ["2025-06-14T12:00", "2025-06-14T12:00", "2025-06-14T14:00"],
           {"Leeds", "York", "Sheffield"}),
    "nl": ("Acties voor de bibliotheken\n\n"
           "Gent: Korenmarkt, 12u00 op 14 juni 2025\n\n"
           "Brugge: Markt, 14u00 op 14 juni 2025\n\n"
           "Leuven: Ladeuzeplein, 12u00 op 14 juni 2025\n",
           ["2025-06-14T12:00", "2025-06-14T12:00", "2025-06-14T14:00"],
           {"Gent", "Brugge", "Leuven"}),
}


@pytest.mark.parametrize("lang", sorted(LABELLED))
def test_items_labelled_with_their_town_are_events_of_their_own(lang: str) -> None:
    text, expected, towns = LABELLED[lang]
    events = extract(text, "2025-06-01", lang)
    assert sorted_starts(events) == expected
    assert {e.place.locality for e in events} == towns


SECTIONED = {
    "fr": ("Appel national pour les services publics\n\nVeillées prévues en Wallonie\n\n"
           "Liège : place Saint-Lambert, 20h00 le 14 juin 2025\n\n"
           "Namur : place d'Armes, 21h00 le 14 juin 2025\n", "vigil"),
    "en": ("National protests for public services\n\nVigils planned in the north\n\n"
           "Leeds: Park Square, 20:00 June 14 2025\n\n"
           "York: St Helen's Square, 21:00 June 14 2025\n", "vigil"),
    "nl": ("Nationale betoging voor de openbare diensten\n\nWakes in Vlaanderen\n\n"
           "Gent: Korenmarkt, 20u00 op 14 juni 2025\n\n"
           "Brugge: Zand, 21u00 op 14 juni 2025\n", "vigil"),
}


@pytest.mark.parametrize("lang", sorted(SECTIONED))
def test_items_take_the_kind_of_their_section_heading(lang: str) -> None:
    text, kind = SECTIONED[lang]
    events = extract(text, "2025-06-01", lang)
    assert len(events) == 2
    assert [e.kind for e in events] == [kind, kind]
