"""Towns beyond the served countries and towns told by their context: a small town after a
town cue ("in Jasper") or with its state ("Fort Edward, NY"), a news dateline, a qualifier
that is part of the name ("Washington, D.C."), and what is no town (a country, a phrase)."""

from __future__ import annotations

import pytest
from calls import extract

from affiche.extract.places import find_localities


def towns(text: str, lang: str) -> list[str]:
    """The towns found in `text`, as written."""
    return [t.name for t in find_localities(text, lang)]


TOLD = [
    ("en", "The candle vigil will be held in Winamac on Friday night.", ["Winamac"]),
    ("en", "Pickets outside the depot, 40 Elm Street, Lake Placid, NY 12946.", ["Lake Placid"]),
    ("en", "Supporters will drive up from Paoli, Indiana for the hearing.", ["Paoli"]),
    ("fr", "Le rassemblement aura lieu à Longueuil, devant l'hôtel de ville.", ["Longueuil"]),
    ("en", "Hundreds are expected to gather in Cork on Saturday.", ["Cork"]),
    ("en", "A folk night in Hobart raises money for the library.", ["Hobart"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), TOLD)
def test_a_town_told_by_its_cue_or_state(lang: str, text: str, expected: list[str]) -> None:
    assert towns(text, lang) == expected


NOT_TOWNS = [
    ("en", "A march in Memory of the victims of the flood."),
    ("en", "The teach-in will be held in Freedom Plaza."),
    ("en", "Trade between Canada and Mexico fell last year."),
    ("fr", "Une grève générale est annoncée à La Réunion vendredi."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_TOWNS)
def test_no_town_in_a_phrase_a_square_or_a_country(lang: str, text: str) -> None:
    assert towns(text, lang) == []


def test_a_qualifier_belongs_to_the_town_name() -> None:
    assert towns("A sit-in on the steps of the Capitol in Washington, D.C. this week.", "en") \
        == ["Washington, D.C."]


def test_a_town_written_short() -> None:
    assert towns("Buses leave for D.C. at dawn on Saturday.", "en") == ["D.C."]
    assert towns("the d.c. current of the speakers", "en") == []


def test_a_dateline_names_the_report_town() -> None:
    text = ("Small town rally postponed\nLAKE PLACID — The rally planned for Sunday 19 July "
            "2026 at the bandstand has moved to the following week.\n")
    assert towns(text, "en") == ["LAKE PLACID"]


def test_a_served_town_is_read_before_its_american_namesake() -> None:
    (kent,) = find_localities("Trains to Rochester take an hour.", "en")
    (new_york,) = find_localities("The picket is in Rochester, NY.", "en")
    assert (kent.country, new_york.country) == ("GB", "US")


def test_the_event_in_a_small_american_town_takes_it() -> None:
    text = ("Vigils for the detained on Friday 12 July 2024\n"
            "In Winamac, candles will be lit at 9 pm in front of the public library.\n")
    (event,) = extract(text, "2024-07-01", "en")
    assert event.place.locality == "Winamac"


def test_a_town_alone_on_its_line_heads_the_lines_below() -> None:
    text = ("Les rendez-vous du samedi 14 juin 2025\n\nSion\n\n10h: Rassemblement sur la "
            "Place de la Planta.\n\nMartigny\n\n11h: Pique-nique sur la Place Centrale.\n")
    events = extract(text, "2025-06-01", "fr")
    assert [e.place.locality for e in events] == ["Sion", "Martigny"]


WORDS_OF_NAMES = [
    ("fr", "Le collectif Droit&Genre tiendra un stand devant le palais de justice."),
    ("fr", "La balade est organisée par le groupe « Vélos et Ardennes »."),
    ("fr", "Départ à 10h sur les allées Verdi, devant la mairie annexe."),
    ("nl", "Bron: eigen verslag. De betoging vertrekt om 14 uur."),
]


@pytest.mark.parametrize(("lang", "text"), WORDS_OF_NAMES)
def test_a_town_word_inside_a_name_is_no_town(lang: str, text: str) -> None:
    assert towns(text, lang) == []


def test_a_town_in_a_long_quote_is_a_town() -> None:
    text = "Exposition « Trente ans de radios libres à Grenoble et dans les vallées voisines »."
    assert towns(text, "fr") == ["Grenoble"]


def test_a_north_american_address_with_its_state_and_code() -> None:
    from affiche.extract.addresses import find_addresses

    (us,) = find_addresses("Picket at St. Jude Hospital, 40 Elm Street, Rochester, NY "
                           "14604 on Monday.", "en")
    assert (us.name, us.street, us.postcode, us.locality, us.country) == (
        "St. Jude Hospital", "40 Elm Street", "14604", "Rochester", "US")
    (ca,) = find_addresses("Rendez-vous au 250 rue Saint-Charles Ouest, Longueuil, QC J4H 1C9.",
                           "fr")
    assert (ca.postcode, ca.locality, ca.country) == ("J4H 1C9", "Longueuil", "CA")


def test_an_american_address_over_three_lines_and_a_street_quadrant() -> None:
    from affiche.extract.addresses import find_addresses

    (lines,) = find_addresses("Town Hall\n12 W. Main Street\nDayton, Ohio 45402\n", "en")
    assert (lines.street, lines.postcode, lines.locality, lines.country) == (
        "12 W. Main Street", "45402", "Dayton", "US")
    (quadrant,) = find_addresses("Meet at 900 Elm St. NW, Washington, DC 20001.", "en")
    assert (quadrant.street, quadrant.postcode, quadrant.locality) == (
        "900 Elm St. NW", "20001", "Washington, DC")


def test_a_metropolis_beats_a_served_village_namesake() -> None:
    (town,) = find_localities("Manifestation au parc Émilie-Gamelin, à Montréal.", "fr")
    assert town.country == "CA"



def test_a_sentence_word_ending_like_a_street_is_no_street() -> None:
    from affiche.extract.addresses import find_addresses

    assert find_addresses("De stoet vertrekt. Onderweg stoppen we in Gent.", "nl") == []
    (street,) = find_addresses("Kortrijksesteenweg 12 is de plek.", "nl")
    assert street.street == "Kortrijksesteenweg 12"


def test_a_common_word_opening_the_line_is_no_part_of_a_name() -> None:
    assert towns("Pour Québec – dimanche 4 mai 2025", "fr") == ["Québec"]


def test_a_start_over_two_lines_keeps_its_rendez_vous_place() -> None:
    text = ("Fête du travail 2025\n\nPour Verviers – jeudi 1er mai 2025\nRendez-vous à midi "
            "derrière la gare centrale, côté parc\n"
            "Pour Namur – vendredi 2 mai 2025\nQuand : dès 11h30\n")
    events = extract(text, "2025-04-20", "fr")
    first = next(e for e in events if e.start.day == 1)
    assert first.place.locality == "Verviers"


@pytest.mark.parametrize(("text", "name"), [
    ("A picket at Town Hall on Tue, 24th.", "Town Hall"),
    ("Nurses will gather near the Danish consulate on Sunday afternoon.", "Danish consulate"),
    ("A vigil at the Palace of Westminster on the 3rd.", "Palace of Westminster"),
])
def test_a_venue_name_ends_before_its_day(text: str, name: str) -> None:
    from affiche.extract.places import find_venues

    assert [v.name for v in find_venues(text, "en")] == [name]


def test_a_picket_takes_the_town_of_the_headline() -> None:
    text = ("Les actions du 8 mars 2025 à Namur\n\nA 10h, rassemblement place d'Armes. A 15h45, "
            "piquet de grève des cheminots devant la gare.\n")
    events = extract(text, "2025-03-01", "fr")
    picket = next(e for e in events if e.start.hour == 15)
    assert picket.kind == "strike" and picket.place.locality == "Namur"


def test_a_square_told_short_is_the_square_not_the_village() -> None:
    text = ("Fête de quartier à Namur, vendredi 14 mars 2025\n\nPoint de rencontre : place "
            "Saint-Servais\n\n15h : pique-nique à Saint-Servais, puis concert.\n")
    events = extract(text, "2025-03-01", "fr")
    rally = next(e for e in events if e.start.hour == 15)
    assert "Saint-Servais" in (rally.place.name or "") and rally.place.locality == "Namur"


def test_a_bracketed_postcode_after_an_address_keeps_the_event() -> None:
    (event,) = extract("Rendez-vous rue Haute 12 (1000) le samedi 14 juin 2025 à 14h.\n",
                       "2025-06-01", "fr")
    assert (event.start.day, event.place.street, event.place.postcode) == (14, "rue Haute 12",
                                                                           "1000")


ORIGINS = [
    ("nl", "Vanuit Gent vertrekt een bus om 9 uur.\nDe betoging begint op zondag 15 juni 2025 om "
           "13 uur aan het Noordstation.\n"),
    ("en", "Coaches will leave from Leeds and Sheffield.\nThe march is on Saturday 14 June 2025; "
           "assemble at 12 noon in Piccadilly Gardens.\n"),
]


@pytest.mark.parametrize(("lang", "text"), ORIGINS)
def test_a_town_people_come_from_is_not_the_event_town(lang: str, text: str) -> None:
    (event,) = extract(text, "2025-06-01", lang)
    assert event.place.name and event.place.locality is None


def test_a_march_arriving_in_a_town_is_in_its_own_town() -> None:
    text = ("Marche des fiertés à Liège le samedi 14 juin 2025 à 14h, départ place "
            "Saint-Lambert, arrivée à Seraing.\n")
    (event,) = extract(text, "2025-06-01", "fr")
    assert event.place.locality == "Liège"


def test_a_town_opening_an_organisation_name_is_not_the_event_town() -> None:
    text = ("Join the Boston Tenants Union for a rally on Saturday 14 June 2025 at 2pm at the "
            "State House.\n")
    (event,) = extract(text, "2025-06-01", "en")
    assert event.place.locality is None


def test_a_venue_word_after_a_street_like_name_is_no_town() -> None:
    from affiche.extract.addresses import find_addresses

    found = find_addresses("A quiz night at Ferry Hill Tavern on Friday.", "en")
    assert all(a.locality is None for a in found)
    (address,) = find_addresses("Meet at Park Lane, Leeds at noon.", "en")
    assert address.locality == "Leeds"


PROBES = [
    ("en", "Protest outside the Home Office, 2 Marsham Street, SW1P 4DF, on Saturday 14 June "
           "2025 at 2pm.\n", ("Home Office", "2 Marsham Street", "SW1P 4DF", None)),
    ("fr", "Rassemblement à 18h le jeudi 12 juin 2025 place de la Comédie, Montpellier.\n",
     (None, None, None, "Montpellier")),
    ("en", "Climate rally, Saturday 14 June 2025, 11am, Parliament House, Canberra ACT.\n",
     ("Parliament House", None, None, "Canberra")),
    ("en", "We gather at 6pm on Thursday 12 June 2025 at Speakers' Corner, Hyde Park.\n",
     ("Speakers' Corner, Hyde Park", None, None, None)),
]


@pytest.mark.parametrize(("lang", "text", "expected"), PROBES)
def test_postcodes_years_states_and_plurals_around_a_place(
        lang: str, text: str, expected: tuple[str | None, ...]) -> None:
    (event,) = extract(text, "2025-06-01", lang)
    place = event.place
    got = (place.name, place.street, place.postcode, place.locality)
    assert all(want is None or want == have for want, have in zip(expected, got, strict=True))
    assert not (place.street or "").startswith("2025")


def test_a_march_setting_off_from_a_town_station_is_in_that_town() -> None:
    (event,) = extract("Samedi 14 juin 2025 à 14h, manifestation au départ de la gare de "
                       "Namur.\n", "2025-06-01", "fr")
    assert event.place.locality == "Namur"
