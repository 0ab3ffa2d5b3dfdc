"""Running-text context of `affiche.when.find`: numbers, names, nouns and offsets are no times.

Each class of false reading has negative cases per language (find returns no mention over the
given words) and positive controls that must still be found. Sentences are our own.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from affiche.when import find, parse

ZONE = ZoneInfo("Europe/Brussels")
REFERENCE = dt.datetime(2025, 3, 12, 9, 0, tzinfo=ZONE)  # a Wednesday


def _overlapping(text: str, lang: str, words: str) -> list[str]:
    """The mention texts of `find` that overlap the first occurrence of `words`."""
    start = text.index(words)
    end = start + len(words)
    return [m.text for m in find(text, REFERENCE, lang) if m.start < end and start < m.end]


# (lang, text, words that must not be read as a time)
NOT_TIMES = [
    # 2. bare numbers: house numbers, phone numbers, counts, names
    ("fr", "Le local se trouve au 12 avenue des Arts (5e étage).", "12 avenue"),
    ("fr", "Le local se trouve au 12 avenue des Arts (5e étage).", "5e"),
    ("fr", "Contact : 02 511 23 45 en semaine", "02 511"),
    ("fr", "Accueil au 8/2 place Communale", "8/2"),
    ("fr", "Avec le soutien du CNCD 11.11.11 et d'Oxfam.", "11.11.11"),
    ("fr", "Un groupe de 4 musiciens devant plus de 3 000 personnes", "de 4"),
    ("fr", "Un groupe de 4 musiciens devant plus de 3 000 personnes", "de 3 000"),
    ("nl", "Met steun van 11.11.11 en Oxfam.", "11.11.11"),
    ("nl", "Een collectief van 5 kunstenaars", "van 5"),
    ("en", "Call us on 020 7946 0958 for details", "020"),
    ("en", "She lives at 12/3 Baker Street", "12/3"),
    ("en", "We meet at 10 Downing Street at noon.", "10 Downing"),
    # 3. number words are counts without a time cue
    ("fr", "Les dons sont partagés entre quatre associations.", "entre quatre"),
    ("fr", "Les travailleurs de deux à trois dépôts suivront.", "de deux à trois"),
    ("fr", "Il a fallu plus de deux heures pour tout ranger.", "deux heures"),
    ("nl", "De drie organisaties werken samen.", "drie"),
    ("nl", "Het debat duurde meer dan twee uur.", "twee uur"),
    ("en", "A shuttle runs between the two stations.", "between the two"),
    ("en", "a huge 4 by 4 parked outside", "4 by 4"),
    # 4. durations, ages and offsets from an unknown moment
    ("fr", "Il milite depuis 12 ans.", "depuis 12 ans"),
    ("fr", "La police est arrivée une heure plus tard.", "une heure plus tard"),
    ("fr", "Quelques heures plus tard, tout était calme.", "heures plus tard"),
    ("fr", "Un test est proposé dans l'heure qui précède le concert.", "dans l'heure"),
    ("fr", "Deux ans après le début de la grève, rien n'a changé.", "Deux ans après"),
    ("fr", "Spectacle interdit aux moins de 16 ans.", "16 ans"),
    ("nl", "Een uur later kwam de politie.", "Een uur later"),
    ("nl", "Twee jaar na de start van de actie.", "Twee jaar na"),
    ("nl", "Later nog een optreden in de zaal.", "Later"),
    ("en", "Two hours later the police left.", "Two hours later"),
    ("en", "Results are expected within the hour.", "within the hour"),
    ("en", "Three years after the strike began.", "Three years after"),
    ("en", "The talks could last two hours.", "last two hours"),
    ("fr", "Rendez-vous au 3e étage, salle B.", "3e"),
    ("en", "The meeting is on the 3rd floor.", "3rd"),
    ("fr", "La 5e édition aura lieu à Namur.", "5e"),
    ("nl", "De zaal is op de 3de verdieping.", "3de"),
    ("fr", "La marche durera 3 heures.", "3 heures"),
    ("nl", "De wandeling duurt 2 uur.", "2 uur"),
    # 5. homographs: past participles, stations, newspapers, festivals, streets, event nouns
    ("fr", "Le bâtiment a été vendu et ils ont été relogés.", "été"),
    ("fr", "Départ de la gare de Bruxelles Midi.", "Midi"),
    ("fr", "Une grande soirée de soutien est prévue.", "soirée"),
    ("fr", "La soirée continuera au bar.", "soirée"),
    ("fr", "Le Festival Maintenant revient.", "Maintenant"),
    ("fr", "Ils se sont réunis place du Vingt-Août.", "Vingt-Août"),
    ("fr", "en vertu de la loi du 15 décembre 1980", "15 décembre 1980"),
    ("nl", "volgens de wet van 15 december 1980", "15 december 1980"),
    ("fr", "Le Soir rapporte que la marche aura lieu.", "Le Soir"),
    ("nl", "Volgens De Morgen komt er een betoging.", "Morgen"),
    ("nl", "Een muzikale namiddag vol verzet.", "namiddag"),
    ("nl", "Wie ter plaatse is, kan niet meteen reageren.", "meteen"),
    ("en", "The Evening Standard reported the march.", "Evening"),
    ("en", "They held a charity evening for refugees.", "evening"),
    ("en", "March for a Ceasefire Now", "Now"),
    # 6. dangling words after a comma are not part of a time
    ("fr", "Vous passerez à 18h50, ce qui laisse du temps.", ", ce"),
    ("fr", "Rendez-vous le 14 avril, un grand moment.", "un grand"),
    ("fr", "Ouverture à midi, dès midi les portes sont ouvertes.", ", dès"),
    ("fr", "Le dossier en ligne : http://exemple.org/actu-12-03-2025.html", "12-03-2025"),
    ("fr", "Brunch de 11h à 15h au 12 rue des Tanneurs.", "12 rue"),
    ("en", "From 17 to 21 March, a week of action in schools.", "a week of"),
    ("en", "The march on Saturday may start late.", "march"),
    ("en", "The march on Saturday may start late.", "may"),
]


# 1. a blank line ends a paragraph: a byline date does not date the next paragraph's time
PARAGRAPHS = [
    ("fr", "Publié le 3 février\n \n14h : ouverture des portes", "14h"),
    ("nl", "Geplaatst op 2 maart 2024\n\n9u15 Gent", "9u15"),
    ("en", "Posted 4 March\n  \n10am start", "10am"),
]


@pytest.mark.parametrize("lang,text,time", PARAGRAPHS)
def test_no_mention_crosses_a_blank_line(lang: str, text: str, time: str) -> None:
    found = find(text, REFERENCE, lang)
    assert all("\n" not in m.text for m in found)
    timed = [m for m in found if m.text == time]
    assert timed and not timed[0].has_date


@pytest.mark.parametrize("lang,text,words", NOT_TIMES)
def test_not_a_time_in_running_text(lang: str, text: str, words: str) -> None:
    assert _overlapping(text, lang, words) == []


# (lang, text, mention text, start of its value)
STILL_TIMES = [
    ("fr", "Rendez-vous samedi 19 à 14h devant la gare.", "samedi 19 à 14h", "2025-03-22T14:00"),
    ("fr", "rendez-vous à midi sur la place", "midi", "2025-03-12T12:00"),
    ("fr", "Le festival revient cet été.", "cet été", "2025-06-21"),
    ("fr", "La marche aura lieu le 14 avril.", "14 avril", "2025-04-14"),
    ("fr", "Mercredi 19 avril, rassemblement.", "Mercredi 19 avril", "2025-04-16"),
    ("fr", "Départ depuis la gare du Midi à 13h.", "13h", "2025-03-12T13:00"),
    ("fr", "Un débat aura lieu en soirée.", "soirée", "2025-03-12T18:00"),
    ("fr", "On se retrouve ce soir.", "ce soir", "2025-03-12T18:00"),
    ("fr", "samedi dans la soirée", "samedi dans la soirée", "2025-03-15T18:00"),
    ("fr", "Le soir, concert.", "Le soir", "2025-03-12T18:00"),
    ("fr", "Rendez-vous à deux heures.", "deux heures", "2025-03-12T02:00"),
    ("fr", "Ils manifestent les 24 et 25 septembre.", "24", "2025-09-24"),
    ("fr", "Mobilisation le 16 à Lyon.", "16", "2025-03-16"),
    ("fr", "Depuis 2014, le site est occupé.", "Depuis 2014", "2014-01-01"),
    ("fr", "Réponse dans 3 jours.", "dans 3 jours", "2025-03-15"),
    ("fr", "Vous passerez à 18h50, ce qui laisse du temps.", "18h50", "2025-03-12T18:50"),
    ("fr", "Rendez-vous le 14 avril, un grand moment.", "14 avril", "2025-04-14"),
    ("fr", "Lundi 17 mars,\nà 14h30 : accueil", "Lundi 17 mars,\nà 14h30", "2025-03-17T14:30"),
    ("fr", "Vers 10h, le cortège part.", "10h", "2025-03-12T10:00"),
    ("nl", "We verzamelen om 14u.", "14u", "2025-03-12T14:00"),
    ("nl", "Afspraak om drie uur.", "drie uur", "2025-03-12T15:00"),
    ("nl", "We wandelen in de namiddag.", "in de namiddag", "2025-03-12T12:00"),
    ("nl", "Morgen is het feest.", "Morgen", "2025-03-13"),
    ("nl", "zaterdagavond om 20 uur", "zaterdagavond om 20 uur", "2025-03-15T20:00"),
    ("nl", "Later vanmiddag volgt een optreden.", "Later vanmiddag", "2025-03-12T12:00"),
    ("en", "Meet us at 2pm outside.", "2pm", "2025-03-12T14:00"),
    ("en", "Doors open at three pm.", "three pm", "2025-03-12T15:00"),
    ("en", "A vigil in the evening.", "in the evening", "2025-03-12T18:00"),
    ("en", "Saturday evening at 7pm", "Saturday evening at 7pm", "2025-03-15T19:00"),
    ("en", "March for a Ceasefire Now – 15 March", "15 March", "2025-03-15"),
    ("en", "We met last Saturday.", "last Saturday", "2025-03-08"),
    ("en", "See you on the 3rd of April.", "3rd of April", "2025-04-03"),
    ("fr", "La fête du 1er mai", "du 1er mai", "2025-05-01"),
    ("nl", "De stoet vertrekt op 22 februari volgend jaar.", "22 februari volgend jaar",
     "2026-02-22"),
    ("en", "Join us on 3 march at noon.", "3 march at noon", "2026-03-03T12:00"),
    ("en", "Programme\n1.45 - 2.00 pm March joins the rally", "1.45 - 2.00 pm",
     "2025-03-12T13:45"),
    ("en", "On the 18th we will march.", "18th", "2025-03-18"),
    ("fr", "Semaine d'action du 13 au 18.", "du 13 au 18", "2025-03-13"),
    ("en", "The vigil on November 11th concerns us all.", "November 11th", "2025-11-11"),
    ("en", "the first of march", "first of march", "2026-03-01"),
    ("fr", "Brunch de 11h à 15h au 12 rue des Tanneurs.", "de 11h à 15h", "2025-03-12T11:00"),
    ("fr", "Samedi 15/3 place Flagey à 14h", "Samedi 15/3 place Flagey à 14h",
     "2025-03-15T14:00"),
    ("en", "From 17 to 21 March, a week of action in schools.", "From 17 to 21 March",
     "2025-03-17"),
    ("fr", "Programme\nAprès-midi : ateliers", "Après-midi", "2025-03-12T12:00"),
    ("nl", "Programma\nNamiddag: workshops", "Namiddag", "2025-03-12T12:00"),
    ("en", "Schedule\nEvening - speeches", "Evening", "2025-03-12T18:00"),
]


@pytest.mark.parametrize("lang,text,expected,value", STILL_TIMES)
def test_still_a_time(lang: str, text: str, expected: str, value: str) -> None:
    found = {m.text: m for m in find(text, REFERENCE, lang)}
    assert expected in found, list(found)
    assert found[expected].value.isoformat().startswith(value)


def test_a_dangling_connector_opens_nothing() -> None:
    first = find("Ouverture à midi, dès midi les portes sont ouvertes.", REFERENCE, "fr")[0]
    assert (first.text, first.kind, first.open) == ("midi", "value", None)


# 7. "dernier", "passé": a day stated with a past modifier lies before the reference
PAST = [
    ("fr", "Nous avons manifesté ce week-end passé.", "ce week-end passé", "2025-03-07"),
    ("fr", "Souvenez-vous de la manifestation du 22 février dernier.", "22 février dernier",
     "2025-02-22"),
    ("fr", "Lancée le 30 mars dernier, la campagne continue.", "30 mars dernier", "2024-03-30"),
    ("fr", "Nous y étions jeudi dernier.", "jeudi dernier", "2025-03-06"),
    ("fr", "Du 3 au 5 mars de l'année dernière, le site était occupé.", "Du 3 au 5 mars",
     "2024-03-03"),
    ("nl", "De betoging van 22 februari vorig jaar was groot.", "22 februari vorig jaar",
     "2024-02-22"),
    ("nl", "Vorig jaar in juni trokken we naar Gent.", "Vorig jaar in juni", "2024-06-01"),
    ("en", "The march on 22 February last year was huge.", "22 February last year",
     "2024-02-22"),
]


@pytest.mark.parametrize("lang,text,expected,value", PAST)
def test_past_modifier_reads_the_past(lang: str, text: str, expected: str, value: str) -> None:
    found = [m for m in find(text, REFERENCE, lang) if expected in m.text]
    assert found, text
    assert found[0].value.isoformat().startswith(value)
    assert any(w.code == "past_date" for w in found[0].warnings)


def test_once_the_coming_weekend_is_over_stays_ahead() -> None:
    found = find("Une fois ce week-end passé, on reprend.", REFERENCE, "fr")
    assert found[0].value.isoformat().startswith("2025-03-14")


@pytest.mark.parametrize("lang,expression", [
    ("fr", "deux heures"), ("nl", "drie uur"), ("fr", "soirée"), ("en", "evening"),
    ("fr", "maintenant"), ("en", "now"),
])
def test_isolated_expressions_keep_their_reading(lang: str, expression: str) -> None:
    """The context rules are for running text: `parse` still reads a lone expression."""
    assert parse(expression, REFERENCE, lang)


@pytest.mark.parametrize(("lang", "text", "kept"), [
    ("en", "Agenda: 1) treasurer's report 2) the December action 3) AOB.", ["December"]),
    ("fr", "Ordre du jour : 1) bilan 2) la marche de mars 3) divers.", []),
    ("fr", "samedi 6 décembre (14h)", ["samedi 6 décembre (14h"]),
])
def test_a_lists_numbering_is_no_day(lang: str, text: str, kept: list[str]) -> None:
    reference = dt.datetime(2025, 11, 26, tzinfo=ZoneInfo("Europe/Brussels"))
    assert [m.text for m in find(text, reference, lang)] == kept


@pytest.mark.parametrize("text", ["Wij roepen iedereen op om op 6 december te betogen.",
                                  "Kom om 6 december naar Brussel."])
def test_a_number_with_its_month_after_om_is_a_day(text: str) -> None:
    reference = dt.datetime(2025, 11, 26, tzinfo=ZoneInfo("Europe/Brussels"))
    (mention,) = find(text, reference, "nl")
    assert mention.value.date().isoformat() == "2025-12-06" and not mention.has_time
