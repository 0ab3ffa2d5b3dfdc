"""The same-event score between two times of one day (sameevent.py, `[same_event]` in
weights.toml): which later times are moments of an event already drafted, which are events
of their own. Short calls written for these tests."""

from __future__ import annotations

import pytest
from calls import extract
from calls import sorted_starts as starts

from affiche.extract.scoring import weights

APART = [
    # two rallies of one day, hours apart, each at its own place, told in running text
    ("fr", "Un rassemblement est annoncé dimanche 9 mars à 11h devant la gare de Namur. "
           "Le comité des locataires appelle, lui, à se rassembler à 15h au parc Louise-Marie.",
     "2025-03-05", ["2025-03-09T11:00", "2025-03-09T15:00"]),
    ("en", "A rally is called for Sunday 9 March at 11am outside Leeds station. "
           "The tenants' union will rally at 3pm in Hyde Park, Leeds, to back the strike.",
     "2025-03-05", ["2025-03-09T11:00", "2025-03-09T15:00"]),
    # two lines of one list at the same hour, two items (and the day's programme as a whole,
    # from its first item, by the corpus's convention for programmes)
    ("nl", "Dorpsfeest op zaterdag 17 mei in Heule\n"
           "• Om 10u30 toespraken aan de kerk\n"
           "• Vanaf 12u soep en brood voor iedereen\n"
           "• Vanaf 12u optreden van het buurtkoor",
     "2025-05-01",
     ["2025-05-17T10:30", "2025-05-17T10:30", "2025-05-17T12:00", "2025-05-17T12:00"]),
    # clauses of one sentence, cut by semicolons, each opening with its own time and kind
    ("fr", "Jeudi 19 juin, à 10h, piquet de grève devant l'usine de Herstal ; à 14h, "
           "assemblée générale à la Maison du peuple, rue des Brasseurs 12.",
     "2025-06-10", ["2025-06-19T10:00", "2025-06-19T14:00"]),
    # two actions half an hour apart, at two places: a list of actions, not one
    ("en", "Saturday 8 March, women's strike day in Brighton.\n"
           "At 9am, an action outside the town hall on Bartholomew Square.\n"
           "At 9.30am, an action of support at the county hospital on Eastern Road.",
     "2025-03-01", ["2025-03-08T09:00", "2025-03-08T09:30"]),
    # agenda entries of one day, each with its hour alone on its line after a blank line:
    # the hour is the entry's own, not a wrapped range of the entry before
    ("en", "Saturday 14 June in Norwich\n\nVigil for the closed library\n11:00\n"
           "Millennium Plain\n\nPicnic against the bypass\n15:00\nEaton Park",
     "2025-06-01", ["2025-06-14T11:00", "2025-06-14T15:00"]),
    ("nl", "Zaterdag 14 juni in Deventer\n\nWake voor de gesloten bibliotheek\n11.00 uur\n"
           "Brink\n\nPicknick tegen de ringweg\n15.00 uur\nRijsterborgherpark",
     "2025-06-01", ["2025-06-14T11:00", "2025-06-14T15:00"]),
]


@pytest.mark.parametrize(("lang", "text", "reference", "expected"), APART)
def test_later_times_of_their_own_are_events(lang: str, text: str, reference: str,
                                             expected: list[str]) -> None:
    assert starts(extract(text, reference, lang)) == expected


