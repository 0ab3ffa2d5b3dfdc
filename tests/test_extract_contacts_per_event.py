"""Each contact goes to the event whose block holds it; a footer's contact to every event."""

from __future__ import annotations

import pytest
from calls import extract

CALLS = {
    "fr": ("Veillée pour la paix\nVeillée le vendredi 13 juin 2025 à 20h place Saint-Lambert à "
           "Liège. Contact : paix.liege@example.org\n\n"
           "Concert de soutien\nConcert le samedi 14 juin 2025 à 21h au Reflektor à Liège. "
           "Réservations : concert@example.org\n\n"
           "Plus d'infos : collectif@example.org\n"),
    "en": ("Vigil for peace\nVigil on Friday 13 June 2025 at 8pm in Park Square, Leeds. "
           "Contact: peace.leeds@example.org\n\n"
           "Benefit concert\nConcert on Saturday 14 June 2025 at 9pm at the Brudenell, Leeds. "
           "Tickets: concert@example.org\n\n"
           "More: collective@example.org\n"),
    "nl": ("Wake voor de vrede\nWake op vrijdag 13 juni 2025 om 20u op de Korenmarkt in Gent. "
           "Contact: vrede.gent@example.org\n\n"
           "Steunconcert\nConcert op zaterdag 14 juni 2025 om 21u in de Vooruit in Gent. "
           "Tickets: concert@example.org\n\n"
           "Meer info: collectief@example.org\n"),
}


@pytest.mark.parametrize("lang", sorted(CALLS))
def test_each_contact_goes_to_its_own_event(lang: str) -> None:
    events = extract(CALLS[lang], "2025-06-01", lang)
    assert len(events) == 2
    first, second = ({c.value for c in e.contacts} for e in events)
    assert "concert@example.org" in second and "concert@example.org" not in first
    assert not any(v.startswith(("paix", "peace", "vrede")) for v in second)
    footer = next(v for v in first if v.startswith("collect"))
    assert footer in second  # the text's own address is every event's
