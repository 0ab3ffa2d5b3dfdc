"""Which times are event times and which day a time belongs to (affiche.extract roles,
liveness, timeline, starts), one construction per test, with our own example calls in
French, Dutch and English."""

from __future__ import annotations

import pytest
from calls import extract, starts

from affiche.extract import grammar

# The perfect of a verb of calling tells of the event called, still ahead: the hour it gives
# is the event's, even after a sentence that reports the morning.
CALLED = {
    "fr": "Ce mardi 3 mars, les parents d'élèves se mobilisent contre la fermeture de l'école.\n"
          "Une chaîne humaine a eu lieu ce matin devant la mairie.\n"
          "Le collectif leur a proposé de se rassembler à 19h devant l'école des Tilleuls pour "
          "une veillée.\n",
    "en": "This Tuesday 3 March, parents are mobilising against the closure of the school.\n"
          "A human chain was held this morning outside the town hall.\n"
          "The committee has asked them to gather at 7pm outside the Linden school for a "
          "vigil.\n",
    "nl": "Deze dinsdag 3 maart komen de ouders op straat tegen de sluiting van de school.\n"
          "Vanmorgen werd een menselijke ketting gevormd aan het stadhuis.\n"
          "Het comité heeft hen gevraagd om 19 uur samen te komen aan de Lindeschool voor een "
          "wake.\n",
}


@pytest.mark.parametrize("lang", sorted(CALLED))
def test_the_perfect_of_a_call_gives_the_event_its_hour(lang: str) -> None:
    assert starts(extract(CALLED[lang], "2026-03-03", lang)) == ["2026-03-03T19:00"]


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Le comité a annoncé une marche aux flambeaux."),
    ("en", "The union has announced a walkout at the depot."),
    ("nl", "De vakbond heeft een staking aangekondigd."),
])
def test_a_perfect_of_calling_is_no_past(lang: str, text: str) -> None:
    assert not grammar.read(text, lang).perfect_past
    assert grammar.without_calls(text, lang) != text


# The page's publication and update lines give no event, and the agenda's own heading of that
# day stays a heading (it is not the page's date line).
PUBLISHED = {
    "fr": "Cette semaine à Namur\n"
          "Publié le 2 mars 2026 à 09:14 (mis à jour le 4 mars 2026 à 18:02)\n\n"
          "Lundi 2 mars\n\nDébat sur le vélo en ville, à 18h à la Maison des jeunes (rue Haute "
          "5, Namur) ;\n\nMercredi 4 mars\n\nConcert de la fanfare, à 20h au local du Chiroux "
          "(rue du Pont 3, Namur) ;\n",
    "en": "This week in Leeds\n"
          "Published 2 March 2026 at 09:14 (updated 4 March 2026 at 18:02)\n\n"
          "Monday 2 March\n\nDebate on cycling in town, at 6pm at the Youth House (5 High "
          "Street, Leeds);\n\nWednesday 4 March\n\nBrass band concert, at 8pm at the Chiroux "
          "hall (3 Bridge Street, Leeds);\n",
    "nl": "Deze week in Gent\n"
          "Gepubliceerd op 2 maart 2026 om 09.14 uur (bijgewerkt op 4 maart 2026 om 18.02 uur)"
          "\n\nMaandag 2 maart\n\nDebat over fietsen in de stad, om 18 uur in het Jeugdhuis "
          "(Hoogstraat 5, Gent);\n\nWoensdag 4 maart\n\nConcert van de fanfare, om 20 uur in "
          "zaal Chiroux (Brugstraat 3, Gent);\n",
}


@pytest.mark.parametrize("lang", sorted(PUBLISHED))
def test_publication_and_update_lines_are_no_events(lang: str) -> None:
    found = starts(extract(PUBLISHED[lang], "2026-03-02", lang))
    assert found == ["2026-03-02T18:00", "2026-03-04T20:00"]
