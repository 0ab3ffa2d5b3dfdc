"""How times group into events: registration dates, past days in passing, several events in
one sentence or at one hour, publication times; short calls written for these tests."""

from __future__ import annotations

import pytest
from calls import extract
from calls import sorted_starts as starts

REGISTRATION = [
    ("fr", "Marche pour le climat le samedi 14 juin à 14h, place de la Monnaie à Bruxelles.\n"
           "Inscriptions pour les navettes dès le 2 juin à 9h.", "2025-05-20",
     ["2025-06-14T14:00"]),
    ("nl", "Fietstocht voor vluchtelingen op zondag 15 juni om 10u aan het Sint-Pietersplein "
           "in Gent.\nSchrijf je in via de website (vanaf 3 juni, 9 uur).", "2025-05-20",
     ["2025-06-15T10:00"]),
    ("en", "Climate march on Saturday 14 June at 2pm, Parliament Square, London.\n"
           "Register for the coaches from 2 June at 9am.", "2025-05-20",
     ["2025-06-14T14:00"]),
    # a flattened page glued the link before it to the sentence
    ("nl", "Buurtfeest op zaterdag 21 juni om 15 uur in het Citadelpark in Gent.\n"
           "Buurtfeest CitadelparkSchrijf je in of bel de stad (vanaf 3 juni, 9 uur).",
     "2025-05-20", ["2025-06-21T15:00"]),
]


@pytest.mark.parametrize(("lang", "text", "reference", "expected"), REGISTRATION)
def test_a_registration_date_is_no_event(lang: str, text: str, reference: str,
                                         expected: list[str]) -> None:
    assert starts(extract(text, reference, lang)) == expected


def test_a_past_day_in_the_same_sentence_leaves_the_next_one_live() -> None:
    text = ("La fête des voisins, lancée à Ixelles le 4 octobre dernier, se poursuit ce "
            "samedi 11 octobre à la maison de quartier de Forest.\n"
            "Repas partagé, entrée libre.")
    assert starts(extract(text, "2025-10-09", "fr")) == ["2025-10-11"]


def test_two_kinds_and_two_hours_in_one_sentence_are_two_events() -> None:
    text = ("Saturday 21 March: the main rally starts at noon on the Market Square in Leeds "
            "and the candlelight vigil starts at 6pm.")
    events = extract(text, "2026-03-16", "en")
    assert starts(events) == ["2026-03-21T12:00", "2026-03-21T18:00"]
    assert sorted(e.kind for e in events) == ["rally", "vigil"]


def test_the_same_hour_told_again_near_another_landmark_is_the_same_event() -> None:
    text = ("Vigil for the victims, 3pm on 28 December, Trafalgar Square, London.\n\n"
            "Meeting place: we will gather from 3pm as close as we can to the embassy "
            "in Trafalgar Square.")
    assert starts(extract(text, "2025-12-20", "en")) == ["2025-12-28T15:00"]


def test_agenda_paragraphs_opening_with_the_same_hour_are_separate_events() -> None:
    text = ("Agenda du vendredi 20 mai 2022\n\n"
            "à 14h, le comité de défense organise un rassemblement devant l'hôpital Beaujon, "
            "à Clichy.\n\n"
            "à 14h aussi, sur la place de la République, la coordination tient son "
            "rassemblement hebdomadaire.")
    events = extract(text, "2022-05-19", "fr")
    assert starts(events) == ["2022-05-20T14:00", "2022-05-20T14:00"]


def test_the_hour_under_a_dateline_is_the_publication_time() -> None:
    text = ("Groot diner voor vluchtelingen\n19 juni 2019\n"
            "16u48 Antwerpen Morgen is er een groot diner op de Dageraadplaats.\n"
            "Op het diner, van 17 uur tot 19 uur, is iedereen welkom.")
    assert starts(extract(text, "2019-06-19", "nl")) == ["2019-06-20T17:00"]


SITES = [
    ("fr", "Distribution de soupe\n\nSAMEDI 7/03 de 11h à 14h\n\n"
           "Maison de quartier, rue Haute 12 à 1000 Bruxelles\n\n"
           "Salle des fêtes, rue de la Victoire 20 à 1060 Saint-Gilles\n\n"
           "Gratuit pour les enfants.", "2026-02-20", ["1000", "1060"]),
    ("nl", "Soepbedeling\n\nZATERDAG 7/03 van 11u tot 14u\n\n"
           "Buurthuis, Kerkstraat 5, 9000 Gent\n\n"
           "Parochiezaal, Molenstraat 18, 9050 Gentbrugge\n\n"
           "Gratis voor kinderen.", "2026-02-20", ["9000", "9050"]),
]


@pytest.mark.parametrize(("lang", "text", "reference", "postcodes"), SITES)
def test_sites_listed_under_a_date_heading_are_one_event_each(
        lang: str, text: str, reference: str, postcodes: list[str]) -> None:
    events = extract(text, reference, lang)
    assert starts(events) == ["2026-03-07T11:00", "2026-03-07T11:00"]
    assert [e.place.postcode for e in events] == postcodes


JOINED = [
    ("fr", "La fête de quartier se poursuit ce samedi 14 mars au centre culturel de Forest et "
           "à l'école communale de Saint-Gilles : venez nombreux !", "2026-03-10"),
    ("en", "The open day goes on this Saturday 14 March at the Trinity Community Centre and at "
           "the Hope Street School: come along!", "2026-03-10"),
]


@pytest.mark.parametrize(("lang", "text", "reference"), JOINED)
def test_two_venues_joined_in_one_sentence_are_two_events(lang: str, text: str,
                                                          reference: str) -> None:
    events = extract(text, reference, lang)
    assert starts(events) == ["2026-03-14", "2026-03-14"]
    assert len({e.place.name for e in events}) == 2
    if lang == "fr":  # each site keeps its own town
        assert [e.place.locality for e in events] == ["Forest", "Saint-Gilles"]


def test_a_kind_right_after_a_second_hour_makes_it_an_event() -> None:
    text = ("Mardi 23 juin\nDès 13h, journée de réparation de vélos et à 19h un atelier "
            "d'écriture, au Local, 7 place du Marché, 1060 Saint-Gilles.")
    events = extract(text, "2026-06-01", "fr")
    assert starts(events) == ["2026-06-23T13:00", "2026-06-23T19:00"]
    assert "workshop" in {e.kind for e in events}


def test_a_cancelled_item_leaves_its_day_to_the_next_sentence() -> None:
    text = ("Programme\nVendredi 26 juin\nDébat annulé à 19h, faute d'intervenants.\n"
            "Puis concerts à partir de 21h30 dans la cour du Local, Lyon.")
    assert starts(extract(text, "2026-06-01", "fr")) == ["2026-06-26T21:30"]


