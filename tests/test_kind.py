"""The kind of an event, per language, on short calls written for these tests."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from affiche import pipeline

BRUSSELS = ZoneInfo("Europe/Brussels")
REFERENCE = dt.datetime(2025, 3, 1, tzinfo=BRUSSELS)


def kinds(text: str, lang: str) -> list[str]:
    """The kinds of the events found in `text`, in order."""
    _, events = pipeline.extract_text(text, reference=REFERENCE, lang=lang)
    return [event.kind for event in events]


FRENCH = [
    ("Rassemblement devant l'hôtel de ville de Namur le samedi 8 mars 2025 à 11h.", "rally"),
    ("Grande manifestation nationale des syndicats à Bruxelles le jeudi 13 mars 2025 à 10h. "
     "Le cortège partira de la gare du Nord.", "demonstration"),
    ("Manifestation le samedi 15 mars 2025 à 14h place Saint-Lambert à Liège, puis en direction "
     "de la gare des Guillemins.", "march"),
    ("Manifestation statique le mardi 11 mars 2025 à 12h au rond-point Schuman.", "rally"),
    ("Une minute de silence sera observée le vendredi 7 mars 2025 à 18h devant la gare.",
     "vigil"),
    ("Projection du film « La terre promise » suivie d'un débat, le mercredi 12 mars 2025 "
     "à 20h au cinéma Nova.", "screening"),
    ("Conférence sur l'histoire des grèves le jeudi 20 mars 2025 à 19h30 à la Maison du "
     "Peuple.", "meeting"),
    ("Parloir sauvage devant le centre fermé le dimanche 9 mars 2025 à 15h.", "action"),
    ("Le samedi 22 mars 2025, à 16h, sieste musicale au parc de Forest.", "concert"),
]

DUTCH = [
    ("Statische manifestatie op zaterdag 8 maart 2025 om 14 uur op de Groenplaats in "
     "Antwerpen.", "rally"),
    ("Nationale betoging van de vakbonden op donderdag 13 maart 2025 om 10 uur in Brussel.",
     "demonstration"),
    ("Op zondag 16 maart 2025 om 13 uur vertrekt de mars tegen armoede aan het station van "
     "Leuven, richting het stadhuis.", "march"),
    ("Stille tocht voor de slachtoffers op vrijdag 14 maart 2025 om 19 uur in Gent.", "vigil"),
    ("Op dinsdag 18 maart 2025 om 20 uur panelgesprek over huisvesting in de Vooruit.",
     "meeting"),
    ("Filmvertoning en nagesprek op woensdag 19 maart 2025 om 20 uur in het Cinema Lumière.",
     "screening"),
    ("Wake voor de slachtoffers\nOp donderdag 20 maart 2025 om 19u verzamelen we voor het "
     "station van Leuven.", "vigil"),
]

ENGLISH = [
    ("Rally outside the Home Office on Saturday 8 March 2025 at 12pm.", "rally"),
    ("Cycle protest on Sunday 9 March 2025: we assemble at 10am in Hyde Park and ride via "
     "Whitehall to Parliament Square.", "march"),
    ("Candlelight vigil for the victims on Friday 14 March 2025 at 7pm at the Town Hall.",
     "vigil"),
    ("Film screening and discussion on Wednesday 12 March 2025 at 7.30pm at the Cube, "
     "Bristol.", "screening"),
    ("Public meeting on housing on Thursday 13 March 2025 at 7pm at the Friends Meeting "
     "House.", "meeting"),
    ("National March for Climate Justice on Saturday 15 March 2025 at 1pm from Hyde Park.",
     "march"),
]


@pytest.mark.parametrize("text, kind", FRENCH)
def test_french_kinds(text: str, kind: str) -> None:
    assert kinds(text, "fr") == [kind]


@pytest.mark.parametrize("text, kind", DUTCH)
def test_dutch_kinds(text: str, kind: str) -> None:
    assert kinds(text, "nl") == [kind]


@pytest.mark.parametrize("text, kind", ENGLISH)
def test_english_kinds(text: str, kind: str) -> None:
    assert kinds(text, "en") == [kind]


PROGRAMMES = [
    ("Journée portes ouvertes le samedi 29 mars 2025 à la Maison des Jeunes\n"
     "14h : atelier de sérigraphie\n"
     "17h : débat sur le logement\n"
     "20h : concert de soutien\n", "fr", ["other", "workshop", "meeting", "concert"]),
    ("Zaterdag 29 maart 2025 in het buurthuis\n"
     "15u: workshop spandoeken maken\n"
     "18u: lezing over klimaatrecht\n"
     "21u: optreden van de fanfare\n", "nl", ["other", "workshop", "meeting", "concert"]),
]


@pytest.mark.parametrize("text, lang, expected", PROGRAMMES)
def test_a_programme_item_is_what_its_own_line_says(text: str, lang: str,
                                                    expected: list[str]) -> None:
    assert kinds(text, lang) == expected


@pytest.mark.parametrize("text, lang, kind", [
    ("Puis un repas partagé avant d'enchaîner le samedi 29 mars 2025 à 20h avec la chorale "
     "du quartier.", "fr", "concert"),
    ("Le vendredi 28 mars 2025 à 14h, l'association Santé Action Sociale organise un "
     "rassemblement devant l'hôpital.", "fr", "rally"),
])
def test_the_cue_that_names_the_event_decides(text: str, lang: str, kind: str) -> None:
    assert kinds(text, lang) == [kind]


@pytest.mark.parametrize("text, lang, expected", [
    ("Samedi 29 mars 2025 au squat du quartier\n"
     "14h : atelier de réparation de vélos\n"
     "17h : discussion sur les expulsions\n"
     "19h : speed-dating des collectifs\n", "fr", ["other", "workshop", "meeting", "other"]),
    ("Voici les lieux de rassemblement du vendredi 14 mars 2025 :\n"
     "- Liège – 18 h place Saint-Lambert\n"
     "- Namur – 17 h place d'Armes\n", "fr", ["rally", "rally"]),
])
def test_an_unnamed_item_is_other_only_among_items_of_several_kinds(
        text: str, lang: str, expected: list[str]) -> None:
    assert kinds(text, lang) == expected


def test_a_departure_time_under_the_assembly_makes_a_march() -> None:
    text = ("Coal protest\n\nDate: Sunday 16 March 2025\nAssemble: Market Square 12pm,\n"
            "Speeches at 12.30pm,\nSet off at 1pm\n")
    assert kinds(text, "en")[0] == "march"


@pytest.mark.parametrize("text, lang, kind", [
    ("Piquet de grève le mardi 11 mars 2025 dès 5h devant l'usine.", "fr", "strike"),
    ("Formation juridique sur les droits en manifestation le samedi 22 mars 2025 à 10h.", "fr",
     "workshop"),
    ("Débat public sur le logement le jeudi 13 mars 2025 à 20h, point de rencontre à l'entrée.",
     "fr", "meeting"),
    ("Samenkomst op de Grote Markt van Brugge op zaterdag 15 maart 2025 om 14 uur.", "nl",
     "rally"),
    ("Op dinsdag 18 maart 2025 om 20 uur: lezing over de geschiedenis van de stakingen.", "nl",
     "meeting"),
    ("Fundraiser gig on Friday 21 March 2025 at 8pm at the Cube. We stand with the strikers!",
     "en", "concert"),
    ("Protest outside the Home Office on Monday 10 March 2025 at 12pm; meeting point by the "
     "main gate.", "en", "rally"),
])
def test_longer_phrases_topics_and_slogans(text: str, lang: str, kind: str) -> None:
    assert kinds(text, lang) == [kind]


@pytest.mark.parametrize("text, lang, kind", [
    ("Les syndicats appellent à une grande marche nationale le samedi 22 mars 2025 à 13h à "
     "Bruxelles.", "fr", "march"),
    ("Les syndicats appellent à une manifestation nationale le samedi 22 mars 2025 à 13h à "
     "Bruxelles.", "fr", "demonstration"),
    ("Manifestation du front commun le jeudi 13 mars 2025. Le cortège partira à 10h30 de la gare "
     "du Nord.", "fr", "demonstration"),
    ("The unions call a national march on Saturday 22 March 2025 at 12pm in London.", "en",
     "march"),
    ("National demonstration called by the TUC on Saturday 22 March 2025 at 12pm in London.",
     "en", "demonstration"),
    ("Nationale betoging van de vakbonden op donderdag 13 maart 2025 om 10u30. De stoet vertrekt "
     "aan het Noordstation.", "nl", "demonstration"),
])
def test_a_union_call_is_a_demonstration_unless_it_is_named_a_march(text: str, lang: str,
                                                                     kind: str) -> None:
    assert kinds(text, lang) == [kind]


@pytest.mark.parametrize("text, lang, kind", [
    ("Op zaterdag 15 maart 2025 om 14 uur verzamelen we voor het stadhuis van Antwerpen om te "
     "protesteren tegen de besparingen.", "nl", "rally"),
    ("Agenda\n\n• jeudi 13 mars 2025 à 20h\n  Cinéma Aventure, Bruxelles\n\n  Les glaneurs\n\n"
     "  Un documentaire sur ceux qui ramassent nos restes.", "fr", "screening"),
])
def test_what_follows_a_bare_date_line_names_the_event(text: str, lang: str, kind: str) -> None:
    assert kinds(text, lang) == [kind]


@pytest.mark.parametrize("text, kind", [
    ("Steunconcert voor de vluchtelingen op zaterdag 22 maart 2025 om 20 uur in de Vooruit.",
     "concert"),
    ("Fietsbetoging op zondag 16 maart 2025 om 10 uur, vertrek aan het station.", "march"),
    ("24-urenstaking bij het openbaar vervoer op dinsdag 25 maart 2025.", "strike"),
    ("Ledenvergadering op maandag 17 maart 2025 om 19 uur in het vakbondshuis.", "meeting"),
])
def test_dutch_compounds_keep_their_last_word(text: str, kind: str) -> None:
    assert kinds(text, "nl") == [kind]


@pytest.mark.parametrize("text, lang, kind", [
    ("Concert de soutien à la grève le samedi 15 mars 2025 à 20h.", "fr", "concert"),
    ("Rassemblement le samedi 15 mars 2025 à 14h, suivi d'un concert.", "fr", "rally"),
    ("Public meeting in support of the strike on Tuesday 18 March 2025 at 7pm.", "en",
     "meeting"),
    ("Rally on Saturday 15 March 2025 at 2pm, followed by a concert.", "en", "rally"),
    ("Infoavond over de betoging op dinsdag 18 maart 2025 om 20 uur.", "nl", "meeting"),
    ("Samenkomst op zaterdag 15 maart 2025 om 14 uur, gevolgd door een optreden.", "nl",
     "rally"),
])
def test_the_opening_cue_names_the_event_not_its_cause_or_sequel(text: str, lang: str,
                                                                  kind: str) -> None:
    assert kinds(text, lang) == [kind]


@pytest.mark.parametrize("text, lang, kind", [
    ("Join us for the march on Saturday 15 March 2025 at 1pm from Hyde Park.", "en", "march"),
    ("Venez nombreux à la manifestation le jeudi 13 mars 2025 à 10h à Bruxelles.", "fr",
     "demonstration"),
    ("Kom naar Brussel voor de betoging op donderdag 13 maart 2025 om 10 uur.", "nl",
     "demonstration"),
])
def test_an_invitation_to_the_event_keeps_its_kind(text: str, lang: str, kind: str) -> None:
    assert kinds(text, lang) == [kind]


@pytest.mark.parametrize("lang, text, kind", [
    ("en", "Saturday 27 September: the march sets off at 2pm from Kings Cross.", "march"),
    ("nl", "Zaterdag 27 september: de stoet vertrekt om 14 uur aan het Zuidstation.", "march"),
    ("fr", "Samedi 27 septembre : la chorale chante à 15h sur la place du Jeu de Balle.",
     "concert"),
])
def test_the_words_between_a_date_and_its_time_name_the_kind(lang: str, text: str,
                                                            kind: str) -> None:
    assert kinds(text, lang) == [kind]


@pytest.mark.parametrize("lang, text, kind", [
    ("en", "Save our library! Public meeting on Thursday 20 November at 6.30pm at Walthamstow "
           "Assembly Hall.", "meeting"),
    ("fr", "Conférence sur le logement le jeudi 20 novembre à 19h, salle de réunion de la "
           "maison communale.", "meeting"),
])
def test_a_hall_named_for_assemblies_names_no_assembly(lang: str, text: str, kind: str) -> None:
    assert kinds(text, lang) == [kind]


@pytest.mark.parametrize("lang, text, kind", [
    ("en", "Strike rally: Wednesday 18 March at 12pm on the Parkinson Steps, Leeds.", "rally"),
    ("en", "Solidarity night for the bin workers' strike fund on Friday 20 March at 7pm at "
           "the Old Bakery, Bristol, with a film screening.", "screening"),
])
def test_a_strike_named_in_passing_makes_no_strike(lang: str, text: str, kind: str) -> None:
    assert kinds(text, lang) == [kind]


def test_of_two_cues_starting_together_the_longer_names_the_item() -> None:
    text = ("GRÈVE DANS L'ENSEIGNEMENT — JEUDI 19 MARS\n\nÀ Charleroi, un piquet de grève se "
            "tiendra dès 7h devant l'Athénée royal, rue des Écoles 1, 6000 Charleroi.")
    assert kinds(text, "fr") == ["strike"]