TOGETHER = [
    # the same hour told again at the end of the call
    ("en", "Climate vigil on Friday 14 March at 6pm at St Mary's church, Oxford. "
           "Bring a candle. We will gather from 6pm in front of the church.",
     "2025-03-10", ["2025-03-14T18:00"]),
    # the same protest an hour on, told in running text
    ("nl", "Betoging op zondag 23 maart om 14 uur aan het station van Leuven. "
           "Rond 15 uur trekt de betoging door de Bondgenotenlaan.",
     "2025-03-18", ["2025-03-23T14:00"]),
    # where the march arrives, hours after it sets off, at another place
    ("fr", "Marche pour le logement ce dimanche 30 mars à 13h, au pied de la gare de Namur. "
           "Les marcheurs arriveront vers 15h30 place d'Armes, devant le parlement.",
     "2025-03-26", ["2025-03-30T13:00"]),
    ("en", "Climate march on Saturday 5 April at 11am from Victoria Park in Leicester. "
           "The march will arrive at the Town Hall Square around 1.30pm.",
     "2025-04-01", ["2025-04-05T11:00"]),
    # a moment inside the event's stated hours, told in a sentence of its own
    ("en", "Candlelight vigil on Friday 11 July, 7pm - 9pm, at the Peace Garden, Sheffield.\n\n"
           "At 9pm we read out the names one last time.",
     "2025-07-01", ["2025-07-11T19:00"]),
    # a range wrapped over two lines: the second holds nothing but its hour
    ("en", "Support the striking porters outside St Luke's Hospital, Bradford, on Saturday "
           "6 December from 2:00 P.M.\n- 4:00 P.M.\nBring a flask and a friend.",
     "2025-12-01", ["2025-12-06T14:00"]),
    # a detail of the event without a kind of its own
    ("fr", "Rassemblement samedi 22 mars à 14h place Saint-Lambert à Liège. "
           "Les prises de son se termineront vers 16h.",
     "2025-03-18", ["2025-03-22T14:00"]),
]


@pytest.mark.parametrize(("lang", "text", "reference", "expected"), TOGETHER)
def test_moments_of_one_event_stay_one(lang: str, text: str, reference: str,
                                       expected: list[str]) -> None:
    assert starts(extract(text, reference, lang)) == expected


def test_every_same_event_weight_has_a_note() -> None:
    table = weights("same_event")
    assert table.weights and all(table.notes[name].startswith("hand:") for name in table.weights)


FOLLOWED = [
    # a march told by its rendez-vous alone, then what follows it after its last time
    ("fr", "Rendez-vous jeudi 13 mars à 10h sur la place du Marché à Ottignies pour marcher "
           "ensemble. Le cortège traversera le centre jusqu'à midi environ. "
           "La marche sera suivie d'un concert au centre culturel d'Ottignies.",
     "2025-03-10", ["2025-03-13", "2025-03-13T10:00"]),
    ("en", "Saturday 15 March: climate march at 11am from Queen's Park, Bolton. "
           "After the march, the trades council holds a rally at the Octagon Theatre.",
     "2025-03-10", ["2025-03-15", "2025-03-15T11:00"]),
    ("nl", "Betoging voor betaalbare huur op zondag 16 maart om 14 uur aan het station van "
           "Mechelen. Na de betoging volgt een concert in het Cultuurcentrum Mechelen.",
     "2025-03-10", ["2025-03-16", "2025-03-16T14:00"]),
]


@pytest.mark.parametrize(("lang", "text", "reference", "expected"), FOLLOWED)
def test_an_event_after_the_march_at_its_own_place(lang: str, text: str, reference: str,
                                                   expected: list[str]) -> None:
    assert starts(extract(text, reference, lang)) == expected


ELSEWHERE = [
    ("fr", "Manifestations du 1er mai dans la province de Namur.\n"
           "À Namur, le cortège partira à 11h de la place de la Station.\n"
           "À Dinant, rassemblement à 10h devant l'hôtel de ville.",
     "2025-04-28", ["2025-05-01T10:00", "2025-05-01T11:00"]),
    ("en", "May Day marches in Yorkshire on Thursday 1 May.\n"
           "In Leeds, the march sets off at 11am from City Square.\n"
           "In York, the rally starts at 10am at the Minster.",
     "2025-04-28", ["2025-05-01T10:00", "2025-05-01T11:00"]),
]


@pytest.mark.parametrize(("lang", "text", "reference", "expected"), ELSEWHERE)
def test_a_procession_setting_off_in_another_town_is_its_own_march(
        lang: str, text: str, reference: str, expected: list[str]) -> None:
    assert starts(extract(text, reference, lang)) == expected


def test_a_rendez_vous_in_another_town_still_leads_to_the_event() -> None:
    text = ("Rassemblement samedi 18 janvier à 14h devant le centre fermé de Vottem. "
            "Rendez-vous à 13h à la gare de Liège-Guillemins pour y aller ensemble.")
    events = extract(text, "2025-01-13", "fr")
    assert starts(events) == ["2025-01-18T14:00"]