CLOSING = [
    ("fr", "Samedi 10 octobre, fête de quartier à la Maison du Peuple\n13h : atelier masques\n"
           "17h : discussion\n21h : concert\nMinuit : fermeture des portes", "2026-10-01"),
    ("nl", "Zaterdag 10 oktober, buurtfeest in het Vredeshuis\n13u: workshop maskers\n"
           "17u: debat\n21u: concert\n24u: sluiting", "2026-10-01"),
    ("en", "Saturday 10 October, street party at the Union Hall\n1pm: mask workshop\n"
           "5pm: debate\n9pm: concert\nMidnight: doors close", "2026-10-01"),
]


@pytest.mark.parametrize(("lang", "text", "reference"), CLOSING)
def test_a_closing_line_ends_the_day_and_is_no_item(lang: str, text: str,
                                                    reference: str) -> None:
    events = extract(text, reference, lang)
    assert starts(events) == ["2026-10-10T13:00", "2026-10-10T13:00", "2026-10-10T17:00",
                              "2026-10-10T21:00"]
    day = next(e for e in events if e.end is not None and e.end.isoformat()[:10] == "2026-10-11")
    assert day.end.isoformat()[:16] == "2026-10-11T00:00"


ASSEMBLY = [
    ("fr", "Ce 14 octobre, mobilisons-nous pour le logement !\n"
           "Rendez-vous dès 14h, rue Haute à Bruxelles, avec de quoi faire du bruit.\n"
           "Action éclair à 14h30.", "2026-10-01", "2026-10-14T14:00"),
    ("nl", "Op 14 oktober komen we op straat voor betaalbare huur!\n"
           "Afspraak om 14u aan de Korenmarkt in Gent, breng een fluitje mee.\n"
           "Ludieke actie om 14u30.", "2026-10-01", "2026-10-14T14:00"),
    ("en", "On 14 October we take to the streets for fair rents!\n"
           "Meet at 2pm at Market Square in Leeds, bring a whistle.\n"
           "Flash action at 2.30pm.", "2026-10-01", "2026-10-14T14:00"),
]


@pytest.mark.parametrize(("lang", "text", "reference", "start"), ASSEMBLY)
def test_a_rendez_vous_on_the_site_just_before_is_the_start(lang: str, text: str,
                                                            reference: str, start: str) -> None:
    assert starts(extract(text, reference, lang)) == [start]


def test_a_meeting_hours_before_elsewhere_is_no_start() -> None:
    text = ("Saturday 20 March\nSome of us meet at 10am at the town hall to lobby councillors.\n\n"
            "The main rally starts at noon.")
    assert starts(extract(text, "2027-03-15", "en")) == ["2027-03-20T12:00"]


def test_the_publication_date_in_the_headline_is_no_event() -> None:
    text = ("Refugee Walk in Mechelen aangekondigd 23 mei 2026\n"
            "Op zondag 27 september organiseert de vereniging een Refugee Walk in Mechelen.")
    assert starts(extract(text, "2026-05-23", "nl")) == ["2026-09-27"]


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Samedi 14 mars après-midi, marche pour le climat à Namur."),
    ("nl", "Zaterdagnamiddag 14 maart is er een klimaatmars in Gent."),
    ("en", "Saturday 14 March evening: vigil in Leeds."),
])
def test_a_part_of_the_day_gives_the_day_and_no_end(lang: str, text: str) -> None:
    events = extract(text, "2026-03-01", lang)
    assert starts(events) == ["2026-03-14"]
    assert events[0].end is None


def test_an_agenda_heading_titles_none_of_its_events() -> None:
    text = ("Agenda de la semaine\n\nMardi 7 octobre\n19h : projection au cinéma Nova, "
            "rue d'Arenberg 3, 1000 Bruxelles.\n\nSamedi 11 octobre\n14h : rassemblement devant "
            "l'Office des étrangers, boulevard Pachéco 44, 1000 Bruxelles.")
    events = extract(text, "2025-10-01", "fr")
    assert len(events) == 2
    assert all(e.title != "Agenda de la semaine" for e in events)
    assert events[0].title.startswith("Projection")


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Dimanche 9 novembre à 15h, départ de la place Saint-Lambert à Liège. La marche se "
           "terminera au palais de justice vers 17h."),
    ("en", "Sunday 9 November at 3pm, we leave from Albert Square in Manchester; the march ends "
           "outside the Central Library at 5pm."),
])
def test_an_ending_word_in_the_same_clause_gives_the_end(lang: str, text: str) -> None:
    events = extract(text, "2025-11-03", lang)
    assert [e.end.isoformat()[:16] for e in events] == ["2025-11-09T17:00"]


def test_an_assembly_under_a_date_line_is_the_events_place() -> None:
    text = ("National demonstration for fair rents\nDate: Saturday 9th August\n"
            "Time: Assemble at midday outside Broadcasting House, Portland Place, London W1A 1AA\n"
            "Then we march on to Green Park past the Treasury")
    events = extract(text, "2025-08-01", "en")
    assert starts(events) == ["2025-08-09T12:00"]
    assert events[0].place.postcode == "W1A 1AA"


def test_a_rendez_vous_before_going_to_the_site_stays_a_meeting_point() -> None:
    text = ("Appel à un parloir sauvage au centre de rétention de Vottem, le samedi 5 novembre.\n"
            "Nous nous donnons rendez-vous à 10h30 devant la gare de Herstal, puis nous rendre "
            "ensemble au centre.")
    events = extract(text, "2022-10-31", "fr")
    assert starts(events) == ["2022-11-05T10:30"]
    assert "centre de rétention" in (events[0].place.name or "")


def test_an_agenda_date_heading_without_time_reads_the_entry_below() -> None:
    text = ("Agenda\n\n29\napr\n2026\nTalentenmarkt in Antwerpen\n\n"
            "Een markt met lokale ideeën en producten, in het Werkhuys in Borgerhout.\n\n"
            "07\nmei\n2026\nDe Grote Parade\n\nWe treffen elkaar om 13u45 aan het Noordstation.")
    events = extract(text, "2026-04-20", "nl")
    assert [s[:10] for s in starts(events)] == ["2026-04-29", "2026-05-07"]


def test_a_day_named_with_its_own_kind_before_timed_items_of_another_is_its_own_event() -> None:
    text = ("Woensdagnamiddag 20 mei 2026 is er een wandeling door Gent langs de diensten voor "
            "vluchtelingen. Vanaf 18 uur ben je welkom in de Vooruit voor een maaltijd.\n\n"
            "De wandeling van woensdag 20 mei vertrekt aan het Sint-Pietersplein.")
    events = extract(text, "2026-05-01", "nl")
    assert starts(events) == ["2026-05-20", "2026-05-20T18:00"]
    assert [e.kind for e in events] == ["march", "other"]


def test_a_protest_told_with_several_words_stays_one_event() -> None:
    text = ("Manifestation nationale ce mardi 28 janvier à Bruxelles.\n"
            "Le cortège partira à 10h de la gare du Nord en direction de la gare du Midi.")
    assert len(extract(text, "2025-01-27", "fr")) == 1


