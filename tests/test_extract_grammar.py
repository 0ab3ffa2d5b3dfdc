"""Tense, mood and negation from each language's grammar words (affiche.extract.grammar), and
what they decide: a day told as done or called off gives no event; an announcement does."""

from __future__ import annotations

import pytest
from calls import extract, starts

from affiche.extract import grammar

READINGS = [
    ("fr", "La chorale a été invitée par le comité du quartier.", "perfect_past"),
    ("fr", "Les habitants ont défilé jusqu'à la mairie.", "perfect_past"),
    ("fr", "La fête du quartier se tiendra dimanche dans le parc.", "future"),
    ("fr", "Nous manifesterons devant la gare.", "future"),
    ("fr", "La braderie n'aura pas lieu cette année.", "negated_event"),
    ("fr", "Il faudrait que chacun vienne.", "conditional"),
    ("en", "The picnic was organised by the residents.", "perfect_past"),
    ("en", "Nurses have walked out across the county.", "perfect_past"),
    ("en", "The choir will sing outside the library.", "future"),
    ("en", "The street party will not go ahead this year.", "negated_event"),
    ("en", "Neighbours would gather there every week.", "conditional"),
    ("nl", "Het buurtfeest werd vorig jaar in het park gehouden.", "perfect_past"),
    ("nl", "Honderd fietsers hebben de ring geblokkeerd.", "perfect_past"),
    ("nl", "De optocht zal langs de kaai trekken.", "future"),
    ("nl", "De rommelmarkt gaat dit jaar niet door.", "negated_event"),
    ("nl", "De buren zouden samen koken.", "conditional"),
]


@pytest.mark.parametrize(("lang", "text", "feature"), READINGS)
def test_the_grammar_reads_the_construction(lang: str, text: str, feature: str) -> None:
    assert getattr(grammar.read(text, lang), feature), (text, grammar.read(text, lang))


PLAIN = [
    ("fr", "Venez nombreux au pique-nique du parc."),
    ("fr", "La fête a lieu place du Jeu de Balle."),
    ("en", "Join us for a picnic in the park."),
    ("en", "We are expected at the gates by noon."),
    ("nl", "Kom naar het picknick in het park."),
]


@pytest.mark.parametrize(("lang", "text"), PLAIN)
def test_a_plain_call_is_neither_past_nor_negated(lang: str, text: str) -> None:
    reading = grammar.read(text, lang)
    assert not reading.perfect_past and not reading.negated_event


REPORTED = {
    "fr": "Bilan de l'année\nUne chaîne humaine a été formée le 9 octobre devant le palais.\n",
    "en": "Looking back\nA silent walk was held along the canal on October 9.\n",
    "nl": "Terugblik\nEen stille tocht werd op 9 oktober langs het kanaal gehouden.\n",
}


@pytest.mark.parametrize("lang", sorted(REPORTED))
def test_a_day_without_year_told_as_done_is_the_past_one(lang: str) -> None:
    assert extract(REPORTED[lang], "2025-02-20", lang) == []


CALLED_OFF = {
    "fr": "La veillée du vendredi 14 mars 2025 à 19h n'aura pas lieu.\n",
    "en": "The vigil on Friday 14 March 2025 at 7pm will not go ahead.\n",
    "nl": "De wake op vrijdag 14 maart 2025 om 19u gaat niet door.\n",
}


@pytest.mark.parametrize("lang", sorted(CALLED_OFF))
def test_a_negated_event_gives_no_event(lang: str) -> None:
    assert extract(CALLED_OFF[lang], "2025-03-01", lang) == []


ANNOUNCED = {
    "fr": "Une chaîne humaine a été annoncée pour le samedi 15 mars 2025 à 14h devant le "
          "palais de justice de Liège. Venez nombreux !\n",
    "en": "A human chain has been called for Saturday 15 March 2025 at 2pm outside Leeds Town "
          "Hall. Join us!\n",
    "nl": "Er is een mensenketting gepland op zaterdag 15 maart 2025 om 14u aan het stadhuis "
          "van Gent. Kom ook!\n",
}


@pytest.mark.parametrize("lang", sorted(ANNOUNCED))
def test_an_event_announced_in_the_perfect_is_kept(lang: str) -> None:
    assert starts(extract(ANNOUNCED[lang], "2025-03-01", lang)) == ["2025-03-15T14:00"]


BANNED = {
    "fr": "La préfecture a interdit la marche du samedi 14 juin 2025 à 14h au départ de la place "
          "de la République.\n",
    "en": "Police have banned the protest planned for Saturday 14 June 2025 at 2pm in Hyde "
          "Park.\n",
    "nl": "De burgemeester heeft de optocht van zaterdag 14 juni 2025 om 14u in Gent "
          "verboden.\n",
}
AGAINST_A_BAN = {
    "fr": "Rassemblement contre l'interdiction des manifestations le samedi 14 juin 2025 à 14h "
          "place Flagey à Ixelles.\n",
    "en": "Rally against the ban on protests on Saturday 14 June 2025 at 2pm in Park Square, "
          "Leeds.\n",
    "nl": "Betoging tegen het verbod op betogingen op zaterdag 14 juni 2025 om 14u op de "
          "Korenmarkt in Gent.\n",
}


@pytest.mark.parametrize("lang", sorted(BANNED))
def test_a_banned_event_gives_no_event(lang: str) -> None:
    assert extract(BANNED[lang], "2025-06-01", lang) == []


@pytest.mark.parametrize("lang", sorted(AGAINST_A_BAN))
def test_a_protest_against_a_ban_is_an_event(lang: str) -> None:
    assert starts(extract(AGAINST_A_BAN[lang], "2025-06-01", lang)) == ["2025-06-14T14:00"]


CALLED_OFF_THEN_HOUR = {
    "fr": "Info\nLa marche de samedi 14 juin 2025 est annulée. Elle devait partir à 14h de la "
          "place Flagey.\n",
    "en": "Update\nThe march on Saturday 14 June 2025 is cancelled. It would have set off at 2pm "
          "from Park Square.\n",
    "nl": "Nieuws\nDe mars van zaterdag 14 juni 2025 is afgeblazen. Om 14u zou de stoet "
          "vertrekken aan het Zuidpark.\n",
}


@pytest.mark.parametrize("lang", sorted(CALLED_OFF_THEN_HOUR))
def test_the_hour_of_a_called_off_event_gives_no_event(lang: str) -> None:
    assert extract(CALLED_OFF_THEN_HOUR[lang], "2025-06-01", lang) == []