def test_a_bilingual_programme_is_one_programme() -> None:
    text = ("Programma voor de betoging // Programme for the demonstration\n\n"
            "Onze betoging op zaterdag 14 juni om 13 uur op het Malieveld in Den Haag:\n\n"
            "  • 13:10: opening met toespraken\n  • 13:30: vertrek van de mars\n"
            "  • 15:00: optreden van een koor\n\n"
            "The schedule for our demonstration on 14 June in The Hague:\n\n"
            "  • 13:10: opening with speeches\n  • 13:30: start of the march\n"
            "  • 15:00: a choir performs\n")
    # the day as a whole (its announcing sentence) and each item once, in either language
    assert starts(extract(text, "2025-06-01", "nl")) == [
        "2025-06-14T13:00", "2025-06-14T13:10", "2025-06-14T13:30", "2025-06-14T15:00"]


AGENDA = [
    ("fr", "Agenda de la semaine à Bruxelles\n\nTable ronde sur le logement\n\n"
           "Ce mercredi 5 mars à 18h, le comité de quartier organise une table ronde à la "
           "maison de quartier Malibran.\n\nProjection au cinéma Aventure\n\n"
           "Pour la sortie du film, le 5 mars à partir de 18h, une projection est proposée, "
           "suivie d'un échange avec la réalisatrice.",
     "2025-03-03", ["2025-03-05T18:00", "2025-03-05T18:00"]),
    ("en", "What's on this week in Bristol\n\nHousing panel\n\n"
           "On Wednesday 5 March at 6pm the tenants' union hosts a panel at the Trinity "
           "Centre.\n\nFilm night at the Cube\n\n"
           "To launch the film, on 5 March from 6pm there is a screening with the director "
           "in the room.",
     "2025-03-03", ["2025-03-05T18:00", "2025-03-05T18:00"]),
]


@pytest.mark.parametrize(("lang", "text", "reference", "expected"), AGENDA)
def test_an_agenda_entry_dated_under_its_own_heading_is_its_own_event(
        lang: str, text: str, reference: str, expected: list[str]) -> None:
    assert starts(extract(text, reference, lang)) == expected


def test_a_programme_line_setting_a_protest_off_is_an_item() -> None:
    text = ("Journée de grève le samedi 14 juin à Namur\n\n"
            "10h: Petit-déjeuner solidaire à la Maison des syndicats.\n\n"
            "14h: Rassemblement devant la gare, avec des prises de parole.\n\n"
            "17h: départ du cortège vers le parlement wallon.\n")
    assert "2025-06-14T17:00" in starts(extract(text, "2025-06-10", "fr"))


def test_setting_off_just_after_gathering_is_the_same_march() -> None:
    text = ("Vredesmars op zaterdag 21 juni in Gent\n\n"
            "13u30: samenkomst aan het Sint-Pietersstation.\n"
            "14u30: vertrek van de stoet richting Korenmarkt.\n")
    assert starts(extract(text, "2025-06-10", "nl")) == ["2025-06-21T13:30"]


TOWNS = [
    ("fr", "Grève pour le climat le vendredi 14 juin 2024: où aller\n\n"
           "Lausanne\n\nDès 11h: Soupe populaire et ateliers à la Riponne.\n\n"
           "15h: Rassemblement devant le château.\n\n"
           "Nyon\n\nDe 11h à 13h: Vélo-parade au bord du lac.\n",
     "2024-06-10", ["2024-06-14T11:00", "2024-06-14T11:00", "2024-06-14T15:00"]),
    ("en", "Climate strike on Friday 20 September 2024: where to go\n\n"
           "Leeds\n\n11am: Picnic and workshops in Millennium Square.\n\n"
           "3pm: Rally at the Town Hall.\n\n"
           "Sheffield\n\n11am - 1pm: Bike ride around the Peace Gardens.\n",
     "2024-09-16", ["2024-09-20T11:00", "2024-09-20T11:00", "2024-09-20T15:00"]),
]


@pytest.mark.parametrize(("lang", "text", "reference", "expected"), TOWNS)
def test_list_lines_under_two_town_headings_are_two_items(lang: str, text: str,
                                                          reference: str,
                                                          expected: list[str]) -> None:
    assert starts(extract(text, reference, lang))[:3] == expected