def test_a_programme_heading_with_a_kind_is_not_split_from_its_items() -> None:
    text = ("Samedi 12 avril 2025 : festival de solidarité à la Maison du Peuple, Saint-Gilles\n"
            "14h : atelier de pancartes\n18h30 : projection\n21h : concert")
    events = extract(text, "2025-04-01", "fr")
    assert starts(events) == ["2025-04-12T14:00", "2025-04-12T14:00", "2025-04-12T18:30",
                              "2025-04-12T21:00"]


STILL_TO_COME = [
    ("nl", "Vanmiddag protesteren boeren op het Malieveld in Den Haag tegen de stikstofregels. "
           "Er waren veel trekkers te zien.\n\nDe politie greep niet in.\n\n"
           "Later vanmiddag wordt op het Malieveld nog een wake gehouden voor de slachtoffers.",
     "2023-03-11", ["2023-03-11"]),
    ("en", "This morning hundreds of nurses marched through Leeds city centre. Speakers "
           "criticised the pay offer and the crowd was large.\n\n"
           "Later this afternoon a vigil will be held on Park Square for the staff who died.",
     "2023-03-11", ["2023-03-11"]),
    ("fr", "Ce matin, des centaines de soignants ont défilé à Lille. Ils ont dénoncé les "
           "fermetures de lits et la foule était nombreuse.\n\n"
           "Plus tard cet après-midi, un rassemblement aura lieu devant la mairie de Lille.",
     "2023-03-11", ["2023-03-11"]),
]


@pytest.mark.parametrize(("lang", "text", "reference", "expected"), STILL_TO_COME)
def test_a_day_still_to_come_in_a_report_is_an_event(lang: str, text: str, reference: str,
                                                      expected: list[str]) -> None:
    assert starts(extract(text, reference, lang)) == expected


def test_a_report_of_today_alone_gives_no_event() -> None:
    text = ("Vanmiddag protesteren boeren op het Malieveld in Den Haag tegen de stikstofregels. "
            "Er waren veel trekkers te zien en er werd gezongen.\n\nDe politie greep niet in.")
    assert extract(text, "2023-03-11", "nl") == []


def test_an_open_start_on_its_own_line_is_the_event_day() -> None:
    text = ("Ghent: a week of open squats in November\n\nfrom the 12th of November\n\n"
            "Join us for concerts, meals and debates in empty buildings across Ghent.")
    assert starts(extract(text, "2025-10-20", "en")) == ["2025-11-12"]


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "À partir du 1er avril, la nouvelle loi interdit les rassemblements. "
           "Manifestation le samedi 14 mars à 14h, place Flagey."),
    ("nl", "Vanaf 1 april geldt de nieuwe wet tegen betogingen. Betoging op zaterdag 14 maart "
           "om 14 uur, Sint-Pietersplein, Gent."),
    ("en", "From 1 April the new law bans protests. Join the march on Saturday 14 March at "
           "2pm, Parliament Square, London."),
])
def test_an_open_start_in_running_text_is_a_state_of_things(lang: str, text: str) -> None:
    assert starts(extract(text, "2026-03-09", lang)) == ["2026-03-14T14:00"]


UNTIL_ENTRIES = [
    ("fr", "Agenda du jour\n\njeudi 12 mars 2026\npar Léa\n\n"
           "Jusqu'à 12h, le collectif Logement tient sa permanence pour aider les locataires. "
           "C'est ouvert jusqu'à 12h, à la Maison des associations, 8 rue Haute, Liège.\n\n"
           "à 15h, rassemblement devant le palais de justice de Liège contre les expulsions.",
     "2026-03-12", ["2026-03-12", "2026-03-12T15:00"], ["2026-03-12T12:00", None],
     ["Maison des associations", "palais de justice de Liège"]),
    ("en", "What's on today\n\nThursday 12 March 2026\nby Sam\n\n"
           "Until 12pm, the tenants' union holds its advice desk for renters, at the Union "
           "Hall, 8 High Street, Leeds.\n\n"
           "At 3pm, a rally outside the Town Hall in Leeds against evictions.",
     "2026-03-12", ["2026-03-12", "2026-03-12T15:00"], ["2026-03-12T12:00", None],
     ["Union Hall", "Town Hall"]),
]


@pytest.mark.parametrize(("lang", "text", "reference", "expected", "ends", "names"),
                         UNTIL_ENTRIES)
def test_an_agenda_entry_opening_with_its_closing_time_is_its_own_event(
        lang: str, text: str, reference: str, expected: list[str], ends: list[str | None],
        names: list[str]) -> None:
    events = sorted(extract(text, reference, lang), key=lambda e: e.start.isoformat())
    assert starts(events) == expected
    assert [e.end.isoformat()[:16] if e.end else None for e in events] == ends
    # each takes the place of its own entry, not the one named in the other's sentence
    assert [e.place.name for e in events] == names


STEPS_OF_ONE_PROTEST = [
    ("en", "Coal march\n\nDate: Sat 9th May\nAssemble: Leeds Station Car Park 11am,\n"
           "Rally starts at 11.30am,\nSet off at 12pm\n\nJoin us and bring banners!",
     "2026-04-20", ["2026-05-09T11:00"]),
    ("fr", "Marche pour le climat\n\nDate : samedi 9 mai\nRassemblement : parvis de la gare de "
           "Namur à 11h,\nDiscours à 11h30,\nDépart de la marche à 12h\n\nVenez nombreux !",
     "2026-04-20", ["2026-05-09T11:00"]),
]


@pytest.mark.parametrize(("lang", "text", "reference", "expected"), STEPS_OF_ONE_PROTEST)
def test_the_steps_of_one_street_protest_are_one_event(lang: str, text: str, reference: str,
                                                       expected: list[str]) -> None:
    assert starts(extract(text, reference, lang)) == expected


def test_a_programme_line_carrying_on_the_same_protest_joins_it() -> None:
    text = ("Saturday 7 November, climate day in London\n"
            "10.00am Bike ride assembles at Hyde Park Corner.\n"
            "11.00am Rally opens: music and poetry.\n"
            "12 noon Main rally at Parliament Square, speakers from the unions.\n"
            "2.00pm Film screening at the Friends Meeting House.\n\nJoin us!")
    events = extract(text, "2026-10-20", "en")
    assert starts(events) == ["2026-11-07T10:00", "2026-11-07T11:00", "2026-11-07T14:00"]
    assert events[1].place.name == "Parliament Square"


HEADLINE_TWINS = [
    ("fr", "Rencontrer Léa Dubois et Marc Lambert, le 14 novembre 2026\n\n"
           "Si le gaspillage vous préoccupe, venez rencontrer Léa Dubois et Marc Lambert, le "
           "samedi 7 novembre 2026, à 19h, à la Maison du quartier de Namur.",
     "2026-10-01", ["2026-11-07T19:00"], "2026-11-14"),
    ("en", "Meet the Green Grocers Collective on 14 November 2026\n\n"
           "Come and meet the Green Grocers Collective on Saturday 7 November 2026 at 7pm at "
           "the Friends Meeting House in Leeds.",
     "2026-10-01", ["2026-11-07T19:00"], "2026-11-14"),
]


