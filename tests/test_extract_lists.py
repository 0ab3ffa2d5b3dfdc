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