SPAN_AND_DAY = [
    ("en", "Our tenants' meeting is on Tuesday, 3 March, 7 - 9pm.\n\n"
           "Our Week of Action runs 7th - 15th March across the borough. "
           "There is a rent strike rally on Sat, 7 March, and a vigil outside the town hall "
           "on Fri, 13th.", "2026-02-27", ["2026-03-03T19:00", "2026-03-07", "2026-03-07",
                                   "2026-03-13"]),
    ("fr", "Semaine d'actions pour le logement (du 7 au 15 mars). Une manifestation a lieu "
           "le samedi 7 mars place Flagey à Bruxelles.",
     "2026-02-27", ["2026-03-07", "2026-03-07"]),
]


@pytest.mark.parametrize(("lang", "text", "reference", "expected"), SPAN_AND_DAY)
def test_a_span_of_days_and_a_day_of_its_own_are_two_events(
        lang: str, text: str, reference: str, expected: list[str]) -> None:
    assert starts(extract(text, reference, lang)) == expected


def test_a_part_of_the_day_with_its_own_hour_is_one_item() -> None:
    text = ("This weekend in Leeds\n\nOn Saturday 15 March there is a rally at 11am outside "
            "the Town Hall. In the evening, a benefit gig at the Brudenell from 8pm.\n")
    assert starts(extract(text, "2025-03-10", "en")) == ["2025-03-15T11:00",
                                                         "2025-03-15T20:00"]


TWO_CLAUSES = [
    ("en", "This weekend in Leeds\n\nOn Saturday 15 March there is a rally at 11am outside the "
           "Town Hall, and the tenants union meets at 2pm at the Swarthmore Centre.\n",
     "2025-03-10", ["2025-03-15T11:00", "2025-03-15T14:00"]),
    ("fr", "Ce samedi 15 mars, rassemblement à 11h devant la gare de Namur, et les locataires "
           "se retrouvent à 15h à la Maison des associations.\n",
     "2025-03-10", ["2025-03-15T11:00", "2025-03-15T15:00"]),
]


@pytest.mark.parametrize(("lang", "text", "reference", "expected"), TWO_CLAUSES)
def test_two_clauses_with_their_hours_and_sites_are_two_events(
        lang: str, text: str, reference: str, expected: list[str]) -> None:
    assert starts(extract(text, reference, lang)) == expected


DECENTRALISED = [
    ("fr", "Samedi 22 mars, rassemblements à Namur (14h, place d'Armes), à Liège (15h, place "
           "Saint-Lambert) et à Mons (14h, Grand-Place).\n",
     "2025-03-17", ["2025-03-22T14:00", "2025-03-22T14:00", "2025-03-22T15:00"]),
    ("nl", "Op zaterdag 22 maart zijn er betogingen in Gent om 14 uur aan het "
           "Sint-Pietersplein, in Antwerpen om 15 uur op de Groenplaats en in Leuven om 14 uur "
           "aan het Ladeuzeplein.\n",
     "2025-03-17", ["2025-03-22T14:00", "2025-03-22T14:00", "2025-03-22T15:00"]),
    ("en", "Rallies on Saturday 22 March: Leeds, rally at 12pm at the Town Hall; York, rally "
           "at 1pm at the Minster; Sheffield, rally at 12pm at the Peace Gardens.\n",
     "2025-03-17", ["2025-03-22T12:00", "2025-03-22T12:00", "2025-03-22T13:00"]),
]


@pytest.mark.parametrize(("lang", "text", "reference", "expected"), DECENTRALISED)
def test_one_sentence_naming_several_towns_gives_one_event_per_town(
        lang: str, text: str, reference: str, expected: list[str]) -> None:
    assert starts(extract(text, reference, lang)) == expected


def test_a_town_and_an_hour_alone_may_be_where_a_coach_leaves() -> None:
    text = ("Grande manifestation nationale le samedi 22 mars 2025 à 13h à la gare du Nord "
            "à Bruxelles.\nLiège, 10h30 place Saint-Lambert.\nNamur, 11h place d'Armes.\n")
    assert starts(extract(text, "2025-03-17", "fr")) == ["2025-03-22T13:00"]


def test_a_rendez_vous_from_another_town_still_leads_to_the_event() -> None:
    text = ("Fietsactie tegen de ring op vrijdag 26 september in Brussel.\n\n"
            "Vanuit Brussel, 18u afspraak aan het Flageyplein.\n"
            "Vanuit Gent, 17u afspraak aan het Sint-Pietersstation.\n")
    assert len(extract(text, "2025-09-20", "nl")) == 1