@pytest.mark.parametrize(("lang", "text", "reference", "expected", "other"), HEADLINE_TWINS)
def test_a_headline_giving_another_day_for_the_same_words_is_flagged(
        lang: str, text: str, reference: str, expected: list[str], other: str) -> None:
    events = extract(text, reference, lang)
    assert starts(events) == expected
    conflict = next(w for w in events[0].warnings if w.code == "conflicting_dates")
    assert any(c.startswith(other) for c in conflict.candidates)


def test_a_headline_naming_another_event_stays_its_own() -> None:
    text = ("Concert de soutien le 14 novembre 2026 à 20h au Jazz Station, Bruxelles\n\n"
            "Avant cela, venez à l'assemblée des locataires le samedi 7 novembre 2026 à 14h, "
            "à la Maison du peuple de Saint-Gilles.")
    assert starts(extract(text, "2026-10-01", "fr")) == ["2026-11-07T14:00", "2026-11-14T20:00"]


PAST_HOUR_BEFORE_ANY_DATE = [
    ("fr", "Deuil\n\nÀ 11 heures, les cloches des églises ont retenti dans tout le pays.\n"
           "Une veillée en hommage aux victimes est prévue le samedi 21 mars à 19h30, "
           "place Saint-Lambert à Liège.", "2026-03-16", ["2026-03-21T19:30"]),
    ("en", "Mourning\n\nAt 11am, church bells have rung across the country.\n"
           "A vigil for the victims is planned on Saturday 21 March at 7.30pm on Park "
           "Square in Leeds.", "2026-03-16", ["2026-03-21T19:30"]),
]


@pytest.mark.parametrize(("lang", "text", "reference", "expected"), PAST_HOUR_BEFORE_ANY_DATE)
def test_an_hour_told_in_the_past_before_any_date_is_no_event(
        lang: str, text: str, reference: str, expected: list[str]) -> None:
    assert starts(extract(text, reference, lang)) == expected


def test_a_kind_later_in_the_clause_of_the_second_hour_makes_two_events() -> None:
    text = ("Zaterdag 21 juni: vanaf 18 uur ben je welkom in De Centrale voor een "
            "buurtmaaltijd, en vanaf 21 uur geniet je er van de klanken van de lokale bands "
            "uit Gent.")
    events = extract(text, "2025-06-01", "nl")
    assert starts(events) == ["2025-06-21T18:00", "2025-06-21T21:00"]
    assert events[1].kind == "concert"


PART_OF_DAY_ITEMS = [
    ("fr", "Grande manifestation ce samedi 10/10 à 14h depuis la gare du Nord à Bruxelles.\n"
           "Le soir, boum de soutien au Pianofabriek.", "2026-10-05",
     ["2026-10-10", "2026-10-10T14:00"], "party"),
    ("en", "Big march this Saturday 10/10 at 2pm from Euston station in London.\n"
           "In the evening, a benefit gig at the Union Chapel.", "2026-10-05",
     ["2026-10-10", "2026-10-10T14:00"], "concert"),
]


@pytest.mark.parametrize(("lang", "text", "reference", "expected", "kind"), PART_OF_DAY_ITEMS)
def test_a_part_of_the_day_opening_a_sentence_of_another_kind_is_its_own_event(
        lang: str, text: str, reference: str, expected: list[str], kind: str) -> None:
    events = extract(text, reference, lang)
    assert starts(sorted(events, key=lambda e: e.start.isoformat())) == expected
    assert kind in {e.kind for e in events}


def test_a_habit_with_neither_time_nor_place_is_no_event() -> None:
    text = ("Squat week in Liège\n\nfrom the 12th of November\n\n"
            "Join us, open the doors! Our meetings take place each wednesday, write to us.")
    assert starts(extract(text, "2026-10-20", "en")) == ["2026-11-12"]


FOLLOWED_BY = [
    ("fr", "Rassemblement le samedi 14 mars 2026 à 15h devant la mairie de Rouillé.\n\n"
           "Autour d'un goûter, ce rassemblement se prolongera par la projection du film "
           "« Ce qui nous attend demain » à la salle municipale René Grison.",
     "2026-03-01", ["2026-03-14", "2026-03-14T15:00"], "screening", "salle municipale René Grison"),
    ("en", "Rally on Saturday 14 March 2026 at 3pm outside the Town Hall in Leeds.\n\n"
           "The rally will be followed by a screening of the film \"See you tomorrow\" at the "
           "Hyde Park Picture House.",
     "2026-03-01", ["2026-03-14", "2026-03-14T15:00"], "screening", "Hyde Park Picture House"),
]


@pytest.mark.parametrize(("lang", "text", "reference", "expected", "kind", "name"), FOLLOWED_BY)
def test_an_event_handed_over_to_another_place_gives_a_second_event(
        lang: str, text: str, reference: str, expected: list[str], kind: str,
        name: str) -> None:
    events = sorted(extract(text, reference, lang), key=lambda e: e.start.isoformat())
    # "demain"/"tomorrow" inside the film's quoted title is no day
    assert starts(events) == expected
    assert (events[0].kind, events[0].place.name) == (kind, name)


def test_a_follow_up_at_the_same_place_stays_one_event() -> None:
    text = ("Rassemblement le samedi 14 mars 2026 à 15h devant la mairie de Rouillé ; il sera "
            "suivi d'un concert devant la mairie de Rouillé.")
    assert starts(extract(text, "2026-03-01", "fr")) == ["2026-03-14T15:00"]


def test_a_place_told_with_a_day_that_is_over_is_not_the_events() -> None:
    text = ("Appel à manifester ce samedi 14 mars 2026 à 14h.\n\n"
            "Jeudi passé, le 5 mars 2026, un détenu est mort au centre fermé de Vottem.")
    events = extract(text, "2026-03-09", "fr")
    assert starts(events) == ["2026-03-14T14:00"]
    assert events[0].place.name != "centre fermé de Vottem"
    assert events[0].place.locality != "Vottem"


def test_a_day_heading_over_its_closing_time_gives_the_day_until_then() -> None:
    text = ("Agenda de la semaine\n\nMardi 6 octobre 2026\n"
            "Jusqu'à 17h, permanence juridique du collectif à la Maison de la Paix, "
            "rue Van Elewyck 35, 1050 Ixelles.\n\nMercredi 7 octobre 2026\n"
            "19h : projection au cinéma Nova, rue d'Arenberg 3, Bruxelles.")
    events = extract(text, "2026-10-02", "fr")
    assert starts(events) == ["2026-10-06", "2026-10-07T19:00"]
    assert events[0].end is not None and events[0].end.isoformat()[:16] == "2026-10-06T17:00"


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Posted 2 October 2026\n\nToday, at noon, the council has voted the cuts.\n\n"
           "Join us on Saturday 10 October at 11am outside Leeds Town Hall for a rally."),
    ("fr", "Publié le 2 octobre 2026\n\nAujourd'hui à midi, le conseil a voté les coupes.\n\n"
           "Rejoignez-nous samedi 10 octobre à 11h devant l'hôtel de ville de Liège."),
])
def test_what_happened_earlier_on_the_day_of_writing_is_no_event(lang: str, text: str) -> None:
    assert starts(extract(text, "2026-10-02", lang)) == ["2026-10-10T11:00"]


def test_a_call_for_today_in_the_perfect_tense_still_stands() -> None:
    text = "Today at 6pm: a vigil has been called outside the Town Hall in Leeds. Join us."
    assert starts(extract(text, "2026-10-02", "en")) == ["2026-10-02T18:00"]


AFTER_THE_MARCH = [
    ("nl", "Betoging tegen de besparingen\n\nOp dinsdag 13 oktober 2026 trekken we door Brussel. "
           "We verzamelen om 10u30 aan het Noordstation, vertrek van de stoet om 11 uur richting "
           "het Zuidstation.\nDaarna, om 14 uur, volksfeest op het Sint-Gillisvoorplein met "
           "optredens van lokale bands.", "2026-10-05",
     ["2026-10-13T10:30", "2026-10-13T14:00"], "Noordstation"),
    ("fr", "Manifestation pour le climat\n\nLe samedi 17 octobre 2026, nous défilerons dans "
           "Liège. Rendez-vous à 13h place Saint-Lambert, départ du cortège à 13h30.\n"
           "Ensuite, à 17h, concert de soutien au parc de la Boverie.", "2026-10-05",
     ["2026-10-17T13:00", "2026-10-17T17:00"], "place Saint-Lambert"),
]


@pytest.mark.parametrize(("lang", "text", "reference", "expected", "name"), AFTER_THE_MARCH)
def test_an_item_of_another_kind_after_the_march_is_its_own_event(
        lang: str, text: str, reference: str, expected: list[str], name: str) -> None:
    events = sorted(extract(text, reference, lang), key=lambda e: e.start.isoformat())
    assert starts(events) == expected
    assert events[0].place.name == name


SAME_PLACE = [
    ("en", "Thursday 15 October 2026\n7pm: Public meeting on housing, The Cube Cinema, Bristol.\n"
           "9pm: Fundraiser gig with local bands at the same venue.", "2026-10-12"),
    ("fr", "Jeudi 15 octobre 2026\n19h : débat sur le logement au Pianofabriek, Saint-Gilles.\n"
           "21h : concert de soutien au même endroit.", "2026-10-12"),
    ("nl", "Donderdag 15 oktober 2026\n19 uur: debat over wonen in De Centrale, Gent.\n"
           "21 uur: steunconcert op dezelfde plek.", "2026-10-12"),
]


@pytest.mark.parametrize(("lang", "text", "reference"), SAME_PLACE)
def test_the_same_venue_is_the_place_of_the_event_before(lang: str, text: str,
                                                         reference: str) -> None:
    events = extract(text, reference, lang)
    assert len(events) == 2 and events[0].place.name
    assert events[1].place == events[0].place


REPORTS_IN_THE_SIMPLE_PAST = [
    ("nl", "Duizenden betogers in Gent\n\nZondag trokken meer dan 5.000 mensen door Gent. De "
           "stoet vertrok om 13 uur aan het Sint-Pietersstation en eindigde rond 16 uur op de "
           "Korenmarkt."),
    ("en", "Police clear protest camp\n\nPolice moved in at 5am on Tuesday to clear the camp "
           "outside the Town Hall in Leeds. Campaigners chanted as the tents were removed."),
]


@pytest.mark.parametrize(("lang", "text"), REPORTS_IN_THE_SIMPLE_PAST)
def test_a_report_in_the_simple_past_gives_no_event(lang: str, text: str) -> None:
    assert extract(text, "2026-10-13", lang) == []


def test_a_call_recalling_last_years_march_still_gives_its_event() -> None:
    text = ("Vorig jaar trokken 5.000 mensen door Gent. Dit jaar stappen we opnieuw op: "
            "zaterdag 17 oktober 2026 om 14 uur, vertrek aan het Sint-Pietersstation.")
    assert starts(extract(text, "2026-10-13", "nl")) == ["2026-10-17T14:00"]


def test_the_second_event_of_a_sentence_takes_the_place_after_its_time() -> None:
    text = ("Grève féministe le lundi 8 mars 2027. Rassemblement à 12h sur la place de "
            "l'Albertine à Bruxelles, puis manifestation à 17h au départ de la gare Centrale.")
    events = [e for e in extract(text, "2027-03-01", "fr") if e.start and e.start.hour]
    places = {e.start.hour: (e.place.name, e.place.locality) for e in events}
    assert places == {12: ("place de l'Albertine", "Bruxelles"),
                      17: ("gare Centrale", "Bruxelles")}


def test_an_item_after_a_day_announced_as_a_march_is_its_own_event() -> None:
    text = ("Vredesmars in Antwerpen\n\nOp zondag 7 maart 2027 organiseert Vredesactie een mars "
            "door Antwerpen. Samenkomst om 13u30 op de Groenplaats. Na de mars, rond 16 uur, "
            "slotmoment met muziek aan het MAS.")
    events = sorted(extract(text, "2027-03-01", "nl"), key=lambda e: e.start.isoformat())
    assert starts(events) == ["2027-03-07T13:30", "2027-03-07T16:00"]
    assert [e.place.name for e in events] == ["Groenplaats", "MAS"]


OTHER_GROUP = [
    ("fr", "Samedi 12 avril, plusieurs rendez-vous à Lyon :\n"
           "Le collectif Santé pour tous donne rendez-vous à 13h devant l'hôpital "
           "Édouard-Herriot.\n"
           "Les syndicats de soignants, quant à eux, se retrouvent à 15h place des Terreaux."),
    ("nl", "Zaterdag 12 april, verschillende afspraken in Gent:\n"
           "Het comité Zorg voor iedereen verzamelt om 13 uur aan het UZ Gent.\n"
           "De vakbonden verzamelen van hun kant om 15 uur op de Korenmarkt."),
    ("en", "Saturday 12 April, several gatherings in Leeds:\n"
           "The Health For All group meets at 1pm outside the General Infirmary.\n"
           "The unions, for their part, meet at 3pm in Millennium Square."),
]


@pytest.mark.parametrize(("lang", "text"), OTHER_GROUP)
def test_another_group_at_its_own_place_is_another_event(lang: str, text: str) -> None:
    events = extract(text, "2025-04-07", lang)
    assert starts(events) == ["2025-04-12T13:00", "2025-04-12T15:00"]
    assert all(not e.meeting_points for e in events)


ROUTE_ASSEMBLY = [
    ("fr", "Le cortège s'élancera le samedi 27 septembre à 14h de la place Bellecour ; on se "
           "rassemble dès 13h."),
    ("nl", "Zaterdag 27 september: de stoet vertrekt om 14 uur aan het Zuidstation, verzamelen "
           "vanaf 13 uur."),
    ("en", "Saturday 27 September: the march sets off at 2pm from Kings Cross, assembling "
           "from 1pm."),
]


@pytest.mark.parametrize(("lang", "text"), ROUTE_ASSEMBLY)
def test_a_march_starts_when_people_gather_for_it(lang: str, text: str) -> None:
    events = extract(text, "2025-09-20", lang)
    assert starts(events) == ["2025-09-27T13:00"]
    assert events[0].kind == "march"


def test_a_rendez_vous_in_an_items_paragraph_is_that_items() -> None:
    text = ("Agenda du vendredi 13 juin\n\n"
            "à 12h, la CGT Lyon 3 tient une permanence au 10 rue Paul Bert.\n\n"
            "à 14h, le comité de défense organise un rassemblement devant l'hôpital "
            "Édouard-Herriot.\nLes soignants sont épuisés.\n"
            "Le rdv est donné à 14h devant l'hôpital, qui se trouve au 5 place d'Arsonval, "
            "à Bron.\n\n"
            "à 14h aussi, la coordination tient son rassemblement hebdomadaire sur la place "
            "des Terreaux.\n")
    events = extract(text, "2025-06-10", "fr")
    assert [(e.start.isoformat()[11:16], e.place.locality) for e in events] == [
        ("12:00", None), ("14:00", "Bron"), ("14:00", None)]


def test_the_same_hour_of_rendez_vous_at_two_places_is_two_events() -> None:
    text = ("Samedi 14 juin, à Lille :\n"
            "Les Amis de la Terre donnent rendez-vous à 15h au parc Jean-Baptiste Lebas.\n"
            "Le collectif Logement donne rendez-vous à 15h sur la Grand-Place.\n")
    events = extract(text, "2025-06-10", "fr")
    assert starts(events) == ["2025-06-14T15:00", "2025-06-14T15:00"]
    assert sorted(e.place.name or "" for e in events) == ["Grand-Place",
                                                          "parc Jean-Baptiste Lebas"]


@pytest.mark.parametrize(("lang", "text", "name"), [
    ("nl", "Op vrijdag 13 juni verzamelen we om 14 uur voor het stadhuis van Gent, "
           "Botermarkt 1.\n\nOverzicht van de acties:\n- Gent: 14 uur, stadhuis, Botermarkt\n"
           "- Brugge: 16 uur, Markt\n", "Botermarkt"),
    ("en", "On Friday 13 June we rally at 2pm outside Leeds Town Hall, The Headrow.\n\n"
           "All the actions:\n- Leeds: 2pm, Leeds Town Hall\n- York: 4pm, Parliament Street\n",
     "Leeds Town Hall"),
    ("fr", "Vendredi 13 juin, le collectif se rassemble à 14h devant le ministère de la Santé, "
           "place Pierre-Laroque, à Paris.\n\nLes autres rassemblements :\n"
           "- Paris – 14 h devant le ministère de la Santé, place Laroque\n"
           "- Nantes – 16 h square Halgan\n", "ministère de la Santé, place Pierre-Laroque"),
])
def test_an_event_summed_up_again_in_a_list_is_one_event(lang: str, text: str,
                                                         name: str) -> None:
    events = extract(text, "2025-06-10", lang)
    assert [e.start.isoformat()[11:16] for e in events] == ["14:00", "16:00"]
    assert events[0].place.name == name


def test_a_programme_and_its_first_item_stay_two_events() -> None:
    text = ("Soirée de soutien le samedi 14 juin au Pianofabriek.\n"
            "20h : concert de la chorale\n21h : débat\n22h : bal folk\n")
    events = extract(text, "2025-06-10", "fr")
    assert starts(events).count("2025-06-14T20:00") == 2


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Vendredi 13 juin, le collectif se rassemble à 14h devant la mairie de Lille, place "
           "Augustin Laurent. Le lendemain, samedi 14 juin, il donne rendez-vous sur cette même "
           "place dès 11h pour un pique-nique.\n"
           "Le même samedi, les Amis de la Terre se retrouvent au parc Jean-Baptiste Lebas."),
    ("en", "On Friday 13 June we rally at 2pm outside Leeds Town Hall. On Saturday 14 June we "
           "meet again at 11am at the same place for a picnic.\n"
           "That Saturday the Friends of the Earth also gather in Roundhay Park."),
])
def test_a_sentence_sending_back_to_the_place_before_takes_it(lang: str, text: str) -> None:
    events = extract(text, "2025-06-10", lang)
    assert len(events) == 2
    assert events[1].place.name == events[0].place.name


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Soirée de soutien aux sans-papiers\nSamedi 25 octobre au Pianofabriek, rue du "
           "Fort 35, 1060 Saint-Gilles\n\n18h : atelier de sérigraphie\n"
           "19h30 : projection du documentaire « Les invisibles »\n21h : débat\n"
           "22h30 : concert\n"),
    ("nl", "Steunavond voor de vluchtelingen\nZaterdag 25 oktober in de Vooruit, "
           "Sint-Pietersnieuwstraat 23, 9000 Gent\n\n18u: workshop zeefdruk\n"
           "19u30: vertoning van de documentaire\n21u: debat\n22u30: concert\n"),
])
def test_programme_items_are_held_at_the_programmes_place(lang: str, text: str) -> None:
    events = extract(text, "2025-10-01", lang)
    assert len(events) == 5
    assert len({(e.place.street, e.place.locality) for e in events}) == 1
    assert events[-1].place.street is not None


def test_a_square_named_like_a_market_names_no_event() -> None:
    text = ("Fietsbetoging tegen de nieuwe snelweg\n\nZondag 26 oktober vertrekken we om 14u "
            "aan het station Antwerpen-Berchem. We fietsen samen naar het stadhuis op de "
            "Grote Markt, waar we rond 15u30 aankomen.\n")
    assert starts(extract(text, "2025-10-01", "nl")) == ["2025-10-26T14:00"]


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Grève générale le mardi 14 octobre !\n\nLes syndicats appellent à une grève de 24 "
           "heures le mardi 14 octobre. Une manifestation aura lieu le même jour à Bruxelles : "
           "rendez-vous à 10h à la gare du Nord."),
    ("en", "General strike on Tuesday 14 October!\n\nThe unions call a 24-hour strike on "
           "Tuesday 14 October. There will be a march in London that day: we meet at 11am "
           "at Euston Station."),
])
def test_the_rendez_vous_for_a_protest_on_a_strike_day_is_its_own_event(lang: str,
                                                                        text: str) -> None:
    events = extract(text, "2025-10-01", lang)
    assert [e.kind for e in events][0] == "strike"
    protest = events[-1]
    assert protest.kind in ("demonstration", "march")
    assert protest.start.hour in (10, 11) and protest.place.name is not None


@pytest.mark.parametrize(("lang", "text", "start"), [
    ("en", "Vigil for Gaza – every Friday\n\nWe hold a silent vigil every Friday at 6pm outside "
           "Manchester Central Library. Next vigil: Friday 24 October.", "2025-10-24T18:00"),
    ("fr", "Cercle de silence tous les mercredis à 18h place du Marché à Liège. Prochain "
           "cercle : mercredi 22 octobre.", "2025-10-22T18:00"),
])
def test_the_announced_day_of_a_repeated_event_is_its_next_occurrence(lang: str, text: str,
                                                                     start: str) -> None:
    events = extract(text, "2025-10-01", lang)
    assert starts(events) == [start]
    assert "recurring" in [w.code for w in events[0].warnings]


MARCH_STEPS = [
    ("fr", "MARCHE POUR LE LOGEMENT\n\nSamedi 8 novembre\n14h00 : rassemblement à la gare du "
           "Midi\n14h30 : départ du cortège vers la place Flagey\n16h00 : prises de parole "
           "place Flagey\n18h00 : concert de soutien au Pianofabriek\n",
     ["2025-11-08T14:00", "2025-11-08T18:00"]),
    ("nl", "ACTIE VOOR BETAALBARE HUUR\n\nZaterdag 8 november\n14u00 - verzamelen aan het "
           "Sint-Pietersstation\n14u30 - vertrek van de stoet richting Korenmarkt\n"
           "16u00 - toespraken op de Korenmarkt\n", ["2025-11-08T14:00"]),
    ("en", "HOUSING MARCH\n\nSaturday 8 November\n1pm - assemble at Kings Cross\n1.30pm - "
           "march sets off towards Parliament Square\n3pm - speeches in Parliament Square\n"
           "6pm - benefit gig at the Hope and Anchor\n",
     ["2025-11-08T13:00", "2025-11-08T18:00"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), MARCH_STEPS)
def test_the_steps_of_a_march_in_a_programme_are_one_event(lang: str, text: str,
                                                           expected: list[str]) -> None:
    events = extract(text, "2025-11-03", lang)
    assert starts(events) == expected
    if lang != "nl":  # the Dutch call names an action in its headline
        assert events[0].kind == "march"
    assert any(m.role == "route_start" for m in events[0].meeting_points) or \
        events[0].description



@pytest.mark.parametrize(("lang", "text", "start"), [
    ("fr", "Le procès reprend le lundi 17 novembre à 9h au palais de justice de Liège, place "
           "Saint-Lambert 16. Nous appelons à une concentration devant le tribunal dès 8h30.",
     "2025-11-17T08:30"),
    ("en", "The council votes on the cuts on Monday 17 November at 7pm at the Town Hall. "
           "Join the rally outside from 6pm.", "2025-11-17T18:00"),
    ("nl", "De gemeenteraad stemt maandag 17 november om 19 uur over de besparingen. Kom mee "
           "betogen voor het stadhuis vanaf 18 uur.", "2025-11-17T18:00"),
])
def test_a_protest_gathering_before_what_it_is_about_is_the_event(lang: str, text: str,
                                                                  start: str) -> None:
    assert starts(extract(text, "2025-11-12", lang)) == [start]


def test_the_rallies_listed_for_a_strike_day_are_rallies_and_the_strike_is_the_day() -> None:
    text = ("Appel à la grève féministe du 8 mars\n\nLe 8 mars, on s'arrête toutes ! Grève du "
            "travail et des soins.\nRassemblements :\n- Bruxelles : 11h, gare Centrale\n"
            "- Liège : 12h, place Saint-Lambert\n- Namur : 12h30, place d'Armes\n"
            "Le soir, à 19h, soirée festive au Pianofabriek.")
    events = extract(text, "2026-02-20", "fr")
    by_kind = sorted((e.kind, e.start.isoformat()[:16]) for e in events)
    assert by_kind == [("party", "2026-03-08T19:00"), ("rally", "2026-03-08T11:00"),
                       ("rally", "2026-03-08T12:00"), ("rally", "2026-03-08T12:30"),
                       ("strike", "2026-03-08")]


@pytest.mark.parametrize(("lang", "text", "end"), [
    ("fr", "Assemblée publique le vendredi 28 novembre à partir de 19h à la Maison du Peuple.\n"
           "▶ 19:00—20:30 Assemblée générale ouverte à toutes et tous", "2025-11-28T20:30"),
    ("en", "Public assembly on Friday 28 November from 7pm at the Friends Meeting House.\n"
           "7pm–9.30pm: general assembly, open to all", "2025-11-28T21:30"),
])
def test_the_same_hour_told_again_with_its_end_gives_the_end(lang: str, text: str,
                                                             end: str) -> None:
    events = extract(text, "2025-11-24", lang)
    assert [e.end.isoformat()[:16] for e in events if e.end] == [end]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("fr", "SOIRÉE DE SOUTIEN AUX INCULPÉ·ES DU 14 FÉVRIER\n\nSamedi 28 mars au Garcia Lorca, "
           "concert à 20h.", ["2026-03-28T20:00"]),
    ("en", "Benefit gig for those arrested at the 14 February protest.\n\nSaturday 28 March, "
           "8pm at the Cube.", ["2026-03-28T20:00"]),
    ("nl", "Steunavond voor de aangehouden betogers van 14 februari.\n\nZaterdag 28 maart om "
           "20 uur in de Vooruit.", ["2026-03-28T20:00"]),
])
def test_a_day_without_its_year_most_of_a_year_ahead_is_last_years(
        lang: str, text: str, expected: list[str]) -> None:
    assert starts(extract(text, "2026-03-02", lang)) == expected


def test_the_text_goes_on_about_the_event_after_a_past_day_in_passing() -> None:
    text = ("Demain mardi, toutes et tous au tribunal !\n\n"
            "Notre camarade passe en audience pour avoir participé à la manifestation du 12 "
            "décembre. Rassemblement de soutien dès 12h devant le tribunal judiciaire de "
            "Bobigny.\n\nPour celles et ceux qui partent de Paris : rendez-vous à 11h15 à la "
            "sortie du métro Bobigny, on marchera ensemble jusqu'au tribunal.")
    events = extract(text, "2026-03-02", "fr")
    assert starts(events) == ["2026-03-03T12:00"]
    assert [(m.time.strftime("%H:%M"), m.place.name) for m in events[0].meeting_points] == [
        ("11:15", "métro Bobigny")]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "SOLIDARITY NIGHT\nFriday 20 March\nThe Old Bakery, 14 Stokes Croft, Bristol BS1 3PR"
           "\n\nDoors 7pm\n7.30pm — film screening\n9.30pm — live music\n11pm — DJ set\n"),
    ("fr", "SOIRÉE DE SOUTIEN\nSamedi 28 mars au Garcia Lorca\n47 rue des Foulons, 1000 "
           "Bruxelles\n\n18h : ouverture des portes et repas\n19h30 : projection\n"
           "21h : concert\n23h : DJ\n"),
    ("nl", "STEUNAVOND\nZaterdag 21 maart in Jeugdhuis De Moestuin, Molenstraat 8, 3000 Leuven"
           "\n\n19u00 – deuren open + volkskeuken\n20u00 – debat\n21u30 – concert\n"
           "23u00 – dj\n"),
])
def test_the_doors_opening_starts_the_evening_and_is_no_item(lang: str, text: str) -> None:
    events = extract(text, "2026-03-02", lang)
    assert len(events) == 4
    assert events[0].start.hour == events[1].start.hour - 1 or events[0].start < events[1].start
    assert all(e.place.locality for e in events)


ROUTE_SENTENCES = [
    ("fr", "Le dimanche 22 mars, nous marcherons dans les rues de Liège. Nous nous rassemblerons "
           "dès 13h30 sur la place du Marché, d'où le cortège s'élancera à 14h pour traverser le "
           "centre par la rue Léopold et le pont des Arches, jusqu'au parc de la Boverie.",
     "2026-03-22T13:30", ("place du Marché", None, "Liège")),
    ("nl", "Op zondag 29 maart stappen we door Antwerpen. We verzamelen om 13u op het "
           "Operaplein. Om 14u vertrekt de stoet via de Meir naar het Steenplein.",
     "2026-03-29T13:00", ("Operaplein", None, "Antwerpen")),
    ("en", "On Saturday 28 March we will walk through Glasgow. We assemble at 11am at the "
           "bandstand in Kelvingrove Park, set off at 11.45am along Sauchiehall Street and "
           "finish at George Square, where there will be speeches from 1pm.",
     "2026-03-28T11:00", ("Kelvingrove Park", None, "Glasgow")),
]


@pytest.mark.parametrize(("lang", "text", "start", "place"), ROUTE_SENTENCES)
def test_a_march_told_in_one_sentence_starts_where_and_when_it_gathers(
        lang: str, text: str, start: str, place: tuple) -> None:
    event = extract(text, "2026-03-02", lang)[0]
    assert event.start.isoformat()[:16] == start
    assert (event.place.name, event.place.street, event.place.locality) == place


def test_a_group_walking_over_together_leaves_from_its_meeting_point() -> None:
    text = ("Next Friday at 11am we walk out of class! Gather at the Clock Tower, North Street, "
            "Brighton BN1 1RE.\n\nStudents from Hove: meet at 10.30am outside Hove station and "
            "we'll walk over together.")
    event = extract(text, "2026-03-02", "en")[0]
    assert event.start.hour == 11
    assert [(m.role, m.time.strftime("%H:%M")) for m in event.meeting_points] == [
        ("group_departure", "10:30")]


def test_the_week_an_agenda_covers_is_no_event() -> None:
    text = ("AGENDA DES LUTTES — LILLE\nSemaine du 8 au 14 mars\n\n"
            "▶ Mardi 10 mars, 19h — Atelier à la Maison de quartier des Moulins, Lille.\n"
            "▶ Vendredi 13 mars, 20h — Projection au cinéma L'Univers, Lille.\n")
    assert starts(extract(text, "2026-03-02", "fr")) == ["2026-03-10T19:00",
                                                         "2026-03-13T20:00"]


def test_a_moment_of_the_event_told_after_it_is_no_event_of_its_own() -> None:
    text = ("Veillée aux bougies pour Inès\n\nMercredi 18 mars à 20h, devant l'entrée "
            "principale de l'hôpital.\n\nUne minute de silence sera observée à 20h15.")
    assert starts(extract(text, "2026-03-02", "fr")) == ["2026-03-18T20:00"]


def test_the_month_of_a_date_names_no_march() -> None:
    text = ("Subject: Public meeting next Thursday\n\nOur public meeting on rent controls is "
            "next Thursday, 12 March, 7pm at the Friends Meeting House, Manchester.")
    events = extract(text, "2026-03-02", "en")
    assert [(e.kind, e.start.isoformat()[:16]) for e in events] == [
        ("meeting", "2026-03-12T19:00")]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Because of the rail strike, tomorrow's mass lobby of Parliament is POSTPONED.\n\n"
           "New date: Tuesday 14 April, 2pm, Houses of Parliament, London.\n\nIf you booked a "
           "meeting with your MP for tomorrow, please move it to the new date."),
    ("fr", "En raison de la grève, le rassemblement de demain est reporté.\n\nNouvelle date : "
           "mardi 14 avril à 14h, place Surlet de Chokier, Bruxelles.\n\nSi vous aviez prévu "
           "de venir demain, gardez vos pancartes."),
])
def test_the_day_called_off_named_again_stays_called_off(lang: str, text: str) -> None:
    assert starts(extract(text, "2026-03-02", lang)) == ["2026-04-14T14:00"]


def test_a_dutch_closing_word_gives_the_end() -> None:
    text = ("Op zondag 8 maart houden we een stille wake voor het stadhuis van Utrecht. We "
            "beginnen om 19.00 uur en sluiten af om 19.45 uur.")
    (event,) = extract(text, "2026-03-02", "nl")
    assert (event.start.isoformat()[11:16], event.end.isoformat()[11:16]) == ("19:00", "19:45")


@pytest.mark.parametrize(("lang", "text", "start", "name"), [
    ("en", "SAVE OUR LIBRARIES — SIT-IN AT THE CIVIC HALL\n\nLeeds City Council meets on "
           "Wednesday 13 May to vote on closing 12 libraries.\n\nJoin us outside on the steps "
           "from 1pm — the full council meeting starts at 1.30pm.\n\n📍 Civic Hall, Calverley "
           "Street, Leeds LS1 1UR", "2026-05-13T13:00", "Civic Hall"),
    ("nl", "Donderdag 28 mei stemt de gemeenteraad over de sluiting van buurthuis De Oase in "
           "Overvecht.\n\n📍 Sit-in in de hal van het Stadskantoor, Stadsplateau 1, 3521 AZ "
           "Utrecht\n⏰ Vanaf 18:30 – de raadsvergadering begint om 19:00.",
     "2026-05-28T18:30", "hal van het Stadskantoor"),
])
def test_the_session_a_sit_in_is_about_is_no_event(lang: str, text: str, start: str,
                                                    name: str) -> None:
    events = extract(text, "2026-05-04", lang)
    assert [(e.kind, e.start.isoformat()[:16], e.place.name) for e in events] == [
        ("rally", start, name)]


@pytest.mark.parametrize(("lang", "text", "start"), [
    ("fr", "Lundi 18 mai, le conseil communal vote la vente du terrain. 🌳 Ce terrain, c'est le "
           "dernier espace vert du quartier !\n\nSIT-IN devant la maison communale dès 18h30.",
     "2026-05-18T18:30"),
    ("en", "On Monday 18 May the council votes on selling the last green space in the ward.\n\n"
           "Sit-in outside the Town Hall from 6.30pm.", "2026-05-18T18:30"),
])
def test_last_as_an_adjective_dates_nothing(lang: str, text: str, start: str) -> None:
    assert starts(extract(text, "2026-05-04", lang)) == [start]
